//! The evaluations section: the grids projects are scored against, each
//! with its version and how many submitted evaluations used it. Admins
//! and managers create and edit them; the others read them.

use super::gate::DecisionGatePanel;
use crate::api;
use crate::components::form_field::Alert;
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::panel::Panel;
use crate::components::table::Table;
use crate::format;
use crate::hooks::use_fetch;
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use crate::routes::Route;
use crate::session::use_can_manage;
use yew::prelude::*;

#[function_component]
pub fn EvaluationsHub() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let can_manage = use_can_manage();
    let fetched = use_fetch(
        (),
        |()| async move { api::evaluations::grids(None, None).await },
    );
    let error_message = fetched.error_message(texts);

    html! {
        <>
            <div class="page-heading">
                <PageTitle text={texts.evaluations_title} />
                if can_manage {
                    <div class="page-heading__actions">
                        <NavLink to={Route::NewGrid} class={classes!("button", "button--primary")}
                                 testid="new-grid">
                            { texts.new_grid }
                        </NavLink>
                    </div>
                }
            </div>
            <p class="lead">{ texts.evaluations_intro }</p>
            <Alert id="grids-error" message={error_message} />
            <Panel heading_id="grids-heading" heading={texts.grids_heading}>
                {
                    match fetched.data.as_deref() {
                        None if fetched.loading => html! { <p class="loading" role="status">{ texts.loading }</p> },
                        None => html! {},
                        Some(grids) if grids.is_empty() => html! { <p class="notice">{ texts.no_grids }</p> },
                        Some(grids) => html! {
                            <Table caption={texts.grids_heading} testid="grids" head={html! {
                                <>
                                    <th scope="col">{ texts.column_name }</th>
                                    <th scope="col">{ texts.evaluation_kind }</th>
                                    <th scope="col" class="number">{ texts.criteria_count }</th>
                                    <th scope="col" class="number">{ texts.grid_version_label }</th>
                                    <th scope="col" class="number">{ texts.submitted_evaluations }</th>
                                    <th scope="col">{ texts.column_active }</th>
                                </>
                            }}>
                                { for grids.iter().map(|grid| html! {
                                    <tr key={grid.id.to_string()} data-testid="grid-row">
                                        <th scope="row">
                                            <NavLink to={Route::Grid { id: grid.id }}>{ grid.name.clone() }</NavLink>
                                        </th>
                                        <td>{ (texts.evaluation_kind_name)(grid.kind) }</td>
                                        <td class="number">{ format::integer(grid.criteria.len() as u64, lang) }</td>
                                        <td class="number">{ (texts.version_number)(grid.version) }</td>
                                        <td class="number">{ format::integer(grid.submitted_evaluations, lang) }</td>
                                        <td>
                                            if grid.active {
                                                <span class="badge badge--on">{ texts.active_yes }</span>
                                            } else {
                                                <span class="badge badge--off">{ texts.active_no }</span>
                                            }
                                        </td>
                                    </tr>
                                }) }
                            </Table>
                        },
                    }
                }
            </Panel>
            <DecisionGatePanel />
            <p class="notice">{ texts.evaluations_where }</p>
        </>
    }
}
