//! Standing authorisations (issue 15): a nation's approval of a `kind: standing` notification
//! defines an envelope; a later single movement inside it is cleared by that nation at once.
//!
//! `envelope` (what an approval covers) and `matching` (inside or not, why not, and the index)
//! are the pure core. The functions here are the thin shell around them: they read and write
//! `store::standing` inside the lifecycle's transactions. The notification operations call
//! `record_approvals` when a standing notification settles and `consult`/`Consultation::clear`
//! when a single movement is submitted or amended.

pub mod envelope;
pub mod matching;
#[cfg(test)]
mod sample;

use crate::i18n::msg;
use chrono::{DateTime, Datelike, Duration, Utc};
use serde_json::json;

use crate::auth::{access, Identity};
use crate::domain::{
    Finding, Kind, Movement, MovementInput, Nation, NotificationStatus, Severity, StageStatus,
};
use crate::error::Error;
use crate::policy::{Evaluation, PolicySet};
use crate::store::audit::{self, NewEvent};
use crate::store::notifications::{NotificationRow, ReviewRow, StageRow, Stored};
use crate::store::standing::{self as rows, KeyRow, StandingRow};
use crate::store::types::Json;
use crate::store::{next_in_series, Db};
use envelope::{Approval, Envelope, Holders, StandingStatus};
use matching::{Authorisation, IndexKey, Verdict};

/// Rule id of the finding that says a standing authorisation cleared the nation.
pub const USED_RULE: &str = "standing.used";
/// Rule id of the finding that says why no standing authorisation applied.
pub const NOT_APPLIED_RULE: &str = "standing.not_applied";
/// How long before its window ends a holder is told.
pub const REMIND_DAYS: i64 = 14;
/// How long after its window ended an authorisation is still named when a movement misses it.
const NAMED_AFTER_END_DAYS: i64 = 30;

/// `decided_by` of a stage cleared under the standing authorisation `permit_number`.
pub fn decided_by(permit_number: &str) -> String {
    format!("standing authorisation {permit_number}")
}

fn key_row(k: IndexKey, id: &str) -> KeyRow {
    KeyRow {
        nation: k.nation,
        holder_nation: k.holder_nation,
        holder_unit: k.holder_unit,
        vehicle_type: k.vehicle_type,
        standing_id: id.to_string(),
    }
}

/// The matcher's view of a stored authorisation.
pub fn authorisation(row: &StandingRow) -> Authorisation {
    Authorisation {
        id: row.id.clone(),
        status: row.status,
        holders: row.holders,
        status_at: row.status_at,
        envelope: row.envelope.0.clone(),
    }
}

/// What the standing authorisations say about one movement: per nation the verdict, and the
/// evaluation with a finding per verdict (so the requester reads it with the nation's findings).
#[derive(Debug, Clone)]
pub struct Consultation {
    /// The evaluation, with `standing.used` / `standing.not_applied` info findings added.
    pub evaluation: Evaluation,
    /// The nations that had something to say, each with its verdict.
    pub verdicts: Vec<(Nation, Verdict)>,
}

/// Asks every nation on the route whether one of its standing authorisations covers the
/// movement. A nation says nothing when the requesting nation holds none of its
/// authorisations; otherwise it names the one used, or why none applied.
pub fn consult(
    conn: &mut Db,
    policies: &PolicySet,
    movement: &Movement,
    eval: &Evaluation,
    now: DateTime<Utc>,
) -> Result<Consultation, Error> {
    let mut out = Consultation {
        evaluation: eval.clone(),
        verdicts: Vec::new(),
    };
    if movement.kind != Kind::Single {
        return Ok(out);
    }
    let named_after = now - Duration::days(NAMED_AFTER_END_DAYS);
    // Every nation's look-ups at once: on PostgreSQL each statement is a round trip.
    let on_route: Vec<Nation> = out
        .evaluation
        .nations
        .iter()
        .map(|ne| ne.nation)
        .filter(|n| policies.get(*n).is_some())
        .collect();
    let keys: Vec<KeyRow> = on_route
        .iter()
        .flat_map(|n| matching::probe_keys(movement, *n))
        .map(|k| key_row(k, ""))
        .collect();
    let mut found_by_nation = rows::under_keys(conn, &keys, named_after)?;
    let none_found: Vec<String> = on_route
        .iter()
        .map(|n| n.to_string())
        .filter(|n| !found_by_nation.contains_key(n))
        .collect();
    let held = rows::holders_of(
        conn,
        &none_found,
        movement.requester.nation.as_str(),
        named_after,
    )?;
    for ne in out.evaluation.nations.iter_mut() {
        let Some(policy) = policies.get(ne.nation) else {
            continue;
        };
        let nation = ne.nation.to_string();
        let found = found_by_nation.remove(&nation).unwrap_or_default();
        if found.is_empty() && !held.contains(&nation) {
            continue;
        }
        let honoured = &policy.file.standing.priorities;
        let verdict = if !honoured.contains(&movement.priority) {
            Verdict::NotApplied {
                reason: format!(
                    "{} does not honour standing authorisations for {} movements{}",
                    policy.file.name,
                    movement.priority,
                    if honoured.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " (only {})",
                            honoured
                                .iter()
                                .map(|p| p.to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                ),
                closest: None,
            }
        } else {
            let candidates: Vec<Authorisation> = found.iter().map(authorisation).collect();
            let refs: Vec<&Authorisation> = candidates.iter().collect();
            matching::choose(
                &refs,
                movement,
                &ne.findings,
                &matching::date_rules(&policy.file),
                now,
            )
        };
        let source = policy
            .file
            .standing
            .source
            .clone()
            .unwrap_or_else(|| "corridor".into());
        ne.findings.push(match &verdict {
            Verdict::Used(fit) => Finding {
                rule: USED_RULE.into(),
                severity: Severity::Info,
                message: format!(
                    "inside standing authorisation {}: cleared at once{}",
                    fit.permit_number,
                    if fit.covered.is_empty() {
                        String::new()
                    } else {
                        format!(" ({} as approved)", fit.covered.join(", "))
                    }
                ),
                subject: "standing".into(),
                source,
                stage: None,
                condition: None,
                vehicles: Vec::new(),
                cargo: Vec::new(),
                folded: 0,
            },
            Verdict::NotApplied { reason, closest } => Finding {
                rule: NOT_APPLIED_RULE.into(),
                severity: Severity::Info,
                message: format!("no standing authorisation applies: {reason}"),
                subject: closest
                    .as_ref()
                    .map(|c| c.subject.clone())
                    .unwrap_or_else(|| "standing".into()),
                source,
                stage: None,
                condition: None,
                vehicles: Vec::new(),
                cargo: Vec::new(),
                folded: 0,
            },
        });
        out.verdicts.push((ne.nation, verdict));
    }
    Ok(out)
}

impl Consultation {
    /// Clears every nation whose verdict is `Used`, in the rows about to be stored: each of
    /// its stages `auto_cleared` by the authorisation, its conditions on the first stage, the
    /// review approved with a permit number of its own. Returns what the audit event records.
    pub fn clear(
        &self,
        conn: &mut Db,
        n: &NotificationRow,
        reviews: &mut [ReviewRow],
        stages: &mut [StageRow],
        now: DateTime<Utc>,
    ) -> Result<serde_json::Value, Error> {
        let mut record = Vec::new();
        for (nation, verdict) in &self.verdicts {
            let code = nation.to_string();
            let fit = match verdict {
                Verdict::Used(fit) => fit,
                Verdict::NotApplied { reason, .. } => {
                    record
                        .push(json!({"nation": code, "outcome": "not_applied", "reason": reason}));
                    continue;
                }
            };
            let Some(review) = reviews
                .iter_mut()
                .find(|r| r.nation == code && r.status != NotificationStatus::Withdrawn)
            else {
                continue;
            };
            let mut first = true;
            for st in stages
                .iter_mut()
                .filter(|s| s.nation == code && s.status != StageStatus::Superseded)
            {
                st.status = StageStatus::AutoCleared;
                st.opened_at = Some(st.opened_at.unwrap_or(now));
                st.decided_at = Some(now);
                st.decided_by = Some(decided_by(&fit.permit_number));
                st.reason = None;
                let conditions: Vec<String> = if first {
                    fit.conditions.clone()
                } else {
                    Vec::new()
                };
                st.conditions = Json(conditions);
                first = false;
            }
            review.status = NotificationStatus::Approved;
            if review.permit_number.is_none() {
                let seq = next_in_series(conn, &code, now.year())?;
                review.permit_number = Some(crate::workflow::permit_number(
                    *nation,
                    now.year(),
                    seq as u64,
                ));
            }
            if !rows::used(conn, &n.id, &code, &fit.standing_id)? {
                rows::record_use(conn, &n.id, &code, &fit.standing_id, now)?;
                crate::store::board_tally::count_clearance(conn, &code, now)?;
            }
            record.push(json!({
                "nation": code,
                "outcome": "used",
                "standing_id": fit.standing_id,
                "standing_permit": fit.permit_number,
                "permit_number": review.permit_number,
                "covered": fit.covered,
                "conditions": fit.conditions,
            }));
        }
        Ok(serde_json::Value::Array(record))
    }
}

impl Consultation {
    /// `clear` for an amendment, whose reviews and stages are already stored: reloads the
    /// current stages, clears those of the nations whose verdict is `Used`, saves what changed.
    pub fn clear_amended(
        &self,
        conn: &mut Db,
        s: &mut Stored,
        now: DateTime<Utc>,
    ) -> Result<serde_json::Value, Error> {
        let id = s.notification.id.clone();
        let mut stages = Stored::load(conn, &id)?
            .ok_or_else(|| Error::Internal(format!("notification {id} vanished")))?
            .stages;
        let before: Vec<(StageStatus, Option<String>)> = stages
            .iter()
            .map(|st| (st.status, st.decided_by.clone()))
            .collect();
        let before_reviews: Vec<(NotificationStatus, Option<String>)> = s
            .reviews
            .iter()
            .map(|r| (r.status, r.permit_number.clone()))
            .collect();
        let record = self.clear(conn, &s.notification, &mut s.reviews, &mut stages, now)?;
        for (st, (status, by)) in stages.iter().zip(&before) {
            if &st.status != status || &st.decided_by != by {
                crate::store::notifications::save_stage(conn, st)?;
            }
        }
        for (r, (status, permit)) in s.reviews.iter().zip(&before_reviews) {
            if &r.status != status || &r.permit_number != permit {
                crate::store::notifications::save_review(conn, r)?;
            }
        }
        Ok(record)
    }
}

/// After any change to a standing notification: each nation whose review is approved gets its
/// standing authorisation (once per permit number); one whose approval no longer stands (an
/// amendment started its review again, or the notification was withdrawn) lapses.
pub fn record_approvals(conn: &mut Db, s: &Stored, now: DateTime<Utc>) -> Result<(), Error> {
    let n = &s.notification;
    if n.kind != "standing" {
        return Ok(());
    }
    let existing = rows::of_notification(conn, &n.id)?;
    let input: MovementInput = n.movement.0.clone();
    let gone = n.status == NotificationStatus::Withdrawn;
    for r in &s.reviews {
        let approved = (!gone && r.status == NotificationStatus::Approved)
            .then_some(r.permit_number.as_deref())
            .flatten();
        let mut have = false;
        for old in existing.iter().filter(|o| o.nation.as_str() == r.nation) {
            if approved == Some(old.permit_number.as_str()) && !old.status.is_final() {
                have = true;
            } else if !old.status.is_final() {
                let mut old = old.clone();
                old.status = StandingStatus::Lapsed;
                old.status_at = Some(now);
                old.status_by = Some("system".into());
                old.status_reason = Some("the standing notification changed".into());
                rows::save(conn, &old)?;
            }
        }
        let (Some(permit), false) = (approved, have) else {
            continue;
        };
        let findings: Vec<Finding> = r.findings.0.clone();
        let waived: Vec<String> = r
            .waiver
            .as_ref()
            .map(|w| w.0.rules.clone())
            .unwrap_or_default();
        let conditions: Vec<String> = s
            .stages
            .iter()
            .filter(|st| st.nation == r.nation && st.status != StageStatus::Superseded)
            .flat_map(|st| st.conditions.0.clone())
            .collect();
        let nation = Nation::parse(&r.nation).map_err(Error::Internal)?;
        let Some(env) = envelope::envelope(
            &input,
            &Approval {
                nation,
                permit_number: permit,
                findings: &findings,
                waived: &waived,
                conditions: &conditions,
            },
        ) else {
            continue;
        };
        insert(conn, n, env, now)?;
    }
    Ok(())
}

fn insert(
    conn: &mut Db,
    n: &NotificationRow,
    env: Envelope,
    now: DateTime<Utc>,
) -> Result<StandingRow, Error> {
    let a = Authorisation {
        id: uuid::Uuid::now_v7().to_string(),
        status: StandingStatus::Active,
        holders: Holders::Unit,
        status_at: None,
        envelope: env,
    };
    let keys: Vec<KeyRow> = matching::keys_of(&a)
        .into_iter()
        .map(|k| key_row(k, &a.id))
        .collect();
    let e = a.envelope;
    let row = StandingRow {
        id: a.id,
        notification_id: n.id.clone(),
        nation: e.nation,
        permit_number: e.permit_number.clone(),
        holder_nation: e.holder_nation,
        holder_unit: e.holder_unit.clone(),
        holder_user: n.created_by.clone(),
        holders: a.holders,
        status: a.status,
        valid_from: e.valid_from,
        valid_until: e.valid_until,
        approved_at: now,
        envelope: Json(e),
        status_at: None,
        status_by: None,
        status_reason: None,
        reminded_at: None,
    };
    rows::insert(conn, &row, &keys)?;
    Ok(row)
}

/// What a coordinator does to a standing authorisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Hold it: no movement clears under it until resumed.
    Suspend,
    /// Lift a suspension.
    Resume,
    /// End it for good; movements already cleared keep their permits.
    Revoke,
    /// Who may use it: the requesting unit, or every unit of the requesting nation.
    Holders(Holders),
}

impl Change {
    fn action(&self) -> &'static str {
        match self {
            Change::Suspend => "standing_suspended",
            Change::Resume => "standing_resumed",
            Change::Revoke => "standing_revoked",
            Change::Holders(_) => "standing_holders_changed",
        }
    }
}

/// Applies a coordinator's change to authorisation `id` at `now`: refused (403) to anyone but
/// the approving nation's coordinator, (409) where the status does not allow it. Audited on
/// the standing notification's trail.
pub fn change(
    conn: &mut Db,
    who: &Identity,
    id: &str,
    change: Change,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<StandingRow, Error> {
    let missing = || Error::NotFound(msg!("problem-no-standing", id = id));
    let mut row = rows::get(conn, id)?.ok_or_else(missing)?;
    if !access::may_read_standing(
        who,
        row.nation.as_str(),
        row.holder_nation.as_str(),
        &row.holder_unit,
        row.holders.as_str(),
    ) {
        return Err(missing());
    }
    access::may_manage_standing(who, row.nation.as_str()).map_err(Error::Forbidden)?;
    let before = row.status;
    let refused = |what: &str| {
        Error::Conflict(msg!(
            "problem-standing-final",
            permit = &row.permit_number,
            status = before.as_str(),
            action = what
        ))
    };
    match (&change, before) {
        (_, s) if s.is_final() => {
            return Err(refused(change.action().trim_start_matches("standing_")))
        }
        (Change::Suspend, StandingStatus::Active) => row.status = StandingStatus::Suspended,
        (Change::Suspend, _) => return Err(refused("suspended again")),
        (Change::Resume, StandingStatus::Suspended) => {
            if row.valid_until <= now {
                return Err(refused("resumed after its window ended"));
            }
            row.status = StandingStatus::Active;
        }
        (Change::Resume, _) => return Err(refused("resumed: it is not suspended")),
        (Change::Revoke, _) => row.status = StandingStatus::Revoked,
        (Change::Holders(h), _) => {
            let mut a = authorisation(&row);
            a.holders = *h;
            row.holders = *h;
            let keys: Vec<KeyRow> = matching::keys_of(&a)
                .into_iter()
                .map(|k| key_row(k, &row.id))
                .collect();
            rows::replace_keys(conn, &row.id, &keys)?;
        }
    }
    row.status_at = Some(now);
    row.status_by = Some(who.username.clone());
    row.status_reason = reason.clone();
    rows::save(conn, &row)?;
    audit::append(
        conn,
        NewEvent {
            notification_id: Some(row.notification_id.clone()),
            at: now,
            actor: who.username.clone(),
            role: who.role.to_string(),
            nation: Some(row.nation.to_string()),
            action: change.action().into(),
            status_before: None,
            status_after: None,
            policy_version: None,
            detail: json!({
                "standing_id": row.id, "permit_number": row.permit_number,
                "status_before": before, "status": row.status, "holders": row.holders,
                "reason": reason,
            }),
        },
    )?;
    Ok(row)
}

/// The authorisations `who` may list, optionally of one status.
pub fn list(
    conn: &mut Db,
    who: &Identity,
    status: Option<StandingStatus>,
    limit: i64,
) -> Result<Vec<StandingRow>, Error> {
    Ok(rows::list(
        conn,
        &access::standing_scope(who),
        status,
        limit,
    )?)
}

/// The standing authorisations whose window ends: expired at its end (audited), and their
/// holders mailed `REMIND_DAYS` days before. Returns (expired, reminded).
pub fn expire_and_remind(conn: &mut Db, now: DateTime<Utc>) -> Result<(usize, usize), Error> {
    let mut expired = 0;
    let mut reminded = 0;
    for mut row in rows::ending_before(conn, now + Duration::days(REMIND_DAYS))? {
        if row.valid_until <= now {
            let before = row.status;
            row.status = StandingStatus::Expired;
            row.status_at = Some(now);
            row.status_by = Some("system".into());
            row.status_reason = Some("its validity window ended".into());
            rows::save(conn, &row)?;
            audit::append(
                conn,
                NewEvent {
                    notification_id: Some(row.notification_id.clone()),
                    at: now,
                    actor: "system".into(),
                    role: "system".into(),
                    nation: Some(row.nation.to_string()),
                    action: "standing_expired".into(),
                    status_before: None,
                    status_after: None,
                    policy_version: None,
                    detail: json!({"standing_id": row.id, "permit_number": row.permit_number, "status_before": before}),
                },
            )?;
            expired += 1;
        } else if row.reminded_at.is_none() && row.status == StandingStatus::Active {
            let to = crate::store::UserRow::by_id(conn, &row.holder_user)?
                .and_then(|u| u.email.map(|e| (e, u.language.unwrap_or_default())));
            if let Some((to, lang)) = to {
                let (subject, body) = crate::mail::text::standing_ending(
                    lang,
                    &row.permit_number,
                    row.nation.as_str(),
                    &row.holder_unit,
                    row.valid_until,
                );
                crate::store::outbox::enqueue(conn, &to, &subject, &body, now)?;
                reminded += 1;
            }
            row.reminded_at = Some(now);
            rows::save(conn, &row)?;
        }
    }
    Ok((expired, reminded))
}
