//! The financing plan: the figures the unit is judged on (secured funding,
//! gap, leverage), the chart, the funding lines with their status, and a
//! form to add one. The figures come from the server (`project.finance`),
//! which the page reloads after every change here.

use super::chart::{FundingChart, Secured};
use super::schedule::ScheduleEditor;
use crate::api;
use crate::components::actor_picker::{ActorPicker, PickedActor};
use crate::components::deadline::{line_deadlines, DeadlineBadge};
use crate::components::form_field::{
    date_field, options_of, without_problems, Alert, DraftFields, RowProblem, SelectField, Status,
    SubmitButton, TextField,
};
use crate::components::nav::NavLink;
use crate::components::panel::Panel;
use crate::components::row_action::RowAction;
use crate::dom;
use crate::format;
use crate::hooks::{edit, replace, use_draft, use_loaded, use_submit};
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use crate::routes::Route;
use shared::finance::{FundingCategory, FundingStatus};
use shared::ids::ProjectId;
use shared::participants::{FundingLine, FundingLinePatch, NewFundingLine};
use shared::projects::Project;
use shared::validation::Validate;
use shared::FieldError;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

const CATEGORIES: [FundingCategory; 3] = [
    FundingCategory::City,
    FundingCategory::Public,
    FundingCategory::Private,
];

const FIELDS: [(&str, &str); 12] = [
    ("funder_id", "funding-funder"),
    ("category", "funding-category"),
    ("amount_cents", "funding-amount"),
    ("status", "funding-status"),
    ("label", "funding-label"),
    ("requested_on", "funding-requested-on"),
    ("decided_on", "funding-decided-on"),
    ("paid_on", "funding-paid-on"),
    ("scheme", "funding-scheme"),
    ("decision_ref", "funding-decision-ref"),
    ("convention_date", "funding-convention-date"),
    ("lapse_date", "funding-lapse-date"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
struct LineDraft {
    funder: Option<PickedActor>,
    category: FundingCategory,
    amount: String,
    status: FundingStatus,
    label: String,
    requested_on: String,
    decided_on: String,
    paid_on: String,
    scheme: String,
    decision_ref: String,
    convention_date: String,
    lapse_date: String,
}

impl Default for LineDraft {
    fn default() -> Self {
        LineDraft {
            funder: None,
            category: FundingCategory::Public,
            amount: String::new(),
            status: FundingStatus::Planned,
            label: String::new(),
            requested_on: String::new(),
            decided_on: String::new(),
            paid_on: String::new(),
            scheme: String::new(),
            decision_ref: String::new(),
            convention_date: String::new(),
            lapse_date: String::new(),
        }
    }
}

impl LineDraft {
    fn to_new(&self) -> Result<NewFundingLine, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.funder.is_none() {
            errors.push(FieldError::new(
                "funder_id",
                "required",
                "choose the funder",
            ));
        }
        let amount = match format::parse_euros(&self.amount) {
            Ok(cents) => cents,
            Err(problem) => {
                errors.push(FieldError::new("amount_cents", problem.code(), "amount"));
                0
            }
        };
        let mut date = |field: &str, value: &str| date_field(field, value, &mut errors);
        let requested_on = date("requested_on", &self.requested_on);
        let decided_on = date("decided_on", &self.decided_on);
        // The payment date only exists for a paid line.
        let paid_on = if self.status == FundingStatus::Paid {
            date("paid_on", &self.paid_on)
        } else {
            None
        };
        let convention_date = date("convention_date", &self.convention_date);
        let lapse_date = date("lapse_date", &self.lapse_date);
        let Some(funder) = &self.funder else {
            return Err(errors);
        };
        let line = NewFundingLine {
            funder_id: funder.id,
            category: self.category,
            amount_cents: amount,
            status: Some(self.status),
            label: filled(&self.label),
            requested_on,
            decided_on,
            paid_on,
            scheme: filled(&self.scheme),
            convention_date,
            decision_ref: filled(&self.decision_ref),
            lapse_date,
            submission_deadline: None,
        };
        for problem in line.validate() {
            if !errors.iter().any(|error| error.field == problem.field) {
                errors.push(problem);
            }
        }
        without_problems(line, errors)
    }
}

/// A text input's value, `None` when blank.
fn filled(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|text| !text.is_empty())
}

#[derive(Properties, PartialEq)]
pub struct FinancePanelProps {
    pub project: Project,
    pub can_edit: bool,
    /// A line was added, changed or removed: the figures must be reloaded.
    pub on_changed: Callback<()>,
    /// Changes when a line was added elsewhere (applying for an
    /// opportunity): the lines are fetched again.
    #[prop_or_default]
    pub generation: u32,
}

#[function_component]
pub fn FinancePanel(props: &FinancePanelProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let id = props.project.id;
    let lines = use_loaded((id, props.generation), |(id, _)| async move {
        api::projects::funding_lines(id).await
    });

    let changed = {
        let (lines, on_changed) = (lines.clone(), props.on_changed.clone());
        Callback::from(move |message: AttrValue| {
            lines.refresh(Some(message));
            on_changed.emit(());
        })
    };
    let reload = {
        let (lines, on_changed) = (lines.clone(), props.on_changed.clone());
        Callback::from(move |()| {
            lines.reload();
            on_changed.emit(());
        })
    };

    let finance = &props.project.finance;
    let secured = Secured::of(lines.list().unwrap_or_default());
    let gap_label = if finance.gap_cents < 0 {
        texts.over_funding
    } else {
        texts.funding_gap
    };
    let figure = |label: &'static str, value: String, testid: &'static str| {
        html! {
            <div class="figure">
                <dt>{ label }</dt>
                <dd data-testid={testid}>{ value }</dd>
            </div>
        }
    };
    html! {
        <Panel id="financement" heading_id="finance-heading" heading={texts.finance_heading}>
            <dl class="figures" data-testid="finance-figures">
                // The source document's headline figure comes first.
                <div class="figure figure--key">
                    <dt>
                        { texts.leverage }
                        <span class="figure__hint">{ texts.leverage_hint }</span>
                    </dt>
                    <dd data-testid="leverage" aria-live="polite">
                        { format::leverage(finance.leverage, lang) }
                    </dd>
                </div>
                { figure(texts.total_cost, format::euros(finance.total_cost_cents, lang), "finance-total") }
                { figure(texts.city_share, format::euros(finance.city_cents, lang), "finance-city") }
                { figure(texts.secured_funding, format::euros(finance.secured_cents, lang), "finance-secured") }
                { figure(texts.secured_from_others, format::euros(finance.secured_others_cents, lang), "finance-others") }
                { figure(gap_label, format::euros(finance.gap_cents.abs(), lang), "finance-gap") }
            </dl>
            <FundingChart total_cost_cents={finance.total_cost_cents} {secured} />

            <h3 id="funding-lines-heading">{ texts.funding_lines_heading }</h3>
            <Status message={lines.status()} />
            <Alert id="funding-lines-error" message={lines.error_message(texts)} />
            { lines.view(texts, html! {
                <p class="notice" data-testid="no-funding-lines">{ texts.no_funding_lines }</p>
            }, |list| html! {
                <div class="table-wrap" role="region" aria-labelledby="funding-lines-heading" tabindex="0">
                    <table class="table" data-testid="funding-lines">
                        <thead>
                            <tr>
                                <th scope="col">{ texts.column_funder }</th>
                                <th scope="col">{ texts.column_category }</th>
                                <th scope="col">{ texts.label_label }</th>
                                <th scope="col" class="number">{ texts.amount }</th>
                                <th scope="col">{ texts.column_status }</th>
                                <th scope="col">{ texts.column_dates }</th>
                                if props.can_edit {
                                    <th scope="col">{ texts.column_actions }</th>
                                }
                            </tr>
                        </thead>
                        <tbody>
                            { for list.iter().map(|line| html! {
                                <FundingLineRow
                                    key={line.id.to_string()}
                                    project_id={id}
                                    line={line.clone()}
                                    can_edit={props.can_edit}
                                    on_changed={changed.clone()}
                                    on_reload={reload.clone()}
                                />
                            }) }
                        </tbody>
                    </table>
                </div>
            }) }
            if let Some(list) = lines.list().filter(|list| !list.is_empty()) {
                <section class="schedules" aria-labelledby="schedules-heading" data-testid="schedules">
                    <h3 id="schedules-heading">{ texts.schedules_heading }</h3>
                    <p class="field-hint">{ texts.schedules_hint }</p>
                    { for list.iter().map(|line| html! {
                        <ScheduleEditor
                            key={line.id.to_string()}
                            project_id={id}
                            line={line.clone()}
                            can_edit={props.can_edit}
                            on_changed={reload.clone()}
                        />
                    }) }
                </section>
            }
            if props.can_edit {
                <AddFundingLine project_id={id} on_added={changed} />
            }
        </Panel>
    }
}

#[derive(Properties, PartialEq)]
struct FundingLineRowProps {
    project_id: ProjectId,
    line: FundingLine,
    can_edit: bool,
    on_changed: Callback<AttrValue>,
    on_reload: Callback<()>,
}

/// The statuses to offer after `line`'s: the server's list, or the
/// funding process's own when the server gives none.
fn next_statuses(line: &FundingLine) -> Vec<FundingStatus> {
    if line.allowed_statuses.is_empty() {
        line.status.allowed_moves().to_vec()
    } else {
        line.allowed_statuses
            .iter()
            .copied()
            .filter(|status| line.status.can_move_to(*status) && *status != line.status)
            .collect()
    }
}

#[function_component]
fn FundingLineRow(props: &FundingLineRowProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let line = &props.line;
    let choice = use_state(|| None::<FundingStatus>);
    let submit = use_submit(&[]);
    // Once deleted, the row stays busy until the reload takes it away.
    let deleted = use_state(|| false);
    let problem = use_state(|| None::<RowProblem>);
    let next = next_statuses(line);

    {
        let (choice, problem) = (choice.clone(), problem.clone());
        use_effect_with(line.version, move |_| {
            choice.set(None);
            problem.set(None);
        });
    }

    let on_choice = {
        let choice = choice.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            choice.set(select.value().parse().ok());
        })
    };
    let busy = submit.busy() || *deleted;
    let on_save = {
        let (choice, submit, problem) = (choice.clone(), submit.clone(), problem.clone());
        let (line, project_id, on_changed) =
            (line.clone(), props.project_id, props.on_changed.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(status) = *choice else {
                return;
            };
            if busy {
                return;
            }
            problem.set(None);
            let changes = FundingLinePatch {
                status: Some(status),
                ..FundingLinePatch::default()
            };
            let (problem, on_changed) = (problem.clone(), on_changed.clone());
            let (id, version) = (line.id, line.version);
            submit.run_or_else(
                async move {
                    api::projects::update_funding_line(project_id, id, version, &changes).await
                },
                move |updated| {
                    on_changed.emit(
                        (texts.funding_status_changed)(
                            &updated.funder_name,
                            (texts.funding_status_name)(updated.status),
                        )
                        .into(),
                    )
                },
                move |_, error| problem.set(Some(RowProblem::of(texts, &error))),
            );
        })
    };
    let on_delete = {
        let (submit, deleted, problem) = (submit.clone(), deleted.clone(), problem.clone());
        let (line, project_id, on_changed) =
            (line.clone(), props.project_id, props.on_changed.clone());
        Callback::from(move |_: MouseEvent| {
            if busy || !dom::confirm(&(texts.confirm_delete_funding_line)(&line.funder_name)) {
                return;
            }
            let (deleted, problem, funder, on_changed) = (
                deleted.clone(),
                problem.clone(),
                line.funder_name.clone(),
                on_changed.clone(),
            );
            let (id, version) = (line.id, line.version);
            submit.run_or_else(
                async move { api::projects::delete_funding_line(project_id, id, version).await },
                move |()| {
                    deleted.set(true);
                    on_changed.emit((texts.funding_line_deleted)(&funder).into());
                },
                move |_, error| problem.set(Some(RowProblem::of(texts, &error))),
            );
        })
    };
    let on_reload = props.on_reload.reform(|_: MouseEvent| ());

    let row_id = line.id;
    let select_id = format!("funding-status-{row_id}");
    let dates = [
        (texts.submission_deadline_label, line.submission_deadline),
        (texts.requested_on, line.requested_on),
        (texts.decided_on, line.decided_on),
        (texts.paid_on, line.paid_on),
        (texts.convention_date, line.convention_date),
        (texts.lapse_date, line.lapse_date),
    ];
    let details = [
        (texts.funding_scheme, line.scheme.clone()),
        (texts.decision_ref, line.decision_ref.clone()),
    ];
    let deadlines = line_deadlines(line, crate::dom::today());
    let for_line = html! {
        <span class="visually-hidden">{ (texts.for_funder)(&line.funder_name) }</span>
    };
    let problem_view = match &*problem {
        None => html! {},
        Some(RowProblem::Conflict) => html! {
            <>
                <p>{ texts.funding_line_conflict }</p>
                <button type="button" class="button button--secondary button--small" onclick={on_reload}>
                    { texts.reload }
                </button>
            </>
        },
        Some(RowProblem::Other(message)) => html! { <p>{ message.clone() }</p> },
    };

    html! {
        <tr data-testid={format!("funding-line-{row_id}")} aria-busy={busy.then_some("true")}>
            <th scope="row">
                <NavLink to={Route::Actor { id: line.funder_id }}>{ line.funder_name.clone() }</NavLink>
            </th>
            <td>{ (texts.category_name)(line.category) }</td>
            <td>
                { line.label.clone().unwrap_or_default() }
                { for details.iter().filter_map(|(label, value)| value.as_ref().map(|value| html! {
                    <div class="small-text">{ *label }{ texts.colon }{ value.clone() }</div>
                })) }
            </td>
            <td class="number">{ format::euros(line.amount_cents, lang) }</td>
            <td data-testid={format!("funding-status-text-{row_id}")}>
                { (texts.funding_status_name)(line.status) }
            </td>
            <td class="small-text">
                { for dates.iter().filter_map(|(label, day)| day.map(|day| html! {
                    <div>{ *label }{ texts.colon }{ format::date(day, lang) }</div>
                })) }
                { for deadlines.into_iter().map(|deadline| html! {
                    <div><DeadlineBadge {deadline} testid={format!("funding-deadline-{row_id}")} /></div>
                }) }
            </td>
            if props.can_edit {
                <td>
                    if !next.is_empty() {
                        <div class="inline-form">
                            <label class="visually-hidden" for={select_id.clone()}>
                                { (texts.new_status_for)(&line.funder_name) }
                            </label>
                            <select id={select_id} data-testid={format!("funding-next-status-{row_id}")} onchange={on_choice}>
                                <option value="" selected={choice.is_none()}>{ texts.change_status }</option>
                                { for next.iter().map(|status| html! {
                                    <option value={status.as_str()} selected={*choice == Some(*status)}>
                                        { (texts.funding_status_name)(*status) }
                                    </option>
                                }) }
                            </select>
                            <button
                                type="button"
                                class="button button--secondary button--small"
                                aria-disabled={(choice.is_none() || busy).then_some("true")}
                                onclick={on_save}
                            >
                                { texts.save }{ for_line.clone() }
                            </button>
                        </div>
                    }
                    <RowAction label={texts.delete} object={for_line} danger=true onclick={on_delete} />
                    <div class="row-alert" role="alert">{ problem_view }</div>
                </td>
            }
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct AddFundingLineProps {
    project_id: ProjectId,
    on_added: Callback<AttrValue>,
}

#[function_component]
fn AddFundingLine(props: &AddFundingLineProps) -> Html {
    let texts = use_lang().texts();
    let draft = use_draft(LineDraft::default);
    let submit = use_submit(&FIELDS);

    let onsubmit = {
        let draft = draft.clone();
        let (project_id, on_added) = (props.project_id, props.on_added.clone());
        submit.on_submit(move |submit| {
            let Some(line) = submit.checked(draft.0.to_new()) else {
                return;
            };
            let (draft, on_added) = (draft.clone(), on_added.clone());
            submit.run(
                async move { api::projects::add_funding_line(project_id, &line).await },
                move |added| {
                    // The funder and category often repeat: keep them.
                    let kept = LineDraft {
                        funder: draft.0.funder.clone(),
                        category: draft.0.category,
                        ..LineDraft::default()
                    };
                    replace(&draft, kept);
                    on_added.emit((texts.funding_line_added)(&added.funder_name).into());
                    dom::focus("#funding-amount");
                },
            );
        })
    };

    let on_funder = {
        let draft = draft.clone();
        Callback::from(move |picked: Option<PickedActor>| edit(&draft, move |d| d.funder = picked))
    };
    let on_category = {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            if let Ok(category) = value.parse() {
                edit(&draft, move |d| d.category = category);
            }
        })
    };
    let on_status = {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            if let Ok(status) = value.parse() {
                edit(&draft, move |d| d.status = status);
            }
        })
    };
    let category_options = options_of(CATEGORIES, FundingCategory::as_str, texts.category_name);
    let status_options = options_of(
        FundingStatus::ALL,
        FundingStatus::as_str,
        texts.funding_status_name,
    );

    let fields = DraftFields::new(&draft, &submit);
    html! {
        <Panel heading_id="add-funding-heading" heading={texts.add_funding_line} sub=true alert_id="add-funding-error" alert={submit.summary()}>
            <form class="form form--grid" novalidate=true data-testid="add-funding-line" {onsubmit}>
                <ActorPicker
                    id="funding-funder"
                    label={texts.column_funder}
                    selected={draft.0.funder.clone()}
                    on_select={on_funder}
                    error={submit.error_for("funder_id")}
                />
                <SelectField
                    id="funding-category"
                    label={texts.column_category}
                    hint={texts.category_hint}
                    options={category_options}
                    value={draft.0.category.as_str()}
                    onchange={on_category}
                    error={submit.error_for("category")}
                />
                <TextField
                    hint={texts.amount_hint}
                    inputmode="decimal"
                    autocomplete="off"
                    required=true
                    ..fields.text("funding-amount", texts.amount_in_euros, "amount_cents", |d| &d.amount, |d, v| d.amount = v)
                />
                <SelectField
                    id="funding-status"
                    label={texts.column_status}
                    options={status_options}
                    value={draft.0.status.as_str()}
                    onchange={on_status}
                    error={submit.error_for("status")}
                />
                <TextField
                    ..fields.text("funding-label", texts.label_optional, "label", |d| &d.label, |d, v| d.label = v)
                />
                <TextField
                    input_type="date"
                    ..fields.text("funding-requested-on", texts.requested_on, "requested_on", |d| &d.requested_on, |d, v| d.requested_on = v)
                />
                <TextField
                    input_type="date"
                    ..fields.text("funding-decided-on", texts.decided_on, "decided_on", |d| &d.decided_on, |d, v| d.decided_on = v)
                />
                if draft.0.status == FundingStatus::Paid {
                    <TextField
                        input_type="date"
                        ..fields.text("funding-paid-on", texts.paid_on, "paid_on", |d| &d.paid_on, |d, v| d.paid_on = v)
                    />
                }
                <TextField
                    hint={texts.funding_scheme_hint}
                    ..fields.text("funding-scheme", texts.funding_scheme_optional, "scheme", |d| &d.scheme, |d, v| d.scheme = v)
                />
                <TextField
                    hint={texts.decision_ref_hint}
                    ..fields.text("funding-decision-ref", texts.decision_ref_optional, "decision_ref", |d| &d.decision_ref, |d, v| d.decision_ref = v)
                />
                <TextField
                    input_type="date"
                    ..fields.text("funding-convention-date", texts.convention_date, "convention_date", |d| &d.convention_date, |d, v| d.convention_date = v)
                />
                <TextField
                    hint={texts.lapse_date_hint}
                    input_type="date"
                    ..fields.text("funding-lapse-date", texts.lapse_date, "lapse_date", |d| &d.lapse_date, |d, v| d.lapse_date = v)
                />
                <div class="form__actions">
                    <SubmitButton label={texts.add_funding_line} busy={submit.busy()} busy_label={texts.saving} testid="submit-funding-line" />
                </div>
            </form>
        </Panel>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ids::ActorId;

    fn draft() -> LineDraft {
        LineDraft {
            funder: Some(PickedActor {
                id: ActorId(4),
                name: "Région".into(),
            }),
            amount: "300 000".into(),
            status: FundingStatus::Granted,
            ..LineDraft::default()
        }
    }

    #[test]
    fn a_line_is_read_in_cents() {
        let line = draft().to_new().unwrap();
        assert_eq!(line.amount_cents, 300_000_00);
        assert_eq!(line.funder_id, ActorId(4));
        assert_eq!(line.status, Some(FundingStatus::Granted));
        assert_eq!(line.label, None);
    }

    #[test]
    fn missing_funder_and_bad_amount_are_reported_together() {
        let bad = LineDraft {
            funder: None,
            amount: "trois cents".into(),
            ..draft()
        };
        let errors = bad.to_new().unwrap_err();
        let fields: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("funder_id", "required"),
                ("amount_cents", "invalid_amount")
            ]
        );
    }

    #[test]
    fn a_grant_keeps_its_scheme_decision_and_dates() {
        let line = LineDraft {
            scheme: " DSIL ".into(),
            decision_ref: "  ".into(),
            convention_date: "2024-04-02".into(),
            lapse_date: "2027-04-02".into(),
            ..draft()
        }
        .to_new()
        .unwrap();
        assert_eq!(line.scheme.as_deref(), Some("DSIL"));
        assert_eq!(line.decision_ref, None);
        assert_eq!(
            line.convention_date.map(|d| d.to_string()).as_deref(),
            Some("2024-04-02")
        );
        assert_eq!(
            line.lapse_date.map(|d| d.to_string()).as_deref(),
            Some("2027-04-02")
        );
        // Lapsing before the agreement is refused before anything is sent.
        let lapsing = LineDraft {
            convention_date: "2024-04-02".into(),
            lapse_date: "2024-04-01".into(),
            ..draft()
        };
        let fields: Vec<String> = lapsing
            .to_new()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["lapse_date"]);
    }

    #[test]
    fn a_payment_date_is_only_sent_for_a_paid_line() {
        let mut granted = draft();
        granted.paid_on = "2025-01-02".into();
        assert_eq!(granted.to_new().unwrap().paid_on, None);
        granted.status = FundingStatus::Paid;
        assert!(granted.to_new().unwrap().paid_on.is_some());
    }
}
