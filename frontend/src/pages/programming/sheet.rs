//! The projects × years grid's rules, as plain functions the tests reach
//! without a browser: which key does what, where the cursor goes, how a
//! typed amount becomes a project's CP, and which cell a refusal of the
//! server concerns.

use crate::format::{self, AmountError};
use shared::programming::CreditYear;
use shared::FieldError;
use std::collections::BTreeMap;

/// A cell of the grid's body: its row (a project) and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub row: usize,
    pub col: usize,
}

/// How many rows and columns the cursor moves among.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridSize {
    pub rows: usize,
    pub cols: usize,
}

impl GridSize {
    /// `cursor` moved back inside the grid, e.g. after the grid lost rows.
    pub fn clamp(self, cursor: Cursor) -> Cursor {
        Cursor {
            row: cursor.row.min(self.rows.saturating_sub(1)),
            col: cursor.col.min(self.cols.saturating_sub(1)),
        }
    }
}

/// Where a key sends the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Up,
    Down,
    Left,
    Right,
    /// The row's first or last cell.
    RowStart,
    RowEnd,
    /// The grid's first or last cell.
    GridStart,
    GridEnd,
}

/// The cursor after `step`, which stops at the grid's edges.
pub fn step(cursor: Cursor, step: Step, size: GridSize) -> Cursor {
    let last_row = size.rows.saturating_sub(1);
    let last_col = size.cols.saturating_sub(1);
    let moved = match step {
        Step::Up => Cursor {
            row: cursor.row.saturating_sub(1),
            ..cursor
        },
        Step::Down => Cursor {
            row: (cursor.row + 1).min(last_row),
            ..cursor
        },
        Step::Left => Cursor {
            col: cursor.col.saturating_sub(1),
            ..cursor
        },
        Step::Right => Cursor {
            col: (cursor.col + 1).min(last_col),
            ..cursor
        },
        Step::RowStart => Cursor { col: 0, ..cursor },
        Step::RowEnd => Cursor {
            col: last_col,
            ..cursor
        },
        Step::GridStart => Cursor::default(),
        Step::GridEnd => Cursor {
            row: last_row,
            col: last_col,
        },
    };
    size.clamp(moved)
}

/// A key pressed on a cell that is not being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellKey {
    Move(Step),
    /// Edit the cell from its value (Enter, F2).
    Edit,
    /// Edit the cell from this text, which replaces its value (typing).
    Replace(String),
    /// Empty the cell (Delete, Backspace).
    Clear,
    /// Enter on a cell that cannot be edited: its link, if it has one.
    Follow,
    /// Not the grid's: the browser does what it does (Tab leaves the grid).
    Ignore,
}

/// Modifier keys held with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modifiers {
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
}

/// What `key` (a `KeyboardEvent.key`) does on a cell; `editable` is
/// whether this cell can be edited by this user.
pub fn cell_key(key: &str, modifiers: Modifiers, editable: bool) -> CellKey {
    match key {
        "ArrowUp" => CellKey::Move(Step::Up),
        "ArrowDown" => CellKey::Move(Step::Down),
        "ArrowLeft" => CellKey::Move(Step::Left),
        "ArrowRight" => CellKey::Move(Step::Right),
        "Home" if modifiers.ctrl => CellKey::Move(Step::GridStart),
        "End" if modifiers.ctrl => CellKey::Move(Step::GridEnd),
        "Home" => CellKey::Move(Step::RowStart),
        "End" => CellKey::Move(Step::RowEnd),
        "Enter" | "F2" if editable => CellKey::Edit,
        "Enter" => CellKey::Follow,
        "Delete" | "Backspace" if editable => CellKey::Clear,
        _ if editable && !modifiers.ctrl && !modifiers.alt && starts_an_amount(key) => {
            CellKey::Replace(key.to_owned())
        }
        _ => CellKey::Ignore,
    }
}

/// A printable key that can begin an amount: a digit or a separator.
fn starts_an_amount(key: &str) -> bool {
    let mut chars = key.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii_digit() || c == ',' || c == '.')
}

/// A key pressed in a cell's editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorKey {
    /// Keep the typed value, then move (Enter down, Tab right, with Shift
    /// the other way).
    Commit(Step),
    /// Leave the cell as it was.
    Cancel,
    /// The editor's own: the key edits the text.
    Type,
}

pub fn editor_key(key: &str, modifiers: Modifiers) -> EditorKey {
    match (key, modifiers.shift) {
        ("Enter", false) => EditorKey::Commit(Step::Down),
        ("Enter", true) => EditorKey::Commit(Step::Up),
        ("Tab", false) => EditorKey::Commit(Step::Right),
        ("Tab", true) => EditorKey::Commit(Step::Left),
        ("Escape", _) => EditorKey::Cancel,
        _ => EditorKey::Type,
    }
}

/// A typed CP planned: an empty cell is no CP for the year.
pub fn parse_cell(text: &str) -> Result<i64, AmountError> {
    match format::parse_euros(text) {
        Err(AmountError::Empty) => Ok(0),
        other => other,
    }
}

/// The project's CP with `year` planned at `cents`; its CP paid kept. A
/// year left with nothing planned nor paid is dropped; the years stay in
/// order.
pub fn with_planned(years: &[CreditYear], year: i32, cents: i64) -> Vec<CreditYear> {
    let mut changed: Vec<CreditYear> = years.to_vec();
    match changed.iter_mut().find(|credit| credit.year == year) {
        Some(credit) => credit.planned_cents = cents,
        None => changed.push(CreditYear {
            year,
            planned_cents: cents,
            paid_cents: 0,
        }),
    }
    changed.retain(|credit| credit.planned_cents != 0 || credit.paid_cents != 0);
    changed.sort_by_key(|credit| credit.year);
    changed
}

/// The CP to send for a row whose cells were typed as `pending` (by
/// year): every year of the project, the typed ones changed; or the years
/// whose text is not an amount.
pub fn credits_to_send(
    years: &[CreditYear],
    pending: &BTreeMap<i32, String>,
) -> Result<Vec<CreditYear>, Vec<(i32, AmountError)>> {
    let mut credits = years.to_vec();
    let mut unreadable = Vec::new();
    for (year, text) in pending {
        match parse_cell(text) {
            Ok(cents) => credits = with_planned(&credits, *year, cents),
            Err(problem) => unreadable.push((*year, problem)),
        }
    }
    if unreadable.is_empty() {
        Ok(credits)
    } else {
        Err(unreadable)
    }
}

/// The server's problems with `sent` (`years.{index}.…`) by the year they
/// concern, the first for each year; and those about no year in
/// particular.
pub fn problems_by_year(
    sent: &[CreditYear],
    problems: &[FieldError],
) -> (BTreeMap<i32, FieldError>, Vec<FieldError>) {
    let mut by_year = BTreeMap::new();
    let mut others = Vec::new();
    for problem in problems {
        let year = problem
            .field
            .strip_prefix("years.")
            .and_then(|rest| rest.split('.').next())
            .and_then(|index| index.parse::<usize>().ok())
            .and_then(|index| sent.get(index))
            .map(|credit| credit.year);
        match year {
            Some(year) => {
                by_year.entry(year).or_insert_with(|| problem.clone());
            }
            None => others.push(problem.clone()),
        }
    }
    (by_year, others)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: GridSize = GridSize { rows: 3, cols: 5 };

    fn at(row: usize, col: usize) -> Cursor {
        Cursor { row, col }
    }

    fn credit(year: i32, planned: i64, paid: i64) -> CreditYear {
        CreditYear {
            year,
            planned_cents: planned,
            paid_cents: paid,
        }
    }

    #[test]
    fn arrows_move_the_cursor_and_stop_at_the_edges() {
        assert_eq!(step(at(1, 2), Step::Up, SIZE), at(0, 2));
        assert_eq!(step(at(0, 2), Step::Up, SIZE), at(0, 2));
        assert_eq!(step(at(1, 2), Step::Down, SIZE), at(2, 2));
        assert_eq!(step(at(2, 2), Step::Down, SIZE), at(2, 2));
        assert_eq!(step(at(1, 0), Step::Left, SIZE), at(1, 0));
        assert_eq!(step(at(1, 4), Step::Right, SIZE), at(1, 4));
        assert_eq!(step(at(1, 2), Step::RowStart, SIZE), at(1, 0));
        assert_eq!(step(at(1, 2), Step::RowEnd, SIZE), at(1, 4));
        assert_eq!(step(at(1, 2), Step::GridStart, SIZE), at(0, 0));
        assert_eq!(step(at(1, 2), Step::GridEnd, SIZE), at(2, 4));
        let empty = GridSize { rows: 0, cols: 0 };
        assert_eq!(step(at(0, 0), Step::Down, empty), at(0, 0));
        assert_eq!(SIZE.clamp(at(7, 9)), at(2, 4));
    }

    #[test]
    fn keys_on_a_cell() {
        let none = Modifiers::default();
        let ctrl = Modifiers { ctrl: true, ..none };
        assert_eq!(
            cell_key("ArrowRight", none, false),
            CellKey::Move(Step::Right)
        );
        assert_eq!(cell_key("Home", none, true), CellKey::Move(Step::RowStart));
        assert_eq!(cell_key("End", ctrl, true), CellKey::Move(Step::GridEnd));
        assert_eq!(cell_key("Enter", none, true), CellKey::Edit);
        assert_eq!(cell_key("F2", none, true), CellKey::Edit);
        assert_eq!(cell_key("Enter", none, false), CellKey::Follow);
        assert_eq!(cell_key("7", none, true), CellKey::Replace("7".into()));
        assert_eq!(cell_key(",", none, true), CellKey::Replace(",".into()));
        assert_eq!(cell_key("Delete", none, true), CellKey::Clear);
        // Read-only cells, shortcuts and letters are left alone.
        assert_eq!(cell_key("7", none, false), CellKey::Ignore);
        assert_eq!(cell_key("Delete", none, false), CellKey::Ignore);
        assert_eq!(cell_key("c", ctrl, true), CellKey::Ignore);
        assert_eq!(cell_key("1", ctrl, true), CellKey::Ignore);
        assert_eq!(cell_key("a", none, true), CellKey::Ignore);
        assert_eq!(cell_key("Tab", none, true), CellKey::Ignore);
    }

    #[test]
    fn keys_in_the_editor() {
        let none = Modifiers::default();
        let shift = Modifiers {
            shift: true,
            ..none
        };
        assert_eq!(editor_key("Enter", none), EditorKey::Commit(Step::Down));
        assert_eq!(editor_key("Enter", shift), EditorKey::Commit(Step::Up));
        assert_eq!(editor_key("Tab", none), EditorKey::Commit(Step::Right));
        assert_eq!(editor_key("Tab", shift), EditorKey::Commit(Step::Left));
        assert_eq!(editor_key("Escape", none), EditorKey::Cancel);
        assert_eq!(editor_key("ArrowLeft", none), EditorKey::Type);
        assert_eq!(editor_key("5", none), EditorKey::Type);
    }

    #[test]
    fn typed_cells_are_read_in_cents() {
        assert_eq!(parse_cell("1 500"), Ok(1_500_00));
        assert_eq!(parse_cell("12,5"), Ok(12_50));
        assert_eq!(parse_cell("  "), Ok(0));
        assert_eq!(parse_cell("beaucoup"), Err(AmountError::Invalid));
        assert_eq!(parse_cell("-3"), Err(AmountError::Negative));
    }

    #[test]
    fn a_planned_amount_keeps_the_years_paid() {
        let years = [credit(2024, 1_000, 800), credit(2026, 500, 0)];
        assert_eq!(
            with_planned(&years, 2025, 300),
            [
                credit(2024, 1_000, 800),
                credit(2025, 300, 0),
                credit(2026, 500, 0)
            ]
        );
        assert_eq!(
            with_planned(&years, 2024, 900),
            [credit(2024, 900, 800), credit(2026, 500, 0)]
        );
        // Emptied: the year goes, unless something was paid in it.
        assert_eq!(with_planned(&years, 2026, 0), [credit(2024, 1_000, 800)]);
        assert_eq!(
            with_planned(&years, 2024, 0),
            [credit(2024, 0, 800), credit(2026, 500, 0)]
        );
        assert_eq!(with_planned(&years, 2030, 0), years);
    }

    #[test]
    fn a_row_is_sent_whole_or_not_at_all() {
        let years = [credit(2024, 1_000, 800), credit(2030, 7, 0)];
        let pending = BTreeMap::from([(2025, "2 000".to_owned()), (2024, "1 200".to_owned())]);
        assert_eq!(
            credits_to_send(&years, &pending),
            Ok(vec![
                credit(2024, 1_200_00, 800),
                credit(2025, 2_000_00, 0),
                credit(2030, 7, 0)
            ])
        );
        let bad = BTreeMap::from([(2025, "2 000".to_owned()), (2026, "x".to_owned())]);
        assert_eq!(
            credits_to_send(&years, &bad),
            Err(vec![(2026, AmountError::Invalid)])
        );
    }

    #[test]
    fn refusals_are_shown_on_the_year_they_concern() {
        let sent = [credit(2024, 100, 200), credit(2025, 900, 0)];
        let problems = [
            FieldError::new("years.0.paid_cents", "above_planned", "paid > planned"),
            FieldError::new(
                "years.1.planned_cents",
                "above_authorisation",
                "over the AP",
            ),
            FieldError::new("years.1.year", "duplicate", "twice"),
            FieldError::new("years", "too_many", "too many"),
            FieldError::new("years.9.year", "out_of_range", "no such entry"),
        ];
        let (by_year, others) = problems_by_year(&sent, &problems);
        assert_eq!(by_year[&2024].code, "above_planned");
        assert_eq!(by_year[&2025].code, "above_authorisation");
        assert_eq!(by_year.len(), 2);
        let other_fields: Vec<&str> = others.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(other_fields, ["years", "years.9.year"]);
    }
}
