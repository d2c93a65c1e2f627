//! The financing plan: funding lines, their status moves, and the figures
//! the source document is about — secured funding, gap and leverage
//! (1 € of city money levering 5 € from others).

use serde::{Deserialize, Serialize};

/// Who the money comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum FundingCategory {
    /// The town's own budget.
    City,
    /// State, Region, Department, EPCI, EU.
    Public,
    /// Companies, foundations, banks, citizens.
    Private,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow),
    diesel(sql_type = diesel::sql_types::Text)
)]
pub enum FundingStatus {
    Planned,
    Requested,
    Granted,
    Refused,
    Paid,
}

/// Gives an enum written as text (in JSON, query strings and database
/// columns) its names, once: `as_str`, `FromStr`, `Display`, `ALL` (every
/// variant, in the order listed here) and its `Text` column mapping.
/// `as_str` is an exhaustive match, so a variant missing from the list is
/// a compile error, and `ALL` is complete.
macro_rules! string_enum {
    ($ty:ident { $($variant:path => $name:literal),* $(,)? }) => {
        impl $ty {
            pub const ALL: [$ty; [$($name),*].len()] = [$($variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($variant => $name),* }
            }
        }
        impl ::std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($name => Ok($variant),)* other => Err(format!("unknown value `{other}`")) }
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        $crate::finance::text_column!($ty);
    };
}
pub(crate) use string_enum;

/// Stores an enum in a `Text` column under its `as_str` name, for any
/// diesel backend (the backend's multi-backend connection included). The
/// type also derives `AsExpression` and `FromSqlRow` for `Text`. Text that
/// names no variant (written by hand, or by a newer version) is refused as
/// a deserialization error rather than guessed at.
macro_rules! text_column {
    ($ty:ty) => {
        #[cfg(feature = "diesel")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $ty
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $ty
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let text =
                    <String as diesel::deserialize::FromSql<diesel::sql_types::Text, DB>>::from_sql(
                        bytes,
                    )?;
                text.parse::<$ty>().map_err(|error| {
                    format!("stored {} `{text}`: {error}", stringify!($ty)).into()
                })
            }
        }
    };
}
pub(crate) use text_column;

string_enum!(FundingCategory {
    FundingCategory::City => "city",
    FundingCategory::Public => "public",
    FundingCategory::Private => "private",
});

string_enum!(FundingStatus {
    FundingStatus::Planned => "planned",
    FundingStatus::Requested => "requested",
    FundingStatus::Granted => "granted",
    FundingStatus::Refused => "refused",
    FundingStatus::Paid => "paid",
});

impl FundingStatus {
    /// Money that is certain: granted, or already paid.
    pub fn is_secured(self) -> bool {
        matches!(self, FundingStatus::Granted | FundingStatus::Paid)
    }

    /// `planned → requested → granted | refused`, then `granted → paid`.
    pub fn allowed_moves(self) -> &'static [FundingStatus] {
        match self {
            FundingStatus::Planned => &[FundingStatus::Requested],
            FundingStatus::Requested => &[FundingStatus::Granted, FundingStatus::Refused],
            FundingStatus::Granted => &[FundingStatus::Paid],
            FundingStatus::Refused | FundingStatus::Paid => &[],
        }
    }

    pub fn can_move_to(self, next: FundingStatus) -> bool {
        self == next || self.allowed_moves().contains(&next)
    }
}

/// A project's financial figures, all in integer cents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finance {
    pub total_cost_cents: i64,
    /// The city's own secured contribution.
    pub city_cents: i64,
    /// Everything granted or paid, city included.
    pub secured_cents: i64,
    /// Secured from everyone but the city.
    pub secured_others_cents: i64,
    /// Total cost minus secured funding (negative when over-funded).
    pub gap_cents: i64,
    /// Euros from others per euro of the city's: `secured_others / city`;
    /// absent when the city puts nothing in.
    pub leverage: Option<f64>,
}

/// One funding line as far as the figures are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FundingAmount {
    pub category: FundingCategory,
    pub status: FundingStatus,
    pub amount_cents: i64,
}

impl Finance {
    pub fn compute(total_cost_cents: i64, lines: impl IntoIterator<Item = FundingAmount>) -> Self {
        let (mut city, mut others) = (0_i64, 0_i64);
        for line in lines.into_iter().filter(|l| l.status.is_secured()) {
            match line.category {
                FundingCategory::City => city = city.saturating_add(line.amount_cents),
                _ => others = others.saturating_add(line.amount_cents),
            }
        }
        let secured = city.saturating_add(others);
        Self {
            total_cost_cents,
            city_cents: city,
            secured_cents: secured,
            secured_others_cents: others,
            gap_cents: total_cost_cents.saturating_sub(secured),
            leverage: leverage(others, city),
        }
    }
}

/// `others / city`, or `None` when the city contributes nothing.
pub fn leverage(others_cents: i64, city_cents: i64) -> Option<f64> {
    (city_cents > 0).then(|| others_cents as f64 / city_cents as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use FundingCategory::*;
    use FundingStatus::*;

    fn line(category: FundingCategory, status: FundingStatus, amount_cents: i64) -> FundingAmount {
        FundingAmount {
            category,
            status,
            amount_cents,
        }
    }

    #[test]
    fn one_euro_of_city_money_levering_five() {
        let finance = Finance::compute(
            600_00,
            [
                line(City, Granted, 100_00),
                line(Public, Paid, 300_00),
                line(Private, Granted, 200_00),
            ],
        );
        assert_eq!(finance.city_cents, 100_00);
        assert_eq!(finance.secured_others_cents, 500_00);
        assert_eq!(finance.secured_cents, 600_00);
        assert_eq!(finance.gap_cents, 0);
        assert_eq!(finance.leverage, Some(5.0));
    }

    #[test]
    fn only_granted_or_paid_money_counts() {
        let finance = Finance::compute(
            1_000_00,
            [
                line(City, Planned, 500_00),
                line(City, Paid, 200_00),
                line(Public, Requested, 300_00),
                line(Public, Refused, 300_00),
                line(Private, Granted, 100_00),
            ],
        );
        assert_eq!(
            (finance.city_cents, finance.secured_others_cents),
            (200_00, 100_00)
        );
        assert_eq!(finance.gap_cents, 700_00);
        assert_eq!(finance.leverage, Some(0.5));
    }

    #[test]
    fn no_city_money_means_no_leverage() {
        let finance = Finance::compute(100, [line(Public, Granted, 150)]);
        assert_eq!(finance.leverage, None);
        assert_eq!(finance.gap_cents, -50, "over-funded");
        assert_eq!(Finance::compute(0, []).leverage, None);
    }

    #[test]
    fn status_moves_follow_the_funding_process() {
        assert!(Planned.can_move_to(Requested));
        assert!(Requested.can_move_to(Granted) && Requested.can_move_to(Refused));
        assert!(Granted.can_move_to(Paid));
        assert!(!Planned.can_move_to(Paid));
        assert!(!Refused.can_move_to(Granted));
        assert!(!Paid.can_move_to(Granted));
        assert!(Granted.can_move_to(Granted), "staying put is not a move");
    }
}
