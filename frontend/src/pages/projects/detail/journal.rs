//! The project's journal: notes, decisions and lessons learned, the unit's
//! memory for the next projects.

use crate::actions::confirm_then;
use crate::api;
use crate::components::form_field::{
    date_field, options_of, without_problems, Alert, DraftFields, SelectField, Status,
    SubmitButton, TextAreaField, TextField,
};
use crate::components::panel::Panel;
use crate::dom;
use crate::format;
use crate::hooks::{edit, replace, use_draft, use_loaded, use_submit};
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use shared::ids::ProjectId;
use shared::projects::{JournalEntry, JournalKind, NewJournalEntry};
use shared::validation::Validate;
use shared::FieldError;
use yew::prelude::*;

const KINDS: [JournalKind; 4] = [
    JournalKind::Note,
    JournalKind::Decision,
    JournalKind::Lesson,
    JournalKind::Partner,
];
const FIELDS: [(&str, &str); 3] = [
    ("kind", "journal-kind"),
    ("date", "journal-date"),
    ("body", "journal-body"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
struct EntryDraft {
    kind: JournalKind,
    date: String,
    body: String,
}

impl EntryDraft {
    fn new(kind: JournalKind) -> Self {
        EntryDraft {
            kind,
            date: format::date_input(Some(dom::today())),
            body: String::new(),
        }
    }

    fn to_new(&self) -> Result<NewJournalEntry, Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = date_field("date", &self.date, &mut errors);
        let entry = NewJournalEntry {
            kind: self.kind,
            body: self.body.trim().to_owned(),
            date,
        };
        errors.extend(entry.validate());
        without_problems(entry, errors)
    }
}

#[derive(Properties, PartialEq)]
pub struct JournalProps {
    pub project_id: ProjectId,
    pub can_edit: bool,
    /// A partner's view: only the exchanges with partners (the API lists
    /// no other kind to them), and a form to write one.
    #[prop_or_default]
    pub for_partner: bool,
}

#[function_component]
pub fn Journal(props: &JournalProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let id = props.project_id;
    let for_partner = props.for_partner;
    // What partners write is always an exchange with partners.
    let first_kind = if for_partner {
        JournalKind::Partner
    } else {
        JournalKind::Note
    };
    let draft = use_draft(move || EntryDraft::new(first_kind));
    let submit = use_submit(&FIELDS);

    let entries = use_loaded(id, |id| async move {
        api::projects::journal(id).await.map(|mut list| {
            // Newest first: the journal is read from the latest news.
            list.sort_by_key(|entry| std::cmp::Reverse((entry.date, entry.created_at)));
            list
        })
    });

    let onsubmit = {
        let (draft, entries) = (draft.clone(), entries.clone());
        submit.on_submit(move |submit| {
            let Some(entry) = submit.checked(draft.0.to_new()) else {
                return;
            };
            let (draft, entries) = (draft.clone(), entries.clone());
            submit.run(
                async move { api::projects::add_journal_entry(id, &entry).await },
                move |added| {
                    replace(&draft, EntryDraft::new(first_kind));
                    entries.refresh(Some(if for_partner {
                        texts.partner_entry_added.into()
                    } else {
                        (texts.journal_entry_added)((texts.journal_kind_name)(added.kind)).into()
                    }));
                    dom::focus("#journal-body");
                },
            );
        })
    };

    let remove = |entry: &JournalEntry| {
        let (entries, entry) = (entries.clone(), entry.clone());
        Callback::from(move |_: MouseEvent| {
            let entries = entries.clone();
            confirm_then(
                texts.confirm_delete_journal_entry,
                || api::projects::delete_journal_entry(id, entry.id, entry.version),
                move |outcome| match outcome {
                    Ok(()) => entries.refresh(Some(texts.journal_entry_deleted.into())),
                    Err(failure) => entries.fail(failure),
                },
            );
        })
    };

    let on_kind = {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            if let Ok(kind) = value.parse() {
                edit(&draft, move |d| d.kind = kind);
            }
        })
    };
    let kind_options = options_of(KINDS, JournalKind::as_str, texts.journal_kind_name);

    let add_label = if for_partner {
        texts.add_partner_entry
    } else {
        texts.add_journal_entry
    };

    let fields = DraftFields::new(&draft, &submit);
    html! {
        <section class="panel" id="journal" aria-labelledby="journal-heading">
            <h2 id="journal-heading">
                { if for_partner { texts.partner_journal_heading } else { texts.journal_heading } }
            </h2>
            if for_partner {
                <p>{ texts.partner_journal_intro }</p>
            }
            <Status message={entries.status()} />
            <Alert id="journal-error" message={entries.error_message(texts)} />
            { entries.view(texts, html! {
                <p class="notice">
                    { if for_partner { texts.no_partner_entries } else { texts.no_journal_entries } }
                </p>
            }, |list| html! {
                <ul class="journal" data-testid="journal">
                    { for list.iter().map(|entry| html! {
                        <li key={entry.id.to_string()} class="journal__entry">
                            <p class="journal__meta">
                                <span class={classes!("tag", format!("tag--{}", entry.kind.as_str()))}>
                                    { (texts.journal_kind_name)(entry.kind) }
                                </span>
                                { " " }
                                <time datetime={format::date_input(Some(entry.date))}>
                                    { format::date(entry.date, lang) }
                                </time>
                                if let Some(author) = &entry.author_name {
                                    { " — " }{ author.clone() }
                                }
                            </p>
                            <p class="pre-line">{ entry.body.clone() }</p>
                            if props.can_edit {
                                <button type="button" class="button button--danger button--small"
                                        onclick={remove(entry)}>
                                    { texts.delete }
                                    <span class="visually-hidden">
                                        { " " }{ (texts.journal_entry_of)((texts.journal_kind_name)(entry.kind), &format::date(entry.date, lang)) }
                                    </span>
                                </button>
                            }
                        </li>
                    }) }
                </ul>
            }) }
            if props.can_edit || for_partner {
                <Panel heading_id="add-journal-heading" heading={add_label} sub=true alert_id="add-journal-error" alert={submit.summary()}>
                    <form class="form form--grid" novalidate=true data-testid="journal-form" {onsubmit}>
                        if !for_partner {
                            <SelectField
                                id="journal-kind"
                                label={texts.journal_kind}
                                options={kind_options}
                                value={draft.0.kind.as_str()}
                                onchange={on_kind}
                                error={submit.error_for("kind")}
                            />
                        }
                        <TextField
                            input_type="date"
                            ..fields.text("journal-date", texts.date, "date", |d| &d.date, |d, v| d.date = v)
                        />
                        <TextAreaField
                            required=true
                            ..fields.area("journal-body", if for_partner { texts.partner_entry_body } else { texts.journal_body }, "body", |d| &d.body, |d, v| d.body = v)
                        />
                        <div class="form__actions">
                            <SubmitButton label={add_label} busy={submit.busy()} />
                        </div>
                    </form>
                </Panel>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_needs_a_body() {
        let empty = EntryDraft {
            kind: JournalKind::Lesson,
            date: "2025-04-01".into(),
            body: "  ".into(),
        };
        assert_eq!(empty.to_new().unwrap_err()[0].field, "body");
        let lesson = EntryDraft {
            body: "Associer la Région dès le cadrage".into(),
            ..empty
        };
        let entry = lesson.to_new().unwrap();
        assert_eq!(entry.kind, JournalKind::Lesson);
        assert!(entry.date.is_some());
    }
}
