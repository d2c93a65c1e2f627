//! An actor's contact persons. Personal data: shown to staff and to the
//! organisation's own partner accounts; each one can be corrected or
//! deleted, and administrators hand a copy over or erase it on request.

use crate::actions::confirm_then;
use crate::api;
use crate::components::form_field::{
    without_problems, Alert, CancelButton, DraftFields, Status, SubmitButton, TextField,
};
use crate::components::panel::Panel;
use crate::components::row_action::{hidden_name, RowAction};
use crate::components::table::Table;
use crate::dom;
use crate::hooks::{replace, use_draft, use_loaded, use_submit};
use crate::i18n::use_lang;
use shared::actors::{Contact, ContactInput};
use shared::ids::ActorId;
use shared::validation::Validate;
use shared::{ErrorCode, FieldError};
use yew::platform::spawn_local;
use yew::prelude::*;

const FIELDS: [(&str, &str); 4] = [
    ("name", "contact-name"),
    ("role", "contact-role"),
    ("email", "contact-email"),
    ("phone", "contact-phone"),
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ContactDraft {
    name: String,
    role: String,
    email: String,
    phone: String,
}

impl ContactDraft {
    fn from_contact(contact: &Contact) -> Self {
        ContactDraft {
            name: contact.name.clone(),
            role: contact.role.clone().unwrap_or_default(),
            email: contact.email.clone().unwrap_or_default(),
            phone: contact.phone.clone().unwrap_or_default(),
        }
    }

    fn to_input(&self) -> Result<ContactInput, Vec<FieldError>> {
        let input = ContactInput {
            name: self.name.clone(),
            role: Some(self.role.clone()),
            email: Some(self.email.clone()),
            phone: Some(self.phone.clone()),
        }
        .normalized();
        let problems = input.validate();
        without_problems(input, problems)
    }
}

#[derive(Properties, PartialEq)]
pub struct ContactsProps {
    pub actor_id: ActorId,
    pub can_edit: bool,
    /// Administrators answer the contacts' data-protection requests: a copy
    /// of what is stored about them, and its erasure.
    #[prop_or_default]
    pub can_erase: bool,
}

#[function_component]
pub fn Contacts(props: &ContactsProps) -> Html {
    let texts = use_lang().texts();
    let id = props.actor_id;
    let contacts = use_loaded(id, |id| async move { api::actors::contacts(id).await });
    // The contact being edited; `None` while adding a new one.
    let editing = use_state(|| None::<Contact>);
    let draft = use_draft(ContactDraft::default);
    let submit = use_submit(&FIELDS);

    let stop_editing = {
        let (editing, draft, submit) = (editing.clone(), draft.clone(), submit.clone());
        Callback::from(move |()| {
            editing.set(None);
            replace(&draft, ContactDraft::default());
            submit.clear();
        })
    };

    let onsubmit = {
        let (draft, editing, contacts, stop_editing) = (
            draft.clone(),
            editing.clone(),
            contacts.clone(),
            stop_editing.clone(),
        );
        submit.on_submit(move |submit| {
            let Some(input) = submit.checked(draft.0.to_input()) else {
                return;
            };
            let target = (*editing).clone();
            let (contacts, stop_editing) = (contacts.clone(), stop_editing.clone());
            let stale = contacts.clone();
            submit.run_or_else(
                async move {
                    match &target {
                        None => api::actors::add_contact(id, &input).await,
                        Some(contact) => {
                            api::actors::update_contact(id, contact.id, contact.version, &input)
                                .await
                        }
                    }
                },
                move |saved| {
                    stop_editing.emit(());
                    contacts.refresh(Some((texts.contact_saved)(&saved.name).into()));
                    dom::focus("#contact-name");
                },
                move |submit, error| {
                    if error.has_code(ErrorCode::VersionMismatch) {
                        // Someone changed this contact: show their version,
                        // and keep the typed values for the user to compare.
                        submit.set_summary(Some(texts.contact_conflict.into()));
                        stale.reload();
                    } else {
                        submit.refused(&error);
                    }
                },
            );
        })
    };

    let start_edit = |contact: &Contact| {
        let (editing, draft, contact) = (editing.clone(), draft.clone(), contact.clone());
        Callback::from(move |_: MouseEvent| {
            replace(&draft, ContactDraft::from_contact(&contact));
            editing.set(Some(contact.clone()));
            dom::focus("#contact-name");
        })
    };
    let remove = |contact: &Contact| {
        let (contacts, contact) = (contacts.clone(), contact.clone());
        Callback::from(move |_: MouseEvent| {
            let (contacts, name) = (contacts.clone(), contact.name.clone());
            confirm_then(
                &(texts.confirm_delete_contact)(&contact.name),
                || api::actors::delete_contact(id, contact.id, contact.version),
                move |outcome| match outcome {
                    Ok(()) => contacts.refresh(Some((texts.contact_deleted)(&name).into())),
                    Err(failure) => contacts.fail(failure),
                },
            );
        })
    };
    let export = |contact: &Contact| {
        let (contacts, contact) = (contacts.clone(), contact.clone());
        Callback::from(move |_: MouseEvent| {
            let (contacts, contact) = (contacts.clone(), contact.clone());
            spawn_local(async move {
                let saved = match api::actors::personal_data(id, contact.id).await {
                    Ok(blob) => dom::save_blob(
                        &blob,
                        &format!("donnees-personnelles-contact-{}.json", contact.id),
                    )
                    .map_err(|_| None),
                    Err(failure) => Err(Some(failure)),
                };
                match saved {
                    Ok(()) => {
                        contacts.set_status(Some((texts.personal_data_saved)(&contact.name).into()))
                    }
                    Err(Some(failure)) => contacts.fail(failure),
                    Err(None) => contacts.set_status(Some(texts.download_failed.into())),
                }
            });
        })
    };
    let erase = |contact: &Contact| {
        let (contacts, contact) = (contacts.clone(), contact.clone());
        Callback::from(move |_: MouseEvent| {
            if !dom::confirm(&(texts.confirm_erase_contact)(&contact.name)) {
                return;
            }
            let (contacts, contact) = (contacts.clone(), contact.clone());
            spawn_local(async move {
                match api::actors::erase_contact(id, contact.id).await {
                    Ok(_) => {
                        contacts.clear_error();
                        contacts.refresh(Some((texts.contact_erased)(&contact.name).into()));
                    }
                    Err(failure) => contacts.fail(failure),
                }
            });
        })
    };
    let cancel = {
        let stop_editing = stop_editing.clone();
        Callback::from(move |_: MouseEvent| stop_editing.emit(()))
    };

    // A reload keeps the edited contact's latest version for the next save.
    {
        let editing = editing.clone();
        use_effect_with(contacts.list().map(<[Contact]>::to_vec), move |list| {
            if let (Some(list), Some(current)) = (list, &*editing) {
                if let Some(latest) = list.iter().find(|c| c.id == current.id) {
                    if latest.version != current.version {
                        editing.set(Some(latest.clone()));
                    }
                }
            }
        });
    }

    let form_heading = match &*editing {
        Some(contact) => (texts.edit_contact)(&contact.name),
        None => texts.add_contact.to_owned(),
    };

    let fields = DraftFields::new(&draft, &submit);
    html! {
        <Panel heading_id="contacts-heading" heading={texts.contacts_heading}>
            <Status message={contacts.status()} />
            <Alert id="contacts-error" message={contacts.error_message(texts)} />
            { contacts.view(texts, html! { <p class="notice">{ texts.no_contacts }</p> }, |list| html! {
                <Table caption={texts.contacts_heading} testid="contacts" head={html! {
                    <>
                        <th scope="col">{ texts.column_name }</th>
                        <th scope="col">{ texts.contact_role }</th>
                        <th scope="col">{ texts.email }</th>
                        <th scope="col">{ texts.phone }</th>
                        if props.can_edit || props.can_erase {
                            <th scope="col">{ texts.column_actions }</th>
                        }
                    </>
                }}>
                    { for list.iter().map(|contact| {
                        let for_contact = hidden_name(&contact.name);
                        html! {
                            <tr key={contact.id.to_string()}>
                                <th scope="row">{ contact.name.clone() }</th>
                                <td>{ contact.role.clone().unwrap_or_default() }</td>
                                <td>
                                    if let Some(email) = &contact.email {
                                        <a href={format!("mailto:{email}")}>{ email.clone() }</a>
                                    }
                                </td>
                                <td>
                                    if let Some(phone) = &contact.phone {
                                        <a href={format!("tel:{}", phone.replace(' ', ""))}>{ phone.clone() }</a>
                                    }
                                </td>
                                if props.can_edit || props.can_erase {
                                    <td class="actions-cell">
                                        if props.can_edit {
                                            <RowAction label={texts.edit} object={for_contact.clone()}
                                                       onclick={start_edit(contact)} />
                                            { " " }
                                            <RowAction label={texts.delete} object={for_contact.clone()} danger=true
                                                       onclick={remove(contact)} />
                                        }
                                        if props.can_erase {
                                            { " " }
                                            <button type="button" class="button button--secondary button--small"
                                                    data-testid="export-personal-data"
                                                    onclick={export(contact)}>
                                                { texts.personal_data_export }{ for_contact.clone() }
                                            </button>
                                            { " " }
                                            <button type="button" class="button button--danger button--small"
                                                    data-testid="erase-contact"
                                                    onclick={erase(contact)}>
                                                { texts.erase_contact }{ for_contact }
                                            </button>
                                        }
                                    </td>
                                }
                            </tr>
                        }
                    }) }
                </Table>
            }) }
            if props.can_edit {
                <Panel heading_id="contact-form-heading" heading={form_heading} sub=true alert_id="contact-form-error" alert={submit.summary()}>
                    <form class="form form--grid" novalidate=true data-testid="contact-form" {onsubmit}>
                        <TextField
                            required=true
                            autocomplete="off"
                            ..fields.text("contact-name", texts.column_name, "name", |d| &d.name, |d, v| d.name = v)
                        />
                        <TextField
                            ..fields.text("contact-role", texts.contact_role, "role", |d| &d.role, |d, v| d.role = v)
                        />
                        <TextField
                            input_type="email"
                            autocomplete="off"
                            ..fields.text("contact-email", texts.email, "email", |d| &d.email, |d, v| d.email = v)
                        />
                        <TextField
                            input_type="tel"
                            autocomplete="off"
                            ..fields.text("contact-phone", texts.phone, "phone", |d| &d.phone, |d, v| d.phone = v)
                        />
                        <div class="form__actions">
                            <SubmitButton label={if editing.is_some() { texts.save_changes } else { texts.add_contact }} busy={submit.busy()} />
                            if editing.is_some() {
                                <CancelButton onclick={cancel} />
                            }
                        </div>
                    </form>
                </Panel>
            }
        </Panel>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_optional_fields_are_not_sent() {
        let draft = ContactDraft {
            name: " Claire Martin ".into(),
            role: " ".into(),
            email: "Claire.Martin@Ville.fr".into(),
            phone: String::new(),
        };
        let input = draft.to_input().unwrap();
        assert_eq!(input.name, "Claire Martin");
        assert_eq!(input.role, None);
        assert_eq!(input.email.as_deref(), Some("claire.martin@ville.fr"));
        assert_eq!(input.phone, None);
    }

    #[test]
    fn a_contact_needs_a_name_and_a_valid_email() {
        let draft = ContactDraft {
            email: "nope".into(),
            ..ContactDraft::default()
        };
        let fields: Vec<String> = draft
            .to_input()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "email"]);
    }
}
