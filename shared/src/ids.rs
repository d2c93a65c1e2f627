//! Typed identifiers: a `UserId` can never be passed where a project id is
//! expected. On the wire they are plain integers, opaque to clients.

use serde::{Deserialize, Serialize};

/// Declares an identifier newtype over `i64` with its serde, OpenAPI and
/// diesel mappings.
#[macro_export]
macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "diesel", derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::BigInt))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::BigInt, DB> for $name
        where
            DB: diesel::backend::Backend,
            i64: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <i64 as diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>>::to_sql(&self.0, out)
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB> for $name
        where
            DB: diesel::backend::Backend,
            i64: diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                <i64 as diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>>::from_sql(bytes)
                    .map(Self)
            }
        }
    };
}

typed_id!(
    /// A user account (staff or partner).
    UserId
);
typed_id!(
    /// An organisation of the territorial ecosystem.
    ActorId
);
typed_id!(
    /// A contact person of an actor.
    ContactId
);
typed_id!(
    /// A project of the portfolio.
    ProjectId
);
typed_id!(
    /// One recorded lifecycle move.
    TransitionId
);
typed_id!(MilestoneId);
typed_id!(JournalEntryId);
typed_id!(DocumentId);
typed_id!(
    /// An actor's role in a project.
    ParticipantId
);
typed_id!(FundingLineId);
typed_id!(EvaluationGridId);
typed_id!(EvaluationId);
typed_id!(IndicatorId);
typed_id!(MeasurementId);
typed_id!(InvitationId);
typed_id!(ApiKeyId);
typed_id!(WebhookId);
typed_id!(DeliveryId);
typed_id!(
    /// One vote of a project's autorisation de programme.
    ApRevisionId
);
typed_id!(
    /// A what-if over the investment programme.
    ScenarioId
);
typed_id!(
    /// A call for projects or an aid scheme.
    OpportunityId
);
typed_id!(NotificationId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_integers_on_the_wire() {
        assert_eq!(serde_json::to_string(&UserId(42)).unwrap(), "42");
        assert_eq!(serde_json::from_str::<UserId>("7").unwrap(), UserId(7));
        assert_eq!("13".parse::<UserId>().unwrap(), UserId(13));
        assert!("x".parse::<UserId>().is_err());
    }
}
