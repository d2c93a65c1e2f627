//! Amounts by year, as a table edited in place: a project's CP (planned,
//! paid), a funding line's schedule (expected, received), the town's
//! investment capacity. The API takes such a list whole
//! (`{years: [{year, …_cents}]}`) and names its problems
//! `years.{index}.{field}`: the inputs are named the same way, so that
//! each problem lands next to its input.

use crate::components::form_field::without_problems;
use crate::format;
use crate::hooks::{edit, DraftHandle, Submit};
use crate::i18n::{Lang, Texts};
use shared::programming::YEARS;
use shared::FieldError;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// One amount column: the API's field and its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmountColumn {
    pub field: &'static str,
    pub label: &'static str,
}

/// A year and its amounts in cents, in the columns' order.
pub type YearAmounts = (i32, Vec<i64>);

/// A year of a record edited as a row of two amounts (the CP's planned
/// and paid, a schedule's expected and received), in the columns' order.
pub trait TwoAmounts: Sized {
    fn amounts(&self) -> (i32, i64, i64);
    fn from_amounts(year: i32, first: i64, second: i64) -> Self;
}

/// The table's rows for `years`.
pub fn rows_of<Y: TwoAmounts>(years: &[Y]) -> Vec<YearAmounts> {
    years
        .iter()
        .map(|year| {
            let (year, first, second) = year.amounts();
            (year, vec![first, second])
        })
        .collect()
}

/// The years the table's rows make; an amount the row lacks is 0.
pub fn years_of<Y: TwoAmounts>(rows: Vec<YearAmounts>) -> Vec<Y> {
    rows.into_iter()
        .map(|(year, amounts)| {
            let amount = |index: usize| amounts.get(index).copied().unwrap_or(0);
            Y::from_amounts(year, amount(0), amount(1))
        })
        .collect()
}

/// The table as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct YearRowsDraft {
    pub rows: Vec<YearRowDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct YearRowDraft {
    pub year: String,
    pub amounts: Vec<String>,
}

impl YearRowsDraft {
    /// The saved years, amounts written as one types them.
    pub fn of(years: &[YearAmounts], lang: Lang) -> Self {
        YearRowsDraft {
            rows: years
                .iter()
                .map(|(year, amounts)| YearRowDraft {
                    year: year.to_string(),
                    amounts: amounts
                        .iter()
                        .map(|cents| format::euros_for_input(*cents, lang))
                        .collect(),
                })
                .collect(),
        }
    }

    /// A row for the year after the last one (or `this_year` in an empty
    /// table), its amounts empty.
    pub fn with_year_added(&self, columns: usize, this_year: i32) -> Self {
        let last = self
            .rows
            .iter()
            .filter_map(|row| row.year.trim().parse::<i32>().ok())
            .max();
        let mut rows = self.rows.clone();
        rows.push(YearRowDraft {
            year: last.map_or(this_year, |year| year + 1).to_string(),
            amounts: vec![String::new(); columns],
        });
        YearRowsDraft { rows }
    }

    pub fn without_row(&self, index: usize) -> Self {
        let mut rows = self.rows.clone();
        if index < rows.len() {
            rows.remove(index);
        }
        YearRowsDraft { rows }
    }

    /// Each row as a year and amounts in cents (an empty amount is 0), or
    /// every problem found, named as the API names them.
    pub fn read(&self, fields: &[&'static str]) -> Result<Vec<YearAmounts>, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut years = Vec::new();
        for (index, row) in self.rows.iter().enumerate() {
            let year = match row.year.trim().parse::<i32>() {
                Ok(year) if YEARS.contains(&year) => year,
                Ok(_) => {
                    problems.push(FieldError::new(
                        format!("years.{index}.year"),
                        "out_of_range",
                        "year",
                    ));
                    0
                }
                Err(_) => {
                    problems.push(FieldError::new(
                        format!("years.{index}.year"),
                        "invalid_year",
                        "year",
                    ));
                    0
                }
            };
            let mut amounts = Vec::new();
            for (field, text) in fields.iter().zip(&row.amounts) {
                let cents = if text.trim().is_empty() {
                    Ok(0)
                } else {
                    format::parse_euros(text)
                };
                match cents {
                    Ok(cents) => amounts.push(cents),
                    Err(problem) => problems.push(FieldError::new(
                        format!("years.{index}.{field}"),
                        problem.code(),
                        "amount",
                    )),
                }
            }
            years.push((year, amounts));
        }
        without_problems(years, problems)
    }
}

/// The input id of `field` (`year` or an amount's) in row `index`.
pub fn input_id(prefix: &str, index: usize, field: &str) -> String {
    format!("{prefix}-{index}-{field}")
}

/// For [`crate::hooks::use_submit`]: each API field of the table and the
/// input that holds it, in reading order.
pub fn form_fields(prefix: &str, rows: usize, fields: &[&'static str]) -> Vec<(String, String)> {
    (0..rows)
        .flat_map(|index| {
            std::iter::once("year")
                .chain(fields.iter().copied())
                .map(move |field| {
                    (
                        format!("years.{index}.{field}"),
                        input_id(prefix, index, field),
                    )
                })
        })
        .collect()
}

/// The editable table of a [`YearRowsDraft`], with its add and remove
/// buttons; the form around it, with its submit button, is the caller's.
pub struct YearTable<'a> {
    /// Prefix of the inputs' ids, also the table's `data-testid`.
    pub id: &'a str,
    pub caption: String,
    pub columns: &'a [AmountColumn],
    pub draft: &'a DraftHandle<YearRowsDraft>,
    pub submit: &'a Submit,
    pub texts: &'static Texts,
}

impl YearTable<'_> {
    pub fn view(self) -> Html {
        let YearTable {
            id,
            caption,
            columns,
            draft,
            submit,
            texts,
        } = self;
        let count = columns.len();
        let on_add = {
            let draft = draft.clone();
            let this_year = chrono::Datelike::year(&crate::dom::today());
            Callback::from(move |_: MouseEvent| {
                edit(&draft, move |d| *d = d.with_year_added(count, this_year));
            })
        };
        let cell = |index: usize,
                    field: &'static str,
                    label: String,
                    value: String,
                    mode: &'static str,
                    set: Callback<String>| {
            let is_year = field == "year";
            let input = input_id(id, index, field);
            let error = submit.error_for(&format!("years.{index}.{field}"));
            let error_id = format!("{input}-error");
            let oninput = Callback::from(move |event: InputEvent| {
                let target: HtmlInputElement = event.target_unchecked_into();
                set.emit(target.value());
            });
            html! {
                <td class={classes!((!is_year).then_some("number"), error.is_some().then_some("cell--invalid"))}>
                    <label class="visually-hidden" for={input.clone()}>{ label }</label>
                    <input
                        id={input.clone()}
                        class={classes!("cell-input", is_year.then_some("cell-input--short"))}
                        inputmode={mode}
                        autocomplete="off"
                        {value}
                        aria-invalid={error.is_some().then_some("true")}
                        aria-describedby={error.is_some().then(|| error_id.clone())}
                        {oninput}
                    />
                    if let Some(error) = error {
                        <p id={error_id} class="field-error">{ error }</p>
                    }
                </td>
            }
        };
        html! {
            <>
                <div class="table-wrap">
                    <table class="table table--compact year-table" data-testid={id.to_owned()}>
                        <caption class="visually-hidden">{ caption }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ texts.year }</th>
                                { for columns.iter().map(|column| html! {
                                    <th scope="col" class="number">{ column.label }</th>
                                }) }
                                <th scope="col"><span class="visually-hidden">{ texts.column_actions }</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            { for draft.0.rows.iter().enumerate().map(|(index, row)| {
                                let year_label = if row.year.trim().is_empty() {
                                    (texts.year_of_row)(index + 1)
                                } else {
                                    row.year.clone()
                                };
                                let set_year = {
                                    let draft = draft.clone();
                                    Callback::from(move |value: String| edit(&draft, move |d| {
                                        if let Some(row) = d.rows.get_mut(index) {
                                            row.year = value;
                                        }
                                    }))
                                };
                                let on_remove = {
                                    let draft = draft.clone();
                                    Callback::from(move |_: MouseEvent| edit(&draft, move |d| *d = d.without_row(index)))
                                };
                                html! {
                                    <tr key={index}>
                                        { cell(index, "year", (texts.year_of_row)(index + 1), row.year.clone(), "numeric", set_year) }
                                        { for columns.iter().enumerate().map(|(column, AmountColumn { field, label })| {
                                            let set = {
                                                let draft = draft.clone();
                                                Callback::from(move |value: String| edit(&draft, move |d| {
                                                    if let Some(amount) = d.rows.get_mut(index).and_then(|row| row.amounts.get_mut(column)) {
                                                        *amount = value;
                                                    }
                                                }))
                                            };
                                            let value = row.amounts.get(column).cloned().unwrap_or_default();
                                            cell(index, field, format!("{label} {year_label}"), value, "decimal", set)
                                        }) }
                                        <td>
                                            <button type="button" class="button button--link" onclick={on_remove}>
                                                { texts.remove }
                                                <span class="visually-hidden">{ " " }{ year_label.clone() }</span>
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                <p>
                    <button type="button" class="button button--secondary button--small"
                            data-testid={format!("{id}-add-year")} onclick={on_add}>
                        { texts.add_year }
                    </button>
                </p>
            </>
        }
    }
}

/// The saved years, read-only, for those who cannot change them.
pub fn year_amounts_table(
    texts: &Texts,
    lang: Lang,
    id: &str,
    caption: String,
    columns: &[AmountColumn],
    years: &[YearAmounts],
) -> Html {
    html! {
        <div class="table-wrap">
            <table class="table table--compact" data-testid={id.to_owned()}>
                <caption class="visually-hidden">{ caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ texts.year }</th>
                        { for columns.iter().map(|column| html! {
                            <th scope="col" class="number">{ column.label }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for years.iter().map(|(year, amounts)| html! {
                        <tr>
                            <th scope="row">{ *year }</th>
                            { for amounts.iter().map(|cents| html! {
                                <td class="number">{ format::euros(*cents, lang) }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: [&str; 2] = ["planned_cents", "paid_cents"];

    fn codes(problems: &[FieldError]) -> Vec<(&str, &str)> {
        problems
            .iter()
            .map(|p| (p.field.as_str(), p.code.as_str()))
            .collect()
    }

    #[test]
    fn saved_years_round_trip_through_the_table() {
        let years = vec![(2024, vec![1_500_000_50, 0]), (2025, vec![300_00, 300_00])];
        let draft = YearRowsDraft::of(&years, Lang::Fr);
        assert_eq!(draft.rows[0].year, "2024");
        assert_eq!(draft.rows[0].amounts, ["1 500 000,50", "0"]);
        assert_eq!(draft.read(&FIELDS), Ok(years));
    }

    #[test]
    fn a_year_is_added_after_the_last_and_removed_by_position() {
        let draft = YearRowsDraft::of(&[(2024, vec![1, 2])], Lang::Fr);
        let added = draft.with_year_added(2, 2031);
        assert_eq!(added.rows[1].year, "2025");
        assert_eq!(added.rows[1].amounts, ["", ""]);
        assert_eq!(
            YearRowsDraft::default().with_year_added(1, 2031).rows[0].year,
            "2031"
        );
        assert_eq!(added.without_row(0).rows[0].year, "2025");
        assert_eq!(added.without_row(9), added);
    }

    #[test]
    fn every_problem_is_named_as_the_api_names_it() {
        let draft = YearRowsDraft {
            rows: vec![
                YearRowDraft {
                    year: "20x4".into(),
                    amounts: vec!["1 000".into(), "".into()],
                },
                YearRowDraft {
                    year: "1800".into(),
                    amounts: vec!["douze".into(), "-4".into()],
                },
            ],
        };
        assert_eq!(
            codes(&draft.read(&FIELDS).unwrap_err()),
            [
                ("years.0.year", "invalid_year"),
                ("years.1.year", "out_of_range"),
                ("years.1.planned_cents", "invalid_amount"),
                ("years.1.paid_cents", "negative"),
            ]
        );
    }

    #[test]
    fn the_inputs_follow_the_rows() {
        assert_eq!(
            form_fields("cp", 2, &["planned_cents"]),
            [
                ("years.0.year".to_owned(), "cp-0-year".to_owned()),
                (
                    "years.0.planned_cents".to_owned(),
                    "cp-0-planned_cents".to_owned()
                ),
                ("years.1.year".to_owned(), "cp-1-year".to_owned()),
                (
                    "years.1.planned_cents".to_owned(),
                    "cp-1-planned_cents".to_owned()
                ),
            ]
        );
    }
}
