//! The portable diesel schema, hand-kept for both backends (only types both share).

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        password_hash -> Text,
        role -> Text,
        nation -> Nullable<Text>,
        unit -> Nullable<Text>,
        stages -> Text,
        watch_nations -> Text,
        email -> Nullable<Text>,
        created_at -> Timestamp,
        token_generation -> BigInt,
        disabled_at -> Nullable<Timestamp>,
        language -> Nullable<Text>,
    }
}

diesel::table! {
    login_attempts (throttle_key) {
        throttle_key -> Text,
        failures -> Integer,
        last_failure_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        reference -> Text,
        status -> Text,
        version -> Integer,
        revision -> Integer,
        priority -> Text,
        kind -> Text,
        requester_nation -> Text,
        requester_unit -> Text,
        created_by -> Text,
        departure_at -> Timestamp,
        arrival_at -> Timestamp,
        due_at -> Timestamp,
        escalation_level -> Integer,
        movement -> Text,
        submitted_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notification_versions (notification_id, version) {
        notification_id -> Text,
        version -> Integer,
        movement -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reviews (notification_id, nation) {
        notification_id -> Text,
        nation -> Text,
        position -> Integer,
        status -> Text,
        permit_number -> Nullable<Text>,
        due_at -> Timestamp,
        policy_version -> Text,
        findings -> Text,
        waiver -> Nullable<Text>,
    }
}

diesel::table! {
    stages (id) {
        id -> Text,
        notification_id -> Text,
        nation -> Text,
        stage_key -> Text,
        name -> Text,
        step -> Integer,
        round -> Integer,
        status -> Text,
        opened_at -> Nullable<Timestamp>,
        due_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        conditions -> Text,
        reason -> Nullable<Text>,
        fingerprint -> Text,
        escalation_level -> Integer,
        revision -> Integer,
    }
}

diesel::table! {
    decision_times (stage_id, decided_at) {
        stage_id -> Text,
        nation -> Text,
        stage_key -> Text,
        opened_at -> Timestamp,
        decided_at -> Timestamp,
    }
}

diesel::table! {
    sequences (series, year) {
        series -> Text,
        year -> Integer,
        last_value -> BigInt,
    }
}

diesel::table! {
    idempotency_keys (principal, idem_key) {
        principal -> Text,
        idem_key -> Text,
        request_hash -> Text,
        status -> Integer,
        body -> Text,
        location -> Nullable<Text>,
        etag -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    audit_events (seq) {
        seq -> BigInt,
        notification_id -> Nullable<Text>,
        at -> Timestamp,
        actor -> Text,
        role -> Text,
        nation -> Nullable<Text>,
        action -> Text,
        status_before -> Nullable<Text>,
        status_after -> Nullable<Text>,
        policy_version -> Nullable<Text>,
        detail -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    timers (id) {
        id -> Text,
        kind -> Text,
        notification_id -> Text,
        nation -> Nullable<Text>,
        stage_id -> Nullable<Text>,
        due_at -> Timestamp,
        status -> Text,
        attempts -> Integer,
        locked_by -> Nullable<Text>,
        locked_until -> Nullable<Timestamp>,
        created_at -> Timestamp,
        fired_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    escalations (id) {
        id -> Text,
        notification_id -> Text,
        nation -> Text,
        stage_id -> Nullable<Text>,
        stage_key -> Nullable<Text>,
        level -> Integer,
        reason -> Text,
        due_at -> Timestamp,
        fired_at -> Timestamp,
        acknowledged_by -> Nullable<Text>,
        acknowledged_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    board_marks (notification_id) {
        notification_id -> Text,
        digest -> Text,
        share -> Text,
    }
}

diesel::table! {
    board_counts (scope, nation, status, settled_hour) {
        scope -> Text,
        nation -> Text,
        status -> Text,
        settled_hour -> BigInt,
        n -> BigInt,
    }
}

diesel::table! {
    board_items (scope, kind, item_id) {
        scope -> Text,
        kind -> Text,
        item_id -> Text,
        notification_id -> Text,
        escalated -> Integer,
        due_at -> Timestamp,
        level -> Integer,
    }
}

diesel::table! {
    board_lanes (scope, nation, notification_id) {
        scope -> Text,
        nation -> Text,
        notification_id -> Text,
        reference -> Text,
        priority -> Text,
        status -> Text,
        review_status -> Text,
        requester_nation -> Text,
        requester_unit -> Text,
        search -> Text,
        due_at -> Nullable<Timestamp>,
        stage_key -> Nullable<Text>,
        open_stages -> Integer,
        level -> Integer,
        escalated -> Integer,
        escalation_level -> Integer,
        escalations -> Text,
        urgency -> Text,
    }
}

diesel::table! {
    board_lane_counts (scope, nation, status, priority, level) {
        scope -> Text,
        nation -> Text,
        status -> Text,
        priority -> Text,
        level -> Integer,
        n -> BigInt,
    }
}

diesel::table! {
    board_versions (scope) {
        scope -> Text,
        version -> BigInt,
    }
}

diesel::table! {
    unit_presets (nation, unit, kind, name) {
        nation -> Text,
        unit -> Text,
        kind -> Text,
        name -> Text,
        body -> Text,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    users,
    login_attempts,
    notifications,
    notification_versions,
    reviews,
    stages,
    decision_times,
    sequences,
    idempotency_keys,
    audit_head,
    audit_events,
    timers,
    escalations,
    outbox,
    board_marks,
    board_counts,
    board_items,
    board_versions,
    unit_presets,
    board_lanes,
    board_lane_counts,
);
