//! The text of Corridor's mails: pure functions from what happened to (subject, body).
//!
//! Plain text, short lines, the facts first: these are read on a phone by an officer who has to
//! act now. Times are UTC RFC 3339, the same form the API and the dashboard show.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::domain::Priority;
use crate::workflow::escalation::{Escalation, COORDINATOR, LIAISON, OFFICERS};

/// Prefix of every subject, so that mail rules can sort Corridor's mail.
const SUBJECT_PREFIX: &str = "[Corridor]";

/// Closing line of every body.
const SIGNATURE: &str = "-- \nCorridor movement permits (automatic message)";

/// An escalation of one stage of one nation's review, for the people of its level.
#[derive(Debug, Clone, Copy)]
pub struct EscalationNotice<'a> {
    /// The notification's reference (e.g. `CN-2026-000123`).
    pub reference: &'a str,
    /// The nation whose review is late (ISO code).
    pub nation: &'a str,
    /// The stage key (e.g. `movcon`).
    pub stage: &'a str,
    /// 1 officers, 2 coordinator, 3 liaison.
    pub level: u8,
    /// Why it escalated.
    pub reason: &'a str,
    /// The due time at stake.
    pub due_at: DateTime<Utc>,
    /// Seconds from firing to `due_at`; negative once it has passed.
    pub time_left_seconds: i64,
}

impl<'a> EscalationNotice<'a> {
    /// The notice for one escalation fired by the ladder.
    pub fn new(reference: &'a str, nation: &'a str, e: &'a Escalation) -> Self {
        EscalationNotice {
            reference,
            nation,
            stage: &e.stage,
            level: e.level,
            reason: &e.reason,
            due_at: e.due_at,
            time_left_seconds: e.time_left_seconds,
        }
    }
}

/// A stage that silence past its hard deadline has approved, told to the nation's coordinator.
#[derive(Debug, Clone, Copy)]
pub struct DeemedConsentNotice<'a> {
    /// The notification's reference.
    pub reference: &'a str,
    /// The nation (ISO code).
    pub nation: &'a str,
    /// The stage key.
    pub stage: &'a str,
    /// The notification's priority (deemed consent is set per priority).
    pub priority: Priority,
    /// The hard deadline that passed.
    pub deadline: DateTime<Utc>,
}

/// What a nation decided, as the requester needs to hear it.
#[derive(Debug, Clone, Copy)]
pub enum Decision<'a> {
    /// The nation approved and issued its permit number.
    Approved {
        /// The nation's permit number (e.g. `DE-2026-000123`).
        permit_number: &'a str,
        /// Conditions attached to the permit (police escort, night movement only, …).
        conditions: &'a [String],
    },
    /// A stage rejected the notification.
    Rejected {
        /// The stage that rejected it.
        stage: &'a str,
        /// The officer's reason.
        reason: &'a str,
    },
    /// A stage asks the requester to amend the notification.
    ChangesRequested {
        /// The stage that asks.
        stage: &'a str,
        /// What has to change.
        reason: &'a str,
    },
}

/// A nation's decision on a notification, for its requester.
#[derive(Debug, Clone, Copy)]
pub struct DecisionNotice<'a> {
    /// The notification's reference.
    pub reference: &'a str,
    /// The deciding nation (ISO code).
    pub nation: &'a str,
    /// The decision.
    pub decision: Decision<'a>,
}

/// Who an escalation level is for, as said in the mail.
pub fn level_audience(level: u8) -> &'static str {
    match level {
        OFFICERS => "the stage's officers",
        COORDINATOR => "the national coordinator",
        LIAISON => "the multinational liaison",
        _ => "the escalation contacts",
    }
}

/// A time in UTC RFC 3339 to the second (`2026-12-01T18:00:00Z`).
pub fn utc(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Time left in hours and minutes (`3 h 05 min left`), or `overdue by 1 h 10 min`.
///
/// Minutes are rounded down while time is left and up once overdue, so the mail never
/// makes a deadline look further away than it is.
pub fn time_left(seconds: i64) -> String {
    match seconds {
        0 => "due now".to_string(),
        1..=59 => "less than 1 min left".to_string(),
        s if s > 0 => format!("{} left", hours_minutes(s / 60)),
        s => format!(
            "overdue by {}",
            hours_minutes(s.unsigned_abs().div_ceil(60) as i64)
        ),
    }
}

fn hours_minutes(minutes: i64) -> String {
    format!("{} h {:02} min", minutes / 60, minutes % 60)
}

/// Subject and body of an escalation mail.
pub fn escalation(n: &EscalationNotice<'_>) -> (String, String) {
    let left = time_left(n.time_left_seconds);
    let subject = format!(
        "{SUBJECT_PREFIX} Escalation L{}: {} {} {} - {left}",
        n.level, n.reference, n.nation, n.stage
    );
    let action = match n.level {
        OFFICERS => "Please decide this stage before it is due.",
        COORDINATOR => "Please decide this stage or have an officer decide it now.",
        LIAISON => "The convoy's overall due time is at risk. Please follow up with the nation.",
        _ => "Please follow up.",
    };
    let body = format!(
        "Escalation level {level} - for {audience}\n\
         \n\
         Notification: {reference}\n\
         Nation:       {nation}\n\
         Stage:        {stage}\n\
         Due:          {due}\n\
         Time left:    {left}\n\
         Reason:       {reason}\n\
         \n\
         {action}\n\
         \n\
         {SIGNATURE}\n",
        level = n.level,
        audience = level_audience(n.level),
        reference = n.reference,
        nation = n.nation,
        stage = n.stage,
        due = utc(n.due_at),
        reason = n.reason,
    );
    (subject, body)
}

/// Subject and body of a deemed-consent notice to the nation's coordinator.
pub fn deemed_consent(n: &DeemedConsentNotice<'_>) -> (String, String) {
    let subject = format!(
        "{SUBJECT_PREFIX} Deemed approved: {} {} {}",
        n.reference, n.nation, n.stage
    );
    let body = format!(
        "Stage {stage} of {nation}'s review received no decision by its hard deadline and is \
         now deemed approved, as {nation}'s policy provides for {priority} priority.\n\
         \n\
         Notification: {reference}\n\
         Nation:       {nation}\n\
         Stage:        {stage}\n\
         Deadline:     {deadline}\n\
         \n\
         This is recorded in the notification's audit trail.\n\
         \n\
         {SIGNATURE}\n",
        stage = n.stage,
        nation = n.nation,
        priority = n.priority.as_str(),
        reference = n.reference,
        deadline = utc(n.deadline),
    );
    (subject, body)
}

/// Text a person typed (a reason, a condition), made safe to put into a mail: control characters
/// (CR/LF that would start a header or a forged line, ESC sequences) and bidirectional overrides
/// that would reorder what the reader sees become spaces, and the text stands in quotes.
pub fn quoted(user_text: &str) -> String {
    let bidi = |c: char| matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let clean: String = user_text
        .chars()
        .map(|c| if c.is_control() || bidi(c) { ' ' } else { c })
        .collect();
    format!("\u{201C}{}\u{201D}", clean.trim())
}

/// Subject and body of a decision notice to the requester.
pub fn decision(n: &DecisionNotice<'_>) -> (String, String) {
    let (reference, nation) = (n.reference, n.nation);
    match n.decision {
        Decision::Approved {
            permit_number,
            conditions,
        } => {
            let subject = format!(
                "{SUBJECT_PREFIX} Approved by {nation}: {reference}, permit {permit_number}"
            );
            let conditions = if conditions.is_empty() {
                "Conditions:   none\n".to_string()
            } else {
                let list: String = conditions
                    .iter()
                    .map(|c| format!("- {}\n", quoted(c)))
                    .collect();
                format!("Conditions (part of the permit):\n{list}")
            };
            let body = format!(
                "{nation} has approved notification {reference}.\n\
                 \n\
                 Notification: {reference}\n\
                 Nation:       {nation}\n\
                 Permit:       {permit_number}\n\
                 {conditions}\
                 \n\
                 {SIGNATURE}\n"
            );
            (subject, body)
        }
        Decision::Rejected { stage, reason } => {
            let reason = quoted(reason);
            let subject = format!("{SUBJECT_PREFIX} Rejected by {nation}: {reference}");
            let body = format!(
                "{nation} has rejected notification {reference}.\n\
                 \n\
                 Notification: {reference}\n\
                 Nation:       {nation}\n\
                 Stage:        {stage}\n\
                 Reason:       {reason}\n\
                 \n\
                 {SIGNATURE}\n"
            );
            (subject, body)
        }
        Decision::ChangesRequested { stage, reason } => {
            let reason = quoted(reason);
            let subject = format!("{SUBJECT_PREFIX} Changes requested by {nation}: {reference}");
            let body = format!(
                "{nation} asks for changes to notification {reference}.\n\
                 \n\
                 Notification: {reference}\n\
                 Nation:       {nation}\n\
                 Stage:        {stage}\n\
                 Reason:       {reason}\n\
                 \n\
                 Amend the notification in Corridor; it is then reviewed again.\n\
                 \n\
                 {SIGNATURE}\n"
            );
            (subject, body)
        }
    }
}

/// Subject and body of the notice to a standing authorisation's holder that its window ends
/// in 14 days or less (issue 15): time to submit a new standing notification.
pub fn standing_ending(
    permit_number: &str,
    nation: &str,
    unit: &str,
    until: chrono::DateTime<chrono::Utc>,
) -> (String, String) {
    let until = until.format("%Y-%m-%d %H:%M UTC");
    let unit = quoted(unit);
    let subject =
        format!("{SUBJECT_PREFIX} Standing authorisation {permit_number} of {nation} ends {until}");
    let body = format!(
        "The standing authorisation {permit_number} that {nation} approved for {unit} ends at\n\
         {until}. Movements after that are reviewed one by one again; submit a new standing\n\
         notification in time if the routine movements go on.\n\
         \n\
         Standing authorisation: {permit_number}\n\
         Nation:                 {nation}\n\
         Ends:                   {until}\n\
         \n\
         {SIGNATURE}\n"
    );
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap()
    }

    #[test]
    fn time_left_reads_in_hours_and_minutes_and_never_flatters_a_deadline() {
        assert_eq!(time_left(3 * 3600 + 5 * 60 + 59), "3 h 05 min left");
        assert_eq!(time_left(49 * 3600), "49 h 00 min left");
        assert_eq!(time_left(30), "less than 1 min left");
        assert_eq!(time_left(0), "due now");
        assert_eq!(time_left(-1), "overdue by 0 h 01 min");
        assert_eq!(time_left(-(3600 + 10 * 60)), "overdue by 1 h 10 min");
        assert!(time_left(i64::MIN).starts_with("overdue by"));
    }

    #[test]
    fn escalation_names_reference_nation_stage_level_due_time_and_time_left() {
        let n = EscalationNotice {
            reference: "CN-2026-000123",
            nation: "DE",
            stage: "movcon",
            level: 2,
            reason: "the stage's due time has passed",
            due_at: at(18, 0),
            time_left_seconds: -(65 * 60),
        };
        let (subject, body) = escalation(&n);
        assert_eq!(
            subject,
            "[Corridor] Escalation L2: CN-2026-000123 DE movcon - overdue by 1 h 05 min"
        );
        for want in [
            "Escalation level 2 - for the national coordinator",
            "Notification: CN-2026-000123",
            "Nation:       DE",
            "Stage:        movcon",
            "Due:          2026-12-01T18:00:00Z",
            "Time left:    overdue by 1 h 05 min",
            "Reason:       the stage's due time has passed",
        ] {
            assert!(body.contains(want), "missing {want:?} in\n{body}");
        }
        assert!(body.lines().all(|l| l.len() <= 100), "short lines:\n{body}");
    }

    #[test]
    fn each_level_says_who_it_is_for() {
        let e = Escalation {
            level: 1,
            stage: "dg_authority".into(),
            reason: "breach predicted".into(),
            due_at: at(12, 0),
            time_left_seconds: 2 * 3600,
        };
        let (s1, b1) = escalation(&EscalationNotice::new("CN-1", "PL", &e));
        assert!(s1.ends_with("2 h 00 min left"), "{s1}");
        assert!(b1.contains("for the stage's officers"), "{b1}");
        let l3 = Escalation { level: 3, ..e };
        let (_, b3) = escalation(&EscalationNotice::new("CN-1", "PL", &l3));
        assert!(b3.contains("for the multinational liaison"), "{b3}");
        assert!(b3.contains("overall due time is at risk"), "{b3}");
    }

    #[test]
    fn deemed_consent_tells_the_coordinator_which_stage_and_why() {
        let (subject, body) = deemed_consent(&DeemedConsentNotice {
            reference: "CN-2026-000007",
            nation: "NL",
            stage: "movcon",
            priority: Priority::Crisis,
            deadline: at(6, 30),
        });
        assert_eq!(
            subject,
            "[Corridor] Deemed approved: CN-2026-000007 NL movcon"
        );
        assert!(body.contains("deemed approved, as NL's policy provides for crisis priority"));
        assert!(
            body.contains("Deadline:     2026-12-01T06:30:00Z"),
            "{body}"
        );
        assert!(body.contains("audit trail"));
    }

    #[test]
    fn typed_text_cannot_add_lines_escape_sequences_or_reorder_the_mail() {
        let (_, b) = decision(&DecisionNotice {
            reference: "CN-2026-000123",
            nation: "PL",
            decision: Decision::Rejected {
                stage: "movcon",
                reason: "bridge closed\r\nBcc: x@evil.example\u{1b}[31m red \u{202E}txet",
            },
        });
        let reason_line = b.lines().find(|l| l.starts_with("Reason:")).unwrap();
        assert!(
            reason_line
                .contains("\u{201C}bridge closed  Bcc: x@evil.example [31m red  txet\u{201D}"),
            "{reason_line}"
        );
        assert!(!b.lines().any(|l| l.starts_with("Bcc:")), "{b}");
        assert!(!b.contains('\r') && !b.contains('\u{1b}') && !b.contains('\u{202E}'));
    }

    #[test]
    fn decision_notices_carry_permit_number_or_reason() {
        let conditions = vec![
            "police escort".to_string(),
            "night movement only".to_string(),
        ];
        let (s, b) = decision(&DecisionNotice {
            reference: "CN-2026-000123",
            nation: "DE",
            decision: Decision::Approved {
                permit_number: "DE-2026-000123",
                conditions: &conditions,
            },
        });
        assert_eq!(
            s,
            "[Corridor] Approved by DE: CN-2026-000123, permit DE-2026-000123"
        );
        assert!(b.contains("Permit:       DE-2026-000123"), "{b}");
        assert!(
            b.contains("- \u{201C}police escort\u{201D}\n- \u{201C}night movement only\u{201D}\n"),
            "{b}"
        );

        let (s, b) = decision(&DecisionNotice {
            reference: "CN-2026-000123",
            nation: "DE",
            decision: Decision::Approved {
                permit_number: "DE-2026-000124",
                conditions: &[],
            },
        });
        assert!(s.ends_with("permit DE-2026-000124"));
        assert!(b.contains("Conditions:   none"), "{b}");

        let (s, b) = decision(&DecisionNotice {
            reference: "CN-2026-000123",
            nation: "AT",
            decision: Decision::Rejected {
                stage: "dg_authority",
                reason: "1.1E load through a category B tunnel",
            },
        });
        assert_eq!(s, "[Corridor] Rejected by AT: CN-2026-000123");
        assert!(b.contains("Stage:        dg_authority"));
        assert!(b.contains("Reason:       \u{201C}1.1E load through a category B tunnel\u{201D}"));

        let (s, b) = decision(&DecisionNotice {
            reference: "CN-2026-000123",
            nation: "PL",
            decision: Decision::ChangesRequested {
                stage: "road_authority",
                reason: "give the axle spacing of vehicle 2",
            },
        });
        assert_eq!(s, "[Corridor] Changes requested by PL: CN-2026-000123");
        assert!(b.contains("Reason:       \u{201C}give the axle spacing of vehicle 2\u{201D}"));
        assert!(b.contains("Amend the notification"));
    }
}
