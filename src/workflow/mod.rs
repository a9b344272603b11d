//! The workflow core: due times, stage planning, decisions, amendments and escalation, as pure
//! functions of (input, policy, now). The shell stores what they return and keeps the timers.

pub mod calendar;

#[cfg(test)]
mod test_policy;
