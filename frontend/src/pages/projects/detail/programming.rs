//! The project's money over time: its *autorisation de programme* (AP)
//! with the votes that revised it, and its *crédits de paiement* (CP) by
//! year. The CP are sent whole under the project's version, which they
//! move on: the page reloads the project after a change here.

use crate::api;
use crate::components::form_field::{
    required_date_field, without_problems, Alert, ConflictAlert, DraftFields, Status, SubmitButton,
    TextAreaField, TextField,
};
use crate::components::panel::Panel;
use crate::components::year_amounts::{
    form_fields, rows_of, year_amounts_table, years_of, AmountColumn, TwoAmounts, YearAmounts,
    YearRowsDraft, YearTable,
};
use crate::dom;
use crate::format;
use crate::hooks::{replace, use_draft, use_loaded, use_submit};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Texts};
use shared::ids::ProjectId;
use shared::programming::{
    current_ap, CreditYear, NewApRevision, PaymentCredits, ProjectPaymentCredits,
};
use shared::projects::Project;
use shared::validation::Validate;
use shared::{ErrorCode, FieldError};
use yew::prelude::*;

const AP_FIELDS: [(&str, &str); 4] = [
    ("amount_cents", "ap-amount"),
    ("voted_on", "ap-voted-on"),
    ("deliberation_ref", "ap-deliberation"),
    ("comment", "ap-comment"),
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct RevisionDraft {
    amount: String,
    voted_on: String,
    deliberation_ref: String,
    comment: String,
}

impl RevisionDraft {
    fn to_new(&self) -> Result<NewApRevision, Vec<FieldError>> {
        let mut errors = Vec::new();
        let amount_cents = match format::parse_euros(&self.amount) {
            Ok(cents) => cents,
            Err(problem) => {
                errors.push(FieldError::new("amount_cents", problem.code(), "amount"));
                0
            }
        };
        let voted_on = required_date_field("voted_on", &self.voted_on, &mut errors);
        let comment = Some(self.comment.trim().to_owned()).filter(|c| !c.is_empty());
        let revision = NewApRevision {
            amount_cents,
            voted_on: voted_on.unwrap_or_default(),
            deliberation_ref: self.deliberation_ref.trim().to_owned(),
            comment,
        };
        for problem in revision.validate() {
            if !errors.iter().any(|error| error.field == problem.field) {
                errors.push(problem);
            }
        }
        without_problems(revision, errors)
    }
}

/// The CP table's columns, in the API's names.
fn credit_columns(texts: &Texts) -> [AmountColumn; 2] {
    [
        AmountColumn {
            field: "planned_cents",
            label: texts.cp_planned,
        },
        AmountColumn {
            field: "paid_cents",
            label: texts.cp_paid,
        },
    ]
}

const CREDIT_FIELDS: [&str; 2] = ["planned_cents", "paid_cents"];

impl TwoAmounts for CreditYear {
    fn amounts(&self) -> (i32, i64, i64) {
        (self.year, self.planned_cents, self.paid_cents)
    }

    fn from_amounts(year: i32, planned_cents: i64, paid_cents: i64) -> Self {
        CreditYear {
            year,
            planned_cents,
            paid_cents,
        }
    }
}

fn credits_of(rows: Vec<YearAmounts>) -> PaymentCredits {
    PaymentCredits {
        years: years_of(rows),
    }
}

#[derive(Properties, PartialEq)]
pub struct ProgrammingPanelProps {
    pub project: Project,
    pub can_edit: bool,
    /// The AP or the CP changed: the project (its AP, its version) must
    /// be reloaded.
    pub on_changed: Callback<()>,
}

#[function_component]
pub fn ProgrammingPanel(props: &ProgrammingPanelProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let id = props.project.id;
    let revisions = use_loaded(
        id,
        |id| async move { api::programming::ap_revisions(id).await },
    );
    let changed = {
        let (revisions, on_changed) = (revisions.clone(), props.on_changed.clone());
        Callback::from(move |message: AttrValue| {
            revisions.refresh(Some(message));
            on_changed.emit(());
        })
    };
    // The project's own figure, else the latest vote listed.
    let ap = props
        .project
        .ap_cents
        .or_else(|| revisions.list().and_then(current_ap));
    html! {
        <Panel id="programmation" heading_id="programming-heading" heading={texts.project_programming_heading}>
            <dl class="figures" data-testid="programming-figures">
                <div class="figure figure--key">
                    <dt>
                        { texts.ap_in_force }
                        <span class="figure__hint">{ texts.ap_hint }</span>
                    </dt>
                    <dd data-testid="ap-in-force">
                        { ap.map_or_else(|| "—".to_owned(), |cents| format::euros(cents, lang)) }
                    </dd>
                </div>
            </dl>
            <h3 id="ap-revisions-heading">{ texts.ap_revisions_heading }</h3>
            <Status message={revisions.status()} />
            <Alert id="ap-revisions-error" message={revisions.error_message(texts)} />
            { revisions.view(texts, html! {
                <p class="notice" data-testid="no-ap-revisions">{ texts.no_ap_revisions }</p>
            }, |list| html! {
                <div class="table-wrap">
                    <table class="table table--compact" data-testid="ap-revisions">
                        <caption class="visually-hidden">{ texts.ap_revisions_heading }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ texts.voted_on }</th>
                                <th scope="col" class="number">{ texts.ap_amount }</th>
                                <th scope="col">{ texts.deliberation_ref }</th>
                                <th scope="col">{ texts.comment }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for list.iter().map(|revision| html! {
                                <tr key={revision.id.to_string()}>
                                    <th scope="row">{ format::date(revision.voted_on, lang) }</th>
                                    <td class="number">{ format::euros(revision.amount_cents, lang) }</td>
                                    <td>{ revision.deliberation_ref.clone() }</td>
                                    <td class="pre-line">{ revision.comment.clone().unwrap_or_default() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }) }
            if props.can_edit {
                <VoteRevision project_id={id} on_voted={changed} />
            }
            <CreditsEditor project={props.project.clone()} can_edit={props.can_edit} on_changed={props.on_changed.clone()} />
        </Panel>
    }
}

#[derive(Properties, PartialEq)]
struct VoteRevisionProps {
    project_id: ProjectId,
    on_voted: Callback<AttrValue>,
}

#[function_component]
fn VoteRevision(props: &VoteRevisionProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let draft = use_draft(RevisionDraft::default);
    let submit = use_submit(&AP_FIELDS);
    let onsubmit = {
        let draft = draft.clone();
        let (project_id, on_voted) = (props.project_id, props.on_voted.clone());
        submit.on_submit(move |submit| {
            let Some(revision) = submit.checked(draft.0.to_new()) else {
                return;
            };
            let (draft, on_voted) = (draft.clone(), on_voted.clone());
            submit.run(
                async move { api::programming::vote_ap(project_id, &revision).await },
                move |voted| {
                    replace(&draft, RevisionDraft::default());
                    on_voted
                        .emit((texts.ap_voted)(&format::euros(voted.amount_cents, lang)).into());
                    dom::focus("#ap-amount");
                },
            );
        })
    };
    let fields = DraftFields::new(&draft, &submit);
    html! {
        <Panel heading_id="vote-ap-heading" heading={texts.vote_ap_revision} sub=true alert_id="vote-ap-error" alert={submit.summary()}>
            <form class="form form--grid" novalidate=true data-testid="vote-ap" {onsubmit}>
                <TextField
                    hint={texts.amount_hint}
                    inputmode="decimal"
                    autocomplete="off"
                    required=true
                    ..fields.text("ap-amount", texts.ap_amount_in_euros, "amount_cents", |d| &d.amount, |d, v| d.amount = v)
                />
                <TextField
                    input_type="date"
                    required=true
                    ..fields.text("ap-voted-on", texts.voted_on, "voted_on", |d| &d.voted_on, |d, v| d.voted_on = v)
                />
                <TextField
                    hint={texts.deliberation_ref_hint}
                    required=true
                    ..fields.text("ap-deliberation", texts.deliberation_ref, "deliberation_ref", |d| &d.deliberation_ref, |d, v| d.deliberation_ref = v)
                />
                <TextAreaField
                    rows={2}
                    ..fields.area("ap-comment", texts.comment_optional, "comment", |d| &d.comment, |d, v| d.comment = v)
                />
                <div class="form__actions">
                    <SubmitButton label={texts.vote_ap_revision} busy={submit.busy()} busy_label={texts.saving} testid="submit-ap-revision" />
                </div>
            </form>
        </Panel>
    }
}

#[derive(Properties, PartialEq)]
struct CreditsEditorProps {
    project: Project,
    can_edit: bool,
    on_changed: Callback<()>,
}

/// The CP by year, edited as a table and saved whole.
#[function_component]
fn CreditsEditor(props: &CreditsEditorProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let id = props.project.id;
    // Fetched again whenever the project changes: its version is theirs.
    let credits = use_loaded((id, props.project.version), |(id, _)| async move {
        api::programming::payment_credits(id).await
    });
    let draft = use_draft(YearRowsDraft::default);
    let conflict = use_state(|| false);
    {
        let (draft, conflict) = (draft.clone(), conflict.clone());
        let saved = credits.value().cloned();
        use_effect_with(saved, move |saved| {
            if let Some(saved) = saved {
                replace(&draft, YearRowsDraft::of(&rows_of(&saved.years), lang));
                conflict.set(false);
            }
        });
    }
    let fields = form_fields("cp", draft.0.rows.len(), &CREDIT_FIELDS);
    let submit = use_submit(fields);
    let columns = credit_columns(texts);

    let onsubmit = {
        let (draft, credits, conflict) = (draft.clone(), credits.clone(), conflict.clone());
        let on_changed = props.on_changed.clone();
        submit.on_submit(move |submit| {
            let Some(saved) = credits.value().cloned() else {
                return;
            };
            let Some(rows) = submit.checked(draft.0.read(&CREDIT_FIELDS)) else {
                return;
            };
            let sent = credits_of(rows);
            let problems = sent.check(saved.ap_cents);
            if !problems.is_empty() {
                submit.invalid(problems);
                return;
            }
            let (credits, conflict, on_changed) =
                (credits.clone(), conflict.clone(), on_changed.clone());
            let stale = conflict.clone();
            submit.run_or_else(
                async move {
                    api::programming::replace_payment_credits(id, saved.version, &sent).await
                },
                move |updated: ProjectPaymentCredits| {
                    credits.set(updated);
                    credits.set_status(Some(texts.credits_saved.into()));
                    conflict.set(false);
                    on_changed.emit(());
                },
                move |submit, error| {
                    stale.set(error.has_code(ErrorCode::VersionMismatch));
                    submit.refused(&error);
                },
            );
        })
    };
    let on_reload = {
        let (credits, on_changed) = (credits.clone(), props.on_changed.clone());
        Callback::from(move |_: MouseEvent| {
            credits.reload();
            on_changed.emit(());
        })
    };
    let caption = texts.credits_heading.to_owned();
    let planned: i64 = credits
        .value()
        .map(|c| c.years.iter().map(|y| y.planned_cents).sum())
        .unwrap_or(0);
    let note = credits.value().map(|saved| match saved.ap_cents {
        Some(ap) => {
            (texts.credits_against_ap)(&format::euros(planned, lang), &format::euros(ap, lang))
        }
        None => (texts.credits_total)(&format::euros(planned, lang)),
    });

    let editable = props.can_edit;
    let read_only = match credits.value() {
        Some(saved) if !editable => year_amounts_table(
            texts,
            lang,
            "cp",
            caption.clone(),
            &columns,
            &rows_of(&saved.years),
        ),
        _ => Html::default(),
    };
    html! {
        <section class="subpanel" aria-labelledby="credits-heading" data-testid="credits">
            <h3 id="credits-heading">{ texts.credits_heading }</h3>
            <p class="field-hint">{ texts.credits_hint }</p>
            <Status message={credits.status()} />
            <Alert id="credits-load-error" message={credits.error_message(texts)} />
            if let Some(note) = note {
                <p data-testid="credits-total">{ note }</p>
            }
            if editable {
                <form class="form" novalidate=true data-testid="credits-form" {onsubmit}>
                    <Alert id="credits-error" message={submit.summary().filter(|_| !*conflict)} />
                    <ConflictAlert conflict={*conflict} message={texts.credits_conflict} on_reload={on_reload}
                                   button_id="credits-reload" focus=true testid="credits-conflict" />
                    { YearTable {
                        id: "cp",
                        caption,
                        columns: &columns,
                        draft: &draft,
                        submit: &submit,
                        texts,
                    }.view() }
                    <div class="form__actions">
                        <SubmitButton label={texts.save_credits} busy={submit.busy()} busy_label={texts.saving}
                                      blocked={*conflict} testid="save-credits" />
                    </div>
                </form>
            }
            { read_only }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::year_amounts::YearRowDraft;

    #[test]
    fn a_vote_is_read_in_cents() {
        let draft = RevisionDraft {
            amount: "1 800 000".into(),
            voted_on: "2025-03-10".into(),
            deliberation_ref: " DEL-2025-031 ".into(),
            comment: "  ".into(),
        };
        let revision = draft.to_new().unwrap();
        assert_eq!(revision.amount_cents, 1_800_000_00);
        assert_eq!(revision.deliberation_ref, "DEL-2025-031");
        assert_eq!(revision.comment, None);
        assert_eq!(revision.voted_on.to_string(), "2025-03-10");
    }

    #[test]
    fn a_vote_without_date_nor_reference_is_refused_at_once() {
        let fields: Vec<String> = RevisionDraft {
            amount: "abc".into(),
            ..RevisionDraft::default()
        }
        .to_new()
        .unwrap_err()
        .into_iter()
        .map(|e| format!("{}:{}", e.field, e.code))
        .collect();
        assert_eq!(
            fields,
            [
                "amount_cents:invalid_amount",
                "voted_on:required",
                "deliberation_ref:required"
            ]
        );
    }

    #[test]
    fn the_table_makes_the_cp_sent() {
        let draft = YearRowsDraft {
            rows: vec![YearRowDraft {
                year: "2025".into(),
                amounts: vec!["1 000".into(), "".into()],
            }],
        };
        let credits = credits_of(draft.read(&CREDIT_FIELDS).unwrap());
        assert_eq!(
            credits.years,
            [CreditYear {
                year: 2025,
                planned_cents: 1_000_00,
                paid_cents: 0
            }]
        );
        // The AP rule is checked before anything is sent.
        assert_eq!(credits.check(Some(999_00))[0].code, "above_authorisation");
    }
}
