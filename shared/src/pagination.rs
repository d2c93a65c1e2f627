//! List pages: `?page=1&per_page=50`, answered as `{items, total, page, per_page}`.

use crate::FieldError;
use serde::{Deserialize, Serialize};

pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// Requested page, checked: `page >= 1`, `1 <= per_page <= 200`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageParams {
    pub page: u32,
    pub per_page: u32,
}

impl Default for PageParams {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

impl PageParams {
    pub fn parse(page: Option<u32>, per_page: Option<u32>) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            errors.push(FieldError::new("page", "out_of_range", "page starts at 1"));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            errors.push(FieldError::new(
                "per_page",
                "out_of_range",
                format!("per_page must be between 1 and {MAX_PER_PAGE}"),
            ));
        }
        if errors.is_empty() {
            Ok(Self { page, per_page })
        } else {
            Err(errors)
        }
    }

    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }

    pub fn limit(self) -> i64 {
        i64::from(self.per_page)
    }
}

/// A `sort` query value: `field` ascending or `-field` descending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortSpec {
    pub field: String,
    pub descending: bool,
}

impl SortSpec {
    /// Parses `sort` against the fields a list allows.
    pub fn parse(raw: &str, allowed: &[&str]) -> Result<Self, FieldError> {
        let (field, descending) = match raw.strip_prefix('-') {
            Some(field) => (field, true),
            None => (raw, false),
        };
        if allowed.contains(&field) {
            Ok(Self {
                field: field.to_owned(),
                descending,
            })
        } else {
            Err(FieldError::new(
                "sort",
                "invalid_choice",
                format!("cannot sort by `{field}`; allowed: {}", allowed.join(", ")),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        assert_eq!(
            PageParams::parse(None, None).unwrap(),
            PageParams::default()
        );
        let p = PageParams::parse(Some(3), Some(20)).unwrap();
        assert_eq!((p.offset(), p.limit()), (40, 20));
        assert!(PageParams::parse(Some(0), None).is_err());
        assert!(PageParams::parse(None, Some(201)).is_err());
        assert_eq!(PageParams::parse(Some(0), Some(0)).unwrap_err().len(), 2);
    }

    #[test]
    fn sort_accepts_only_known_fields() {
        let s = SortSpec::parse("-email", &["email", "created_at"]).unwrap();
        assert_eq!((s.field.as_str(), s.descending), ("email", true));
        assert!(!SortSpec::parse("email", &["email"]).unwrap().descending);
        assert_eq!(
            SortSpec::parse("password_hash", &["email"])
                .unwrap_err()
                .field,
            "sort"
        );
    }
}
