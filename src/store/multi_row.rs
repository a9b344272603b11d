//! Statements over many rows, and statements SQLite should prepare once.
//!
//! On PostgreSQL each statement is a round trip to the server (in the storm profile the writer
//! spent half its time in `send` and `poll`), so rows go in one statement. On SQLite a
//! statement is a function call, but diesel prepares every `UPDATE` and every upsert anew
//! (their changesets may be empty), and preparing is most of a small statement's cost: an
//! upsert of a count row took 28 µs prepared each time and 7 µs prepared once (the same SQL
//! through Python's sqlite3, 20,000 times each). `fixed_statement!` writes such a statement
//! out as fixed SQL with a type of its own, so diesel's statement cache keeps it; PostgreSQL
//! then parses and plans it once per connection too, not on every execution.

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

/// Upserts `$values` and returns the rows as they stand after it (`RETURNING`): on PostgreSQL
/// one statement, `$pg(&values)`; on SQLite, for each value `|v| statement` (a statement of
/// `fixed_statement!`, prepared once per connection).
macro_rules! upsert_each {
    ($conn:expr, $values:expr, $row:ty, $pg:expr, |$v:pat_param| $sqlite:expr) => {
        match $conn {
            Db::Pg(_) if $values.is_empty() => Ok(Vec::new()),
            Db::Pg(c) => $pg(&$values).get_results::<$row>(c),
            Db::Sqlite(c) => $values
                .iter()
                .map(|$v| $sqlite.get_result::<$row>(c))
                .collect::<QueryResult<Vec<$row>>>(),
        }
    };
}
pub(crate) use upsert_each;

/// A statement of fixed SQL, its `?` bound in order to the fields (SQL type = Rust type),
/// returning `$ret`: a type of its own, so diesel prepares it once per connection on either
/// backend (PostgreSQL numbers the placeholders `$1`, `$2`, … itself). The SQL must read the
/// same on both, or be run only on the backend it is written for.
macro_rules! fixed_statement {
    ($(#[$doc:meta])* $name:ident($($field:ident: $st:ty = $rt:ty),* $(,)?) -> $ret:ty = $sql:expr) => {
        $(#[$doc])*
        pub(crate) struct $name<'a> {
            $(pub $field: &'a $rt,)*
        }
        impl diesel::query_builder::QueryId for $name<'_> {
            type QueryId = $name<'static>;
            const HAS_STATIC_QUERY_ID: bool = true;
        }
        impl diesel::query_builder::Query for $name<'_> {
            type SqlType = $ret;
        }
        impl<DB: diesel::backend::Backend> diesel::query_builder::QueryFragment<DB> for $name<'_>
        where
            $($rt: diesel::serialize::ToSql<$st, DB>,)*
            DB: $(diesel::sql_types::HasSqlType<$st> +)*
        {
            fn walk_ast<'b>(
                &'b self,
                mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
            ) -> diesel::QueryResult<()> {
                let mut pieces = $sql.split('?');
                out.push_sql(pieces.next().unwrap_or_default());
                $(
                    out.push_bind_param::<$st, $rt>(self.$field)?;
                    out.push_sql(pieces.next().unwrap_or_default());
                )*
                Ok(())
            }
        }
        impl diesel::RunQueryDsl<diesel::SqliteConnection> for $name<'_> {}
        impl diesel::RunQueryDsl<diesel::PgConnection> for $name<'_> {}
    };
}
pub(crate) use fixed_statement;

/// Statements whose results nobody reads, sent to PostgreSQL as one: each a data-modifying
/// `WITH` part of a single statement, so all of them cost one round trip. The parts see one
/// snapshot and PostgreSQL runs them in no set order, so they must not touch the same rows
/// (and a part must not depend on another's effect).
#[derive(Default)]
pub(crate) struct Together<'a> {
    parts: Vec<Box<dyn diesel::query_builder::QueryFragment<diesel::pg::Pg> + 'a>>,
}

impl<'a> Together<'a> {
    /// The statements of `parts` (an `Option` gives one or none).
    pub fn with(
        parts: impl IntoIterator<Item = impl diesel::query_builder::QueryFragment<diesel::pg::Pg> + 'a>,
    ) -> Self {
        let mut t = Together::default();
        parts.into_iter().for_each(|p| t.add(p));
        t
    }

    /// Adds a statement.
    pub fn add(&mut self, part: impl diesel::query_builder::QueryFragment<diesel::pg::Pg> + 'a) {
        self.parts.push(Box::new(part));
    }

    /// Sends the statements added (none: nothing is sent).
    pub fn run(self, c: &mut diesel::PgConnection) -> diesel::QueryResult<()> {
        if self.parts.is_empty() {
            return Ok(());
        }
        diesel::RunQueryDsl::execute(self, c).map(|_| ())
    }
}

impl diesel::query_builder::QueryFragment<diesel::pg::Pg> for Together<'_> {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> diesel::QueryResult<()> {
        // Its shape changes with what was added: never kept as a prepared statement.
        out.unsafe_to_cache_prepared();
        for (i, part) in self.parts.iter().enumerate() {
            out.push_sql(if i == 0 { "WITH " } else { ", " });
            out.push_sql(&format!("part{i} AS ("));
            part.walk_ast(out.reborrow())?;
            out.push_sql(")");
        }
        out.push_sql(" SELECT 1");
        Ok(())
    }
}

impl diesel::query_builder::QueryId for Together<'_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl diesel::RunQueryDsl<diesel::PgConnection> for Together<'_> {}

/// A statement either backend runs as it is (a diesel statement of fixed shape), named so a
/// function can return one without spelling out its type.
pub(crate) trait Statement:
    diesel::query_builder::QueryFragment<diesel::pg::Pg>
    + diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite>
    + diesel::query_builder::QueryId
    + 'static
{
}

impl<T> Statement for T where
    T: diesel::query_builder::QueryFragment<diesel::pg::Pg>
        + diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite>
        + diesel::query_builder::QueryId
        + 'static
{
}
