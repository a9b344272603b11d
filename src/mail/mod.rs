//! Mail: the transport (SMTP through lettre, or the log when no SMTP server is set) and the
//! text of Corridor's messages (`text`).
//!
//! Nothing here decides *when* to send: callers put messages into the outbox inside their own
//! transaction (`jobs::outbox::enqueue`) and the outbox sender hands them to a `Mailer`.

pub mod text;

use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{SettingError, Settings};
use crate::store::redact;

/// How long one SMTP command (connect, greeting, each reply) may take.
pub const SMTP_COMMAND_TIMEOUT: Duration = Duration::from_secs(20);

/// How long one whole delivery attempt may take before it counts as failed.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(60);

/// One message ready to go; its outbox id becomes its `Message-ID`.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    /// The outbox row's id.
    pub id: &'a str,
    /// The recipient's address.
    pub recipient: &'a str,
    /// Subject line.
    pub subject: &'a str,
    /// Plain-text body.
    pub body: &'a str,
}

/// Why a message was not delivered.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The recipient is not an e-mail address; retrying cannot help.
    #[error("recipient `{recipient}` is not an e-mail address: {reason}")]
    Recipient {
        /// The address as stored.
        recipient: String,
        /// What the parser said.
        reason: String,
    },
    /// The message could not be assembled; retrying cannot help.
    #[error("message could not be built: {0}")]
    Build(String),
    /// The SMTP server refused or could not be reached; worth retrying.
    #[error("SMTP delivery failed: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    /// The whole attempt took longer than `SEND_TIMEOUT`; worth retrying.
    #[error("SMTP delivery took longer than {} s", SEND_TIMEOUT.as_secs())]
    Timeout,
}

impl MailError {
    /// Whether a later attempt cannot succeed either.
    pub fn is_permanent(&self) -> bool {
        // SMTP 5xx replies are retried too: the usual causes (credentials, relay settings, a
        // full mailbox) are fixed by people, and an escalation must not be dropped meanwhile.
        matches!(self, MailError::Recipient { .. } | MailError::Build(_))
    }
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Log,
}

/// Sends messages: over SMTP, or to the tracing log when `CORRIDOR_SMTP_URL` is unset.
#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
    description: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("transport", &self.description)
            .finish()
    }
}

impl Mailer {
    /// The mailer the settings ask for; a bad URL or sender is a startup error naming its setting.
    pub fn from_settings(settings: &Settings) -> Result<Mailer, SettingError> {
        match &settings.smtp_url {
            Some(url) => Mailer::smtp(url, &settings.mail_from),
            None => Mailer::log(&settings.mail_from),
        }
    }

    /// An SMTP mailer: `smtp://host:port` (plain, for a loopback relay), `smtp://…?tls=required`
    /// (STARTTLS), `smtps://…` (implicit TLS); credentials as URL user info.
    pub fn smtp(url: &str, from: &str) -> Result<Mailer, SettingError> {
        let from = sender(from)?;
        // The URL may hold a password: only its redacted form reaches a message.
        let shown = redact(url);
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| SettingError {
                name: "CORRIDOR_SMTP_URL",
                message: format!("`{shown}` is not a usable SMTP URL: {e}"),
            })?
            .timeout(Some(SMTP_COMMAND_TIMEOUT))
            .build();
        Ok(Mailer {
            from,
            transport: Transport::Smtp(transport),
            description: format!("smtp {shown}"),
        })
    }

    /// A mailer that writes each message to the log instead of sending it (development).
    pub fn log(from: &str) -> Result<Mailer, SettingError> {
        Ok(Mailer {
            from: sender(from)?,
            transport: Transport::Log,
            description: "log (CORRIDOR_SMTP_URL unset)".to_string(),
        })
    }

    /// Where mail goes, for the startup log (never with a password).
    pub fn describe(&self) -> &str {
        &self.description
    }

    /// The longest one delivery attempt can take (the outbox sender keeps its lease longer).
    pub fn timeout(&self) -> Duration {
        match self.transport {
            Transport::Smtp(_) => SEND_TIMEOUT,
            Transport::Log => Duration::ZERO,
        }
    }

    /// The `Message-ID` of the outbox message `id`: the same on every attempt, so a receiver
    /// can drop a copy that a retry after an unconfirmed send delivered again.
    pub fn message_id(&self, id: &str) -> String {
        format!("<{id}@{}>", self.from.email.domain())
    }

    /// Delivers one message (Date set from `now`).
    pub async fn send(&self, mail: &Outgoing<'_>, now: DateTime<Utc>) -> Result<(), MailError> {
        let message = self.build(mail, now)?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                // lettre bounds each command; this bounds the sum, which the lease relies on.
                tokio::time::timeout(SEND_TIMEOUT, smtp.send(message))
                    .await
                    .map_err(|_| MailError::Timeout)??;
            }
            Transport::Log => {
                tracing::info!(
                    outbox_id = mail.id,
                    recipient = mail.recipient,
                    subject = mail.subject,
                    "mail not sent: no SMTP server set (CORRIDOR_SMTP_URL)"
                );
                tracing::debug!(outbox_id = mail.id, body = mail.body, "mail body");
            }
        }
        Ok(())
    }

    /// The message as it goes on the wire.
    pub fn build(&self, mail: &Outgoing<'_>, now: DateTime<Utc>) -> Result<Message, MailError> {
        let to: Mailbox = mail.recipient.parse().map_err(|e| MailError::Recipient {
            recipient: mail.recipient.to_string(),
            reason: format!("{e}"),
        })?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject)
            .message_id(Some(self.message_id(mail.id)))
            .date(SystemTime::from(now))
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.to_string())
            .map_err(|e| MailError::Build(e.to_string()))
    }
}

fn sender(from: &str) -> Result<Mailbox, SettingError> {
    from.parse().map_err(|e| SettingError {
        name: "CORRIDOR_MAIL_FROM",
        message: format!("`{from}` is not an e-mail address: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn mail<'a>(recipient: &'a str, body: &'a str) -> Outgoing<'a> {
        Outgoing {
            id: "0193a1b2-0000-7000-8000-000000000001",
            recipient,
            subject: "[Corridor] Escalation L1: CN-1 DE movcon - 2 h 00 min left",
            body,
        }
    }

    #[test]
    fn a_bad_smtp_url_names_the_setting_and_hides_the_password() {
        let e =
            Mailer::smtp("ftp://corridor:hunter2@mail.example:25", "c@example.org").unwrap_err();
        assert_eq!(e.name, "CORRIDOR_SMTP_URL");
        assert!(!e.to_string().contains("hunter2"), "{e}");
        assert!(e.to_string().contains("corridor:***@mail.example"), "{e}");
        let e = Mailer::smtp("not a url", "c@example.org").unwrap_err();
        assert_eq!(e.name, "CORRIDOR_SMTP_URL");
    }

    #[test]
    fn smtp_urls_for_plain_starttls_and_implicit_tls_are_accepted() {
        for url in [
            "smtp://127.0.0.1:2525",
            "smtp://user:pw@mail.example:587?tls=required",
            "smtps://user:pw@mail.example",
        ] {
            let m = Mailer::smtp(url, "corridor@example.org").unwrap();
            assert!(!m.describe().contains(":pw@"), "{}", m.describe());
        }
    }

    #[test]
    fn a_bad_sender_names_its_setting() {
        assert_eq!(
            Mailer::log("not an address").unwrap_err().name,
            "CORRIDOR_MAIL_FROM"
        );
    }

    #[test]
    fn the_message_id_comes_from_the_outbox_id_and_the_sender_domain() {
        let m = Mailer::log("Corridor <corridor@corridor.example>").unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
        let msg = m
            .build(&mail("anna@example.org", "Zürich – body\n"), now)
            .unwrap();
        let wire = String::from_utf8(msg.formatted()).unwrap();
        assert!(
            wire.contains("Message-ID: <0193a1b2-0000-7000-8000-000000000001@corridor.example>"),
            "{wire}"
        );
        assert!(wire.contains("To: anna@example.org"), "{wire}");
        assert!(wire.contains("Date: Tue, 01 Dec 2026 06:00:00"), "{wire}");
        assert!(
            wire.contains("Content-Type: text/plain; charset=utf-8"),
            "{wire}"
        );
    }

    #[test]
    fn a_recipient_that_is_no_address_is_a_permanent_failure() {
        let m = Mailer::log("corridor@localhost").unwrap();
        let e = m.build(&mail("nobody", "x"), Utc::now()).unwrap_err();
        assert!(e.is_permanent());
        assert!(e.to_string().contains("`nobody`"), "{e}");
    }

    #[tokio::test]
    async fn the_log_mailer_accepts_every_message() {
        let m = Mailer::log("corridor@localhost").unwrap();
        assert!(m
            .send(&mail("anna@example.org", "b"), Utc::now())
            .await
            .is_ok());
    }
}
