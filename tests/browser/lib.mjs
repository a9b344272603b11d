// Shared pieces of the browser tests: a Corridor server on a temporary SQLite database, users
// made with `corridor user add`, API calls, fixtures moved relative to now, Debian's headless
// Chromium in a given locale, and axe-core's accessibility check.
//
// Environment: CORRIDOR_BIN (default target/debug/corridor), CHROMIUM (default /usr/bin/chromium).

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = process.env.CORRIDOR_BIN || join(ROOT, "target", "debug", "corridor");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Counts passed checks and stops at the first failure. */
export function checker() {
  const c = { passed: 0 };
  c.check = (what, ok, detail) => {
    if (!ok) throw new Error("FAILED: " + what + (detail ? "\n" + detail : ""));
    c.passed += 1;
    console.log("ok - " + what);
  };
  return c;
}

/**
 * A Corridor server on a fresh SQLite database in a temporary folder. `extraEnv` adds settings
 * (e.g. CORRIDOR_SUBMISSIONS_PER_MINUTE: "0"). Returns { base, env, db, work, cli, addUser, stop, restart, log }.
 */
export async function startCorridor(extraEnv) {
  const work = mkdtempSync(join(tmpdir(), "corridor-browser-"));
  const db = join(work, "corridor.db");
  const env = Object.assign({
    PATH: process.env.PATH,
    DATABASE_URL: "sqlite://" + db,
    CORRIDOR_DEV: "1",
    CORRIDOR_BIND: "127.0.0.1:0",
    CORRIDOR_POLICIES: join(ROOT, "policies"),
    CORRIDOR_WORKERS: "2",
    RUST_LOG: "warn",
  }, extraEnv || {});
  const s = { env, db, work, log: "", proc: null };
  s.cli = (args, input) => {
    const r = spawnSync(BIN, args, { env, input, encoding: "utf8" });
    if (r.status !== 0) throw new Error("corridor " + args.join(" ") + " failed:\n" + r.stderr + r.stdout);
    return r.stdout;
  };
  /** Creates a user and returns its password. */
  s.addUser = (username, role, extra) => {
    const password = "pw-" + username + "-long-enough";
    s.cli(["user", "add", "--username", username, "--role", role, "--password-stdin", ...(extra || [])], password);
    return password;
  };
  s.start = () => new Promise((ok, fail) => {
    s.proc = spawn(BIN, ["serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
    s.proc.stderr.on("data", (d) => (s.log += d));
    s.proc.on("exit", (code) => fail(new Error("server exited with " + code + "\n" + s.log)));
    createInterface({ input: s.proc.stdout }).once("line", (line) => {
      const m = line.match(/^corridor listening on (http:\/\/\S+)$/);
      m ? ok(m[1]) : fail(new Error("unexpected first line: " + line));
    });
    setTimeout(() => fail(new Error("server did not start in 30 s\n" + s.log)), 30000).unref();
  }).then(async (base) => {
    s.base = base;
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(base + "/readyz")).ok) return base;
      } catch (_) { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("server not ready\n" + s.log);
  });
  s.stop = () => new Promise((done) => {
    if (!s.proc || s.proc.exitCode !== null) return done();
    s.proc.removeAllListeners("exit");
    s.proc.once("exit", done);
    s.proc.kill("SIGTERM");
  });
  s.restart = async () => {
    await s.stop();
    return s.start();
  };
  await s.start();
  return s;
}

/** Signs in through the API and returns the access token. */
export async function token(base, username, password) {
  const r = await fetch(base + "/v1/auth/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error("login " + username + ": " + r.status + " " + (await r.text()));
  return (await r.json()).access_token;
}

/** An API call that must succeed; returns { body, etag }. */
export async function call(base, tok, method, path, body, headers) {
  const r = await fetch(base + path, {
    method,
    headers: Object.assign({ Authorization: "Bearer " + tok, "Content-Type": "application/json" }, headers || {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(method + " " + path + ": " + r.status + " " + text);
  return { body: text ? JSON.parse(text) : null, etag: r.headers.get("etag") };
}

/** A decision through the API, with the notification's current ETag. */
export async function decide(base, tok, id, nation, stage, body) {
  const n = await call(base, tok, "GET", "/v1/notifications/" + id);
  return call(base, tok, "POST", `/v1/notifications/${id}/nations/${nation}/stages/${stage}/decision`, body, { "If-Match": n.etag });
}

/** A fixture (tests/fixtures/NAME.json) moved in time so that it departs `days` from now. */
export function movement(name, days, tweak) {
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

/** Headless Chromium (Debian's) with a browser context in `locale` (e.g. "de-DE"). */
export async function launch(locale) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await newContext(browser, locale);
  return { browser, context };
}

/**
 * A browser context in `locale`. It bypasses the page's CSP only so that axe-core can be
 * injected for the check; the page's own scripts are all files of its origin either way.
 */
export function newContext(browser, locale, options) {
  return browser.newContext(Object.assign({ locale: locale || "en-GB", viewport: { width: 1600, height: 1000 }, bypassCSP: true }, options || {}));
}

/**
 * Runs axe-core on the page (WCAG 2 A and AA rules), prints what it found, and returns the
 * serious and critical violations.
 */
export async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
  console.log("# axe-core " + label + ": " + (result.length ? result.map((v) => v.impact + " " + v.id + " (" + v.nodes.length + ")").join(", ") : "no violations"));
  for (const v of result) console.log("#   " + v.impact + " " + v.id + ": " + v.help + " at " + v.nodes.join(" | "));
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Presses Tab until `selector` has the focus (at most `limit` presses); true when it did. */
export async function tabTo(page, selector, limit) {
  for (let i = 0; i < (limit || 60); i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return true;
  }
  console.log("# tabTo " + selector + ": the focus is on " + (await page.evaluate(() => document.activeElement && document.activeElement.outerHTML.slice(0, 160))));
  return false;
}
