//! Standing authorisations (migration `2026-12-02-000015_standing`): one row per approving
//! nation, its index keys, and the movements cleared under it. The only writer of these tables.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::types::{At, Json, MaybeAt};
use super::Db;
use crate::domain::{Envelope, Holders, Nation, StandingStatus};

diesel::table! {
    standing_authorisations (id) {
        id -> Text,
        notification_id -> Text,
        nation -> Text,
        permit_number -> Text,
        holder_nation -> Text,
        holder_unit -> Text,
        holder_user -> Text,
        holders -> Text,
        status -> Text,
        valid_from -> Timestamp,
        valid_until -> Timestamp,
        envelope -> Text,
        approved_at -> Timestamp,
        status_at -> Nullable<Timestamp>,
        status_by -> Nullable<Text>,
        status_reason -> Nullable<Text>,
        reminded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    standing_keys (nation, holder_nation, holder_unit, vehicle_type, standing_id) {
        nation -> Text,
        holder_nation -> Text,
        holder_unit -> Text,
        vehicle_type -> Text,
        standing_id -> Text,
    }
}

diesel::table! {
    standing_uses (notification_id, nation, standing_id) {
        notification_id -> Text,
        nation -> Text,
        standing_id -> Text,
        used_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    standing_authorisations,
    standing_keys,
    standing_uses
);

/// One nation's standing authorisation.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(
    table_name = standing_authorisations,
    treat_none_as_null = true,
    treat_none_as_default_value = false
)]
pub struct StandingRow {
    /// Id.
    pub id: String,
    /// The standing notification it came from.
    pub notification_id: String,
    /// The approving nation.
    pub nation: Nation,
    /// That nation's permit number for it.
    pub permit_number: String,
    /// Requesting nation.
    pub holder_nation: Nation,
    /// Requesting unit.
    pub holder_unit: String,
    /// The planner who submitted it (mailed before it expires).
    pub holder_user: String,
    /// The requesting unit, or every unit of the requesting nation.
    pub holders: Holders,
    /// Where it stands.
    pub status: StandingStatus,
    /// Window start.
    #[diesel(serialize_as = At)]
    pub valid_from: DateTime<Utc>,
    /// Window end.
    #[diesel(serialize_as = At)]
    pub valid_until: DateTime<Utc>,
    /// What the nation approved.
    pub envelope: Json<Envelope>,
    /// When the nation approved it.
    #[diesel(serialize_as = At)]
    pub approved_at: DateTime<Utc>,
    /// When its status last changed.
    #[diesel(serialize_as = MaybeAt)]
    pub status_at: Option<DateTime<Utc>>,
    /// Who changed it.
    pub status_by: Option<String>,
    /// Why.
    pub status_reason: Option<String>,
    /// When its holder was mailed that it ends soon.
    #[diesel(serialize_as = MaybeAt)]
    pub reminded_at: Option<DateTime<Utc>>,
}

/// One index key of an authorisation.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = standing_keys, treat_none_as_default_value = false)]
pub struct KeyRow {
    /// Approving nation.
    pub nation: String,
    /// Requesting nation.
    pub holder_nation: String,
    /// Requesting unit or `*`.
    pub holder_unit: String,
    /// Vehicle type key.
    pub vehicle_type: String,
    /// The authorisation.
    pub standing_id: String,
}

/// Stores a new authorisation with its index keys.
pub fn insert(conn: &mut Db, row: &StandingRow, keys: &[KeyRow]) -> QueryResult<()> {
    diesel::insert_into(standing_authorisations::table)
        .values(row.clone())
        .execute(conn)?;
    // One statement per key: a batch insert is not portable across the two backends.
    for k in keys {
        diesel::insert_into(standing_keys::table)
            .values(k)
            .execute(conn)?;
    }
    Ok(())
}

/// Saves a changed authorisation (status, holders, reminder).
pub fn save(conn: &mut Db, row: &StandingRow) -> QueryResult<()> {
    diesel::update(standing_authorisations::table.find(&row.id))
        .set(row.clone())
        .execute(conn)?;
    Ok(())
}

/// Files the authorisation under `keys` instead of its old ones (holders widened or narrowed).
pub fn replace_keys(conn: &mut Db, id: &str, keys: &[KeyRow]) -> QueryResult<()> {
    diesel::delete(standing_keys::table.filter(standing_keys::standing_id.eq(id))).execute(conn)?;
    // One statement per key: a batch insert is not portable across the two backends.
    for k in keys {
        diesel::insert_into(standing_keys::table)
            .values(k)
            .execute(conn)?;
    }
    Ok(())
}

/// One authorisation by id.
pub fn get(conn: &mut Db, id: &str) -> QueryResult<Option<StandingRow>> {
    standing_authorisations::table
        .find(id)
        .select(StandingRow::as_select())
        .first(conn)
        .optional()
}

/// The authorisations a standing notification gave, every nation's.
pub fn of_notification(conn: &mut Db, notification_id: &str) -> QueryResult<Vec<StandingRow>> {
    standing_authorisations::table
        .filter(standing_authorisations::notification_id.eq(notification_id))
        .select(StandingRow::as_select())
        .load(conn)
}

/// The authorisations filed under any of `keys` whose window ended after `ended_after`, by
/// nation, each nation's in the order of their ids: index
/// lookups, so the cost does not grow with the authorisations of other holders or types.
/// One statement on PostgreSQL, where each is a round trip (a submission across four nations
/// made eight); on SQLite one per key, each of one shape, prepared once per connection (a list
/// of units, `IN (?, ?)`, was prepared anew on every submission: 8 % of one in a profile).
pub fn under_keys(
    conn: &mut Db,
    keys: &[KeyRow],
    ended_after: DateTime<Utc>,
) -> QueryResult<BTreeMap<String, Vec<StandingRow>>> {
    let ended_after = At::from(ended_after);
    let live = standing_authorisations::status
        .ne(StandingStatus::Lapsed)
        .and(standing_authorisations::valid_until.gt(ended_after));
    let by_key = |key: &KeyRow| {
        standing_keys::nation
            .eq(key.nation.clone())
            .and(standing_keys::holder_nation.eq(key.holder_nation.clone()))
            .and(standing_keys::holder_unit.eq(key.holder_unit.clone()))
            .and(standing_keys::vehicle_type.eq(key.vehicle_type.clone()))
    };
    let pg = matches!(conn, Db::Pg(_));
    let found: Vec<StandingRow> = match conn {
        _ if keys.is_empty() => Vec::new(),
        _ if pg => {
            // Each key column against the keys' values (`= ANY($n)`: one array each, so the
            // statement has one shape and is prepared once; an `OR` of the keys was planned
            // anew on every submission, 0.2 ms of PostgreSQL's time). A movement's probe keys
            // are the product of their columns (nations × its unit or any unit × one holder
            // nation and vehicle type, `matching::probe_keys`); anything else the product
            // matches is dropped below, so the answer is the keys' whatever they are.
            let values = |column: fn(&KeyRow) -> &String| -> Vec<String> {
                let set: BTreeSet<&String> = keys.iter().map(column).collect();
                set.into_iter().cloned().collect()
            };
            let wanted: BTreeSet<(&str, &str, &str, &str)> = keys
                .iter()
                .map(|k| {
                    (
                        k.nation.as_str(),
                        k.holder_nation.as_str(),
                        k.holder_unit.as_str(),
                        k.vehicle_type.as_str(),
                    )
                })
                .collect();
            standing_keys::table
                .inner_join(
                    standing_authorisations::table
                        .on(standing_authorisations::id.eq(standing_keys::standing_id)),
                )
                .filter(standing_keys::nation.eq_any(values(|k| &k.nation)))
                .filter(standing_keys::holder_nation.eq_any(values(|k| &k.holder_nation)))
                .filter(standing_keys::holder_unit.eq_any(values(|k| &k.holder_unit)))
                .filter(standing_keys::vehicle_type.eq_any(values(|k| &k.vehicle_type)))
                .filter(live)
                .select((
                    (
                        standing_keys::nation,
                        standing_keys::holder_nation,
                        standing_keys::holder_unit,
                        standing_keys::vehicle_type,
                    ),
                    StandingRow::as_select(),
                ))
                .load::<((String, String, String, String), StandingRow)>(conn)?
                .into_iter()
                .filter(|((n, hn, hu, v), _)| {
                    wanted.contains(&(n.as_str(), hn.as_str(), hu.as_str(), v.as_str()))
                })
                .map(|(_, row)| row)
                .collect()
        }
        _ => {
            let mut found = Vec::new();
            for key in keys {
                let ids = standing_keys::table
                    .filter(by_key(key))
                    .select(standing_keys::standing_id);
                found.extend(
                    standing_authorisations::table
                        .filter(standing_authorisations::id.eq_any(ids))
                        .filter(live)
                        .select(StandingRow::as_select())
                        .load::<StandingRow>(conn)?,
                );
            }
            found
        }
    };
    let mut by_nation: BTreeMap<String, Vec<StandingRow>> = BTreeMap::new();
    // An authorisation is filed under keys of its own nation only (`matching::keys_of`).
    for row in found {
        by_nation
            .entry(row.nation.to_string())
            .or_default()
            .push(row);
    }
    for rows in by_nation.values_mut() {
        // In the order of their ids whatever key found them, as one statement returned them.
        rows.sort_by(|a, b| a.id.cmp(&b.id));
        rows.dedup_by(|a, b| a.id == b.id);
    }
    Ok(by_nation)
}

/// Of `nations`, those of which `holder_nation` holds any authorisation whose window ended
/// after `ended_after` (then a planner is told why none applied). One statement on
/// PostgreSQL; one per nation on SQLite, each prepared once.
pub fn holders_of(
    conn: &mut Db,
    nations: &[String],
    holder_nation: &str,
    ended_after: DateTime<Utc>,
) -> QueryResult<BTreeSet<String>> {
    let held = || {
        standing_authorisations::holder_nation
            .eq(holder_nation.to_string())
            .and(standing_authorisations::status.ne(StandingStatus::Lapsed))
            .and(standing_authorisations::valid_until.gt(At::from(ended_after)))
    };
    match conn {
        _ if nations.is_empty() => Ok(BTreeSet::new()),
        Db::Pg(_) => Ok(standing_authorisations::table
            .filter(standing_authorisations::nation.eq_any(nations))
            .filter(held())
            .select(standing_authorisations::nation)
            .distinct()
            .load::<String>(conn)?
            .into_iter()
            .collect()),
        Db::Sqlite(_) => {
            let mut out = BTreeSet::new();
            for nation in nations {
                let n: i64 = standing_authorisations::table
                    .filter(standing_authorisations::nation.eq(nation))
                    .filter(held())
                    .select(count_star())
                    .first(conn)?;
                if n > 0 {
                    out.insert(nation.clone());
                }
            }
            Ok(out)
        }
    }
}

/// Who sees which authorisations in a list.
#[derive(Debug, Clone)]
pub enum ListScope {
    /// Every one.
    All,
    /// Those the nations approved.
    Approvers(Vec<String>),
    /// Those a unit may use: its own, and those widened to its nation.
    Holder {
        /// Requesting nation.
        nation: String,
        /// Requesting unit.
        unit: String,
    },
}

/// The authorisations in `scope`, optionally of one status, newest approval first.
pub fn list(
    conn: &mut Db,
    scope: &ListScope,
    status: Option<StandingStatus>,
    limit: i64,
) -> QueryResult<Vec<StandingRow>> {
    let mut q = standing_authorisations::table.into_boxed();
    match scope {
        ListScope::All => {}
        ListScope::Approvers(n) => q = q.filter(standing_authorisations::nation.eq_any(n.clone())),
        ListScope::Holder { nation, unit } => {
            q = q
                .filter(standing_authorisations::holder_nation.eq(nation.clone()))
                .filter(
                    standing_authorisations::holder_unit
                        .eq(unit.clone())
                        .or(standing_authorisations::holders.eq(Holders::Nation)),
                )
        }
    }
    if let Some(s) = status {
        q = q.filter(standing_authorisations::status.eq(s));
    }
    q.order((
        standing_authorisations::approved_at.desc(),
        standing_authorisations::id,
    ))
    .limit(limit)
    .select(StandingRow::as_select())
    .load(conn)
}

/// Active or suspended authorisations whose window ends before `before`.
pub fn ending_before(conn: &mut Db, before: DateTime<Utc>) -> QueryResult<Vec<StandingRow>> {
    standing_authorisations::table
        .filter(
            standing_authorisations::status
                .eq_any([StandingStatus::Active, StandingStatus::Suspended]),
        )
        .filter(standing_authorisations::valid_until.le(At::from(before)))
        .select(StandingRow::as_select())
        .load(conn)
}

/// Records that `nation` cleared a movement under an authorisation.
pub fn record_use(
    conn: &mut Db,
    notification_id: &str,
    nation: &str,
    standing_id: &str,
    at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(standing_uses::table)
        .values((
            standing_uses::notification_id.eq(notification_id),
            standing_uses::nation.eq(nation),
            standing_uses::standing_id.eq(standing_id),
            standing_uses::used_at.eq(At::from(at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Whether `nation` already recorded clearing this notification under the authorisation.
pub fn used(
    conn: &mut Db,
    notification_id: &str,
    nation: &str,
    standing_id: &str,
) -> QueryResult<bool> {
    let n: i64 = standing_uses::table
        .filter(standing_uses::notification_id.eq(notification_id))
        .filter(standing_uses::nation.eq(nation))
        .filter(standing_uses::standing_id.eq(standing_id))
        .select(count_star())
        .first(conn)?;
    Ok(n > 0)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::{MovementInput, NotificationStatus, Priority};
    use crate::permit::claims::{self, BundleInput};
    use crate::permit::{issue::DEFAULT_MARGINS, keys, rows as permits};
    use crate::store::notifications::{insert_notification, NotificationRow};
    use crate::store::types::error_chain;

    use crate::store::migrated_temp_store as store;

    fn de() -> Nation {
        Nation::parse("DE").unwrap()
    }

    /// A standing notification, one nation's authorisation of it, and its permit bundle.
    fn stored(c: &mut Db, at: DateTime<Utc>) -> (StandingRow, permits::PermitRow) {
        let movement: MovementInput = serde_json::from_value(crate::domain::sample_json()).unwrap();
        insert_notification(
            c,
            &NotificationRow {
                id: "n1".into(),
                reference: "CRD-2030-000001".into(),
                status: NotificationStatus::Approved,
                version: 1,
                revision: 1,
                priority: Priority::Routine,
                kind: "standing".into(),
                requester_nation: "NL".into(),
                requester_unit: "43 Mechanised Brigade".into(),
                created_by: "u1".into(),
                departure_at: at,
                arrival_at: at,
                due_at: at,
                escalation_level: 0,
                movement: Json(movement.clone()),
                submitted_at: at,
                updated_at: at,
            },
        )
        .unwrap();
        let envelope = Envelope {
            nation: de(),
            permit_number: "DE-2030-000001".into(),
            holder_nation: Nation::parse("NL").unwrap(),
            holder_unit: "43 Mechanised Brigade".into(),
            valid_from: at,
            valid_until: at + chrono::Duration::days(365),
            vehicle_types: Vec::new(),
            goods: Vec::new(),
            priorities: vec![Priority::Routine],
            passages: Vec::new(),
            covered_rules: vec!["dg.load".into()],
            conditions: Vec::new(),
        };
        let row = StandingRow {
            id: "s1".into(),
            notification_id: "n1".into(),
            nation: de(),
            permit_number: envelope.permit_number.clone(),
            holder_nation: envelope.holder_nation,
            holder_unit: envelope.holder_unit.clone(),
            holder_user: "u1".into(),
            holders: Holders::Nation,
            status: StandingStatus::Suspended,
            valid_from: envelope.valid_from,
            valid_until: envelope.valid_until,
            envelope: Json(envelope),
            approved_at: at,
            status_at: Some(at),
            status_by: Some("de coord".into()),
            status_reason: None,
            reminded_at: None,
        };
        insert(c, &row, &[]).unwrap();
        let key = keys::load(c, None, true, false, at).unwrap();
        let bundle = claims::build(&BundleInput {
            iss: "corridor",
            jti: "p1",
            iat: at,
            reference: "CRD-2030-000001",
            version: 1,
            movement: &movement,
            reviews: &[],
            margins: &Default::default(),
            default_margins: DEFAULT_MARGINS,
        });
        let permit = permits::PermitRow {
            jti: "p1".into(),
            notification_id: "n1".into(),
            version: 1,
            kid: key.kid.clone(),
            token: "t".into(),
            claims: Json(bundle),
            issued_at: at,
            not_before: at,
            expires_at: at + chrono::Duration::days(400),
            revoked_at: None,
            revoked_reason: None,
            revocation_seq: None,
        };
        permits::insert(c, &permit).unwrap();
        (row, permit)
    }

    use crate::store::exec_sql as exec;

    #[test]
    fn standing_and_permit_rows_keep_their_types_through_the_database() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        let at = Utc.with_ymd_and_hms(2030, 5, 6, 7, 8, 9).unwrap();
        let (row, permit) = stored(&mut c, at);
        let back = get(&mut c, "s1").unwrap().unwrap();
        assert_eq!(
            (back.status, back.holders, back.nation, back.status_at),
            (StandingStatus::Suspended, Holders::Nation, de(), Some(at))
        );
        assert_eq!(back.envelope, row.envelope);
        let wide = list(
            &mut c,
            &ListScope::Holder {
                nation: "NL".into(),
                unit: "11 Airmobile Brigade".into(),
            },
            Some(StandingStatus::Suspended),
            10,
        )
        .unwrap();
        assert_eq!(
            wide.len(),
            1,
            "widened to the nation, it lists for another unit"
        );
        assert_eq!(
            ending_before(&mut c, at + chrono::Duration::days(366))
                .unwrap()
                .len(),
            1
        );
        let active = permits::active(&mut c, "n1").unwrap().unwrap();
        assert_eq!(active.claims, permit.claims);
        permits::revoke(&mut c, "p1", at, "withdrawn", 1).unwrap();
        let (revoked, seq) = permits::revoked(&mut c, at).unwrap();
        assert_eq!((revoked[0].revoked_at, seq), (Some(at), 1));
    }

    #[test]
    fn bad_stored_standing_and_permit_data_fails_the_load_by_name_instead_of_reading_as_empty() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        let at = Utc.with_ymd_and_hms(2030, 5, 6, 7, 8, 9).unwrap();
        stored(&mut c, at);
        let standing = [
            (
                "UPDATE standing_authorisations SET envelope = '{\"nation\": \"DE\"}'",
                "stored JSON is not a corridor::domain::standing::Envelope",
                "",
            ),
            (
                "UPDATE standing_authorisations SET status = 'actve'",
                "stored StandingStatus: `actve` is not one of active, suspended, revoked, expired, lapsed",
                "UPDATE standing_authorisations SET status = 'active'",
            ),
            (
                "UPDATE standing_authorisations SET holders = 'everyone'",
                "stored Holders: `everyone` is not one of unit, nation",
                "UPDATE standing_authorisations SET holders = 'unit'",
            ),
            (
                "UPDATE standing_authorisations SET nation = 'de'",
                "stored Nation: `de` is not an upper-case ISO 3166-1 alpha-2 code",
                "UPDATE standing_authorisations SET nation = 'DE'",
            ),
        ];
        // The envelope last: there is no repairing it from here.
        for (break_it, says, repair) in standing[1..].iter().chain(&standing[..1]) {
            exec(&mut c, break_it);
            for e in [
                get(&mut c, "s1").map(|_| ()),
                of_notification(&mut c, "n1").map(|_| ()),
                list(&mut c, &ListScope::All, None, 10).map(|_| ()),
            ] {
                let e = error_chain(&e.unwrap_err());
                assert!(e.contains(says), "{e}");
            }
            if !repair.is_empty() {
                exec(&mut c, repair);
            }
        }
        assert!(permits::active(&mut c, "n1").unwrap().is_some());
        exec(
            &mut c,
            "UPDATE permits SET claims = '{\"iss\": \"corridor\"}'",
        );
        let e = error_chain(&permits::active(&mut c, "n1").unwrap_err());
        assert!(
            e.contains("stored JSON is not a corridor::permit::claims::PermitClaims"),
            "{e}"
        );
        permits::revoke(&mut c, "p1", at, "withdrawn", 1).unwrap();
        let e = error_chain(&permits::revoked(&mut c, at).unwrap_err());
        assert!(e.contains("PermitClaims"), "{e}");
    }
}
