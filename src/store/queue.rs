//! The officer's queue (issue 16): the open stages of one nation a caller may decide, soonest
//! due first. Each page is a bounded scan of one stages index per stage key (or one for the
//! whole nation), keyset-paged on (due time, stage id).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime};
use diesel::prelude::*;

use super::notifications::StageRow;
use super::schema::{notifications, reviews, stages};
use super::Db;
use crate::domain::NotificationStatus;

/// Which open stages a queue holds: one nation's, of these stage keys (`None`: every stage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueScope {
    /// The nation whose stages are listed.
    pub nation: String,
    /// The stage keys, or `None` for all of the nation's stages.
    pub stages: Option<Vec<String>>,
}

/// Where the next page starts: after this stage in (due time, id) order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueCursor {
    /// The due time of the last stage sent.
    pub due_at: NaiveDateTime,
    /// Its id.
    pub stage_id: String,
}

impl QueueCursor {
    /// The cursor as sent to clients: `<due time in Unix microseconds>.<stage id>`.
    pub fn encode(&self) -> String {
        format!(
            "{}.{}",
            self.due_at.and_utc().timestamp_micros(),
            self.stage_id
        )
    }

    /// A cursor `encode` gave out, or `None` for anything else.
    pub fn decode(s: &str) -> Option<QueueCursor> {
        let (micros, id) = s.split_once('.')?;
        let due_at = DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
        let id = uuid::Uuid::parse_str(id).ok()?;
        Some(QueueCursor {
            due_at,
            stage_id: id.hyphenated().to_string(),
        })
    }
}

/// What the queue quotes of a notification besides its stage.
#[derive(Debug, Clone)]
pub struct QueueHeader {
    /// Human reference.
    pub reference: String,
    /// Priority wire name.
    pub priority: String,
    /// Requesting nation.
    pub requester_nation: String,
    /// Requesting unit.
    pub requester_unit: String,
    /// The nations on the route, in travel order.
    pub route: Vec<String>,
}

/// One queue entry: an open stage and its notification.
#[derive(Debug, Clone)]
pub struct QueueEntry {
    /// The stage.
    pub stage: StageRow,
    /// Its notification.
    pub header: QueueHeader,
}

/// Up to `limit` open stages in `scope` after `after`, soonest due first, and whether more
/// follow. An open stage: pending, opened, of a notification in review.
pub fn page(
    conn: &mut Db,
    scope: &QueueScope,
    after: Option<&QueueCursor>,
    limit: i64,
) -> QueryResult<(Vec<QueueEntry>, bool)> {
    let mut rows: Vec<StageRow> = Vec::new();
    match &scope.stages {
        None => rows = open_stages(conn, &scope.nation, None, after, limit + 1)?,
        // One scan per key, each bounded by the page: merged, they give the page.
        Some(keys) => {
            for key in keys {
                rows.extend(open_stages(
                    conn,
                    &scope.nation,
                    Some(key),
                    after,
                    limit + 1,
                )?);
            }
            rows.sort_by(|a, b| (a.due_at, &a.id).cmp(&(b.due_at, &b.id)));
            rows.dedup_by(|a, b| a.id == b.id);
        }
    }
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    let mut ids: Vec<String> = rows.iter().map(|r| r.notification_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let headers = headers(conn, &ids)?;
    let entries = rows
        .into_iter()
        .filter_map(|stage| {
            let header = headers.get(&stage.notification_id)?.clone();
            Some(QueueEntry { stage, header })
        })
        .collect();
    Ok((entries, more))
}

fn open_stages(
    conn: &mut Db,
    nation: &str,
    key: Option<&str>,
    after: Option<&QueueCursor>,
    n: i64,
) -> QueryResult<Vec<StageRow>> {
    let mut q = stages::table
        .inner_join(notifications::table.on(notifications::id.eq(stages::notification_id)))
        .filter(stages::nation.eq(nation.to_string()))
        .filter(stages::status.eq("pending"))
        .filter(stages::opened_at.is_not_null())
        .filter(notifications::status.eq(NotificationStatus::InReview))
        .select(StageRow::as_select())
        .into_boxed();
    if let Some(key) = key {
        q = q.filter(stages::stage_key.eq(key.to_string()));
    }
    if let Some(c) = after {
        q = q.filter(
            stages::due_at.gt(c.due_at).or(stages::due_at
                .eq(c.due_at)
                .and(stages::id.gt(c.stage_id.clone()))),
        );
    }
    q.order((stages::due_at.asc(), stages::id.asc()))
        .limit(n)
        .load(conn)
}

fn headers(conn: &mut Db, ids: &[String]) -> QueryResult<HashMap<String, QueueHeader>> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows: Vec<(String, String, String, String, String)> = notifications::table
        .filter(notifications::id.eq_any(ids))
        .select((
            notifications::id,
            notifications::reference,
            notifications::priority,
            notifications::requester_nation,
            notifications::requester_unit,
        ))
        .load(conn)?;
    let legs: Vec<(String, String)> = reviews::table
        .filter(reviews::notification_id.eq_any(ids))
        .filter(reviews::status.ne(NotificationStatus::Withdrawn))
        .order((reviews::notification_id, reviews::position))
        .select((reviews::notification_id, reviews::nation))
        .load(conn)?;
    let mut routes: HashMap<String, Vec<String>> = HashMap::new();
    for (id, nation) in legs {
        routes.entry(id).or_default().push(nation);
    }
    for (id, reference, priority, requester_nation, requester_unit) in rows {
        let route = routes.remove(&id).unwrap_or_default();
        out.insert(
            id,
            QueueHeader {
                reference,
                priority,
                requester_nation,
                requester_unit,
                route,
            },
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_and_nothing_else_does() {
        let c = QueueCursor {
            due_at: DateTime::from_timestamp_micros(1_800_000_000_123_456)
                .unwrap()
                .naive_utc(),
            stage_id: "0192f0c4-7a1e-7c3b-9d2e-5a4b3c2d1e0f".into(),
        };
        assert_eq!(QueueCursor::decode(&c.encode()), Some(c.clone()));
        for bad in [
            "",
            "12",
            "x.0192f0c4-7a1e-7c3b-9d2e-5a4b3c2d1e0f",
            "12.not-a-uuid",
            "99999999999999999999.0192f0c4-7a1e-7c3b-9d2e-5a4b3c2d1e0f",
            "12.0192f0c4-7a1e-7c3b-9d2e-5a4b3c2d1e0f.x",
        ] {
            assert_eq!(QueueCursor::decode(bad), None, "{bad}");
        }
    }
}
