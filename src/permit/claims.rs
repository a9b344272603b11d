//! The permit bundle's claims: a pure function of the stored notification, its reviews and
//! stages, and the nations' validity margins. Nothing here reads a database or a clock.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::MovementInput;

/// `typ` of the full permit bundle.
pub const PERMIT_TYP: &str = "corridor-permit+jwt";
/// `typ` of the short checkpoint token a QR code carries when the bundle does not fit.
pub const CHECKPOINT_TYP: &str = "corridor-checkpoint+jwt";
/// `typ` of the signed revocation list.
pub const REVOCATIONS_TYP: &str = "corridor-revocations+jwt";

/// One nation's permit inside the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationPermit {
    /// ISO 3166-1 alpha-2.
    pub nation: String,
    /// The nation's permit number (e.g. `DE-2027-000012`).
    pub permit: String,
    /// Conditions the nation attached (every stage's, in stage order).
    pub conditions: Vec<String>,
    /// When the nation's last stage was decided (RFC 3339).
    pub decided_at: String,
    /// Content hash of the nation's policy the review ran under.
    pub policy: String,
}

/// One leg of the itinerary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegClaim {
    /// Nation crossed.
    pub nation: String,
    /// Entry point.
    pub entry: String,
    /// Exit point.
    pub exit: String,
    /// Entry time (RFC 3339).
    pub entry_at: String,
    /// Exit time (RFC 3339).
    pub exit_at: String,
}

/// One vehicle type of the convoy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VehicleClaim {
    /// What it is.
    #[serde(rename = "type")]
    pub label: String,
    /// How many.
    pub count: u32,
    /// `wheeled` or `tracked`.
    pub category: String,
    /// Gross mass of one, kg.
    pub gross_kg: u32,
    /// Width, mm.
    pub width_mm: u32,
    /// Height, mm.
    pub height_mm: u32,
    /// Military Load Classification.
    pub mlc: u16,
}

/// The convoy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConvoyClaim {
    /// Vehicle types.
    pub vehicles: Vec<VehicleClaim>,
    /// Personnel travelling.
    pub personnel: u32,
}

/// One dangerous-goods line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DgClaim {
    /// UN number (4 digits).
    pub un: String,
    /// Quantity in kg.
    pub qty_kg: u32,
    /// The vehicle type carrying it (its `type`).
    pub vehicle: String,
}

/// The claims of a permit bundle (`typ` `corridor-permit+jwt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermitClaims {
    /// Issuer.
    pub iss: String,
    /// The bundle's id.
    pub jti: String,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Valid from: the movement's start less the largest margin of its nations.
    pub nbf: i64,
    /// Valid until: the movement's end plus the largest margin of its nations.
    pub exp: i64,
    /// The CRD reference.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Notification (movement) version.
    pub ver: i32,
    /// Every nation's permit.
    pub nations: Vec<NationPermit>,
    /// The route.
    pub itinerary: Vec<LegClaim>,
    /// The convoy.
    pub convoy: ConvoyClaim,
    /// Dangerous goods.
    pub dg: Vec<DgClaim>,
}

/// The short token a QR code holds when the full bundle does not fit (`corridor-checkpoint+jwt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointClaims {
    /// Issuer.
    pub iss: String,
    /// The full bundle's id (revocation applies to both).
    pub jti: String,
    /// Issued at.
    pub iat: i64,
    /// As the bundle.
    pub nbf: i64,
    /// As the bundle.
    pub exp: i64,
    /// The CRD reference.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Notification version.
    pub ver: i32,
    /// `[nation, permit number]` pairs.
    pub nations: Vec<[String; 2]>,
    /// Vehicles in the convoy.
    pub vehicles: u32,
    /// SHA-256 of the full bundle's compact JWS, base64url without padding.
    pub bundle_sha256: String,
}

/// One nation's review as the claims need it.
#[derive(Debug, Clone)]
pub struct ReviewFacts {
    /// Nation code.
    pub nation: String,
    /// Its permit number (every nation has one once the notification is approved).
    pub permit: String,
    /// Conditions of its current stages, in stage order.
    pub conditions: Vec<String>,
    /// Latest decision time of its current stages.
    pub decided_at: DateTime<Utc>,
    /// Policy content hash.
    pub policy_version: String,
}

/// How long before the movement's start and after its end a nation's permit holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Margins {
    /// Before departure (or the validity window's start).
    pub before: Duration,
    /// After arrival (or the validity window's end).
    pub after: Duration,
}

/// Everything the claims are built from.
pub struct BundleInput<'a> {
    /// Issuer.
    pub iss: &'a str,
    /// Fresh bundle id.
    pub jti: &'a str,
    /// Now.
    pub iat: DateTime<Utc>,
    /// CRD reference.
    pub reference: &'a str,
    /// Notification version.
    pub version: i32,
    /// The movement as stored.
    pub movement: &'a MovementInput,
    /// Each nation's review, in route order.
    pub reviews: &'a [ReviewFacts],
    /// Each nation's margins (nations without an entry get `default_margins`).
    pub margins: &'a BTreeMap<String, Margins>,
    /// Margins for a nation whose policy gives none.
    pub default_margins: Margins,
}

/// RFC 3339, UTC, whole seconds.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn wire<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The validity window: the movement's (or a standing authorisation's) window widened by the
/// largest margin of any nation on the route.
pub fn window(input: &BundleInput<'_>) -> (DateTime<Utc>, DateTime<Utc>) {
    let m = input.movement;
    let (from, until) = match &m.validity {
        Some(v) => (v.from, v.until),
        None => (m.departure_at, m.arrival_at),
    };
    let margins: Vec<Margins> = input
        .reviews
        .iter()
        .map(|r| {
            input
                .margins
                .get(&r.nation)
                .copied()
                .unwrap_or(input.default_margins)
        })
        .collect();
    let before = margins
        .iter()
        .map(|x| x.before)
        .max()
        .unwrap_or(input.default_margins.before);
    let after = margins
        .iter()
        .map(|x| x.after)
        .max()
        .unwrap_or(input.default_margins.after);
    (from - before, until + after)
}

/// Builds the bundle's claims.
pub fn build(input: &BundleInput<'_>) -> PermitClaims {
    let m = input.movement;
    let (nbf, exp) = window(input);
    PermitClaims {
        iss: input.iss.to_string(),
        jti: input.jti.to_string(),
        iat: input.iat.timestamp(),
        nbf: nbf.timestamp(),
        exp: exp.timestamp(),
        reference: input.reference.to_string(),
        ver: input.version,
        nations: input
            .reviews
            .iter()
            .map(|r| NationPermit {
                nation: r.nation.clone(),
                permit: r.permit.clone(),
                conditions: r.conditions.clone(),
                decided_at: rfc3339(r.decided_at),
                policy: r.policy_version.clone(),
            })
            .collect(),
        itinerary: m
            .itinerary
            .iter()
            .map(|l| LegClaim {
                nation: l.nation.to_string(),
                entry: l.entry_point.clone(),
                exit: l.exit_point.clone(),
                entry_at: rfc3339(l.entry_at),
                exit_at: rfc3339(l.exit_at),
            })
            .collect(),
        convoy: ConvoyClaim {
            vehicles: m
                .vehicles
                .iter()
                .map(|v| VehicleClaim {
                    label: v.label.clone(),
                    count: v.count,
                    category: wire(&v.category),
                    gross_kg: v.gross_mass_kg,
                    width_mm: v.width_mm,
                    height_mm: v.height_mm,
                    mlc: v.mlc,
                })
                .collect(),
            personnel: m.personnel,
        },
        dg: m
            .cargo
            .iter()
            .filter_map(|c| {
                let un = c.un_number.as_ref()?;
                Some(DgClaim {
                    un: wire(un),
                    qty_kg: c.quantity_kg,
                    vehicle: m
                        .vehicles
                        .get(c.vehicle)
                        .map(|v| v.label.clone())
                        .unwrap_or_default(),
                })
            })
            .collect(),
    }
}

/// The checkpoint claims for a full bundle and its compact JWS.
pub fn checkpoint(full: &PermitClaims, token: &str) -> CheckpointClaims {
    use base64::Engine;
    CheckpointClaims {
        iss: full.iss.clone(),
        jti: full.jti.clone(),
        iat: full.iat,
        nbf: full.nbf,
        exp: full.exp,
        reference: full.reference.clone(),
        ver: full.ver,
        nations: full
            .nations
            .iter()
            .map(|n| [n.nation.clone(), n.permit.clone()])
            .collect(),
        vehicles: full.convoy.vehicles.iter().map(|v| v.count).sum(),
        bundle_sha256: base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(Sha256::digest(token.as_bytes())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn movement() -> MovementInput {
        let text = include_str!("../../tests/fixtures/crisis_nl_de_pl_lt.json");
        serde_json::from_str(text).expect("fixture parses")
    }

    fn t(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 2, 1, 6, 0, 0)
            .single()
            .expect("time")
            + Duration::hours(h)
    }

    fn reviews() -> Vec<ReviewFacts> {
        ["NL", "DE", "PL", "LT"]
            .iter()
            .enumerate()
            .map(|(i, n)| ReviewFacts {
                nation: n.to_string(),
                permit: format!("{n}-2027-00000{i}"),
                conditions: if *n == "DE" {
                    vec!["escort from Bad Bentheim".into()]
                } else {
                    vec![]
                },
                decided_at: t(i as i64),
                policy_version: "ab".repeat(32),
            })
            .collect()
    }

    const DEFAULT: Margins = Margins {
        before: Duration::hours(2),
        after: Duration::hours(6),
    };

    #[test]
    fn claims_carry_every_nation_leg_vehicle_and_dangerous_good() {
        let m = movement();
        let r = reviews();
        let margins = BTreeMap::new();
        let c = build(&BundleInput {
            iss: "corridor",
            jti: "j1",
            iat: t(0),
            reference: "CRD-2027-000001",
            version: 2,
            movement: &m,
            reviews: &r,
            margins: &margins,
            default_margins: DEFAULT,
        });
        assert_eq!(c.nations.len(), 4);
        assert_eq!(c.nations[1].permit, "DE-2027-000001");
        assert_eq!(c.nations[1].conditions, ["escort from Bad Bentheim"]);
        assert_eq!(c.itinerary.len(), m.itinerary.len());
        assert_eq!(c.itinerary[1].entry, "Bad Bentheim");
        assert_eq!(c.convoy.vehicles.len(), m.vehicles.len());
        assert_eq!(c.convoy.personnel, m.personnel);
        let dg_lines = m.cargo.iter().filter(|x| x.un_number.is_some()).count();
        assert_eq!(c.dg.len(), dg_lines);
        assert_eq!(c.ver, 2);
        assert_eq!(c.nbf, (m.departure_at - Duration::hours(2)).timestamp());
        assert_eq!(c.exp, (m.arrival_at + Duration::hours(6)).timestamp());
        // The wire names are the claims the issue fixes.
        let v = serde_json::to_value(&c).expect("serialises");
        for k in [
            "iss",
            "jti",
            "iat",
            "nbf",
            "exp",
            "ref",
            "ver",
            "nations",
            "itinerary",
            "convoy",
            "dg",
        ] {
            assert!(v.get(k).is_some(), "claim {k}");
        }
        assert!(v["convoy"]["vehicles"][0].get("type").is_some());
    }

    #[test]
    fn the_window_takes_the_largest_margin_of_the_nations_on_the_route() {
        let m = movement();
        let r = reviews();
        let mut margins = BTreeMap::new();
        margins.insert(
            "PL".to_string(),
            Margins {
                before: Duration::hours(12),
                after: Duration::hours(1),
            },
        );
        // A nation not on the route does not widen it.
        margins.insert(
            "CZ".to_string(),
            Margins {
                before: Duration::days(9),
                after: Duration::days(9),
            },
        );
        let input = BundleInput {
            iss: "corridor",
            jti: "j",
            iat: t(0),
            reference: "CRD",
            version: 1,
            movement: &m,
            reviews: &r,
            margins: &margins,
            default_margins: DEFAULT,
        };
        let (nbf, exp) = window(&input);
        assert_eq!(nbf, m.departure_at - Duration::hours(12));
        assert_eq!(exp, m.arrival_at + Duration::hours(6));
    }

    #[test]
    fn the_checkpoint_token_names_the_bundle_by_its_hash() {
        let m = movement();
        let r = reviews();
        let margins = BTreeMap::new();
        let c = build(&BundleInput {
            iss: "corridor",
            jti: "j1",
            iat: t(0),
            reference: "CRD-2027-000001",
            version: 1,
            movement: &m,
            reviews: &r,
            margins: &margins,
            default_margins: DEFAULT,
        });
        let a = checkpoint(&c, "a.b.c");
        let b = checkpoint(&c, "a.b.d");
        assert_ne!(a.bundle_sha256, b.bundle_sha256);
        assert_eq!(a.bundle_sha256.len(), 43);
        assert_eq!(a.jti, "j1");
        assert_eq!(
            a.nations[2],
            ["PL".to_string(), "PL-2027-000002".to_string()]
        );
        assert_eq!(a.vehicles, m.vehicles.iter().map(|v| v.count).sum::<u32>());
    }
}
