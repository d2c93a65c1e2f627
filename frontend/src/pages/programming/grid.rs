//! The projects × years grid, edited like a spreadsheet: one cell holds
//! the keyboard at a time (the others are reached with the arrow keys,
//! Home and End), Enter, F2 or typing edits a CP planned cell, Enter or
//! Tab keeps the value and Escape gives it up. A kept value saves the
//! project's row at once: its CP, every year of them, under the
//! project's version. The server's refusals are listed under the grid,
//! each tied to its cell.

use super::sheet::{self, CellKey, Cursor, EditorKey, GridSize, Modifiers, Step};
use crate::api;
use crate::components::form_field::summary_for;
use crate::dom;
use crate::format;
use crate::hooks::use_submit;
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang, Texts};
use crate::routes::Route;
use shared::ids::ProjectId;
use shared::programming::{CreditYear, Programme, ProgrammeRow, ProjectPaymentCredits};
use shared::{ErrorCode, FieldError};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// Columns before the years: the project, its AP.
const LEADING_COLUMNS: usize = 2;
/// Columns after the years: the project's total.
const TRAILING_COLUMNS: usize = 1;
const EDITOR_ID: &str = "grid-editor";

pub fn cell_id(cursor: Cursor) -> String {
    format!("grid-cell-{}-{}", cursor.row, cursor.col)
}

fn problem_id(project: ProjectId, year: i32) -> String {
    format!("grid-problem-{project}-{year}")
}

/// What went wrong with a row's last save, listed under the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct RowIssue {
    pub project: String,
    /// Someone changed the project since the grid was loaded (412).
    pub conflict: bool,
    pub summary: AttrValue,
    /// The message for each year's cell.
    pub cells: Vec<(i32, AttrValue)>,
}

/// The rows' issues, by project. A reducer: rows report as their answers
/// arrive, and two reports before the next render must both land.
#[derive(Debug, Clone, PartialEq, Default)]
struct Issues(BTreeMap<ProjectId, RowIssue>);

enum IssuesAction {
    Report(ProjectId, Option<RowIssue>),
    Clear,
}

impl Reducible for Issues {
    type Action = IssuesAction;

    fn reduce(self: Rc<Self>, action: IssuesAction) -> Rc<Self> {
        let mut next = self.0.clone();
        match action {
            IssuesAction::Report(project, Some(issue)) => {
                next.insert(project, issue);
            }
            IssuesAction::Report(project, None) => {
                if !next.contains_key(&project) {
                    return self;
                }
                next.remove(&project);
            }
            IssuesAction::Clear => next.clear(),
        }
        Rc::new(Issues(next))
    }
}

#[derive(Properties, PartialEq)]
pub struct ProgrammeGridProps {
    pub programme: Rc<Programme>,
    pub can_edit: bool,
    /// A row was saved: say so and fetch the programme again.
    pub on_saved: Callback<AttrValue>,
    /// Fetch the programme again, e.g. after a conflict.
    pub on_reload: Callback<()>,
}

#[function_component]
pub fn ProgrammeGrid(props: &ProgrammeGridProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let programme = &props.programme;
    let years: Rc<Vec<i32>> = Rc::new(programme.years.iter().map(|y| y.year).collect());
    let size = GridSize {
        rows: programme.projects.len(),
        cols: years.len() + LEADING_COLUMNS + TRAILING_COLUMNS,
    };
    let cursor = use_state(Cursor::default);
    // Bumped by a move from the keyboard: focus follows the cursor then,
    // not when the grid is merely drawn again.
    let focus_ticket = use_state(|| 0_u32);
    let issues = use_reducer(Issues::default);
    let current = size.clamp(*cursor);
    use_effect_with((current, *focus_ticket), |(current, ticket)| {
        if *ticket > 0 {
            dom::focus(&format!("#{}", cell_id(*current)));
        }
    });

    let on_move = {
        let (cursor, focus_ticket) = (cursor.clone(), focus_ticket.clone());
        Callback::from(move |step: Option<Step>| {
            let next = step.map_or(current, |step| sheet::step(current, step, size));
            cursor.set(next);
            focus_ticket.set(focus_ticket.wrapping_add(1));
        })
    };
    let on_focus = {
        let cursor = cursor.clone();
        Callback::from(move |at: Cursor| {
            if *cursor != at {
                cursor.set(at);
            }
        })
    };
    let on_issue = {
        let issues = issues.dispatcher();
        Callback::from(move |(project, issue): (ProjectId, Option<RowIssue>)| {
            issues.dispatch(IssuesAction::Report(project, issue));
        })
    };
    let on_reload = {
        let (issues, on_reload) = (issues.dispatcher(), props.on_reload.clone());
        Callback::from(move |_: MouseEvent| {
            issues.dispatch(IssuesAction::Clear);
            on_reload.emit(());
        })
    };

    if programme.projects.is_empty() {
        return html! {
            <p class="notice" data-testid="no-programmed-projects">{ texts.no_programmed_projects }</p>
        };
    }
    let over: Vec<i32> = programme
        .years
        .iter()
        .filter(|y| y.over_capacity)
        .map(|y| y.year)
        .collect();

    html! {
        <>
            <p class="field-hint" id="programme-grid-help">
                { if props.can_edit { texts.grid_help } else { texts.grid_help_read_only } }
            </p>
            <div class="table-wrap grid-wrap">
                <table
                    class="table table--compact grid"
                    role="grid"
                    aria-labelledby="programme-grid-caption"
                    aria-describedby="programme-grid-help"
                    data-testid="programme-grid"
                >
                    <caption id="programme-grid-caption">{ (texts.grid_caption)(programme.from, programme.to) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ texts.column_project }</th>
                            <th scope="col" class="number">{ texts.ap_short }</th>
                            { for programme.years.iter().map(|year| html! {
                                <th scope="col" class={classes!("number", year.over_capacity.then_some("grid__year--over"))}
                                    data-testid={format!("year-header-{}", year.year)}>
                                    { year.year }
                                    if year.over_capacity {
                                        <span class="flag" aria-hidden="true">{ " ⚠" }</span>
                                        <span class="visually-hidden">{ texts.over_capacity_suffix }</span>
                                    }
                                </th>
                            }) }
                            <th scope="col" class="number">{ texts.total_all_years }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for programme.projects.iter().enumerate().map(|(index, row)| html! {
                            <GridRow
                                key={row.project_id.to_string()}
                                {index}
                                row={row.clone()}
                                years={Rc::clone(&years)}
                                active={(current.row == index).then_some(current.col)}
                                can_edit={props.can_edit}
                                on_move={on_move.clone()}
                                on_focus={on_focus.clone()}
                                on_saved={props.on_saved.clone()}
                                on_issue={on_issue.clone()}
                            />
                        }) }
                    </tbody>
                    <tfoot>
                        { totals(texts, lang, programme) }
                    </tfoot>
                </table>
            </div>
            <div class="alert" role="alert" data-testid="grid-problems">
                if !issues.0.is_empty() {
                    <ul class="grid-problems">
                        { for issues.0.iter().map(|(project, issue)| html! {
                            <li data-testid={format!("grid-problem-{project}")}>
                                <strong>{ issue.project.clone() }</strong>{ texts.colon }{ issue.summary.clone() }
                                if !issue.cells.is_empty() {
                                    <ul>
                                        { for issue.cells.iter().map(|(year, message)| html! {
                                            <li id={problem_id(*project, *year)}>{ *year }{ texts.colon }{ message.clone() }</li>
                                        }) }
                                    </ul>
                                }
                                if issue.conflict {
                                    <button type="button" class="button button--secondary button--small"
                                            data-testid="grid-reload" onclick={on_reload.clone()}>
                                        { texts.reload_programme }
                                    </button>
                                }
                            </li>
                        }) }
                    </ul>
                }
            </div>
            if !over.is_empty() {
                <p class="notice notice--warning" data-testid="over-capacity-years">
                    <span aria-hidden="true">{ "⚠ " }</span>
                    { (texts.over_capacity_years)(&over.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")) }
                </p>
            }
        </>
    }
}

/// The programme's figures per year under the projects.
fn totals(texts: &Texts, lang: Lang, programme: &Programme) -> Html {
    type Figure = fn(&shared::programming::ProgrammeYear) -> Option<i64>;
    let lines: [(&str, &str, Figure); 5] = [
        (texts.cp_planned, "planned", |y| Some(y.planned_cents)),
        (texts.cp_paid, "paid", |y| Some(y.paid_cents)),
        (texts.receipts_expected, "receipts", |y| {
            Some(y.expected_receipts_cents)
        }),
        (texts.net_need, "need", |y| Some(y.net_need_cents)),
        (texts.capacity, "capacity", |y| y.capacity_cents),
    ];
    let sum = |figure: Figure| -> i64 { programme.years.iter().filter_map(figure).sum() };
    html! {
        <>
            { for lines.iter().map(|(label, key, figure)| html! {
                <tr data-testid={format!("total-{key}")}>
                    <th scope="row" colspan="2">{ *label }</th>
                    { for programme.years.iter().map(|year| html! {
                        <td class="number" data-testid={format!("total-{key}-{}", year.year)}>
                            { figure(year).map_or_else(|| "—".to_owned(), |cents| format::euros(cents, lang)) }
                        </td>
                    }) }
                    <td class="number">{ format::euros(sum(*figure), lang) }</td>
                </tr>
            }) }
            <tr data-testid="total-state">
                <th scope="row" colspan="2">{ texts.capacity_state }</th>
                { for programme.years.iter().map(|year| {
                    let (text, class) = match (year.over_capacity, year.capacity_cents) {
                        (true, _) => (texts.over_capacity, "flag--over"),
                        (false, Some(_)) => (texts.within_capacity, "flag--within"),
                        (false, None) => (texts.no_capacity_set, ""),
                    };
                    html! {
                        <td class={classes!("capacity-state", class)} data-testid={format!("capacity-state-{}", year.year)}>
                            if year.over_capacity {
                                <span aria-hidden="true">{ "⚠ " }</span>
                            }
                            { text }
                        </td>
                    }
                }) }
                <td></td>
            </tr>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct GridRowProps {
    index: usize,
    row: ProgrammeRow,
    years: Rc<Vec<i32>>,
    /// The cursor's column, when the cursor is on this row.
    active: Option<usize>,
    can_edit: bool,
    on_move: Callback<Option<Step>>,
    on_focus: Callback<Cursor>,
    on_saved: Callback<AttrValue>,
    on_issue: Callback<(ProjectId, Option<RowIssue>)>,
}

/// The cell being edited and its text.
#[derive(Debug, Clone, PartialEq)]
struct Editing {
    col: usize,
    text: String,
    /// Started from the cell's value (selected, so that typing replaces
    /// it) rather than from a typed character (the caret after it).
    select: bool,
}

#[function_component]
fn GridRow(props: &GridRowProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let navigator = use_navigator();
    let row = &props.row;
    let project_id = row.project_id;
    let label = format!("{} {}", row.reference, row.title);
    let submit = use_submit(&[]);
    let editing = use_state(|| None::<Editing>);
    // Read by the editor's blur, which may come after Enter or Escape
    // already closed it.
    let editor_open: Rc<RefCell<bool>> = use_mut_ref(|| false);
    // The editor's text as typed so far, for keys that arrive before it
    // is drawn.
    let typed_ahead: Rc<RefCell<String>> = use_mut_ref(String::new);
    // Typed values not yet saved, by year.
    let pending = use_state(BTreeMap::<i32, String>::new);
    // The row as the last save answered, until the grid is fetched again.
    let saved = use_state(|| None::<ProjectPaymentCredits>);
    let problems = use_state(BTreeMap::<i32, AttrValue>::new);

    {
        let (pending, saved, problems, editing, on_issue) = (
            pending.clone(),
            saved.clone(),
            problems.clone(),
            editing.clone(),
            props.on_issue.clone(),
        );
        let editor_open = Rc::clone(&editor_open);
        use_effect_with(row.version, move |_| {
            pending.set(BTreeMap::new());
            saved.set(None);
            problems.set(BTreeMap::new());
            editing.set(None);
            editor_open.replace(false);
            on_issue.emit((project_id, None));
        });
    }
    {
        let editing = (*editing).clone();
        use_effect_with(editing.as_ref().map(|e| (e.col, e.select)), |started| {
            if let Some((_, select)) = started {
                dom::focus_input(&format!("#{EDITOR_ID}"), *select);
            }
        });
    }

    let (credits, version): (Vec<CreditYear>, i64) = match &*saved {
        Some(saved) => (saved.years.clone(), saved.version),
        None => (row.years.clone(), row.version),
    };
    let year_of = |col: usize| {
        col.checked_sub(LEADING_COLUMNS)
            .and_then(|index| props.years.get(index))
            .copied()
    };
    let planned_in = |year: i32| {
        credits
            .iter()
            .find(|c| c.year == year)
            .map_or(0, |c| c.planned_cents)
    };
    let editable = |col: usize| props.can_edit && year_of(col).is_some();

    // Saves the row with `typed` as its pending values.
    let save = {
        let (pending, saved, problems, submit, on_saved, on_issue) = (
            pending.clone(),
            saved.clone(),
            problems.clone(),
            submit.clone(),
            props.on_saved.clone(),
            props.on_issue.clone(),
        );
        let (credits, label) = (credits.clone(), label.clone());
        Rc::new(move |typed: BTreeMap<i32, String>| {
            pending.set(typed.clone());
            let sent = match sheet::credits_to_send(&credits, &typed) {
                Ok(sent) => sent,
                Err(unreadable) => {
                    let cells: Vec<(i32, AttrValue)> = unreadable
                        .iter()
                        .map(|(year, problem)| {
                            let problem = FieldError::new("planned_cents", problem.code(), "");
                            (*year, AttrValue::from(texts.field_error(&problem)))
                        })
                        .collect();
                    problems.set(cells.iter().cloned().collect());
                    on_issue.emit((
                        project_id,
                        Some(RowIssue {
                            project: label.clone(),
                            conflict: false,
                            summary: texts.row_not_saved.into(),
                            cells,
                        }),
                    ));
                    return;
                }
            };
            let body = shared::programming::PaymentCredits {
                years: sent.clone(),
            };
            let (pending, saved, problems, on_saved, on_issue, label) = (
                pending.clone(),
                saved.clone(),
                problems.clone(),
                on_saved.clone(),
                on_issue.clone(),
                label.clone(),
            );
            let (refused_problems, refused_issue, refused_label) =
                (problems.clone(), on_issue.clone(), label.clone());
            submit.run_or_else(
                async move {
                    api::programming::replace_payment_credits(project_id, version, &body).await
                },
                move |updated| {
                    saved.set(Some(updated));
                    pending.set(BTreeMap::new());
                    problems.set(BTreeMap::new());
                    on_issue.emit((project_id, None));
                    on_saved.emit((texts.row_saved)(&label).into());
                },
                move |_, error| {
                    let conflict = error.has_code(ErrorCode::VersionMismatch);
                    let (by_year, _) = sheet::problems_by_year(&sent, &error.field_errors);
                    let cells: Vec<(i32, AttrValue)> = by_year
                        .iter()
                        .map(|(year, problem)| (*year, AttrValue::from(texts.field_error(problem))))
                        .collect();
                    refused_problems.set(cells.iter().cloned().collect());
                    let summary = if conflict {
                        AttrValue::from(texts.row_conflict)
                    } else {
                        summary_for(texts, &error, &[])
                    };
                    refused_issue.emit((
                        project_id,
                        Some(RowIssue {
                            project: refused_label,
                            conflict,
                            summary,
                            cells,
                        }),
                    ));
                },
            );
        })
    };

    // Keeps `text` in the cell at `col`, then moves by `step`.
    let commit = {
        let (editing, pending, save, on_move) = (
            editing.clone(),
            pending.clone(),
            Rc::clone(&save),
            props.on_move.clone(),
        );
        let editor_open = Rc::clone(&editor_open);
        let credits = credits.clone();
        let years = Rc::clone(&props.years);
        Rc::new(move |col: usize, text: String, step: Option<Step>| {
            editor_open.replace(false);
            editing.set(None);
            on_move.emit(step);
            let Some(year) = col
                .checked_sub(LEADING_COLUMNS)
                .and_then(|index| years.get(index))
                .copied()
            else {
                return;
            };
            let unchanged = sheet::parse_cell(&text).ok()
                == Some(
                    credits
                        .iter()
                        .find(|c| c.year == year)
                        .map_or(0, |c| c.planned_cents),
                );
            let mut typed = (*pending).clone();
            if unchanged && !typed.contains_key(&year) {
                return;
            }
            typed.insert(year, text);
            save(typed);
        })
    };

    let onkeydown = {
        let (editing, on_move, commit) =
            (editing.clone(), props.on_move.clone(), Rc::clone(&commit));
        let editor_open = Rc::clone(&editor_open);
        let typed_ahead = Rc::clone(&typed_ahead);
        let active = props.active;
        let (navigator, project_id) = (navigator.clone(), row.project_id);
        let can_edit = props.can_edit;
        let years = Rc::clone(&props.years);
        Callback::from(move |event: KeyboardEvent| {
            let Some(col) = active else {
                return;
            };
            if *editor_open.borrow() {
                // A key typed before the editor took the keyboard belongs
                // to the value being typed.
                let key = event.key();
                if key.chars().count() == 1 && !event.ctrl_key() && !event.meta_key() {
                    event.prevent_default();
                    let text = typed_ahead.borrow().clone() + &key;
                    typed_ahead.replace(text.clone());
                    editing.set(Some(Editing {
                        col,
                        text,
                        select: false,
                    }));
                }
                return;
            }
            let editable =
                can_edit && col >= LEADING_COLUMNS && col - LEADING_COLUMNS < years.len();
            let modifiers = Modifiers {
                ctrl: event.ctrl_key() || event.meta_key(),
                shift: event.shift_key(),
                alt: event.alt_key(),
            };
            match sheet::cell_key(&event.key(), modifiers, editable) {
                CellKey::Move(step) => {
                    event.prevent_default();
                    on_move.emit(Some(step));
                }
                CellKey::Edit => {
                    event.prevent_default();
                    let target: web_sys::HtmlElement = event.target_unchecked_into();
                    let text = target.get_attribute("data-value").unwrap_or_default();
                    editor_open.replace(true);
                    typed_ahead.replace(text.clone());
                    editing.set(Some(Editing {
                        col,
                        text,
                        select: true,
                    }));
                }
                CellKey::Replace(text) => {
                    event.prevent_default();
                    editor_open.replace(true);
                    typed_ahead.replace(text.clone());
                    editing.set(Some(Editing {
                        col,
                        text,
                        select: false,
                    }));
                }
                CellKey::Clear => {
                    event.prevent_default();
                    commit(col, String::new(), None);
                }
                CellKey::Follow if col == 0 => {
                    if let Some(navigator) = &navigator {
                        event.prevent_default();
                        navigator.push(&Route::Project { id: project_id });
                    }
                }
                CellKey::Follow | CellKey::Ignore => {}
            }
        })
    };

    let busy = submit.busy();
    let cell_attrs = |col: usize| {
        let at = Cursor {
            row: props.index,
            col,
        };
        let onfocus = props.on_focus.reform(move |_: FocusEvent| at);
        let tabindex = if props.active == Some(col) { "0" } else { "-1" };
        (cell_id(at), tabindex, onfocus)
    };

    let project_cell = {
        let (id, tabindex, onfocus) = cell_attrs(0);
        let route = Route::Project { id: row.project_id };
        let onclick = {
            let (navigator, route) = (navigator.clone(), route.clone());
            Callback::from(move |event: MouseEvent| {
                let modified = event.ctrl_key() || event.meta_key() || event.shift_key();
                if let (Some(navigator), false) = (&navigator, modified || event.button() != 0) {
                    event.prevent_default();
                    navigator.push(&route);
                }
            })
        };
        // The cell holds the keyboard (Enter follows the link): the link
        // itself is not a stop of its own.
        html! {
            <th scope="row" {id} {tabindex} {onfocus} class="grid__cell grid__project">
                <a href={route.to_path()} tabindex="-1" {onclick}>
                    <span class="grid__reference">{ row.reference.clone() }</span>
                    { " " }{ row.title.clone() }
                </a>
            </th>
        }
    };
    let ap_cell = {
        let (id, tabindex, onfocus) = cell_attrs(1);
        html! {
            <td {id} {tabindex} {onfocus} class="number grid__cell" aria-readonly="true">
                { row.ap_cents.map_or_else(|| "—".to_owned(), |cents| format::euros(cents, lang)) }
                if row.over_authorisation {
                    <span class="flag flag--over" data-testid={format!("over-ap-{}", row.project_id)}>
                        <span aria-hidden="true">{ " ⚠ " }</span>{ texts.over_authorisation }
                    </span>
                }
            </td>
        }
    };
    let year_cell = |offset: usize, year: i32| {
        let col = offset + LEADING_COLUMNS;
        let (id, tabindex, onfocus) = cell_attrs(col);
        let typed = pending.get(&year).cloned();
        let planned = planned_in(year);
        let value_for_input = typed.clone().unwrap_or_else(|| {
            if planned == 0 {
                String::new()
            } else {
                format::euros_for_input(planned, lang)
            }
        });
        let shown = match &typed {
            Some(text) => text.clone(),
            None if planned == 0 => String::new(),
            None => format::euros(planned, lang),
        };
        let problem = problems.get(&year).cloned();
        let class = classes!(
            "number",
            "grid__cell",
            editable(col).then_some("grid__cell--editable"),
            typed.is_some().then_some("grid__cell--pending"),
            problem.is_some().then_some("grid__cell--invalid"),
        );
        let editor = editing.as_ref().filter(|e| e.col == col).map(|e| {
            let oninput = {
                let editing = editing.clone();
                let typed_ahead = Rc::clone(&typed_ahead);
                Callback::from(move |event: InputEvent| {
                    let input: HtmlInputElement = event.target_unchecked_into();
                    let text = input.value();
                    typed_ahead.replace(text.clone());
                    editing.set(Some(Editing {
                        col,
                        text,
                        select: false,
                    }));
                })
            };
            let onkeydown = {
                let (commit, editing, on_move) =
                    (Rc::clone(&commit), editing.clone(), props.on_move.clone());
                let editor_open = Rc::clone(&editor_open);
                Callback::from(move |event: KeyboardEvent| {
                    event.stop_propagation();
                    let modifiers = Modifiers {
                        ctrl: event.ctrl_key(),
                        shift: event.shift_key(),
                        alt: event.alt_key(),
                    };
                    match sheet::editor_key(&event.key(), modifiers) {
                        EditorKey::Commit(step) => {
                            event.prevent_default();
                            let input: HtmlInputElement = event.target_unchecked_into();
                            commit(col, input.value(), Some(step));
                        }
                        EditorKey::Cancel => {
                            event.prevent_default();
                            editor_open.replace(false);
                            editing.set(None);
                            on_move.emit(None);
                        }
                        EditorKey::Type => {}
                    }
                })
            };
            let onblur = {
                let commit = Rc::clone(&commit);
                let editor_open = Rc::clone(&editor_open);
                Callback::from(move |event: FocusEvent| {
                    if *editor_open.borrow() {
                        let input: HtmlInputElement = event.target_unchecked_into();
                        // Clicked elsewhere: keep the value, the cursor stays.
                        editor_open.replace(false);
                        commit(col, input.value(), None);
                    }
                })
            };
            html! {
                <input
                    id={EDITOR_ID}
                    class="grid__editor"
                    inputmode="decimal"
                    autocomplete="off"
                    aria-label={(texts.cp_planned_for)(year, &label)}
                    value={e.text.clone()}
                    {oninput}
                    {onkeydown}
                    {onblur}
                />
            }
        });
        let ondblclick = {
            let editing = editing.clone();
            let editor_open = Rc::clone(&editor_open);
            let text = value_for_input.clone();
            let can = editable(col);
            Callback::from(move |_: MouseEvent| {
                if can {
                    editor_open.replace(true);
                    editing.set(Some(Editing {
                        col,
                        text: text.clone(),
                        select: true,
                    }));
                }
            })
        };
        html! {
            <td
                {id}
                {tabindex}
                {onfocus}
                {ondblclick}
                {class}
                data-value={value_for_input}
                data-testid={format!("cell-{}-{year}", row.project_id)}
                aria-readonly={(!editable(col)).then_some("true")}
                aria-invalid={problem.is_some().then_some("true")}
                aria-describedby={problem.is_some().then(|| problem_id(row.project_id, year))}
            >
                if let Some(editor) = editor {
                    { editor }
                } else {
                    { shown }
                    if typed.is_some() && problem.is_none() && busy {
                        <span class="visually-hidden">{ texts.saving }</span>
                    }
                    if problem.is_some() {
                        <span class="flag flag--over" aria-hidden="true">{ " ⚠" }</span>
                    }
                }
            </td>
        }
    };
    let total_cell = {
        let (id, tabindex, onfocus) = cell_attrs(props.years.len() + LEADING_COLUMNS);
        let planned: i64 = credits.iter().map(|c| c.planned_cents).sum();
        html! {
            <td {id} {tabindex} {onfocus} class="number grid__cell" aria-readonly="true"
                data-testid={format!("row-total-{}", row.project_id)}>
                { format::euros(planned, lang) }
            </td>
        }
    };

    html! {
        <tr {onkeydown} aria-busy={busy.then_some("true")} data-testid={format!("grid-row-{}", row.project_id)}>
            { project_cell }
            { ap_cell }
            { for props.years.iter().enumerate().map(|(offset, year)| year_cell(offset, *year)) }
            { total_cell }
        </tr>
    }
}
