//! The roadmap drawn as SVG: a row per project (its reference and title a
//! link to it), a time axis of years (and months when the span is short),
//! the phases as bars, decisions as diamonds, milestones as dots filled
//! once reached, the planned end and a line for today. Every shape names
//! itself in a `<title>`; the page's table says the same in text.

use crate::format;
use crate::i18n::LangTexts;
use crate::i18n::{Lang, Texts};
use crate::routes::Route;
use chrono::{Datelike, NaiveDate};
use shared::lifecycle::Phase;
use shared::roadmap::{DecisionKind, RoadmapProject};
use yew::prelude::*;
use yew_router::prelude::*;

/// The drawing's coordinate system: wide enough for a landscape page,
/// where 13-unit text prints at a readable size.
pub const WIDTH: f64 = 1100.0;
/// The project column: reference and title.
const LABEL_WIDTH: f64 = 300.0;
/// Characters of a title that fit the project column after its reference.
const TITLE_CHARS: usize = 30;
const PLOT_LEFT: f64 = LABEL_WIDTH + 10.0;
const PLOT_RIGHT: f64 = WIDTH - 20.0;
const AXIS_HEIGHT: f64 = 44.0;
const ROW: f64 = 30.0;
const BAR: f64 = 14.0;
/// Below the rows: room for the "today" label.
const FOOT: f64 = 22.0;
/// What a year's label needs on the axis.
const YEAR_LABEL_ROOM: f64 = 40.0;
/// Width of the mark a terminal phase (closed, abandoned) leaves: it has
/// no end to draw to.
const END_MARK: f64 = 6.0;

/// Height of the drawing for `rows` projects.
pub fn height(rows: usize) -> f64 {
    AXIS_HEIGHT + rows.max(1) as f64 * ROW + FOOT
}

/// Days mapped to the plot's width, from the first of the month of the
/// first day to the first of the month after the last.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn next_month(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(day)
}

impl Scale {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        let (from, to) = if to < from { (to, from) } else { (from, to) };
        Scale {
            start: first_of_month(from),
            end: next_month(to),
        }
    }

    fn days(&self) -> f64 {
        ((self.end - self.start).num_days().max(1)) as f64
    }

    /// Where a day falls, clamped to the plot.
    pub fn x(&self, day: NaiveDate) -> f64 {
        let offset = ((day - self.start).num_days() as f64).clamp(0.0, self.days());
        PLOT_LEFT + offset / self.days() * (PLOT_RIGHT - PLOT_LEFT)
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// The months the scale covers.
    pub fn months(&self) -> i32 {
        (self.end.year() - self.start.year()) * 12 + self.end.month() as i32
            - self.start.month() as i32
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickLabel {
    Year(i32),
    /// Month number, 1 to 12.
    Month(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tick {
    pub day: NaiveDate,
    pub label: Option<TickLabel>,
    /// A year's start: a stronger line.
    pub major: bool,
}

/// The axis: a line at every year's start, labelled with the year (the
/// first, partial year labelled at the start); and when the span is short
/// a line at every month (up to 18 months, each labelled) or every quarter
/// (up to three years).
pub fn ticks(scale: &Scale) -> Vec<Tick> {
    let months = scale.months();
    let step = match months {
        ..=18 => 1,
        19..=36 => 3,
        _ => 12,
    };
    let mut ticks = Vec::new();
    let mut day = scale.start;
    if day.month() != 1 {
        // Named unless its few months leave no room before the next year's
        // label.
        let room =
            f64::from(13 - day.month()) / f64::from(months.max(1)) * (PLOT_RIGHT - PLOT_LEFT);
        ticks.push(Tick {
            day,
            label: (room >= YEAR_LABEL_ROOM).then_some(TickLabel::Year(day.year())),
            major: true,
        });
    }
    while day < scale.end {
        if day.month() == 1 {
            ticks.push(Tick {
                day,
                label: Some(TickLabel::Year(day.year())),
                major: true,
            });
        } else if step < 12 && (day.month() - 1).is_multiple_of(step) {
            ticks.push(Tick {
                day,
                label: Some(TickLabel::Month(day.month())),
                major: false,
            });
        }
        day = next_month(day);
    }
    // The first, partial year has its label at the start; a month tick
    // there would overwrite it.
    ticks.dedup_by(|later, first| later.day == first.day);
    ticks
}

/// `2024-001 Tiers-lieu numérique…`: the reference, then as much of the
/// title as fits.
pub fn row_label(reference: &str, title: &str) -> String {
    let title = if title.chars().count() > TITLE_CHARS {
        let cut: String = title.chars().take(TITLE_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        title.to_owned()
    };
    format!("{reference}  {title}")
}

/// Where a phase's bar ends: its last day, today while it is current, and
/// a fixed short mark for a terminal phase, which has no end.
fn bar_end(scale: &Scale, phase: Phase, from: f64, to: Option<NaiveDate>, today: NaiveDate) -> f64 {
    match to {
        Some(to) => scale.x(to),
        None if phase.is_terminal() => (from + END_MARK).min(PLOT_RIGHT),
        None => scale.x(today.max(scale.start)),
    }
}

fn diamond(x: f64, y: f64, size: f64) -> String {
    format!(
        "{x:.1},{top:.1} {right:.1},{y:.1} {x:.1},{bottom:.1} {left:.1},{y:.1}",
        top = y - size,
        right = x + size,
        bottom = y + size,
        left = x - size
    )
}

fn decision_class(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Go => "roadmap__decision roadmap__decision--go",
        DecisionKind::GoWithConditions => "roadmap__decision roadmap__decision--conditions",
        DecisionKind::NoGo | DecisionKind::Abandonment => {
            "roadmap__decision roadmap__decision--stop"
        }
    }
}

/// A legend sample of a decision.
pub fn decision_sample() -> Html {
    html! { <polygon class={decision_class(DecisionKind::Go)} points={diamond(8.0, 7.0, 6.0)} /> }
}

/// A legend sample of a milestone.
pub fn milestone_sample(done: bool) -> Html {
    html! {
        <circle class={classes!("roadmap__milestone", done.then_some("roadmap__milestone--done"))}
                cx="8" cy="7" r="5" />
    }
}

#[derive(Properties, PartialEq)]
pub struct RoadmapChartProps {
    pub projects: Vec<RoadmapProject>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub today: NaiveDate,
    pub lang: Lang,
}

#[function_component]
pub fn RoadmapChart(props: &RoadmapChartProps) -> Html {
    let navigator = use_navigator();
    let lang = props.lang;
    let texts: &'static Texts = lang.texts();
    let today = props.today;
    let scale = Scale::new(props.from.min(today), props.to.max(today));
    let height = height(props.projects.len());
    let rows_bottom = height - FOOT;
    let date = |day: NaiveDate| format::date(day, lang);

    let axis = ticks(&scale).into_iter().map(|tick| {
        let x = scale.x(tick.day);
        let label = tick.label.map(|label| match label {
            TickLabel::Year(year) => html! {
                <text class="roadmap__year" x={format!("{:.1}", x + 4.0)} y="16">{ year }</text>
            },
            TickLabel::Month(month) => {
                let name = usize::try_from(month.saturating_sub(1))
                    .ok()
                    .and_then(|index| texts.month_abbreviations.get(index))
                    .copied()
                    .unwrap_or_default();
                html! {
                    <text class="roadmap__month" x={format!("{:.1}", x + 3.0)} y="36">{ name }</text>
                }
            }
        });
        html! {
            <g>
                <line class={classes!("roadmap__tick", tick.major.then_some("roadmap__tick--year"))}
                      x1={format!("{x:.1}")} x2={format!("{x:.1}")}
                      y1={if tick.major { "4" } else { "24" }} y2={format!("{rows_bottom:.1}")} />
                { for label }
            </g>
        }
    });

    let rows = props.projects.iter().enumerate().map(|(index, project)| {
        let top = AXIS_HEIGHT + index as f64 * ROW;
        let middle = top + ROW / 2.0;
        let route = Route::Project { id: project.id };
        let href = route.to_path();
        let onclick = {
            let navigator = navigator.clone();
            Callback::from(move |event: MouseEvent| {
                let modified =
                    event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
                if event.button() != 0 || modified {
                    return;
                }
                if let Some(navigator) = &navigator {
                    event.prevent_default();
                    navigator.push(&route);
                }
            })
        };
        let bars = project.phases.iter().map(|span| {
            let x1 = scale.x(span.from);
            let x2 = bar_end(&scale, span.phase, x1, span.to, today).max(x1 + 2.0);
            let name = (texts.phase_name)(span.phase);
            let title = (texts.roadmap_span)(name, &date(span.from), span.to.map(date).as_deref());
            html! {
                <rect class={classes!("roadmap__bar", format!("roadmap__bar--{}", span.phase.as_str()))}
                      data-phase={span.phase.as_str()}
                      x={format!("{x1:.1}")} y={format!("{:.1}", middle - BAR / 2.0)}
                      width={format!("{:.1}", x2 - x1)} height={format!("{BAR}")}>
                    <title>{ title }</title>
                </rect>
            }
        });
        let under_way = !project.phase.is_terminal();
        let planned = project
            .planned_end_date
            .filter(|end| under_way && *end > today)
            .map(|end| {
                let (x1, x2) = (scale.x(today), scale.x(end));
                html! {
                    <g class="roadmap__planned" data-testid="roadmap-planned-end">
                        <title>{ (texts.roadmap_planned_end)(&date(end)) }</title>
                        <line x1={format!("{x1:.1}")} x2={format!("{x2:.1}")}
                              y1={format!("{middle:.1}")} y2={format!("{middle:.1}")} />
                        <line x1={format!("{x2:.1}")} x2={format!("{x2:.1}")}
                              y1={format!("{:.1}", middle - BAR / 2.0)} y2={format!("{:.1}", middle + BAR / 2.0)} />
                    </g>
                }
            });
        let milestones = project.milestones.iter().filter_map(|milestone| {
            let day = milestone.done_date.or(milestone.due_date)?;
            let title = (texts.roadmap_milestone)(
                &milestone.title,
                milestone.due_date.map(date).as_deref(),
                milestone.done_date.map(date).as_deref(),
            );
            let done = milestone.done_date.is_some();
            Some(html! {
                <circle class={classes!("roadmap__milestone", done.then_some("roadmap__milestone--done"))}
                        data-done={done.to_string()}
                        cx={format!("{:.1}", scale.x(day))} cy={format!("{middle:.1}")} r="5">
                    <title>{ title }</title>
                </circle>
            })
        });
        let decisions = project.decisions.iter().map(|decision| {
            let title = (texts.roadmap_decision)(
                (texts.decision_kind_name)(decision.kind),
                &date(decision.date),
                decision.reason.map(texts.abandon_reason_name),
            );
            html! {
                <polygon class={decision_class(decision.kind)} data-kind={decision.kind.as_str()}
                         points={diamond(scale.x(decision.date), middle, 7.0)}>
                    <title>{ title }</title>
                </polygon>
            }
        });
        html! {
            <g class="roadmap__row" key={project.id.to_string()}
               data-testid={format!("roadmap-row-{}", project.id)}>
                if index % 2 == 1 {
                    <rect class="roadmap__stripe" x="0" y={format!("{top:.1}")}
                          width={format!("{WIDTH}")} height={format!("{ROW}")} />
                }
                <a class="roadmap__link" {href} {onclick}
                   aria-label={format!("{} {}", project.reference, project.title)}>
                    <text x="8" y={format!("{:.1}", middle + 4.5)}>
                        { row_label(&project.reference, &project.title) }
                    </text>
                </a>
                { for bars }
                { for planned }
                { for milestones }
                { for decisions }
            </g>
        }
    });

    let today_line = scale.contains(today).then(|| {
        let x = scale.x(today);
        html! {
            <g class="roadmap__today" data-testid="roadmap-today">
                <title>{ format!("{} : {}", texts.today, date(today)) }</title>
                <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1="24" y2={format!("{rows_bottom:.1}")} />
                <text x={format!("{x:.1}")} y={format!("{:.1}", rows_bottom + 15.0)} text-anchor="middle">
                    { texts.today }
                </text>
            </g>
        }
    });

    html! {
        <svg class="roadmap__drawing" data-testid="roadmap-chart"
             viewBox={format!("0 0 {WIDTH} {height:.1}")}
             aria-labelledby="roadmap-chart-heading" aria-describedby="roadmap-chart-desc">
            <desc id="roadmap-chart-desc">{ (texts.roadmap_chart_description)(props.projects.len()) }</desc>
            <g class="roadmap__axis" aria-hidden="true">{ for axis }</g>
            { for rows }
            { for today_line }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_scale_runs_over_whole_months_and_clamps() {
        let scale = Scale::new(date(2024, 3, 15), date(2024, 12, 10));
        assert_eq!(
            (scale.start, scale.end),
            (date(2024, 3, 1), date(2025, 1, 1))
        );
        assert_eq!(scale.months(), 10);
        assert_eq!(scale.x(scale.start), PLOT_LEFT);
        assert_eq!(scale.x(scale.end), PLOT_RIGHT);
        assert_eq!(scale.x(date(2020, 1, 1)), PLOT_LEFT, "before the span");
        assert_eq!(scale.x(date(2030, 1, 1)), PLOT_RIGHT, "after it");
        let middle = scale.x(date(2024, 8, 1));
        assert!(PLOT_LEFT < middle && middle < PLOT_RIGHT);
        // Reversed days are put the right way round.
        assert_eq!(Scale::new(date(2024, 12, 10), date(2024, 3, 15)), scale);
        // One day still spans its month.
        let one_day = Scale::new(date(2024, 12, 31), date(2024, 12, 31));
        assert_eq!(
            (one_day.start, one_day.end),
            (date(2024, 12, 1), date(2025, 1, 1))
        );
    }

    #[test]
    fn a_short_span_has_months_a_longer_one_quarters_a_long_one_years() {
        let short = ticks(&Scale::new(date(2024, 11, 5), date(2025, 2, 20)));
        assert_eq!(
            short.iter().map(|t| t.label).collect::<Vec<_>>(),
            vec![
                Some(TickLabel::Year(2024)),
                Some(TickLabel::Month(12)),
                Some(TickLabel::Year(2025)),
                Some(TickLabel::Month(2)),
            ],
            "the first, partial year is named at the start"
        );
        assert_eq!(short[0].day, date(2024, 11, 1));
        assert!(short[0].major && !short[1].major && short[2].major);

        let quarters = ticks(&Scale::new(date(2023, 1, 1), date(2024, 12, 31)));
        assert_eq!(
            quarters.iter().map(|t| t.label).collect::<Vec<_>>(),
            vec![
                Some(TickLabel::Year(2023)),
                Some(TickLabel::Month(4)),
                Some(TickLabel::Month(7)),
                Some(TickLabel::Month(10)),
                Some(TickLabel::Year(2024)),
                Some(TickLabel::Month(4)),
                Some(TickLabel::Month(7)),
                Some(TickLabel::Month(10)),
            ]
        );

        let late_start = ticks(&Scale::new(date(2019, 12, 1), date(2025, 2, 1)));
        assert_eq!(
            late_start[0].label, None,
            "December alone has no room for its year"
        );
        assert_eq!(late_start[1].label, Some(TickLabel::Year(2020)));

        let years = ticks(&Scale::new(date(2019, 6, 1), date(2025, 2, 1)));
        assert!(years.iter().all(|t| t.major));
        assert_eq!(
            years.iter().map(|t| t.label).collect::<Vec<_>>(),
            (2019..=2025)
                .map(|y| Some(TickLabel::Year(y)))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn long_titles_are_cut_to_the_column() {
        assert_eq!(row_label("2024-001", "Tiers-lieu"), "2024-001  Tiers-lieu");
        let label = row_label(
            "2024-002",
            "Réhabilitation énergétique des écoles du centre ancien",
        );
        assert!(label.ends_with('…'));
        assert_eq!(
            label.chars().count(),
            "2024-002  ".chars().count() + TITLE_CHARS
        );
    }

    #[test]
    fn terminal_phases_leave_a_short_mark_and_current_ones_run_to_today() {
        let scale = Scale::new(date(2024, 1, 1), date(2025, 12, 31));
        let today = date(2025, 6, 1);
        let from = scale.x(date(2024, 6, 1));
        assert_eq!(
            bar_end(&scale, Phase::Cloture, from, None, today),
            from + END_MARK
        );
        assert_eq!(
            bar_end(&scale, Phase::Realisation, from, None, today),
            scale.x(today)
        );
        assert_eq!(
            bar_end(&scale, Phase::Cadrage, from, Some(date(2024, 9, 1)), today),
            scale.x(date(2024, 9, 1))
        );
    }
}
