//! Numbering series: the next number is taken inside the caller's transaction.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text};

use super::Db;

#[derive(QueryableByName)]
struct Next {
    #[diesel(sql_type = BigInt)]
    last_value: i64,
}

/// Takes the next number of `series` in `year` (1, 2, 3 …), atomically on both backends.
pub fn next_in_series(conn: &mut Db, series: &str, year: i32) -> QueryResult<i64> {
    // One upsert statement: concurrent callers queue on the row, none sees the same number,
    // and a failed statement never aborts a PostgreSQL transaction halfway.
    let next = match conn {
        Db::Pg(c) => diesel::sql_query(
            "INSERT INTO sequences (series, year, last_value) VALUES ($1, $2, 1) \
             ON CONFLICT (series, year) DO UPDATE SET last_value = sequences.last_value + 1 \
             RETURNING last_value",
        )
        .bind::<Text, _>(series)
        .bind::<Integer, _>(year)
        .get_result::<Next>(c)?,
        Db::Sqlite(c) => diesel::sql_query(
            "INSERT INTO sequences (series, year, last_value) VALUES (?, ?, 1) \
             ON CONFLICT (series, year) DO UPDATE SET last_value = sequences.last_value + 1 \
             RETURNING last_value",
        )
        .bind::<Text, _>(series)
        .bind::<Integer, _>(year)
        .get_result::<Next>(c)?,
    };
    Ok(next.last_value)
}
