//! Corridor: cross-border military movement permits.
//!
//! A functional core (`domain`, `policy`, `workflow`) of pure functions of (input, policy, now),
//! inside an imperative shell (`api`, `store`, `jobs`, `mail`).

pub mod api;
#[cfg(test)]
mod architecture;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod notification;
pub mod permit;
pub mod policy;
pub mod standing;
pub mod store;
pub mod workflow;
