//! Creating and editing an actor. The SIRET is checked here as on the
//! server (14 digits, Luhn key); a SIRET that another actor already has is
//! refused by the server, and the form then points to that actor.

use crate::api;
use crate::components::form_field::{
    options_of, with_prompt, Alert, CancelButton, ConflictAlert, SelectField, SubmitButton,
    TextAreaField, TextField,
};
use crate::components::nav::NavLink;
use crate::hooks::{replace, setter, use_draft, use_submit};
use crate::i18n::use_lang;
use crate::routes::Route;
use shared::actors::{Actor, ActorFields, ActorKind, ActorPatch, NewActor};
use shared::ids::ActorId;
use shared::{ErrorCode, FieldError};
use yew::prelude::*;

const FIELDS: [(&str, &str); 11] = [
    ("name", "actor-name"),
    ("kind", "actor-kind"),
    ("siret", "actor-siret"),
    ("sector", "actor-sector"),
    ("address", "actor-address"),
    ("commune_insee", "actor-commune"),
    ("website", "actor-website"),
    ("email", "actor-email"),
    ("phone", "actor-phone"),
    ("tags", "actor-tags"),
    ("notes", "actor-notes"),
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ActorDraft {
    name: String,
    kind: String,
    siret: String,
    sector: String,
    address: String,
    commune_insee: String,
    website: String,
    email: String,
    phone: String,
    tags: String,
    notes: String,
}

fn some(text: &str) -> Option<String> {
    Some(text.to_owned()).filter(|text| !text.trim().is_empty())
}

impl ActorDraft {
    fn from_actor(actor: &Actor) -> Self {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        ActorDraft {
            name: actor.name.clone(),
            kind: actor.kind.as_str().to_owned(),
            siret: text(&actor.siret),
            sector: text(&actor.sector),
            address: text(&actor.address),
            commune_insee: text(&actor.commune_insee),
            website: text(&actor.website),
            email: text(&actor.email),
            phone: text(&actor.phone),
            tags: actor.tags.join(", "),
            notes: text(&actor.notes),
        }
    }

    fn to_new(&self) -> NewActor {
        NewActor {
            name: self.name.clone(),
            kind: self.kind.parse().ok(),
            siret: some(&self.siret),
            sector: some(&self.sector),
            address: some(&self.address),
            commune_insee: some(&self.commune_insee),
            website: some(&self.website),
            email: some(&self.email),
            phone: some(&self.phone),
            tags: self
                .tags
                .split(',')
                .map(str::trim)
                .filter(|tag| !tag.is_empty())
                .map(str::to_owned)
                .collect(),
            notes: some(&self.notes),
        }
    }

    /// The same rules as the server's, so most mistakes show at once, all
    /// of them (the kind missing does not hide a wrong SIRET).
    fn checked(&self) -> Result<ActorFields, Vec<FieldError>> {
        let new = self.to_new();
        let mut problems = Vec::new();
        if new.kind.is_none() {
            problems.push(FieldError::new(
                "kind",
                "required",
                "choose the kind of actor",
            ));
        }
        let checked = ActorFields::from_new(NewActor {
            kind: new.kind.or(Some(ActorKind::Other)),
            ..new
        })
        .checked();
        match checked {
            Ok(fields) if problems.is_empty() => Ok(fields),
            Ok(_) => Err(problems),
            Err(mut more) => {
                problems.append(&mut more);
                // In the form's order, so the first message read is the first field's.
                problems.sort_by_key(|problem| {
                    FIELDS
                        .iter()
                        .position(|(name, _)| problem.field.split('.').next() == Some(name))
                });
                Err(problems)
            }
        }
    }

    fn to_create(&self) -> Result<NewActor, Vec<FieldError>> {
        self.checked()?;
        Ok(self.to_new())
    }

    /// What differs from `actor`, compared after normalisation (a SIRET
    /// typed with spaces is the same SIRET).
    fn to_patch(&self, actor: &Actor) -> Result<ActorPatch, Vec<FieldError>> {
        let fields = self.checked()?;
        fn changed<T: PartialEq>(new: T, old: &T) -> Option<T> {
            (new != *old).then_some(new)
        }
        Ok(ActorPatch {
            name: changed(fields.name, &actor.name),
            kind: changed(fields.kind, &actor.kind),
            siret: changed(fields.siret, &actor.siret),
            sector: changed(fields.sector, &actor.sector),
            address: changed(fields.address, &actor.address),
            commune_insee: changed(fields.commune_insee, &actor.commune_insee),
            website: changed(fields.website, &actor.website),
            email: changed(fields.email, &actor.email),
            phone: changed(fields.phone, &actor.phone),
            tags: changed(fields.tags, &actor.tags),
            notes: changed(fields.notes, &actor.notes),
        })
    }
}

/// The actor that already has `siret`, to link to it.
async fn holder_of(siret: &str) -> Option<(ActorId, String)> {
    let digits: String = siret.chars().filter(|c| c.is_ascii_digit()).collect();
    let page = api::actors::search(&digits).await.ok()?;
    page.items
        .into_iter()
        .find(|actor| actor.siret.as_deref() == Some(digits.as_str()))
        .map(|actor| (actor.id, actor.name))
}

#[derive(Properties, PartialEq)]
pub struct ActorFormProps {
    /// The actor being edited; `None` to create one.
    pub initial: Option<Actor>,
    pub on_saved: Callback<Actor>,
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
    /// Fetch the latest version after a conflict (editing only).
    #[prop_or_default]
    pub on_reload: Callback<()>,
    /// The staff's internal notes; not for a partner editing their own
    /// organisation.
    #[prop_or(true)]
    pub show_notes: bool,
}

enum Save {
    Create(NewActor),
    Update {
        id: ActorId,
        version: i64,
        patch: ActorPatch,
    },
}

#[function_component]
pub fn ActorForm(props: &ActorFormProps) -> Html {
    let texts = use_lang().texts();
    let initial = props.initial.clone();
    let draft = {
        let initial = initial.clone();
        use_draft(move || {
            initial
                .as_ref()
                .map(ActorDraft::from_actor)
                .unwrap_or_default()
        })
    };
    let submit = use_submit(&FIELDS);
    let conflict = use_state(|| false);
    let holder = use_state(|| None::<(ActorId, String)>);

    {
        let (draft, conflict, submit) = (draft.clone(), conflict.clone(), submit.clone());
        use_effect_with(initial.as_ref().map(|a| a.version), move |_| {
            if let Some(actor) = &initial {
                replace(&draft, ActorDraft::from_actor(actor));
            }
            conflict.set(false);
            submit.clear();
        });
    }

    let onsubmit = {
        let (draft, conflict, holder) = (draft.clone(), conflict.clone(), holder.clone());
        let (initial, on_saved) = (props.initial.clone(), props.on_saved.clone());
        submit.on_submit(move |submit| {
            if *conflict {
                return;
            }
            holder.set(None);
            let request = match &initial {
                None => draft.0.to_create().map(Save::Create),
                Some(actor) => draft.0.to_patch(actor).map(|patch| Save::Update {
                    id: actor.id,
                    version: actor.version,
                    patch,
                }),
            };
            let Some(request) = submit.checked(request) else {
                return;
            };
            if let (Some(actor), Save::Update { patch, .. }) = (&initial, &request) {
                if *patch == ActorPatch::default() {
                    // Nothing changed: nothing to send.
                    on_saved.emit(actor.clone());
                    return;
                }
            }
            let siret = draft.0.siret.clone();
            let (conflict, holder, on_saved) = (conflict.clone(), holder.clone(), on_saved.clone());
            submit.run_or_else(
                async move {
                    let answer = match request {
                        Save::Create(new) => api::actors::create(&new).await,
                        Save::Update { id, version, patch } => {
                            api::actors::update(id, version, &patch).await
                        }
                    };
                    if answer
                        .as_ref()
                        .is_err_and(|error| error.has_code(ErrorCode::AlreadyExists))
                    {
                        holder.set(holder_of(&siret).await);
                    }
                    answer
                },
                move |actor| on_saved.emit(actor),
                move |submit, error| {
                    if error.has_code(ErrorCode::VersionMismatch) {
                        submit.set_summary(None);
                        conflict.set(true);
                        return;
                    }
                    // The only unique value of an actor.
                    submit.refused_unique(&error, "siret");
                },
            );
        })
    };

    let on_reload = {
        let on_reload = props.on_reload.clone();
        Callback::from(move |_: MouseEvent| on_reload.emit(()))
    };
    let on_cancel = props
        .on_cancel
        .clone()
        .map(|on_cancel| Callback::from(move |_: MouseEvent| on_cancel.emit(())));
    let kind_options = with_prompt(
        texts.choose_kind,
        options_of(ActorKind::ALL, ActorKind::as_str, texts.actor_kind_name),
    );
    let input = |field: &str| -> AttrValue {
        let id = FIELDS
            .iter()
            .find(|(name, _)| *name == field)
            .map_or("actor-name", |(_, id)| *id);
        AttrValue::Static(id)
    };
    let creating = props.initial.is_none();

    html! {
        <>
            <ConflictAlert conflict={*conflict} message={texts.actor_conflict} {on_reload}
                           button_id="reload-actor" focus=true />
            <Alert id="actor-form-error" message={submit.summary()} />
            <form class="form form--grid" novalidate=true data-testid="actor-form" {onsubmit}>
                <TextField
                    id={input("name")}
                    label={texts.actor_name}
                    required=true
                    value={draft.0.name.clone()}
                    oninput={setter(&draft, |d, v| d.name = v)}
                    error={submit.error_for("name")}
                />
                <SelectField
                    id={input("kind")}
                    label={texts.column_kind}
                    required=true
                    options={kind_options}
                    value={draft.0.kind.clone()}
                    onchange={setter(&draft, |d, v| d.kind = v)}
                    error={submit.error_for("kind")}
                />
                <div class="field-with-link">
                    <TextField
                        id={input("siret")}
                        label={texts.siret}
                        hint={texts.siret_hint}
                        inputmode="numeric"
                        autocomplete="off"
                        value={draft.0.siret.clone()}
                        oninput={setter(&draft, |d, v| d.siret = v)}
                        error={submit.error_for("siret")}
                    />
                    if let Some((id, name)) = &*holder {
                        <p class="field-link" data-testid="siret-holder">
                            <NavLink to={Route::Actor { id: *id }}>{ (texts.see_actor)(name) }</NavLink>
                        </p>
                    }
                </div>
                <TextField
                    id={input("sector")}
                    label={texts.sector}
                    value={draft.0.sector.clone()}
                    oninput={setter(&draft, |d, v| d.sector = v)}
                    error={submit.error_for("sector")}
                />
                <TextField
                    id={input("address")}
                    label={texts.address}
                    autocomplete="street-address"
                    value={draft.0.address.clone()}
                    oninput={setter(&draft, |d, v| d.address = v)}
                    error={submit.error_for("address")}
                />
                <TextField
                    id={input("commune_insee")}
                    label={texts.commune_insee_label}
                    hint={texts.commune_insee_hint}
                    inputmode="numeric"
                    value={draft.0.commune_insee.clone()}
                    oninput={setter(&draft, |d, v| d.commune_insee = v)}
                    error={submit.error_for("commune_insee")}
                />
                <TextField
                    id={input("website")}
                    label={texts.website}
                    input_type="url"
                    hint={texts.website_hint}
                    value={draft.0.website.clone()}
                    oninput={setter(&draft, |d, v| d.website = v)}
                    error={submit.error_for("website")}
                />
                <TextField
                    id={input("email")}
                    label={texts.email}
                    input_type="email"
                    value={draft.0.email.clone()}
                    oninput={setter(&draft, |d, v| d.email = v)}
                    error={submit.error_for("email")}
                />
                <TextField
                    id={input("phone")}
                    label={texts.phone}
                    input_type="tel"
                    value={draft.0.phone.clone()}
                    oninput={setter(&draft, |d, v| d.phone = v)}
                    error={submit.error_for("phone")}
                />
                <TextField
                    id={input("tags")}
                    label={texts.tags_label}
                    hint={texts.tags_hint}
                    value={draft.0.tags.clone()}
                    oninput={setter(&draft, |d, v| d.tags = v)}
                    error={submit.error_for("tags")}
                />
                if props.show_notes {
                    <TextAreaField
                        id={input("notes")}
                        label={texts.notes}
                        value={draft.0.notes.clone()}
                        oninput={setter(&draft, |d, v| d.notes = v)}
                        error={submit.error_for("notes")}
                    />
                }
                <div class="form__actions">
                    <SubmitButton label={if creating { texts.create_actor } else { texts.save_changes }} busy={submit.busy()} busy_label={texts.saving} blocked={*conflict} testid="save-actor" />
                    if let Some(on_cancel) = on_cancel {
                        <CancelButton onclick={on_cancel} />
                    }
                </div>
            </form>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn actor() -> Actor {
        Actor {
            id: ActorId(5),
            name: "Fablab des Tanneurs".into(),
            kind: ActorKind::Association,
            siret: Some("73282932000074".into()),
            siren: Some("732829320".into()),
            sector: None,
            address: None,
            commune_insee: Some("26281".into()),
            website: None,
            email: None,
            phone: None,
            tags: vec!["numérique".into()],
            notes: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 2,
        }
    }

    #[test]
    fn a_kind_and_a_valid_siret_are_required_before_sending() {
        let mut draft = ActorDraft {
            name: "Région".into(),
            ..ActorDraft::default()
        };
        draft.siret = "123".into();
        let fields: Vec<String> = draft
            .to_create()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["kind", "siret"]);
        draft.kind = "region_department".into();
        draft.siret = "732 829 320 00075".into();
        let errors = draft.to_create().unwrap_err();
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code.as_str()),
            ("siret", "invalid_siret")
        );
        draft.siret = "732 829 320 00074".into();
        assert!(draft.to_create().is_ok());
    }

    #[test]
    fn the_same_siret_typed_with_spaces_is_no_change() {
        let mut draft = ActorDraft::from_actor(&actor());
        assert_eq!(draft.to_patch(&actor()).unwrap(), ActorPatch::default());
        draft.siret = "732 829 320 00074".into();
        draft.sector = "Numérique".into();
        draft.commune_insee = String::new();
        assert_eq!(
            draft.to_patch(&actor()).unwrap(),
            ActorPatch {
                sector: Some(Some("Numérique".into())),
                commune_insee: Some(None),
                ..ActorPatch::default()
            }
        );
    }
}
