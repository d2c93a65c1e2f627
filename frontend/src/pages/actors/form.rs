//! Creating and editing an actor. The SIRET is checked here as on the
//! server (14 digits, Luhn key); a SIRET that another actor already has is
//! refused by the server, and the form then points to that actor.

use crate::api;
use crate::components::form_field::{
    options_of, with_prompt, Alert, CancelButton, ConflictAlert, DraftFields, SelectField,
    SubmitButton, TextAreaField, TextField,
};
use crate::components::nav::NavLink;
use crate::hooks::{replace, use_draft, use_submit};
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
                    if !submit.conflicted(&error, &conflict) {
                        // The only unique value of an actor.
                        submit.refused_unique(&error, "siret");
                    }
                },
            );
        })
    };

    let on_reload = props.on_reload.reform(|_: MouseEvent| ());
    let on_cancel = props
        .on_cancel
        .as_ref()
        .map(|on_cancel| on_cancel.reform(|_: MouseEvent| ()));
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

    let fields = DraftFields::new(&draft, &submit);
    html! {
        <>
            <ConflictAlert conflict={*conflict} message={texts.actor_conflict} {on_reload}
                           button_id="reload-actor" focus=true />
            <Alert id="actor-form-error" message={submit.summary()} />
            <form class="form form--grid" novalidate=true data-testid="actor-form" {onsubmit}>
                <TextField
                    required=true
                    ..fields.text(input("name"), texts.actor_name, "name", |d| &d.name, |d, v| d.name = v)
                />
                <SelectField
                    required=true
                    ..fields.select(input("kind"), texts.column_kind, kind_options, "kind", |d| &d.kind, |d, v| d.kind = v)
                />
                <div class="field-with-link">
                    <TextField
                        hint={texts.siret_hint}
                        inputmode="numeric"
                        autocomplete="off"
                        ..fields.text(input("siret"), texts.siret, "siret", |d| &d.siret, |d, v| d.siret = v)
                    />
                    if let Some((id, name)) = &*holder {
                        <p class="field-link" data-testid="siret-holder">
                            <NavLink to={Route::Actor { id: *id }}>{ (texts.see_actor)(name) }</NavLink>
                        </p>
                    }
                </div>
                <TextField
                    ..fields.text(input("sector"), texts.sector, "sector", |d| &d.sector, |d, v| d.sector = v)
                />
                <TextField
                    autocomplete="street-address"
                    ..fields.text(input("address"), texts.address, "address", |d| &d.address, |d, v| d.address = v)
                />
                <TextField
                    hint={texts.commune_insee_hint}
                    inputmode="numeric"
                    ..fields.text(input("commune_insee"), texts.commune_insee_label, "commune_insee", |d| &d.commune_insee, |d, v| d.commune_insee = v)
                />
                <TextField
                    input_type="url"
                    hint={texts.website_hint}
                    ..fields.text(input("website"), texts.website, "website", |d| &d.website, |d, v| d.website = v)
                />
                <TextField
                    input_type="email"
                    ..fields.text(input("email"), texts.email, "email", |d| &d.email, |d, v| d.email = v)
                />
                <TextField
                    input_type="tel"
                    ..fields.text(input("phone"), texts.phone, "phone", |d| &d.phone, |d, v| d.phone = v)
                />
                <TextField
                    hint={texts.tags_hint}
                    ..fields.text(input("tags"), texts.tags_label, "tags", |d| &d.tags, |d, v| d.tags = v)
                />
                if props.show_notes {
                    <TextAreaField
                        ..fields.area(input("notes"), texts.notes, "notes", |d| &d.notes, |d, v| d.notes = v)
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
