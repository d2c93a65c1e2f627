//! One impact indicator: where it stands against the straight path to its
//! target, its chart, its measurements and their entry, and its definition.

mod chart;
mod form;

pub use form::IndicatorForm;

use crate::actions::confirm_then;
use crate::api::{self, ApiError};
use crate::components::form_field::{
    required_date_field, without_problems, Alert, Status, SubmitButton, TextAreaField, TextField,
};
use crate::components::layout::fact;
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::panel::Panel;
use crate::components::table::Table;
use crate::dom;
use crate::format;
use crate::hooks::{replace, setter, use_draft, use_submit};
use crate::i18n::LangTexts;
use crate::i18n::{use_lang, Lang, Texts};
use crate::routes::Route;
use crate::session::{use_can_edit, use_is_partner};
pub use chart::IndicatorChart;
use chrono::NaiveDate;
use shared::ids::{IndicatorId, ProjectId};
use shared::indicators::{Indicator, IndicatorStatus, Measurement, NewMeasurement};
use shared::projects::Project;
use shared::validation::long_text;
use shared::{ErrorCode, FieldError};
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

/// Progress in percent with one decimal, or a dash before any measurement.
pub fn progress_text(progress: Option<f64>, lang: Lang) -> String {
    progress
        .map(|p| format!("{}\u{a0}%", format::one_decimal(p, lang)))
        .unwrap_or_else(|| "—".to_owned())
}

/// The status in words with an icon, the colour only repeating them.
pub fn status_tag(texts: &Texts, status: Option<IndicatorStatus>) -> Html {
    let (class, icon) = match status {
        Some(IndicatorStatus::OnTrack) => ("tag tag--done", "✓ "),
        Some(IndicatorStatus::AtRisk) => ("tag tag--risk", "! "),
        Some(IndicatorStatus::OffTrack) => ("tag tag--overdue", "⚠ "),
        None => ("tag", ""),
    };
    html! {
        <span class={class} data-status={status.map(IndicatorStatus::as_str).unwrap_or("none")}>
            if !icon.is_empty() {
                <span aria-hidden="true">{ icon }</span>
            }
            { (texts.indicator_status_name)(status) }
        </span>
    }
}

/// A value of the indicator, as the API wrote it, with the unit.
pub fn value_text(value: &dyn ToString, unit: &str, lang: Lang) -> String {
    format::with_unit(&format::decimal_text(&value.to_string(), lang), unit)
}

const MEASUREMENT_FIELDS: [(&str, &str); 3] = [
    ("date", "measurement-date"),
    ("value", "measurement-value"),
    ("comment", "measurement-comment"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
struct MeasurementDraft {
    date: String,
    value: String,
    comment: String,
}

impl MeasurementDraft {
    fn new(today: NaiveDate) -> Self {
        MeasurementDraft {
            date: format::date_input(Some(today)),
            value: String::new(),
            comment: String::new(),
        }
    }

    fn to_new(
        &self,
        indicator: &Indicator,
        today: NaiveDate,
    ) -> Result<NewMeasurement, Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = required_date_field("date", &self.date, &mut errors);
        let value = format::parse_decimal(&self.value);
        if value.is_none() {
            let code = if self.value.trim().is_empty() {
                "required"
            } else {
                "invalid_number"
            };
            errors.push(FieldError::new("value", code, "not a number"));
        }
        let (Some(date), Some(value)) = (date, value) else {
            return Err(errors);
        };
        let comment = self.comment.trim();
        let measurement = NewMeasurement {
            date,
            value,
            comment: (!comment.is_empty()).then(|| comment.to_owned()),
        };
        errors.extend(measurement.check_date(&indicator.fields, today));
        errors.extend(long_text("comment", measurement.comment.as_deref()));
        without_problems(measurement, errors)
    }
}

#[derive(Properties, PartialEq)]
pub struct IndicatorPageProps {
    pub project_id: ProjectId,
    pub id: IndicatorId,
}

#[function_component]
pub fn IndicatorPage(props: &IndicatorPageProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let can_edit = use_can_edit();
    // Partners record measurements on the projects shared with them; the
    // indicator's definition stays the town's.
    let can_measure = can_edit || use_is_partner();
    let navigator = use_navigator();
    let (project_id, id) = (props.project_id, props.id);
    let indicator = use_state(|| None::<Indicator>);
    let measurements = use_state(Vec::<Measurement>::new);
    let project = use_state(|| None::<Project>);
    let error = use_state(|| None::<ApiError>);
    let reloads = use_state(|| 0_u32);
    let status = use_state(|| None::<AttrValue>);
    let draft = use_draft(|| MeasurementDraft::new(dom::today()));
    let submit = use_submit(&MEASUREMENT_FIELDS);

    {
        let (indicator, measurements, error) =
            (indicator.clone(), measurements.clone(), error.clone());
        use_effect_with((project_id, id, *reloads), move |(project_id, id, _)| {
            let (project_id, id) = (*project_id, *id);
            spawn_local(async move {
                let loaded = api::indicators::get(project_id, id).await;
                let listed = api::indicators::measurements(project_id, id).await;
                match (loaded, listed) {
                    (Ok(loaded), Ok(mut list)) => {
                        list.sort_by_key(|m| (m.date, m.id));
                        indicator.set(Some(loaded));
                        measurements.set(list);
                        error.set(None);
                    }
                    (Err(failure), _) | (_, Err(failure)) => error.set(Some(failure)),
                }
            });
        });
    }
    {
        let project = project.clone();
        use_effect_with(project_id, move |project_id| {
            let project_id = *project_id;
            spawn_local(async move {
                if let Ok(loaded) = api::projects::get(project_id).await {
                    project.set(Some(loaded));
                }
            });
        });
    }

    let back = html! {
        <p class="eyebrow">
            <NavLink to={Route::Project { id: project_id }}>
                { project.as_ref().map(|p| format!("{} — {}", p.reference, p.title)).unwrap_or_else(|| texts.back_to_project.to_owned()) }
            </NavLink>
        </p>
    };
    let Some(current) = (*indicator).clone() else {
        return match &*error {
            Some(failure) => html! {
                <>
                    { back }
                    <PageTitle text={texts.indicators_heading} />
                    <Alert id="indicator-error" message={Some(AttrValue::from(texts.describe(failure)))} />
                </>
            },
            None => html! { <p class="loading" role="status">{ texts.loading }</p> },
        };
    };

    let refresh = {
        let (reloads, status) = (reloads.clone(), status.clone());
        Callback::from(move |message: Option<AttrValue>| {
            status.set(message);
            reloads.set(reloads.wrapping_add(1));
        })
    };
    let onsubmit = {
        let (draft, refresh, current) = (draft.clone(), refresh.clone(), current.clone());
        submit.on_submit(move |submit| {
            let today = dom::today();
            let Some(measurement) = submit.checked(draft.0.to_new(&current, today)) else {
                return;
            };
            let (draft, refresh) = (draft.clone(), refresh.clone());
            submit.run(
                async move { api::indicators::add_measurement(project_id, id, &measurement).await },
                move |added| {
                    replace(&draft, MeasurementDraft::new(today));
                    refresh.emit(Some(
                        (texts.measurement_added)(&format::date(added.date, lang)).into(),
                    ));
                    dom::focus("#measurement-value");
                },
            );
        })
    };
    let remove_measurement = |measurement: &Measurement| {
        let (refresh, error, measurement) = (refresh.clone(), error.clone(), measurement.clone());
        Callback::from(move |_: MouseEvent| {
            let (refresh, error) = (refresh.clone(), error.clone());
            let day = format::date(measurement.date, lang);
            confirm_then(
                &(texts.confirm_delete_measurement)(&day),
                || {
                    api::indicators::delete_measurement(
                        project_id,
                        id,
                        measurement.id,
                        measurement.version,
                    )
                },
                move |outcome| match outcome {
                    Ok(()) => refresh.emit(Some((texts.measurement_deleted)(&day).into())),
                    Err(failure) => {
                        if failure.has_code(ErrorCode::VersionMismatch) {
                            refresh.emit(None);
                        }
                        error.set(Some(failure));
                    }
                },
            );
        })
    };
    let on_saved = {
        let refresh = refresh.clone();
        Callback::from(move |saved: Indicator| {
            refresh.emit(Some((texts.indicator_saved)(&saved.fields.name).into()))
        })
    };
    let on_stale = {
        let refresh = refresh.clone();
        Callback::from(move |()| refresh.emit(None))
    };
    let on_delete = {
        let (current, error, navigator) = (current.clone(), error.clone(), navigator.clone());
        Callback::from(move |_: MouseEvent| {
            let (error, navigator) = (error.clone(), navigator.clone());
            confirm_then(
                &(texts.confirm_delete_indicator)(&current.fields.name),
                || api::indicators::delete(project_id, current.id, current.version),
                move |outcome| match outcome {
                    Ok(()) => {
                        if let Some(navigator) = &navigator {
                            navigator.push(&Route::Project { id: project_id });
                        }
                    }
                    Err(failure) => error.set(Some(failure)),
                },
            );
        })
    };

    let fields = &current.fields;
    let reading = &current.reading;
    let unit = fields.unit.as_str();
    let error_message = error
        .as_ref()
        .map(|failure| AttrValue::from(texts.describe(failure)));

    html! {
        <article class="indicator" data-testid="indicator-page">
            { back }
            <div class="page-heading">
                <PageTitle text={fields.name.clone()} />
                if can_edit {
                    <div class="page-heading__actions">
                        <button type="button" class="button button--danger" onclick={on_delete}>
                            { texts.delete_indicator }
                        </button>
                    </div>
                }
            </div>
            if let Some(description) = &fields.description {
                <p class="lead pre-line">{ description.clone() }</p>
            }
            <dl class="facts" data-testid="indicator-facts">
                { fact(texts.indicator_level, html! { { (texts.indicator_level_name)(fields.level) } }) }
                { fact(texts.indicator_direction, html! { { (texts.direction_name)(fields.direction) } }) }
                { fact(texts.baseline, html! { <>{ value_text(&fields.baseline_value, unit, lang) }{ " — " }{ format::date(fields.baseline_date, lang) }</> }) }
                { fact(texts.target, html! { <>{ value_text(&fields.target_value, unit, lang) }{ " — " }{ format::date(fields.target_date, lang) }</> }) }
                { fact(texts.latest_value, html! {
                    <span data-testid="latest-value">
                        { reading.latest_value.map(|v| value_text(&v, unit, lang)).unwrap_or_else(|| "—".to_owned()) }
                        if let Some(day) = reading.latest_date {
                            { " — " }{ format::date(day, lang) }
                        }
                    </span>
                }) }
                { fact(texts.progress, html! { <span data-testid="indicator-progress">{ progress_text(reading.progress, lang) }</span> }) }
                { fact(texts.expected_progress, html! { { progress_text(reading.expected_progress, lang) } }) }
                { fact(texts.column_status, html! { <span data-testid="indicator-status">{ status_tag(texts, reading.status) }</span> }) }
            </dl>
            <Status message={(*status).clone()} />
            <Alert id="indicator-load-error" message={error_message} />
            <IndicatorChart
                fields={current.fields.clone()}
                measurements={measurements.iter().map(|m| (m.date, m.value)).collect::<Vec<_>>()}
            />
            <Panel id="mesures" heading_id="measurements-heading" heading={texts.measurements_heading}>
                if measurements.is_empty() {
                    <p class="notice">{ texts.no_measurements }</p>
                } else {
                    <Table caption={texts.measurements_heading} testid="measurements" head={html! {
                        <>
                            <th scope="col">{ texts.date }</th>
                            <th scope="col" class="number">{ texts.value }</th>
                            <th scope="col">{ texts.comment }</th>
                            if can_edit {
                                <th scope="col">{ texts.column_actions }</th>
                            }
                        </>
                    }}>
                        { for measurements.iter().rev().map(|m| html! {
                            <tr key={m.id.to_string()}>
                                <th scope="row">{ format::date(m.date, lang) }</th>
                                <td class="number">{ value_text(&m.value, unit, lang) }</td>
                                <td>{ m.comment.clone().unwrap_or_default() }</td>
                                if can_edit {
                                    <td>
                                        <button type="button" class="button button--danger button--small"
                                                onclick={remove_measurement(m)}>
                                            { texts.delete }
                                            <span class="visually-hidden">{ " " }{ format::date(m.date, lang) }</span>
                                        </button>
                                    </td>
                                }
                            </tr>
                        }) }
                    </Table>
                }
                if can_measure {
                    <Panel heading_id="add-measurement-heading" heading={texts.add_measurement} sub=true alert_id="add-measurement-error" alert={submit.summary()}>
                        <form class="form form--grid" novalidate=true data-testid="measurement-form" {onsubmit}>
                            <TextField id="measurement-date" label={texts.date} input_type="date" required=true
                                       value={draft.0.date.clone()} oninput={setter(&draft, |d, v| d.date = v)}
                                       error={submit.error_for("date")} />
                            <TextField id="measurement-value" label={(texts.value_in)(unit)} required=true
                                       inputmode="decimal" hint={texts.decimal_hint}
                                       value={draft.0.value.clone()} oninput={setter(&draft, |d, v| d.value = v)}
                                       error={submit.error_for("value")} />
                            <TextAreaField id="measurement-comment" label={texts.comment_optional} rows={2}
                                           value={draft.0.comment.clone()} oninput={setter(&draft, |d, v| d.comment = v)}
                                           error={submit.error_for("comment")} />
                            <div class="form__actions">
                                <SubmitButton label={texts.add_measurement} busy={submit.busy()} testid="add-measurement" />
                            </div>
                        </form>
                    </Panel>
                }
            </Panel>
            if can_edit {
                <Panel heading_id="edit-indicator-heading" heading={texts.indicator_definition}>
                    <details>
                        <summary>{ texts.edit_indicator }</summary>
                        <IndicatorForm key={current.version.to_string()} {project_id}
                                       indicator={Some(current.clone())} {on_saved} {on_stale} />
                    </details>
                </Panel>
            }
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use shared::indicators::{reading, Direction, IndicatorFields, IndicatorLevel};

    fn indicator() -> Indicator {
        let fields = IndicatorFields {
            name: "Emplois".into(),
            unit: "emplois".into(),
            level: IndicatorLevel::Outcome,
            direction: Direction::Increase,
            description: None,
            baseline_value: "0".parse().unwrap(),
            baseline_date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            target_value: "40".parse().unwrap(),
            target_date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            public: false,
        };
        Indicator {
            id: IndicatorId(1),
            project_id: ProjectId(1),
            reading: reading(&fields, None),
            fields,
            measurements_count: 0,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 1,
        }
    }

    #[test]
    fn a_measurement_is_an_exact_decimal_within_its_dates() {
        let today = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let draft = MeasurementDraft {
            date: "2025-02-01".into(),
            value: "12,50".into(),
            comment: " ".into(),
        };
        let measurement = draft.to_new(&indicator(), today).unwrap();
        assert_eq!(measurement.value.to_string(), "12.50");
        assert_eq!(measurement.comment, None);
        let future = MeasurementDraft {
            date: "2025-04-01".into(),
            ..draft.clone()
        };
        assert_eq!(
            future.to_new(&indicator(), today).unwrap_err()[0].code,
            "in_future"
        );
        let empty = MeasurementDraft {
            value: String::new(),
            ..draft
        };
        assert_eq!(
            empty.to_new(&indicator(), today).unwrap_err()[0].field,
            "value"
        );
    }

    #[test]
    fn progress_reads_in_percent() {
        assert_eq!(progress_text(Some(55.0), Lang::Fr), "55,0\u{a0}%");
        assert_eq!(progress_text(None, Lang::Fr), "—");
    }
}
