// The officer's queue and decision view, and the coordinator's waiver and acknowledgement, in
// the browser (issue 16).
//
// In English, German and Polish browser contexts, against a server on a manual clock:
//  - an officer signs in, opens the queue (soonest due first, times with zone, ticking time left),
//    opens a stage with the keyboard alone and approves it with conditions; the API's problem
//    (conditions missing) shows beside the conditions field first;
//  - the decision reaches a liaison board open in another tab without a reload;
//  - a decision made through the API after the page loaded makes the officer's decision fail
//    with 412: the page shows what changed and the officer decides again, successfully;
//  - a coordinator waives a block finding and, after the clock moves far enough for an
//    escalation to fire, acknowledges it;
//  - axe-core finds no serious or critical violation on the queue and the decision view.
//
//   node tests/browser/officer.test.mjs [--screenshots DIR]

import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { axe, call, checker, launch, movement, newContext, startCorridor, tabTo, token } from "./lib.mjs";

const args = process.argv.slice(2);
const shots = args.indexOf("--screenshots") >= 0 ? resolve(args[args.indexOf("--screenshots") + 1]) : null;
const c = checker();
const UNIT = "43 Mechanised Brigade";

// What each language shows, straight from locales/<lang>.ftl.
const EXPECT = {
  "en-GB": { lang: "en", queue: "My queue", decided: "Decision recorded", conflict: "Changed while you were deciding", waived: "waived", acknowledged: "acknowledged" },
  "de-DE": { lang: "de", queue: "Meine Vorgänge", decided: "Entscheidung erfasst", conflict: "Während Ihrer Entscheidung geändert", waived: "freigestellt", acknowledged: "bestätigt" },
  "pl-PL": { lang: "pl", queue: "Moje sprawy", decided: "Decyzja zapisana", conflict: "Zmieniono w trakcie Twojej decyzji", waived: "uchylone", acknowledged: "potwierdz" },
};

let server = null;
let browser = null;

/** A routine movement through NL, DE, PL and LT departing in `days` (no stage clears itself). */
function routine(days, tweak) {
  return movement("crisis_nl_de_pl_lt", days, (m) => {
    m.priority = "routine";
    if (tweak) tweak(m);
  });
}

async function signIn(page, base, username, password, hash) {
  await page.goto(base + "/dashboard/" + (hash || ""));
  await page.waitForSelector("#signin:not([hidden])");
  await page.focus("#username");
  await page.keyboard.type(username);
  await page.keyboard.press("Tab");
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#signin", { state: "hidden", timeout: 15000 });
}

async function noViolations(page, what) {
  const v = await axe(page, what);
  c.check(`${what}: no serious or critical accessibility violation`, v.length === 0, JSON.stringify(v, null, 1));
}

async function main() {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(".000Z", "Z");
  server = await startCorridor({
    CORRIDOR_CLOCK: "manual:" + now,
    CORRIDOR_JOBS_INTERVAL_MS: "200",
    CORRIDOR_JWT_TTL: "86400",
    CORRIDOR_SUBMISSIONS_PER_MINUTE: "0",
  });
  const base = server.base;
  const pw = {
    admin: server.addUser("ops.admin", "admin"),
    planner: server.addUser("nl.planner", "requester", ["--nation", "NL", "--unit", UNIT]),
    movcon: server.addUser("de.movcon", "officer", ["--nation", "DE", "--stages", "movcon"]),
    coord: server.addUser("de.coord", "coordinator", ["--nation", "DE"]),
    plCoord: server.addUser("pl.coord", "coordinator", ["--nation", "PL"]),
    liaison: server.addUser("jmcc.liaison", "liaison"),
  };
  const admin = await token(base, "ops.admin", pw.admin);
  const planner = await token(base, "nl.planner", pw.planner);
  const plCoord = await token(base, "pl.coord", pw.plCoord);
  const coord = await token(base, "de.coord", pw.coord);
  ({ browser } = await launch());

  for (const [locale, want] of Object.entries(EXPECT)) {
    // Fresh work for each language: two routine movements (A decided with conditions, B with a
    // concurrent decision), one with a German block finding (C), one crisis movement (D) left to
    // escalate.
    const submit = async (m) => (await call(base, planner, "POST", "/v1/notifications", m)).body;
    const a = await submit(routine(6));
    const b = await submit(routine(7));
    const blocked = await submit(routine(8, (m) => { m.itinerary[1].min_bridge_mlc = 10; }));
    const crisis = await submit(movement("crisis_ammunition", 2));

    const context = await newContext(browser, locale);
    const errors = [];
    const watch = (p) => {
      p.on("pageerror", (e) => errors.push(String(e)));
    };

    // A liaison board open in its own tab, to see the decision arrive.
    const board = await context.newPage();
    watch(board);
    await signIn(board, base, "jmcc.liaison", pw.liaison);
    await board.waitForSelector("#board:not([hidden])", { timeout: 15000 });
    await board.evaluate(() => { window.__sameDocument = true; });

    // The officer: the queue.
    const page = await context.newPage();
    watch(page);
    await signIn(page, base, "de.movcon", pw.movcon);
    // From the top of the page (the brand link), Tab to the nav's queue link.
    await page.focus("#home");
    c.check(`${locale}: the queue is in the nav`, await tabTo(page, '#nav a[data-page="queue"]', 30));
    await page.keyboard.press("Enter");
    await page.waitForSelector("#page-queue table.queue tbody tr", { timeout: 15000 });
    await page.waitForFunction((l) => document.documentElement.lang === l, want.lang);
    c.check(`${locale}: the queue's heading in the language`, (await page.textContent("#queue-title")).includes(want.queue));
    const rows = await page.$$eval("#page-queue tbody tr", (trs) => trs.map((tr) => ({ id: tr.getAttribute("data-id"), stage: tr.getAttribute("data-stage"), due: tr.querySelector("td.due").textContent })));
    const api = (await call(base, await token(base, "de.movcon", pw.movcon), "GET", "/v1/queue")).body;
    c.check(`${locale}: the queue shows what the API lists, in its order`,
      JSON.stringify(rows.map((r) => r.id)) === JSON.stringify(api.items.map((i) => i.notification_id)), JSON.stringify(rows));
    c.check(`${locale}: only the officer's stage`, rows.every((r) => r.stage === "movcon"));
    const rowA = `#page-queue tr[data-id="${a.id}"]`;
    const routeText = await page.textContent(rowA + " .route");
    c.check(`${locale}: the route in travel order`, routeText === "NL → DE → PL → LT", routeText);
    c.check(`${locale}: due times carry their zone`, rows.every((r) => /UTC/.test(r.due)), rows[0].due);
    const left = await page.textContent(rowA + " .countdown");
    const ticked = await page.waitForFunction(([sel, before]) => document.querySelector(sel).textContent !== before, [rowA + " .countdown", left], { timeout: 5000 }).then(() => true, () => false);
    c.check(`${locale}: time left ticks`, ticked, left);
    await noViolations(page, locale + " queue");
    if (shots && want.lang !== "pl") {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, `queue-${want.lang}.png`), fullPage: true });
    }

    // Keyboard only: open A's stage, choose approve with conditions, first without a condition.
    c.check(`${locale}: A's stage is reachable with Tab`, await tabTo(page, `${rowA} a.ref`, 80));
    await page.keyboard.press("Enter");
    await page.waitForSelector("#decide-form", { timeout: 15000 });
    const view = await page.textContent("#page-decide");
    c.check(`${locale}: the decision view shows the route and the findings with their source`,
      view.includes("Bad Bentheim") && (await page.locator("#decide-findings ul.findings li .source").count()) > 0);
    c.check(`${locale}: findings cite the policy's legal text`, (await page.locator("#decide-findings .source a").count()) > 0);
    await page.click("#page-decide details summary");
    c.check(`${locale}: every value shows as text`, !(await page.textContent("#page-decide")).includes("[object"));
    await noViolations(page, locale + " decision view");
    if (shots && want.lang !== "pl") await page.screenshot({ path: join(shots, `decide-${want.lang}.png`), fullPage: true });
    c.check(`${locale}: the outcome is reachable with Tab`, await tabTo(page, "#decide-outcome-approve", 80));
    await page.keyboard.press("ArrowDown");
    c.check(`${locale}: arrows choose approve with conditions`, await page.isChecked("#decide-outcome-approve_with_conditions"));
    c.check(`${locale}: the send button is reachable with Tab`, await tabTo(page, "#decide-send", 10));
    await page.keyboard.press("Enter");
    await page.waitForSelector("#decide-error-conditions:not([hidden])", { timeout: 15000 });
    c.check(`${locale}: the API's problem shows beside the conditions field`,
      (await page.textContent("#decide-error-conditions")).length > 0 && (await page.getAttribute("#decide-conditions", "aria-invalid")) === "true");
    c.check(`${locale}: the focus goes to the field named`, await page.evaluate(() => document.activeElement.id === "decide-conditions"));
    await page.keyboard.type("Police escort between Bad Bentheim and Osnabrück");
    await tabTo(page, "#decide-send", 10);
    await page.keyboard.press("Enter");
    await page.waitForFunction((w) => document.getElementById("decide-status").textContent.includes(w), want.decided, { timeout: 15000 });
    let n = (await call(base, planner, "GET", "/v1/notifications/" + a.id)).body;
    const movcon = n.nations.find((r) => r.nation === "DE").stages.find((s) => s.key === "movcon");
    c.check(`${locale}: approved with conditions, keyboard only`,
      movcon.status === "approved_with_conditions" && movcon.conditions[0] === "Police escort between Bad Bentheim and Osnabrück", JSON.stringify(movcon));
    await board.waitForSelector(`#decisions a[href="#n/${a.id}"]`, { timeout: 15000 });
    c.check(`${locale}: the decision reaches the liaison board without a reload`, await board.evaluate(() => window.__sameDocument === true));

    // B: the page loads, then a Polish decision lands through the API; the officer's decision
    // meets 412, the page shows what changed, and the second attempt goes through.
    await page.goto(base + `/dashboard/#/decide/${b.id}/DE`);
    await page.waitForSelector("#decide-form", { timeout: 15000 });
    const plStage = (await call(base, plCoord, "GET", "/v1/notifications/" + b.id)).body
      .nations.find((r) => r.nation === "PL").stages.find((s) => s.status === "pending" && s.opened_at);
    await call(base, plCoord, "POST", `/v1/notifications/${b.id}/nations/PL/stages/${plStage.key}/decision`,
      { outcome: "approve" }, { "If-Match": "*" });
    await page.check("#decide-outcome-approve_with_conditions");
    await page.fill("#decide-conditions", "Night movement only, 22:00-06:00");
    await page.click("#decide-send");
    await page.waitForSelector("#decide-conflict", { timeout: 15000 });
    const conflict = await page.textContent("#decide-conflict");
    c.check(`${locale}: a 412 shows what changed`, conflict.includes(want.conflict) && conflict.includes("PL") && conflict.includes("pl.coord"), conflict);
    c.check(`${locale}: the officer's input is kept`, (await page.inputValue("#decide-conditions")) === "Night movement only, 22:00-06:00");
    await page.click("#decide-send");
    await page.waitForFunction((w) => document.getElementById("decide-status").textContent.includes(w), want.decided, { timeout: 15000 });
    n = (await call(base, planner, "GET", "/v1/notifications/" + b.id)).body;
    c.check(`${locale}: and the officer decides again, successfully`,
      n.nations.find((r) => r.nation === "DE").stages.find((s) => s.key === "movcon").status === "approved_with_conditions");

    // The requesting unit amends B while the view is open: the page notices, and on request
    // shows what changed, field by field since the German decision.
    const before = await call(base, planner, "GET", "/v1/notifications/" + b.id);
    const amended = Object.assign({}, before.body.movement, { personnel: 21 });
    await call(base, planner, "PUT", "/v1/notifications/" + b.id, amended, { "If-Match": before.etag });
    await page.waitForSelector("#decide-show-changes", { timeout: 20000 });
    await page.click("#decide-show-changes");
    await page.waitForSelector("#decide-conflict", { timeout: 15000 });
    const noticed = await page.textContent("#decide-conflict");
    c.check(`${locale}: an amendment made while the view is open is shown on request`, noticed.includes("20 → 21"), noticed);
    await page.waitForSelector('#decide-changes tr[data-path="personnel"]', { timeout: 15000 });
    const changed = await page.$$eval('#decide-changes tr[data-path="personnel"] td', (tds) => tds.map((td) => td.textContent));
    c.check(`${locale}: what changed since the last decision, field by field`, changed[1] === "20" && changed[2] === "21", JSON.stringify(changed));
    await page.close();

    // The coordinator: waive C's block finding.
    const cp = await context.newPage();
    watch(cp);
    await signIn(cp, base, "de.coord", pw.coord, `#/decide/${blocked.id}/DE`);
    await cp.waitForSelector("#waiver-form", { timeout: 15000 });
    c.check(`${locale}: the block finding shows`, (await cp.locator("#decide-findings li.block").count()) > 0);
    c.check(`${locale}: the waiver's reason is reachable with Tab`, await tabTo(cp, "#waiver-reason", 80));
    await cp.keyboard.type("Bridge checked by the road authority, ref. 2026/114");
    await cp.keyboard.press("Tab");
    await cp.keyboard.press("Enter");
    await cp.waitForSelector("#decide-findings .waiver", { timeout: 15000 });
    c.check(`${locale}: the waiver is recorded and shown`, (await cp.textContent("#decide-status")).includes(want.waived)
      && !!(await call(base, coord, "GET", "/v1/notifications/" + blocked.id)).body.nations.find((r) => r.nation === "DE").waiver);

    // Time moves: D's German stage escalates (the escalation runner, not a faked row).
    await call(base, admin, "POST", "/v1/admin/clock", { advance: "PT3H" });
    let escalation = null;
    for (let i = 0; i < 150 && !escalation; i++) {
      const d = (await call(base, coord, "GET", "/v1/notifications/" + crisis.id)).body;
      escalation = (d.escalations || []).find((e) => e.nation === "DE" && !e.acknowledged_at);
      if (!escalation) await new Promise((r) => setTimeout(r, 200));
    }
    c.check(`${locale}: an escalation fired on a German stage`, !!escalation);
    await cp.goto(base + `/dashboard/#/decide/${crisis.id}/DE`);
    await cp.waitForSelector(`button.ack[data-escalation="${escalation.id}"]`, { timeout: 15000 });
    await noViolations(cp, locale + " decision view (coordinator)");
    c.check(`${locale}: Acknowledge is reachable with Tab`, await tabTo(cp, `button.ack[data-escalation="${escalation.id}"]`, 80));
    await cp.keyboard.press("Enter");
    await cp.waitForSelector(`li[data-escalation="${escalation.id}"] button.ack`, { state: "detached", timeout: 15000 });
    const acked = (await call(base, coord, "GET", "/v1/notifications/" + crisis.id)).body.escalations.find((e) => e.id === escalation.id);
    c.check(`${locale}: the escalation is acknowledged`, !!acked.acknowledged_at && acked.acknowledged_by === "de.coord");
    c.check(`${locale}: and the page says so`, (await cp.textContent(`li[data-escalation="${escalation.id}"]`)).toLowerCase().includes(want.acknowledged));
    c.check(`${locale}: no script errors`, errors.length === 0, errors.join("\n"));
    await context.close();
  }
}

main()
  .then(() => console.log(`${c.passed} passed, 0 failed`))
  .catch((e) => {
    console.error(e.stack || String(e));
    if (server) console.error("--- server log ---\n" + server.log.slice(-4000));
    console.log(`${c.passed} passed, 1 failed`);
    process.exitCode = 1;
  })
  .finally(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
  });
