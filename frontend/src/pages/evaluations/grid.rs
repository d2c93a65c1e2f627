//! A grid: its criteria and their weights. Admins and managers create and
//! edit grids; every saved change makes a new version, and evaluations keep
//! the version they were scored against, so the history is listed too.

use super::kind_options;
use crate::api::{self, ApiError};
use crate::components::form_field::{
    message_for, without_problems, Alert, ConflictAlert, DraftFields, SelectField, Status,
    SubmitButton, TextField,
};
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::panel::Panel;
use crate::components::table::Table;
use crate::dom;
use crate::format;
use crate::hooks::{edit, setter, use_draft, use_submit, DraftHandle};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang, Texts};
use crate::routes::Route;
use crate::session::use_can_manage;
use shared::evaluation::{
    Criterion, EvaluationGrid, EvaluationGridPatch, EvaluationKind, GridVersion, NewEvaluationGrid,
};
use shared::ids::EvaluationGridId;
use shared::validation::Validate;
use shared::{ErrorCode, FieldError};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct CriterionDraft {
    /// Keeps a row's inputs with it when rows move.
    uid: u32,
    key: String,
    label: String,
    description: String,
    weight: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct GridDraft {
    name: String,
    kind: EvaluationKind,
    active: bool,
    criteria: Vec<CriterionDraft>,
    next_uid: u32,
}

impl Default for GridDraft {
    fn default() -> Self {
        let mut draft = GridDraft {
            name: String::new(),
            kind: EvaluationKind::ExAnte,
            active: true,
            criteria: Vec::new(),
            next_uid: 0,
        };
        draft.add();
        draft
    }
}

/// A weight as typed: `2`, `1,5` or `1.5`.
fn parse_weight(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|w| w.is_finite())
}

impl GridDraft {
    fn of(grid: &EvaluationGrid, lang: Lang) -> Self {
        let criteria: Vec<CriterionDraft> = grid
            .criteria
            .iter()
            .zip(0..)
            .map(|(criterion, uid)| CriterionDraft {
                uid,
                key: criterion.key.clone(),
                label: criterion.label.clone(),
                description: criterion.description.clone(),
                weight: format::decimal_text(&criterion.weight.to_string(), lang)
                    .replace('\u{202f}', ""),
            })
            .collect();
        GridDraft {
            name: grid.name.clone(),
            kind: grid.kind,
            active: grid.active,
            next_uid: criteria.len() as u32,
            criteria,
        }
    }

    fn add(&mut self) {
        self.criteria.push(CriterionDraft {
            uid: self.next_uid,
            weight: "1".into(),
            ..CriterionDraft::default()
        });
        self.next_uid += 1;
    }

    /// The criteria, or every problem found in them and the name.
    fn to_new(&self) -> Result<NewEvaluationGrid, Vec<FieldError>> {
        let mut errors = Vec::new();
        let criteria: Vec<Criterion> = self
            .criteria
            .iter()
            .enumerate()
            .map(|(index, row)| Criterion {
                key: row.key.trim().to_owned(),
                label: row.label.trim().to_owned(),
                description: row.description.trim().to_owned(),
                weight: parse_weight(&row.weight).unwrap_or_else(|| {
                    errors.push(FieldError::new(
                        format!("criteria.{index}.weight"),
                        "invalid_number",
                        "not a number",
                    ));
                    // Passes the shared rule, so the problem is reported once.
                    1.0
                }),
            })
            .collect();
        let grid = NewEvaluationGrid {
            name: self.name.trim().to_owned(),
            kind: self.kind,
            criteria,
            active: self.active,
        };
        errors.extend(grid.validate());
        without_problems(grid, errors)
    }
}

fn field_ids(draft: &GridDraft) -> Vec<(String, String)> {
    let mut fields = vec![("name".to_owned(), "grid-name".to_owned())];
    for index in 0..draft.criteria.len() {
        for part in ["key", "label", "description", "weight"] {
            fields.push((
                format!("criteria.{index}.{part}"),
                format!("criterion-{index}-{part}"),
            ));
        }
    }
    fields.push(("criteria".to_owned(), "add-criterion".to_owned()));
    fields
}

#[function_component]
pub fn NewGridPage() -> Html {
    let texts = use_lang().texts();
    let navigator = use_navigator();
    let can_manage = use_can_manage();
    let on_saved = Callback::from(move |grid: EvaluationGrid| {
        if let Some(navigator) = &navigator {
            navigator.push(&Route::Grid { id: grid.id });
        }
    });
    html! {
        <>
            <p class="eyebrow"><NavLink to={Route::Evaluations}>{ texts.evaluations_title }</NavLink></p>
            <PageTitle text={texts.new_grid} />
            if can_manage {
                <GridForm grid={None::<EvaluationGrid>} {on_saved} />
            } else {
                <p class="notice">{ texts.grids_managers_only }</p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct GridPageProps {
    pub id: EvaluationGridId,
}

#[function_component]
pub fn GridPage(props: &GridPageProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let can_manage = use_can_manage();
    let id = props.id;
    let grid = use_state(|| None::<EvaluationGrid>);
    let versions = use_state(Vec::<GridVersion>::new);
    let error = use_state(|| None::<ApiError>);
    let reloads = use_state(|| 0_u32);
    let status = use_state(|| None::<AttrValue>);

    {
        let (grid, versions, error) = (grid.clone(), versions.clone(), error.clone());
        use_effect_with((id, *reloads), move |(id, _)| {
            let id = *id;
            spawn_local(async move {
                match api::evaluations::grid(id).await {
                    Ok(loaded) => {
                        grid.set(Some(loaded));
                        error.set(None);
                    }
                    Err(failure) => error.set(Some(failure)),
                }
                if let Ok(mut list) = api::evaluations::grid_versions(id).await {
                    list.sort_by_key(|version| std::cmp::Reverse(version.version));
                    versions.set(list);
                }
            });
        });
    }

    let Some(current) = (*grid).clone() else {
        return match &*error {
            Some(failure) => html! {
                <>
                    <PageTitle text={texts.grids_heading} />
                    <Alert id="grid-error" message={Some(AttrValue::from(texts.describe(failure)))} />
                </>
            },
            None => html! { <p class="loading" role="status">{ texts.loading }</p> },
        };
    };
    let on_saved = {
        let (grid, reloads, status) = (grid.clone(), reloads.clone(), status.clone());
        Callback::from(move |saved: EvaluationGrid| {
            status.set(Some((texts.grid_saved)(saved.version).into()));
            grid.set(Some(saved));
            reloads.set(reloads.wrapping_add(1));
        })
    };
    let on_stale = {
        let reloads = reloads.clone();
        Callback::from(move |()| reloads.set(reloads.wrapping_add(1)))
    };

    html! {
        <>
            <p class="eyebrow"><NavLink to={Route::Evaluations}>{ texts.evaluations_title }</NavLink></p>
            <PageTitle text={current.name.clone()} />
            <dl class="facts" data-testid="grid-facts">
                <div class="facts__item">
                    <dt>{ texts.evaluation_kind }</dt>
                    <dd>{ (texts.evaluation_kind_name)(current.kind) }</dd>
                </div>
                <div class="facts__item">
                    <dt>{ texts.grid_version_label }</dt>
                    <dd data-testid="grid-version">{ (texts.version_number)(current.version) }</dd>
                </div>
                <div class="facts__item">
                    <dt>{ texts.submitted_evaluations }</dt>
                    <dd data-testid="grid-submitted">{ format::integer(current.submitted_evaluations, lang) }</dd>
                </div>
                <div class="facts__item">
                    <dt>{ texts.column_active }</dt>
                    <dd>{ if current.active { texts.active_yes } else { texts.active_no } }</dd>
                </div>
            </dl>
            <Status message={(*status).clone()} />
            if can_manage {
                <GridForm key={current.version.to_string()} grid={Some(current.clone())} {on_saved} {on_stale} />
            } else {
                <Panel heading_id="criteria-heading" heading={texts.criteria_heading}>
                    { criteria_table(texts, lang, &current.criteria, texts.criteria_heading) }
                </Panel>
            }
            <Panel heading_id="versions-heading" heading={texts.versions_heading}>
                if versions.is_empty() {
                    <p class="notice">{ texts.no_versions }</p>
                } else {
                    <ul class="plain-list" data-testid="grid-versions">
                        { for versions.iter().map(|version| html! {
                            <li key={version.version.to_string()}>
                                <details>
                                    <summary>
                                        { (texts.version_number)(version.version) }{ " — " }
                                        { format::date(version.created_at.date_naive(), lang) }{ " — " }
                                        { (texts.criteria_n)(version.criteria.len()) }
                                    </summary>
                                    { criteria_table(texts, lang, &version.criteria, &(texts.version_number)(version.version)) }
                                </details>
                            </li>
                        }) }
                    </ul>
                }
            </Panel>
        </>
    }
}

fn criteria_table(texts: &Texts, lang: Lang, criteria: &[Criterion], caption: &str) -> Html {
    html! {
        <Table caption={caption.to_owned()} compact=true head={html! {
            <>
                <th scope="col">{ texts.criterion }</th>
                <th scope="col">{ texts.criterion_key }</th>
                <th scope="col">{ texts.description_label }</th>
                <th scope="col" class="number">{ texts.weight }</th>
            </>
        }}>
            { for criteria.iter().map(|criterion| html! {
                <tr>
                    <th scope="row">{ criterion.label.clone() }</th>
                    <td><code>{ criterion.key.clone() }</code></td>
                    <td>{ criterion.description.clone() }</td>
                    <td class="number">{ format::decimal_text(&criterion.weight.to_string(), lang) }</td>
                </tr>
            }) }
        </Table>
    }
}

#[derive(Properties, PartialEq)]
struct GridFormProps {
    /// `None` to create a grid.
    grid: Option<EvaluationGrid>,
    on_saved: Callback<EvaluationGrid>,
    #[prop_or_default]
    on_stale: Callback<()>,
}

#[function_component]
fn GridForm(props: &GridFormProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let draft = {
        let grid = props.grid.clone();
        use_draft(move || {
            grid.as_ref()
                .map(|grid| GridDraft::of(grid, lang))
                .unwrap_or_default()
        })
    };
    let fields = field_ids(&draft.0);
    let submit = use_submit(fields.clone());
    let conflict = use_state(|| false);
    // Where focus goes once the rows have been redrawn (after a move).
    let focus_next: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    {
        let focus_next = Rc::clone(&focus_next);
        use_effect(move || {
            if let Some(selector) = focus_next.borrow_mut().take() {
                dom::focus(&selector);
            }
        });
    }

    let onsubmit = {
        let (draft, conflict) = (draft.clone(), conflict.clone());
        let (grid, on_saved) = (props.grid.clone(), props.on_saved.clone());
        submit.on_submit(move |submit| {
            let new = match draft.0.to_new() {
                Ok(new) => new,
                Err(problems) => {
                    return submit.invalid_with(summary_from(texts, &problems, &fields), problems)
                }
            };
            let (conflict, on_saved, grid) = (conflict.clone(), on_saved.clone(), grid.clone());
            submit.run_or_else(
                async move {
                    match &grid {
                        None => api::evaluations::create_grid(&new).await,
                        Some(grid) => {
                            let changes = EvaluationGridPatch {
                                name: Some(new.name),
                                criteria: Some(new.criteria),
                                active: Some(new.active),
                            };
                            api::evaluations::update_grid(grid.id, grid.version, &changes).await
                        }
                    }
                },
                move |saved| on_saved.emit(saved),
                move |submit, failure| {
                    if failure.has_code(ErrorCode::VersionMismatch) {
                        submit.set_summary(None);
                        conflict.set(true);
                    } else {
                        submit.refused(&failure);
                    }
                },
            );
        })
    };
    let on_add = {
        let (draft, focus_next) = (draft.clone(), Rc::clone(&focus_next));
        Callback::from(move |_: MouseEvent| {
            *focus_next.borrow_mut() = Some(format!("#criterion-{}-key", draft.0.criteria.len()));
            edit(&draft, GridDraft::add);
        })
    };
    let on_active = {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let checked = input.checked();
            edit(&draft, move |d| d.active = checked);
        })
    };
    let on_reload = {
        let on_stale = props.on_stale.clone();
        Callback::from(move |_: MouseEvent| on_stale.emit(()))
    };
    let creating = props.grid.is_none();
    let next_version = props.grid.as_ref().map(|grid| grid.version + 1);

    let fields = DraftFields::new(&draft, &submit);
    html! {
        <section class="panel" aria-labelledby="grid-form-heading">
            <h2 id="grid-form-heading">
                { if creating { texts.new_grid } else { texts.edit_grid } }
            </h2>
            if let Some(next) = next_version {
                <p class="notice" data-testid="new-version-note">{ (texts.saving_makes_version)(next) }</p>
            }
            <ConflictAlert conflict={*conflict} message={texts.grid_conflict} {on_reload} />
            <Alert id="grid-form-error" message={submit.summary()} />
            <form class="form" novalidate=true data-testid="grid-form" {onsubmit}>
                <div class="form form--grid">
                    <TextField
                        required=true
                        ..fields.text("grid-name", texts.column_name, "name", |d| &d.name, |d, v| d.name = v)
                    />
                    if creating {
                        <SelectField
                            id="grid-kind"
                            label={texts.evaluation_kind}
                            options={kind_options(texts)}
                            value={draft.0.kind.as_str()}
                            onchange={setter(&draft, |d, v| if let Ok(kind) = v.parse() { d.kind = kind })}
                        />
                    }
                    <div class="field choice">
                        <input type="checkbox" id="grid-active" checked={draft.0.active} onchange={on_active} />
                        <label for="grid-active">{ texts.grid_active }</label>
                    </div>
                </div>
                <fieldset class="form-section">
                    <legend>{ texts.criteria_heading }</legend>
                    <p class="field-hint">{ texts.criteria_hint }{ " " }{ texts.criterion_key_hint }</p>
                    <ol class="criteria-rows" data-testid="criteria-rows">
                        { for draft.0.criteria.iter().enumerate().map(|(index, row)| {
                            criterion_row(texts, &draft, submit.field_errors(), &focus_next, index, row)
                        }) }
                    </ol>
                    if let Some(error) = submit.error_for("criteria").filter(|_| {
                        submit.field_errors().iter().any(|e| e.field == "criteria")
                    }) {
                        <p class="field-error">{ error }</p>
                    }
                    <button type="button" id="add-criterion" class="button button--secondary"
                            data-testid="add-criterion" onclick={on_add}>
                        { texts.add_criterion }
                    </button>
                </fieldset>
                <div class="form__actions">
                    <SubmitButton label={if creating { texts.create_grid } else { texts.save_grid }} busy={submit.busy()} busy_label={texts.saving} testid="save-grid" />
                </div>
            </form>
        </section>
    }
}

/// The form's summary for problems found before sending.
fn summary_from(texts: &Texts, problems: &[FieldError], fields: &[(String, String)]) -> AttrValue {
    let mut summary = texts.form_has_errors.to_owned();
    for problem in problems {
        if !fields.iter().any(|(name, _)| *name == problem.field) && problem.field != "criteria" {
            summary.push(' ');
            summary.push_str(&texts.field_error(problem));
        }
    }
    summary.into()
}

fn criterion_row(
    texts: &'static Texts,
    draft: &DraftHandle<GridDraft>,
    field_errors: &[FieldError],
    focus_next: &Rc<RefCell<Option<String>>>,
    index: usize,
    row: &CriterionDraft,
) -> Html {
    let count = draft.0.criteria.len();
    let field = |part: &str| format!("criteria.{index}.{part}");
    let id = |part: &str| format!("criterion-{index}-{part}");
    let set = |part: &'static str| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            edit(&draft, move |d| {
                if let Some(row) = d.criteria.get_mut(index) {
                    match part {
                        "key" => row.key = value,
                        "label" => row.label = value,
                        "description" => row.description = value,
                        _ => row.weight = value,
                    }
                }
            })
        })
    };
    let move_to = |to: usize, button: &'static str| {
        let (draft, focus_next) = (draft.clone(), Rc::clone(focus_next));
        Callback::from(move |_: MouseEvent| {
            // At the ends, focus stays on the button that still exists.
            let target = if (button == "up" && to == 0) || (button == "down" && to + 1 == count) {
                if button == "up" {
                    "down"
                } else {
                    "up"
                }
            } else {
                button
            };
            *focus_next.borrow_mut() = Some(format!("#criterion-{to}-{target}"));
            edit(&draft, move |d| {
                if to < d.criteria.len() && index < d.criteria.len() {
                    d.criteria.swap(index, to);
                }
            });
        })
    };
    let remove = {
        let (draft, focus_next) = (draft.clone(), Rc::clone(focus_next));
        Callback::from(move |_: MouseEvent| {
            *focus_next.borrow_mut() = Some("#add-criterion".to_owned());
            edit(&draft, move |d| {
                if index < d.criteria.len() {
                    d.criteria.remove(index);
                }
            });
        })
    };
    let name = if row.label.trim().is_empty() {
        (texts.criterion_number)(index + 1)
    } else {
        row.label.clone()
    };
    let for_row = html! { <span class="visually-hidden">{ " " }{ name.clone() }</span> };
    html! {
        <li key={row.uid.to_string()} class="criteria-row" data-testid="criterion-row">
            <fieldset class="form-section">
                <legend>{ (texts.criterion_number)(index + 1) }</legend>
                <div class="form form--grid">
                    <TextField id={id("label")} label={texts.criterion_label} required=true
                               value={row.label.clone()} oninput={set("label")}
                               error={message_for(texts, field_errors, &field("label"))} />
                    <TextField id={id("key")} label={texts.criterion_key} required=true
                               value={row.key.clone()} oninput={set("key")}
                               error={message_for(texts, field_errors, &field("key"))} />
                    <TextField id={id("weight")} label={texts.weight} required=true inputmode="decimal"
                               value={row.weight.clone()} oninput={set("weight")}
                               error={message_for(texts, field_errors, &field("weight"))} />
                    <TextField id={id("description")} label={texts.description_label}
                               value={row.description.clone()} oninput={set("description")}
                               error={message_for(texts, field_errors, &field("description"))} />
                </div>
                <div class="form__actions">
                    if index > 0 {
                        <button type="button" id={id("up")} class="button button--secondary button--small"
                                onclick={move_to(index - 1, "up")}>
                            { texts.move_up }{ for_row.clone() }
                        </button>
                    }
                    if index + 1 < count {
                        <button type="button" id={id("down")} class="button button--secondary button--small"
                                onclick={move_to(index + 1, "down")}>
                            { texts.move_down }{ for_row.clone() }
                        </button>
                    }
                    <button type="button" id={id("remove")} class="button button--danger button--small"
                            onclick={remove}>
                        { texts.remove }{ for_row }
                    </button>
                </div>
            </fieldset>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_accept_a_decimal_comma() {
        assert_eq!(parse_weight("1,5"), Some(1.5));
        assert_eq!(parse_weight(" 2 "), Some(2.0));
        assert_eq!(parse_weight("deux"), None);
    }

    #[test]
    fn problems_are_found_per_row() {
        let mut draft = GridDraft {
            name: "Grille".into(),
            ..GridDraft::default()
        };
        draft.criteria[0].key = "Bad Key".into();
        draft.criteria[0].label = "Pertinence".into();
        draft.add();
        draft.criteria[1].key = "b".into();
        draft.criteria[1].weight = "x".into();
        let fields: Vec<String> = draft
            .to_new()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["criteria.1.weight", "criteria.0.key", "criteria.1.label"]
        );
        draft.criteria[0].key = "a".into();
        draft.criteria[1].label = "Faisabilité".into();
        draft.criteria[1].weight = "1,5".into();
        let grid = draft.to_new().unwrap();
        assert_eq!(grid.criteria[1].weight, 1.5);
    }
}
