//! The shell around the claims: issuing a bundle in the transaction that records the last
//! approval, revoking it in the one that withdraws or amends, both audited.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::claims::{self, BundleInput, Margins, ReviewFacts};
use super::keys::{self, KeyRing};
use super::rows::{self, PermitRow};
use crate::domain::{MovementInput, NotificationStatus, StageStatus};
use crate::error::Error as ApiError;
use crate::policy::PolicySet;
use crate::store::audit::{self, NewEvent};
use crate::store::notifications::{Origin, Stored};
use crate::store::types::Json;
use crate::store::{next_in_series, Db};

/// Margins for a nation whose policy gives none (see `permit_validity` in policies/README.md).
pub const DEFAULT_MARGINS: Margins = Margins {
    before: Duration::hours(2),
    after: Duration::hours(6),
};

/// Who acts (for the audit trail).
pub struct Actor<'a> {
    /// Username, or `system`.
    pub name: &'a str,
    /// Role.
    pub role: &'a str,
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(e.to_string())
}

/// The nations' facts the claims need, from the stored reviews and their current stages.
pub fn review_facts(s: &Stored) -> Result<Vec<ReviewFacts>, ApiError> {
    let mut reviews: Vec<_> = s
        .reviews
        .iter()
        .filter(|r| r.status != NotificationStatus::Withdrawn)
        .collect();
    reviews.sort_by_key(|r| r.position);
    reviews
        .into_iter()
        .map(|r| {
            let stages: Vec<_> = s
                .stages
                .iter()
                .filter(|st| st.nation == r.nation && st.status != StageStatus::Superseded)
                .collect();
            let conditions: Vec<String> = stages
                .iter()
                .flat_map(|st| st.conditions.iter().cloned())
                .collect();
            let decided_at = stages
                .iter()
                .filter_map(|st| st.decided_at)
                .max()
                .unwrap_or(s.notification.submitted_at);
            Ok(ReviewFacts {
                nation: r.nation.clone(),
                permit: r.permit_number.clone().ok_or_else(|| {
                    internal(format!("{} approved without a permit number", r.nation))
                })?,
                conditions,
                decided_at,
                policy_version: r.policy_version.clone(),
            })
        })
        .collect()
}

/// Each nation's margins from the policies in force.
pub fn margins(set: &PolicySet) -> BTreeMap<String, Margins> {
    set.nations()
        .iter()
        .filter_map(|n| {
            let p = set.get(*n)?;
            let v = &p.file.permit_validity;
            Some((
                n.to_string(),
                Margins {
                    before: v.before_departure.to_chrono(),
                    after: v.after_arrival.to_chrono(),
                },
            ))
        })
        .collect()
}

fn event(
    s: &Stored,
    who: &Actor<'_>,
    now: DateTime<Utc>,
    action: &str,
    detail: serde_json::Value,
) -> NewEvent {
    NewEvent {
        notification_id: Some(s.notification.id.clone()),
        at: now,
        actor: who.name.to_string(),
        role: who.role.to_string(),
        nation: None,
        action: action.into(),
        status_before: Some(s.notification.status.to_string()),
        status_after: Some(s.notification.status.to_string()),
        policy_version: None,
        detail,
    }
}

/// Brings the notification's bundle in line with its state, inside the caller's transaction:
/// an approved notification has a bundle for its current version (issued now if it has none);
/// any other bundle of it is revoked.
pub fn settle(
    conn: &mut Db,
    s: &Stored,
    origin: Origin,
    set: &PolicySet,
    now: DateTime<Utc>,
    who: &Actor<'_>,
) -> Result<(), ApiError> {
    let approved = s.notification.status == NotificationStatus::Approved;
    let active = match origin {
        Origin::New => None,
        Origin::Existing => rows::active(conn, &s.notification.id)?,
    };
    if let Some(a) = &active {
        if approved && a.version == s.notification.version {
            return Ok(());
        }
        let reason = if s.notification.status == NotificationStatus::Withdrawn {
            "withdrawn".to_string()
        } else if a.version != s.notification.version {
            "amended".to_string()
        } else {
            s.notification.status.to_string()
        };
        let seq = next_in_series(conn, "permit-revocation", 0)?;
        rows::revoke(conn, &a.jti, now, &reason, seq)?;
        audit::append(
            conn,
            event(
                s,
                who,
                now,
                "permit_revoked",
                json!({"jti": a.jti, "reason": reason, "revocation_seq": seq}),
            ),
        )?;
    }
    if approved {
        let ring = keys::installed().ok_or_else(|| internal("no permit signing key is loaded"))?;
        let row = issue(conn, s, set, now, &ring)?;
        audit::append(
            conn,
            event(
                s,
                who,
                now,
                "permit_issued",
                json!({"jti": row.jti, "kid": row.kid, "version": row.version,
                       "not_before": row.not_before, "expires_at": row.expires_at}),
            ),
        )?;
    }
    Ok(())
}

/// Signs and stores a new bundle for the notification's current version.
fn issue(
    conn: &mut Db,
    s: &Stored,
    set: &PolicySet,
    now: DateTime<Utc>,
    ring: &KeyRing,
) -> Result<PermitRow, ApiError> {
    let movement: &MovementInput = &s.notification.movement;
    let reviews = review_facts(s)?;
    let jti = uuid::Uuid::now_v7().to_string();
    let margins = margins(set);
    let c = claims::build(&BundleInput {
        iss: &ring.issuer,
        jti: &jti,
        iat: now,
        reference: &s.notification.reference,
        version: s.notification.version,
        movement,
        reviews: &reviews,
        margins: &margins,
        default_margins: DEFAULT_MARGINS,
    });
    let token = ring
        .current
        .sign(claims::PERMIT_TYP, &c)
        .map_err(internal)?;
    let at = |t: i64| DateTime::from_timestamp(t, 0).ok_or_else(|| internal("time out of range"));
    let (nbf, exp) = (at(c.nbf)?, at(c.exp)?);
    let row = PermitRow {
        jti,
        notification_id: s.notification.id.clone(),
        version: s.notification.version,
        kid: ring.current.kid.clone(),
        token,
        claims: Json(c),
        issued_at: now,
        not_before: nbf,
        expires_at: exp,
        revoked_at: None,
        revoked_reason: None,
        revocation_seq: None,
    };
    rows::insert(conn, &row)?;
    keys::signed_until(conn, &row.kid, exp)?;
    Ok(row)
}
