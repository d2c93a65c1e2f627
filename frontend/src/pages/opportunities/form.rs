//! Creating and editing a funding opportunity. The record's own rules
//! (rates between 0 and 100 and in order, the deadline after the opening,
//! INSEE codes) are checked here as on the server; the axes against the
//! settings and the funder against the directory are the server's. An
//! edit replaces the record whole, with the version it was read at.

use crate::api;
use crate::components::actor_picker::{ActorPicker, PickedActor};
use crate::components::form_field::{
    date_field, options_of, Alert, CancelButton, ChoiceGroup, ConflictAlert, DraftFields,
    SelectField, SubmitButton, TextAreaField, TextField,
};
use crate::format;
use crate::hooks::{edit, replace, use_axes, use_draft, use_submit};
use crate::i18n::use_lang;
use shared::ids::OpportunityId;
use shared::lifecycle::Phase;
use shared::opportunities::{AidType, FundingOpportunity, NewFundingOpportunity, Recurrence};
use shared::FieldError;
use yew::prelude::*;

const FIELDS: [(&str, &str); 16] = [
    ("name", "opportunity-name"),
    ("funder_name", "opportunity-funder-name"),
    ("funder_id", "opportunity-funder"),
    ("scheme", "opportunity-scheme"),
    ("aid_types", "opportunity-aid-types-0"),
    ("axes", "opportunity-axes-0"),
    ("phases", "opportunity-phases-0"),
    ("perimeter", "opportunity-perimeter"),
    ("subsidy_rate_min", "opportunity-rate-min"),
    ("subsidy_rate_max", "opportunity-rate-max"),
    ("opens_on", "opportunity-opens-on"),
    ("predeposit_date", "opportunity-predeposit"),
    ("submission_deadline", "opportunity-deadline"),
    ("recurrence", "opportunity-recurrence"),
    ("url", "opportunity-url"),
    ("description", "opportunity-description"),
];

fn input(field: &str) -> AttrValue {
    let id = FIELDS
        .iter()
        .find(|(name, _)| *name == field)
        .map_or("opportunity-name", |(_, id)| *id);
    AttrValue::Static(id)
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct OpportunityDraft {
    name: String,
    funder: Option<PickedActor>,
    funder_name: String,
    scheme: String,
    aid_types: Vec<AidType>,
    axes: Vec<String>,
    phases: Vec<Phase>,
    perimeter: String,
    rate_min: String,
    rate_max: String,
    opens_on: String,
    predeposit_date: String,
    submission_deadline: String,
    recurrence: Recurrence,
    url: String,
    description: String,
}

fn some(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|text| !text.is_empty())
}

/// A percentage typed as digits; blank is none.
fn rate(field: &str, text: &str, problems: &mut Vec<FieldError>) -> Option<i32> {
    let text = text.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i32>() {
        Ok(rate) => Some(rate),
        Err(_) => {
            problems.push(FieldError::new(
                field,
                "invalid_number",
                "a whole percentage",
            ));
            None
        }
    }
}

/// INSEE codes as typed: separated by commas, semicolons or spaces.
pub fn codes(text: &str) -> Vec<String> {
    text.split([',', ';', ' ', '\n', '\t'])
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect()
}

impl OpportunityDraft {
    fn from_opportunity(opportunity: &FundingOpportunity) -> Self {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let rate = |value: Option<i32>| value.map(|r| r.to_string()).unwrap_or_default();
        OpportunityDraft {
            name: opportunity.name.clone(),
            funder: opportunity.funder_id.map(|id| PickedActor {
                id,
                name: opportunity.funder_name.clone(),
            }),
            funder_name: opportunity.funder_name.clone(),
            scheme: text(&opportunity.scheme),
            aid_types: opportunity.aid_types.clone(),
            axes: opportunity.axes.clone(),
            phases: opportunity.phases.clone(),
            perimeter: opportunity.perimeter.join(", "),
            rate_min: rate(opportunity.subsidy_rate_min),
            rate_max: rate(opportunity.subsidy_rate_max),
            opens_on: format::date_input(opportunity.opens_on),
            predeposit_date: format::date_input(opportunity.predeposit_date),
            submission_deadline: format::date_input(opportunity.submission_deadline),
            recurrence: opportunity.recurrence,
            url: text(&opportunity.url),
            description: text(&opportunity.description),
        }
    }

    /// The record to send, or every problem found (in the form's order).
    fn to_new(&self) -> Result<NewFundingOpportunity, Vec<FieldError>> {
        let mut problems = Vec::new();
        let subsidy_rate_min = rate("subsidy_rate_min", &self.rate_min, &mut problems);
        let subsidy_rate_max = rate("subsidy_rate_max", &self.rate_max, &mut problems);
        let opens_on = date_field("opens_on", &self.opens_on, &mut problems);
        let predeposit_date = date_field("predeposit_date", &self.predeposit_date, &mut problems);
        let submission_deadline = date_field(
            "submission_deadline",
            &self.submission_deadline,
            &mut problems,
        );
        let opportunity = NewFundingOpportunity {
            name: self.name.clone(),
            funder_id: self.funder.as_ref().map(|funder| funder.id),
            funder_name: some(&self.funder_name),
            scheme: some(&self.scheme),
            aid_types: self.aid_types.clone(),
            axes: self.axes.clone(),
            phases: self.phases.clone(),
            perimeter: codes(&self.perimeter),
            subsidy_rate_min,
            subsidy_rate_max,
            opens_on,
            predeposit_date,
            submission_deadline,
            recurrence: self.recurrence,
            url: some(&self.url),
            description: some(&self.description),
        }
        .normalized();
        for problem in opportunity.check() {
            let field = problem
                .field
                .split('.')
                .next()
                .unwrap_or_default()
                .to_owned();
            if !problems
                .iter()
                .any(|known: &FieldError| known.field == field)
            {
                problems.push(problem);
            }
        }
        if problems.is_empty() {
            return Ok(opportunity);
        }
        problems.sort_by_key(|problem| {
            FIELDS
                .iter()
                .position(|(name, _)| problem.field.split('.').next() == Some(name))
        });
        Err(problems)
    }
}

/// A checkbox group's change applied to a list of values.
fn toggled<T: PartialEq>(list: &mut Vec<T>, value: T, checked: bool) {
    let present = list.contains(&value);
    if checked && !present {
        list.push(value);
    } else if !checked && present {
        list.retain(|item| *item != value);
    }
}

#[derive(Properties, PartialEq)]
pub struct OpportunityFormProps {
    /// The opportunity being edited; `None` to create one.
    pub initial: Option<FundingOpportunity>,
    pub on_saved: Callback<FundingOpportunity>,
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
    /// Fetch the latest version after a conflict (editing only).
    #[prop_or_default]
    pub on_reload: Callback<()>,
}

enum Save {
    Create(NewFundingOpportunity),
    Replace {
        id: OpportunityId,
        version: i64,
        opportunity: NewFundingOpportunity,
    },
}

#[function_component]
pub fn OpportunityForm(props: &OpportunityFormProps) -> Html {
    let texts = use_lang().texts();
    let axes = use_axes();
    let initial = props.initial.clone();
    let draft = {
        let initial = initial.clone();
        use_draft(move || {
            initial
                .as_ref()
                .map(OpportunityDraft::from_opportunity)
                .unwrap_or_default()
        })
    };
    let submit = use_submit(&FIELDS);
    let conflict = use_state(|| false);

    {
        let (draft, conflict, submit) = (draft.clone(), conflict.clone(), submit.clone());
        use_effect_with(initial.as_ref().map(|o| o.version), move |_| {
            if let Some(opportunity) = &initial {
                replace(&draft, OpportunityDraft::from_opportunity(opportunity));
            }
            conflict.set(false);
            submit.clear();
        });
    }

    let onsubmit = {
        let (draft, conflict) = (draft.clone(), conflict.clone());
        let (initial, on_saved) = (props.initial.clone(), props.on_saved.clone());
        submit.on_submit(move |submit| {
            if *conflict {
                return;
            }
            let checked = draft.0.to_new().map(|opportunity| match &initial {
                None => Save::Create(opportunity),
                Some(current) => Save::Replace {
                    id: current.id,
                    version: current.version,
                    opportunity,
                },
            });
            let Some(request) = submit.checked(checked) else {
                return;
            };
            let (conflict, on_saved) = (conflict.clone(), on_saved.clone());
            submit.run_or_else(
                async move {
                    match request {
                        Save::Create(new) => api::opportunities::create(&new).await,
                        Save::Replace {
                            id,
                            version,
                            opportunity,
                        } => api::opportunities::update(id, version, &opportunity).await,
                    }
                },
                move |saved| on_saved.emit(saved),
                move |submit, error| {
                    if !submit.conflicted(&error, &conflict) {
                        // An import matches opportunities on their page: one
                        // page, one opportunity.
                        submit.refused_unique(&error, "url");
                    }
                },
            );
        })
    };

    let on_reload = props.on_reload.reform(|_: MouseEvent| ());
    let on_cancel = props
        .on_cancel
        .as_ref()
        .map(|on_cancel| on_cancel.reform(|_: MouseEvent| ()));
    let on_funder = {
        let draft = draft.clone();
        Callback::from(move |picked: Option<PickedActor>| {
            edit(&draft, move |d| {
                // The directory's name, unless one was typed.
                if let Some(funder) = &picked {
                    if d.funder_name.trim().is_empty() {
                        d.funder_name = funder.name.clone();
                    }
                }
                d.funder = picked;
            })
        })
    };
    let on_aid_type = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            if let Ok(kind) = value.parse::<AidType>() {
                edit(&draft, move |d| toggled(&mut d.aid_types, kind, checked));
            }
        })
    };
    let on_axis = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            edit(&draft, move |d| toggled(&mut d.axes, value, checked));
        })
    };
    let on_phase = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            if let Ok(phase) = value.parse::<Phase>() {
                edit(&draft, move |d| toggled(&mut d.phases, phase, checked));
            }
        })
    };
    let on_recurrence = {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            if let Ok(recurrence) = value.parse() {
                edit(&draft, move |d| d.recurrence = recurrence);
            }
        })
    };

    let aid_options = options_of(AidType::ALL, AidType::as_str, texts.aid_type_name);
    let axis_options: Vec<(AttrValue, AttrValue)> = axes
        .iter()
        .map(|axis| (AttrValue::from(axis.clone()), AttrValue::from(axis.clone())))
        .collect();
    // A closed or abandoned project applies for nothing.
    let phase_options = options_of(
        Phase::ALL.into_iter().filter(|phase| !phase.is_terminal()),
        Phase::as_str,
        texts.phase_name,
    );
    let recurrence_options = options_of(Recurrence::ALL, Recurrence::as_str, texts.recurrence_name);
    let values = &draft.0;
    let selected = |items: Vec<&'static str>| -> Vec<AttrValue> {
        items.into_iter().map(AttrValue::Static).collect()
    };
    let creating = props.initial.is_none();

    let fields = DraftFields::new(&draft, &submit);
    html! {
        <>
            <ConflictAlert conflict={*conflict} message={texts.opportunity_conflict} {on_reload}
                           button_id="reload-opportunity" focus=true />
            <Alert id="opportunity-form-error" message={submit.summary()} />
            <form class="form form--grid" novalidate=true data-testid="opportunity-form" {onsubmit}>
                <TextField
                    required=true
                    ..fields.text(input("name"), texts.opportunity_name, "name", |d| &d.name, |d, v| d.name = v)
                />
                <TextField
                    hint={texts.opportunity_funder_name_hint}
                    ..fields.text(input("funder_name"), texts.opportunity_funder_name, "funder_name", |d| &d.funder_name, |d, v| d.funder_name = v)
                />
                <ActorPicker
                    id={input("funder_id")}
                    label={texts.opportunity_funder_actor}
                    selected={values.funder.clone()}
                    on_select={on_funder}
                    error={submit.error_for("funder_id")}
                />
                <TextField
                    hint={texts.opportunity_scheme_hint}
                    ..fields.text(input("scheme"), texts.opportunity_scheme, "scheme", |d| &d.scheme, |d, v| d.scheme = v)
                />
                <ChoiceGroup
                    id="opportunity-aid-types"
                    legend={texts.aid_types_legend}
                    options={aid_options}
                    selected={selected(values.aid_types.iter().map(|kind| kind.as_str()).collect())}
                    onchange={on_aid_type}
                    multiple=true
                    error={submit.error_for("aid_types")}
                />
                <ChoiceGroup
                    id="opportunity-axes"
                    legend={texts.opportunity_axes_legend}
                    hint={texts.opportunity_axes_hint}
                    options={axis_options}
                    selected={values.axes.iter().cloned().map(AttrValue::from).collect::<Vec<_>>()}
                    onchange={on_axis}
                    multiple=true
                    error={submit.error_for("axes")}
                />
                <ChoiceGroup
                    id="opportunity-phases"
                    legend={texts.opportunity_phases_legend}
                    hint={texts.opportunity_phases_hint}
                    options={phase_options}
                    selected={selected(values.phases.iter().map(|phase| phase.as_str()).collect())}
                    onchange={on_phase}
                    multiple=true
                    error={submit.error_for("phases")}
                />
                <TextField
                    hint={texts.opportunity_perimeter_hint}
                    autocomplete="off"
                    ..fields.text(input("perimeter"), texts.opportunity_perimeter, "perimeter", |d| &d.perimeter, |d, v| d.perimeter = v)
                />
                <TextField
                    inputmode="numeric"
                    ..fields.text(input("subsidy_rate_min"), texts.subsidy_rate_min, "subsidy_rate_min", |d| &d.rate_min, |d, v| d.rate_min = v)
                />
                <TextField
                    inputmode="numeric"
                    ..fields.text(input("subsidy_rate_max"), texts.subsidy_rate_max, "subsidy_rate_max", |d| &d.rate_max, |d, v| d.rate_max = v)
                />
                <TextField
                    input_type="date"
                    ..fields.text(input("opens_on"), texts.opens_on_label, "opens_on", |d| &d.opens_on, |d, v| d.opens_on = v)
                />
                <TextField
                    input_type="date"
                    ..fields.text(input("predeposit_date"), texts.predeposit_date_label, "predeposit_date", |d| &d.predeposit_date, |d, v| d.predeposit_date = v)
                />
                <TextField
                    input_type="date"
                    ..fields.text(input("submission_deadline"), texts.submission_deadline_label, "submission_deadline", |d| &d.submission_deadline, |d, v| d.submission_deadline = v)
                />
                <SelectField
                    id={input("recurrence")}
                    label={texts.recurrence_label}
                    options={recurrence_options}
                    value={values.recurrence.as_str()}
                    onchange={on_recurrence}
                    error={submit.error_for("recurrence")}
                />
                <TextField
                    input_type="url"
                    hint={texts.opportunity_url_hint}
                    ..fields.text(input("url"), texts.opportunity_url, "url", |d| &d.url, |d, v| d.url = v)
                />
                <TextAreaField
                    ..fields.area(input("description"), texts.opportunity_description, "description", |d| &d.description, |d, v| d.description = v)
                />
                <div class="form__actions">
                    <SubmitButton label={if creating { texts.create_opportunity } else { texts.save_changes }}
                                  busy={submit.busy()} busy_label={texts.saving} blocked={*conflict}
                                  testid="save-opportunity" />
                    if let Some(on_cancel) = on_cancel {
                        <CancelButton onclick={on_cancel} />
                    }
                </div>
            </form>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn filled() -> OpportunityDraft {
        OpportunityDraft {
            name: " Fonds vert ".into(),
            funder_name: "État".into(),
            axes: vec!["Innovation".into()],
            perimeter: "26, 26281 ; region:84".into(),
            rate_min: "20".into(),
            rate_max: "40 %".into(),
            submission_deadline: "2026-09-30".into(),
            ..OpportunityDraft::default()
        }
    }

    #[test]
    fn a_filled_form_reads_as_the_record() {
        let new = filled().to_new().unwrap();
        assert_eq!(new.name, "Fonds vert");
        assert_eq!(new.perimeter, ["26", "26281", "region:84"]);
        assert_eq!(
            (new.subsidy_rate_min, new.subsidy_rate_max),
            (Some(20), Some(40))
        );
        assert_eq!(
            new.submission_deadline,
            NaiveDate::from_ymd_opt(2026, 9, 30)
        );
        assert_eq!(new.url, None);
    }

    #[test]
    fn every_problem_is_reported_in_the_forms_order() {
        let bad = OpportunityDraft {
            name: String::new(),
            funder_name: String::new(),
            perimeter: "26, 999999".into(),
            rate_min: "50".into(),
            rate_max: "beaucoup".into(),
            opens_on: "2026-10-01".into(),
            ..filled()
        };
        let fields: Vec<String> = bad
            .to_new()
            .unwrap_err()
            .into_iter()
            .map(|problem| format!("{}:{}", problem.field, problem.code))
            .collect();
        assert_eq!(
            fields,
            [
                "name:required",
                "funder_name:required",
                "perimeter.1:invalid_code",
                "subsidy_rate_max:invalid_number",
                "submission_deadline:before_opening",
            ]
        );
    }

    #[test]
    fn reversed_rates_are_refused() {
        let reversed = OpportunityDraft {
            rate_min: "60".into(),
            rate_max: "40".into(),
            ..filled()
        };
        let problems = reversed.to_new().unwrap_err();
        assert_eq!(problems[0].field, "subsidy_rate_max");
        assert_eq!(problems[0].code, "below_minimum");
    }

    #[test]
    fn checkbox_lists_follow_their_boxes() {
        let mut list = vec![AidType::Grant];
        toggled(&mut list, AidType::Loan, true);
        toggled(&mut list, AidType::Loan, true);
        toggled(&mut list, AidType::Grant, false);
        assert_eq!(list, [AidType::Loan]);
    }
}
