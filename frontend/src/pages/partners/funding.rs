//! The partner's own funding lines on a project: what they committed,
//! where each line stands. The other funders' lines are not theirs to see.

use crate::api::{self, ApiError};
use crate::components::form_field::Alert;
use crate::components::panel::Panel;
use crate::components::table::Table;
use crate::format;
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use shared::ids::ProjectId;
use shared::participants::FundingLine;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PartnerFundingProps {
    pub project_id: ProjectId,
}

#[function_component]
pub fn PartnerFunding(props: &PartnerFundingProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let lines = use_state(|| None::<Vec<FundingLine>>);
    let error = use_state(|| None::<ApiError>);

    {
        let (lines, error) = (lines.clone(), error.clone());
        use_effect_with(props.project_id, move |id| {
            let id = *id;
            spawn_local(async move {
                match api::projects::funding_lines(id).await {
                    Ok(list) => lines.set(Some(list)),
                    Err(failure) => error.set(Some(failure)),
                }
            });
        });
    }

    let error_message = error
        .as_ref()
        .map(|failure| AttrValue::from(texts.describe(failure)));
    let dates = |line: &FundingLine| {
        [
            (texts.requested_on, line.requested_on),
            (texts.decided_on, line.decided_on),
            (texts.paid_on, line.paid_on),
        ]
        .into_iter()
        .filter_map(|(label, day)| day.map(|day| format!("{label} {}", format::date(day, lang))))
        .collect::<Vec<_>>()
        .join(", ")
    };

    html! {
        <Panel id="financement" heading_id="partner-funding-heading" heading={texts.partner_funding_heading}>
            <p>{ texts.partner_funding_intro }</p>
            <Alert id="partner-funding-error" message={error_message} />
            {
                match &*lines {
                    None if error.is_none() => html! { <p class="loading">{ texts.loading }</p> },
                    None => html! {},
                    Some(list) if list.is_empty() => html! { <p class="notice">{ texts.no_funding_lines }</p> },
                    Some(list) => html! {
                        <Table
                            caption={texts.partner_funding_heading}
                            testid="partner-funding"
                            head={html! {
                                <>
                                    <th scope="col">{ texts.label_label }</th>
                                    <th scope="col">{ texts.column_category }</th>
                                    <th scope="col" class="number">{ texts.amount }</th>
                                    <th scope="col">{ texts.column_status }</th>
                                    <th scope="col">{ texts.column_dates }</th>
                                </>
                            }}
                        >
                            { for list.iter().map(|line| html! {
                                <tr key={line.id.to_string()}>
                                    <th scope="row">{ line.label.clone().unwrap_or_else(|| line.funder_name.clone()) }</th>
                                    <td>{ (texts.category_name)(line.category) }</td>
                                    <td class="number">{ format::euros(line.amount_cents, lang) }</td>
                                    <td>{ (texts.funding_status_name)(line.status) }</td>
                                    <td>{ dates(line) }</td>
                                </tr>
                            }) }
                        </Table>
                    },
                }
            }
        </Panel>
    }
}
