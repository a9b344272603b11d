//! Statements over many rows: one statement on PostgreSQL, where each statement is a round trip
//! to the server (in the storm profile the writer spent half its time in `send` and `poll`);
//! row by row on SQLite, where MultiConnection has no multi-row insert and a statement of one
//! shape is prepared once per connection and run as a function call.

/// Inserts `$rows` into `$table`: one multi-row statement on PostgreSQL, where each statement
/// is a round trip; row by row on SQLite, where MultiConnection has no multi-row insert and a
/// statement is a function call.
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            Db::Pg(_) if $rows.is_empty() => Ok(()),
            Db::Pg(c) => diesel::insert_into($table)
                .values($rows.to_vec())
                .execute(c)
                .map(|_| ()),
            Db::Sqlite(_) => $rows.iter().try_for_each(|r| {
                diesel::insert_into($table)
                    .values(r.clone())
                    .execute($conn)
                    .map(|_| ())
            }),
        }
    };
}
pub(crate) use insert_rows;

/// Runs an upsert built by `$upsert(values)` for `$values`: one multi-row statement on
/// PostgreSQL, where each statement is a round trip; row by row on SQLite, where MultiConnection
/// has no multi-row insert and a statement of one shape is prepared once. Returns the rows as
/// they stand after it (`RETURNING`).
macro_rules! upsert_each {
    ($conn:expr, $values:expr, $row:ty, $upsert:expr) => {
        match $conn {
            Db::Pg(c) if !$values.is_empty() => $upsert($values.clone()).get_results::<$row>(c),
            Db::Pg(_) => Ok(Vec::new()),
            Db::Sqlite(c) => $values
                .iter()
                .map(|v| $upsert(v.clone()).get_result::<$row>(c))
                .collect::<QueryResult<Vec<$row>>>(),
        }
    };
}
pub(crate) use upsert_each;
