//! Background work: the timer runner (escalations, deemed consent, expiry), the outbox sender,
//! and upkeep (old Idempotency-Key answers).
//!
//! Runners take a `Runners` context (store, clock, policies, a change signal), not the HTTP
//! state: they work the same with or without a server in the process.

use std::sync::Arc;

use crate::clock::Clock;
use crate::policy::PoliciesInForce;
use crate::store::Store;

pub mod outbox;
pub mod timers;
pub mod upkeep;

/// What the runners need to do their work.
#[derive(Clone)]
pub struct Runners {
    /// The database.
    pub store: Store,
    /// The one source of "now".
    pub clock: Clock,
    /// The policy set in force.
    pub policies: Arc<PoliciesInForce>,
    /// Where people reach the service (`CORRIDOR_PUBLIC_URL`), for links in mail.
    pub public_url: String,
    /// Called after a runner committed a change (wakes long-polling readers of this instance).
    pub changed: Arc<dyn Fn() + Send + Sync>,
}
