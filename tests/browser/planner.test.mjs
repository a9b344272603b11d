// Browser test of the planner's form (issue 16): Debian's headless Chromium, playwright-core.
//
// A requesting unit's planner signs in and, with the keyboard only, builds a movement: a
// route of two legs, a vehicle with its axles from a saved vehicle type, a cargo line found by
// the UN-number look-up. The dry run shows Germany blocking it (petrol through a category D
// tunnel); the cargo line is removed and the block goes away. The form is saved as a template,
// submitted, followed (and seen on a liaison's board without reload), amended and withdrawn.
// Then a CSV of vehicles with a bad row is refused by row and column, and a good one applied.
// The walk runs in English, German and Polish browser contexts; axe-core checks the form and
// the follow view (no serious or critical violation).
//
//   node tests/browser/planner.test.mjs [--screenshots DIR]   (DIR: plan-<lang>.png, plan-follow-<lang>.png)
//
// Environment: CORRIDOR_BIN (default target/debug/corridor), CHROMIUM (default /usr/bin/chromium).

import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { axe, call, checker, launch, movement, startCorridor, token } from "./lib.mjs";

const args = process.argv.slice(2);
const shotsAt = args.indexOf("--screenshots");
const SHOTS = shotsAt >= 0 ? resolve(args[shotsAt + 1]) : null;
const UNIT = "Panzerbataillon 203";
const UNIT_PATH = "/v1/units/DE/" + encodeURIComponent(UNIT);
const TYPE = "Leopard on Mammut";
const WAIT = { timeout: 20000 };
const c = checker();

/** "YYYY-MM-DD hh:mm" (UTC) `days` and `hours` from now, on the hour: the form's time format. */
function when(days, hour) {
  const d = new Date(Date.now() + days * 86400e3);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().slice(0, 16).replace("T", " ");
}

/** Moves the focus to `selector` with Tab or Shift+Tab only (the keyboard walk). */
async function focusByKeyboard(page, selector) {
  for (let i = 0; i < 400; i++) {
    const where = await page.evaluate((s) => {
      const target = document.querySelector(s);
      if (!target) return "missing";
      const a = document.activeElement;
      if (a === target) return "here";
      if (!a || a === document.body) return "after";
      return a.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING ? "after" : "before";
    }, selector);
    if (where === "here") return;
    if (where === "missing") throw new Error("no element " + selector);
    await page.keyboard.press(where === "after" ? "Tab" : "Shift+Tab");
  }
  throw new Error("the keyboard did not reach " + selector);
}

/** Replaces the value of the field at `selector` by typing. */
async function type(page, selector, text) {
  await focusByKeyboard(page, selector);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

/** Presses `key` (Enter by default) on the control at `selector`. */
async function press(page, selector, key) {
  await focusByKeyboard(page, selector);
  await page.keyboard.press(key || "Enter");
}

async function noSeriousViolations(page, label) {
  const bad = await axe(page, label);
  c.check("axe-core finds no serious or critical violation on " + label, bad.length === 0, JSON.stringify(bad, null, 1));
}

async function signIn(page, base, username, password) {
  await page.goto(base + "/dashboard/");
  await page.waitForSelector("#signin-form", WAIT);
  await type(page, "#username", username);
  await type(page, "#password", password);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#signin", { state: "hidden", timeout: 20000 });
}

async function walk(server, lang, locale, liaisonPassword) {
  const { browser, context } = await launch(locale);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, server.base, "de.planner", server.plannerPassword);
    c.check(lang + ": the page speaks " + lang, (await page.evaluate(() => document.documentElement.lang)) === lang);

    // A liaison watching the board in another page, before anything is submitted.
    let board = null;
    if (liaisonPassword) {
      board = await context.newPage();
      await signIn(board, server.base, "liaison", liaisonPassword);
    }

    await press(page, '#nav a[data-page="plan"]');
    await page.waitForSelector("#pl-form", WAIT);
    c.check(lang + ": the form opens at #/plan", page.url().endsWith("#/plan"));

    // The movement.
    await type(page, "#pl-requester-contact", "S4 Panzerbataillon 203, +49 5237 0000");
    await type(page, "#pl-departure_at", when(12, 6));
    await type(page, "#pl-arrival_at", when(13, 18));
    // Leg 1, Germany (the unit's own nation, preset), through a category D tunnel.
    await type(page, "#pl-itinerary-0-entry_point", "Augustdorf");
    await type(page, "#pl-itinerary-0-exit_point", "Frankfurt (Oder)");
    await type(page, "#pl-itinerary-0-entry_at", when(12, 6));
    await type(page, "#pl-itinerary-0-exit_at", when(12, 18));
    await type(page, "#pl-itinerary-0-min_bridge_mlc", "120");
    await press(page, "#pl-itinerary-0-tunnel_categories-D", " ");
    // Leg 2, Poland: added after the first, starting where it ends.
    await press(page, "#pl-add-leg");
    await page.waitForSelector("#pl-itinerary-1-nation", WAIT);
    c.check(lang + ": a new leg starts where the last one ends", (await page.inputValue("#pl-itinerary-1-entry_point")) === "Frankfurt (Oder)");
    await focusByKeyboard(page, "#pl-itinerary-1-nation");
    await page.keyboard.type("PL");
    await type(page, "#pl-itinerary-1-exit_point", "Orzysz");
    await type(page, "#pl-itinerary-1-exit_at", when(13, 18));
    await type(page, "#pl-itinerary-1-min_bridge_mlc", "120");
    c.check(lang + ": the second leg is Poland", (await page.inputValue("#pl-itinerary-1-nation")) === "PL");

    // The vehicle from the unit's saved type, with its eight axles.
    await focusByKeyboard(page, "#pl-type-pick");
    await page.keyboard.type("Leo");
    await press(page, "#pl-add-from-type");
    await page.waitForFunction(() => document.querySelector("#pl-vehicles-0-label") && document.querySelector("#pl-vehicles-0-label").value !== "", null, WAIT);
    c.check(lang + ": the saved vehicle type fills the vehicle", (await page.inputValue("#pl-vehicles-0-label")) === "Leopard 2A7 on SLT 2 Mammut");
    c.check(lang + ": with its eight axles", (await page.locator('#pl-form table.pl-axles tbody tr').count()) === 8);
    const summary = await page.textContent("#pl-vehicle-summary-0");
    const grouped = new Intl.NumberFormat(locale).format(120000);
    c.check(lang + ": masses are shown in the reader's locale (" + grouped + ")", summary.includes(grouped), summary);

    // A cargo line found by the UN-number look-up: petrol, closed to category D tunnels.
    await press(page, "#pl-add-cargo");
    await page.waitForSelector("#pl-cargo-0-un_number", WAIT);
    await type(page, "#pl-cargo-0-un_number", "1203");
    await page.waitForSelector('#pl-cargo-0-un_number-list [role="option"]', WAIT);
    c.check(lang + ": the look-up is announced as an expanded combobox", (await page.getAttribute("#pl-cargo-0-un_number", "aria-expanded")) === "true");
    await page.keyboard.press("ArrowDown");
    c.check(lang + ": the arrow keys pick an option", (await page.getAttribute("#pl-cargo-0-un_number", "aria-activedescendant")) === "pl-cargo-0-un_number-list-0");
    await page.keyboard.press("Enter");
    c.check(lang + ": Enter takes the entry and its proper shipping name", /GASOLINE|PETROL/.test(await page.inputValue("#pl-cargo-0-description")));
    await type(page, "#pl-cargo-0-quantity_kg", "5000");

    // The dry run: Germany would block it (the tunnel), shown with severity, rule and source.
    const tunnel = '#pl-dry-nations section[data-nation="DE"] li[data-rule="dg.tunnel"][data-severity="block"]';
    await page.waitForSelector(tunnel, WAIT);
    c.check(lang + ": the dry run shows Germany's block with its rule and source", /dg\.tunnel/.test(await page.textContent(tunnel)));
    c.check(lang + ": and Poland's review beside it", (await page.locator('#pl-dry-nations section[data-nation="PL"]').count()) === 1);
    if (SHOTS && (lang === "en" || lang === "de")) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, "plan-" + lang + ".png"), fullPage: true });
    }
    await noSeriousViolations(page, lang + " planner form with the dry run");

    // Fixed: the line is removed, the block goes away.
    await press(page, "#pl-cargo-0-remove");
    await page.waitForSelector(tunnel, { state: "detached", timeout: 20000 });
    await page.waitForSelector('#pl-dry-nations section[data-nation="DE"]', WAIT);
    c.check(lang + ": without the line nothing blocks in Germany", (await page.locator('#pl-dry-nations li[data-severity="block"]').count()) === 0);

    // Saved as a template of the unit.
    await type(page, "#pl-template-name", "Augustdorf to Orzysz");
    await press(page, "#pl-save-template");
    await page.waitForFunction(() => document.querySelector("#pl-template-pick") && [...document.querySelector("#pl-template-pick").options].some((o) => o.value === "Augustdorf to Orzysz"), null, WAIT);
    const saved = await call(server.base, server.plannerToken, "GET", UNIT_PATH + "/templates/" + encodeURIComponent("Augustdorf to Orzysz"));
    c.check(lang + ": the template holds the form", saved.body.form.vehicles[0].axles.length === 8 && saved.body.form.itinerary[1].nation === "PL");

    // Submitted with an Idempotency-Key, then followed. In English the first answer is lost on
    // the way back (the server stored it): the retry sends the same key and gets the same answer.
    const before = (await call(server.base, server.plannerToken, "GET", "/v1/notifications?limit=200")).body.items.length;
    const keys = [];
    if (lang === "en") {
      let lost = false;
      await page.route("**/v1/notifications", async (route) => {
        const req = route.request();
        if (req.method() !== "POST") return route.continue();
        keys.push(req.headers()["idempotency-key"]);
        if (lost) return route.continue();
        lost = true;
        await route.fetch();
        return route.abort("connectionreset");
      });
      await press(page, "#pl-submit");
      await page.waitForFunction(() => document.querySelector("#pl-answer .error"), null, WAIT);
    }
    await press(page, "#pl-submit");
    await page.waitForFunction(() => /^#\/plan\/[0-9a-f-]{8,}$/.test(location.hash), null, WAIT);
    await page.waitForSelector("#pl-follow-status", WAIT);
    const id = (await page.evaluate(() => location.hash)).split("/")[2];
    const n = await call(server.base, server.plannerToken, "GET", "/v1/notifications/" + id);
    const after = (await call(server.base, server.plannerToken, "GET", "/v1/notifications?limit=200")).body.items.length;
    c.check(lang + ": one submission stored one notification", after === before + 1, before + " -> " + after);
    if (lang === "en") {
      await page.unroute("**/v1/notifications");
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
      c.check("en: the retry after a lost answer sent the same Idempotency-Key, a UUID", keys.length === 2 && keys[0] === keys[1] && uuid.test(keys[0]), keys.join(" "));
    }
    c.check(lang + ": the notification is stored in review", n.body.status === "in_review" && n.body.movement.cargo.length === 0);
    c.check(lang + ": the follow view names it", (await page.textContent("#pl-title")).includes(n.body.reference));
    c.check(lang + ": with each nation's review", (await page.locator(".pl-nations tbody tr").count()) === 2);

    // The liaison's board shows it without a reload (and the board API agrees).
    if (board) {
      await board.waitForFunction((ref) => document.body.innerText.includes(ref), n.body.reference, { timeout: 30000 });
      c.check(lang + ": the liaison's open board shows " + n.body.reference + " without reload", true);
    }
    const api = await call(server.base, server.liaisonToken, "GET", "/v1/notifications?limit=200");
    c.check(lang + ": the liaison reads it through the API", (api.body.items || []).some((x) => x.id === id));

    if (SHOTS && (lang === "en" || lang === "de")) await page.screenshot({ path: join(SHOTS, "plan-follow-" + lang + ".png"), fullPage: true });
    await noSeriousViolations(page, lang + " follow view");

    // Amended (PUT with If-Match): one more person travelling.
    await press(page, "#pl-amend");
    await page.waitForSelector("#pl-form", WAIT);
    await type(page, "#pl-personnel", "6");
    await press(page, "#pl-submit");
    await page.waitForSelector("#pl-follow-status", WAIT);
    await page.waitForFunction(() => document.querySelector("#pl-follow-status").textContent.includes("2"), null, WAIT);
    const amended = await call(server.base, server.plannerToken, "GET", "/v1/notifications/" + id);
    c.check(lang + ": the amendment is version 2", amended.body.version === 2 && amended.body.movement.personnel === 6);

    // Withdrawn.
    await type(page, "#pl-withdraw-reason", "exercise cancelled");
    await press(page, "#pl-withdraw");
    await page.waitForSelector("#pl-title .badge.withdrawn", WAIT);
    const gone = await call(server.base, server.plannerToken, "GET", "/v1/notifications/" + id);
    c.check(lang + ": it is withdrawn", gone.body.status === "withdrawn");

    // Bulk: a CSV of vehicles with a bad row is refused by row and column, a good one applied.
    await press(page, "#pl-plan-another");
    await page.waitForSelector("#pl-csv-vehicles", WAIT);
    const head = "label,category,count,gross_mass_kg,length_mm,width_mm,height_mm,mlc,axle_loads_kg,axle_spacings_mm";
    const good = "HX2 8x8,wheeled,4,32000,10200,2550,3600,30,8000;8000;8000;8000,1500;3000;1500";
    await type(page, "#pl-csv-vehicles", head + "\n" + good + "\nFuchs,hovering,2,19000,6800,2980,2300,20,9500;9500,3750");
    await press(page, "#pl-csv-vehicles-apply");
    await page.waitForSelector('#pl-csv-vehicles-result li[data-row="3"][data-column="category"]', WAIT);
    c.check(lang + ": the bad row is named by row 3 and its column", (await page.textContent('#pl-csv-vehicles-result li[data-row="3"]')).includes("category"));
    c.check(lang + ": and nothing is applied", (await page.locator('#pl-form fieldset[data-path="vehicles.1"]').count()) === 0 && (await page.inputValue("#pl-vehicles-0-label")) === "");
    await type(page, "#pl-csv-vehicles", head + "\n" + good + "\nFuchs,wheeled,2,19000,6800,2980,2300,20,9500;9500,3750");
    await press(page, "#pl-csv-vehicles-apply");
    await page.waitForSelector('#pl-form fieldset[data-path="vehicles.1"]', WAIT);
    c.check(lang + ": the good CSV fills two vehicles", (await page.inputValue("#pl-vehicles-1-label")) === "Fuchs" && (await page.inputValue("#pl-vehicles-0-label")) === "HX2 8x8");
    await type(page, "#pl-csv-cargo", "description,un_number,quantity_kg,vehicle\nDiesel,1202,800,2\nRations,,400,3");
    await press(page, "#pl-csv-cargo-apply");
    await page.waitForSelector('#pl-csv-cargo-result li[data-row="3"][data-column="vehicle"]', WAIT);
    await type(page, "#pl-csv-cargo", "description,un_number,quantity_kg,vehicle\nDiesel,1202,800,2\nRations,,400,1");
    await press(page, "#pl-csv-cargo-apply");
    await page.waitForSelector('#pl-form fieldset[data-path="cargo.1"]', WAIT);
    c.check(lang + ": the good cargo CSV adds two lines on their vehicles", (await page.inputValue("#pl-cargo-0-vehicle")) === "1" && (await page.inputValue("#pl-cargo-1-vehicle")) === "0");

    // Submitted incomplete (no contact, no times): the answer's problems sit at their fields.
    await press(page, "#pl-submit");
    await page.waitForSelector('#pl-form [aria-invalid="true"] ~ .field-error, #pl-form .pl-field .field-error', WAIT);
    const invalid = await page.evaluate(() => [...document.querySelectorAll('#pl-form [aria-invalid="true"]')].map((e) => e.id));
    c.check(lang + ": the refusal marks the fields it names (" + invalid.join(", ") + ")", invalid.length > 0 && invalid.every((x) => x.startsWith("pl-")));
    c.check(lang + ": and focus goes to the first of them", await page.evaluate(() => document.activeElement.getAttribute("aria-invalid") === "true"));

    // The saved template brings the whole form back.
    await focusByKeyboard(page, "#pl-template-pick");
    await page.keyboard.type("Augustdorf");
    await press(page, "#pl-load-template");
    await page.waitForFunction(() => document.querySelector("#pl-itinerary-1-nation") && document.querySelector("#pl-itinerary-1-nation").value === "PL", null, WAIT);
    c.check(lang + ": the template loads the route and the vehicle with its axles", (await page.inputValue("#pl-itinerary-0-entry_point")) === "Augustdorf" && (await page.locator("#pl-form table.pl-axles tbody tr").count()) === 8);

    c.check(lang + ": no script error on the page", errors.length === 0, errors.join("\n"));
  } finally {
    await browser.close();
  }
}

async function main() {
  const server = await startCorridor();
  try {
    server.plannerPassword = server.addUser("de.planner", "requester", ["--nation", "DE", "--unit", UNIT]);
    const liaisonPassword = server.addUser("liaison", "liaison", []);
    server.plannerToken = await token(server.base, "de.planner", server.plannerPassword);
    server.liaisonToken = await token(server.base, "liaison", liaisonPassword);
    // The unit's saved vehicle type: the Leopard on its transporter, from the fixture.
    const leopard = movement("leopard_de_pl", 10).vehicles[0];
    await call(server.base, server.plannerToken, "PUT", UNIT_PATH + "/vehicle-types/" + encodeURIComponent(TYPE), { vehicle: leopard });
    await walk(server, "en", "en-GB", liaisonPassword);
    await walk(server, "de", "de-DE", liaisonPassword);
    await walk(server, "pl", "pl-PL", null);
    console.log("# " + c.passed + " checks passed");
  } finally {
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(1);
});
