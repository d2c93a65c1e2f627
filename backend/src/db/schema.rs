//! Hand-kept table definitions in portable SQL types; both migration sets
//! must produce exactly these columns (checked by a test). Enum columns are
//! `Text` here, read and written as the shared enums; both sets give each a
//! CHECK allowing only its variants' names (checked by tests too).

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
        actor_id -> Nullable<BigInt>,
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
        api_key_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Counters that triggers move on with each change to what they
    /// watch (`plan`: what the investment programme is read from); a
    /// counter is the sum of its slots.
    data_generations (name, slot) {
        name -> Text,
        slot -> Integer,
        value -> BigInt,
    }
}

diesel::table! {
    reference_counters (year) {
        year -> Integer,
        last_number -> Integer,
    }
}

diesel::table! {
    actors (id) {
        id -> BigInt,
        name -> Text,
        kind -> Text,
        siret -> Nullable<Text>,
        siren -> Nullable<Text>,
        sector -> Nullable<Text>,
        address -> Nullable<Text>,
        commune_insee -> Nullable<Text>,
        website -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        tags -> Text,
        notes -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    actor_contacts (id) {
        id -> BigInt,
        actor_id -> BigInt,
        name -> Text,
        role -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    projects (id) {
        id -> BigInt,
        reference -> Text,
        title -> Text,
        summary -> Nullable<Text>,
        description -> Nullable<Text>,
        axis -> Text,
        innovation_types -> Text,
        phase -> Text,
        suspended_from -> Nullable<Text>,
        decision_outcome -> Nullable<Text>,
        abandon_reason -> Nullable<Text>,
        commission_date -> Date,
        decision_date -> Nullable<Date>,
        start_date -> Nullable<Date>,
        planned_end_date -> Nullable<Date>,
        actual_end_date -> Nullable<Date>,
        lead_id -> Nullable<BigInt>,
        team -> Text,
        sponsor -> Nullable<Text>,
        commune_insee -> Nullable<Text>,
        area -> Nullable<Text>,
        total_cost_cents -> BigInt,
        visibility -> Text,
        tags -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
        ap_cents -> Nullable<BigInt>,
    }
}

diesel::table! {
    project_transitions (id) {
        id -> BigInt,
        project_id -> BigInt,
        from_phase -> Text,
        to_phase -> Text,
        transition_date -> Date,
        motivation -> Text,
        outcome -> Nullable<Text>,
        reason -> Nullable<Text>,
        comment -> Nullable<Text>,
        user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    milestones (id) {
        id -> BigInt,
        project_id -> BigInt,
        title -> Text,
        due_date -> Nullable<Date>,
        done_date -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    journal_entries (id) {
        id -> BigInt,
        project_id -> BigInt,
        kind -> Text,
        body -> Text,
        author_id -> Nullable<BigInt>,
        entry_date -> Date,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    documents (id) {
        id -> BigInt,
        project_id -> BigInt,
        filename -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        storage_key -> Text,
        uploaded_by -> Nullable<BigInt>,
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    participants (id) {
        id -> BigInt,
        project_id -> BigInt,
        actor_id -> BigInt,
        role -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    funding_lines (id) {
        id -> BigInt,
        project_id -> BigInt,
        funder_id -> BigInt,
        category -> Text,
        amount_cents -> BigInt,
        status -> Text,
        label -> Nullable<Text>,
        requested_on -> Nullable<Date>,
        decided_on -> Nullable<Date>,
        paid_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
        convention_date -> Nullable<Date>,
        decision_ref -> Nullable<Text>,
        lapse_date -> Nullable<Date>,
        scheme -> Nullable<Text>,
        submission_deadline -> Nullable<Date>,
        opportunity_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    funding_opportunities (id) {
        id -> BigInt,
        name -> Text,
        funder_id -> Nullable<BigInt>,
        funder_name -> Text,
        scheme -> Nullable<Text>,
        aid_types -> Text,
        axes -> Text,
        phases -> Text,
        perimeter -> Text,
        subsidy_rate_min -> Nullable<Integer>,
        subsidy_rate_max -> Nullable<Integer>,
        opens_on -> Nullable<Date>,
        predeposit_date -> Nullable<Date>,
        submission_deadline -> Nullable<Date>,
        recurrence -> Text,
        url -> Nullable<Text>,
        description -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    notifications (id) {
        id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        project_id -> Nullable<BigInt>,
        subject_key -> Text,
        title -> Text,
        body -> Text,
        link -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
        emailed_at -> Nullable<Timestamp>,
        email_claim -> Nullable<Text>,
        email_claimed_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notification_preferences (user_id) {
        user_id -> BigInt,
        email -> Text,
        reminder_days -> Text,
        events -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    ap_revisions (id) {
        id -> BigInt,
        project_id -> BigInt,
        amount_cents -> BigInt,
        voted_on -> Date,
        deliberation_ref -> Text,
        comment -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    payment_credits (project_id, year) {
        project_id -> BigInt,
        year -> Integer,
        planned_cents -> BigInt,
        paid_cents -> BigInt,
    }
}

diesel::table! {
    funding_schedules (funding_line_id, year) {
        funding_line_id -> BigInt,
        year -> Integer,
        expected_cents -> BigInt,
        received_cents -> BigInt,
    }
}

diesel::table! {
    programming_scenarios (id) {
        id -> BigInt,
        name -> Text,
        shifts -> Text,
        excluded -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    evaluation_grids (id) {
        id -> BigInt,
        name -> Text,
        kind -> Text,
        criteria -> Text,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    evaluation_grid_versions (grid_id, version) {
        grid_id -> BigInt,
        version -> BigInt,
        name -> Text,
        kind -> Text,
        criteria -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    evaluations (id) {
        id -> BigInt,
        project_id -> BigInt,
        kind -> Text,
        grid_id -> BigInt,
        grid_version -> BigInt,
        evaluator_id -> BigInt,
        status -> Text,
        scores -> Text,
        weighted_score -> Nullable<Double>,
        recommendation -> Nullable<Text>,
        comment -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    indicators (id) {
        id -> BigInt,
        project_id -> BigInt,
        name -> Text,
        unit -> Text,
        level -> Text,
        direction -> Text,
        description -> Nullable<Text>,
        baseline_value -> Text,
        baseline_date -> Date,
        target_value -> Text,
        target_date -> Date,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
        public -> Bool,
    }
}

diesel::table! {
    indicator_measurements (id) {
        id -> BigInt,
        indicator_id -> BigInt,
        measured_on -> Date,
        value -> Text,
        comment -> Nullable<Text>,
        recorded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    invitations (id) {
        id -> BigInt,
        user_id -> BigInt,
        token_hash -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_keys (id) {
        id -> BigInt,
        name -> Text,
        prefix -> Text,
        secret_hash -> Text,
        scopes -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhooks (id) {
        id -> BigInt,
        url -> Text,
        events -> Text,
        secret -> Text,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> BigInt,
    }
}

diesel::table! {
    webhook_events (id) {
        id -> BigInt,
        event -> Text,
        payload -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> BigInt,
        webhook_id -> BigInt,
        event_id -> BigInt,
        event -> Text,
        status -> Text,
        attempts -> Integer,
        last_status_code -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        next_attempt_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(audit_log -> users (user_id));
diesel::joinable!(actor_contacts -> actors (actor_id));
diesel::joinable!(projects -> users (lead_id));
diesel::joinable!(project_transitions -> projects (project_id));
diesel::joinable!(milestones -> projects (project_id));
diesel::joinable!(journal_entries -> projects (project_id));
diesel::joinable!(journal_entries -> users (author_id));
diesel::joinable!(documents -> projects (project_id));
diesel::joinable!(participants -> projects (project_id));
diesel::joinable!(participants -> actors (actor_id));
diesel::joinable!(funding_lines -> projects (project_id));
diesel::joinable!(funding_lines -> actors (funder_id));
diesel::joinable!(ap_revisions -> projects (project_id));
diesel::joinable!(notifications -> users (user_id));
diesel::joinable!(notifications -> projects (project_id));
diesel::joinable!(notification_preferences -> users (user_id));
diesel::joinable!(payment_credits -> projects (project_id));
diesel::joinable!(funding_schedules -> funding_lines (funding_line_id));
diesel::joinable!(evaluation_grid_versions -> evaluation_grids (grid_id));
diesel::joinable!(evaluations -> projects (project_id));
diesel::joinable!(evaluations -> users (evaluator_id));
diesel::joinable!(evaluations -> evaluation_grids (grid_id));
diesel::joinable!(indicators -> projects (project_id));
diesel::joinable!(indicator_measurements -> indicators (indicator_id));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));
diesel::joinable!(webhook_deliveries -> webhook_events (event_id));
diesel::allow_tables_to_appear_in_same_query!(
    users,
    refresh_tokens,
    audit_log,
    settings,
    data_generations,
    reference_counters,
    actors,
    actor_contacts,
    projects,
    project_transitions,
    milestones,
    journal_entries,
    documents,
    participants,
    funding_lines,
    ap_revisions,
    payment_credits,
    funding_schedules,
    programming_scenarios,
    funding_opportunities,
    notifications,
    notification_preferences,
    evaluation_grids,
    evaluation_grid_versions,
    evaluations,
    indicators,
    indicator_measurements,
    invitations,
    api_keys,
    webhooks,
    webhook_events,
    webhook_deliveries,
);
