//! Standing authorisations (migration `2026-12-02-000015_standing`): one row per approving
//! nation, its index keys, and the movements cleared under it. The only writer of these tables.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::types::{At, Json, MaybeAt};
use super::Db;
use crate::domain::{Envelope, Holders, Nation, NotificationStatus, StandingStatus};

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

diesel::table! {
    reviews (notification_id, nation) {
        notification_id -> Text,
        nation -> Text,
        status -> Text,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        kind -> Text,
        submitted_at -> Timestamp,
    }
}

diesel::joinable!(reviews -> notifications (notification_id));
diesel::allow_tables_to_appear_in_same_query!(
    standing_authorisations,
    standing_keys,
    standing_uses,
    reviews,
    notifications
);

/// One nation's standing authorisation.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = standing_authorisations, treat_none_as_null = true)]
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
#[diesel(table_name = standing_keys)]
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

/// The authorisations filed under any of `keys` whose window ended after `ended_after`: an
/// index lookup, so its cost does not grow with the authorisations of other holders or types.
pub fn under_keys(
    conn: &mut Db,
    keys: &[KeyRow],
    ended_after: DateTime<Utc>,
) -> QueryResult<Vec<StandingRow>> {
    let Some(first) = keys.first() else {
        return Ok(Vec::new());
    };
    let units: Vec<&str> = keys.iter().map(|k| k.holder_unit.as_str()).collect();
    let ids = standing_keys::table
        .filter(standing_keys::nation.eq(&first.nation))
        .filter(standing_keys::holder_nation.eq(&first.holder_nation))
        .filter(standing_keys::holder_unit.eq_any(units))
        .filter(standing_keys::vehicle_type.eq(&first.vehicle_type))
        .select(standing_keys::standing_id);
    standing_authorisations::table
        .filter(standing_authorisations::id.eq_any(ids))
        .filter(standing_authorisations::status.ne(StandingStatus::Lapsed))
        .filter(standing_authorisations::valid_until.gt(At::from(ended_after)))
        .select(StandingRow::as_select())
        .load(conn)
}

/// Whether `holder_nation` holds any authorisation of `nation` whose window ended after
/// `ended_after` (then a planner is told why none applied).
pub fn holds_any(
    conn: &mut Db,
    nation: &str,
    holder_nation: &str,
    ended_after: DateTime<Utc>,
) -> QueryResult<bool> {
    let n: i64 = standing_authorisations::table
        .filter(standing_authorisations::nation.eq(nation))
        .filter(standing_authorisations::holder_nation.eq(holder_nation))
        .filter(standing_authorisations::status.ne(StandingStatus::Lapsed))
        .filter(standing_authorisations::valid_until.gt(At::from(ended_after)))
        .select(count_star())
        .first(conn)?;
    Ok(n > 0)
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

/// Per nation (all, or those given): single movements submitted since `since` that it
/// reviews, and how many of them it cleared under a standing authorisation.
pub fn share(
    conn: &mut Db,
    nations: Option<&[String]>,
    since: NaiveDateTime,
) -> QueryResult<Vec<(String, i64, i64)>> {
    let mut totals = reviews::table
        .inner_join(notifications::table)
        .filter(notifications::kind.eq("single"))
        .filter(notifications::submitted_at.ge(since))
        .filter(reviews::status.ne(NotificationStatus::Withdrawn))
        .group_by(reviews::nation)
        .select((reviews::nation, count_star()))
        .into_boxed();
    let mut used = standing_uses::table
        .filter(standing_uses::used_at.ge(since))
        .group_by(standing_uses::nation)
        .select((standing_uses::nation, count_star()))
        .into_boxed();
    if let Some(n) = nations {
        totals = totals.filter(reviews::nation.eq_any(n.to_vec()));
        used = used.filter(standing_uses::nation.eq_any(n.to_vec()));
    }
    let totals: Vec<(String, i64)> = totals.load(conn)?;
    let used: Vec<(String, i64)> = used.load(conn)?;
    Ok(totals
        .into_iter()
        .map(|(n, total)| {
            let u = used
                .iter()
                .find(|(m, _)| *m == n)
                .map(|(_, c)| *c)
                .unwrap_or(0);
            (n, u, total)
        })
        .collect())
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
