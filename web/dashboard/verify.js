// Offline verification of a Corridor permit bundle or checkpoint token.
// Signatures are checked with WebCrypto's Ed25519 (no hand-written crypto); the keys (JWKS) and
// the signed revocation list are saved in localStorage whenever the server can be reached, and
// the saved copies are used when it cannot.
"use strict";

const KEYS = "corridor.permit.jwks";
const REVOCATIONS = "corridor.permit.revocations";
const TYPES = ["corridor-permit+jwt", "corridor-checkpoint+jwt"];
const $ = (id) => document.getElementById(id);

function b64urlBytes(s) {
  const b = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
}

function b64urlJson(s) {
  return JSON.parse(new TextDecoder().decode(b64urlBytes(s)));
}

class Refusal extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Checks a compact JWS's Ed25519 signature against the JWKS; returns [header, claims]. */
async function signed(token, jwks, types) {
  const parts = token.trim().split(".");
  if (parts.length !== 3) throw new Refusal("malformed", "not a compact JWS");
  let header, claims;
  try {
    header = b64urlJson(parts[0]);
    claims = b64urlJson(parts[1]);
  } catch (e) {
    throw new Refusal("malformed", "not a compact JWS");
  }
  if (header.alg !== "EdDSA") throw new Refusal("malformed", "alg " + header.alg + "; permits are EdDSA");
  if (!types.includes(header.typ)) throw new Refusal("malformed", "typ " + header.typ);
  const jwk = (jwks.keys || []).find((k) => k.kid === header.kid);
  if (!jwk) throw new Refusal("unknown_key", "unknown key " + header.kid);
  const key = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
  const data = new TextEncoder().encode(parts[0] + "." + parts[1]);
  const ok = await crypto.subtle.verify({ name: "Ed25519" }, key, b64urlBytes(parts[2]), data);
  if (!ok) throw new Refusal("bad_signature", "bad signature");
  return [header, claims];
}

function saved(name) {
  try {
    return JSON.parse(localStorage.getItem(name) || "null");
  } catch (e) {
    return null;
  }
}

/** Fetches fresh keys and revocations when the server answers; else the saved ones. */
async function material() {
  let online = true;
  for (const [name, path] of [[KEYS, "../v1/permits/keys"], [REVOCATIONS, "../v1/permits/revocations"]]) {
    try {
      const r = await fetch(path, { cache: "no-store" });
      if (!r.ok) throw new Error(String(r.status));
      localStorage.setItem(name, JSON.stringify({ saved_at: new Date().toISOString(), body: await r.json() }));
    } catch (e) {
      online = false;
    }
  }
  const keys = saved(KEYS);
  const revs = saved(REVOCATIONS);
  let revoked = null;
  if (keys && revs) {
    try {
      revoked = (await signed(revs.body.token, keys.body, ["corridor-revocations+jwt"]))[1];
    } catch (e) {
      revoked = null;
    }
  }
  $("keys-status").textContent = keys
    ? (online ? "keys updated " : "offline: keys saved ") + keys.saved_at + (revoked ? ", revocations #" + revoked.seq : ", no revocation list")
    : "no keys saved yet: open this page once with a connection";
  return { jwks: keys && keys.body, revoked };
}

let state = null;

async function verify(token) {
  const { jwks, revoked } = state;
  if (!jwks) throw new Refusal("unknown_key", "no keys saved yet");
  const [header, claims] = await signed(token, jwks, TYPES);
  const hit = revoked && revoked.revoked.find((r) => r.jti === claims.jti);
  if (hit) throw new Refusal("revoked", "revoked at " + hit.at + ": " + hit.reason);
  const now = Date.now() / 1000;
  if (now < claims.nbf) throw new Refusal("not_yet_valid", "valid from " + new Date(claims.nbf * 1000).toISOString());
  if (now >= claims.exp) throw new Refusal("expired", "expired at " + new Date(claims.exp * 1000).toISOString());
  return [header, claims];
}

function row(table, label, value) {
  const tr = table.insertRow();
  const th = document.createElement("th");
  th.textContent = label;
  tr.appendChild(th);
  tr.insertCell().textContent = value;
}

function show(ok, code, message, header, claims) {
  const v = $("verdict");
  v.hidden = false;
  v.className = ok ? "verdict ok" : "verdict refused";
  v.dataset.code = code;
  v.textContent = ok ? "VALID" + (header.typ === "corridor-checkpoint+jwt" ? " (checkpoint token)" : "") : "REFUSED " + code + ": " + message;
  const t = $("claims");
  t.replaceChildren();
  t.hidden = !ok;
  if (!ok) return;
  row(t, "Reference", claims.ref + " (version " + claims.ver + ")");
  row(t, "Valid", new Date(claims.nbf * 1000).toISOString() + " – " + new Date(claims.exp * 1000).toISOString());
  for (const n of claims.nations) {
    if (Array.isArray(n)) row(t, "Permit " + n[0], n[1]);
    else row(t, "Permit " + n.nation, n.permit + (n.conditions.length ? " — " + n.conditions.join("; ") : ""));
  }
  for (const l of claims.itinerary || []) row(t, "Route " + l.nation, l.entry + " → " + l.exit + " (" + l.entry_at + " – " + l.exit_at + ")");
  if (claims.convoy) {
    const count = claims.convoy.vehicles.reduce((a, v) => a + v.count, 0);
    row(t, "Convoy", count + " vehicles, " + claims.convoy.personnel + " personnel");
    for (const v of claims.convoy.vehicles) row(t, "Vehicle", v.count + " × " + v.type + " (MLC " + v.mlc + ", " + v.gross_kg + " kg)");
  } else if (claims.vehicles !== undefined) {
    row(t, "Convoy", claims.vehicles + " vehicles");
  }
  for (const d of claims.dg || []) row(t, "Dangerous goods", "UN " + d.un + ", " + d.qty_kg + " kg on " + d.vehicle);
}

async function check(token) {
  try {
    const [header, claims] = await verify(token);
    show(true, "valid", "", header, claims);
  } catch (e) {
    show(false, e.code || "error", e.message);
  }
}

async function scan() {
  const video = $("camera");
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const detector = new BarcodeDetector({ formats: ["qr_code"] });
  const stop = () => {
    stream.getTracks().forEach((t) => t.stop());
    video.hidden = true;
  };
  const tick = async () => {
    const codes = await detector.detect(video).catch(() => []);
    if (codes.length) {
      stop();
      $("token").value = codes[0].rawValue;
      await check(codes[0].rawValue);
    } else {
      requestAnimationFrame(tick);
    }
  };
  tick();
}

document.addEventListener("DOMContentLoaded", async () => {
  state = await material();
  document.body.dataset.ready = "1";
  $("verify-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    check($("token").value);
  });
  if ("BarcodeDetector" in window && navigator.mediaDevices) {
    $("scan-button").hidden = false;
    $("scan-button").addEventListener("click", () => scan().catch((e) => show(false, "camera", e.message)));
  }
});
