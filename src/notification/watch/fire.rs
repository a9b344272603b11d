//! Firing a notification's watch: expiry, deemed consent and escalations at `now`, each
//! re-checked against the stored state under the notification's row lock.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::{assess_review, is_final, open_level, policy_of, schedule, schedule_knowing, SYSTEM};
use crate::auth::access;
use crate::domain::{NotificationStatus, Role};
use crate::error::Error as ApiError;
use crate::i18n::Lang;
use crate::mail::text;
use crate::policy::PolicySet;
use crate::store::audit::{self, NewEvent};
use crate::store::notifications::{self as rows, EscalationRow, Origin, Stored};
use crate::store::outbox;
use crate::store::{Db, UserRow};
use crate::workflow;

/// What one firing did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Fired {
    /// Escalations stored, as `NATION/stage/level`.
    pub escalations: Vec<String>,
    /// Stages that silence approved, as `NATION/stage`.
    pub deemed: Vec<String>,
    /// Whether the notification expired.
    pub expired: bool,
}

fn system_event(
    s: &Stored,
    now: DateTime<Utc>,
    set: &PolicySet,
    action: &str,
    nation: Option<&str>,
    before: &str,
    detail: serde_json::Value,
) -> NewEvent {
    NewEvent {
        notification_id: Some(s.notification.id.clone()),
        at: now,
        actor: SYSTEM.into(),
        role: "system".into(),
        nation: nation.map(str::to_string),
        action: action.into(),
        status_before: Some(before.into()),
        status_after: Some(s.notification.status.to_string()),
        policy_version: Some(set.version().to_string()),
        detail,
    }
}

/// Who an escalation of `level` on `nation`/`key` goes to: the stage's officers, the nation's
/// coordinators, or the liaison users watching the nation. Only users with an e-mail address,
/// each with the language their mail is written in. (A stored user whose row does not parse
/// fails the read in `people`, and with it the firing, instead of silently receiving nothing.)
fn recipients(users: &[UserRow], level: u8, nation: &str, key: &str) -> Vec<(String, Lang)> {
    users
        .iter()
        .filter(|u| access::receives_escalation(&access::identity_of(u), level, nation, key))
        .filter_map(|u| u.email.clone().map(|e| (e, u.language.unwrap_or_default())))
        .collect()
}

/// The mails for the escalations of one nation's review that fired in one firing: ONE mail per
/// (level, recipient) listing the stages of that level the recipient receives, in their
/// language, with the movement and the link to the notification's page.
///
/// Grouped here, when they are queued, not when the outbox sends: the escalation rows and
/// these mails are written in the same transaction, so a mail exists exactly when its
/// escalations do and is never lost; and each outbox row stays one message, so the sender's
/// lease, retries and stable `Message-ID` keep delivering each once. Merging rows at sending
/// time would instead have to mark several rows sent for one SMTP acceptance, where a crash
/// between the two would send a merged mail twice or a row alone again.
fn escalation_mails(
    users: &[UserRow],
    s: &Stored,
    nation: &str,
    fired: &[&workflow::escalation::Escalation],
    link: &str,
) -> Vec<(String, String, String)> {
    let movement = text::MovementLine::of(&s.notification.movement);
    let mut by_level: BTreeMap<u8, BTreeMap<String, (Lang, Vec<text::StageDue>)>> = BTreeMap::new();
    for e in fired {
        for (to, lang) in recipients(users, e.level, nation, &e.stage) {
            let stages = &mut by_level
                .entry(e.level)
                .or_default()
                .entry(to)
                .or_insert((lang, vec![]))
                .1;
            stages.push(text::StageDue {
                stage: e.stage.clone(),
                due_at: e.due_at,
                time_left_seconds: e.time_left_seconds,
                reason: e.reason.clone(),
                why: e.why.clone(),
            });
        }
    }
    let mut out = vec![];
    for (level, people) in by_level {
        for (to, (lang, mut stages)) in people {
            stages.sort_by(|a, b| (a.due_at, &a.stage).cmp(&(b.due_at, &b.stage)));
            let mail = text::EscalationMail {
                reference: &s.notification.reference,
                nation,
                level,
                stages: &stages,
                movement: &movement,
                link,
            };
            let (subject, body) = text::escalation(lang, &mail);
            out.push((to, subject, body));
        }
    }
    out
}

/// The page of notification `id` on the dashboard, under the service's public URL.
pub fn notification_link(public_url: &str, id: &str) -> String {
    format!("{}/dashboard/#n/{id}", public_url.trim_end_matches('/'))
}

fn people(conn: &mut Db) -> QueryResult<Vec<UserRow>> {
    let mut all = UserRow::by_role(conn, Role::Officer)?;
    all.extend(UserRow::by_role(conn, Role::Coordinator)?);
    all.extend(UserRow::by_role(conn, Role::Liaison)?);
    Ok(all)
}

/// Fires the watch of notification `id` at `now`: expiry, deemed consent and escalations, each
/// re-checked against the stored state; then schedules the next check. Mail links to the
/// notification's page under `public_url`.
pub fn fire(
    conn: &mut Db,
    set: &PolicySet,
    now: DateTime<Utc>,
    id: &str,
    public_url: &str,
) -> Result<Fired, ApiError> {
    let mut done = Fired::default();
    if !rows::lock(conn, id)? {
        return Ok(done);
    }
    let Some(mut s) = Stored::load(conn, id)? else {
        return Ok(done);
    };
    if is_final(&s) {
        schedule(conn, &s, Origin::Existing, set, now)?;
        return Ok(done);
    }
    let before = s.notification.status.to_string();
    let priority = s.notification.priority;
    let mut changed = false;
    if now >= s.notification.departure_at {
        s.notification.status = NotificationStatus::Expired;
        rows::save_notification(conn, &s.notification)?;
        rows::bump_revision(conn, id, now)?;
        audit::append(
            conn,
            system_event(
                &s,
                now,
                set,
                "expired",
                None,
                &before,
                json!({"departure_at": s.notification.departure_at}),
            ),
        )?;
        done.expired = true;
        // Its revision was bumped in the store only: restated from the stored rows.
        schedule_knowing(conn, &s, set, now, &BTreeMap::new())?;
        return Ok(done);
    }
    // Recipients are read only when something is to be mailed.
    let mut users: Option<Vec<UserRow>> = None;
    let nations: Vec<String> = s
        .reviews
        .iter()
        .filter(|r| r.status != NotificationStatus::Withdrawn)
        .map(|r| r.nation.clone())
        .collect();
    let mut known = BTreeMap::new();
    for nation in nations {
        let Some(policy) = policy_of(set, &nation).cloned() else {
            tracing::warn!(%nation, notification = %s.notification.reference, "no policy loaded; its review is not watched");
            continue;
        };
        let Some(ri) = s.reviews.iter().position(|r| r.nation == nation) else {
            continue;
        };
        let (mut state, a) = assess_review(conn, &s, &nation, &policy, priority, now)?;
        if a.deemed.is_empty() {
            // What falls due now is recorded below; the assessment's next check then stands.
            known.insert(nation.clone(), a.next_check_at);
        }
        for key in &a.deemed {
            let Ok(change) = workflow::deem(&state, key, now, &policy.file, policy.tz, priority)
            else {
                continue;
            };
            let status_before = s.notification.status.to_string();
            crate::notification::apply_review_change(conn, &mut s, &nation, &change, now)?;
            rows::save_notification(conn, &s.notification)?;
            let deadline = workflow::deemed_consent_at(
                &policy.file,
                priority,
                state
                    .stages
                    .iter()
                    .find(|st| &st.key == key)
                    .map(|st| st.due_at)
                    .unwrap_or(now),
            )
            .unwrap_or(now);
            let detail = json!({"stage": key, "deadline": deadline, "source": policy.file.deemed_consent.source, "permit_number": s.reviews[ri].permit_number});
            audit::append(
                conn,
                system_event(
                    &s,
                    now,
                    set,
                    "deemed_approved",
                    Some(&nation),
                    &status_before,
                    detail,
                ),
            )?;
            let notice = text::DeemedConsentNotice {
                reference: &s.notification.reference,
                nation: &nation,
                stage: key,
                priority,
                deadline,
            };
            if users.is_none() {
                users = Some(people(conn)?);
            }
            for (to, lang) in recipients(users.as_deref().unwrap_or_default(), 2, &nation, key) {
                let (subject, body) = text::deemed_consent(lang, &notice);
                outbox::enqueue(conn, &to, &subject, &body, now)?;
            }
            done.deemed.push(format!("{nation}/{key}"));
            state = change.review;
            changed = true;
        }
        let mut fired_now = vec![];
        for e in &a.fire {
            if a.deemed.contains(&e.stage) {
                continue;
            }
            let Some(stage) = crate::notification::current_stage(&s, &nation, &e.stage).cloned()
            else {
                continue;
            };
            let exists = s.escalations.iter().any(|x| {
                x.stage_id.as_deref() == Some(stage.id.as_str()) && x.level == i32::from(e.level)
            });
            if exists {
                continue;
            }
            let row = EscalationRow {
                id: uuid::Uuid::now_v7().to_string(),
                notification_id: id.to_string(),
                nation: nation.clone(),
                stage_id: Some(stage.id.clone()),
                stage_key: Some(e.stage.clone()),
                level: i32::from(e.level),
                reason: e.reason.clone(),
                due_at: e.due_at,
                fired_at: now,
                acknowledged_by: None,
                acknowledged_at: None,
            };
            rows::insert_escalation(conn, &row)?;
            s.escalations.push(row);
            if let Some(st) = s.stages.iter_mut().find(|st| st.id == stage.id) {
                if st.escalation_level < i32::from(e.level) {
                    st.escalation_level = i32::from(e.level);
                    rows::save_stage(conn, st)?;
                }
            }
            if users.is_none() {
                users = Some(people(conn)?);
            }
            let to = recipients(
                users.as_deref().unwrap_or_default(),
                e.level,
                &nation,
                &e.stage,
            );
            fired_now.push(e);
            let detail = json!({"stage": e.stage, "level": e.level, "reason": e.reason, "due_at": e.due_at,
                                "time_left_seconds": e.time_left_seconds, "recipients": to.len()});
            audit::append(
                conn,
                system_event(
                    &s,
                    now,
                    set,
                    "escalated",
                    Some(&nation),
                    &s.notification.status.to_string(),
                    detail,
                ),
            )?;
            done.escalations
                .push(format!("{nation}/{}/{}", e.stage, e.level));
            changed = true;
        }
        let link = notification_link(public_url, id);
        let users = users.as_deref().unwrap_or_default();
        for (to, subject, body) in escalation_mails(users, &s, &nation, &fired_now, &link) {
            outbox::enqueue(conn, &to, &subject, &body, now)?;
        }
    }
    if changed {
        s.notification.escalation_level = open_level(&s);
        rows::save_notification(conn, &s.notification)?;
        rows::bump_revision(conn, id, now)?;
    }
    // `s` was kept current above; the revision counters `schedule` does not read.
    let system = crate::permit::Actor {
        name: "system",
        role: "system",
    };
    crate::permit::settle(conn, &s, Origin::Existing, set, now, &system)?; // issue 14: deemed consent may complete the approval
    schedule_knowing(conn, &s, set, now, &known)?;
    Ok(done)
}
