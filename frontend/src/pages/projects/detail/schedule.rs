//! A funding line's schedule: when its money is expected, and what came,
//! by year. Sent whole under the line's version, which it moves on: the
//! funding lines are reloaded after a change here.

use crate::api;
use crate::components::form_field::{Alert, ConflictAlert, Status, SubmitButton};
use crate::components::year_amounts::{
    form_fields, rows_of, year_amounts_table, years_of, AmountColumn, TwoAmounts, YearAmounts,
    YearRowsDraft, YearTable,
};
use crate::format;
use crate::hooks::{replace, use_draft, use_loaded, use_submit};
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use shared::ids::ProjectId;
use shared::participants::FundingLine;
use shared::programming::{FundingSchedule, LineSchedule, ScheduleYear};
use shared::ErrorCode;
use yew::prelude::*;

const SCHEDULE_FIELDS: [&str; 2] = ["expected_cents", "received_cents"];

impl TwoAmounts for ScheduleYear {
    fn amounts(&self) -> (i32, i64, i64) {
        (self.year, self.expected_cents, self.received_cents)
    }

    fn from_amounts(year: i32, expected_cents: i64, received_cents: i64) -> Self {
        ScheduleYear {
            year,
            expected_cents,
            received_cents,
        }
    }
}

fn schedule_of(rows: Vec<YearAmounts>) -> FundingSchedule {
    FundingSchedule {
        years: years_of(rows),
    }
}

#[derive(Properties, PartialEq)]
pub struct ScheduleEditorProps {
    pub project_id: ProjectId,
    pub line: FundingLine,
    pub can_edit: bool,
    /// The schedule was saved: the line's version moved on.
    pub on_changed: Callback<()>,
}

#[function_component]
pub fn ScheduleEditor(props: &ScheduleEditorProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let (project_id, line_id) = (props.project_id, props.line.id);
    let schedule = use_loaded(
        (project_id, line_id, props.line.version),
        |(project, line, _)| async move { api::programming::schedule(project, line).await },
    );
    let draft = use_draft(YearRowsDraft::default);
    let conflict = use_state(|| false);
    {
        let (draft, conflict) = (draft.clone(), conflict.clone());
        let saved = schedule.value().cloned();
        use_effect_with(saved, move |saved| {
            if let Some(saved) = saved {
                replace(&draft, YearRowsDraft::of(&rows_of(&saved.years), lang));
                conflict.set(false);
            }
        });
    }
    let prefix = format!("schedule-{line_id}");
    let submit = use_submit(form_fields(&prefix, draft.0.rows.len(), &SCHEDULE_FIELDS));
    let columns = [
        AmountColumn {
            field: "expected_cents",
            label: texts.receipts_expected,
        },
        AmountColumn {
            field: "received_cents",
            label: texts.receipts_received,
        },
    ];

    let onsubmit = {
        let (draft, schedule, conflict) = (draft.clone(), schedule.clone(), conflict.clone());
        let (on_changed, funder) = (props.on_changed.clone(), props.line.funder_name.clone());
        submit.on_submit(move |submit| {
            let Some(saved) = schedule.value().cloned() else {
                return;
            };
            let Some(rows) = submit.checked(draft.0.read(&SCHEDULE_FIELDS)) else {
                return;
            };
            let sent = schedule_of(rows);
            let problems = sent.check(saved.amount_cents);
            if !problems.is_empty() {
                submit.invalid(problems);
                return;
            }
            let (schedule, conflict, on_changed, funder) = (
                schedule.clone(),
                conflict.clone(),
                on_changed.clone(),
                funder.clone(),
            );
            let stale = conflict.clone();
            submit.run_or_else(
                async move {
                    api::programming::replace_schedule(project_id, line_id, saved.version, &sent)
                        .await
                },
                move |updated: LineSchedule| {
                    schedule.set(updated);
                    schedule.set_status(Some((texts.schedule_saved)(&funder).into()));
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
        let schedule = schedule.clone();
        Callback::from(move |_: MouseEvent| schedule.reload())
    };
    let heading_id = format!("{prefix}-heading");
    let heading = format!(
        "{} — {}",
        props.line.funder_name,
        format::euros(props.line.amount_cents, lang)
    );
    let caption = (texts.schedule_of)(&props.line.funder_name);
    let read_only = match schedule.value() {
        Some(saved) if !props.can_edit => year_amounts_table(
            texts,
            lang,
            &prefix,
            caption.clone(),
            &columns,
            &rows_of(&saved.years),
        ),
        _ => Html::default(),
    };
    html! {
        <section class="subpanel schedule" aria-labelledby={heading_id.clone()} data-testid={format!("schedule-of-{line_id}")}>
            <h4 id={heading_id}>{ heading }</h4>
            <Status message={schedule.status()} />
            <Alert id={format!("{prefix}-load-error")} message={schedule.error_message(texts)} />
            if props.can_edit {
                <form class="form" novalidate=true {onsubmit}>
                    <Alert id={format!("{prefix}-error")} message={submit.summary().filter(|_| !*conflict)} />
                    <ConflictAlert conflict={*conflict} message={texts.schedule_conflict} {on_reload}
                                   button_id={format!("{prefix}-reload")} focus=true />
                    { YearTable {
                        id: &prefix,
                        caption,
                        columns: &columns,
                        draft: &draft,
                        submit: &submit,
                        texts,
                    }.view() }
                    <div class="form__actions">
                        <SubmitButton label={texts.save_schedule} busy={submit.busy()} busy_label={texts.saving}
                                      blocked={*conflict} testid={format!("save-{prefix}")} />
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
    fn the_table_makes_the_schedule_sent() {
        let draft = YearRowsDraft {
            rows: vec![YearRowDraft {
                year: "2026".into(),
                amounts: vec!["600 000".into(), "150 000,50".into()],
            }],
        };
        let schedule = schedule_of(draft.read(&SCHEDULE_FIELDS).unwrap());
        assert_eq!(
            schedule.years,
            [ScheduleYear {
                year: 2026,
                expected_cents: 600_000_00,
                received_cents: 150_000_50
            }]
        );
        assert_eq!(
            schedule.check(500_000_00)[0].field,
            "years.0.expected_cents"
        );
    }
}
