//! "Indicateurs": what the project promised to change, each indicator with
//! its latest measurement, its progress towards the target and its status,
//! and a link to its chart and measurement entry.

use crate::api;
use crate::components::form_field::{Alert, Status};
use crate::components::nav::NavLink;
use crate::components::panel::Panel;
use crate::components::table::Table;
use crate::format;
use crate::hooks::use_loaded;
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use crate::pages::indicators::{progress_text, status_tag, value_text, IndicatorForm};
use crate::routes::Route;
use shared::ids::ProjectId;
use shared::indicators::Indicator;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct IndicatorsProps {
    pub project_id: ProjectId,
    pub can_edit: bool,
}

#[function_component]
pub fn Indicators(props: &IndicatorsProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let id = props.project_id;
    let indicators = use_loaded(id, |id| async move { api::indicators::list(id).await });
    let on_saved = {
        let indicators = indicators.clone();
        Callback::from(move |saved: Indicator| {
            indicators.refresh(Some((texts.indicator_saved)(&saved.fields.name).into()));
        })
    };

    html! {
        <Panel id="indicateurs" heading_id="indicators-heading" heading={texts.indicators_heading}>
            <Status message={indicators.status()} />
            <Alert id="indicators-error" message={indicators.error_message(texts)} />
            { indicators.view(texts, html! { <p class="notice">{ texts.no_indicators }</p> }, |list| html! {
                <Table caption={texts.indicators_heading} testid="indicators" head={html! {
                    <>
                        <th scope="col">{ texts.indicator }</th>
                        <th scope="col">{ texts.indicator_level }</th>
                        <th scope="col">{ texts.baseline_to_target }</th>
                        <th scope="col" class="number">{ texts.latest_value }</th>
                        <th scope="col" class="number">{ texts.progress }</th>
                        <th scope="col">{ texts.column_status }</th>
                        <th scope="col">{ texts.column_actions }</th>
                    </>
                }}>
                    { for list.iter().map(|indicator| {
                        let fields = &indicator.fields;
                        let unit = fields.unit.as_str();
                        let reading = &indicator.reading;
                        html! {
                            <tr key={indicator.id.to_string()} data-testid="indicator-row">
                                <th scope="row">{ fields.name.clone() }</th>
                                <td>{ (texts.indicator_level_name)(fields.level) }</td>
                                <td>
                                    { value_text(&fields.baseline_value, unit, lang) }
                                    { " → " }
                                    { value_text(&fields.target_value, unit, lang) }
                                    <span class="small-text muted">
                                        { " (" }{ format::date(fields.target_date, lang) }{ ")" }
                                    </span>
                                </td>
                                <td class="number">
                                    { reading.latest_value.map(|v| value_text(&v, unit, lang)).unwrap_or_else(|| "—".to_owned()) }
                                </td>
                                <td class="number">
                                    { progress_text(reading.progress, lang) }
                                    if let Some(expected) = reading.expected_progress {
                                        <span class="small-text muted">
                                            { " " }{ (texts.expected_short)(&format::one_decimal(expected, lang)) }
                                        </span>
                                    }
                                </td>
                                <td>{ status_tag(texts, reading.status) }</td>
                                <td>
                                    <NavLink to={Route::Indicator { id, iid: indicator.id }} testid="open-indicator">
                                        { texts.chart_and_measurements }
                                        <span class="visually-hidden">{ " — " }{ fields.name.clone() }</span>
                                    </NavLink>
                                </td>
                            </tr>
                        }
                    }) }
                </Table>
            }) }
            if props.can_edit {
                <Panel heading_id="add-indicator-heading" heading={texts.add_indicator} sub=true>
                    <details>
                        <summary>{ texts.new_indicator_form }</summary>
                        <IndicatorForm project_id={id} {on_saved} />
                    </details>
                </Panel>
            }
        </Panel>
    }
}
