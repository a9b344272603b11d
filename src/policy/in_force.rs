//! The policy set in force: read by every request and every timer, replaced whole on a reload.

use std::sync::{Arc, RwLock};

use super::PolicySet;

/// The loaded policy set, shared by the HTTP handlers and the runners.
#[derive(Debug)]
pub struct PoliciesInForce(RwLock<Arc<PolicySet>>);

impl PoliciesInForce {
    /// Puts `set` in force.
    pub fn new(set: PolicySet) -> Self {
        PoliciesInForce(RwLock::new(Arc::new(set)))
    }

    /// A snapshot: a reload does not change it under the caller.
    pub fn current(&self) -> Arc<PolicySet> {
        self.0.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Puts `fresh` in force for every later snapshot.
    pub fn replace(&self, fresh: Arc<PolicySet>) {
        *self.0.write().unwrap_or_else(|p| p.into_inner()) = fresh;
    }
}
