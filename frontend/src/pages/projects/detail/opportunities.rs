//! The opportunities a project may apply for now, best first, each with
//! why it matches and its deadline; "Candidater" records a planned
//! funding line for it (an amount may be given, else the server takes the
//! total cost times the maximum rate), which the financing plan then
//! shows.

use crate::api;
use crate::components::deadline::{Deadline, DeadlineBadge, DeadlineKind};
use crate::components::form_field::{Alert, CancelButton, Status, SubmitButton, TextField};
use crate::components::panel::Panel;
use crate::dom;
use crate::format;
use crate::hooks::{text_setter, use_loaded, use_submit};
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use crate::pages::opportunities::rate_range;
use shared::ids::{OpportunityId, ProjectId};
use shared::opportunities::{default_amount, OpportunityMatch};
use shared::participants::FundingLine;
use shared::{ErrorCode, FieldError};
use std::collections::BTreeSet;
use yew::prelude::*;

/// The amount typed, in cents; blank asks for the server's default.
fn amount_of(text: &str) -> Result<Option<i64>, Vec<FieldError>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    format::parse_euros(text)
        .map(Some)
        .map_err(|problem| vec![FieldError::new("amount_cents", problem.code(), "amount")])
}

/// The opportunities the project already has a funding line for.
fn applied(lines: &[FundingLine]) -> BTreeSet<OpportunityId> {
    lines
        .iter()
        .filter_map(|line| line.opportunity_id)
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct OpportunitiesProps {
    pub project_id: ProjectId,
    pub total_cost_cents: i64,
    pub can_edit: bool,
    /// A funding line was applied for: the financing plan must show it.
    pub on_applied: Callback<FundingLine>,
}

#[function_component]
pub fn Opportunities(props: &OpportunitiesProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let id = props.project_id;
    let matches = use_loaded(
        id,
        |id| async move { api::opportunities::matches(id).await },
    );
    let lines = use_loaded(
        id,
        |id| async move { api::projects::funding_lines(id).await },
    );
    let already = applied(lines.list().unwrap_or_default());
    let today = dom::today();

    let on_applied = {
        let (lines, matches, on_applied) =
            (lines.clone(), matches.clone(), props.on_applied.clone());
        Callback::from(move |line: FundingLine| {
            matches.set_status(Some(
                (texts.applied_to_opportunity)(
                    &format::euros(line.amount_cents, lang),
                    &line.funder_name,
                )
                .into(),
            ));
            lines.reload();
            on_applied.emit(line);
        })
    };

    let content = matches.view_unless_failed(
        texts,
        html! { <p class="notice" data-testid="no-opportunities">{ texts.no_matching_opportunities }</p> },
        |list| {
            html! {
                <ul class="opportunity-matches" data-testid="opportunity-matches">
                    { for list.iter().map(|found| {
                        let opportunity_id = found.opportunity.id;
                        html! {
                            <MatchItem
                                key={opportunity_id.to_string()}
                                project_id={id}
                                found={found.clone()}
                                total_cost_cents={props.total_cost_cents}
                                applied={already.contains(&opportunity_id)}
                                can_edit={props.can_edit}
                                {today}
                                on_applied={on_applied.clone()}
                            />
                        }
                    }) }
                </ul>
            }
        },
    );

    html! {
        <Panel id="opportunites" heading_id="opportunities-heading" heading={texts.project_opportunities_heading}
               alert_id="opportunities-error" alert={matches.error_message(texts)}>
            <p class="panel__intro">{ texts.project_opportunities_intro }</p>
            <Status message={matches.status()} />
            { content }
        </Panel>
    }
}

#[derive(Properties, PartialEq)]
struct MatchItemProps {
    project_id: ProjectId,
    found: OpportunityMatch,
    total_cost_cents: i64,
    applied: bool,
    can_edit: bool,
    today: chrono::NaiveDate,
    on_applied: Callback<FundingLine>,
}

#[function_component]
fn MatchItem(props: &MatchItemProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let opportunity = &props.found.opportunity;
    let item_id = format!("opportunity-{}", opportunity.id);
    let form_id = format!("{item_id}-apply");
    let amount_id = format!("{item_id}-amount");
    let heading_id = format!("{item_id}-name");
    let applied_id = format!("{item_id}-applied");
    let open = use_state(|| false);
    let amount = use_state(String::new);
    let fields: Vec<(String, String)> = vec![("amount_cents".into(), amount_id.clone())];
    let submit = use_submit(fields);

    {
        let (open, amount_id) = (*open, amount_id.clone());
        use_effect_with(open, move |open| {
            if *open {
                dom::focus(&format!("#{amount_id}"));
            }
        });
    }
    // Set by an application made here, not by one found on arrival.
    let just_applied = use_state(|| false);
    {
        let applied_id = applied_id.clone();
        // Once applied, the form is gone: focus goes to what replaced it,
        // when the lines fetched again say so.
        use_effect_with((props.applied, *just_applied), move |(applied, just)| {
            if *applied && *just {
                dom::focus(&format!("#{applied_id}"));
            }
        });
    }

    let toggle = {
        let (open, submit) = (open.clone(), submit.clone());
        Callback::from(move |_: MouseEvent| {
            submit.clear();
            open.set(!*open);
        })
    };
    let cancel = {
        let (open, item_id) = (open.clone(), item_id.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            dom::focus(&format!("#{item_id}-toggle"));
        })
    };
    let onsubmit = {
        let (amount, open, just_applied) = (amount.clone(), open.clone(), just_applied.clone());
        let (project, opportunity_id, on_applied) =
            (props.project_id, opportunity.id, props.on_applied.clone());
        submit.on_submit(move |submit| {
            let Some(cents) = submit.checked(amount_of(&amount)) else {
                return;
            };
            let (open, on_applied, just_applied) =
                (open.clone(), on_applied.clone(), just_applied.clone());
            submit.run_or_else(
                async move { api::opportunities::apply(project, opportunity_id, cents).await },
                move |line| {
                    open.set(false);
                    just_applied.set(true);
                    on_applied.emit(line);
                },
                |submit, error| {
                    if error.has_code(ErrorCode::Conflict) {
                        submit.show(Some(texts.already_applied.into()), Vec::new());
                    } else {
                        submit.refused(&error);
                    }
                },
            );
        })
    };

    let deadline = opportunity.submission_deadline;
    let badge = deadline.and_then(|due| Deadline::of(DeadlineKind::Closing, due, props.today));
    let suggested = default_amount(props.total_cost_cents, opportunity.subsidy_rate_max);
    let by = match &opportunity.scheme {
        Some(scheme) => format!("{} · {scheme}", opportunity.funder_name),
        None => opportunity.funder_name.clone(),
    };

    html! {
        <li class="opportunity-match" data-testid={format!("opportunity-match-{}", opportunity.id)}>
            <h3 id={heading_id}>{ opportunity.name.clone() }</h3>
            <p class="opportunity-match__by">{ by }</p>
            <dl class="facts facts--inline">
                <div class="facts__item">
                    <dt>{ texts.submission_deadline_label }</dt>
                    <dd data-testid="opportunity-deadline">
                        { deadline.map(|due| format::date(due, lang)).unwrap_or_else(|| texts.no_deadline.to_owned()) }
                        if let Some(badge) = badge {
                            { " " }<DeadlineBadge deadline={badge} />
                        }
                    </dd>
                </div>
                if let Some(rate) = rate_range(texts, opportunity) {
                    <div class="facts__item">
                        <dt>{ texts.subsidy_rate_label }</dt>
                        <dd>{ rate }</dd>
                    </div>
                }
            </dl>
            <h4 class="visually-hidden">{ texts.match_reasons }</h4>
            <ul class="opportunity-match__reasons" data-testid="opportunity-reasons">
                { for props.found.reasons.iter().map(|reason| html! { <li>{ reason.message.clone() }</li> }) }
            </ul>
            if props.applied {
                <p class="opportunity-match__applied">
                    <span class="tag tag--done">{ texts.applied_tag }</span>{ " " }
                    <a id={applied_id} href="#financement" data-testid="see-financing">{ texts.see_financing_plan }</a>
                </p>
            } else if props.can_edit {
                <button
                    type="button"
                    id={format!("{item_id}-toggle")}
                    class="button button--primary button--small"
                    aria-expanded={if *open { "true" } else { "false" }}
                    aria-controls={form_id.clone()}
                    data-testid="apply-opportunity"
                    onclick={toggle}
                >
                    { texts.apply_to_opportunity }
                    <span class="visually-hidden">{ " " }{ opportunity.name.clone() }</span>
                </button>
                if *open {
                    <form id={form_id} class="form inline-apply" novalidate=true
                          data-testid="apply-form" {onsubmit}>
                        <Alert id={format!("{item_id}-apply-error")} message={submit.summary()} />
                        <TextField
                            id={amount_id.clone()}
                            label={texts.amount_sought}
                            hint={(texts.amount_sought_hint)(&format::euros(suggested, lang))}
                            inputmode="decimal"
                            autocomplete="off"
                            value={(*amount).clone()}
                            oninput={text_setter(&amount)}
                            error={submit.error_for("amount_cents")}
                        />
                        <div class="form__actions">
                            <SubmitButton label={texts.confirm_application} busy={submit.busy()}
                                          busy_label={texts.saving} testid="confirm-application" />
                            <CancelButton onclick={cancel} />
                        </div>
                    </form>
                }
            }
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_amount_leaves_it_to_the_server() {
        assert_eq!(amount_of("  "), Ok(None));
        assert_eq!(amount_of("150 000"), Ok(Some(150_000_00)));
        let problems = amount_of("beaucoup").unwrap_err();
        assert_eq!(problems[0].field, "amount_cents");
    }
}
