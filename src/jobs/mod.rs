//! Background work that must survive restarts: durable timers and the mail outbox sender.
pub mod outbox;
