//! Column types: how the domain's statuses, timestamps and JSON documents are stored, so rows
//! carry typed values and nothing outside the store converts strings or timestamps.
//!
//! - Wire enums (statuses, priority, role, kinds) and nations are `Text` columns holding their
//!   wire names; an unknown name is a load error, not a silent default.
//! - Lists of them (an officer's stage keys, a liaison's watched nations) are `Commas<T>`: the
//!   comma-separated text as before, each element parsed, a bad one a load error.
//! - Timestamps are `Timestamp` columns (UTC, without zone, to the microsecond on both
//!   backends); rows hold `DateTime<Utc>`, truncated to microseconds on the way in.
//! - JSON documents are `Text` columns read through `Json<T>`: bad JSON is a load error that
//!   names the type it should have been.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Text, Timestamp};
use diesel::sqlite::Sqlite;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::MultiBackend;
use crate::domain::{
    Holders, Nation, NotificationStatus, OutboxStatus, PresetKind, Priority, Role, StageStatus,
    StandingStatus, TimerKind, TimerStatus,
};
use crate::i18n::Lang;

/// Declares a wire enum a `Text` column type on every backend.
macro_rules! text_column {
    ($ty:ty, $proxy:ident) => {
        #[derive(AsExpression, FromSqlRow)]
        #[diesel(foreign_derive, sql_type = Text)]
        #[allow(dead_code)]
        struct $proxy($ty);

        impl<DB: Backend> FromSql<Text, DB> for $ty
        where
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                let name = String::from_sql(bytes)?;
                name.parse()
                    .map_err(|e: String| format!("stored {}: {e}", stringify!($ty)).into())
            }
        }

        impl<DB: Backend> ToSql<Text, DB> for $ty
        where
            str: ToSql<Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                self.as_str().to_sql(out)
            }
        }
    };
}

text_column!(NotificationStatus, NotificationStatusColumn);
text_column!(StageStatus, StageStatusColumn);
text_column!(Priority, PriorityColumn);
text_column!(Lang, LangColumn);
text_column!(PresetKind, PresetKindColumn);
text_column!(Nation, NationColumn);
text_column!(Role, RoleColumn);
text_column!(StandingStatus, StandingStatusColumn);
text_column!(Holders, HoldersColumn);
text_column!(TimerKind, TimerKindColumn);
text_column!(TimerStatus, TimerStatusColumn);
text_column!(OutboxStatus, OutboxStatusColumn);

/// A stored `Timestamp` read as UTC (the MultiConnection backend has no such mapping).
impl FromSql<Timestamp, MultiBackend> for DateTime<Utc> {
    fn from_sql(bytes: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, MultiBackend>>::from_sql(bytes).map(|t| t.and_utc())
    }
}

/// A UTC time as written to a `Timestamp` column (truncated to microseconds): what rows name
/// in `serialize_as`.
#[derive(Debug, Clone, Copy, AsExpression)]
#[diesel(sql_type = Timestamp)]
pub struct At(NaiveDateTime);

impl From<DateTime<Utc>> for At {
    fn from(t: DateTime<Utc>) -> Self {
        At(micros(t))
    }
}

impl<DB: Backend> ToSql<Timestamp, DB> for At
where
    NaiveDateTime: ToSql<Timestamp, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        self.0.to_sql(out)
    }
}

/// An optional UTC time as written to a nullable `Timestamp` column.
#[derive(Debug, Clone, Copy, AsExpression)]
#[diesel(sql_type = diesel::sql_types::Nullable<Timestamp>)]
pub struct MaybeAt(Option<NaiveDateTime>);

impl From<Option<DateTime<Utc>>> for MaybeAt {
    fn from(t: Option<DateTime<Utc>>) -> Self {
        MaybeAt(t.map(micros))
    }
}

impl<DB: Backend> ToSql<diesel::sql_types::Nullable<Timestamp>, DB> for MaybeAt
where
    NaiveDateTime: ToSql<Timestamp, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        match &self.0 {
            Some(t) => t.to_sql(out),
            None => Ok(IsNull::Yes),
        }
    }
}

/// A JSON document in a `Text` column, typed: reading bad JSON is an error naming the type,
/// never a silent default.
#[derive(
    Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, AsExpression, FromSqlRow,
)]
#[diesel(sql_type = Text)]
#[serde(transparent)]
pub struct Json<T>(pub T);

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T, DB: Backend> FromSql<Text, DB> for Json<T>
where
    T: DeserializeOwned,
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let text = String::from_sql(bytes)?;
        serde_json::from_str(&text)
            .map(Json)
            .map_err(|e| format!("stored JSON is not a {}: {e}", std::any::type_name::<T>()).into())
    }
}

impl<T: Serialize + std::fmt::Debug> ToSql<Text, Pg> for Json<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        serde_json::to_writer(&mut *out, &self.0)?;
        Ok(IsNull::No)
    }
}

impl<T: Serialize + std::fmt::Debug> ToSql<Text, Sqlite> for Json<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(serde_json::to_string(&self.0)?);
        Ok(IsNull::No)
    }
}

impl<T: Serialize + std::fmt::Debug + Send + Sync + 'static> ToSql<Text, MultiBackend> for Json<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((Text, self));
        Ok(IsNull::No)
    }
}

/// Truncates to microseconds, the precision both databases keep.
pub fn micros(t: DateTime<Utc>) -> NaiveDateTime {
    DateTime::from_timestamp_micros(t.timestamp_micros())
        .unwrap_or(t)
        .naive_utc()
}

impl At {
    /// The time as it is stored (to the microsecond): what a row read back holds.
    pub fn stored(self) -> DateTime<Utc> {
        self.0.and_utc()
    }
}

/// A list in a `Text` column, comma-separated (`movcon,police`; empty text: none), each element
/// read through its `FromStr`: one bad element is a load error naming the type it should have
/// been, never a shorter list. Written back joined by `,` (the stored text as before).
#[derive(Debug, Clone, PartialEq, Eq, Default, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct Commas<T>(pub Vec<T>);

impl<T> std::ops::Deref for Commas<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> From<Vec<T>> for Commas<T> {
    fn from(v: Vec<T>) -> Self {
        Commas(v)
    }
}

impl<T> std::str::FromStr for Commas<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    type Err = String;
    /// Elements are trimmed; empty ones (`""`, `"a,,b"`) are skipped.
    fn from_str(text: &str) -> Result<Self, String> {
        text.split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|x| x.parse::<T>().map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()
            .map(Commas)
            .map_err(|e| {
                let name = std::any::type_name::<T>();
                let short = name.rsplit("::").next().unwrap_or(name);
                format!("comma-separated {short}: {e}")
            })
    }
}

impl<T: std::fmt::Display> std::fmt::Display for Commas<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, x) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{x}")?;
        }
        Ok(())
    }
}

impl<T, DB: Backend> FromSql<Text, DB> for Commas<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        String::from_sql(bytes)?
            .parse()
            .map_err(|e| format!("stored {e}").into())
    }
}

impl<T: std::fmt::Display + std::fmt::Debug> ToSql<Text, Pg> for Commas<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        use std::io::Write;
        write!(out, "{self}")?;
        Ok(IsNull::No)
    }
}

impl<T: std::fmt::Display + std::fmt::Debug> ToSql<Text, Sqlite> for Commas<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.to_string());
        Ok(IsNull::No)
    }
}

impl<T: std::fmt::Display + std::fmt::Debug + Send + Sync + 'static> ToSql<Text, MultiBackend>
    for Commas<T>
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((Text, self));
        Ok(IsNull::No)
    }
}

/// An error and its causes, as the log shows them (a load that fails names the stored value).
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(&format!(": {c}"));
        cause = c.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::store::notifications::{self as rows, NotificationRow, ReviewRow, Stored};

    use crate::store::migrated_temp_store as store;

    fn notification(at: DateTime<Utc>) -> NotificationRow {
        let movement = serde_json::from_value(crate::domain::sample_json()).unwrap();
        NotificationRow {
            id: "n1".into(),
            reference: "CRD-2026-000001".into(),
            status: NotificationStatus::InReview,
            version: 1,
            revision: 1,
            priority: Priority::Crisis,
            kind: "single".into(),
            requester_nation: "NL".into(),
            requester_unit: "43 Mechanised Brigade".into(),
            created_by: "u1".into(),
            departure_at: at,
            arrival_at: at,
            due_at: at,
            escalation_level: 0,
            movement: Json(movement),
            submitted_at: at,
            updated_at: at,
        }
    }

    use crate::store::exec_sql as exec;

    #[test]
    fn rows_keep_their_types_and_microseconds_through_the_database() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        // Nanoseconds are cut to the microsecond both databases keep.
        let at = Utc.with_ymd_and_hms(2030, 5, 6, 7, 8, 9).unwrap()
            + chrono::Duration::nanoseconds(123_456_789);
        rows::insert_notification(&mut c, &notification(at)).unwrap();
        rows::insert_reviews(
            &mut c,
            &[ReviewRow {
                notification_id: "n1".into(),
                nation: "DE".into(),
                position: 0,
                status: NotificationStatus::Withdrawn,
                permit_number: None,
                due_at: at,
                policy_version: "v".into(),
                findings: Json(Vec::new()),
                waiver: None,
            }],
        )
        .unwrap();
        let s = Stored::load(&mut c, "n1").unwrap().unwrap();
        let n = &s.notification;
        assert_eq!(n.status, NotificationStatus::InReview);
        assert_eq!(n.priority, Priority::Crisis);
        assert_eq!(n.due_at, at - chrono::Duration::nanoseconds(789));
        assert_eq!(n.movement.requester.unit, "43 Mechanised Brigade");
        assert_eq!(s.reviews[0].status, NotificationStatus::Withdrawn);
        assert!(
            s.nations().is_empty(),
            "a withdrawn review is off the route"
        );
    }

    #[test]
    fn bad_stored_data_fails_the_load_by_name_instead_of_reading_as_empty() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        let at = Utc.with_ymd_and_hms(2030, 5, 6, 7, 8, 9).unwrap();
        rows::insert_notification(&mut c, &notification(at)).unwrap();
        rows::insert_reviews(
            &mut c,
            &[ReviewRow {
                notification_id: "n1".into(),
                nation: "DE".into(),
                position: 0,
                status: NotificationStatus::InReview,
                permit_number: None,
                due_at: at,
                policy_version: "v".into(),
                findings: Json(Vec::new()),
                waiver: None,
            }],
        )
        .unwrap();
        assert!(Stored::load(&mut c, "n1").is_ok());
        let cases = [
            (
                "UPDATE reviews SET findings = '[{\"rule\": 1}]'",
                "stored JSON is not a alloc::vec::Vec<corridor::domain::finding::Finding>",
                "UPDATE reviews SET findings = '[]'",
            ),
            (
                "UPDATE notifications SET movement = '{'",
                "stored JSON is not a corridor::domain::notification::MovementInput",
                "",
            ),
            (
                "UPDATE notifications SET status = 'approvd'",
                "stored NotificationStatus: `approvd` is not one of",
                "UPDATE notifications SET status = 'in_review'",
            ),
            (
                "UPDATE notifications SET priority = 'urgent'",
                "stored Priority: `urgent` is not one of",
                "UPDATE notifications SET priority = 'crisis'",
            ),
        ];
        for (break_it, says, _) in &cases[..1] {
            exec(&mut c, break_it);
            let e = error_chain(&Stored::load(&mut c, "n1").unwrap_err());
            assert!(e.contains(says), "{e}");
        }
        exec(&mut c, cases[0].2);
        for (break_it, says, repair) in &cases[2..] {
            exec(&mut c, break_it);
            let e = error_chain(&Stored::load(&mut c, "n1").unwrap_err());
            assert!(e.contains(says), "{e}");
            exec(&mut c, repair);
        }
        let (break_it, says, _) = &cases[1];
        exec(&mut c, break_it);
        let e = error_chain(&Stored::load(&mut c, "n1").unwrap_err());
        assert!(e.contains(says), "{e}");
    }
}
