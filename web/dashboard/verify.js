// Offline verification of a Corridor permit bundle or checkpoint token.
// Signatures are checked with WebCrypto's Ed25519 (no hand-written crypto); the keys (JWKS) and
// the signed revocation list are saved in localStorage whenever the server can be reached, and
// the saved copies are used when it cannot. Its texts are Fluent messages (i18n.js), in the
// language the browser (or the reader's choice on the board) asks for.
import { startLanguage, t } from "./i18n.js";

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
  if (parts.length !== 3) throw new Refusal("malformed", t("web-verify-not-jws"));
  let header, claims;
  try {
    header = b64urlJson(parts[0]);
    claims = b64urlJson(parts[1]);
  } catch (e) {
    throw new Refusal("malformed", t("web-verify-not-jws"));
  }
  if (header.alg !== "EdDSA") throw new Refusal("malformed", "alg " + header.alg + "; permits are EdDSA");
  if (!types.includes(header.typ)) throw new Refusal("malformed", "typ " + header.typ);
  const jwk = (jwks.keys || []).find((k) => k.kid === header.kid);
  if (!jwk) throw new Refusal("unknown_key", "unknown key " + header.kid);
  const key = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
  const data = new TextEncoder().encode(parts[0] + "." + parts[1]);
  const ok = await crypto.subtle.verify({ name: "Ed25519" }, key, b64urlBytes(parts[2]), data);
  if (!ok) throw new Refusal("bad_signature", t("web-verify-bad-signature"));
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
    ? t(online ? "web-verify-keys-updated" : "web-verify-keys-offline", { at: keys.saved_at }) +
      (revoked ? t("web-verify-revocations", { seq: revoked.seq }) : t("web-verify-no-revocations"))
    : t("web-verify-no-keys");
  return { jwks: keys && keys.body, revoked };
}

let state = null;

async function verify(token) {
  const { jwks, revoked } = state;
  if (!jwks) throw new Refusal("unknown_key", t("web-verify-no-keys-short"));
  const [header, claims] = await signed(token, jwks, TYPES);
  const hit = revoked && revoked.revoked.find((r) => r.jti === claims.jti);
  if (hit) throw new Refusal("revoked", t("web-verify-revoked", { at: hit.at, reason: hit.reason }));
  const now = Date.now() / 1000;
  if (now < claims.nbf) throw new Refusal("not_yet_valid", t("web-verify-not-yet", { at: new Date(claims.nbf * 1000).toISOString() }));
  if (now >= claims.exp) throw new Refusal("expired", t("web-verify-expired", { at: new Date(claims.exp * 1000).toISOString() }));
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
  v.textContent = ok ? t(header.typ === "corridor-checkpoint+jwt" ? "web-verify-valid-checkpoint" : "web-verify-valid") : t("web-verify-refused", { code, message });
  const table = $("claims");
  table.replaceChildren();
  table.hidden = !ok;
  if (!ok) return;
  row(table, t("web-verify-reference"), t("web-verify-reference-value", { ref: claims.ref, version: claims.ver }));
  row(table, t("web-verify-valid-window"), new Date(claims.nbf * 1000).toISOString() + " – " + new Date(claims.exp * 1000).toISOString());
  for (const n of claims.nations) {
    if (Array.isArray(n)) row(table, t("web-verify-permit", { nation: n[0] }), n[1]);
    else row(table, t("web-verify-permit", { nation: n.nation }), n.permit + (n.conditions.length ? " — " + n.conditions.join("; ") : ""));
  }
  for (const l of claims.itinerary || []) row(table, t("web-verify-route", { nation: l.nation }), l.entry + " → " + l.exit + " (" + l.entry_at + " – " + l.exit_at + ")");
  if (claims.convoy) {
    const count = claims.convoy.vehicles.reduce((a, v) => a + v.count, 0);
    row(table, t("web-verify-convoy"), t("web-verify-convoy-value", { vehicles: count, personnel: claims.convoy.personnel }));
    for (const v of claims.convoy.vehicles) row(table, t("web-verify-vehicle"), v.count + " × " + v.type + " (MLC " + v.mlc + ", " + v.gross_kg + " kg)");
  } else if (claims.vehicles !== undefined) {
    row(table, t("web-verify-convoy"), t("web-verify-vehicles", { vehicles: claims.vehicles }));
  }
  for (const d of claims.dg || []) row(table, t("web-verify-dg"), t("web-verify-dg-value", { un: d.un, kg: d.qty_kg, vehicle: d.vehicle }));
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

async function begin() {
  await startLanguage();
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
}

// A module runs after the document is parsed.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
else begin();
