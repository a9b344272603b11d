//! User accounts.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::schema::users;
use super::types::{At, Commas, MaybeAt};
use super::Db;
use crate::domain::{Nation, Role};
use crate::i18n::Lang;

/// A stored user.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users, treat_none_as_default_value = false)]
pub struct UserRow {
    /// Stable id (UUID).
    pub id: String,
    /// Login name.
    pub username: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Role.
    pub role: Role,
    /// Nation, for roles bound to one.
    pub nation: Option<Nation>,
    /// Unit, for requesters.
    pub unit: Option<String>,
    /// Stage keys, for officers (stored comma-separated).
    pub stages: Commas<String>,
    /// Nations a liaison user watches (empty: all; stored comma-separated).
    pub watch_nations: Commas<Nation>,
    /// Where escalations and notices go.
    pub email: Option<String>,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
    /// Moves on when every token issued so far must stop speaking for this user (disabled,
    /// enabled again, new password); a token carries the generation it was issued under.
    pub token_generation: i64,
    /// When the account was disabled; a disabled user signs in no more and their tokens are
    /// refused.
    pub disabled_at: Option<DateTime<Utc>>,
    /// The language the user reads (None: not chosen).
    pub language: Option<Lang>,
}

/// What `corridor user set` changes: `None` leaves a column as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct UserChange {
    /// Role.
    pub role: Option<Role>,
    /// Nation (`Some(None)` clears it).
    pub nation: Option<Option<Nation>>,
    /// Unit (`Some(None)` clears it).
    pub unit: Option<Option<String>>,
    /// Stage keys.
    pub stages: Option<Commas<String>>,
    /// Watched nations.
    pub watch_nations: Option<Commas<Nation>>,
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
    /// Role.
    pub role: Role,
    /// Nation.
    pub nation: Option<Nation>,
    /// Unit.
    pub unit: Option<String>,
    /// Stage keys.
    pub stages: Commas<String>,
    /// Watched nations.
    pub watch_nations: Commas<Nation>,
    /// E-mail address.
    pub email: Option<String>,
    /// Creation time.
    #[diesel(serialize_as = At)]
    pub created_at: DateTime<Utc>,
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
    /// An account whose row does not read is logged by name and left out, so that one bad row
    /// does not keep an escalation from everyone else.
    pub fn by_role(conn: &mut Db, role: Role) -> QueryResult<Vec<UserRow>> {
        let of_role = users::table
            .filter(users::role.eq(role))
            .filter(users::disabled_at.is_null());
        match of_role.select(UserRow::as_select()).load(conn) {
            Err(diesel::result::Error::DeserializationError(_)) => {}
            read => return read,
        }
        let ids: Vec<(String, String)> = of_role.select((users::id, users::username)).load(conn)?;
        let mut rows = Vec::new();
        for (id, username) in ids {
            match UserRow::by_id(conn, &id) {
                Ok(Some(row)) => rows.push(row),
                Ok(None) => {}
                Err(e @ diesel::result::Error::DeserializationError(_)) => {
                    let error = super::types::error_chain(&e);
                    tracing::error!(%username, %error, "user row unreadable; left out until mended");
                }
                Err(e) => return Err(e),
            }
        }
        Ok(rows)
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
        when: Option<DateTime<Utc>>,
    ) -> QueryResult<usize> {
        diesel::update(users::table.filter(users::username.eq(name)))
            .set((
                users::disabled_at.eq(MaybeAt::from(when)),
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
            .values(self.clone())
            .execute(conn)
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use diesel::RunQueryDsl;

    use super::*;
    use crate::store::types::error_chain;

    use crate::store::migrated_temp_store as store;

    fn nation(code: &str) -> Nation {
        Nation::parse(code).unwrap()
    }

    fn liaison() -> NewUser {
        NewUser {
            id: "u1".into(),
            username: "lena".into(),
            password_hash: "$argon2id$x".into(),
            role: Role::Liaison,
            nation: Some(nation("DE")),
            unit: None,
            stages: Commas(vec!["movcon".into(), "police".into()]),
            watch_nations: Commas(vec![nation("DE"), nation("FR")]),
            email: Some("lena@example.org".into()),
            created_at: Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap()
                + chrono::Duration::nanoseconds(1_500),
            language: None,
        }
    }

    use crate::store::exec_sql as exec;

    #[test]
    fn users_keep_their_stored_text_and_read_back_typed() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        liaison().insert(&mut c).unwrap();
        let text: (String, Option<String>, String, String) = users::table
            .select((
                users::role,
                users::nation,
                users::stages,
                users::watch_nations,
            ))
            .first(&mut c)
            .unwrap();
        assert_eq!(
            text,
            (
                "liaison".into(),
                Some("DE".into()),
                "movcon,police".into(),
                "DE,FR".into()
            )
        );
        // Spaces and empty elements, as older rows may hold them, read as before.
        exec(&mut c, "UPDATE users SET stages = ' movcon, ,police,'");
        let u = UserRow::by_username(&mut c, "lena").unwrap().unwrap();
        assert_eq!(u.role, Role::Liaison);
        assert_eq!(u.nation, Some(nation("DE")));
        assert_eq!(*u.stages, ["movcon", "police"]);
        assert_eq!(*u.watch_nations, [nation("DE"), nation("FR")]);
        assert_eq!(
            u.created_at,
            liaison().created_at - chrono::Duration::nanoseconds(500)
        );
        assert!(u.is_enabled());
        assert_eq!(UserRow::by_role(&mut c, Role::Liaison).unwrap().len(), 1);
        assert!(UserRow::by_role(&mut c, Role::Officer).unwrap().is_empty());
        exec(&mut c, "UPDATE users SET watch_nations = ''");
        let u = UserRow::by_id(&mut c, "u1").unwrap().unwrap();
        assert!(u.watch_nations.is_empty(), "empty text: watches all");
    }

    #[test]
    fn a_corrupt_user_row_fails_the_load_by_name() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        liaison().insert(&mut c).unwrap();
        let cases = [
            (
                "UPDATE users SET role = 'liason'",
                "stored Role: `liason` is not one of requester, officer, coordinator, liaison, admin",
                "UPDATE users SET role = 'liaison'",
            ),
            (
                "UPDATE users SET nation = 'de'",
                "stored Nation: `de` is not an upper-case ISO 3166-1 alpha-2 code",
                "UPDATE users SET nation = 'DE'",
            ),
            (
                "UPDATE users SET watch_nations = 'DE,XX'",
                "stored comma-separated Nation: `XX` is not an assigned ISO 3166-1 alpha-2 code",
                "UPDATE users SET watch_nations = 'DE'",
            ),
            (
                "UPDATE users SET disabled_at = 'yesterday'",
                "Invalid datetime yesterday",
                "UPDATE users SET disabled_at = NULL",
            ),
        ];
        for (break_it, says, repair) in cases {
            exec(&mut c, break_it);
            let e = error_chain(&UserRow::by_username(&mut c, "lena").unwrap_err());
            assert!(e.contains(says), "{break_it}: {e}");
            exec(&mut c, repair);
            assert!(UserRow::by_username(&mut c, "lena").unwrap().is_some());
        }
    }

    #[test]
    fn a_corrupt_account_is_left_out_of_its_role_not_everyone_else() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        liaison().insert(&mut c).unwrap();
        let mut other = liaison();
        other.id = "u2".into();
        other.username = "piotr".into();
        other.insert(&mut c).unwrap();
        exec(
            &mut c,
            "UPDATE users SET watch_nations = 'DE,XX' WHERE id = 'u1'",
        );
        let read: Vec<String> = UserRow::by_role(&mut c, Role::Liaison)
            .unwrap()
            .into_iter()
            .map(|u| u.username)
            .collect();
        assert_eq!(read, ["piotr"]);
        assert!(
            UserRow::by_username(&mut c, "lena").is_err(),
            "still loud on its own"
        );
    }
}
