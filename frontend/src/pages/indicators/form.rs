//! An indicator's definition: what is measured, in which unit, from which
//! baseline to which target, by when. Used to create one from the project
//! page and to edit one from its own page.

use crate::api;
use crate::components::form_field::{
    options_of, required_date_field, without_problems, Alert, SelectField, SubmitButton,
    TextAreaField, TextField,
};
use crate::format;
use crate::hooks::{edit, replace, setter, use_draft, use_submit};
use crate::i18n::use_lang;
use shared::ids::ProjectId;
use shared::indicators::{Direction, Indicator, IndicatorFields, IndicatorLevel, IndicatorPatch};
use shared::validation::Validate;
use shared::{ErrorCode, FieldError};
use web_sys::HtmlInputElement;
use yew::prelude::*;

pub const LEVELS: [IndicatorLevel; 3] = [
    IndicatorLevel::Output,
    IndicatorLevel::Outcome,
    IndicatorLevel::Impact,
];
pub const DIRECTIONS: [Direction; 2] = [Direction::Increase, Direction::Decrease];

/// API field names and the inputs that hold them, in the form's order.
const FIELDS: [(&str, &str); 10] = [
    ("name", "indicator-name"),
    ("unit", "indicator-unit"),
    ("level", "indicator-level"),
    ("direction", "indicator-direction"),
    ("baseline_value", "indicator-baseline-value"),
    ("baseline_date", "indicator-baseline-date"),
    ("target_value", "indicator-target-value"),
    ("target_date", "indicator-target-date"),
    ("description", "indicator-description"),
    ("public", "indicator-public"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorDraft {
    name: String,
    unit: String,
    level: String,
    direction: String,
    description: String,
    baseline_value: String,
    baseline_date: String,
    target_value: String,
    target_date: String,
    public: bool,
}

impl Default for IndicatorDraft {
    fn default() -> Self {
        IndicatorDraft {
            name: String::new(),
            unit: String::new(),
            level: IndicatorLevel::Outcome.as_str().to_owned(),
            direction: Direction::Increase.as_str().to_owned(),
            description: String::new(),
            baseline_value: String::new(),
            baseline_date: String::new(),
            target_value: String::new(),
            target_date: String::new(),
            public: false,
        }
    }
}

impl IndicatorDraft {
    pub fn of(indicator: &IndicatorFields) -> Self {
        IndicatorDraft {
            name: indicator.name.clone(),
            unit: indicator.unit.clone(),
            level: indicator.level.as_str().to_owned(),
            direction: indicator.direction.as_str().to_owned(),
            description: indicator.description.clone().unwrap_or_default(),
            // Exactly as stored: what is typed back is what was given.
            baseline_value: indicator.baseline_value.to_string(),
            baseline_date: format::date_input(Some(indicator.baseline_date)),
            target_value: indicator.target_value.to_string(),
            target_date: format::date_input(Some(indicator.target_date)),
            public: indicator.public,
        }
    }

    /// The definition, or every problem the server would also refuse.
    pub fn to_fields(&self) -> Result<IndicatorFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut number = |field: &str, text: &str| {
            let value = format::parse_decimal(text);
            if value.is_none() {
                let code = if text.trim().is_empty() {
                    "required"
                } else {
                    "invalid_number"
                };
                errors.push(FieldError::new(field, code, "not a number"));
            }
            value
        };
        let baseline_value = number("baseline_value", &self.baseline_value);
        let target_value = number("target_value", &self.target_value);
        let mut date = |field: &str, text: &str| required_date_field(field, text, &mut errors);
        let baseline_date = date("baseline_date", &self.baseline_date);
        let target_date = date("target_date", &self.target_date);
        let description = self.description.trim();
        let (
            Some(baseline_value),
            Some(target_value),
            Some(baseline_date),
            Some(target_date),
            Ok(level),
            Ok(direction),
        ) = (
            baseline_value,
            target_value,
            baseline_date,
            target_date,
            self.level.parse(),
            self.direction.parse(),
        )
        else {
            return Err(errors);
        };
        let fields = IndicatorFields {
            name: self.name.trim().to_owned(),
            unit: self.unit.trim().to_owned(),
            level,
            direction,
            description: (!description.is_empty()).then(|| description.to_owned()),
            baseline_value,
            baseline_date,
            target_value,
            target_date,
            public: self.public,
        };
        errors.extend(fields.validate());
        without_problems(fields, errors)
    }
}

#[derive(Properties, PartialEq)]
pub struct IndicatorFormProps {
    pub project_id: ProjectId,
    /// `None` to create an indicator.
    #[prop_or_default]
    pub indicator: Option<Indicator>,
    pub on_saved: Callback<Indicator>,
    /// The indicator changed since it was loaded (412): the page reloads it.
    #[prop_or_default]
    pub on_stale: Callback<()>,
}

#[function_component]
pub fn IndicatorForm(props: &IndicatorFormProps) -> Html {
    let texts = use_lang().texts();
    let draft = {
        let indicator = props.indicator.clone();
        use_draft(move || {
            indicator
                .as_ref()
                .map(|indicator| IndicatorDraft::of(&indicator.fields))
                .unwrap_or_default()
        })
    };
    let submit = use_submit(&FIELDS);

    let onsubmit = {
        let draft = draft.clone();
        let (project, indicator, on_saved, on_stale) = (
            props.project_id,
            props.indicator.clone(),
            props.on_saved.clone(),
            props.on_stale.clone(),
        );
        submit.on_submit(move |submit| {
            let Some(fields) = submit.checked(draft.0.to_fields()) else {
                return;
            };
            let (draft, on_saved, on_stale) = (draft.clone(), on_saved.clone(), on_stale.clone());
            let creating = indicator.is_none();
            let current = indicator
                .as_ref()
                .map(|current| (current.id, current.version));
            submit.run_or_else(
                async move {
                    match current {
                        None => api::indicators::create(project, &fields).await,
                        Some((id, version)) => {
                            let changes = IndicatorPatch {
                                name: Some(fields.name),
                                unit: Some(fields.unit),
                                level: Some(fields.level),
                                direction: Some(fields.direction),
                                description: Some(fields.description),
                                baseline_value: Some(fields.baseline_value),
                                baseline_date: Some(fields.baseline_date),
                                target_value: Some(fields.target_value),
                                target_date: Some(fields.target_date),
                                public: Some(fields.public),
                            };
                            api::indicators::update(project, id, version, &changes).await
                        }
                    }
                },
                move |saved| {
                    if creating {
                        replace(&draft, IndicatorDraft::default());
                    }
                    on_saved.emit(saved);
                },
                move |submit, failure| {
                    if failure.has_code(ErrorCode::VersionMismatch) {
                        submit.set_summary(Some(texts.indicator_conflict.into()));
                        on_stale.emit(());
                    } else {
                        submit.refused(&failure);
                    }
                },
            );
        })
    };

    let on_public = {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let checked = input.checked();
            edit(&draft, move |d| d.public = checked);
        })
    };
    let creating = props.indicator.is_none();
    html! {
        <>
            <Alert id="indicator-form-error" message={submit.summary()} />
            <form class="form" novalidate=true data-testid="indicator-form" {onsubmit}>
                <div class="form form--grid">
                    <TextField id="indicator-name" label={texts.indicator_name} required=true
                               value={draft.0.name.clone()} oninput={setter(&draft, |d, v| d.name = v)}
                               error={submit.error_for("name")} />
                    <TextField id="indicator-unit" label={texts.indicator_unit} required=true
                               hint={texts.indicator_unit_hint}
                               value={draft.0.unit.clone()} oninput={setter(&draft, |d, v| d.unit = v)}
                               error={submit.error_for("unit")} />
                    <SelectField id="indicator-level" label={texts.indicator_level}
                                 options={options_of(LEVELS, IndicatorLevel::as_str, texts.indicator_level_name)}
                                 value={draft.0.level.clone()} onchange={setter(&draft, |d, v| d.level = v)}
                                 error={submit.error_for("level")} />
                    <SelectField id="indicator-direction" label={texts.indicator_direction}
                                 options={options_of(DIRECTIONS, Direction::as_str, texts.direction_name)}
                                 value={draft.0.direction.clone()} onchange={setter(&draft, |d, v| d.direction = v)}
                                 error={submit.error_for("direction")} />
                    <TextField id="indicator-baseline-value" label={texts.baseline_value} required=true
                               inputmode="decimal" hint={texts.decimal_hint}
                               value={draft.0.baseline_value.clone()} oninput={setter(&draft, |d, v| d.baseline_value = v)}
                               error={submit.error_for("baseline_value")} />
                    <TextField id="indicator-baseline-date" label={texts.baseline_date} required=true input_type="date"
                               value={draft.0.baseline_date.clone()} oninput={setter(&draft, |d, v| d.baseline_date = v)}
                               error={submit.error_for("baseline_date")} />
                    <TextField id="indicator-target-value" label={texts.target_value} required=true
                               inputmode="decimal" hint={texts.decimal_hint}
                               value={draft.0.target_value.clone()} oninput={setter(&draft, |d, v| d.target_value = v)}
                               error={submit.error_for("target_value")} />
                    <TextField id="indicator-target-date" label={texts.target_date} required=true input_type="date"
                               value={draft.0.target_date.clone()} oninput={setter(&draft, |d, v| d.target_date = v)}
                               error={submit.error_for("target_date")} />
                </div>
                <TextAreaField id="indicator-description" label={texts.description_optional} rows={2}
                               value={draft.0.description.clone()} oninput={setter(&draft, |d, v| d.description = v)}
                               error={submit.error_for("description")} />
                <div class="field choice">
                    <input type="checkbox" id="indicator-public" checked={draft.0.public}
                           onchange={on_public} aria-describedby="indicator-public-hint" />
                    <label for="indicator-public">{ texts.indicator_public }</label>
                    <p class="field-hint" id="indicator-public-hint">{ texts.indicator_public_hint }</p>
                </div>
                <div class="form__actions">
                    <SubmitButton label={if creating { texts.add_indicator } else { texts.save_changes }} busy={submit.busy()} busy_label={texts.saving} testid="save-indicator" />
                </div>
            </form>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> IndicatorDraft {
        IndicatorDraft {
            name: "Emplois créés".into(),
            unit: "emplois".into(),
            baseline_value: "0".into(),
            baseline_date: "2024-01-01".into(),
            target_value: "40,5".into(),
            target_date: "2026-01-01".into(),
            ..IndicatorDraft::default()
        }
    }

    #[test]
    fn values_are_read_as_exact_decimals() {
        let fields = filled().to_fields().unwrap();
        assert_eq!(fields.target_value.to_string(), "40.5");
        assert_eq!(fields.level, IndicatorLevel::Outcome);
        assert!(!fields.public, "private unless ticked");
        let ticked = IndicatorDraft {
            public: true,
            ..filled()
        };
        assert!(ticked.to_fields().unwrap().public);
        assert!(IndicatorDraft::of(&ticked.to_fields().unwrap()).public);
    }

    #[test]
    fn problems_are_listed_by_field() {
        let draft = IndicatorDraft {
            target_value: "beaucoup".into(),
            target_date: String::new(),
            ..filled()
        };
        let fields: Vec<String> = draft
            .to_fields()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["target_value", "target_date"]);
        let backwards = IndicatorDraft {
            target_value: "-1".into(),
            ..filled()
        };
        assert_eq!(
            backwards.to_fields().unwrap_err()[0].code,
            "inconsistent_direction"
        );
    }
}
