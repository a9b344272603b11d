// Browser test of the liaison dashboard: Debian's headless Chromium, driven by playwright-core.
//
// Starts the debug binary on a temporary SQLite database, creates users with
// `corridor user add`, seeds a few notifications (decisions, one escalation faked in the
// database), signs in through the page, submits one more notification through the API while
// the page is open, and asserts that it appears on the board without a reload. Saves a
// screenshot. Exits non-zero on any failure.
//
//   node tests/browser/dashboard.test.mjs [--screenshot PATH]
//
// Environment: CORRIDOR_BIN (default target/debug/corridor), CHROMIUM (default /usr/bin/chromium).

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = process.env.CORRIDOR_BIN || join(ROOT, "target", "debug", "corridor");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const UNIT = "43 Mechanised Brigade";
const BALTIC_UNIT = "12 Mechanised Division";
const args = process.argv.slice(2);
const shotAt = args.indexOf("--screenshot");
const work = mkdtempSync(join(tmpdir(), "corridor-browser-"));
const SCREENSHOT = shotAt >= 0 ? resolve(args[shotAt + 1]) : join(ROOT, "target", "browser", "dashboard.png");
const DB = join(work, "corridor.db");

const env = {
  PATH: process.env.PATH,
  DATABASE_URL: "sqlite://" + DB,
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

function cli(cliArgs, input) {
  const r = spawnSync(BIN, cliArgs, { env, input, encoding: "utf8" });
  if (r.status !== 0) throw new Error("corridor " + cliArgs.join(" ") + " failed:\n" + r.stderr + r.stdout);
  return r.stdout;
}

/** Creates a user with `corridor user add` and returns its password. */
function addUser(username, role, extra) {
  const password = "pw-" + username + "-long-enough";
  cli(["user", "add", "--username", username, "--role", role, "--password-stdin", ...(extra || [])], password);
  return password;
}

function startServer() {
  return new Promise((ok, fail) => {
    server = spawn(BIN, ["serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
    server.stderr.on("data", (d) => (serverLog += d));
    server.on("exit", (code) => fail(new Error("server exited with " + code + "\n" + serverLog)));
    const lines = createInterface({ input: server.stdout });
    lines.once("line", (line) => {
      const m = line.match(/^corridor listening on (http:\/\/\S+)$/);
      m ? ok(m[1]) : fail(new Error("unexpected first line: " + line));
    });
    setTimeout(() => fail(new Error("server did not start in 30 s\n" + serverLog)), 30000).unref();
  });
}

async function waitReady(base) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(base + "/readyz")).ok) return;
    } catch (_) { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server not ready\n" + serverLog);
}

async function token(base, username, password) {
  const r = await fetch(base + "/v1/auth/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error("login " + username + ": " + r.status + " " + (await r.text()));
  return (await r.json()).access_token;
}

async function call(base, tok, method, path, body, headers) {
  const r = await fetch(base + path, {
    method,
    headers: Object.assign({ Authorization: "Bearer " + tok, "Content-Type": "application/json" }, headers || {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(method + " " + path + ": " + r.status + " " + text);
  return { body: text ? JSON.parse(text) : null, etag: r.headers.get("etag") };
}

/** A fixture moved in time so that it departs `days` from now (fixtures carry fixed dates). */
function movement(name, days, tweak) {
  const m = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", name + ".json"), "utf8"));
  const shift = Date.now() + days * 86400e3 - new Date(m.departure_at).getTime();
  const hour = 3600e3;
  const move = (iso) => new Date(Math.round((new Date(iso).getTime() + shift) / hour) * hour).toISOString().replace(".000Z", "Z");
  m.departure_at = move(m.departure_at);
  m.arrival_at = move(m.arrival_at);
  for (const leg of m.itinerary) {
    leg.entry_at = move(leg.entry_at);
    leg.exit_at = move(leg.exit_at);
  }
  if (tweak) tweak(m);
  return m;
}

async function decide(base, tok, id, nation, stage, body) {
  const n = await call(base, tok, "GET", "/v1/notifications/" + id);
  return call(base, tok, "POST", `/v1/notifications/${id}/nations/${nation}/stages/${stage}/decision`, body, { "If-Match": n.etag });
}

/** Runs SQL against the server's SQLite file (python3's sqlite3: no other client needed). */
function sql(statements) {
  const py = "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1],timeout=10)\nc.executescript(sys.stdin.read())\nc.commit()\n";
  const r = spawnSync("python3", ["-c", py, DB], { input: statements, encoding: "utf8" });
  if (r.status !== 0) throw new Error("sql failed: " + r.stderr);
}

async function main() {
  const passwords = {
    liaison: addUser("jmcc.liaison", "liaison"),
    planner: addUser("nl.planner", "requester", ["--nation", "NL", "--unit", UNIT]),
    deMovcon: addUser("de.movcon", "officer", ["--nation", "DE", "--stages", "movcon"]),
    nlDg: addUser("nl.dg", "officer", ["--nation", "NL", "--stages", "dg_authority"]),
    plDg: addUser("pl.dg", "officer", ["--nation", "PL", "--stages", "dg_authority"]),
    plPlanner: addUser("pl.planner", "requester", ["--nation", "PL", "--unit", BALTIC_UNIT]),
  };
  let base = await startServer();
  await waitReady(base);
  console.log("# server at " + base);
  const planner = await token(base, "nl.planner", passwords.planner);
  const deMovcon = await token(base, "de.movcon", passwords.deMovcon);
  const nlDg = await token(base, "nl.dg", passwords.nlDg);
  const plDg = await token(base, "pl.dg", passwords.plDg);
  const plPlanner = await token(base, "pl.planner", passwords.plPlanner);

  // Seed: a few convoys in different states, so the board has something to show.
  const seeded = [];
  for (const [name, days] of [["crisis_ammunition", 2], ["crisis_nl_de_pl_lt", 3], ["crisis_ammunition", 4]]) {
    seeded.push((await call(base, planner, "POST", "/v1/notifications", movement(name, days))).body);
  }
  // A Polish column north through the Baltic states, at routine priority.
  const baltic = movement("crisis_nl_de_pl_lt", 9, (m) => {
    m.priority = "routine";
    m.requester = { nation: "PL", unit: BALTIC_UNIT, contact: "G4 movements cell" };
    const points = [["PL", "Orzysz", "Budzisko"], ["LT", "Kalvarija", "Saločiai"], ["LV", "Grenctāle", "Valka"], ["EE", "Valga", "Tapa"]];
    m.itinerary = m.itinerary.map((leg, i) => ({
      nation: points[i][0], entry_point: points[i][1], exit_point: points[i][2], entry_at: leg.entry_at, exit_at: leg.exit_at,
    }));
  });
  seeded.push((await call(base, plPlanner, "POST", "/v1/notifications", baltic)).body);
  await decide(base, deMovcon, seeded[0].id, "DE", "movcon", { outcome: "approve" });
  await decide(base, nlDg, seeded[0].id, "NL", "dg_authority", { outcome: "approve_with_conditions", conditions: ["Night movement only, 22:00-06:00"] });
  await decide(base, plDg, seeded[2].id, "PL", "dg_authority", { outcome: "request_changes", reason: "State the packing group of UN 0168 per vehicle." });
  // What the escalation runner would record for an overdue Polish stage (faked in the database).
  const overdue = new Date(Date.now() - 25 * 60e3).toISOString().replace("T", " ").replace("Z", "");
  const fired = new Date(Date.now() - 20 * 60e3).toISOString().replace("T", " ").replace("Z", "");
  sql(`UPDATE stages SET escalation_level = 2, due_at = '${overdue}'
         WHERE notification_id = '${seeded[0].id}' AND nation = 'PL' AND stage_key = 'dg_authority';
       UPDATE notifications SET escalation_level = 2 WHERE id = '${seeded[0].id}';
       INSERT INTO escalations (id, notification_id, nation, stage_id, stage_key, level, reason, due_at, fired_at)
         SELECT 'esc-demo-1', notification_id, nation, id, stage_key, 2,
                'PL dangerous-goods review overdue: national coordinator alerted', due_at, '${fired}'
         FROM stages WHERE notification_id = '${seeded[0].id}' AND nation = 'PL' AND stage_key = 'dg_authority';
       DELETE FROM board_versions WHERE scope = '#built';`);
  // The board's tallies are kept by the server's own writes; rows faked behind its back are
  // counted when a server starts on the database, so start it again (as after a restore).
  await new Promise((done) => {
    server.removeAllListeners("exit");
    server.once("exit", done);
    server.kill("SIGTERM");
  });
  base = await startServer();
  await waitReady(base);

  // The browser: Debian's Chromium, a fresh empty profile, no downloads of its own.
  const profile = mkdtempSync(join(work, "profile-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
  });
  const page = browser.pages()[0] || (await browser.newPage());
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  // The browser logs every refused request (the deliberate wrong password and bad token); those
  // are not script errors.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) pageErrors.push(m.text());
  });

  await page.goto(base + "/dashboard/");
  check("the sign-in form shows", await page.locator("#signin").isVisible());
  await page.fill("#username", "jmcc.liaison");
  await page.fill("#password", "wrong password");
  await page.click("#signin-button");
  await page.waitForSelector("#signin-error:not([hidden])");
  check("a wrong password is refused on the page", (await page.textContent("#signin-error")).includes("Wrong"));
  await page.fill("#password", passwords.liaison);
  await page.click("#signin-button");
  await page.waitForSelector("#board:not([hidden])", { timeout: 15000 });
  check("signing in shows the board", await page.locator("#board").isVisible());
  check("the caller is named", (await page.textContent("#who")).includes("jmcc.liaison"));
  check("the token is kept in sessionStorage", !!(await page.evaluate(() => sessionStorage.getItem("corridor.token"))));
  await page.waitForSelector('.lane[data-nation="DE"] .convoy', { timeout: 15000 });
  check("lanes per nation show the seeded convoys",
    (await page.locator('.lane[data-nation="DE"] .convoy').count()) >= 2);
  await page.waitForSelector("#escalations li", { timeout: 15000 });
  check("the open escalation shows", (await page.textContent("#escalations")).includes("coordinator alerted"));
  const firstCountdown = await page.textContent("#at-risk [data-due]");
  check("at-risk stages have countdowns", /\d\dm \d\ds/.test(firstCountdown), firstCountdown);
  const ticked = await page
    .waitForFunction((before) => document.querySelector("#at-risk [data-due]").textContent !== before, firstCountdown, { timeout: 5000 })
    .then(() => true, () => false);
  check("countdowns tick without a request", ticked, firstCountdown);

  // Submit while the page is open; it must appear without a reload.
  await page.evaluate(() => { window.__sameDocument = true; });
  const fresh = (await call(base, planner, "POST", "/v1/notifications", movement("crisis_nl_de_pl_lt", 5))).body;
  const lane = page.locator(`.lane[data-nation="LT"] .convoy[data-id="${fresh.id}"]`);
  await lane.waitFor({ timeout: 15000 });
  check("a notification submitted while the page is open appears in the lanes", (await lane.textContent()).includes(fresh.reference));
  await page.waitForSelector(`#activity a[href="#n/${fresh.id}"]`, { timeout: 15000 });
  check("and in the activity feed", true);
  check("without a reload", await page.evaluate(() => window.__sameDocument === true));
  check("the in-review count went up", (await page.textContent('.total[data-status="in_review"] .n')) === "4",
    await page.textContent("#totals"));

  await page.waitForTimeout(3200); // let the new row's highlight fade before the picture
  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  console.log("# screenshot: " + SCREENSHOT);

  // One notification: itinerary, national stages with findings, timeline.
  await page.click(`.lane[data-nation="DE"] a[href="#n/${seeded[0].id}"]`);
  await page.waitForSelector(`#detail-body article[data-id="${seeded[0].id}"]`, { timeout: 15000 });
  const detail = await page.textContent("#detail-body");
  check("the notification view shows the itinerary", detail.includes("Itinerary") && detail.includes("Bad Bentheim"));
  check("each nation's stages", (await page.locator("#detail-body .nation-card").count()) === 4);
  check("findings coloured by severity", (await page.locator("#detail-body ul.findings li.condition, #detail-body ul.findings li.review, #detail-body ul.findings li.info").count()) > 0);
  check("and the timeline", (await page.locator("#detail-body ol.timeline li.decided").count()) === 2);
  await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-notification.png"), fullPage: true });
  await page.click("a.back");
  await page.waitForSelector("#board:not([hidden])");
  check("back to the board", await page.locator("#board").isVisible());

  // A token the server no longer accepts sends the page back to sign-in.
  await page.evaluate(() => sessionStorage.setItem("corridor.token", "not-a-token"));
  await page.reload();
  await page.waitForSelector("#signin:not([hidden])", { timeout: 15000 });
  check("a 401 returns to sign-in", (await page.textContent("#signin-error")).includes("session"));

  check("no script errors on the page", pageErrors.length === 0, pageErrors.join("\n"));
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
