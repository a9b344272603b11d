//! Background work: the timer runner (escalations, deemed consent, expiry) and the outbox sender.

pub mod outbox;
pub mod timers;
