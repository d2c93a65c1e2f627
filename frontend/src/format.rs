//! How numbers, money and dates are written and read: the shared rules
//! (`shared::format`, which the printed reports use too), and what needs
//! the browser's time zone.

pub use shared::format::*;

use crate::i18n::Lang;
use chrono::{DateTime, Utc};

/// A moment in the browser's time zone.
pub fn date_time(moment: DateTime<Utc>, lang: Lang) -> String {
    date_time_at(moment, crate::dom::utc_offset_minutes(moment), lang)
}

pub fn optional_date_time(moment: Option<DateTime<Utc>>, lang: Lang) -> String {
    moment.map_or_else(|| "—".to_owned(), |moment| date_time(moment, lang))
}
