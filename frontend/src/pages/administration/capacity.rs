//! The town's investment capacity by year, against which the programme
//! flags the years whose net need exceeds it; and the reference year of
//! the dashboard's investment capacity ratio.

use super::AdminFrame;
use crate::api;
use crate::components::form_field::{Status, SubmitButton, TextField};
use crate::components::panel::Panel;
use crate::components::year_amounts::{
    form_fields, AmountColumn, YearAmounts, YearRowsDraft, YearTable,
};
use crate::hooks::{replace, text_setter, use_draft, use_loaded, use_submit};
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use shared::programming::{CapacityYear, InvestmentCapacity};
use shared::FieldError;
use yew::prelude::*;

const CAPACITY_FIELDS: [&str; 1] = ["capacity_cents"];

fn capacity_rows(capacity: &InvestmentCapacity) -> Vec<YearAmounts> {
    capacity
        .years
        .iter()
        .map(|c| (c.year, vec![c.capacity_cents]))
        .collect()
}

/// The form's values as sent: the years, and the reference year (blank:
/// the first year with CP paid).
fn capacity_of(
    rows: Vec<YearAmounts>,
    reference_year: &str,
) -> Result<InvestmentCapacity, Vec<FieldError>> {
    let reference = reference_year.trim();
    let reference_year = if reference.is_empty() {
        None
    } else {
        match reference.parse::<i32>() {
            Ok(year) => Some(year),
            Err(_) => {
                return Err(vec![FieldError::new(
                    "reference_year",
                    "invalid_year",
                    "year",
                )])
            }
        }
    };
    Ok(InvestmentCapacity {
        years: rows
            .into_iter()
            .map(|(year, amounts)| CapacityYear {
                year,
                capacity_cents: amounts.first().copied().unwrap_or(0),
            })
            .collect(),
        reference_year,
    })
}

#[function_component]
pub fn CapacityPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let capacity = use_loaded((), |()| async move {
        api::programming::investment_capacity().await
    });
    let draft = use_draft(YearRowsDraft::default);
    let reference = use_state(String::new);
    {
        let (draft, reference) = (draft.clone(), reference.clone());
        let saved = capacity.value().cloned();
        use_effect_with(saved, move |saved| {
            if let Some(saved) = saved {
                replace(&draft, YearRowsDraft::of(&capacity_rows(saved), lang));
                reference.set(
                    saved
                        .reference_year
                        .map(|y| y.to_string())
                        .unwrap_or_default(),
                );
            }
        });
    }
    let mut fields = form_fields("capacity", draft.0.rows.len(), &CAPACITY_FIELDS);
    fields.push((
        "reference_year".to_owned(),
        "capacity-reference-year".to_owned(),
    ));
    let submit = use_submit(fields);
    let columns = [AmountColumn {
        field: "capacity_cents",
        label: texts.capacity,
    }];

    let onsubmit = {
        let (draft, reference, capacity) = (draft.clone(), reference.clone(), capacity.clone());
        submit.on_submit(move |submit| {
            let read = draft.0.read(&CAPACITY_FIELDS);
            let sent = match read {
                Ok(rows) => capacity_of(rows, &reference),
                Err(mut problems) => {
                    if let Err(more) = capacity_of(Vec::new(), &reference) {
                        problems.extend(more);
                    }
                    Err(problems)
                }
            };
            let Some(sent) = submit.checked(sent) else {
                return;
            };
            let problems = sent.check();
            if !problems.is_empty() {
                submit.invalid(problems);
                return;
            }
            let capacity = capacity.clone();
            submit.run(
                async move { api::programming::save_investment_capacity(&sent).await },
                move |saved| {
                    capacity.set(saved);
                    capacity.set_status(Some(texts.capacity_saved.into()));
                },
            );
        })
    };

    html! {
        <AdminFrame title={texts.capacity_heading}>
            <Panel heading_id="capacity-form-heading" heading={texts.capacity_by_year} alert_id="capacity-error"
                   alert={submit.summary().or_else(|| capacity.error_message(texts))} testid="investment-capacity">
                <p class="field-hint">{ texts.capacity_intro }</p>
                <Status message={capacity.status()} />
                if capacity.value().is_some() {
                    <form class="form" novalidate=true data-testid="capacity-form" {onsubmit}>
                        { YearTable {
                            id: "capacity",
                            caption: texts.capacity_by_year.to_owned(),
                            columns: &columns,
                            draft: &draft,
                            submit: &submit,
                            texts,
                        }.view() }
                        <div class="form form--grid">
                        <TextField
                            id="capacity-reference-year"
                            label={texts.reference_year}
                            hint={texts.reference_year_hint}
                            inputmode="numeric"
                            value={(*reference).clone()}
                            oninput={text_setter(&reference)}
                            error={submit.error_for("reference_year")}
                        />
                        </div>
                        <div class="form__actions">
                            <SubmitButton label={texts.save} busy={submit.busy()} busy_label={texts.saving} testid="save-capacity" />
                        </div>
                    </form>
                } else if capacity.error().is_none() {
                    <p class="loading">{ texts.loading }</p>
                }
            </Panel>
        </AdminFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_capacity_is_sent_with_its_reference_year() {
        let capacity = capacity_of(vec![(2025, vec![12_000_000_00])], " 2015 ").unwrap();
        assert_eq!(capacity.reference_year, Some(2015));
        assert_eq!(
            capacity.years,
            [CapacityYear {
                year: 2025,
                capacity_cents: 12_000_000_00
            }]
        );
        assert_eq!(capacity_of(Vec::new(), "").unwrap().reference_year, None);
        assert_eq!(
            capacity_of(Vec::new(), "l'an dernier").unwrap_err()[0].field,
            "reference_year"
        );
    }
}
