//! One funding opportunity: what it funds, for whom and until when; the
//! form that replaces it and the button that removes it from the
//! catalogue (the funding lines applied for through it stay).

use super::form::OpportunityForm;
use super::{aid_types, rate_range};
use crate::api;
use crate::components::form_field::{Alert, Status};
use crate::components::layout::fact;
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::panel::Panel;
use crate::dom;
use crate::format;
use crate::hooks::use_loaded;
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use crate::routes::Route;
use crate::session::use_can_edit;
use shared::ids::OpportunityId;
use shared::opportunities::FundingOpportunity;
use shared::ErrorCode;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OpportunityPageProps {
    pub id: OpportunityId,
}

#[function_component]
pub fn OpportunityPage(props: &OpportunityPageProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let can_edit = use_can_edit();
    let navigator = use_navigator();
    let opportunity = use_loaded(
        props.id,
        |id| async move { api::opportunities::get(id).await },
    );
    let deleting = use_state(|| false);

    let on_saved = {
        let opportunity = opportunity.clone();
        Callback::from(move |saved: FundingOpportunity| {
            opportunity.set_status(Some((texts.opportunity_saved)(&saved.name).into()));
            opportunity.set(saved);
            dom::focus("#contenu h1");
        })
    };
    let on_reload = {
        let opportunity = opportunity.clone();
        Callback::from(move |()| opportunity.reload())
    };

    let Some(current) = opportunity.value().cloned() else {
        return match opportunity.error() {
            Some(failure) => {
                let not_found = failure.has_code(ErrorCode::NotFound);
                html! {
                    <>
                        <PageTitle text={if not_found { texts.opportunity_not_found } else { texts.opportunities_title }} />
                        <Alert id="opportunity-error" message={Some(AttrValue::from(texts.describe(failure)))} />
                        <p><NavLink to={Route::Opportunities}>{ texts.back_to_opportunities }</NavLink></p>
                    </>
                }
            }
            None => html! { <p class="loading" role="status">{ texts.loading }</p> },
        };
    };

    let on_delete = {
        let (opportunity, deleting) = (opportunity.clone(), deleting.clone());
        let current = current.clone();
        Callback::from(move |_: MouseEvent| {
            if *deleting || !dom::confirm(&(texts.confirm_delete_opportunity)(&current.name)) {
                return;
            }
            deleting.set(true);
            let (opportunity, deleting, navigator) =
                (opportunity.clone(), deleting.clone(), navigator.clone());
            let (id, version) = (current.id, current.version);
            spawn_local(async move {
                match api::opportunities::delete(id, version).await {
                    Ok(()) => {
                        if let Some(navigator) = &navigator {
                            navigator.push(&Route::Opportunities);
                        }
                    }
                    Err(failure) => {
                        deleting.set(false);
                        opportunity.fail(failure);
                    }
                }
            });
        })
    };

    let list = |values: Vec<String>, none: &'static str| -> Html {
        if values.is_empty() {
            html! { { none } }
        } else {
            html! { { values.join(", ") } }
        }
    };
    let deadline = current
        .submission_deadline
        .map(|due| format::date(due, lang))
        .unwrap_or_else(|| texts.no_deadline.to_owned());
    let error = opportunity.error().map(|failure| {
        if failure.has_code(ErrorCode::VersionMismatch) {
            AttrValue::Static(texts.opportunity_conflict)
        } else {
            AttrValue::from(texts.describe(failure))
        }
    });

    html! {
        <article class="opportunity" data-testid="opportunity-page">
            <p><NavLink to={Route::Opportunities}>{ texts.back_to_opportunities }</NavLink></p>
            <div class="page-heading">
                <PageTitle text={current.name.clone()} />
                if can_edit {
                    <div class="page-heading__actions">
                        <button type="button" class="button button--danger" data-testid="delete-opportunity"
                                aria-disabled={deleting.then_some("true")} onclick={on_delete}>
                            { texts.delete }
                        </button>
                    </div>
                }
            </div>
            <Status message={opportunity.status()} />
            <Alert id="opportunity-page-error" message={error} />
            <Panel heading_id="opportunity-facts-heading" heading={texts.opportunity_facts_heading}>
                <dl class="facts">
                    { fact(texts.column_funder, html! { current.funder_name.clone() }) }
                    { fact(texts.opportunity_scheme, html! { current.scheme.clone().unwrap_or_else(|| "—".to_owned()) }) }
                    { fact(texts.aid_types_legend, html! { aid_types(texts, &current) }) }
                    { fact(texts.opportunity_axes_legend, list(current.axes.clone(), texts.every_axis)) }
                    { fact(texts.opportunity_phases_legend, list(
                        current.phases.iter().map(|phase| (texts.phase_name)(*phase).to_owned()).collect(),
                        texts.every_phase,
                    )) }
                    { fact(texts.opportunity_perimeter, list(current.perimeter.clone(), texts.everywhere)) }
                    { fact(texts.subsidy_rate_label, html! { rate_range(texts, &current).unwrap_or_else(|| "—".to_owned()) }) }
                    { fact(texts.opens_on_label, html! { format::optional_date(current.opens_on, lang) }) }
                    { fact(texts.predeposit_date_label, html! { format::optional_date(current.predeposit_date, lang) }) }
                    { fact(texts.submission_deadline_label, html! { <span data-testid="opportunity-deadline">{ deadline }</span> }) }
                    { fact(texts.recurrence_label, html! { (texts.recurrence_name)(current.recurrence) }) }
                    { fact(texts.opportunity_url, match &current.url {
                        Some(url) => html! { <a href={url.clone()} rel="noopener noreferrer">{ url.clone() }</a> },
                        None => html! { "—" },
                    }) }
                </dl>
                if let Some(description) = &current.description {
                    <p class="opportunity__description">{ description.clone() }</p>
                }
            </Panel>
            if can_edit {
                <Panel heading_id="edit-opportunity-heading" heading={texts.edit_opportunity}>
                    <OpportunityForm initial={Some(current)} {on_saved} {on_reload} />
                </Panel>
            }
        </article>
    }
}
