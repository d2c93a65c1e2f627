//! Hand-kept table definitions in portable SQL types; both migration sets
//! must produce exactly these columns (checked by a test).

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        role -> Text,
        password_hash -> Text,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        token_hash -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        occurred_at -> Timestamp,
        user_id -> Nullable<BigInt>,
        entity -> Text,
        entity_id -> Text,
        action -> Text,
        before_state -> Nullable<Text>,
        after_state -> Nullable<Text>,
    }
}

diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(audit_log -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(users, refresh_tokens, audit_log);
