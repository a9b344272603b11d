//! Where a notification, a national review and a stage stand, and what an officer decides.

use super::wire::wire_enum;

wire_enum! {
    /// Status of a notification as a whole, and of one nation's review of it.
    NotificationStatus {
        /// At least one nation is still reviewing.
        InReview,
        /// Every nation has approved: the notification is the permit.
        Approved,
        /// A nation has rejected it.
        Rejected,
        /// A nation asks the requester to amend it.
        ChangesRequested,
        /// The requester withdrew it.
        Withdrawn,
        /// Departure passed before approval.
        Expired,
    }
}

impl NotificationStatus {
    /// Whether nothing more can happen to it.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Self::Approved | Self::Rejected | Self::Withdrawn | Self::Expired
        )
    }
}

wire_enum! {
    /// Status of one approval stage of one nation.
    StageStatus {
        /// Waiting for a decision.
        Pending,
        /// Approved by an officer.
        Approved,
        /// Approved with conditions attached to the permit.
        ApprovedWithConditions,
        /// Rejected, with a reason.
        Rejected,
        /// Sent back to the requester, with a reason.
        ChangesRequested,
        /// Cleared at once by policy (no findings above `info`, priority allowed).
        AutoCleared,
        /// Silence past the hard deadline counted as consent, where policy allows it.
        DeemedApproved,
        /// Replaced by a new stage after an amendment.
        Superseded,
    }
}

impl StageStatus {
    /// Whether this status lets the nation go on to issue its permit.
    pub fn is_approval(self) -> bool {
        matches!(
            self,
            Self::Approved
                | Self::ApprovedWithConditions
                | Self::AutoCleared
                | Self::DeemedApproved
        )
    }
}

wire_enum! {
    /// What an officer decides on a stage.
    Outcome {
        /// Approve.
        Approve,
        /// Approve, attaching conditions (at least one).
        ApproveWithConditions,
        /// Reject (reason required).
        Reject,
        /// Ask for an amendment (reason required).
        RequestChanges,
    }
}

impl Outcome {
    /// The stage status this outcome leads to.
    pub fn stage_status(self) -> StageStatus {
        match self {
            Self::Approve => StageStatus::Approved,
            Self::ApproveWithConditions => StageStatus::ApprovedWithConditions,
            Self::Reject => StageStatus::Rejected,
            Self::RequestChanges => StageStatus::ChangesRequested,
        }
    }
}

wire_enum! {
    /// What a user may do; see DESIGN.md "Users".
    Role {
        /// A unit's movement planner.
        Requester,
        /// A national movement-control officer, assigned to stage keys.
        Officer,
        /// A nation's single point of contact.
        Coordinator,
        /// A liaison cell or dashboard: read only.
        Liaison,
        /// Operator.
        Admin,
    }
}

impl Role {
    /// Whether a user of this role must belong to a nation.
    pub fn needs_nation(self) -> bool {
        matches!(self, Self::Requester | Self::Officer | Self::Coordinator)
    }
}

wire_enum! {
    /// What a timer is for. A notification has one durable watch; there is no other kind yet.
    TimerKind {
        /// Look at the notification again (expiry, deemed consent, escalations).
        Check,
    }
}

wire_enum! {
    /// Where a timer stands.
    TimerStatus {
        /// Waiting for its due time (claimed with a lease by the timer runner).
        Pending,
        /// Ended: its notification reached a final state.
        Done,
    }
}

wire_enum! {
    /// Where a message in the mail outbox stands.
    OutboxStatus {
        /// Waiting for (another) delivery attempt.
        Pending,
        /// The SMTP server accepted it.
        Sent,
        /// Given up on after the last allowed attempt (or a permanent failure).
        Failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for s in StageStatus::ALL {
            assert_eq!(s.as_str().parse::<StageStatus>().unwrap(), *s);
            assert_eq!(
                serde_json::to_string(s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        assert!("approved_conditionally".parse::<StageStatus>().is_err());
        assert_eq!("coordinator".parse::<Role>().unwrap(), Role::Coordinator);
    }

    #[test]
    fn outcomes_map_to_stage_statuses() {
        assert_eq!(
            Outcome::RequestChanges.stage_status(),
            StageStatus::ChangesRequested
        );
        assert!(Outcome::ApproveWithConditions.stage_status().is_approval());
        assert!(!Outcome::Reject.stage_status().is_approval());
    }
}

#[cfg(test)]
mod wire_names {
    use super::*;
    use serde::Serialize;

    /// The wire names are the API's and the database's: pinned here, so renaming a variant
    /// cannot change them unseen; serde and `FromStr` agree with `as_str`.
    #[test]
    fn wire_names_are_pinned_and_agree_with_serde_and_from_str() {
        fn names<T: Copy + Serialize + std::str::FromStr + PartialEq + std::fmt::Debug>(
            all: &[T],
            as_str: fn(T) -> &'static str,
        ) -> Vec<&'static str> {
            for v in all {
                let wire = as_str(*v);
                assert_eq!(serde_json::to_value(v).unwrap(), wire);
                assert_eq!(wire.parse::<T>().ok(), Some(*v));
            }
            all.iter().map(|v| as_str(*v)).collect()
        }
        assert_eq!(
            names(NotificationStatus::ALL, NotificationStatus::as_str),
            [
                "in_review",
                "approved",
                "rejected",
                "changes_requested",
                "withdrawn",
                "expired"
            ]
        );
        assert_eq!(
            names(StageStatus::ALL, StageStatus::as_str),
            [
                "pending",
                "approved",
                "approved_with_conditions",
                "rejected",
                "changes_requested",
                "auto_cleared",
                "deemed_approved",
                "superseded"
            ]
        );
        assert_eq!(
            names(Outcome::ALL, Outcome::as_str),
            [
                "approve",
                "approve_with_conditions",
                "reject",
                "request_changes"
            ]
        );
        assert_eq!(
            names(Role::ALL, Role::as_str),
            ["requester", "officer", "coordinator", "liaison", "admin"]
        );
        assert_eq!(StageStatus::AutoCleared.to_string(), "auto_cleared");
        assert_eq!(
            "approvd".parse::<NotificationStatus>().unwrap_err(),
            "`approvd` is not one of in_review, approved, rejected, changes_requested, withdrawn, expired"
        );
    }
}

#[cfg(test)]
mod work_queue_wire_names {
    use super::*;

    /// The timers' and the outbox's stored names, pinned: `store::lease` finds due rows of both
    /// tables by the one name `pending` in hand-written SQL.
    #[test]
    fn timer_and_outbox_names_are_pinned() {
        assert_eq!(
            TimerKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>(),
            ["check"]
        );
        assert_eq!(
            TimerStatus::ALL
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>(),
            ["pending", "done"]
        );
        assert_eq!(
            OutboxStatus::ALL
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>(),
            ["pending", "sent", "failed"]
        );
        assert_eq!(
            "sending".parse::<OutboxStatus>().unwrap_err(),
            "`sending` is not one of pending, sent, failed"
        );
    }
}
