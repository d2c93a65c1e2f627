//! Creating and editing a project. Edits are sent as a patch of the
//! fields that changed, with the version the form was filled from: if
//! someone else saved in between, the server refuses (412) and the form says
//! so, offering to reload; it never overwrites their work.

use crate::actions::confirm_then;
use crate::api;
use crate::components::form_field::{
    date_field, options_of, with_prompt, without_problems, Alert, ChoiceGroup, ConflictAlert,
    DraftFields, SelectField, SubmitButton, TextAreaField, TextField,
};
use crate::components::layout::GoTo;
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::dom;
use crate::format;
use crate::hooks::{edit, replace, use_draft, use_loaded, use_submit};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang};
use crate::routes::Route;
use crate::session::use_can_edit;
use chrono::NaiveDate;
use shared::ids::ProjectId;
use shared::projects::{
    InnovationType, NewProject, Project, ProjectPatch, Visibility, DEFAULT_AXES,
};
use shared::users::StaffMember;
use shared::validation::Validate;
use shared::{FieldError, UserId};
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

/// API field names and the inputs that hold them, in the form's order.
const FIELDS: [(&str, &str); 17] = [
    ("title", "project-title"),
    ("summary", "project-summary"),
    ("description", "project-description"),
    ("axis", "project-axis"),
    ("innovation_types", "project-innovation-types-0"),
    ("tags", "project-tags"),
    ("commission_date", "project-commission-date"),
    ("start_date", "project-start-date"),
    ("planned_end_date", "project-planned-end-date"),
    ("actual_end_date", "project-actual-end-date"),
    ("lead_id", "project-lead"),
    ("team", "project-team-0"),
    ("sponsor", "project-sponsor"),
    ("commune_insee", "project-commune"),
    ("area", "project-area"),
    ("total_cost_cents", "project-total-cost"),
    ("visibility", "project-visibility-0"),
];

const VISIBILITIES: [Visibility; 3] = [
    Visibility::Internal,
    Visibility::Partners,
    Visibility::Public,
];

/// The form's values as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct ProjectDraft {
    title: String,
    summary: String,
    description: String,
    axis: String,
    innovation_types: Vec<InnovationType>,
    tags: String,
    commission_date: String,
    start_date: String,
    planned_end_date: String,
    actual_end_date: String,
    lead: String,
    team: Vec<UserId>,
    sponsor: String,
    commune_insee: String,
    area: String,
    total_cost: String,
    visibility: Visibility,
}

/// The typed values, read and checked.
#[derive(Debug, Clone, PartialEq)]
struct Values {
    title: String,
    summary: Option<String>,
    description: Option<String>,
    axis: String,
    innovation_types: Vec<InnovationType>,
    tags: Vec<String>,
    commission_date: Option<NaiveDate>,
    start_date: Option<NaiveDate>,
    planned_end_date: Option<NaiveDate>,
    actual_end_date: Option<NaiveDate>,
    lead_id: Option<UserId>,
    team: Vec<UserId>,
    sponsor: Option<String>,
    commune_insee: Option<String>,
    area: Option<String>,
    total_cost_cents: i64,
    visibility: Visibility,
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|text| !text.is_empty())
}

/// `énergie, mobilité` → `["énergie", "mobilité"]`.
fn split_tags(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_owned)
        .collect()
}

impl ProjectDraft {
    fn new(today: NaiveDate, axis: &str) -> Self {
        ProjectDraft {
            axis: axis.to_owned(),
            commission_date: format::date_input(Some(today)),
            ..ProjectDraft::default()
        }
    }

    fn from_project(project: &Project, lang: Lang) -> Self {
        ProjectDraft {
            title: project.title.clone(),
            summary: project.summary.clone().unwrap_or_default(),
            description: project.description.clone().unwrap_or_default(),
            axis: project.axis.clone(),
            innovation_types: project.innovation_types.clone(),
            tags: project.tags.join(", "),
            commission_date: format::date_input(Some(project.commission_date)),
            start_date: format::date_input(project.start_date),
            planned_end_date: format::date_input(project.planned_end_date),
            actual_end_date: format::date_input(project.actual_end_date),
            lead: project.lead_id.map(|id| id.to_string()).unwrap_or_default(),
            team: project.team.clone(),
            sponsor: project.sponsor.clone().unwrap_or_default(),
            commune_insee: project.commune_insee.clone().unwrap_or_default(),
            area: project.area.clone().unwrap_or_default(),
            total_cost: format::euros_for_input(project.total_cost_cents, lang),
            visibility: project.visibility,
        }
    }

    fn values(&self) -> Result<Values, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut date = |field: &str, value: &str| date_field(field, value, &mut errors);
        let commission_date = date("commission_date", &self.commission_date);
        let start_date = date("start_date", &self.start_date);
        let planned_end_date = date("planned_end_date", &self.planned_end_date);
        let actual_end_date = date("actual_end_date", &self.actual_end_date);
        let total_cost_cents = match format::parse_euros(&self.total_cost) {
            Ok(cents) => cents,
            // No cost known yet is a cost of zero.
            Err(format::AmountError::Empty) => 0,
            Err(problem) => {
                errors.push(FieldError::new(
                    "total_cost_cents",
                    problem.code(),
                    "amount",
                ));
                0
            }
        };
        let values = Values {
            title: self.title.trim().to_owned(),
            summary: optional(&self.summary),
            description: Some(self.description.clone()).filter(|d| !d.trim().is_empty()),
            axis: self.axis.clone(),
            innovation_types: self.innovation_types.clone(),
            tags: split_tags(&self.tags),
            commission_date,
            start_date,
            planned_end_date,
            actual_end_date,
            lead_id: self.lead.parse().ok(),
            team: self.team.clone(),
            sponsor: optional(&self.sponsor),
            commune_insee: optional(&self.commune_insee),
            area: optional(&self.area),
            total_cost_cents,
            visibility: self.visibility,
        };
        let rules = NewProject {
            title: values.title.clone(),
            axis: values.axis.clone(),
            ..NewProject::default()
        };
        errors.extend(rules.validate());
        errors.extend(shared::validation::commune_insee(
            "commune_insee",
            values.commune_insee.as_deref(),
        ));
        errors.extend(shared::validation::tags("tags", &values.tags));
        without_problems(values, errors)
    }

    fn to_new(&self) -> Result<NewProject, Vec<FieldError>> {
        let values = self.values()?;
        Ok(NewProject {
            title: values.title,
            summary: values.summary,
            description: values.description,
            axis: values.axis,
            innovation_types: values.innovation_types,
            commission_date: values.commission_date,
            start_date: values.start_date,
            planned_end_date: values.planned_end_date,
            actual_end_date: values.actual_end_date,
            lead_id: values.lead_id,
            team: values.team,
            sponsor: values.sponsor,
            commune_insee: values.commune_insee,
            area: values.area,
            total_cost_cents: values.total_cost_cents,
            visibility: values.visibility,
            tags: values.tags,
        })
    }

    /// Only what differs from `project`: the audit log then records what
    /// the user changed, not every field of the form.
    fn to_patch(&self, project: &Project) -> Result<ProjectPatch, Vec<FieldError>> {
        let values = self.values()?;
        let Some(commission_date) = values.commission_date else {
            return Err(vec![FieldError::new(
                "commission_date",
                "required",
                "a project keeps its commission date",
            )]);
        };
        fn changed<T: PartialEq>(new: T, old: &T) -> Option<T> {
            (new != *old).then_some(new)
        }
        Ok(ProjectPatch {
            title: changed(values.title, &project.title),
            summary: changed(values.summary, &project.summary),
            description: changed(values.description, &project.description),
            axis: changed(values.axis, &project.axis),
            innovation_types: changed(values.innovation_types, &project.innovation_types),
            commission_date: changed(commission_date, &project.commission_date),
            start_date: changed(values.start_date, &project.start_date),
            planned_end_date: changed(values.planned_end_date, &project.planned_end_date),
            actual_end_date: changed(values.actual_end_date, &project.actual_end_date),
            lead_id: changed(values.lead_id, &project.lead_id),
            team: changed(values.team, &project.team),
            sponsor: changed(values.sponsor, &project.sponsor),
            commune_insee: changed(values.commune_insee, &project.commune_insee),
            area: changed(values.area, &project.area),
            total_cost_cents: changed(values.total_cost_cents, &project.total_cost_cents),
            visibility: changed(values.visibility, &project.visibility),
            tags: changed(values.tags, &project.tags),
        })
    }
}

enum Save {
    Create(NewProject),
    Update {
        id: ProjectId,
        version: i64,
        patch: ProjectPatch,
    },
}

#[derive(Properties, PartialEq)]
struct ProjectFormProps {
    /// The project being edited; `None` to create one.
    initial: Option<Project>,
    on_saved: Callback<Project>,
    /// Fetch the latest version after a conflict (editing only).
    #[prop_or_default]
    on_reload: Callback<()>,
}

#[function_component]
fn ProjectForm(props: &ProjectFormProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let initial = props.initial.clone();
    let draft = {
        let initial = initial.clone();
        use_draft(move || match &initial {
            Some(project) => ProjectDraft::from_project(project, lang),
            None => ProjectDraft::new(dom::today(), DEFAULT_AXES[0]),
        })
    };
    let axes = use_state(|| None::<Vec<String>>);
    let staff = use_state(Vec::<StaffMember>::new);
    let submit = use_submit(&FIELDS);
    let conflict = use_state(|| false);

    {
        let (axes, staff, submit, draft) =
            (axes.clone(), staff.clone(), submit.clone(), draft.clone());
        let creating = initial.is_none();
        use_effect_with((), move |_| {
            spawn_local(async move {
                match api::settings::axes().await {
                    Ok(configured) => {
                        // A new project starts on the town's first axis.
                        if let (true, Some(first)) = (creating, configured.axes.first().cloned()) {
                            edit(&draft, move |d| d.axis = first);
                        }
                        axes.set(Some(configured.axes));
                    }
                    Err(error) => submit.set_summary(Some(texts.describe(&error).into())),
                }
                // Without the staff list, the lead and team cannot be chosen;
                // the rest of the form still works.
                if let Ok(members) = api::settings::staff().await {
                    staff.set(members);
                }
            });
        });
    }
    // A reload after a conflict brings a newer version: start again from it.
    {
        let (draft, conflict, submit) = (draft.clone(), conflict.clone(), submit.clone());
        let initial = initial.clone();
        use_effect_with(initial.as_ref().map(|p| p.version), move |_| {
            if let Some(project) = &initial {
                replace(&draft, ProjectDraft::from_project(project, lang));
            }
            conflict.set(false);
            submit.clear();
        });
    }

    let onsubmit = {
        let (draft, conflict) = (draft.clone(), conflict.clone());
        let (initial, on_saved) = (props.initial.clone(), props.on_saved.clone());
        submit.on_submit(move |submit| {
            if *conflict {
                return;
            }
            let save = match &initial {
                None => draft.0.to_new().map(Save::Create),
                Some(project) => draft.0.to_patch(project).map(|patch| Save::Update {
                    id: project.id,
                    version: project.version,
                    patch,
                }),
            };
            let Some(save) = submit.checked(save) else {
                return;
            };
            if let (Some(project), Save::Update { patch, .. }) = (&initial, &save) {
                if *patch == ProjectPatch::default() {
                    // Nothing changed: nothing to send.
                    on_saved.emit(project.clone());
                    return;
                }
            }
            let (conflict, on_saved) = (conflict.clone(), on_saved.clone());
            submit.run_or_else(
                async move {
                    match save {
                        Save::Create(new) => api::projects::create(&new).await,
                        Save::Update { id, version, patch } => {
                            api::projects::update(id, version, &patch).await
                        }
                    }
                },
                move |project| on_saved.emit(project),
                move |submit, error| {
                    if !submit.conflicted(&error, &conflict) {
                        submit.refused(&error);
                    }
                },
            );
        })
    };

    let on_reload = props.on_reload.reform(|_: MouseEvent| ());
    let on_kind = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            let Ok(kind) = value.parse::<InnovationType>() else {
                return;
            };
            edit(&draft, move |d| {
                d.innovation_types.retain(|k| *k != kind);
                if checked {
                    d.innovation_types.push(kind);
                    // Keep the display order, whatever the clicking order.
                    d.innovation_types
                        .sort_by_key(|k| InnovationType::ALL.iter().position(|a| a == k));
                }
            });
        })
    };
    let on_team = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            let Ok(member) = value.parse::<UserId>() else {
                return;
            };
            edit(&draft, move |d| {
                d.team.retain(|m| *m != member);
                if checked {
                    d.team.push(member);
                }
            });
        })
    };
    let on_visibility = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            if let (true, Ok(visibility)) = (checked, value.parse::<Visibility>()) {
                edit(&draft, move |d| d.visibility = visibility);
            }
        })
    };

    // The configured axes, plus the project's own if it was removed from
    // the list since: an edit must not silently change it.
    let mut axis_list = (*axes)
        .clone()
        .unwrap_or_else(|| DEFAULT_AXES.iter().map(|a| a.to_string()).collect());
    if !draft.0.axis.is_empty() && !axis_list.contains(&draft.0.axis) {
        axis_list.push(draft.0.axis.clone());
    }
    let axis_options: Vec<(AttrValue, AttrValue)> = axis_list
        .into_iter()
        .map(|axis| (axis.clone().into(), axis.into()))
        .collect();
    let lead_options = with_prompt(
        texts.no_lead,
        staff.iter().map(|member| {
            (
                member.id.to_string(),
                format!(
                    "{} ({})",
                    member.display_name,
                    (texts.role_name)(member.role)
                ),
            )
        }),
    );
    let kind_options = options_of(
        InnovationType::ALL,
        InnovationType::as_str,
        texts.innovation_type_name,
    );
    let team_options: Vec<(AttrValue, AttrValue)> = staff
        .iter()
        .map(|member| {
            (
                member.id.to_string().into(),
                member.display_name.clone().into(),
            )
        })
        .collect();
    let visibility_options = options_of(VISIBILITIES, Visibility::as_str, texts.visibility_name);
    let selected_kinds: Vec<AttrValue> = draft
        .0
        .innovation_types
        .iter()
        .map(|kind| AttrValue::from(kind.as_str()))
        .collect();
    let selected_team: Vec<AttrValue> = draft
        .0
        .team
        .iter()
        .map(|member| AttrValue::from(member.to_string()))
        .collect();
    let creating = props.initial.is_none();
    let cancel_route = match &props.initial {
        Some(project) => Route::Project { id: project.id },
        None => Route::Projects,
    };

    let fields = DraftFields::new(&draft, &submit);
    html! {
        <>
            <ConflictAlert conflict={*conflict} message={texts.project_conflict} {on_reload}
                           button_label={texts.reload_project} button_id="reload-project" focus=true
                           testid="project-conflict" button_testid="reload-project" />
            <Alert id="project-form-error" message={submit.summary()} />
            <form class="form" novalidate=true data-testid="project-form" {onsubmit}>
                <fieldset class="form-section">
                    <legend>{ texts.section_identity }</legend>
                    <div class="form form--grid">
                        <TextField
                            required=true
                            ..fields.text("project-title", texts.column_title, "title", |d| &d.title, |d, v| d.title = v)
                        />
                        <SelectField
                            required=true
                            ..fields.select("project-axis", texts.column_axis, axis_options, "axis", |d| &d.axis, |d, v| d.axis = v)
                        />
                        <TextAreaField
                            hint={texts.summary_hint}
                            rows={2}
                            ..fields.area("project-summary", texts.summary_label, "summary", |d| &d.summary, |d, v| d.summary = v)
                        />
                        <TextAreaField
                            rows={6}
                            ..fields.area("project-description", texts.description_label, "description", |d| &d.description, |d, v| d.description = v)
                        />
                        <ChoiceGroup
                            id="project-innovation-types"
                            legend={texts.innovation_types_label}
                            multiple=true
                            options={kind_options}
                            selected={selected_kinds}
                            onchange={on_kind}
                            error={submit.error_for("innovation_types")}
                        />
                        <TextField
                            hint={texts.tags_hint}
                            ..fields.text("project-tags", texts.tags_label, "tags", |d| &d.tags, |d, v| d.tags = v)
                        />
                    </div>
                </fieldset>
                <fieldset class="form-section">
                    <legend>{ texts.section_calendar }</legend>
                    <div class="form form--grid">
                        <TextField
                            hint={texts.commission_date_hint}
                            input_type="date"
                            required={!creating}
                            ..fields.text("project-commission-date", texts.commission_date_label, "commission_date", |d| &d.commission_date, |d, v| d.commission_date = v)
                        />
                        <TextField
                            input_type="date"
                            ..fields.text("project-start-date", texts.start_date_label, "start_date", |d| &d.start_date, |d, v| d.start_date = v)
                        />
                        <TextField
                            input_type="date"
                            ..fields.text("project-planned-end-date", texts.planned_end_date_label, "planned_end_date", |d| &d.planned_end_date, |d, v| d.planned_end_date = v)
                        />
                        <TextField
                            input_type="date"
                            ..fields.text("project-actual-end-date", texts.actual_end_date_label, "actual_end_date", |d| &d.actual_end_date, |d, v| d.actual_end_date = v)
                        />
                    </div>
                </fieldset>
                <fieldset class="form-section">
                    <legend>{ texts.section_steering }</legend>
                    <div class="form form--grid">
                        <SelectField
                            ..fields.select("project-lead", texts.column_lead, lead_options, "lead_id", |d| &d.lead, |d, v| d.lead = v)
                        />
                        <TextField
                            hint={texts.sponsor_hint}
                            ..fields.text("project-sponsor", texts.sponsor_label, "sponsor", |d| &d.sponsor, |d, v| d.sponsor = v)
                        />
                        if !team_options.is_empty() {
                            <ChoiceGroup
                                id="project-team"
                                legend={texts.team_label}
                                multiple=true
                                options={team_options}
                                selected={selected_team}
                                onchange={on_team}
                                error={submit.error_for("team")}
                            />
                        }
                    </div>
                </fieldset>
                <fieldset class="form-section">
                    <legend>{ texts.section_place_and_budget }</legend>
                    <div class="form form--grid">
                        <TextField
                            hint={texts.commune_insee_hint}
                            inputmode="numeric"
                            ..fields.text("project-commune", texts.commune_insee_label, "commune_insee", |d| &d.commune_insee, |d, v| d.commune_insee = v)
                        />
                        <TextField
                            ..fields.text("project-area", texts.area_label, "area", |d| &d.area, |d, v| d.area = v)
                        />
                        <TextField
                            hint={texts.amount_hint}
                            inputmode="decimal"
                            autocomplete="off"
                            ..fields.text("project-total-cost", texts.total_cost_in_euros, "total_cost_cents", |d| &d.total_cost, |d, v| d.total_cost = v)
                        />
                        <ChoiceGroup
                            id="project-visibility"
                            legend={texts.visibility_label}
                            options={visibility_options}
                            selected={vec![AttrValue::from(draft.0.visibility.as_str())]}
                            onchange={on_visibility}
                            error={submit.error_for("visibility")}
                        />
                    </div>
                </fieldset>
                <div class="form__actions">
                    <SubmitButton label={if creating { texts.create_project } else { texts.save_changes }} busy={submit.busy()} busy_label={texts.saving} blocked={*conflict} testid="save-project" />
                    <NavLink to={cancel_route} class={classes!("button", "button--secondary")}>
                        { texts.cancel }
                    </NavLink>
                </div>
            </form>
        </>
    }
}

/// `/projets/nouveau`.
#[function_component]
pub fn NewProjectPage() -> Html {
    let texts = use_lang().texts();
    let can_edit = use_can_edit();
    let navigator = use_navigator();
    let on_saved = Callback::from(move |project: Project| {
        if let Some(navigator) = &navigator {
            navigator.push(&Route::Project { id: project.id });
        }
    });
    html! {
        <>
            <PageTitle text={texts.new_project} />
            if can_edit {
                <section class="panel">
                    <ProjectForm initial={None::<Project>} {on_saved} />
                </section>
            } else {
                <p class="notice">{ texts.read_only }</p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct EditProjectProps {
    pub id: ProjectId,
}

/// `/projets/{id}/modifier`, with the project's deletion.
#[function_component]
pub fn EditProject(props: &EditProjectProps) -> Html {
    let texts = use_lang().texts();
    let can_edit = use_can_edit();
    let navigator = use_navigator();
    let id = props.id;
    let project = use_loaded(id, |id| async move { api::projects::get(id).await });
    let deleted = use_state(|| false);

    let on_saved = {
        let navigator = navigator.clone();
        Callback::from(move |saved: Project| {
            if let Some(navigator) = &navigator {
                navigator.push(&Route::Project { id: saved.id });
            }
        })
    };
    let on_reload = {
        let project = project.clone();
        Callback::from(move |()| project.reload())
    };
    let on_delete = {
        let (project, deleted) = (project.clone(), deleted.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(current) = project.value().cloned() else {
                return;
            };
            let (project, deleted) = (project.clone(), deleted.clone());
            confirm_then(
                &(texts.confirm_delete_project)(&current.reference, &current.title),
                || api::projects::delete(current.id, current.version),
                move |outcome| match outcome {
                    Ok(()) => deleted.set(true),
                    Err(failure) => project.fail(failure),
                },
            );
        })
    };

    if *deleted {
        return html! { <GoTo route={Route::Projects} /> };
    }
    let error_message = project.error_message(texts);
    let Some(current) = project.value().cloned() else {
        return html! {
            <>
                <PageTitle text={texts.edit_project} />
                <Alert id="edit-project-error" message={error_message.clone()} />
                if error_message.is_none() {
                    <p class="loading" role="status">{ texts.loading }</p>
                }
            </>
        };
    };
    html! {
        <>
            <p class="eyebrow">{ current.reference.clone() }</p>
            <PageTitle text={(texts.edit_project_title)(&current.title)} />
            if can_edit {
                <section class="panel">
                    <ProjectForm initial={Some(current.clone())} {on_saved} {on_reload} />
                </section>
                <section class="panel panel--danger" aria-labelledby="delete-project-heading">
                    <h2 id="delete-project-heading">{ texts.delete_project }</h2>
                    <p>{ texts.delete_project_hint }</p>
                    <Alert id="delete-project-error" message={error_message} />
                    <button type="button" class="button button--danger" onclick={on_delete}>
                        { texts.delete_project }
                    </button>
                </section>
            } else {
                <p class="notice">{ texts.read_only }</p>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use shared::finance::Finance;
    use shared::lifecycle::Phase;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn project() -> Project {
        Project {
            ap_cents: None,
            id: ProjectId(9),
            reference: "2025-009".into(),
            title: "Tiers-lieu numérique".into(),
            summary: Some("Un lieu".into()),
            description: None,
            axis: "Innovation".into(),
            innovation_types: vec![InnovationType::Social],
            phase: Phase::Cadrage,
            suspended_from: None,
            decision_outcome: None,
            abandon_reason: None,
            commission_date: day(2025, 1, 10),
            decision_date: None,
            start_date: None,
            planned_end_date: None,
            actual_end_date: None,
            lead_id: Some(UserId(2)),
            team: vec![],
            sponsor: None,
            commune_insee: Some("26281".into()),
            area: None,
            total_cost_cents: 1_250_000_50,
            visibility: Visibility::Internal,
            tags: vec!["numérique".into(), "jeunesse".into()],
            instruction_days: None,
            finance: Finance::compute(1_250_000_50, []),
            allowed_transitions: vec![Phase::Instruction],
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 3,
        }
    }

    #[test]
    fn an_untouched_form_patches_nothing() {
        for lang in [Lang::Fr, Lang::En] {
            let draft = ProjectDraft::from_project(&project(), lang);
            assert_eq!(draft.to_patch(&project()).unwrap(), ProjectPatch::default());
        }
    }

    #[test]
    fn only_changed_fields_are_sent_and_blanks_clear() {
        let mut draft = ProjectDraft::from_project(&project(), Lang::Fr);
        draft.title = "  Tiers-lieu des Tanneurs ".into();
        draft.summary = " ".into();
        draft.total_cost = "1 300 000".into();
        draft.lead = String::new();
        draft.tags = "numérique, , jeunesse, culture".into();
        let patch = draft.to_patch(&project()).unwrap();
        assert_eq!(
            patch,
            ProjectPatch {
                title: Some("Tiers-lieu des Tanneurs".into()),
                summary: Some(None),
                total_cost_cents: Some(1_300_000_00),
                lead_id: Some(None),
                tags: Some(vec![
                    "numérique".into(),
                    "jeunesse".into(),
                    "culture".into()
                ]),
                ..ProjectPatch::default()
            }
        );
        let json = serde_json::to_value(&patch).unwrap();
        assert_eq!(json["summary"], serde_json::Value::Null, "null clears");
        assert!(json.get("axis").is_none(), "absent stays");
    }

    #[test]
    fn a_new_project_is_read_and_checked() {
        let mut draft = ProjectDraft::new(day(2025, 3, 1), "Innovation");
        assert_eq!(
            draft
                .to_new()
                .unwrap_err()
                .iter()
                .map(|e| e.field.as_str())
                .collect::<Vec<_>>(),
            ["title"]
        );
        draft.title = "Maison du projet".into();
        draft.total_cost = "2,5".into();
        draft.commune_insee = "123".into();
        let errors = draft.to_new().unwrap_err();
        assert_eq!(errors[0].field, "commune_insee");
        draft.commune_insee = "26281".into();
        let new = draft.to_new().unwrap();
        assert_eq!(new.total_cost_cents, 2_50);
        assert_eq!(new.commission_date, Some(day(2025, 3, 1)));
        assert_eq!(new.axis, "Innovation");
    }

    #[test]
    fn the_commission_date_cannot_be_cleared() {
        let mut draft = ProjectDraft::from_project(&project(), Lang::Fr);
        draft.commission_date = String::new();
        assert_eq!(
            draft.to_patch(&project()).unwrap_err()[0].field,
            "commission_date"
        );
    }
}
