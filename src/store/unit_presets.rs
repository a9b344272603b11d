//! A unit's saved vehicle types and notification templates (issue 16): the one owner of the
//! `unit_presets` table.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::schema::unit_presets;
use super::types::{At, Json};
use super::Db;
use crate::domain::{PresetKind, PRESETS_PER_UNIT};

/// One saved vehicle type or template.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = unit_presets, treat_none_as_default_value = false)]
pub struct PresetRow {
    /// The unit's nation.
    pub nation: String,
    /// The unit.
    pub unit: String,
    /// Vehicle type or template.
    pub kind: PresetKind,
    /// Its name within the unit and kind.
    pub name: String,
    /// `{"vehicle": …}` or `{"form": …}`, as checked when saved.
    pub body: Json<serde_json::Value>,
    /// Who saved it last (username).
    pub updated_by: String,
    /// When.
    #[diesel(serialize_as = At)]
    pub updated_at: DateTime<Utc>,
}

/// A saved item without its body, for lists.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = unit_presets)]
pub struct PresetSummary {
    /// Its name.
    pub name: String,
    /// Who saved it last.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
}

/// What saving did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// A new name.
    Created,
    /// An existing name, replaced.
    Replaced,
    /// A new name, refused: the unit keeps `PRESETS_PER_UNIT` of this kind already.
    Full,
}

/// The unit's items of `kind`, by name (at most `PRESETS_PER_UNIT`, all a unit may keep).
pub fn list(
    conn: &mut Db,
    nation: &str,
    unit: &str,
    kind: PresetKind,
) -> QueryResult<Vec<PresetSummary>> {
    unit_presets::table
        .filter(unit_presets::nation.eq(nation))
        .filter(unit_presets::unit.eq(unit))
        .filter(unit_presets::kind.eq(kind))
        .order(unit_presets::name.asc())
        .limit(PRESETS_PER_UNIT as i64)
        .select(PresetSummary::as_select())
        .load(conn)
}

/// One item, if saved.
pub fn get(
    conn: &mut Db,
    nation: &str,
    unit: &str,
    kind: PresetKind,
    name: &str,
) -> QueryResult<Option<PresetRow>> {
    unit_presets::table
        .filter(unit_presets::nation.eq(nation))
        .filter(unit_presets::unit.eq(unit))
        .filter(unit_presets::kind.eq(kind))
        .filter(unit_presets::name.eq(name))
        .select(PresetRow::as_select())
        .first(conn)
        .optional()
}

/// Saves `row` under its name, replacing what was there; a new name only while the unit keeps
/// fewer than `PRESETS_PER_UNIT` of the kind. Call inside a write transaction (`store::write`)
/// so the count and the insert are one step.
pub fn save(conn: &mut Db, row: &PresetRow) -> QueryResult<Saved> {
    let replaced = diesel::update(
        unit_presets::table
            .filter(unit_presets::nation.eq(&row.nation))
            .filter(unit_presets::unit.eq(&row.unit))
            .filter(unit_presets::kind.eq(row.kind))
            .filter(unit_presets::name.eq(&row.name)),
    )
    .set((
        unit_presets::body.eq(&row.body),
        unit_presets::updated_by.eq(&row.updated_by),
        unit_presets::updated_at.eq(At::from(row.updated_at)),
    ))
    .execute(conn)?;
    if replaced > 0 {
        return Ok(Saved::Replaced);
    }
    let kept: i64 = unit_presets::table
        .filter(unit_presets::nation.eq(&row.nation))
        .filter(unit_presets::unit.eq(&row.unit))
        .filter(unit_presets::kind.eq(row.kind))
        .count()
        .get_result(conn)?;
    if kept >= PRESETS_PER_UNIT as i64 {
        return Ok(Saved::Full);
    }
    diesel::insert_into(unit_presets::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(Saved::Created)
}

/// Deletes one item; whether it was there.
pub fn delete(
    conn: &mut Db,
    nation: &str,
    unit: &str,
    kind: PresetKind,
    name: &str,
) -> QueryResult<bool> {
    diesel::delete(
        unit_presets::table
            .filter(unit_presets::nation.eq(nation))
            .filter(unit_presets::unit.eq(unit))
            .filter(unit_presets::kind.eq(kind))
            .filter(unit_presets::name.eq(name)),
    )
    .execute(conn)
    .map(|n| n > 0)
}
