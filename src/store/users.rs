//! User accounts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use super::Db;

/// A stored user.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    /// Stable id (UUID).
    pub id: String,
    /// Login name.
    pub username: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Role wire name.
    pub role: String,
    /// ISO code, for roles bound to a nation.
    pub nation: Option<String>,
    /// Unit, for requesters.
    pub unit: Option<String>,
    /// Comma-separated stage keys, for officers.
    pub stages: String,
    /// Comma-separated nations a liaison user watches (empty: all).
    pub watch_nations: String,
    /// Where escalations and notices go.
    pub email: Option<String>,
    /// When the account was made.
    pub created_at: NaiveDateTime,
}

/// A user to insert.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser {
    /// Stable id (UUID).
    pub id: String,
    /// Login name.
    pub username: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Role wire name.
    pub role: String,
    /// ISO code.
    pub nation: Option<String>,
    /// Unit.
    pub unit: Option<String>,
    /// Comma-separated stage keys.
    pub stages: String,
    /// Comma-separated watched nations.
    pub watch_nations: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Creation time.
    pub created_at: NaiveDateTime,
}

impl UserRow {
    /// Finds a user by login name.
    pub fn by_username(conn: &mut Db, name: &str) -> QueryResult<Option<UserRow>> {
        users::table
            .filter(users::username.eq(name))
            .select(UserRow::as_select())
            .first(conn)
            .optional()
    }

    /// Finds a user by id.
    pub fn by_id(conn: &mut Db, id: &str) -> QueryResult<Option<UserRow>> {
        users::table
            .find(id)
            .select(UserRow::as_select())
            .first(conn)
            .optional()
    }

    /// Users of `role` in `nation` (coordinators of a nation, liaison users watching it).
    pub fn by_role(conn: &mut Db, role: &str) -> QueryResult<Vec<UserRow>> {
        users::table
            .filter(users::role.eq(role))
            .select(UserRow::as_select())
            .load(conn)
    }
}

impl NewUser {
    /// Inserts the user; a taken username is a unique violation.
    pub fn insert(&self, conn: &mut Db) -> QueryResult<()> {
        diesel::insert_into(users::table)
            .values(self)
            .execute(conn)
            .map(|_| ())
    }
}
