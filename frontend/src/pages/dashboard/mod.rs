//! The portfolio dashboard: the source document's figures (96 projects,
//! 200 M€, 1 € → 5 €, instruction times ÷ 4, 200+ actors) computed by the
//! server for the chosen year, axis and lead, as headline cards and charts.
//! The filters live in the URL, so that a view can be shared.

mod charts;

use crate::api;
use crate::api::portfolio::DashboardFilters;
use crate::components::filters::{axis_filter, lead_filter, year_filter, FilterPanel};
use crate::components::form_field::{Alert, Status};
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::report::AnnualReportButton;
use crate::format;
use crate::hooks::{use_axes, use_fetch, use_filter_form, use_staff};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang, Texts};
use crate::routes::Route;
use crate::session::use_session;
use charts::{
    AbandonmentChart, AxisChart, IndicatorStatusChart, InstructionChart, InvestmentChart,
    PaidByYearChart, PhaseChart, ScoreChart, SecuredChart,
};
use shared::portfolio::Dashboard as Figures;
use std::rc::Rc;
use yew::prelude::*;

#[function_component]
pub fn Dashboard() -> Html {
    let texts = use_lang().texts();
    let session = use_session();
    let Some(user) = session.user() else {
        return html! {};
    };
    html! {
        <>
            <PageTitle text={texts.dashboard_title} />
            <p class="lead" data-testid="welcome">{ (texts.welcome)(&user.display_name) }</p>
            // Partners see no portfolio figures: the API keeps them to staff.
            if user.role.is_staff() {
                <AnnualReportButton />
                <PortfolioDashboard />
            } else {
                <p>
                    { texts.your_role }{ " " }
                    <strong>{ (texts.role_name)(user.role) }</strong>
                </p>
            }
        </>
    }
}

/// The filter form as typed; applied to the URL on submit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct FilterDraft {
    year: String,
    axis: String,
    lead: String,
}

impl FilterDraft {
    fn from_filters(filters: &DashboardFilters) -> Self {
        FilterDraft {
            year: filters.year.map(|y| y.to_string()).unwrap_or_default(),
            axis: filters.axis.clone(),
            lead: filters.lead_id.map(|id| id.to_string()).unwrap_or_default(),
        }
    }

    /// Values that do not parse (a year like "20x5") are dropped, not sent.
    fn to_filters(&self) -> DashboardFilters {
        DashboardFilters {
            year: self.year.trim().parse().ok(),
            axis: self.axis.clone(),
            lead_id: self.lead.parse().ok(),
        }
    }
}

#[function_component]
fn PortfolioDashboard() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let form = use_filter_form(Route::Dashboard, FilterDraft::from_filters, |draft, _| {
        draft.to_filters()
    });
    let axes = use_axes();
    let staff = use_staff();
    let fetched = use_fetch(form.filters.clone(), |filters| async move {
        api::portfolio::dashboard(&filters).await
    });

    let draft = form.values();
    let status = fetched.loading_message(texts);
    let error_message = fetched.error_message(texts);

    html! {
        <>
            <FilterPanel id="dashboard" label={texts.filter_dashboard} actions={form.actions.clone()}>
                { year_filter(texts, "dashboard-year", Some(texts.year_hint), &draft.year, form.field(|d, v| d.year = v)) }
                { axis_filter(texts, "dashboard-axis", &axes, &draft.axis, form.field(|d, v| d.axis = v)) }
                { lead_filter(texts, "dashboard-lead", &staff, &draft.lead, form.field(|d, v| d.lead = v)) }
            </FilterPanel>
            <Status message={status} />
            <Alert id="dashboard-error" message={error_message} />
            if let Some(figures) = fetched.data.clone() {
                <Headline figures={Rc::clone(&figures)} filters={form.filters.clone()} />
                if figures.projects_total == 0 {
                    <p class="notice" data-testid="no-projects">{ texts.no_projects }</p>
                } else {
                    <div class="chart-grid">
                        <PhaseChart figures={Rc::clone(&figures)} />
                        <AxisChart figures={Rc::clone(&figures)} axes={Rc::clone(&axes)} />
                        <SecuredChart figures={Rc::clone(&figures)} />
                        <InvestmentChart figures={Rc::clone(&figures)} />
                        if !figures.paid_by_year.is_empty() {
                            <PaidByYearChart figures={Rc::clone(&figures)} />
                        }
                        <InstructionChart figures={Rc::clone(&figures)} />
                        <AbandonmentChart figures={Rc::clone(&figures)} />
                        <ScoreChart figures={Rc::clone(&figures)} />
                        <IndicatorStatusChart figures={figures} />
                    </div>
                }
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct HeadlineProps {
    figures: Rc<Figures>,
    filters: DashboardFilters,
}

/// One headline figure: its name, the value (under a stable test hook),
/// and a line saying what it counts.
fn card(label: &str, testid: &'static str, value: String, hint: Html) -> Html {
    html! {
        <div class="kpi">
            <dt class="kpi__label">{ label.to_owned() }</dt>
            <dd class="kpi__value" data-testid={testid}>{ value }</dd>
            <dd class="kpi__hint">{ hint }</dd>
        </div>
    }
}

/// The project list's query for the dashboard's filters (the names of
/// `ProjectFilters`), where the projects behind a figure can be looked at
/// one by one.
fn project_list_query(filters: &DashboardFilters) -> Vec<(&'static str, String)> {
    let mut query = Vec::new();
    if !filters.axis.is_empty() {
        query.push(("axis", filters.axis.clone()));
    }
    if let Some(lead) = filters.lead_id {
        query.push(("lead_id", lead.to_string()));
    }
    if let Some(year) = filters.year {
        query.push(("commission_year", year.to_string()));
    }
    query
}

fn instruction_card(texts: &Texts, lang: Lang, figures: &Figures) -> Html {
    let last = figures.instruction_days.last();
    let value = last
        .map(|year| (texts.days)(year.median.round() as i64))
        .unwrap_or_else(|| "—".to_owned());
    let first = figures.instruction_days.first();
    html! {
        <div class="kpi">
            <dt class="kpi__label">{ texts.kpi_instruction }</dt>
            <dd class="kpi__value" data-testid="instruction-median">{ value }</dd>
            <dd class="kpi__hint">
                if let Some(last) = last {
                    { (texts.instruction_median_of)(last.year) }
                } else {
                    { texts.no_decisions_yet }
                }
            </dd>
            if let (Some(first), Some(last), Some(_)) = (first, last, figures.instruction_median_ratio) {
                <dd class="kpi__extra">
                    <span class="kpi__ratio" data-testid="instruction-ratio">
                        { format::divided_by(figures.instruction_median_ratio, lang) }
                    </span>
                    { " " }{ (texts.ratio_between)(first.year, last.year) }
                </dd>
            }
        </div>
    }
}

/// The source document's "investment capacity × 2": CP paid in the last
/// year with any, against the reference year.
fn capacity_card(texts: &Texts, lang: Lang, figures: &Figures) -> Html {
    let first = figures.paid_by_year.first();
    let last = figures.paid_by_year.last();
    html! {
        <div class="kpi">
            <dt class="kpi__label">{ texts.kpi_capacity_ratio }</dt>
            <dd class="kpi__value" data-testid="investment-capacity-ratio">
                { format::times(figures.investment_capacity_ratio, lang) }
            </dd>
            <dd class="kpi__hint">
                if let Some(last) = last {
                    { (texts.capacity_ratio_of)(last.year, &format::euros(last.paid_cents, lang)) }
                } else {
                    { texts.no_cp_paid_yet }
                }
            </dd>
            if let (Some(first), Some(last)) = (first, last) {
                if first.year != last.year {
                    <dd class="kpi__extra">
                        { (texts.cp_paid_since)(first.year, &format::euros(first.paid_cents, lang)) }
                    </dd>
                }
            }
        </div>
    }
}

#[function_component]
fn Headline(props: &HeadlineProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let figures = &props.figures;
    html! {
        <section class="headline" aria-labelledby="headline-heading">
            <h2 id="headline-heading" class="visually-hidden">{ texts.headline_heading }</h2>
            <dl class="kpis">
                { card(texts.kpi_projects, "projects-total", format::integer(figures.projects_total, lang),
                       html! { texts.kpi_projects_hint }) }
                { card(texts.kpi_investment, "investment", format::millions_of_euros(figures.investment_cents, lang),
                       html! { <>{ format::euros(figures.investment_cents, lang) }{ " — " }{ texts.kpi_investment_hint }</> }) }
                { card(texts.leverage, "leverage", format::leverage(figures.leverage, lang),
                       html! { texts.leverage_hint }) }
                { instruction_card(texts, lang, figures) }
                { card(texts.kpi_actors, "actors-engaged", format::integer(figures.actors_engaged, lang),
                       html! { texts.kpi_actors_hint }) }
                { card(texts.kpi_overdue, "overdue-milestones", format::integer(figures.overdue_milestones, lang),
                       html! {
                           <NavLink to={Route::Projects} query={project_list_query(&props.filters)}
                                    testid="overdue-projects-link">
                               { texts.kpi_overdue_link }
                           </NavLink>
                       }) }
                { capacity_card(texts, lang, figures) }
                { card(texts.kpi_gap, "funding-gap", format::millions_of_euros(figures.gap_cents, lang),
                       html! { texts.kpi_gap_hint }) }
            </dl>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::UserId;

    #[test]
    fn the_form_round_trips_filters() {
        let filters = DashboardFilters {
            year: Some(2020),
            axis: "Innovation".into(),
            lead_id: Some(UserId(3)),
        };
        assert_eq!(FilterDraft::from_filters(&filters).to_filters(), filters);
        let typed = FilterDraft {
            year: "20x5".into(),
            ..FilterDraft::default()
        };
        assert_eq!(typed.to_filters(), DashboardFilters::default());
    }

    #[test]
    fn the_project_list_gets_the_same_filters() {
        let filters = DashboardFilters {
            year: Some(2020),
            axis: "Attractivité".into(),
            lead_id: Some(UserId(3)),
        };
        assert_eq!(
            project_list_query(&filters),
            [
                ("axis", "Attractivité".to_owned()),
                ("lead_id", "3".to_owned()),
                ("commission_year", "2020".to_owned())
            ]
        );
        assert!(project_list_query(&DashboardFilters::default()).is_empty());
    }
}
