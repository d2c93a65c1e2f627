//! How the signed-in person wants to hear of things: e-mail (never, as
//! they come, a daily or a weekly digest), how many days ahead a due date
//! is recalled (a list of thresholds, each once), and which kinds of
//! notification they want at all.

use crate::api;
use crate::components::form_field::{options_of, Alert, ChoiceGroup, Status, SubmitButton};
use crate::components::nav::NavLink;
use crate::components::page_title::PageTitle;
use crate::components::panel::Panel;
use crate::components::row_action::RowAction;
use crate::dom;
use crate::hooks::{edit, replace, use_draft, use_loaded, use_submit};
use crate::i18n::use_lang;
use crate::routes::Route;
use shared::notifications::{
    EmailFrequency, NotificationKind, NotificationPreferences, REMINDER_THRESHOLDS_MAX,
};
use shared::validation::Validate;
use shared::FieldError;
use std::collections::BTreeMap;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The form's values as typed: the thresholds as text, so that a
/// half-typed number stays on screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct PreferencesDraft {
    email: EmailFrequency,
    days: Vec<String>,
    events: BTreeMap<NotificationKind, bool>,
}

impl PreferencesDraft {
    fn from_preferences(preferences: &NotificationPreferences) -> Self {
        PreferencesDraft {
            email: preferences.email,
            days: preferences
                .reminder_days
                .iter()
                .map(u32::to_string)
                .collect(),
            events: NotificationKind::ALL
                .into_iter()
                .map(|kind| (kind, preferences.wants(kind)))
                .collect(),
        }
    }

    fn wants(&self, kind: NotificationKind) -> bool {
        self.events.get(&kind).copied().unwrap_or(true)
    }

    /// The preferences to send, or every problem of the thresholds (a
    /// number that is not one, out of range, twice) by their position.
    fn to_preferences(&self) -> Result<NotificationPreferences, Vec<FieldError>> {
        let mut problems = Vec::new();
        let mut days = Vec::new();
        for (index, text) in self.days.iter().enumerate() {
            match text.trim().parse::<u32>() {
                Ok(value) => days.push(value),
                Err(_) => {
                    problems.push(FieldError::new(
                        format!("reminder_days.{index}"),
                        "invalid_number",
                        "a whole number of days",
                    ));
                    // Keeps the positions of the others for the checks below.
                    days.push(u32::MAX);
                }
            }
        }
        let preferences = NotificationPreferences {
            email: self.email,
            reminder_days: days,
            events: self.events.clone(),
        };
        for problem in preferences.validate() {
            if !problems.iter().any(|known| known.field == problem.field) {
                problems.push(problem);
            }
        }
        if problems.is_empty() {
            Ok(preferences)
        } else {
            problems.sort_by_key(|problem| day_index(&problem.field));
            Err(problems)
        }
    }
}

/// The position of the threshold a problem is about (`reminder_days.2`).
fn day_index(field: &str) -> Option<usize> {
    field
        .strip_prefix("reminder_days.")
        .and_then(|index| index.parse().ok())
}

fn day_input(index: usize) -> String {
    format!("reminder-day-{index}")
}

#[function_component]
pub fn NotificationPreferencesPage() -> Html {
    let texts = use_lang().texts();
    let loaded = use_loaded(
        (),
        |()| async move { api::notifications::preferences().await },
    );
    let draft = use_draft(PreferencesDraft::default);
    // The API's field names and the inputs holding them, in the form's
    // order; the thresholds' inputs come and go with the list.
    let mut fields = vec![("email".to_owned(), "email-frequency-0".to_owned())];
    fields.push(("reminder_days".to_owned(), "add-reminder-day".to_owned()));
    for index in 0..draft.0.days.len() {
        fields.insert(
            fields.len() - 1,
            (format!("reminder_days.{index}"), day_input(index)),
        );
    }
    fields.push(("events".to_owned(), "notification-events-0".to_owned()));
    let submit = use_submit(fields);

    {
        let draft = draft.clone();
        let version = loaded.value().cloned();
        use_effect_with(version, move |version| {
            if let Some(preferences) = version {
                replace(&draft, PreferencesDraft::from_preferences(preferences));
            }
        });
    }

    let onsubmit = {
        let (draft, loaded) = (draft.clone(), loaded.clone());
        submit.on_submit(move |submit| {
            let Some(preferences) = submit.checked(draft.0.to_preferences()) else {
                return;
            };
            let loaded = loaded.clone();
            submit.run(
                async move { api::notifications::save_preferences(&preferences).await },
                move |saved| {
                    loaded.set_status(Some(texts.preferences_saved.into()));
                    loaded.set(saved);
                },
            );
        })
    };

    let on_email = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            if let (true, Ok(email)) = (checked, value.parse::<EmailFrequency>()) {
                edit(&draft, move |d| d.email = email);
            }
        })
    };
    let on_event = {
        let draft = draft.clone();
        Callback::from(move |(value, checked): (String, bool)| {
            if let Ok(kind) = value.parse::<NotificationKind>() {
                edit(&draft, move |d| {
                    d.events.insert(kind, checked);
                });
            }
        })
    };
    let on_add = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let index = draft.0.days.len();
            if index >= REMINDER_THRESHOLDS_MAX {
                return;
            }
            edit(&draft, |d| d.days.push(String::new()));
            dom::focus_later(&format!("#{}", day_input(index)));
        })
    };

    let email_options = options_of(
        EmailFrequency::ALL,
        EmailFrequency::as_str,
        texts.email_frequency_name,
    );
    let event_options = options_of(
        NotificationKind::ALL,
        NotificationKind::as_str,
        texts.notification_kind_name,
    );
    let wanted: Vec<AttrValue> = NotificationKind::ALL
        .into_iter()
        .filter(|kind| draft.0.wants(*kind))
        .map(|kind| AttrValue::Static(kind.as_str()))
        .collect();
    let days = &draft.0.days;
    let full = days.len() >= REMINDER_THRESHOLDS_MAX;

    let form = if loaded.value().is_none() {
        if loaded.error().is_some() {
            html! {}
        } else {
            html! { <p class="loading" role="status">{ texts.loading }</p> }
        }
    } else {
        html! {
            <form class="form" novalidate=true data-testid="notification-preferences-form" {onsubmit}>
                <ChoiceGroup
                    id="email-frequency"
                    legend={texts.email_frequency_legend}
                    hint={texts.email_frequency_hint}
                    options={email_options}
                    selected={vec![AttrValue::Static(draft.0.email.as_str())]}
                    onchange={on_email}
                    required=true
                    error={submit.error_for("email")}
                />
                <fieldset class="field choice-group" aria-describedby="reminder-days-hint">
                    <legend>{ texts.reminder_days_legend }</legend>
                    <p id="reminder-days-hint" class="field-hint">{ texts.reminder_days_hint }</p>
                    if days.is_empty() {
                        <p class="notice" data-testid="no-reminder-days">{ texts.no_reminder_days }</p>
                    }
                    <ul class="reminder-days" data-testid="reminder-days">
                        { for days.iter().enumerate().map(|(index, value)| {
                            let id = day_input(index);
                            let error = submit.error_for(&format!("reminder_days.{index}"));
                            let oninput = {
                                let draft = draft.clone();
                                Callback::from(move |event: InputEvent| {
                                    let input: HtmlInputElement = event.target_unchecked_into();
                                    let value = input.value();
                                    edit(&draft, move |d| {
                                        if let Some(day) = d.days.get_mut(index) {
                                            *day = value;
                                        }
                                    });
                                })
                            };
                            let on_remove = {
                                let (draft, submit) = (draft.clone(), submit.clone());
                                Callback::from(move |_: MouseEvent| {
                                    edit(&draft, move |d| {
                                        if index < d.days.len() {
                                            d.days.remove(index);
                                        }
                                    });
                                    // The messages were by position, which just changed.
                                    submit.set_field_errors(Vec::new());
                                    dom::focus_later("#add-reminder-day");
                                })
                            };
                            let invalid = error.is_some();
                            html! {
                                <li class={classes!("reminder-day", invalid.then_some("field--invalid"))}>
                                    <label for={id.clone()}>{ (texts.reminder_day_label)(index + 1) }</label>
                                    if let Some(error) = &error {
                                        <p id={format!("{id}-error")} class="field-error">{ error.clone() }</p>
                                    }
                                    <span class="reminder-day__input">
                                        <input
                                            id={id.clone()}
                                            name={id.clone()}
                                            type="text"
                                            inputmode="numeric"
                                            size="4"
                                            value={value.clone()}
                                            aria-invalid={invalid.then_some("true")}
                                            aria-describedby={invalid.then(|| format!("{id}-error"))}
                                            {oninput}
                                        />
                                        <span>{ texts.days_before }</span>
                                    </span>
                                    <RowAction label={texts.remove}
                                               object={html! { <span class="visually-hidden">{ " " }{ (texts.reminder_day_label)(index + 1) }</span> }}
                                               onclick={on_remove} testid={format!("remove-reminder-day-{index}")} />
                                </li>
                            }
                        }) }
                    </ul>
                    <button type="button" id="add-reminder-day" class="button button--secondary button--small reminder-days__add"
                            data-testid="add-reminder-day" aria-disabled={full.then_some("true")} onclick={on_add}>
                        { texts.add_reminder_day }
                    </button>
                    if let Some(error) = submit.error_for("reminder_days") {
                        <p class="field-error">{ error }</p>
                    }
                </fieldset>
                <ChoiceGroup
                    id="notification-events"
                    legend={texts.notification_events_legend}
                    hint={texts.notification_events_hint}
                    options={event_options}
                    selected={wanted}
                    onchange={on_event}
                    multiple=true
                    error={submit.error_for("events")}
                />
                <div class="form__actions">
                    <SubmitButton label={texts.save_preferences} busy={submit.busy()} busy_label={texts.saving}
                                  testid="save-preferences" />
                </div>
            </form>
        }
    };

    // Once the form is there, only its own refusals are news.
    let alert = submit.summary().or_else(|| {
        loaded
            .value()
            .is_none()
            .then(|| loaded.error_message(texts))
            .flatten()
    });
    html! {
        <>
            <PageTitle text={texts.notification_preferences_title} />
            <p><NavLink to={Route::Notifications}>{ texts.back_to_notifications }</NavLink></p>
            <Panel heading_id="preferences-heading" heading={texts.notification_preferences_heading}>
                <Status message={loaded.status()} />
                <Alert id="preferences-error" message={alert} />
                { form }
            </Panel>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(days: &[&str]) -> PreferencesDraft {
        PreferencesDraft {
            days: days.iter().map(|d| d.to_string()).collect(),
            ..PreferencesDraft::from_preferences(&NotificationPreferences::default())
        }
    }

    #[test]
    fn the_form_reads_back_what_it_was_filled_with() {
        let mut preferences = NotificationPreferences::default().complete();
        preferences.email = EmailFrequency::Weekly;
        preferences.events.insert(NotificationKind::Mention, false);
        let read = PreferencesDraft::from_preferences(&preferences)
            .to_preferences()
            .unwrap();
        assert_eq!(read, preferences);
        assert!(!read.wants(NotificationKind::Mention));
    }

    #[test]
    fn thresholds_are_checked_by_position() {
        let problems = draft(&["30", "sept", "30", "400"])
            .to_preferences()
            .unwrap_err();
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.field.as_str(), p.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("reminder_days.1", "invalid_number"),
                ("reminder_days.2", "duplicate"),
                ("reminder_days.3", "out_of_range"),
            ]
        );
        assert_eq!(
            draft(&[" 14 ", "1"])
                .to_preferences()
                .unwrap()
                .reminder_days,
            [14, 1]
        );
        assert!(draft(&[])
            .to_preferences()
            .unwrap()
            .reminder_days
            .is_empty());
    }
}
