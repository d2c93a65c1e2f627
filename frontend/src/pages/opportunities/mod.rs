//! The catalogue of funding opportunities: calls for projects and aid
//! schemes, nearest deadline first, filtered by the day they are open on,
//! a deadline, an axis or words; added one by one through the form or in
//! number through the import wizard, and exported as CSV or XLSX. The
//! filters live in the URL, as for projects.

mod detail;
mod form;

pub use detail::OpportunityPage;

use crate::api;
use crate::api::opportunities::OpportunityFilters;
use crate::components::deadline::{Deadline, DeadlineBadge, DeadlineKind};
use crate::components::export::{ExportButtons, ExportList};
use crate::components::filters::{axis_filter, search_filter, FilterPanel};
use crate::components::form_field::{Alert, Status, TextField};
use crate::components::nav::NavLink;
use crate::components::page_title::{ListHeading, PanelToggle};
use crate::components::pagination::Pagination;
use crate::components::panel::Panel;
use crate::components::table::{column_heads, PageTable};
use crate::dom;
use crate::format;
use crate::hooks::{use_axes, use_fetch, use_filter_form};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Texts};
use crate::routes::Route;
use crate::session::use_can_edit;
use form::OpportunityForm;
use shared::opportunities::FundingOpportunity;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct FilterDraft {
    open_on: String,
    deadline_before: String,
    axis: String,
    q: String,
}

impl FilterDraft {
    fn from_filters(filters: &OpportunityFilters) -> Self {
        FilterDraft {
            open_on: format::date_input(filters.open_on),
            deadline_before: format::date_input(filters.deadline_before),
            axis: filters.axis.clone(),
            q: filters.q.clone(),
        }
    }

    /// Back to the first page; a date that does not parse is dropped
    /// rather than sent.
    fn to_filters(&self) -> OpportunityFilters {
        let day = |text: &str| format::parse_date_input(text).ok().flatten();
        OpportunityFilters {
            open_on: day(&self.open_on),
            deadline_before: day(&self.deadline_before),
            axis: self.axis.clone(),
            q: self.q.trim().to_owned(),
            page: None,
        }
    }
}

/// "20 à 40 %", "jusqu'à 40 %", or nothing without a rate.
pub fn rate_range(texts: &Texts, opportunity: &FundingOpportunity) -> Option<String> {
    match (opportunity.subsidy_rate_min, opportunity.subsidy_rate_max) {
        (Some(min), Some(max)) if min != max => Some((texts.rate_between)(min, max)),
        (_, Some(max)) => Some((texts.rate_up_to)(max)),
        (Some(min), None) => Some((texts.rate_from)(min)),
        (None, None) => None,
    }
}

/// The aid types in words, joined.
fn aid_types(texts: &Texts, opportunity: &FundingOpportunity) -> String {
    if opportunity.aid_types.is_empty() {
        return "—".to_owned();
    }
    opportunity
        .aid_types
        .iter()
        .map(|kind| (texts.aid_type_name)(*kind))
        .collect::<Vec<_>>()
        .join(", ")
}

#[function_component]
pub fn OpportunityCatalogue() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let can_edit = use_can_edit();
    let navigator = use_navigator();
    let axes = use_axes();
    let form = use_filter_form(
        Route::Opportunities,
        FilterDraft::from_filters,
        |draft, _: &OpportunityFilters| draft.to_filters(),
    );
    let on_page = form.on_page();
    let (filters, draft) = (&form.filters, form.values());
    let fetched = use_fetch(filters.clone(), |filters| async move {
        api::opportunities::list(&filters).await
    });
    let creating = use_state(|| false);
    let today = dom::today();

    use_effect_with(*creating, |creating| {
        if *creating {
            dom::focus("#opportunity-name");
        }
    });
    let toggle_form = {
        let creating = creating.clone();
        Callback::from(move |_: MouseEvent| creating.set(!*creating))
    };
    let close_form = {
        let creating = creating.clone();
        Callback::from(move |()| {
            creating.set(false);
            dom::focus("#new-opportunity");
        })
    };
    let on_created = Callback::from(move |opportunity: FundingOpportunity| {
        if let Some(navigator) = &navigator {
            navigator.push(&Route::Opportunity { id: opportunity.id });
        }
    });

    let table = fetched.data.as_ref().map(|page| {
        let table = PageTable {
            caption: texts.opportunities_caption,
count: (texts.opportunities_count)(page.total),
            caption_id: "opportunities-caption",
            testid: "opportunities-table",
            empty: (texts.no_opportunities, Some("no-opportunities")),
            head: column_heads(&[texts.opportunity_name, texts.column_funder, texts.opportunity_scheme, texts.aid_types_legend, texts.subsidy_rate_label, texts.opens_on_label, texts.submission_deadline_label, texts.recurrence_label]),
        };
        table.view(&page.items, |opportunity| {
            let badge = opportunity
                .submission_deadline
                .and_then(|due| Deadline::of(DeadlineKind::Closing, due, today));
            html! {
                <tr key={opportunity.id.to_string()} data-testid={format!("opportunity-row-{}", opportunity.id)}>
                    <th scope="row">
                        <NavLink to={Route::Opportunity { id: opportunity.id }}>{ opportunity.name.clone() }</NavLink>
                    </th>
                    <td>{ opportunity.funder_name.clone() }</td>
                    <td>{ opportunity.scheme.clone().unwrap_or_else(|| "—".to_owned()) }</td>
                    <td>{ aid_types(texts, opportunity) }</td>
                    <td>{ rate_range(texts, opportunity).unwrap_or_else(|| "—".to_owned()) }</td>
                    <td>{ format::optional_date(opportunity.opens_on, lang) }</td>
                    <td>
                        { opportunity.submission_deadline.map(|due| format::date(due, lang)).unwrap_or_else(|| texts.no_deadline.to_owned()) }
                        if let Some(badge) = badge {
                            <div><DeadlineBadge deadline={badge} /></div>
                        }
                    </td>
                    <td>{ (texts.recurrence_name)(opportunity.recurrence) }</td>
                </tr>
            }
        })
    });
    let total_pages = fetched.page_count();

    html! {
        <>
            <ListHeading title={texts.opportunities_title} {can_edit} import={Route::ImportOpportunities} import_testid="import-opportunities">
                <PanelToggle id="new-opportunity" label={texts.new_opportunity} expanded={*creating} onclick={toggle_form} />
            </ListHeading>
            <p class="lead">{ texts.opportunities_intro }</p>
            if *creating {
                <Panel id="new-opportunity-panel" heading_id="new-opportunity-heading" heading={texts.new_opportunity}>
                    <OpportunityForm initial={None::<FundingOpportunity>} on_saved={on_created} on_cancel={Some(close_form)} />
                </Panel>
            }
            <FilterPanel id="opportunity" label={texts.filter_opportunities} actions={form.actions.clone()}>
                <TextField
                    id="opportunity-open-on"
                    label={texts.open_on_filter}
                    input_type="date"
                    value={draft.open_on.clone()}
                    oninput={form.field(|d, v| d.open_on = v)}
                />
                <TextField
                    id="opportunity-deadline-before"
                    label={texts.deadline_before_filter}
                    input_type="date"
                    value={draft.deadline_before.clone()}
                    oninput={form.field(|d, v| d.deadline_before = v)}
                />
                { axis_filter(texts, "opportunity-axis", &axes, &draft.axis, form.field(|d, v| d.axis = v)) }
                { search_filter(texts, "opportunity-q", texts.opportunity_search_hint, &draft.q, form.field(|d, v| d.q = v)) }
            </FilterPanel>
            <section class="panel" aria-labelledby="opportunities-list-heading">
                <h2 id="opportunities-list-heading" class="visually-hidden">{ texts.opportunities_caption }</h2>
                <Status message={fetched.loading_message(texts)} />
                <Alert id="opportunities-error" message={fetched.error_message(texts)} />
                <ExportButtons list={ExportList::Opportunities(filters.clone())} />
                { for table }
                <Pagination page={filters.page()} {total_pages} label={texts.opportunities_pagination} {on_page} />
            </section>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::FR;
    use chrono::{NaiveDate, Utc};
    use shared::ids::OpportunityId;

    fn opportunity(min: Option<i32>, max: Option<i32>) -> FundingOpportunity {
        FundingOpportunity {
            id: OpportunityId(1),
            name: "Fonds vert".into(),
            funder_id: None,
            funder_name: "État".into(),
            scheme: None,
            aid_types: Vec::new(),
            axes: Vec::new(),
            phases: Vec::new(),
            perimeter: Vec::new(),
            subsidy_rate_min: min,
            subsidy_rate_max: max,
            opens_on: None,
            predeposit_date: None,
            submission_deadline: None,
            recurrence: Default::default(),
            url: None,
            description: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 1,
        }
    }

    #[test]
    fn rates_read_as_a_range() {
        assert_eq!(
            rate_range(&FR, &opportunity(Some(20), Some(40))).as_deref(),
            Some("20 à 40\u{a0}%")
        );
        assert_eq!(
            rate_range(&FR, &opportunity(Some(40), Some(40))).as_deref(),
            Some("jusqu'à 40\u{a0}%")
        );
        assert_eq!(
            rate_range(&FR, &opportunity(Some(10), None)).as_deref(),
            Some("à partir de 10\u{a0}%")
        );
        assert_eq!(rate_range(&FR, &opportunity(None, None)), None);
    }

    #[test]
    fn the_form_round_trips_filters_and_drops_bad_dates() {
        let filters = OpportunityFilters {
            open_on: NaiveDate::from_ymd_opt(2026, 3, 1),
            deadline_before: NaiveDate::from_ymd_opt(2026, 6, 30),
            axis: "Innovation".into(),
            q: "mobilité".into(),
            page: Some(2),
        };
        assert_eq!(
            FilterDraft::from_filters(&filters).to_filters(),
            OpportunityFilters {
                page: None,
                ..filters
            }
        );
        let typed = FilterDraft {
            open_on: "demain".into(),
            q: "  vélo ".into(),
            ..FilterDraft::default()
        };
        let filters = typed.to_filters();
        assert_eq!(filters.open_on, None);
        assert_eq!(filters.q, "vélo");
    }
}
