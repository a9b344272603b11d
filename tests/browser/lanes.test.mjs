// Browser test of the board's lanes in a crisis (issue 16): 1,000 live notifications submitted
// through the API at once (fixtures moved relative to now), a few escalations faked in the
// database; then in headless Chromium, in English, German and Polish: every lane's cards and
// count agree with GET /v1/board/lanes, most urgent first; the filters, the search and "show
// more" work; the open escalations are one entry per notification and nation; axe-core finds no
// serious or critical violation; and the whole flow works from the keyboard.
//
//   node tests/browser/lanes.test.mjs [--screenshots DIR]   (lanes-en.png, lanes-de.png)

import { mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { axe, call, checker, launch, movement, newContext, startCorridor, tabTo, token } from "./lib.mjs";

const LIVE = 1000;
const CONCURRENCY = 16;
const NL_UNIT = "43 Mechanised Brigade";
const DE_UNIT = "Panzerbataillon 203";
const args = process.argv.slice(2);
const shotsAt = args.indexOf("--screenshots");
const shots = shotsAt >= 0 ? resolve(args[shotsAt + 1]) : null;
const LOCALES = { "en-GB": "en", "de-DE": "de", "pl-PL": "pl" };

const c = checker();
let server = null;
let browser = null;

/** Runs SQL against the server's SQLite file (python3's sqlite3: no other client needed). */
function sql(statements) {
  const py = "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1],timeout=10)\nc.executescript(sys.stdin.read())\nc.commit()\n";
  const r = spawnSync("python3", ["-c", py, server.db], { input: statements, encoding: "utf8" });
  if (r.status !== 0) throw new Error("sql failed: " + r.stderr);
}

/** Submits `LIVE` notifications, `CONCURRENCY` at a time: NL's brigade and a DE battalion. */
async function seed(base, nl, de) {
  const ids = [];
  let next = 0;
  async function worker() {
    while (next < LIVE) {
      const i = next++;
      const days = 2 + (i % 9);
      const priority = i % 3 === 0 ? "priority" : "crisis";
      const m = i % 4 === 3
        ? movement("leopard_de_pl", days, (x) => { x.priority = priority; })
        : movement("crisis_ammunition", days, (x) => { x.priority = priority; });
      const r = await call(base, i % 4 === 3 ? de : nl, "POST", "/v1/notifications", m);
      ids[i] = r.body;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return ids;
}

async function lanesApi(base, tok, query) {
  return (await call(base, tok, "GET", "/v1/board/lanes" + (query ? "?" + query : ""))).body;
}

/** Every card of one lane through the API, page by page. */
async function wholeLane(base, tok, nation, filters) {
  const all = [];
  let cursor = null;
  let total = null;
  for (let i = 0; i < 50; i++) {
    const p = new URLSearchParams(filters || "");
    p.set("nation", nation);
    p.set("limit", "100");
    if (cursor) p.set("cursor", cursor);
    const lane = (await lanesApi(base, tok, p.toString())).lanes[0];
    total = lane.total;
    all.push(...lane.cards);
    cursor = lane.next_cursor;
    if (!cursor) return { total, cards: all };
  }
  throw new Error("paging did not end");
}

/** Most urgent first: due times never go back, cards without one last. */
function urgentFirst(cards) {
  let seenNull = false;
  for (let i = 0; i < cards.length; i++) {
    if (cards[i].due_at === null) seenNull = true;
    else if (seenNull) return false;
    // As times, not strings: "10:00:00Z" sorts after "10:00:00.5Z" as text.
    if (i > 0 && cards[i].due_at && cards[i - 1].due_at && Date.parse(cards[i].due_at) < Date.parse(cards[i - 1].due_at)) return false;
  }
  return true;
}

/** What the page shows: per lane its nation, the total in its header and its cards' ids. */
function pageLanes(page) {
  return page.evaluate(() => [...document.querySelectorAll("#lanes .lane")].map((l) => ({
    nation: l.getAttribute("data-nation"),
    total: Number(l.querySelector(".lane-total").getAttribute("data-total")),
    ids: [...l.querySelectorAll(".convoy")].map((x) => x.getAttribute("data-id")),
  })));
}

/** Waits until the page's lanes equal the API's answer to `query`; returns whether they did. */
async function agrees(page, base, tok, query, label) {
  let api = null;
  let shown = null;
  for (let i = 0; i < 60; i++) {
    api = await lanesApi(base, tok, query);
    shown = await pageLanes(page);
    const want = api.lanes.map((l) => ({ nation: l.nation, total: l.total, ids: l.cards.map((x) => x.notification_id) }));
    if (JSON.stringify(want) === JSON.stringify(shown)) return true;
    await page.waitForTimeout(250);
  }
  console.log("# " + label + ": page " + JSON.stringify(shown).slice(0, 800) + "\n# api " + JSON.stringify(api).slice(0, 800));
  return false;
}

async function main() {
  server = await startCorridor({ CORRIDOR_SUBMISSIONS_PER_MINUTE: "0", CORRIDOR_JOBS: "0" });
  const pw = {
    liaison: server.addUser("crisis.liaison", "liaison"),
    nl: server.addUser("nl.planner", "requester", ["--nation", "NL", "--unit", NL_UNIT]),
    de: server.addUser("de.planner", "requester", ["--nation", "DE", "--unit", DE_UNIT]),
  };
  const started = Date.now();
  const seeded = await seed(server.base, await token(server.base, "nl.planner", pw.nl), await token(server.base, "de.planner", pw.de));
  console.log(`# ${seeded.length} notifications submitted in ${Math.round((Date.now() - started) / 1000)} s`);
  // What the escalation runner would record for three notifications: every level on their
  // first open Polish stage (one entry each in the grouped list, not three).
  const escalated = [seeded[1], seeded[2], seeded[5]];
  const stmts = escalated.map((n, k) => [1, 2, 3].map((level) =>
    `INSERT INTO escalations (id, notification_id, nation, stage_id, stage_key, level, reason, due_at, fired_at)
     SELECT 'esc-${k}-${level}', notification_id, nation, id, stage_key, ${level}, 'stage overdue: level ${level} alerted', due_at, due_at
     FROM stages WHERE notification_id = '${n.id}' AND nation = 'PL' AND status = 'pending' AND opened_at IS NOT NULL
     ORDER BY stage_key LIMIT 1;`).join("\n") +
    `\nUPDATE stages SET escalation_level = 3 WHERE id IN (SELECT stage_id FROM escalations WHERE notification_id = '${n.id}');`).join("\n");
  sql(stmts + "\nDELETE FROM board_versions WHERE scope = '#built';");
  const base = await server.restart();
  const liaison = await token(base, "crisis.liaison", pw.liaison);

  // The API itself: true counts beyond a page, most urgent first.
  const de = await wholeLane(base, liaison, "DE");
  c.check(`the DE lane counts all ${LIVE} live notifications and pages through every one`, de.total === LIVE && de.cards.length === LIVE, `${de.total} / ${de.cards.length}`);
  c.check("each once", new Set(de.cards.map((x) => x.notification_id)).size === LIVE);
  c.check("the most urgent first", urgentFirst(de.cards));
  const board = (await call(base, liaison, "GET", "/v1/board")).body;
  const groups = board.escalation_groups;
  c.check("escalations grouped: one entry per notification and nation", groups.length === 3 && groups.every((g) => g.level === 3 && g.nation === "PL"), JSON.stringify(groups).slice(0, 400));
  c.check("the board still lists every escalation", board.escalations.length === 9);

  ({ browser } = await launch());
  for (const [locale, code] of Object.entries(LOCALES)) {
    const context = await newContext(browser, locale, { viewport: { width: 1600, height: 1100 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(base + "/dashboard/");
    await page.waitForSelector("#signin:not([hidden])");
    await page.waitForFunction((l) => document.documentElement.lang === l, code);
    // Keyboard only from here on.
    await page.focus("#username");
    await page.keyboard.type("crisis.liaison");
    await page.keyboard.press("Tab");
    await page.keyboard.type(pw.liaison);
    await page.keyboard.press("Enter");
    await page.waitForSelector('.lane[data-nation="DE"] .convoy', { timeout: 20000 });

    c.check(`${locale}: every lane's cards and count agree with the API, most urgent first`, await agrees(page, base, liaison, "limit=12", locale + " lanes"));
    const all = await lanesApi(base, liaison, "limit=12");
    c.check(`${locale}: the API's lanes are in urgency order`, all.lanes.every((l) => urgentFirst(l.cards)));
    const header = await page.textContent('.lane[data-nation="DE"] h3');
    const thousand = new Intl.NumberFormat(locale).format(LIVE);
    c.check(`${locale}: the DE header says the true count (${thousand})`, header.includes(thousand), header);
    const escItems = await page.locator("#escalations > li").count();
    c.check(`${locale}: three grouped escalation entries`, escItems === 3, String(escItems));
    c.check(`${locale}: each names its stages`, (await page.locator("#escalations > li .stages li").count()) === 3);

    const violations = await axe(page, locale + " lanes");
    c.check(`${locale}: the lanes have no serious or critical accessibility violation`, violations.length === 0, JSON.stringify(violations, null, 1));
    if (shots && (code === "en" || code === "de")) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, `lanes-${code}.png`), fullPage: false });
    }

    // Filters from the keyboard: Tab to the priority filter, pick "priority" with the arrows.
    c.check(`${locale}: the priority filter is reachable with Tab`, await tabTo(page, "#lane-priority", 40));
    const label = await page.evaluate(() => document.querySelector('label[for="lane-priority"]').textContent.trim());
    c.check(`${locale}: and labelled`, label.length > 0, label);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => document.getElementById("lane-priority").value === "priority");
    c.check(`${locale}: filtered by priority, the lanes agree with the API`, await agrees(page, base, liaison, "priority=priority&limit=12", locale + " priority"));
    // Level 2 or higher: only the escalated ones, in PL's lane.
    await page.keyboard.press("Tab"); // review status
    await page.keyboard.press("Tab"); // escalation level
    c.check(`${locale}: the focus reached the escalation filter`, await page.evaluate(() => document.activeElement.id === "lane-level"));
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => document.getElementById("lane-level").value === "2");
    c.check(`${locale}: priority and level together agree with the API`, await agrees(page, base, liaison, "priority=priority&level=2&limit=12", locale + " level"));
    // Search by a piece of a reference, in lower case.
    await page.keyboard.press("Tab");
    const target = seeded[777];
    const piece = target.reference.slice(-6).toLowerCase();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    c.check(`${locale}: filters back to all from the keyboard`, await page.evaluate(() => ["lane-priority", "lane-level"].every((id) => document.getElementById(id).value === "")));
    c.check(`${locale}: the search box is reachable with Tab`, await tabTo(page, "#lane-q", 10));
    await page.keyboard.type(piece);
    c.check(`${locale}: a search by reference agrees with the API`, await agrees(page, base, liaison, "q=" + encodeURIComponent(piece) + "&limit=12", locale + " search"));
    c.check(`${locale}: and finds it`, (await page.locator(`#lanes .convoy[data-id="${target.id}"]`).count()) >= 2);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("PANZER");
    c.check(`${locale}: a search by unit, any case, agrees with the API`, await agrees(page, base, liaison, "q=panzer&limit=12", locale + " unit search"));
    c.check(`${locale}: the summary is a live region`, (await page.getAttribute("#lanes-summary", "aria-live")) === "polite");
    // Clear with Space, then page into DE's lane with Enter on "show more".
    c.check(`${locale}: "clear filters" is reachable with Tab`, await tabTo(page, "#lane-clear", 5));
    await page.keyboard.press("Space");
    c.check(`${locale}: cleared, the lanes agree again`, await agrees(page, base, liaison, "limit=12", locale + " cleared"));
    c.check(`${locale}: DE's "show more" is reachable with Tab`, await tabTo(page, '.lane[data-nation="DE"] button.more', 80));
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll('.lane[data-nation="DE"] .convoy').length === 24);
    const second = (await lanesApi(base, liaison, "nation=DE&limit=24")).lanes[0].cards.map((x) => x.notification_id);
    const shown = await page.evaluate(() => [...document.querySelectorAll('.lane[data-nation="DE"] .convoy')].map((x) => x.getAttribute("data-id")));
    c.check(`${locale}: "show more" continues DE's lane in order`, JSON.stringify(shown) === JSON.stringify(second));
    c.check(`${locale}: the focus moved to the first new card`, await page.evaluate(() => document.activeElement.closest(".convoy") && [...document.querySelectorAll('.lane[data-nation="DE"] .convoy')].indexOf(document.activeElement.closest(".convoy")) === 12));
    const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== "none");
    c.check(`${locale}: the focus is visible`, focusVisible);
    // One nation, one review status.
    await page.selectOption("#lane-nation", "PL");
    c.check(`${locale}: the nation filter shows PL's lane alone, as the API does`, await agrees(page, base, liaison, "nation=PL&limit=12", locale + " nation"));
    await page.selectOption("#lane-status", "in_review");
    c.check(`${locale}: with a review status too`, await agrees(page, base, liaison, "nation=PL&status=in_review&limit=12", locale + " status"));
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
