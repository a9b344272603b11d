// Browser test of the offline permit check (/dashboard/verify.html): Debian's headless
// Chromium, driven by playwright-core. Starts the debug binary, approves a notification through
// the API, opens the page once online (it saves the keys and the revocation list), then cuts the
// page off the permit API and checks a token with the saved keys: WebCrypto Ed25519 accepts the
// bundle, refuses a changed claim, and refuses a bundle revoked before the last online visit.
//
//   node tests/browser/verify.test.mjs
//
// Environment: CORRIDOR_BIN (default target/debug/corridor), CHROMIUM (default /usr/bin/chromium).

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const SHOTS_AT = process.argv.indexOf("--screenshots");
const SHOTS = SHOTS_AT >= 0 ? resolve(process.argv[SHOTS_AT + 1]) : null;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = process.env.CORRIDOR_BIN || join(ROOT, "target", "debug", "corridor");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const UNIT = "43 Mechanised Brigade";
const work = mkdtempSync(join(tmpdir(), "corridor-verify-"));
const env = {
  PATH: process.env.PATH,
  DATABASE_URL: "sqlite://" + join(work, "corridor.db"),
  CORRIDOR_DEV: "1",
  CORRIDOR_BIND: "127.0.0.1:0",
  CORRIDOR_POLICIES: join(ROOT, "policies"),
  CORRIDOR_WORKERS: "2",
  RUST_LOG: "warn",
};

let server = null;
let serverLog = "";
let browser = null;
let passed = 0;

function check(what, ok, detail) {
  if (!ok) throw new Error("FAILED: " + what + (detail ? "\n" + detail : ""));
  passed += 1;
  console.log("ok - " + what);
}

function addUser(username, role, extra) {
  const password = "pw-" + username + "-long-enough";
  const r = spawnSync(BIN, ["user", "add", "--username", username, "--role", role, "--password-stdin", ...extra], { env, input: password, encoding: "utf8" });
  if (r.status !== 0) throw new Error("user add " + username + ": " + r.stderr);
  return password;
}

function startServer() {
  return new Promise((ok, fail) => {
    server = spawn(BIN, ["serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
    server.stderr.on("data", (d) => (serverLog += d));
    server.on("exit", (code) => fail(new Error("server exited with " + code + "\n" + serverLog)));
    createInterface({ input: server.stdout }).once("line", (line) => {
      const m = line.match(/^corridor listening on (http:\/\/\S+)$/);
      m ? ok(m[1]) : fail(new Error("unexpected first line: " + line));
    });
    setTimeout(() => fail(new Error("server did not start in 30 s\n" + serverLog)), 30000).unref();
  });
}

async function call(base, tok, method, path, body, headers) {
  const r = await fetch(base + path, {
    method,
    headers: Object.assign({ Authorization: "Bearer " + tok, "Content-Type": "application/json" }, headers || {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(method + " " + path + ": " + r.status + " " + text);
  return text ? JSON.parse(text) : null;
}

async function login(base, username, password) {
  const r = await fetch(base + "/v1/auth/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username, password }) });
  return (await r.json()).access_token;
}

/** The fixture moved so that it departs a day from now. */
function movement(name) {
  const m = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", name + ".json"), "utf8"));
  const hour = 3600e3;
  const shift = Date.now() + 86400e3 - new Date(m.departure_at).getTime();
  const move = (iso) => new Date(Math.round((new Date(iso).getTime() + shift) / hour) * hour).toISOString().replace(".000Z", "Z");
  m.departure_at = move(m.departure_at);
  m.arrival_at = move(m.arrival_at);
  for (const leg of m.itinerary) {
    leg.entry_at = move(leg.entry_at);
    leg.exit_at = move(leg.exit_at);
  }
  return m;
}

/** Submits and has every nation's coordinator approve every open stage. */
async function approved(base, requester, coords) {
  const n = await call(base, requester, "POST", "/v1/notifications", movement("crisis_nl_de_pl_lt"));
  for (let round = 0; round < 20; round++) {
    const cur = await call(base, requester, "GET", "/v1/notifications/" + n.id);
    if (cur.status === "approved") return n.id;
    for (const review of cur.nations) {
      for (const st of review.stages) {
        if (st.status !== "pending" || !st.opened_at) continue;
        await call(base, coords[review.nation], "POST", `/v1/notifications/${n.id}/nations/${review.nation}/stages/${st.key}/decision`, { outcome: "approve" }, { "If-Match": "*" });
      }
    }
  }
  throw new Error("never approved");
}

async function verdict(page, token) {
  await page.fill("#token", token);
  await page.click("#verify-button");
  await page.waitForSelector("#verdict:not([hidden])");
  const text = await page.textContent("#verdict");
  await page.evaluate(() => { document.getElementById("verdict").hidden = true; });
  return text;
}

async function main() {
  const requesterPw = addUser("nl.planner", "requester", ["--nation", "NL", "--unit", UNIT]);
  const coordPw = {};
  for (const n of ["NL", "DE", "PL", "LT"]) coordPw[n] = addUser(n.toLowerCase() + ".coord", "coordinator", ["--nation", n]);
  const base = await startServer();
  const requester = await login(base, "nl.planner", requesterPw);
  const coords = {};
  for (const n of Object.keys(coordPw)) coords[n] = await login(base, n.toLowerCase() + ".coord", coordPw[n]);

  const id = await approved(base, requester, coords);
  const bundle = await call(base, requester, "GET", `/v1/notifications/${id}/permit`);
  const revokedId = await approved(base, requester, coords);
  const revokedBundle = await call(base, requester, "GET", `/v1/notifications/${revokedId}/permit`);
  await call(base, requester, "POST", `/v1/notifications/${revokedId}/withdraw`, { reason: "exercise cancelled" });

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // The patrol checks inside the permit's window.
  await page.clock.setFixedTime(new Date((bundle.claims.nbf + 3600) * 1000));

  await page.goto(base + "/dashboard/verify.html");
  await page.waitForSelector("body[data-ready='1']");
  check("online, the page saves the keys", (await page.textContent("#keys-status")).includes("keys updated"), await page.textContent("#keys-status"));

  // Offline from here on: the permit API does not answer; the page uses what it saved.
  await context.route("**/v1/**", (route) => route.abort("internetdisconnected"));
  await page.reload();
  await page.waitForSelector("body[data-ready='1']");
  const status = await page.textContent("#keys-status");
  check("offline, the page uses the saved keys and revocations", status.includes("offline: keys saved") && status.includes("revocations #"), status);

  const ok = await verdict(page, bundle.token);
  check("the bundle verifies with WebCrypto Ed25519", ok.startsWith("VALID"), ok);
  check("the patrol sees the permit numbers", (await page.textContent("#claims")).includes(bundle.claims.nations[1].permit));

  const parts = bundle.token.split(".");
  const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString());
  claims.convoy.personnel += 1;
  const changed = parts[0] + "." + Buffer.from(JSON.stringify(claims)).toString("base64url") + "." + parts[2];
  const bad = await verdict(page, changed);
  check("a changed claim is refused", bad.includes("REFUSED bad_signature"), bad);

  const revoked = await verdict(page, revokedBundle.token);
  check("a revoked bundle is refused", revoked.includes("REFUSED revoked"), revoked);

  await page.clock.setFixedTime(new Date(bundle.claims.exp * 1000 + 1000));
  const late = await verdict(page, bundle.token);
  check("an expired bundle is refused", late.includes("REFUSED expired"), late);
  check("no script errors", errors.length === 0, errors.join("\n"));

  // Issue 16: a Polish (or German) patrol reads the page and its verdict in its own language.
  for (const [locale, heading, valid, refused] of [
    ["en-GB", "Verify a permit", "VALID", "REFUSED bad_signature"],
    ["de-DE", "Genehmigung prüfen", "GÜLTIG", "ABGELEHNT bad_signature"],
    ["pl-PL", "Zweryfikuj zezwolenie", "WAŻNE", "ODRZUCONE bad_signature"],
  ]) {
    const ctx = await browser.newContext({ locale });
    const p = await ctx.newPage();
    await p.clock.setFixedTime(new Date((bundle.claims.nbf + 3600) * 1000));
    await p.goto(base + "/dashboard/verify.html");
    await p.waitForSelector("body[data-ready='1']");
    check(`${locale}: the page in the patrol's language`, (await p.textContent("#verify-title")).includes(heading), await p.textContent("#verify-title"));
    check(`${locale}: a valid bundle says so in it`, (await verdict(p, bundle.token)).startsWith(valid));
    check(`${locale}: and a refusal too, with its code`, (await verdict(p, changed)).includes(refused));
    if (SHOTS) {
      await p.fill("#token", bundle.token);
      await p.click("#verify-button");
      await p.waitForSelector("#verdict:not([hidden])");
      mkdirSync(SHOTS, { recursive: true });
      await p.screenshot({ path: join(SHOTS, `verify-${locale.slice(0, 2)}.png`), fullPage: true });
    }
    await ctx.close();
  }
}

main()
  .then(() => {
    console.log(`${passed} passed, 0 failed`);
    process.exitCode = 0;
  })
  .catch((e) => {
    console.error(e.stack || String(e));
    if (serverLog) console.error("--- server log ---\n" + serverLog.slice(-4000));
    console.log(`${passed} passed, 1 failed`);
    process.exitCode = 1;
  })
  .finally(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) {
      server.removeAllListeners("exit");
      server.kill("SIGTERM");
    }
    rmSync(work, { recursive: true, force: true });
  });
