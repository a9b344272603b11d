//! User accounts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use super::Db;
use crate::i18n::Lang;

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
    /// Moves on when every token issued so far must stop speaking for this user (disabled,
    /// enabled again, new password); a token carries the generation it was issued under.
    pub token_generation: i64,
    /// When the account was disabled; a disabled user signs in no more and their tokens are
    /// refused.
    pub disabled_at: Option<NaiveDateTime>,
    /// The language the user reads (None: not chosen).
    pub language: Option<Lang>,
}

/// What `corridor user set` changes: `None` leaves a column as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserChange {
    /// Role wire name.
    pub role: Option<String>,
    /// ISO code (`Some(None)` clears it).
    pub nation: Option<Option<String>>,
    /// Unit (`Some(None)` clears it).
    pub unit: Option<Option<String>>,
    /// Comma-separated stage keys.
    pub stages: Option<String>,
    /// Comma-separated watched nations.
    pub watch_nations: Option<String>,
    /// E-mail address (`Some(None)` clears it).
    pub email: Option<Option<String>>,
    /// A new argon2id PHC string.
    pub password_hash: Option<String>,
    /// Language (`Some(None)` clears it).
    pub language: Option<Option<Lang>>,
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
    /// Language (None: not chosen).
    pub language: Option<Lang>,
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

    /// Enabled users of `role` (the people escalations may go to: a disabled user gets no mail).
    pub fn by_role(conn: &mut Db, role: &str) -> QueryResult<Vec<UserRow>> {
        users::table
            .filter(users::role.eq(role))
            .filter(users::disabled_at.is_null())
            .select(UserRow::as_select())
            .load(conn)
    }

    /// Whether the account may sign in and be acted for.
    pub fn is_enabled(&self) -> bool {
        self.disabled_at.is_none()
    }

    /// Disables (`Some(when)`) or enables (`None`) the user named `name`, moving the token
    /// generation on either way so that no token issued before counts again; the number of
    /// users changed (0: no such user).
    pub fn set_disabled(
        conn: &mut Db,
        name: &str,
        when: Option<NaiveDateTime>,
    ) -> QueryResult<usize> {
        diesel::update(users::table.filter(users::username.eq(name)))
            .set((
                users::disabled_at.eq(when),
                users::token_generation.eq(users::token_generation + 1),
            ))
            .execute(conn)
    }

    /// Sets (or clears) the language of the user `id`; the number of users changed.
    pub fn set_language(conn: &mut Db, id: &str, language: Option<Lang>) -> QueryResult<usize> {
        diesel::update(users::table.find(id))
            .set(users::language.eq(language))
            .execute(conn)
    }

    /// Deletes the user named `name`: their tokens name a subject that no longer exists. The
    /// number of users removed (0: no such user).
    pub fn remove(conn: &mut Db, name: &str) -> QueryResult<usize> {
        diesel::delete(users::table.filter(users::username.eq(name))).execute(conn)
    }
}

impl UserChange {
    /// Applies the change to the user named `name`; a new password also moves the token
    /// generation on (signs the user out everywhere). The number of users changed.
    pub fn apply(&self, conn: &mut Db, name: &str) -> QueryResult<usize> {
        let target = users::table.filter(users::username.eq(name));
        if self.password_hash.is_some() {
            diesel::update(target)
                .set((
                    self,
                    users::token_generation.eq(users::token_generation + 1),
                ))
                .execute(conn)
        } else {
            diesel::update(target).set(self).execute(conn)
        }
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
