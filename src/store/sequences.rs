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

/// Takes the next number of each of `series` in `year`, in order: on PostgreSQL one statement
/// for all of them (each series once in it; a series named twice is taken one call at a time).
pub fn next_in_each_series(conn: &mut Db, series: &[&str], year: i32) -> QueryResult<Vec<i64>> {
    let distinct = series
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len()
        == series.len();
    let Db::Pg(c) = conn else {
        return series
            .iter()
            .map(|s| next_in_series(conn, s, year))
            .collect();
    };
    if !distinct || series.len() < 2 {
        return series
            .iter()
            .map(|s| next_in_series(&mut *conn, s, year))
            .collect();
    }
    use super::schema::sequences::dsl;
    // Rows in one order whoever asks, so two instances never lock them crosswise.
    let mut sorted = series.to_vec();
    sorted.sort_unstable();
    let rows: Vec<_> = sorted
        .iter()
        .map(|s| {
            (
                dsl::series.eq(s.to_string()),
                dsl::year.eq(year),
                dsl::last_value.eq(1i64),
            )
        })
        .collect();
    let taken: std::collections::HashMap<String, i64> = diesel::insert_into(dsl::sequences)
        .values(rows)
        .on_conflict((dsl::series, dsl::year))
        .do_update()
        .set(dsl::last_value.eq(dsl::last_value + 1))
        .returning((dsl::series, dsl::last_value))
        .get_results::<(String, i64)>(c)?
        .into_iter()
        .collect();
    series
        .iter()
        .map(|s| {
            taken
                .get(*s)
                .copied()
                .ok_or(diesel::result::Error::NotFound)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_series_gives_its_next_number_in_the_order_asked_and_a_series_named_twice_two() {
        let (_dir, store) = crate::store::migrated_temp_store();
        let mut c = store.conn().unwrap();
        assert_eq!(next_in_series(&mut c, "PL", 2030).unwrap(), 1);
        assert_eq!(
            next_in_each_series(&mut c, &["NL", "PL", "CZ"], 2030).unwrap(),
            [1, 2, 1]
        );
        assert_eq!(
            next_in_each_series(&mut c, &["PL", "PL"], 2030).unwrap(),
            [3, 4]
        );
        assert_eq!(
            next_in_each_series(&mut c, &[], 2030).unwrap(),
            Vec::<i64>::new()
        );
        assert_eq!(
            next_in_series(&mut c, "PL", 2031).unwrap(),
            1,
            "a new year starts again"
        );
    }
}
