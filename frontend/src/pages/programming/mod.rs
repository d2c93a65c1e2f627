//! *Programmation*: the town's multi-year investment programme (its
//! *plan pluriannuel d'investissement*). The projects × years grid of CP
//! planned, edited like a spreadsheet; the totals per year against the
//! investment capacity, with the years over it flagged; the chart of the
//! net need against the capacity; scenarios; the grid as a spreadsheet.
//! The years and filters live in the URL, so that a view can be shared.

mod chart;
mod grid;
mod scenarios;
mod sheet;

use crate::api;
use crate::api::programming::ProgrammeFilters;
use crate::components::export::{ExportButtons, ExportList};
use crate::components::filters::{axis_filter, FilterPanel};
use crate::components::form_field::{Alert, Status, TextField};
use crate::components::page_title::PageTitle;
use crate::hooks::{use_axes, use_fetch, use_filter_form};
use crate::i18n::use_lang;
use crate::routes::Route;
use crate::session::use_can_edit;
use chart::NeedChart;
use grid::ProgrammeGrid;
use scenarios::Scenarios;
use std::rc::Rc;
use yew::prelude::*;

/// The filter form as typed; applied to the URL on submit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct FilterDraft {
    from: String,
    to: String,
    axis: String,
}

impl FilterDraft {
    fn from_filters(filters: &ProgrammeFilters) -> Self {
        FilterDraft {
            from: filters.from.map(|y| y.to_string()).unwrap_or_default(),
            to: filters.to.map(|y| y.to_string()).unwrap_or_default(),
            axis: filters.axis.clone(),
        }
    }

    /// Years that do not parse are dropped (the server's default then);
    /// a reversed range is put the right way round.
    fn to_filters(&self, current: &ProgrammeFilters) -> ProgrammeFilters {
        let from = self.from.trim().parse::<i32>().ok();
        let to = self.to.trim().parse::<i32>().ok();
        let (from, to) = match (from, to) {
            (Some(from), Some(to)) if from > to => (Some(to), Some(from)),
            other => other,
        };
        ProgrammeFilters {
            from,
            to,
            axis: self.axis.clone(),
            q: current.q.clone(),
        }
    }
}

#[function_component]
pub fn ProgrammingPage() -> Html {
    let texts = use_lang().texts();
    let can_edit = use_can_edit();
    let form = use_filter_form(
        Route::Programming,
        FilterDraft::from_filters,
        |draft, current| draft.to_filters(current),
    );
    let axes = use_axes();
    // Bumped after a save: the totals and flags are the server's.
    let generation = use_state(|| 0_u32);
    let saved = use_state(|| None::<AttrValue>);
    let fetched = use_fetch(
        (form.filters.clone(), *generation),
        |(filters, _)| async move { api::programming::programme(&filters).await },
    );
    let on_saved = {
        let (generation, saved) = (generation.clone(), saved.clone());
        Callback::from(move |message: AttrValue| {
            saved.set(Some(message));
            generation.set(generation.wrapping_add(1));
        })
    };
    let on_reload = {
        let (generation, saved) = (generation.clone(), saved.clone());
        Callback::from(move |()| {
            saved.set(None);
            generation.set(generation.wrapping_add(1));
        })
    };
    let draft = form.values();
    let status = fetched
        .loading_message(texts)
        .filter(|_| fetched.data.is_none())
        .or_else(|| (*saved).clone());

    html! {
        <>
            <PageTitle text={texts.programming_title} />
            <p class="lead">{ texts.programming_intro }</p>
            <FilterPanel id="programme" label={texts.filter_programme} actions={form.actions.clone()}>
                <TextField id="programme-from" label={texts.first_year} inputmode="numeric"
                           value={draft.from.clone()} oninput={form.field(|d, v| d.from = v)} />
                <TextField id="programme-to" label={texts.last_year} inputmode="numeric"
                           value={draft.to.clone()} oninput={form.field(|d, v| d.to = v)} />
                { axis_filter(texts, "programme-axis", &axes, &draft.axis, form.field(|d, v| d.axis = v)) }
            </FilterPanel>
            <ExportButtons list={ExportList::Programme(form.filters.clone())} />
            <Status message={status} />
            <Alert id="programme-error" message={fetched.error_message(texts)} />
            if let Some(programme) = fetched.data.clone() {
                <section class="panel" aria-labelledby="programme-grid-heading">
                    <h2 id="programme-grid-heading">{ texts.programme_grid_heading }</h2>
                    <ProgrammeGrid programme={Rc::clone(&programme)} {can_edit} {on_saved} {on_reload} />
                </section>
                <div class="chart-single">
                    <NeedChart id="chart-need" title={texts.chart_need_title} years={Rc::new(programme.years.clone())} />
                </div>
                <Scenarios programme={Rc::clone(&programme)} years={form.filters.years()} {can_edit} />
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_round_trips_the_years() {
        let filters = ProgrammeFilters {
            from: Some(2024),
            to: Some(2030),
            axis: "Innovation".into(),
            q: String::new(),
        };
        assert_eq!(
            FilterDraft::from_filters(&filters).to_filters(&filters),
            filters
        );
        let typed = FilterDraft {
            from: "2031".into(),
            to: "2026".into(),
            axis: String::new(),
        };
        let read = typed.to_filters(&ProgrammeFilters::default());
        assert_eq!((read.from, read.to), (Some(2026), Some(2031)));
        let garbled = FilterDraft {
            from: "20x4".into(),
            ..FilterDraft::default()
        };
        assert_eq!(
            garbled.to_filters(&ProgrammeFilters::default()),
            ProgrammeFilters::default()
        );
    }
}
