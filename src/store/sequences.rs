//! Numbering series: the next number is taken inside the caller's transaction.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text};

use super::multi_row::fixed_statement;
use super::Db;

fixed_statement! {
    /// Takes the next number of a series (1 when it is new).
    NextInSeries(series: Text = str, year: Integer = i32) -> BigInt =
        "INSERT INTO sequences (series, year, last_value) VALUES (?, ?, 1) \
         ON CONFLICT (series, year) DO UPDATE SET last_value = sequences.last_value + 1 \
         RETURNING last_value"
}

/// Takes the next number of `series` in `year` (1, 2, 3 …), atomically on both backends.
pub fn next_in_series(conn: &mut Db, series: &str, year: i32) -> QueryResult<i64> {
    // One upsert statement: concurrent callers queue on the row, none sees the same number,
    // and a failed statement never aborts a PostgreSQL transaction halfway. Prepared once
    // per connection.
    let next = NextInSeries {
        series,
        year: &year,
    };
    match conn {
        Db::Pg(c) => next.get_result(c),
        Db::Sqlite(c) => next.get_result(c),
    }
}
