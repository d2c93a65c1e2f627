//! The OpenAPI schemas of request fields whose rules JSON Schema can state,
//! built from the constants and patterns the rules themselves use
//! (`validation`), so the document and the server cannot drift apart.
//! Fields name them with `#[schema(schema_with = ...)]`; the generic
//! parameters are the field's bound and whether it may be `null`.

use crate::validation as v;
use utoipa::openapi::schema::{
    AdditionalProperties, AnyOfBuilder, ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema,
    SchemaFormat, SchemaType, Type,
};
use utoipa::openapi::{KnownFormat, Ref, RefOr};
use utoipa::PartialSchema;

fn kind(kind: Type, nullable: bool) -> SchemaType {
    if nullable {
        SchemaType::from_iter([kind, Type::Null])
    } else {
        SchemaType::Type(kind)
    }
}

/// A string of at most `max` characters matching `pattern`.
pub fn text(pattern: &str, max: usize, nullable: bool) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(kind(Type::String, nullable))
        .pattern(Some(pattern))
        .max_length(Some(max))
}

/// A string matching `pattern`, without a bound of its own (the pattern
/// bounds what it must).
pub fn shaped(pattern: &str, nullable: bool) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(kind(Type::String, nullable))
        .pattern(Some(pattern))
}

/// `null`, a blank string of any length (taken as none), or `value`.
pub fn blank_or(value: ObjectBuilder) -> Schema {
    AnyOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .item(shaped(v::BLANK_PATTERN, false))
        .item(value)
        .into()
}

/// `validation::required_text` on the value as sent.
pub fn required_text<const MAX: usize, const NULLABLE: bool>() -> Schema {
    text(v::REQUIRED_TEXT_PATTERN, MAX, NULLABLE)
        .min_length(Some(1))
        .into()
}

/// `validation::required_text` on the value once trimmed.
pub fn trimmed_text<const MAX: usize, const NULLABLE: bool>() -> Schema {
    shaped(&v::trimmed_text_pattern(MAX), NULLABLE)
        .min_length(Some(1))
        .into()
}

/// `validation::optional_text` on a value trimmed, blank meaning none.
pub fn optional_trimmed_text<const MAX: usize>() -> Schema {
    shaped(&v::optional_trimmed_text_pattern(MAX), true).into()
}

/// `validation::optional_text` on a value as sent, blank meaning none.
pub fn optional_text<const MAX: usize>() -> Schema {
    blank_or(text(v::REQUIRED_TEXT_PATTERN, MAX, false))
}

/// `validation::long_text`.
pub fn long_text<const NULLABLE: bool>() -> Schema {
    text(v::LONG_TEXT_PATTERN, v::TEXT_MAX_CHARS, NULLABLE).into()
}

/// `validation::long_text` on a value blank meaning none.
pub fn long_text_or_blank() -> Schema {
    blank_or(text(v::LONG_TEXT_PATTERN, v::TEXT_MAX_CHARS, false))
}

/// A long text that says something.
pub fn required_long_text<const NULLABLE: bool>() -> Schema {
    text(v::REQUIRED_LONG_TEXT_PATTERN, v::TEXT_MAX_CHARS, NULLABLE)
        .min_length(Some(1))
        .into()
}

/// `validation::email`.
/// (The pattern admits no address longer than `EMAIL_MAX_CHARS`.)
pub fn email() -> Schema {
    shaped(v::EMAIL_PATTERN, false).into()
}

/// `validation::optional_email`, blank meaning none.
pub fn optional_email() -> Schema {
    shaped(v::OPTIONAL_EMAIL_PATTERN, true).into()
}

/// `validation::commune_insee`, blank meaning none.
pub fn optional_insee() -> Schema {
    ObjectBuilder::new()
        .schema_type(kind(Type::String, true))
        .pattern(Some(v::OPTIONAL_INSEE_PATTERN))
        .into()
}

/// `validation::website`, blank meaning none.
pub fn optional_website() -> Schema {
    shaped(&v::optional_website_pattern(), true).into()
}

/// `validation::phone` on a value trimmed, blank meaning none.
pub fn optional_trimmed_phone() -> Schema {
    blank_or(text(
        v::OPTIONAL_TRIMMED_PHONE_PATTERN,
        v::PHONE_MAX_CHARS,
        false,
    ))
}

/// `validation::phone` on a value as sent, blank meaning none.
pub fn optional_phone() -> Schema {
    blank_or(text(v::OPTIONAL_PHONE_PATTERN, v::PHONE_MAX_CHARS, false))
}

/// A SIRET's shape, blank meaning none (its check digit is not stated).
pub fn optional_siret() -> Schema {
    ObjectBuilder::new()
        .schema_type(kind(Type::String, true))
        .pattern(Some(v::OPTIONAL_SIRET_PATTERN))
        .into()
}

/// A SIRET's shape: 14 digits, spaces between them allowed (its check
/// digit is not stated).
pub fn siret() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(r"^\s*(?:\d\s*){14}$"))
        .into()
}

/// `validation::password_shape`.
pub fn password() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(v::PASSWORD_MIN_CHARS))
        .max_length(Some(v::PASSWORD_MAX_CHARS))
        .into()
}

/// Anything but nothing.
pub fn not_empty() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .into()
}

/// Something besides whitespace.
pub fn not_blank() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(v::NOT_BLANK_PATTERN))
        .into()
}

/// `validation::tags`.
pub fn tags<const NULLABLE: bool>() -> Schema {
    ArrayBuilder::new()
        .schema_type(kind(Type::Array, NULLABLE))
        .items(
            text(v::TAG_PATTERN, v::TAG_MAX_CHARS, false)
                .min_length(Some(1))
                .build(),
        )
        .max_items(Some(v::MAX_TAGS))
        .into()
}

/// A list of `component`s, each at most once or not, with bounds.
pub fn list_of(
    component: &str,
    nullable: bool,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique: bool,
) -> Schema {
    ArrayBuilder::new()
        .schema_type(kind(Type::Array, nullable))
        .items(Ref::from_schema_name(component))
        .min_items(min_items)
        .max_items(max_items)
        .unique_items(unique)
        .into()
}

/// `validation::amount_cents`.
pub fn amount_cents<const NULLABLE: bool>() -> Schema {
    ObjectBuilder::new()
        .schema_type(kind(Type::Integer, NULLABLE))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(0))
        .maximum(Some(v::AMOUNT_MAX_CENTS))
        .into()
}

/// A project's kinds of innovation, each once.
pub fn innovation_types<const NULLABLE: bool>() -> Schema {
    list_of("InnovationType", NULLABLE, None, None, true)
}

/// A project's team.
pub fn team<const NULLABLE: bool>() -> Schema {
    list_of(
        "UserId",
        NULLABLE,
        None,
        Some(crate::projects::TEAM_MAX_MEMBERS),
        false,
    )
}

/// Why a project moves.
pub fn transition_motivation() -> Schema {
    shaped(
        &v::trimmed_text_pattern(crate::projects::MOTIVATION_MAX_CHARS),
        false,
    )
    .min_length(Some(1))
    .description(Some("Why: recorded in the project's history."))
    .into()
}

/// The configured axes: at least one.
pub fn axes() -> Schema {
    ArrayBuilder::new()
        .items(RefOr::T(required_text::<
            { crate::projects::AXIS_MAX_CHARS },
            false,
        >()))
        .min_items(Some(1))
        .into()
}

/// An API key's scopes: at least one.
pub fn scopes() -> Schema {
    list_of("Scope", false, Some(1), None, false)
}

/// An invitation's token as the link carries it.
pub fn invitation_token() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(v::NOT_BLANK_PATTERN))
        .max_length(Some(crate::access::INVITATION_TOKEN_MAX_CHARS))
        .into()
}

/// A grid's criteria: at least one.
pub fn criteria<const NULLABLE: bool>() -> Schema {
    list_of("Criterion", NULLABLE, Some(1), None, false)
}

pub fn criterion_key() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(
            "Stable identifier used in scores, e.g. `strategic_relevance`.",
        ))
        .pattern(Some(v::CRITERION_KEY_PATTERN))
        .into()
}

pub fn criterion_weight() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::Number)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Double)))
        .description(Some("Relative weight, greater than zero."))
        .exclusive_minimum(Some(0))
        .maximum(Some(crate::evaluation::CRITERION_WEIGHT_MAX))
        .into()
}

pub fn score() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::Number)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Double)))
        .description(Some("An integer from 0 to 5."))
        .minimum(Some(0))
        .maximum(Some(crate::evaluation::MAX_SCORE))
        .multiple_of(Some(1))
        .into()
}

pub fn score_comment() -> Schema {
    ObjectBuilder::new()
        .schema_type(kind(Type::String, true))
        .max_length(Some(crate::evaluation::SCORE_COMMENT_MAX_CHARS))
        .into()
}

pub fn new_evaluation_scores() -> Schema {
    scores_input::<false>(None)
}

pub fn evaluation_patch_scores() -> Schema {
    scores_input::<true>(Some(
        "Merged into the current scores; `null` for a key removes it.",
    ))
}

pub fn evaluation_gate_minimum() -> Schema {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
        .description(Some("0 lets projects reach decision without evaluation."))
        .minimum(Some(0))
        .maximum(Some(crate::evaluation::MAX_EX_ANTE_EVALUATIONS))
        .into()
}

pub fn indicator_unit() -> Schema {
    text(
        v::REQUIRED_TEXT_PATTERN,
        crate::indicators::UNIT_MAX_CHARS,
        false,
    )
    .min_length(Some(1))
    .description(Some("e.g. `emplois`, `m²`, `tCO2e`, `%`."))
    .into()
}

pub fn baseline_value() -> Schema {
    decimal(false, Some("0"))
}

pub fn target_value() -> Schema {
    decimal(false, Some("120"))
}

pub fn measurement_value() -> Schema {
    decimal(false, Some("42.5"))
}

/// `webhooks::webhook_url` (whether the host may be reached is checked
/// when the subscription is saved).
pub fn webhook_url<const NULLABLE: bool>() -> Schema {
    shaped(
        &v::webhook_url_pattern(crate::webhooks::WEBHOOK_URL_MAX_CHARS),
        NULLABLE,
    )
    .into()
}

/// A subscription's events: at least one.
pub fn webhook_events<const NULLABLE: bool>() -> Schema {
    list_of("WebhookEvent", NULLABLE, Some(1), None, false)
}

pub fn webhook_secret() -> Schema {
    text(
        v::VISIBLE_PATTERN,
        crate::webhooks::WEBHOOK_SECRET_MAX_CHARS,
        true,
    )
    .min_length(Some(crate::webhooks::WEBHOOK_SECRET_MIN_CHARS))
    .description(Some("The signing secret; one is generated when absent."))
    .into()
}

/// A decimal as `rust_decimal` reads it: a string in its plain form, or a
/// number within its range.
pub fn decimal(nullable: bool, example: Option<&str>) -> Schema {
    let mut kinds = vec![Type::String, Type::Number];
    if nullable {
        kinds.push(Type::Null);
    }
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter(kinds))
        .description(Some("A decimal, as a string (`\"12.5\"`) or a number."))
        .pattern(Some(v::DECIMAL_PATTERN))
        .exclusive_minimum(Some(-v::DECIMAL_NUMBER_BOUND))
        .exclusive_maximum(Some(v::DECIMAL_NUMBER_BOUND))
        .examples(example)
        .into()
}

/// A decimal that may be `null` (left as it is).
pub fn nullable_decimal() -> Schema {
    decimal(true, None)
}

/// Scores to set, by criterion key (`null` removes one): keys have a
/// criterion key's shape; which keys the grid has is the server's check.
pub fn scores_input<const NULLABLE: bool>(description: Option<&str>) -> Schema {
    let score = crate::evaluation::ScoreInput::schema();
    let value = OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .item(score);
    ObjectBuilder::new()
        .schema_type(kind(Type::Object, NULLABLE))
        .description(description)
        .property_names(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(v::CRITERION_KEY_PATTERN)),
        ))
        .additional_properties(Some(AdditionalProperties::RefOr(RefOr::T(
            value.build().into(),
        ))))
        .into()
}

/// A year of the programme (`programming::YEARS`).
pub fn programme_year() -> Schema {
    year_schema(false)
}

pub fn optional_programme_year() -> Schema {
    year_schema(true)
}

fn year_schema(nullable: bool) -> Schema {
    ObjectBuilder::new()
        .schema_type(kind(Type::Integer, nullable))
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
        .minimum(Some(*crate::programming::YEARS.start()))
        .maximum(Some(*crate::programming::YEARS.end()))
        .into()
}

/// A project's CP by year.
pub fn credit_years() -> Schema {
    year_rows("CreditYear")
}

/// A funding line's receipts by year.
pub fn schedule_years() -> Schema {
    year_rows("ScheduleYear")
}

/// The town's capacity by year.
pub fn capacity_years() -> Schema {
    year_rows("CapacityYear")
}

fn year_rows(component: &str) -> Schema {
    list_of(
        component,
        false,
        None,
        Some(crate::programming::MAX_YEAR_ROWS),
        false,
    )
}

/// The projects a scenario leaves out: each once.
pub fn excluded_projects() -> Schema {
    ArrayBuilder::new()
        .schema_type(Type::Array)
        .items(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64))),
        )
        .max_items(Some(crate::programming::MAX_SCENARIO_PROJECTS))
        .unique_items(true)
        .into()
}

/// An opportunity's perimeter: INSEE codes, each optionally prefixed with
/// what it names.
pub fn perimeter() -> Schema {
    ArrayBuilder::new()
        .schema_type(Type::Array)
        .items(shaped(
            r"^\s*(?:(?:[Cc]ommune|[Dd]epartment|[Rr]egion):\s*)?[0-9ABab]{2,5}\s*$",
            false,
        ))
        .max_items(Some(crate::opportunities::PERIMETER_MAX_CODES))
        .into()
}

/// Reminder thresholds in days, each once.
pub fn reminder_days() -> Schema {
    ArrayBuilder::new()
        .schema_type(Type::Array)
        .items(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(0))
                .maximum(Some(crate::notifications::REMINDER_DAYS_MAX)),
        )
        .max_items(Some(crate::notifications::REMINDER_THRESHOLDS_MAX))
        .unique_items(true)
        .into()
}
