//! Corridor end to end: the real `corridor` binary over real HTTP, on SQLite (or PostgreSQL with
//! `TEST_DATABASE_URL`), with a real SMTP server in this process. One test binary: the modules
//! below share the harness in `common` (servers, the suite's clock, fixtures, contract checks).

mod common;

mod access_control;
mod backup;
mod board;
mod board_scope;
mod contract;
mod escalation;
mod faults;
mod findings;
mod foundation;
mod hardening;
mod lanes;
mod languages;
mod limits;
mod mail;
mod notifications;
mod permits;
mod planner;
mod policies;
mod queue;
mod restructure;
mod standing;
