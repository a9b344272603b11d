//! Signed permit bundles (issue 14), end to end over HTTP against the real binary: a standard
//! JOSE library (jsonwebtoken) verifies the bundle against the published JWKS, `corridor permit
//! verify` refuses each failure with its own reason, the printed document's QR code decodes
//! (resvg renders the SVG, rqrr decodes it), keys rotate without orphaning a permit.

use std::collections::HashSet;
use std::path::Path;

use crate::common::{fixture, problem, Options, Server};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const UNIT: &str = "43 Mechanised Brigade";

struct Cast {
    s: Server,
    requester: String,
    coordinators: Vec<(String, String)>,
    liaison: String,
}

fn cast_on(s: Server) -> Cast {
    let requester = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    let coordinators = ["NL", "DE", "PL", "LT"]
        .iter()
        .map(|n| {
            let name = format!("{}.coord", n.to_lowercase());
            (
                n.to_string(),
                s.user(&name, "coordinator", &["--nation", n]),
            )
        })
        .collect();
    let liaison = s.user("jsec", "liaison", &[]);
    Cast {
        s,
        requester,
        coordinators,
        liaison,
    }
}

fn cast() -> Cast {
    cast_on(Server::start())
}

fn submit(c: &Cast, movement: &Value) -> String {
    crate::common::submit_id(&c.s, &c.requester, movement)
}

fn get(c: &Cast, id: &str) -> Value {
    let r = c.s.get(&format!("/v1/notifications/{id}"), &c.requester);
    assert_eq!(r.status(), 200);
    r.json().unwrap()
}

/// Every nation's coordinator approves every open stage (Germany's with a condition) until
/// the notification is approved.
fn approve_all(c: &Cast, id: &str) -> Value {
    for _ in 0..20 {
        let n = get(c, id);
        if n["status"] == "approved" {
            return n;
        }
        for review in n["nations"].as_array().unwrap() {
            let code = review["nation"].as_str().unwrap();
            let token = &c.coordinators.iter().find(|(n, _)| n == code).unwrap().1;
            for st in review["stages"].as_array().unwrap() {
                if st["status"] != "pending" || !st["opened_at"].is_string() {
                    continue;
                }
                let key = st["key"].as_str().unwrap();
                let body = if code == "DE" {
                    json!({"outcome": "approve_with_conditions", "conditions": ["escort by Feldjäger from Bad Bentheim"]})
                } else {
                    json!({"outcome": "approve"})
                };
                let r =
                    c.s.req(
                        Method::POST,
                        &format!("/v1/notifications/{id}/nations/{code}/stages/{key}/decision"),
                        token,
                    )
                    .header("if-match", "*")
                    .json(&body)
                    .send()
                    .unwrap();
                assert_eq!(
                    r.status(),
                    200,
                    "{code}/{key}: {}",
                    r.text().unwrap_or_default()
                );
            }
        }
    }
    panic!("{id} never became approved: {}", get(c, id));
}

fn permit(c: &Cast, id: &str, token: &str) -> Value {
    let r = c.s.get(&format!("/v1/notifications/{id}/permit"), token);
    assert_eq!(r.status(), 200);
    r.json().unwrap()
}

fn public(c: &Cast, path: &str) -> String {
    let r = c.s.http.get(format!("{}{path}", c.s.url)).send().unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().unwrap()
}

/// The standard JOSE check: the key named by `kid` in the published JWKS, EdDSA.
fn jose_verify(token: &str, jwks: &JwkSet) -> Result<Value, jsonwebtoken::errors::Error> {
    let header = jsonwebtoken::decode_header(token)?;
    let kid = header.kid.expect("kid");
    let jwk = jwks
        .find(&kid)
        .ok_or(jsonwebtoken::errors::ErrorKind::InvalidKeyFormat)?;
    let key = DecodingKey::from_jwk(jwk)?;
    let mut v = Validation::new(Algorithm::EdDSA);
    // The window is checked at the suite's time by `corridor permit verify`, not the machine's.
    v.validate_exp = false;
    v.validate_nbf = false;
    v.required_spec_claims = HashSet::new();
    jsonwebtoken::decode::<Value>(token, &key, &v).map(|d| d.claims)
}

struct Verdict {
    code: i32,
    stdout: String,
}

fn verify(s: &Server, dir: &Path, token: &str, revocations: Option<&str>, at: &str) -> Verdict {
    let keys = dir.join("jwks.json");
    std::fs::write(&keys, public_raw(s, "/v1/permits/keys")).unwrap();
    let file = dir.join(format!("token-{}.jws", uuid::Uuid::new_v4().simple()));
    std::fs::write(&file, token).unwrap();
    let mut args = vec![
        "permit".to_string(),
        "verify".into(),
        file.display().to_string(),
        "--keys".into(),
        keys.display().to_string(),
        "--at".into(),
        at.into(),
    ];
    if let Some(list) = revocations {
        let path = dir.join("revocations.json");
        std::fs::write(&path, list).unwrap();
        args.push("--revocations".into());
        args.push(path.display().to_string());
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = s.cli(&refs, None);
    Verdict {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

fn public_raw(s: &Server, path: &str) -> String {
    let r = s.http.get(format!("{}{path}", s.url)).send().unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().unwrap()
}

fn stamp_of(epoch: i64) -> String {
    crate::common::stamp(chrono::DateTime::from_timestamp(epoch, 0).unwrap())
}

/// Replaces the payload of a compact JWS with `claims`, keeping header and signature.
fn with_claims(token: &str, claims: &Value) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        parts[2]
    )
}

#[test]
fn an_approved_notification_has_a_bundle_that_verifies_and_each_failure_has_its_own_reason() {
    let c = cast();
    let s = &c.s;
    let dir = tempfile::tempdir().unwrap();
    let id = submit(&c, &fixture("crisis_ammunition"));

    // Before every nation approved: 409 naming the nations still open.
    let p = problem(
        s.get(&format!("/v1/notifications/{id}/permit"), &c.requester),
        409,
    );
    let detail = p["detail"].as_str().unwrap();
    for n in ["NL", "DE", "PL", "LT"] {
        assert!(detail.contains(n), "{detail}");
    }
    problem(
        s.get(
            &format!("/v1/notifications/{id}/permit/document"),
            &c.requester,
        ),
        409,
    );

    let n = approve_all(&c, &id);
    let bundle = permit(&c, &id, &c.requester);
    let token = bundle["token"].as_str().unwrap();
    let header = jsonwebtoken::decode_header(token).unwrap();
    assert_eq!(header.alg, Algorithm::EdDSA);
    assert_eq!(header.typ.as_deref(), Some("corridor-permit+jwt"));
    assert_eq!(header.kid.as_deref(), bundle["kid"].as_str());

    // A standard JOSE library verifies it against the published JWKS (both addresses).
    let jwks: JwkSet = serde_json::from_str(&public(&c, "/v1/permits/keys")).unwrap();
    let well_known: JwkSet = serde_json::from_str(&public(&c, "/.well-known/jwks.json")).unwrap();
    assert_eq!(jwks, well_known);
    let claims = jose_verify(token, &jwks).expect("the bundle verifies");
    assert_eq!(claims, bundle["claims"]);
    assert_eq!(claims["ref"], n["reference"]);
    assert_eq!(claims["ver"], 1);
    for review in n["nations"].as_array().unwrap() {
        let nc = claims["nations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["nation"] == review["nation"])
            .unwrap();
        assert_eq!(nc["permit"], review["permit_number"]);
        assert_eq!(nc["policy"], review["policy_version"]);
    }
    let de = claims["nations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nation"] == "DE")
        .unwrap();
    assert_eq!(de["conditions"][0], "escort by Feldjäger from Bad Bentheim");
    assert_eq!(claims["itinerary"].as_array().unwrap().len(), 4);
    assert!(!claims["dg"].as_array().unwrap().is_empty());
    let departure = crate::common::parse_time(n["departure_at"].as_str().unwrap()).timestamp();
    let arrival = crate::common::parse_time(n["arrival_at"].as_str().unwrap()).timestamp();
    assert_eq!(
        claims["nbf"],
        departure - 2 * 3600,
        "no policy sets a margin: 2 h"
    );
    assert_eq!(claims["exp"], arrival + 6 * 3600);

    // Everyone who may read the notification may read the permit; others learn nothing.
    assert_eq!(permit(&c, &id, &c.liaison)["token"], bundle["token"]);
    assert_eq!(
        permit(&c, &id, &c.coordinators[3].1)["token"],
        bundle["token"]
    );
    let other = s.user(
        "nl.other",
        "requester",
        &["--nation", "NL", "--unit", "11 Airmobile Brigade"],
    );
    problem(
        s.get(&format!("/v1/notifications/{id}/permit"), &other),
        404,
    );

    // Offline: valid inside the window, with what a patrol checks.
    let inside = stamp_of(departure);
    let v = verify(s, dir.path(), token, None, &inside);
    assert_eq!(v.code, 0, "{}", v.stdout);
    assert!(v.stdout.contains("VALID"), "{}", v.stdout);
    assert!(v.stdout.contains(n["reference"].as_str().unwrap()));
    assert!(v.stdout.contains(de["permit"].as_str().unwrap()));

    // A changed claim: the library and the CLI refuse the signature.
    let mut forged = claims.clone();
    forged["convoy"]["vehicles"][0]["count"] = json!(1);
    let changed = with_claims(token, &forged);
    let e = jose_verify(&changed, &jwks).unwrap_err();
    assert_eq!(*e.kind(), jsonwebtoken::errors::ErrorKind::InvalidSignature);
    let v = verify(s, dir.path(), &changed, None, &inside);
    assert_eq!(v.code, 3, "{}", v.stdout);
    assert!(v.stdout.contains("REFUSED bad_signature"), "{}", v.stdout);

    // Another key: one it names that the JWKS lacks, or the right kid with a wrong key.
    let other_key = corridor::permit::keys::SigningKey::from_pem(
        &corridor::permit::keys::generate_pem().unwrap(),
    )
    .unwrap();
    let foreign = other_key.sign("corridor-permit+jwt", &claims).unwrap();
    assert!(jose_verify(&foreign, &jwks).is_err());
    let v = verify(s, dir.path(), &foreign, None, &inside);
    assert_eq!(v.code, 3, "{}", v.stdout);
    assert!(v.stdout.contains("REFUSED unknown_key"), "{}", v.stdout);
    let impostor_header = format!(
        "{}.",
        URL_SAFE_NO_PAD.encode(
            json!({"alg": "EdDSA", "typ": "corridor-permit+jwt", "kid": header.kid}).to_string()
        )
    );
    let parts: Vec<&str> = foreign.split('.').collect();
    let impostor = format!("{impostor_header}{}.{}", parts[1], parts[2]);
    assert_eq!(
        *jose_verify(&impostor, &jwks).unwrap_err().kind(),
        jsonwebtoken::errors::ErrorKind::InvalidSignature
    );
    let v = verify(s, dir.path(), &impostor, None, &inside);
    assert_eq!(v.code, 3);
    assert!(v.stdout.contains("REFUSED bad_signature"), "{}", v.stdout);

    // Outside the window: expired, and not yet valid, each with its code.
    let exp = claims["exp"].as_i64().unwrap();
    let nbf = claims["nbf"].as_i64().unwrap();
    let v = verify(s, dir.path(), token, None, &stamp_of(exp));
    assert_eq!(v.code, 4, "{}", v.stdout);
    assert!(v.stdout.contains("REFUSED expired"), "{}", v.stdout);
    let v = verify(s, dir.path(), token, None, &stamp_of(nbf - 1));
    assert_eq!(v.code, 4);
    assert!(v.stdout.contains("REFUSED not_yet_valid"), "{}", v.stdout);

    // The revocation list before: signed, empty, and the bundle passes with it.
    let list0 = public(&c, "/v1/permits/revocations");
    let l0: Value = serde_json::from_str(&list0).unwrap();
    assert!(jose_verify(l0["token"].as_str().unwrap(), &jwks).is_ok());
    assert_eq!(l0["claims"]["revoked"], json!([]));
    assert_eq!(verify(s, dir.path(), token, Some(&list0), &inside).code, 0);

    // Withdrawing the approved movement revokes its bundle.
    let r = s.post(
        &format!("/v1/notifications/{id}/withdraw"),
        &c.requester,
        &json!({"reason": "exercise cancelled"}),
    );
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    let p = problem(
        s.get(&format!("/v1/notifications/{id}/permit"), &c.requester),
        409,
    );
    assert!(p["detail"].as_str().unwrap().contains("withdrawn"));
    let list1 = public(&c, "/v1/permits/revocations");
    let l1: Value = serde_json::from_str(&list1).unwrap();
    assert!(l1["claims"]["seq"].as_i64() > l0["claims"]["seq"].as_i64());
    assert_eq!(l1["claims"]["revoked"][0]["jti"], claims["jti"]);
    assert_eq!(l1["claims"]["revoked"][0]["reason"], "withdrawn");
    let v = verify(s, dir.path(), token, Some(&list1), &inside);
    assert_eq!(v.code, 5, "{}", v.stdout);
    assert!(v.stdout.contains("REFUSED revoked"), "{}", v.stdout);
    // A revocation list someone edited is not trusted.
    let mut edited = l1["claims"].clone();
    edited["revoked"] = json!([]);
    let tampered =
        json!({"token": with_claims(l1["token"].as_str().unwrap(), &edited)}).to_string();
    assert_eq!(
        verify(s, dir.path(), token, Some(&tampered), &inside).code,
        2
    );

    // Issue and revocation are in the audit trail.
    let trail: Value = s
        .get(&format!("/v1/notifications/{id}/events"), &c.liaison)
        .json()
        .unwrap();
    let actions: Vec<&str> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"permit_issued"), "{actions:?}");
    assert_eq!(actions.last(), Some(&"permit_revoked"), "{actions:?}");
    s.assert_audit_verifies();
}

#[test]
fn an_amended_approved_movement_gets_a_new_bundle_and_the_old_one_is_revoked() {
    let c = cast();
    let s = &c.s;
    let dir = tempfile::tempdir().unwrap();
    let movement = fixture("crisis_nl_de_pl_lt");
    let id = submit(&c, &movement);
    approve_all(&c, &id);
    let first = permit(&c, &id, &c.requester);
    let first_token = first["token"].as_str().unwrap().to_string();

    let tag =
        c.s.get(&format!("/v1/notifications/{id}"), &c.requester)
            .headers()["etag"]
            .to_str()
            .unwrap()
            .to_string();
    let mut amended = movement.clone();
    amended["personnel"] = json!(movement["personnel"].as_u64().unwrap_or(0) + 3);
    let r = crate::common::amend(s, &c.requester, &id, &amended, &tag);
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    let n = approve_all(&c, &id);
    assert_eq!(n["version"], 2);
    let second = permit(&c, &id, &c.requester);
    assert_ne!(second["claims"]["jti"], first["claims"]["jti"]);
    assert_eq!(second["claims"]["ver"], 2);
    assert_eq!(
        second["claims"]["convoy"]["personnel"],
        amended["personnel"]
    );

    let list = public(&c, "/v1/permits/revocations");
    let l: Value = serde_json::from_str(&list).unwrap();
    let revoked = l["claims"]["revoked"].as_array().unwrap();
    assert_eq!(revoked.len(), 1, "{l}");
    assert_eq!(revoked[0]["jti"], first["claims"]["jti"]);
    assert_eq!(revoked[0]["reason"], "amended");
    let at = stamp_of(second["claims"]["nbf"].as_i64().unwrap() + 60);
    assert_eq!(
        verify(s, dir.path(), &first_token, Some(&list), &at).code,
        5
    );
    let v = verify(
        s,
        dir.path(),
        second["token"].as_str().unwrap(),
        Some(&list),
        &at,
    );
    assert_eq!(v.code, 0, "{}", v.stdout);
}

/// Renders the document's first inline SVG and decodes its QR code.
fn decode_qr(html: &str) -> String {
    let start = html.find("<svg").expect("an inline SVG");
    let end = html[start..].find("</svg>").expect("svg end") + start + "</svg>".len();
    let svg = &html[start..end];
    let tree =
        resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("SVG parses");
    let size = tree.size().to_int_size();
    // Three pixels per module at least; a version-40 code is 177 modules plus its quiet zone.
    let scale = (900.0 / size.width() as f32).max(1.0);
    let (w, h) = (
        (size.width() as f32 * scale) as u32,
        (size.height() as f32 * scale) as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let data = pixmap.data();
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
        let i = (y * w as usize + x) * 4;
        ((u16::from(data[i]) + u16::from(data[i + 1]) + u16::from(data[i + 2])) / 3) as u8
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the page");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn the_qr_code_on_the_printed_permit_decodes_to_a_token_the_cli_accepts_offline() {
    let c = cast();
    let s = &c.s;
    let dir = tempfile::tempdir().unwrap();
    let id = submit(&c, &fixture("crisis_ammunition"));
    let n = approve_all(&c, &id);
    let bundle = permit(&c, &id, &c.requester);
    let r = s.get(
        &format!("/v1/notifications/{id}/permit/document"),
        &c.liaison,
    );
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = r.text().unwrap();
    // The requester is Dutch: Dutch labels with English beside them; A4 print CSS.
    assert!(html.contains("<html lang=\"nl\">"));
    assert!(html.contains("Vervoersvergunning <span class=\"en\">/ Movement permit</span>"));
    assert!(html.contains("@page{size:A4"));
    for review in n["nations"].as_array().unwrap() {
        assert!(html.contains(review["permit_number"].as_str().unwrap()));
    }
    assert!(html.contains("escort by Feldjäger from Bad Bentheim"));
    assert!(html.contains("Bad Bentheim"));

    let in_qr = decode_qr(&html);
    let token = bundle["token"].as_str().unwrap();
    let header = jsonwebtoken::decode_header(&in_qr).unwrap();
    if token.len() <= 2900 {
        assert_eq!(in_qr, token);
        assert!(html.contains("data-qr=\"bundle\""));
    } else {
        // Too long for a QR code: a checkpoint token, and the page says so.
        assert_eq!(header.typ.as_deref(), Some("corridor-checkpoint+jwt"));
        assert!(html.contains("data-qr=\"checkpoint\""));
        assert!(html.contains("checkpoint token"));
        let jwks: JwkSet = serde_json::from_str(&public(&c, "/v1/permits/keys")).unwrap();
        let short = jose_verify(&in_qr, &jwks).unwrap();
        assert_eq!(short["jti"], bundle["claims"]["jti"]);
        assert_eq!(
            short["bundle_sha256"],
            URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
        );
    }
    let at = stamp_of(bundle["claims"]["nbf"].as_i64().unwrap() + 3600);
    let v = verify(s, dir.path(), &in_qr, None, &at);
    assert_eq!(v.code, 0, "{}", v.stdout);
    assert!(
        v.stdout.contains(n["reference"].as_str().unwrap()),
        "{}",
        v.stdout
    );
    assert!(
        token.len() <= 2900,
        "this bundle fits: {} bytes",
        token.len()
    );

    // A convoy of many vehicle types: the bundle outgrows a QR code, which then holds the
    // checkpoint token naming the bundle by its SHA-256, and the page says so.
    let mut big = fixture("crisis_ammunition");
    let vehicle = big["vehicles"][0].clone();
    let label = vehicle["label"].as_str().unwrap().to_string();
    let many: Vec<Value> = (0..20)
        .map(|i| {
            let mut v = vehicle.clone();
            v["label"] = json!(format!("{label} (serial group {i:02})"));
            v["count"] = json!(1);
            v
        })
        .collect();
    big["vehicles"] = json!(many);
    let big_id = submit(&c, &big);
    approve_all(&c, &big_id);
    let big_bundle = permit(&c, &big_id, &c.requester);
    let big_token = big_bundle["token"].as_str().unwrap();
    assert!(big_token.len() > 2900, "{} bytes", big_token.len());
    let r = s.get(
        &format!("/v1/notifications/{big_id}/permit/document"),
        &c.requester,
    );
    assert_eq!(r.status(), 200);
    let html = r.text().unwrap();
    assert!(html.contains("data-qr=\"checkpoint\""));
    assert!(html.contains("checkpoint token"));
    let in_qr = decode_qr(&html);
    let header = jsonwebtoken::decode_header(&in_qr).unwrap();
    assert_eq!(header.typ.as_deref(), Some("corridor-checkpoint+jwt"));
    let jwks: JwkSet = serde_json::from_str(&public(&c, "/v1/permits/keys")).unwrap();
    let short = jose_verify(&in_qr, &jwks).unwrap();
    assert_eq!(short["jti"], big_bundle["claims"]["jti"]);
    assert_eq!(short["vehicles"], 20);
    assert_eq!(
        short["bundle_sha256"],
        URL_SAFE_NO_PAD.encode(Sha256::digest(big_token.as_bytes()))
    );
    let v = verify(s, dir.path(), &in_qr, None, &at);
    assert_eq!(v.code, 0, "{}", v.stdout);
    assert!(v.stdout.contains("checkpoint token"), "{}", v.stdout);
}

#[test]
fn a_bundle_signed_before_a_key_rotation_still_verifies_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let k1 = dir.path().join("k1.pem");
    let k2 = dir.path().join("k2.pem");
    let gen = |p: &Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_corridor"))
            .args(["permit", "keygen", p.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    gen(&k1);
    gen(&k2);
    assert!(
        std::process::Command::new(env!("CARGO_BIN_EXE_corridor"))
            .args(["permit", "keygen", k1.to_str().unwrap()])
            .output()
            .unwrap()
            .status
            .code()
            == Some(2),
        "keygen never overwrites a key"
    );

    let c = cast_on(Server::start_with(
        Options::default().env("CORRIDOR_PERMIT_KEY", k1.to_str().unwrap()),
    ));
    let id = submit(&c, &fixture("crisis_nl_de_pl_lt"));
    approve_all(&c, &id);
    let old = permit(&c, &id, &c.requester);
    let old_kid = old["kid"].as_str().unwrap().to_string();

    // Rotate: the same database, a new key file.
    let db = c.s.db.clone();
    let Cast {
        mut s,
        requester,
        coordinators,
        liaison,
    } = c;
    s.kill();
    let c = Cast {
        s: Server::start_on(
            db,
            Options::default().env("CORRIDOR_PERMIT_KEY", k2.to_str().unwrap()),
        ),
        requester,
        coordinators,
        liaison,
    };
    let id2 = submit(&c, &fixture("crisis_nl_de_pl_lt"));
    approve_all(&c, &id2);
    let new = permit(&c, &id2, &c.requester);
    assert_ne!(new["kid"], old["kid"], "the new key signs");

    let jwks: JwkSet = serde_json::from_str(&public(&c, "/v1/permits/keys")).unwrap();
    let kids: Vec<_> = jwks
        .keys
        .iter()
        .filter_map(|k| k.common.key_id.clone())
        .collect();
    assert!(kids.contains(&old_kid), "{kids:?}");
    assert!(jose_verify(old["token"].as_str().unwrap(), &jwks).is_ok());
    assert!(jose_verify(new["token"].as_str().unwrap(), &jwks).is_ok());
    // The old bundle is unchanged and still served, and verifies offline after the rotation.
    assert_eq!(permit(&c, &id, &c.requester)["token"], old["token"]);
    let at = stamp_of(old["claims"]["nbf"].as_i64().unwrap() + 60);
    let v = verify(&c.s, dir.path(), old["token"].as_str().unwrap(), None, &at);
    assert_eq!(v.code, 0, "{}", v.stdout);
}
