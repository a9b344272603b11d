//! Where a notification, a national review and a stage stand, and what an officer decides.

use serde::{Deserialize, Serialize};

/// Declares a wire enum with `as_str`, `Display`, `FromStr` and `ALL` from one list of names.
macro_rules! wire_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    let names: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    format!("`{s}` is not one of {}", names.join(", "))
                })
            }
        }
    };
}

wire_enum! {
    /// Status of a notification as a whole, and of one nation's review of it.
    NotificationStatus {
        /// At least one nation is still reviewing.
        InReview = "in_review",
        /// Every nation has approved: the notification is the permit.
        Approved = "approved",
        /// A nation has rejected it.
        Rejected = "rejected",
        /// A nation asks the requester to amend it.
        ChangesRequested = "changes_requested",
        /// The requester withdrew it.
        Withdrawn = "withdrawn",
        /// Departure passed before approval.
        Expired = "expired",
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
        Pending = "pending",
        /// Approved by an officer.
        Approved = "approved",
        /// Approved with conditions attached to the permit.
        ApprovedWithConditions = "approved_with_conditions",
        /// Rejected, with a reason.
        Rejected = "rejected",
        /// Sent back to the requester, with a reason.
        ChangesRequested = "changes_requested",
        /// Cleared at once by policy (no findings above `info`, priority allowed).
        AutoCleared = "auto_cleared",
        /// Silence past the hard deadline counted as consent, where policy allows it.
        DeemedApproved = "deemed_approved",
        /// Replaced by a new stage after an amendment.
        Superseded = "superseded",
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
        Approve = "approve",
        /// Approve, attaching conditions (at least one).
        ApproveWithConditions = "approve_with_conditions",
        /// Reject (reason required).
        Reject = "reject",
        /// Ask for an amendment (reason required).
        RequestChanges = "request_changes",
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
        Requester = "requester",
        /// A national movement-control officer, assigned to stage keys.
        Officer = "officer",
        /// A nation's single point of contact.
        Coordinator = "coordinator",
        /// A liaison cell or dashboard: read only.
        Liaison = "liaison",
        /// Operator.
        Admin = "admin",
    }
}

impl Role {
    /// Whether a user of this role must belong to a nation.
    pub fn needs_nation(self) -> bool {
        matches!(self, Self::Requester | Self::Officer | Self::Coordinator)
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
