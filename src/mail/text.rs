//! The text of Corridor's mails: pure functions from what happened and the recipient's
//! language to (subject, body), the words from `locales/*.ftl` (`mail-*`).
//!
//! Plain text, short lines, the facts first: these are read on a phone by an officer who has to
//! act now. Times are in the reader's locale and always say UTC.

use chrono::{DateTime, Utc};

use crate::domain::{MovementInput, Priority};
use crate::i18n::{datetime, msg, text, Lang, Msg};
use crate::workflow::escalation::{Why, COORDINATOR, LIAISON, OFFICERS};

/// Prefix of every subject, so that mail rules can sort Corridor's mail (not translated).
const SUBJECT_PREFIX: &str = "[Corridor]";

/// The movement in one line's worth of facts: who, how many vehicles, from where to where,
/// when it leaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovementLine {
    /// The requesting unit.
    pub unit: String,
    /// Vehicles in the convoy.
    pub vehicles: u32,
    /// Where the route starts (the first leg's entry point).
    pub from: String,
    /// Where it ends (the last leg's exit point).
    pub to: String,
    /// The nations crossed, in order.
    pub nations: Vec<String>,
    /// Planned departure.
    pub departure_at: DateTime<Utc>,
}

impl MovementLine {
    /// The line of a submitted movement.
    pub fn of(m: &MovementInput) -> MovementLine {
        let mut nations: Vec<String> = Vec::new();
        for leg in &m.itinerary {
            let n = leg.nation.to_string();
            if nations.last() != Some(&n) {
                nations.push(n);
            }
        }
        MovementLine {
            unit: m.requester.unit.clone(),
            vehicles: m.vehicles.iter().map(|v| v.count).sum(),
            from: m
                .itinerary
                .first()
                .map(|l| l.entry_point.clone())
                .unwrap_or_default(),
            to: m
                .itinerary
                .last()
                .map(|l| l.exit_point.clone())
                .unwrap_or_default(),
            nations,
            departure_at: m.departure_at,
        }
    }

    /// The line in `lang`: `43 Mechanised Brigade · 3 vehicles · Havelte → Vilnius (NL, DE,
    /// PL, LT) · departs 1 Dec 2026, 06:00 UTC`. Names typed by people are made safe.
    pub fn render(&self, lang: Lang) -> String {
        msg!(
            "mail-movement",
            unit = clean(&self.unit),
            vehicles = self.vehicles,
            from = clean(&self.from),
            to = clean(&self.to),
            nations = self.nations.join(", "),
            departure = datetime(lang, self.departure_at)
        )
        .render(lang)
    }
}

/// One stage of an escalation mail: which, when due, how much time is left, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageDue {
    /// The stage key (e.g. `movcon`).
    pub stage: String,
    /// The due time at stake.
    pub due_at: DateTime<Utc>,
    /// Seconds from firing to `due_at`; negative once it has passed.
    pub time_left_seconds: i64,
    /// Why it escalated, in English (said when `why` is empty).
    pub reason: String,
    /// Why it escalated, as data for the reader's language.
    pub why: Vec<Why>,
}

/// The reasons of one stage's escalation in `lang`, `; `-separated.
fn reasons(lang: Lang, s: &StageDue) -> String {
    if s.why.is_empty() {
        return s.reason.clone();
    }
    let parts: Vec<String> = s
        .why
        .iter()
        .map(|w| match w {
            Why::ShareUsed { percent } => msg!("mail-why-share", percent = *percent),
            Why::ReviewBreach { finish, due } => msg!(
                "mail-why-review-breach",
                finish = datetime(lang, *finish),
                due = datetime(lang, *due)
            ),
            Why::StageDue => msg!("mail-why-stage-due"),
            Why::OverallWithin { minutes } => msg!(
                "mail-why-overall-within",
                hours = (minutes / 60).to_string(),
                minutes = format!("{:02}", minutes % 60)
            ),
            Why::OverallBreach { finish, due } => msg!(
                "mail-why-overall-breach",
                finish = datetime(lang, *finish),
                due = datetime(lang, *due)
            ),
            Why::RaisedWith { level } => msg!("mail-why-raised", level = *level),
        })
        .map(|m| m.render(lang))
        .collect();
    parts.join("; ")
}

/// The escalations of one notification's review by one nation at one level that fired
/// together, for the people of that level: one mail listing every stage.
#[derive(Debug, Clone, Copy)]
pub struct EscalationMail<'a> {
    /// The notification's reference (e.g. `CN-2026-000123`).
    pub reference: &'a str,
    /// The nation whose review is late (ISO code).
    pub nation: &'a str,
    /// 1 officers, 2 coordinator, 3 liaison.
    pub level: u8,
    /// The stages, soonest due first.
    pub stages: &'a [StageDue],
    /// What is moving where.
    pub movement: &'a MovementLine,
    /// The notification's page.
    pub link: &'a str,
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
    /// The notification's page.
    pub link: &'a str,
}

/// Who an escalation level is for, as said in the mail.
pub fn level_audience(lang: Lang, level: u8) -> String {
    let id = match level {
        OFFICERS => "mail-audience-officers",
        COORDINATOR => "mail-audience-coordinator",
        LIAISON => "mail-audience-liaison",
        _ => "mail-audience-other",
    };
    text(lang, id)
}

/// Time left in hours and minutes (`3 h 05 min left`), or `overdue by 1 h 10 min`.
///
/// Minutes are rounded down while time is left and up once overdue, so the mail never
/// makes a deadline look further away than it is.
pub fn time_left(lang: Lang, seconds: i64) -> String {
    let hm = |minutes: i64| ((minutes / 60).to_string(), format!("{:02}", minutes % 60));
    match seconds {
        0 => text(lang, "mail-time-due-now"),
        1..=59 => text(lang, "mail-time-under-a-minute"),
        s if s > 0 => {
            let (h, m) = hm(s / 60);
            msg!("mail-time-left", hours = h, minutes = m).render(lang)
        }
        s => {
            let (h, m) = hm(s.unsigned_abs().div_ceil(60) as i64);
            msg!("mail-time-overdue", hours = h, minutes = m).render(lang)
        }
    }
}

/// `label:` and value lines, the values aligned after the longest label.
fn rows(lang: Lang, rows: &[(&str, String)]) -> String {
    let labels: Vec<String> = rows.iter().map(|(id, _)| text(lang, id)).collect();
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 1;
    let mut out = String::new();
    for (label, (_, value)) in labels.iter().zip(rows) {
        let head = format!("{label}:");
        out.push_str(&format!("{head:<w$} {value}\n", w = width));
    }
    out
}

/// The closing lines of every body.
fn signature(lang: Lang) -> String {
    format!("-- \n{}\n", text(lang, "mail-signature"))
}

fn subject(lang: Lang, m: Msg) -> String {
    format!("{SUBJECT_PREFIX} {}", m.render(lang))
}

/// Subject and body of an escalation mail: one per notification, nation and level, listing
/// its stages with their due times and time left, the movement, and a link to its page.
pub fn escalation(lang: Lang, n: &EscalationMail<'_>) -> (String, String) {
    let soonest = n
        .stages
        .iter()
        .map(|s| s.time_left_seconds)
        .min()
        .unwrap_or(0);
    let keys: Vec<&str> = n.stages.iter().map(|s| s.stage.as_str()).collect();
    let subject = subject(
        lang,
        msg!(
            "mail-escalation-subject",
            level = n.level,
            reference = n.reference,
            nation = n.nation,
            stages = keys.join(", "),
            left = time_left(lang, soonest)
        ),
    );
    let action = match n.level {
        OFFICERS => "mail-escalation-action-officers",
        COORDINATOR => "mail-escalation-action-coordinator",
        LIAISON => "mail-escalation-action-liaison",
        _ => "mail-escalation-action-other",
    };
    let mut stages = String::new();
    for s in n.stages {
        stages.push_str(&format!(
            "- {}\n  {}\n",
            msg!(
                "mail-escalation-stage",
                stage = s.stage.as_str(),
                due = datetime(lang, s.due_at),
                left = time_left(lang, s.time_left_seconds)
            )
            .render(lang),
            msg!("mail-escalation-reason", reason = reasons(lang, s)).render(lang),
        ));
    }
    let body = format!(
        "{heading}\n\n{rows}\n{stages_heading}\n{stages}\n{action}\n\n{signature}",
        heading = msg!(
            "mail-escalation-heading",
            level = n.level,
            audience = level_audience(lang, n.level)
        )
        .render(lang),
        rows = rows(
            lang,
            &[
                ("mail-label-notification", n.reference.to_string()),
                ("mail-label-nation", n.nation.to_string()),
                ("mail-label-movement", n.movement.render(lang)),
                ("mail-label-link", n.link.to_string()),
            ]
        ),
        stages_heading = msg!("mail-escalation-stages", count = n.stages.len()).render(lang),
        action = Msg::new(action).arg("count", n.stages.len()).render(lang),
        signature = signature(lang),
    );
    (subject, body)
}

/// Subject and body of a deemed-consent notice to the nation's coordinator.
pub fn deemed_consent(lang: Lang, n: &DeemedConsentNotice<'_>) -> (String, String) {
    let subject = subject(
        lang,
        msg!(
            "mail-deemed-subject",
            reference = n.reference,
            nation = n.nation,
            stage = n.stage
        ),
    );
    let body = format!(
        "{intro}\n\n{rows}\n{audit}\n\n{signature}",
        intro = msg!(
            "mail-deemed-intro",
            stage = n.stage,
            nation = n.nation,
            priority = n.priority.as_str()
        )
        .render(lang),
        rows = rows(
            lang,
            &[
                ("mail-label-notification", n.reference.to_string()),
                ("mail-label-nation", n.nation.to_string()),
                ("mail-label-stage", n.stage.to_string()),
                ("mail-label-deadline", datetime(lang, n.deadline)),
            ]
        ),
        audit = text(lang, "mail-deemed-audit"),
        signature = signature(lang),
    );
    (subject, body)
}

/// Text a person typed (a reason, a condition), made safe to put into a mail: control characters
/// (CR/LF that would start a header or a forged line, ESC sequences) and bidirectional overrides
/// that would reorder what the reader sees become spaces, and the text stands in quotes.
pub fn quoted(user_text: &str) -> String {
    format!("\u{201C}{}\u{201D}", clean(user_text))
}

/// `quoted` without the quotes, for names (a unit, a border crossing).
fn clean(user_text: &str) -> String {
    let bidi = |c: char| matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let clean: String = user_text
        .chars()
        .map(|c| if c.is_control() || bidi(c) { ' ' } else { c })
        .collect();
    clean.trim().to_string()
}

/// Subject and body of a decision notice to the requester.
pub fn decision(lang: Lang, n: &DecisionNotice<'_>) -> (String, String) {
    let (reference, nation) = (n.reference, n.nation);
    match n.decision {
        Decision::Approved {
            permit_number,
            conditions,
        } => {
            let subject = subject(
                lang,
                msg!(
                    "mail-approved-subject",
                    nation = nation,
                    reference = reference,
                    permit = permit_number
                ),
            );
            let mut lines = vec![
                ("mail-label-notification", reference.to_string()),
                ("mail-label-nation", nation.to_string()),
                ("mail-label-permit", permit_number.to_string()),
                ("mail-label-link", n.link.to_string()),
            ];
            let list = if conditions.is_empty() {
                lines.push(("mail-label-conditions", text(lang, "mail-conditions-none")));
                String::new()
            } else {
                let items: String = conditions
                    .iter()
                    .map(|c| format!("- {}\n", quoted(c)))
                    .collect();
                format!("{}\n{items}", text(lang, "mail-conditions-heading"))
            };
            let body = format!(
                "{intro}\n\n{rows}{list}\n{signature}",
                intro = msg!(
                    "mail-approved-intro",
                    nation = nation,
                    reference = reference
                )
                .render(lang),
                rows = rows(lang, &lines),
                signature = signature(lang),
            );
            (subject, body)
        }
        Decision::Rejected { stage, reason } | Decision::ChangesRequested { stage, reason } => {
            let rejected = matches!(n.decision, Decision::Rejected { .. });
            let (subject_id, intro_id) = if rejected {
                ("mail-rejected-subject", "mail-rejected-intro")
            } else {
                ("mail-changes-subject", "mail-changes-intro")
            };
            let args = |id| {
                Msg::new(id)
                    .arg("nation", nation)
                    .arg("reference", reference)
            };
            let subject = subject(lang, args(subject_id));
            let action = if rejected {
                String::new()
            } else {
                format!("{}\n\n", text(lang, "mail-changes-action"))
            };
            let body = format!(
                "{intro}\n\n{rows}\n{action}{signature}",
                intro = args(intro_id).render(lang),
                rows = rows(
                    lang,
                    &[
                        ("mail-label-notification", reference.to_string()),
                        ("mail-label-nation", nation.to_string()),
                        ("mail-label-stage", stage.to_string()),
                        ("mail-label-reason", quoted(reason)),
                        ("mail-label-link", n.link.to_string()),
                    ]
                ),
                signature = signature(lang),
            );
            (subject, body)
        }
    }
}

/// Subject and body of the notice to a standing authorisation's holder that its window ends
/// in 14 days or less (issue 15): time to submit a new standing notification.
pub fn standing_ending(
    lang: Lang,
    permit_number: &str,
    nation: &str,
    unit: &str,
    until: DateTime<Utc>,
) -> (String, String) {
    let until = datetime(lang, until);
    let subject = subject(
        lang,
        msg!(
            "mail-standing-subject",
            permit = permit_number,
            nation = nation,
            until = until.as_str()
        ),
    );
    let body = format!(
        "{intro}\n\n{rows}\n{signature}",
        intro = msg!(
            "mail-standing-intro",
            permit = permit_number,
            nation = nation,
            unit = quoted(unit),
            until = until.as_str()
        )
        .render(lang),
        rows = rows(
            lang,
            &[
                ("mail-label-standing", permit_number.to_string()),
                ("mail-label-nation", nation.to_string()),
                ("mail-label-ends", until.clone()),
            ]
        ),
        signature = signature(lang),
    );
    (subject, body)
}

#[cfg(test)]
mod tests;
