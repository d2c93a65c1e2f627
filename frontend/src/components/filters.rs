//! The search-and-filter panel above a list or a dashboard: a search
//! landmark named after what it filters, the page's own fields, then
//! "Appliquer" and "Tout effacer". Also the filter fields that several
//! of them share, and the whole panel of the project list, which the
//! views filtered like it (the roadmap) show too.

use crate::api::projects::ProjectFilters;
use crate::components::form_field::{
    axis_options, lead_options, options_of, with_all, SelectField, TextField,
};
use crate::hooks::{FilterActions, FilterForm};
use crate::i18n::{use_lang, Texts};
use shared::lifecycle::Phase;
use shared::projects::InnovationType;
use shared::users::StaffMember;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterPanelProps {
    /// Prefix of the panel's heading id, e.g. `project`.
    pub id: AttrValue,
    /// Names the search landmark, e.g. "Filtrer les projets".
    pub label: AttrValue,
    pub actions: FilterActions,
    /// The fields.
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn FilterPanel(props: &FilterPanelProps) -> Html {
    let texts = use_lang().texts();
    let onsubmit = {
        let apply = props.actions.apply.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            apply.emit(());
        })
    };
    let on_reset = props.actions.reset.reform(|_: MouseEvent| ());
    let heading = format!("{}-filters-heading", props.id);
    html! {
        <section class="panel" aria-labelledby={heading.clone()}>
            <h2 id={heading} class="visually-hidden">{ texts.filters_heading }</h2>
            <form class="filters" role="search" aria-label={props.label.clone()} {onsubmit}>
                { props.children.clone() }
                <div class="filters__actions">
                    <button type="submit" class="button button--secondary" data-testid="apply-filters">
                        { texts.apply_filters }
                    </button>
                    <button type="button" class="button button--link" onclick={on_reset}>
                        { texts.reset_filters }
                    </button>
                </div>
            </form>
        </section>
    }
}

/// A list's search box; `hint` says what it searches.
pub fn search_filter(
    texts: &Texts,
    id: &'static str,
    hint: &'static str,
    value: &str,
    oninput: Callback<String>,
) -> Html {
    html! {
        <TextField {id} label={texts.search_label} {hint} input_type="search"
                   value={value.to_owned()} {oninput} />
    }
}

/// The filter on one tag.
pub fn tag_filter(texts: &Texts, id: &'static str, value: &str, oninput: Callback<String>) -> Html {
    html! { <TextField {id} label={texts.tag_label} value={value.to_owned()} {oninput} /> }
}

/// The strategic-axis filter, "all" first.
pub fn axis_filter(
    texts: &Texts,
    id: &'static str,
    axes: &[String],
    value: &str,
    onchange: Callback<String>,
) -> Html {
    let options = axis_options(texts, axes);
    html! { <SelectField {id} label={texts.column_axis} {options} value={value.to_owned()} {onchange} /> }
}

/// The lead-engineer filter, "all" first.
pub fn lead_filter(
    texts: &Texts,
    id: &'static str,
    staff: &[StaffMember],
    value: &str,
    onchange: Callback<String>,
) -> Html {
    let options = lead_options(texts, staff);
    html! { <SelectField {id} label={texts.column_lead} {options} value={value.to_owned()} {onchange} /> }
}

/// The commission-year filter, typed as digits.
pub fn year_filter(
    texts: &Texts,
    id: &'static str,
    hint: Option<&'static str>,
    value: &str,
    oninput: Callback<String>,
) -> Html {
    html! {
        <TextField {id} label={texts.commission_year_label} {hint} inputmode="numeric"
                   value={value.to_owned()} {oninput} />
    }
}

/// The project list's filter form as typed; applied to the URL on submit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFilterDraft {
    pub q: String,
    pub phase: String,
    pub axis: String,
    pub lead: String,
    pub innovation_type: String,
    pub tag: String,
    pub year: String,
}

impl ProjectFilterDraft {
    pub fn from_filters(filters: &ProjectFilters) -> Self {
        ProjectFilterDraft {
            q: filters.q.clone(),
            phase: filters
                .phase
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default(),
            axis: filters.axis.clone(),
            lead: filters.lead_id.map(|id| id.to_string()).unwrap_or_default(),
            innovation_type: filters
                .innovation_type
                .map(|kind| kind.as_str().to_owned())
                .unwrap_or_default(),
            tag: filters.tag.clone(),
            year: filters
                .commission_year
                .map(|year| year.to_string())
                .unwrap_or_default(),
        }
    }

    /// The filters to apply, keeping the current sort and going back to
    /// the first page. Values that do not parse (a year like "20x5") are
    /// dropped rather than sent.
    pub fn to_filters(&self, sort: &str) -> ProjectFilters {
        ProjectFilters {
            q: self.q.trim().to_owned(),
            phase: self.phase.parse().ok(),
            axis: self.axis.clone(),
            lead_id: self.lead.parse().ok(),
            innovation_type: self.innovation_type.parse().ok(),
            tag: self.tag.trim().to_owned(),
            commission_year: self.year.trim().parse().ok(),
            sort: sort.to_owned(),
            page: None,
        }
    }
}

/// The project list's filters: search, phase, axis, lead, innovation
/// type, tag and commission year, in a panel named `label`.
pub fn project_filters(
    texts: &'static Texts,
    label: &'static str,
    form: &FilterForm<ProjectFilters, ProjectFilterDraft>,
    axes: &[String],
    staff: &[StaffMember],
) -> Html {
    let draft = form.values();
    let phase_options = with_all(
        texts,
        options_of(Phase::ALL, Phase::as_str, texts.phase_name),
    );
    let kind_options = with_all(
        texts,
        options_of(
            InnovationType::ALL,
            InnovationType::as_str,
            texts.innovation_type_name,
        ),
    );
    html! {
        <FilterPanel id="project" {label} actions={form.actions.clone()}>
            { search_filter(texts, "project-q", texts.project_search_hint, &draft.q, form.field(|d, v| d.q = v)) }
            <SelectField
                id="project-phase"
                label={texts.column_phase}
                options={phase_options}
                value={draft.phase.clone()}
                onchange={form.field(|d, v| d.phase = v)}
            />
            { axis_filter(texts, "project-axis", axes, &draft.axis, form.field(|d, v| d.axis = v)) }
            { lead_filter(texts, "project-lead-filter", staff, &draft.lead, form.field(|d, v| d.lead = v)) }
            <SelectField
                id="project-innovation-type"
                label={texts.innovation_type_label}
                options={kind_options}
                value={draft.innovation_type.clone()}
                onchange={form.field(|d, v| d.innovation_type = v)}
            />
            { tag_filter(texts, "project-tag", &draft.tag, form.field(|d, v| d.tag = v)) }
            { year_filter(texts, "project-year", None, &draft.year, form.field(|d, v| d.year = v)) }
        </FilterPanel>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::UserId;

    #[test]
    fn the_form_round_trips_filters_and_restarts_at_page_one() {
        let filters = ProjectFilters {
            q: "tiers-lieu".into(),
            phase: Some(Phase::Instruction),
            axis: "Innovation".into(),
            lead_id: Some(UserId(3)),
            innovation_type: Some(InnovationType::Social),
            tag: "énergie".into(),
            commission_year: Some(2025),
            sort: "title".into(),
            page: Some(4),
        };
        let draft = ProjectFilterDraft::from_filters(&filters);
        assert_eq!(
            draft.to_filters("title"),
            ProjectFilters {
                page: None,
                ..filters
            }
        );
    }

    #[test]
    fn unreadable_values_are_dropped() {
        let draft = ProjectFilterDraft {
            year: "20x5".into(),
            phase: "".into(),
            lead: "x".into(),
            ..ProjectFilterDraft::default()
        };
        let filters = draft.to_filters("");
        assert_eq!(filters.commission_year, None);
        assert_eq!(filters.phase, None);
        assert_eq!(filters.lead_id, None);
    }
}
