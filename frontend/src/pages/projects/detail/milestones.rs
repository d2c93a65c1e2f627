//! Milestones: what must happen by when. Overdue ones are flagged in words
//! and with an icon, not only in colour.

use crate::actions::confirm_then;
use crate::api;
use crate::components::form_field::{
    date_field, without_problems, Alert, DraftFields, Status, SubmitButton, TextField,
};
use crate::components::panel::Panel;
use crate::components::row_action::{hidden_name, RowAction};
use crate::dom;
use crate::format;
use crate::hooks::{replace, use_draft, use_loaded, use_submit};
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use chrono::NaiveDate;
use shared::ids::ProjectId;
use shared::projects::{Milestone, MilestonePatch, NewMilestone};
use shared::validation::Validate;
use shared::{ErrorCode, FieldError};
use yew::platform::spawn_local;
use yew::prelude::*;

const FIELDS: [(&str, &str); 2] = [("title", "milestone-title"), ("due_date", "milestone-due")];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct MilestoneDraft {
    title: String,
    due: String,
}

impl MilestoneDraft {
    fn to_new(&self) -> Result<NewMilestone, Vec<FieldError>> {
        let mut errors = Vec::new();
        let due_date = date_field("due_date", &self.due, &mut errors);
        let milestone = NewMilestone {
            title: self.title.trim().to_owned(),
            due_date,
            done_date: None,
        };
        errors.extend(milestone.validate());
        without_problems(milestone, errors)
    }
}

/// Open milestones first, by due date (undated last), then done ones.
fn ordered(mut milestones: Vec<Milestone>) -> Vec<Milestone> {
    milestones.sort_by_key(|m| {
        (
            m.done_date.is_some(),
            m.due_date.is_none(),
            m.due_date,
            m.id,
        )
    });
    milestones
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Done,
    Overdue,
    Open,
}

fn state(milestone: &Milestone, today: NaiveDate) -> State {
    if milestone.done_date.is_some() {
        State::Done
    } else if milestone.is_overdue(today) {
        State::Overdue
    } else {
        State::Open
    }
}

#[derive(Properties, PartialEq)]
pub struct MilestonesProps {
    pub project_id: ProjectId,
    pub can_edit: bool,
}

#[function_component]
pub fn Milestones(props: &MilestonesProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let id = props.project_id;
    let milestones = use_loaded(id, |id| async move {
        api::projects::milestones(id).await.map(ordered)
    });
    let draft = use_draft(MilestoneDraft::default);
    let submit = use_submit(&FIELDS);

    let onsubmit = {
        let (draft, milestones) = (draft.clone(), milestones.clone());
        submit.on_submit(move |submit| {
            let Some(milestone) = submit.checked(draft.0.to_new()) else {
                return;
            };
            let (draft, milestones) = (draft.clone(), milestones.clone());
            submit.run(
                async move { api::projects::add_milestone(id, &milestone).await },
                move |added| {
                    replace(&draft, MilestoneDraft::default());
                    milestones.refresh(Some((texts.milestone_added)(&added.title).into()));
                    dom::focus("#milestone-title");
                },
            );
        })
    };

    let set_done = |milestone: &Milestone, done: Option<NaiveDate>| {
        let (milestones, milestone) = (milestones.clone(), milestone.clone());
        Callback::from(move |_: MouseEvent| {
            let changes = MilestonePatch {
                done_date: Some(done),
                ..MilestonePatch::default()
            };
            let (milestones, milestone) = (milestones.clone(), milestone.clone());
            spawn_local(async move {
                match api::projects::update_milestone(id, milestone.id, milestone.version, &changes)
                    .await
                {
                    Ok(updated) => {
                        let message = if updated.done_date.is_some() {
                            (texts.milestone_done)(&updated.title)
                        } else {
                            (texts.milestone_reopened)(&updated.title)
                        };
                        milestones.refresh(Some(message.into()));
                    }
                    Err(failure) => {
                        if failure.has_code(ErrorCode::VersionMismatch) {
                            // Show what the other person saved.
                            milestones.refresh(None);
                        }
                        milestones.fail(failure);
                    }
                }
            });
        })
    };
    let remove = |milestone: &Milestone| {
        let (milestones, milestone) = (milestones.clone(), milestone.clone());
        Callback::from(move |_: MouseEvent| {
            let (milestones, title) = (milestones.clone(), milestone.title.clone());
            confirm_then(
                &(texts.confirm_delete_milestone)(&milestone.title),
                || api::projects::delete_milestone(id, milestone.id, milestone.version),
                move |outcome| match outcome {
                    Ok(()) => milestones.refresh(Some((texts.milestone_deleted)(&title).into())),
                    Err(failure) => milestones.fail(failure),
                },
            );
        })
    };

    let today = dom::today();

    let fields = DraftFields::new(&draft, &submit);
    html! {
        <Panel id="jalons" heading_id="milestones-heading" heading={texts.milestones_heading}>
            <Status message={milestones.status()} />
            <Alert id="milestones-error" message={milestones.error_message(texts)} />
            { milestones.view(texts, html! { <p class="notice">{ texts.no_milestones }</p> }, |list| html! {
                <ul class="milestones" data-testid="milestones">
                    { for list.iter().map(|milestone| {
                        let state = state(milestone, today);
                        let for_item = hidden_name(&milestone.title);
                        html! {
                            <li key={milestone.id.to_string()}
                                class={classes!("milestone", match state {
                                    State::Done => "milestone--done",
                                    State::Overdue => "milestone--overdue",
                                    State::Open => "milestone--open",
                                })}
                                data-testid={format!("milestone-{}", milestone.id)}>
                                <div class="milestone__main">
                                    <p class="milestone__title">{ milestone.title.clone() }</p>
                                    <p class="milestone__dates">
                                        { texts.due_on }{ texts.colon }{ format::optional_date(milestone.due_date, lang) }
                                        if let Some(done) = milestone.done_date {
                                            { " — " }{ texts.done_on }{ texts.colon }{ format::date(done, lang) }
                                        }
                                    </p>
                                </div>
                                <p class="milestone__state">
                                    { match state {
                                        State::Done => html! { <span class="tag tag--done"><span aria-hidden="true">{ "✓ " }</span>{ texts.milestone_state_done }</span> },
                                        State::Overdue => html! { <span class="tag tag--overdue"><span aria-hidden="true">{ "⚠ " }</span>{ texts.milestone_state_overdue }</span> },
                                        State::Open => html! { <span class="tag">{ texts.milestone_state_open }</span> },
                                    } }
                                </p>
                                if props.can_edit {
                                    <div class="milestone__actions">
                                        if milestone.done_date.is_none() {
                                            <button type="button" class="button button--secondary button--small"
                                                    onclick={set_done(milestone, Some(today))}>
                                                { texts.mark_done }{ for_item.clone() }
                                            </button>
                                        } else {
                                            <button type="button" class="button button--secondary button--small"
                                                    onclick={set_done(milestone, None)}>
                                                { texts.reopen }{ for_item.clone() }
                                            </button>
                                        }
                                        <RowAction label={texts.delete} object={for_item} danger=true
                                                   onclick={remove(milestone)} />
                                    </div>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }) }
            if props.can_edit {
                <Panel heading_id="add-milestone-heading" heading={texts.add_milestone} sub=true alert_id="add-milestone-error" alert={submit.summary()}>
                    <form class="form form--grid" novalidate=true {onsubmit}>
                        <TextField
                            required=true
                            ..fields.text("milestone-title", texts.milestone_title, "title", |d| &d.title, |d, v| d.title = v)
                        />
                        <TextField
                            input_type="date"
                            ..fields.text("milestone-due", texts.due_date, "due_date", |d| &d.due, |d, v| d.due = v)
                        />
                        <div class="form__actions">
                            <SubmitButton label={texts.add_milestone} busy={submit.busy()} />
                        </div>
                    </form>
                </Panel>
            }
        </Panel>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use shared::ids::MilestoneId;

    fn milestone(id: i64, due: Option<(i32, u32, u32)>, done: bool) -> Milestone {
        let date = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        Milestone {
            id: MilestoneId(id),
            project_id: ProjectId(1),
            title: format!("m{id}"),
            due_date: due.map(date),
            done_date: done.then(|| date((2025, 1, 1))),
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 1,
        }
    }

    #[test]
    fn open_milestones_come_first_by_due_date() {
        let list = ordered(vec![
            milestone(1, None, false),
            milestone(2, Some((2025, 5, 1)), true),
            milestone(3, Some((2025, 6, 1)), false),
            milestone(4, Some((2025, 2, 1)), false),
        ]);
        let ids: Vec<i64> = list.iter().map(|m| m.id.0).collect();
        assert_eq!(ids, [4, 3, 1, 2]);
    }

    #[test]
    fn overdue_means_past_due_and_not_done() {
        let today = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        assert_eq!(
            state(&milestone(1, Some((2025, 2, 1)), false), today),
            State::Overdue
        );
        assert_eq!(
            state(&milestone(1, Some((2025, 2, 1)), true), today),
            State::Done
        );
        assert_eq!(
            state(&milestone(1, Some((2025, 3, 1)), false), today),
            State::Open
        );
        assert_eq!(state(&milestone(1, None, false), today), State::Open);
    }

    #[test]
    fn a_milestone_needs_a_title() {
        let errors = MilestoneDraft::default().to_new().unwrap_err();
        assert_eq!(errors[0].field, "title");
        let ok = MilestoneDraft {
            title: " Comité ".into(),
            due: "2025-09-01".into(),
        };
        assert_eq!(ok.to_new().unwrap().title, "Comité");
    }
}
