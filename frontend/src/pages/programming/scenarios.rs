//! Scenarios: what the programme would be with some projects moved by a
//! number of years (their CP and their receipts together) or left out.
//! Kept to be compared with the plan; nothing in a scenario changes a
//! project.

use super::chart::NeedChart;
use crate::actions::confirm_then;
use crate::api;
use crate::components::form_field::{Alert, DraftFields, Status, SubmitButton, TextField};
use crate::components::panel::Panel;
use crate::components::row_action::{hidden_name, RowAction};
use crate::format;
use crate::hooks::{edit, replace, use_draft, use_loaded, use_submit};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang, Texts};
use shared::ids::{ProjectId, ScenarioId};
use shared::programming::{NewScenario, Programme, ScenarioQuery, ScenarioShift, ScenarioSummary};
use shared::validation::Validate;
use shared::FieldError;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The scenario form as typed: a shift (in years) and an "exclude" box
/// per project.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ScenarioDraft {
    name: String,
    shifts: BTreeMap<ProjectId, String>,
    excluded: BTreeSet<ProjectId>,
}

fn shift_input(project: ProjectId) -> String {
    format!("scenario-shift-{project}")
}

fn exclude_input(project: ProjectId) -> String {
    format!("scenario-exclude-{project}")
}

impl ScenarioDraft {
    /// The projects moved, in the form's order: a blank or zero shift
    /// moves nothing.
    fn moved<'a>(
        &'a self,
        order: &'a [ProjectId],
    ) -> impl Iterator<Item = (ProjectId, &'a str)> + 'a {
        order.iter().filter_map(|project| {
            let text = self.shifts.get(project)?.trim();
            (!text.is_empty() && text.trim_start_matches(['+', '-']) != "0")
                .then_some((*project, text))
        })
    }

    fn left_out<'a>(&'a self, order: &'a [ProjectId]) -> impl Iterator<Item = ProjectId> + 'a {
        order
            .iter()
            .copied()
            .filter(|project| self.excluded.contains(project))
    }

    /// Each API field of the form and the input that holds it, as the
    /// form now stands (the shifts are numbered as they will be sent).
    fn fields(&self, order: &[ProjectId]) -> Vec<(String, String)> {
        let mut fields = vec![("name".to_owned(), "scenario-name".to_owned())];
        for (index, (project, _)) in self.moved(order).enumerate() {
            fields.push((format!("shifts.{index}"), shift_input(project)));
        }
        for (index, project) in self.left_out(order).enumerate() {
            fields.push((format!("excluded.{index}"), exclude_input(project)));
        }
        fields
    }

    fn to_new(&self, order: &[ProjectId]) -> Result<NewScenario, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut shifts = Vec::new();
        for (index, (project, text)) in self.moved(order).enumerate() {
            match text.trim_start_matches('+').parse::<i32>() {
                Ok(years) => shifts.push(ScenarioShift {
                    project_id: project,
                    years,
                }),
                Err(_) => {
                    problems.push(FieldError::new(
                        format!("shifts.{index}.years"),
                        "invalid_shift",
                        "a whole number of years",
                    ));
                    // Kept in its place, so that the shared rules number
                    // the others as the form does.
                    shifts.push(ScenarioShift {
                        project_id: project,
                        years: 0,
                    });
                }
            }
        }
        let scenario = NewScenario {
            name: self.name.trim().to_owned(),
            shifts,
            excluded: self.left_out(order).collect(),
        };
        for problem in scenario.validate() {
            if !problems.iter().any(|p| p.field == problem.field) {
                problems.push(problem);
            }
        }
        crate::components::form_field::without_problems(scenario, problems)
    }
}

/// `+1 000 €`, `-1 500 €`, `0 €`: a difference, its sign always written.
pub fn signed_euros(cents: i64, lang: Lang) -> String {
    if cents > 0 {
        format!("+{}", format::euros(cents, lang))
    } else {
        format::euros(cents, lang)
    }
}

/// "2 projets décalés, 1 laissé de côté", with the projects named.
fn summary_of(
    texts: &Texts,
    scenario: &ScenarioSummary,
    names: &BTreeMap<ProjectId, String>,
) -> String {
    let name = |project: &ProjectId| {
        names
            .get(project)
            .cloned()
            .unwrap_or_else(|| (texts.project_number)(project.0))
    };
    let mut parts: Vec<String> = scenario
        .shifts
        .iter()
        .map(|shift| (texts.shifted_by)(&name(&shift.project_id), shift.years))
        .collect();
    parts.extend(scenario.excluded.iter().map(|p| (texts.left_out)(&name(p))));
    if parts.is_empty() {
        texts.scenario_changes_nothing.to_owned()
    } else {
        parts.join(" ; ")
    }
}

#[derive(Properties, PartialEq)]
pub struct ScenariosProps {
    pub programme: Rc<Programme>,
    /// The years the page shows, over which scenarios are computed.
    pub years: ScenarioQuery,
    pub can_edit: bool,
}

#[function_component]
pub fn Scenarios(props: &ScenariosProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let list = use_loaded((), |()| async move { api::programming::scenarios().await });
    let open = use_state(|| None::<ScenarioId>);
    let names: BTreeMap<ProjectId, String> = props
        .programme
        .projects
        .iter()
        .map(|row| (row.project_id, format!("{} {}", row.reference, row.title)))
        .collect();

    let on_created = {
        let (list, open) = (list.clone(), open.clone());
        Callback::from(move |(id, name): (ScenarioId, String)| {
            list.refresh(Some((texts.scenario_created)(&name).into()));
            open.set(Some(id));
        })
    };
    html! {
        <Panel id="scenarios" heading_id="scenarios-heading" heading={texts.scenarios_heading} testid="scenarios">
            <p class="field-hint">{ texts.scenarios_intro }</p>
            <Status message={list.status()} />
            <Alert id="scenarios-error" message={list.error_message(texts)} />
            { list.view_unless_failed(texts, html! {
                <p class="notice" data-testid="no-scenarios">{ texts.no_scenarios }</p>
            }, |scenarios| html! {
                <ul class="scenario-list" data-testid="scenario-list">
                    { for scenarios.iter().map(|scenario| {
                        let expanded = *open == Some(scenario.id);
                        let detail_id = format!("scenario-detail-{}", scenario.id);
                        let on_toggle = {
                            let (open, id) = (open.clone(), scenario.id);
                            Callback::from(move |_: MouseEvent| {
                                open.set(if *open == Some(id) { None } else { Some(id) });
                            })
                        };
                        let on_delete = {
                            let (list, open, scenario) = (list.clone(), open.clone(), scenario.clone());
                            Callback::from(move |_: MouseEvent| {
                                let (list, open, name) = (list.clone(), open.clone(), scenario.name.clone());
                                let (id, version) = (scenario.id, scenario.version);
                                confirm_then(
                                    &(texts.confirm_delete_scenario)(&scenario.name),
                                    move || api::programming::delete_scenario(id, version),
                                    move |outcome| match outcome {
                                        Ok(()) => {
                                            if *open == Some(id) {
                                                open.set(None);
                                            }
                                            list.clear_error();
                                            list.refresh(Some((texts.scenario_deleted)(&name).into()));
                                        }
                                        Err(failure) => list.fail(failure),
                                    },
                                );
                            })
                        };
                        html! {
                            <li key={scenario.id.to_string()} class="scenario" data-testid={format!("scenario-{}", scenario.id)}>
                                <div class="scenario__head">
                                    <strong class="scenario__name">{ scenario.name.clone() }</strong>
                                    <span class="small-text">{ summary_of(texts, scenario, &names) }</span>
                                    <span class="scenario__actions">
                                        <button type="button" class="button button--secondary button--small"
                                                aria-expanded={if expanded { "true" } else { "false" }}
                                                aria-controls={detail_id.clone()}
                                                data-testid={format!("toggle-scenario-{}", scenario.id)}
                                                onclick={on_toggle}>
                                            { if expanded { texts.hide_scenario } else { texts.show_scenario } }
                                            { hidden_name(&scenario.name) }
                                        </button>
                                        if props.can_edit {
                                            <RowAction label={texts.delete} object={hidden_name(&scenario.name)} danger=true
                                                       onclick={on_delete} testid={format!("delete-scenario-{}", scenario.id)} />
                                        }
                                    </span>
                                </div>
                                <div id={detail_id}>
                                    if expanded {
                                        <ScenarioDetail id={scenario.id} years={props.years.clone()} />
                                    }
                                </div>
                            </li>
                        }
                    }) }
                </ul>
            }) }
            if props.can_edit {
                <NewScenarioForm programme={Rc::clone(&props.programme)} {on_created} />
            }
        </Panel>
    }
}

#[derive(Properties, PartialEq)]
struct ScenarioDetailProps {
    id: ScenarioId,
    years: ScenarioQuery,
}

/// A scenario's years against the plan's, and the difference.
#[function_component]
fn ScenarioDetail(props: &ScenarioDetailProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let scenario = use_loaded((props.id, props.years.clone()), |(id, years)| async move {
        api::programming::scenario(id, &years).await
    });
    let Some(found) = scenario.value() else {
        return html! {
            <>
                <Alert id={format!("scenario-{}-error", props.id)} message={scenario.error_message(texts)} />
                if scenario.error().is_none() {
                    <p class="loading">{ texts.loading }</p>
                }
            </>
        };
    };
    let plan: BTreeMap<i32, &shared::programming::ProgrammeYear> =
        found.plan.iter().map(|y| (y.year, y)).collect();
    let difference: BTreeMap<i32, &shared::programming::YearDifference> =
        found.difference.iter().map(|d| (d.year, d)).collect();
    let euros = |cents: i64| format::euros(cents, lang);
    html! {
        <div class="scenario__detail">
            <div class="table-wrap">
                <table class="table table--compact" data-testid={format!("scenario-difference-{}", props.id)}>
                    <caption>{ (texts.scenario_difference_caption)(&found.scenario.name, found.from, found.to) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ texts.year }</th>
                            <th scope="col" class="number">{ texts.net_need_planned }</th>
                            <th scope="col" class="number">{ texts.net_need_scenario }</th>
                            <th scope="col" class="number">{ texts.difference }</th>
                            <th scope="col" class="number">{ texts.cp_planned_difference }</th>
                            <th scope="col" class="number">{ texts.capacity }</th>
                            <th scope="col">{ texts.capacity_state }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for found.years.iter().map(|year| {
                            let planned = plan.get(&year.year);
                            let delta = difference.get(&year.year);
                            html! {
                                <tr data-testid={format!("scenario-year-{}", year.year)}>
                                    <th scope="row">{ year.year }</th>
                                    <td class="number">{ planned.map(|p| euros(p.net_need_cents)).unwrap_or_default() }</td>
                                    <td class="number">{ euros(year.net_need_cents) }</td>
                                    <td class="number" data-testid={format!("scenario-need-difference-{}", year.year)}>
                                        { delta.map(|d| signed_euros(d.net_need_cents, lang)).unwrap_or_default() }
                                    </td>
                                    <td class="number" data-testid={format!("scenario-cp-difference-{}", year.year)}>
                                        { delta.map(|d| signed_euros(d.planned_cents, lang)).unwrap_or_default() }
                                    </td>
                                    <td class="number">{ year.capacity_cents.map_or_else(|| "—".to_owned(), euros) }</td>
                                    <td data-testid={format!("scenario-state-{}", year.year)}>
                                        if year.over_capacity {
                                            <span aria-hidden="true">{ "⚠ " }</span>{ texts.over_capacity }
                                        } else if year.capacity_cents.is_some() {
                                            { texts.within_capacity }
                                        } else {
                                            { texts.no_capacity_set }
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="chart-single">
                <NeedChart
                    id={format!("chart-scenario-{}", props.id)}
                    title={(texts.chart_scenario_need_title)(&found.scenario.name)}
                    years={Rc::new(found.years.clone())}
                />
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NewScenarioFormProps {
    programme: Rc<Programme>,
    on_created: Callback<(ScenarioId, String)>,
}

#[function_component]
fn NewScenarioForm(props: &NewScenarioFormProps) -> Html {
    let texts = use_lang().texts();
    let order: Rc<Vec<ProjectId>> = Rc::new(
        props
            .programme
            .projects
            .iter()
            .map(|p| p.project_id)
            .collect(),
    );
    let draft = use_draft(ScenarioDraft::default);
    let submit = use_submit(draft.0.fields(&order));
    let onsubmit = {
        let (draft, order, on_created) =
            (draft.clone(), Rc::clone(&order), props.on_created.clone());
        submit.on_submit(move |submit| {
            let Some(scenario) = submit.checked(draft.0.to_new(&order)) else {
                return;
            };
            let (draft, on_created) = (draft.clone(), on_created.clone());
            submit.run(
                async move { api::programming::create_scenario(&scenario).await },
                move |created| {
                    replace(&draft, ScenarioDraft::default());
                    on_created.emit((created.scenario.id, created.scenario.name));
                },
            );
        })
    };
    let fields = DraftFields::new(&draft, &submit);
    html! {
        <Panel heading_id="new-scenario-heading" heading={texts.new_scenario} sub=true alert_id="new-scenario-error" alert={submit.summary()}>
            <form class="form" novalidate=true data-testid="new-scenario" {onsubmit}>
                <TextField
                    required=true
                    ..fields.text("scenario-name", texts.scenario_name, "name", |d| &d.name, |d, v| d.name = v)
                />
                <div class="table-wrap">
                    <table class="table table--compact" data-testid="scenario-projects">
                        <caption>{ texts.scenario_projects_caption }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ texts.column_project }</th>
                                <th scope="col">{ texts.shift_years }</th>
                                <th scope="col">{ texts.leave_out }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for props.programme.projects.iter().map(|row| {
                                let project = row.project_id;
                                let name = format!("{} {}", row.reference, row.title);
                                let shift_id = shift_input(project);
                                let exclude_id = exclude_input(project);
                                let index = draft.0.moved(&order).position(|(p, _)| p == project);
                                let shift_error = index.and_then(|i| submit.error_for(&format!("shifts.{i}")));
                                let excluded_index = draft.0.left_out(&order).position(|p| p == project);
                                let exclude_error = excluded_index.and_then(|i| submit.error_for(&format!("excluded.{i}")));
                                let oninput = {
                                    let draft = draft.clone();
                                    Callback::from(move |event: InputEvent| {
                                        let input: HtmlInputElement = event.target_unchecked_into();
                                        let value = input.value();
                                        edit(&draft, move |d| {
                                            d.shifts.insert(project, value);
                                        });
                                    })
                                };
                                let onchange = {
                                    let draft = draft.clone();
                                    Callback::from(move |event: Event| {
                                        let input: HtmlInputElement = event.target_unchecked_into();
                                        let checked = input.checked();
                                        edit(&draft, move |d| {
                                            if checked {
                                                d.excluded.insert(project);
                                            } else {
                                                d.excluded.remove(&project);
                                            }
                                        });
                                    })
                                };
                                let shift_error_id = format!("{shift_id}-error");
                                let exclude_error_id = format!("{exclude_id}-error");
                                html! {
                                    <tr key={project.to_string()}>
                                        <th scope="row">{ name.clone() }</th>
                                        <td>
                                            <label class="visually-hidden" for={shift_id.clone()}>{ (texts.shift_of)(&name) }</label>
                                            <input id={shift_id} class="cell-input cell-input--short" inputmode="numeric" autocomplete="off"
                                                   value={draft.0.shifts.get(&project).cloned().unwrap_or_default()}
                                                   aria-invalid={shift_error.is_some().then_some("true")}
                                                   aria-describedby={shift_error.is_some().then(|| shift_error_id.clone())}
                                                   {oninput} />
                                            if let Some(error) = shift_error {
                                                <p id={shift_error_id} class="field-error">{ error }</p>
                                            }
                                        </td>
                                        <td>
                                            <input type="checkbox" id={exclude_id.clone()}
                                                   checked={draft.0.excluded.contains(&project)}
                                                   aria-invalid={exclude_error.is_some().then_some("true")}
                                                   aria-describedby={exclude_error.is_some().then(|| exclude_error_id.clone())}
                                                   {onchange} />
                                            <label class="visually-hidden" for={exclude_id}>{ (texts.leave_out_project)(&name) }</label>
                                            if let Some(error) = exclude_error {
                                                <p id={exclude_error_id} class="field-error">{ error }</p>
                                            }
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                <div class="form__actions">
                    <SubmitButton label={texts.create_scenario} busy={submit.busy()} busy_label={texts.saving} testid="create-scenario" />
                </div>
            </form>
        </Panel>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ScenarioDraft {
        ScenarioDraft {
            name: " Report ".into(),
            shifts: BTreeMap::from([
                (ProjectId(2), "+1".into()),
                (ProjectId(1), " ".into()),
                (ProjectId(3), "0".into()),
                (ProjectId(4), "-2".into()),
            ]),
            excluded: BTreeSet::from([ProjectId(3)]),
        }
    }

    const ORDER: [ProjectId; 4] = [ProjectId(1), ProjectId(2), ProjectId(3), ProjectId(4)];

    #[test]
    fn a_scenario_sends_the_projects_moved_and_left_out() {
        let scenario = draft().to_new(&ORDER).unwrap();
        assert_eq!(scenario.name, "Report");
        assert_eq!(
            scenario.shifts,
            [
                ScenarioShift {
                    project_id: ProjectId(2),
                    years: 1
                },
                ScenarioShift {
                    project_id: ProjectId(4),
                    years: -2
                }
            ]
        );
        assert_eq!(scenario.excluded, [ProjectId(3)]);
    }

    #[test]
    fn problems_land_on_the_project_they_concern() {
        let bad = ScenarioDraft {
            name: String::new(),
            shifts: BTreeMap::from([(ProjectId(2), "un an".into()), (ProjectId(4), "40".into())]),
            excluded: BTreeSet::new(),
        };
        let fields: Vec<String> = bad
            .to_new(&ORDER)
            .unwrap_err()
            .into_iter()
            .map(|p| format!("{}:{}", p.field, p.code))
            .collect();
        assert_eq!(
            fields,
            [
                "shifts.0.years:invalid_shift",
                "name:required",
                "shifts.1.years:out_of_range"
            ]
        );
        assert_eq!(
            bad.fields(&ORDER),
            [
                ("name".to_owned(), "scenario-name".to_owned()),
                ("shifts.0".to_owned(), "scenario-shift-2".to_owned()),
                ("shifts.1".to_owned(), "scenario-shift-4".to_owned()),
            ]
        );
    }

    #[test]
    fn differences_carry_their_sign() {
        assert_eq!(signed_euros(1_000_00, Lang::Fr), "+1\u{202f}000\u{a0}€");
        assert_eq!(signed_euros(-1_500_00, Lang::Fr), "-1\u{202f}500\u{a0}€");
        assert_eq!(signed_euros(0, Lang::En), "€0");
    }
}
