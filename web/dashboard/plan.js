// The planner's form (issue 16): `#/plan` builds a movement notification in the browser, shows
// each nation's policy dry run (POST /v1/evaluate) as the form changes, and submits it with an
// Idempotency-Key; `#/plan/<id>` follows it live, amends it (PUT with If-Match) and withdraws it.
//
// The form's model mirrors the submission (MovementInput) with every input's text as typed;
// `toWire` turns it into the request body and `fromWire` a stored movement or template back
// into the model. Every text of the page's own is a Fluent message (web-planner-*).
import { SignedOut, api } from "./api.js";
import { fmtDateTime, fmtNumber, onLanguageChange, t } from "./i18n.js";
import { $, badge, el, words } from "./page.js";
import { CARGO_COLUMNS, CARGO_OPTIONAL, VEHICLE_COLUMNS, VEHICLE_OPTIONAL, cargoFromCsv, vehiclesFromCsv } from "./plancsv.js";

/** `el` from page.js, with `aria-*` and `role` set as attributes (el sets properties). */
function h(tag, attrs, ...children) {
  const aria = {};
  const rest = {};
  for (const [k, v] of Object.entries(attrs || {})) (k.startsWith("aria-") || k === "role" ? aria : rest)[k] = v;
  const e = el(tag, rest, ...children);
  for (const [k, v] of Object.entries(aria)) if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v);
  return e;
}

const T = (key, args) => t("web-planner-" + key, args);
const DRY_RUN_MS = 600;
const LOOKUP_MS = 250;
const FOLLOW_MS = 3000;
const TUNNELS = ["A", "B", "C", "D", "E"];
const FINAL = ["approved", "rejected", "withdrawn", "expired"];

const page = {
  me: null,
  nations: [], // nations with a loaded policy
  model: null,
  mode: "new", // "new" | "follow" | "amend"
  id: null,
  tag: null, // the followed notification's ETag
  notification: null,
  attempt: null, // { key, body }: the submission attempt a retry repeats
  stash: null, // { model }: the new form's draft, kept while an amendment uses the form
  dryTimer: null,
  dryRun: 0,
  followTimer: null,
  vehicleTypes: [],
  templates: [],
  shown: false,
  errors: [], // field errors of the last answer
  message: null, // { kind, text } of the last answer
};

// ------------------------------------------------------------------ the model

const blankLeg = (nation) => ({ nation: nation || "", entry_point: "", exit_point: "", entry_at: "", exit_at: "", tunnel_categories: [], min_bridge_mlc: "" });
const blankAxle = () => ({ load_kg: "", spacing_mm: "", driven: false });
const blankVehicle = () => ({
  label: "", category: "wheeled", count: "1", gross_mass_kg: "", length_mm: "", width_mm: "", height_mm: "", mlc: "",
  permissible_mass_kg: "", configuration: "", towing_unit_axles: "", adr_vehicle_type: "", axles: [blankAxle(), blankAxle()],
});
const blankCargo = () => ({ description: "", un_number: "", quantity_kg: "", litres: "", net_explosive_mass_kg: "", vehicle: "0" });

function blankModel() {
  const me = page.me || {};
  return {
    priority: "routine", kind: "single", mode: "road", validity_from: "", validity_until: "",
    requester: { nation: me.nation || "", unit: me.unit || "", contact: "" },
    departure_at: "", arrival_at: "", personnel: "0", form_302_serial: "",
    itinerary: [blankLeg(me.nation)], vehicles: [blankVehicle()], cargo: [],
  };
}

const str = (v) => (v === undefined || v === null ? "" : String(v));
/** "2027-02-03T06:00:00Z" -> "2027-02-03 06:00" (UTC, typed the same way in every language). */
const toInput = (iso) => (iso ? String(iso).replace(/Z$/, "").slice(0, 16).replace("T", " ") : "");
/** "2027-02-03 06:00" (or with T) -> "2027-02-03T06:00:00Z"; anything else is sent as typed, for the API to name. */
function toIso(s) {
  const m = String(s || "").trim().match(/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::00)?Z?$/);
  return m ? m[1] + "T" + m[2] + ":00Z" : String(s || "").trim() || undefined;
}
const num = (s) => (str(s).trim() === "" ? undefined : Number(str(s).trim()));

function vehicleToWire(v) {
  const axles = v.axles.map((a, j) => {
    const w = { load_kg: num(a.load_kg) };
    if (j < v.axles.length - 1) w.spacing_mm = num(a.spacing_mm);
    if (a.driven) w.driven = true;
    return w;
  });
  const w = {
    label: v.label.trim(), category: v.category, count: num(v.count), gross_mass_kg: num(v.gross_mass_kg),
    length_mm: num(v.length_mm), width_mm: num(v.width_mm), height_mm: num(v.height_mm), mlc: num(v.mlc), axles,
  };
  if (str(v.permissible_mass_kg).trim()) w.permissible_mass_kg = num(v.permissible_mass_kg);
  if (v.configuration) w.configuration = v.configuration;
  if (str(v.towing_unit_axles).trim()) w.towing_unit_axles = num(v.towing_unit_axles);
  if (v.adr_vehicle_type) w.adr_vehicle_type = v.adr_vehicle_type;
  return w;
}

/** The request body for the model; absent inputs are left out, so the API names them. */
export function toWire(m) {
  const w = {
    priority: m.priority, kind: m.kind, mode: m.mode,
    requester: { nation: m.requester.nation, unit: m.requester.unit, contact: m.requester.contact.trim() },
    departure_at: toIso(m.departure_at), arrival_at: toIso(m.arrival_at),
    itinerary: m.itinerary.map((l) => {
      const leg = { nation: l.nation, entry_point: l.entry_point.trim(), exit_point: l.exit_point.trim(), entry_at: toIso(l.entry_at), exit_at: toIso(l.exit_at), tunnel_categories: l.tunnel_categories.slice() };
      if (str(l.min_bridge_mlc).trim()) leg.min_bridge_mlc = num(l.min_bridge_mlc);
      return leg;
    }),
    vehicles: m.vehicles.map(vehicleToWire),
    cargo: m.cargo.map((c) => {
      const w = { description: c.description.trim(), quantity_kg: num(c.quantity_kg), vehicle: num(c.vehicle) };
      if (c.un_number.trim()) w.un_number = c.un_number.trim();
      if (str(c.litres).trim()) w.litres = num(c.litres);
      if (str(c.net_explosive_mass_kg).trim()) w.net_explosive_mass_kg = num(c.net_explosive_mass_kg);
      return w;
    }),
    personnel: num(m.personnel) || 0,
  };
  if (m.kind === "standing") w.validity = { from: toIso(m.validity_from), until: toIso(m.validity_until) };
  if (m.form_302_serial.trim()) w.form_302_serial = m.form_302_serial.trim();
  return JSON.parse(JSON.stringify(w)); // drops what is undefined
}

function vehicleFromWire(v) {
  v = v || {};
  const axles = (v.axles || []).map((a) => ({ load_kg: str(a.load_kg), spacing_mm: str(a.spacing_mm), driven: !!a.driven }));
  return {
    label: str(v.label), category: v.category || "wheeled", count: str(v.count || 1), gross_mass_kg: str(v.gross_mass_kg), length_mm: str(v.length_mm),
    width_mm: str(v.width_mm), height_mm: str(v.height_mm), mlc: str(v.mlc), permissible_mass_kg: str(v.permissible_mass_kg),
    configuration: v.configuration || "", towing_unit_axles: str(v.towing_unit_axles), adr_vehicle_type: v.adr_vehicle_type || "",
    axles: axles.length >= 2 ? axles : [blankAxle(), blankAxle()],
  };
}

/** The model for a stored movement or a template's form (any part may be missing). */
export function fromWire(w) {
  w = w || {};
  const base = blankModel();
  const r = w.requester || {};
  return {
    priority: w.priority || base.priority, kind: w.kind || base.kind, mode: w.mode || base.mode,
    validity_from: toInput(w.validity && w.validity.from), validity_until: toInput(w.validity && w.validity.until),
    // A template of another unit's form still submits as this unit.
    requester: { nation: base.requester.nation || r.nation || "", unit: base.requester.unit || r.unit || "", contact: str(r.contact) },
    departure_at: toInput(w.departure_at), arrival_at: toInput(w.arrival_at), personnel: str(w.personnel || 0), form_302_serial: str(w.form_302_serial),
    itinerary: (w.itinerary || []).length
      ? w.itinerary.map((l) => ({ nation: str(l.nation), entry_point: str(l.entry_point), exit_point: str(l.exit_point), entry_at: toInput(l.entry_at), exit_at: toInput(l.exit_at), tunnel_categories: (l.tunnel_categories || []).slice(), min_bridge_mlc: str(l.min_bridge_mlc) }))
      : base.itinerary,
    vehicles: (w.vehicles || []).length ? w.vehicles.map(vehicleFromWire) : base.vehicles,
    cargo: (w.cargo || []).map((c) => ({ description: str(c.description), un_number: str(c.un_number), quantity_kg: str(c.quantity_kg), litres: str(c.litres), net_explosive_mass_kg: str(c.net_explosive_mass_kg), vehicle: str(c.vehicle || 0) })),
  };
}

/** The value at a dotted path ("vehicles.0.axles.1.load_kg") of the model. */
function getAt(obj, path) {
  return path.split(".").reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}
function setAt(obj, path, value) {
  const keys = path.split(".");
  const last = keys.pop();
  const target = keys.reduce((o, k) => o[k], obj);
  target[last] = value;
}

// ------------------------------------------------------------------ helpers

/** A version 4 UUID (crypto.randomUUID needs a secure context; this does not). */
function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
}

const idOf = (path) => "pl-" + path.replace(/\./g, "-");
const unitPath = () => "/v1/units/" + encodeURIComponent(page.me.nation) + "/" + encodeURIComponent(page.me.unit);
const kg = (n) => fmtNumber(n, { maximumFractionDigits: 0 });
const metres = (mm) => fmtNumber(mm / 1000, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function body(res) {
  return res.json().catch(() => ({}));
}

/** A labelled input bound to `path` of the model. */
function field(path, labelKey, opts) {
  const o = opts || {};
  const id = idOf(path);
  const value = getAt(page.model, path);
  let control;
  if (o.options) {
    control = h("select", { id, "data-path": path },
      ...o.options.map(([v, label]) => h("option", { value: v, selected: str(value) === v }, label)));
  } else {
    control = h("input", {
      id, "data-path": path, type: o.type || "text", value: str(value),
      inputMode: o.type === "number" ? "numeric" : undefined,
    });
    if (o.type === "number") {
      control.min = String(o.min === undefined ? 0 : o.min);
      if (o.max !== undefined) control.max = String(o.max);
      control.step = "1";
    }
    if (o.maxLength) control.maxLength = o.maxLength;
    if (o.time) {
      control.placeholder = T("time-placeholder");
      control.maxLength = 20;
      control.setAttribute("aria-describedby", "pl-times-utc");
    }
  }
  if (o.required) control.required = true;
  if (o.readOnly) control.readOnly = true;
  if (o.autocomplete) control.setAttribute("autocomplete", o.autocomplete);
  return h("div", { class: "pl-field" + (o.wide ? " wide" : "") }, h("label", { htmlFor: id }, T(labelKey)), control);
}

function button(labelKey, onClick, attrs) {
  const { args, ...rest } = attrs || {};
  const b = h("button", Object.assign({ type: "button" }, rest), T(labelKey, args));
  b.addEventListener("click", onClick);
  return b;
}

// ------------------------------------------------------------------ page frame

function section() {
  let s = $("page-plan");
  if (!s) {
    s = h("section", { id: "page-plan", class: "planner", "aria-labelledby": "pl-title" });
    document.querySelector("main").append(s);
  }
  return s;
}

async function loadMe() {
  if (page.me) return page.me;
  const res = await api("/v1/me");
  if (!res.ok) throw new Error(String(res.status));
  page.me = await res.json();
  return page.me;
}

async function loadLists() {
  const [pol, vt, tp] = await Promise.all([
    api("/v1/policies").then(body),
    api(unitPath() + "/vehicle-types").then(body),
    api(unitPath() + "/templates").then(body),
  ]);
  page.nations = (pol.items || []).map((p) => p.nation).sort();
  page.vehicleTypes = (vt.items || []).map((x) => x.name);
  page.templates = (tp.items || []).map((x) => x.name);
}

/** The router's entry: `params[0]` is the followed notification's id, if any. */
export async function show(params) {
  const s = section();
  s.hidden = false;
  page.shown = true;
  const id = params && params[0];
  try {
    await loadMe();
    if (page.me.role !== "requester") {
      s.replaceChildren(h("h1", { id: "pl-title" }, T("title")), h("p", { class: "error" }, T("requesters-only")));
      return;
    }
    await loadLists();
  } catch (e) {
    if (!(e instanceof SignedOut)) s.replaceChildren(h("h1", { id: "pl-title" }, T("title")), h("p", { class: "error" }, T("cannot-load", { why: e.message })));
    return;
  }
  page.errors = [];
  page.message = null;
  leaveAmend();
  if (id) {
    page.mode = "follow";
    if (page.id !== id) {
      page.id = id;
      page.tag = null;
      page.notification = null;
    }
    renderFollow();
    await follow();
  } else {
    stopFollowing();
    page.mode = "new";
    page.id = null;
    if (!page.model) page.model = blankModel();
    renderForm();
    scheduleDryRun(0);
  }
}

export function hide() {
  page.shown = false;
  stopFollowing();
  clearTimeout(page.dryTimer);
  const s = $("page-plan");
  if (s) s.hidden = true;
}

onLanguageChange(() => {
  if (!page.shown) return;
  if (page.mode === "follow") renderFollow();
  else renderForm();
});

// ------------------------------------------------------------------ the form

function renderForm(focusId) {
  const s = section();
  const amending = page.mode === "amend";
  const title = amending
    ? T("amend-title", { reference: page.notification ? page.notification.reference : "" })
    : T("title");
  const form = h("form", { id: "pl-form", class: "pl-form", noValidate: true },
    generalPart(), routePart(), vehiclesPart(), cargoPart(), bulkPart(),
    amending ? null : templatesPart(),
    answerPart(),
    h("div", { class: "pl-actions" },
      h("button", { type: "submit", id: "pl-submit", class: "primary" }, T(amending ? "send-amendment" : "submit")),
      amending ? button("cancel-amend", () => { leaveAmend(); page.mode = "follow"; renderFollow(); follow(); }) : null,
      amending ? null : button("clear", () => { page.model = blankModel(); page.errors = []; page.message = null; renderForm("pl-priority"); scheduleDryRun(0); })));
  form.addEventListener("input", onInput);
  form.addEventListener("change", onInput);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); submit(); });
  s.replaceChildren(...[
    h("h1", { id: "pl-title" }, title),
    amending ? h("p", {}, h("a", { href: "#/plan/" + page.id }, T("back-to-follow"))) : null,
    h("p", { class: "hint" }, T("intro")),
    h("div", { class: "pl-layout" }, form, dryRunPart())].filter(Boolean));
  markErrors();
  renderDryRun();
  if (focusId && $(focusId)) $(focusId).focus();
}

function onInput(ev) {
  const target = ev.target;
  const path = target.getAttribute && target.getAttribute("data-path");
  if (!path) return;
  if (target.type === "checkbox" && target.hasAttribute("data-tunnel")) {
    const list = getAt(page.model, path);
    const c = target.getAttribute("data-tunnel");
    const i = list.indexOf(c);
    if (target.checked && i < 0) list.push(c);
    if (!target.checked && i >= 0) list.splice(i, 1);
    list.sort();
  } else if (target.type === "checkbox") {
    setAt(page.model, path, target.checked);
  } else {
    setAt(page.model, path, target.value);
  }
  if (ev.type === "change" && (path === "kind" || /^vehicles\.\d+\.label$/.test(path))) {
    // The validity window shows for standing authorisations; cargo lines name vehicles by label.
    renderForm(target.id);
  } else if (/^vehicles\.\d+\./.test(path)) {
    const i = Number(path.split(".")[1]);
    const summary = $("pl-vehicle-summary-" + i);
    if (summary) summary.textContent = vehicleSummary(page.model.vehicles[i]);
  }
  scheduleDryRun();
}

function generalPart() {
  const m = page.model;
  const options = (values, prefix) => values.map((v) => [v, words(v, prefix)]);
  return h("fieldset", { class: "pl-part" },
    h("legend", {}, T("movement")),
    h("div", { class: "pl-grid" },
      field("priority", "priority", { options: options(["routine", "priority", "crisis"]) }),
      field("kind", "kind", { options: options(["single", "standing"]) }),
      field("mode", "mode", { options: options(["road", "rail"]) }),
      field("requester.nation", "requester-nation", { readOnly: true }),
      field("requester.unit", "requester-unit", { readOnly: true, wide: true }),
      field("requester.contact", "contact", { required: true, maxLength: 200, wide: true }),
      field("departure_at", "departure", { time: true, required: true }),
      field("arrival_at", "arrival", { time: true, required: true }),
      m.kind === "standing" ? field("validity_from", "validity-from", { time: true }) : null,
      m.kind === "standing" ? field("validity_until", "validity-until", { time: true }) : null,
      field("personnel", "personnel", { type: "number", max: 100000 }),
      field("form_302_serial", "form-302", { maxLength: 18 })),
    h("p", { class: "hint", id: "pl-times-utc" }, T("times-utc")));
}

function routePart() {
  const m = page.model;
  const nationOptions = [["", T("choose")]].concat([...new Set(page.nations.concat(m.itinerary.map((l) => l.nation)).filter(Boolean))].sort().map((n) => [n, n]));
  const legs = m.itinerary.map((leg, i) => {
    const p = "itinerary." + i;
    return h("fieldset", { class: "pl-item", "data-path": p },
      h("legend", {}, T("leg", { n: i + 1 })),
      h("div", { class: "pl-grid" },
        field(p + ".nation", "leg-nation", { options: nationOptions, required: true }),
        field(p + ".entry_point", "entry-point", { required: true, maxLength: 120 }),
        field(p + ".exit_point", "exit-point", { required: true, maxLength: 120 }),
        field(p + ".entry_at", "entry-at", { time: true, required: true }),
        field(p + ".exit_at", "exit-at", { time: true, required: true }),
        field(p + ".min_bridge_mlc", "min-bridge-mlc", { type: "number", min: 1, max: 150 }),
        h("fieldset", { class: "pl-tunnels", "data-path": p + ".tunnel_categories" },
          h("legend", {}, T("tunnels")),
          ...TUNNELS.map((c) => h("label", { class: "pl-check" },
            h("input", { type: "checkbox", id: idOf(p + ".tunnel_categories." + c), "data-path": p + ".tunnel_categories", "data-tunnel": c, checked: leg.tunnel_categories.includes(c) }),
            " " + c)))),
      h("div", { class: "pl-row-actions" },
        i > 0 ? button("leg-up", () => { m.itinerary.splice(i - 1, 0, m.itinerary.splice(i, 1)[0]); renderForm(idOf("itinerary." + (i - 1) + ".nation")); scheduleDryRun(); }, { args: { n: i + 1 }, id: idOf(p) + "-up" }) : null,
        m.itinerary.length > 1 ? button("remove-leg", () => { m.itinerary.splice(i, 1); renderForm("pl-add-leg"); scheduleDryRun(); }, { args: { n: i + 1 }, id: idOf(p) + "-remove" }) : null));
  });
  return h("fieldset", { class: "pl-part" },
    h("legend", {}, T("route")),
    ...legs,
    button("add-leg", () => {
      const prev = m.itinerary[m.itinerary.length - 1];
      const leg = blankLeg("");
      if (prev) { leg.entry_point = prev.exit_point; leg.entry_at = prev.exit_at; }
      m.itinerary.push(leg);
      renderForm(idOf("itinerary." + (m.itinerary.length - 1) + ".nation"));
      scheduleDryRun();
    }, { id: "pl-add-leg" }));
}

function vehicleSummary(v) {
  const loads = v.axles.map((a) => Number(a.load_kg) || 0);
  const sum = loads.reduce((s, x) => s + x, 0);
  return T("vehicle-summary", {
    sum: kg(sum), gross: v.gross_mass_kg ? kg(Number(v.gross_mass_kg)) : "—",
    length: v.length_mm ? metres(Number(v.length_mm)) : "—", width: v.width_mm ? metres(Number(v.width_mm)) : "—", height: v.height_mm ? metres(Number(v.height_mm)) : "—",
    axles: v.axles.length,
  });
}

function vehiclesPart() {
  const m = page.model;
  const vehicles = m.vehicles.map((v, i) => {
    const p = "vehicles." + i;
    const last = v.axles.length - 1;
    const axleRows = v.axles.map((a, j) => {
      const ap = p + ".axles." + j;
      return h("tr", { "data-path": ap },
        h("th", { scope: "row" }, String(j + 1)),
        h("td", {}, h("label", { class: "visually-hidden", htmlFor: idOf(ap + ".load_kg") }, T("axle-load", { n: j + 1 })),
          h("input", { id: idOf(ap + ".load_kg"), "data-path": ap + ".load_kg", type: "number", min: "1", max: "60000", step: "1", value: a.load_kg, inputMode: "numeric" })),
        h("td", {}, j < last
          ? [h("label", { class: "visually-hidden", htmlFor: idOf(ap + ".spacing_mm") }, T("axle-spacing", { n: j + 1 })),
            h("input", { id: idOf(ap + ".spacing_mm"), "data-path": ap + ".spacing_mm", type: "number", min: "1", max: "20000", step: "1", value: a.spacing_mm, inputMode: "numeric" })]
          : "—"),
        h("td", {}, h("label", { class: "pl-check" }, h("input", { type: "checkbox", id: idOf(ap + ".driven"), "data-path": ap + ".driven", checked: !!a.driven }), h("span", { class: "visually-hidden" }, T("axle-driven-n", { n: j + 1 })))),
        h("td", {}, v.axles.length > 2 ? button("remove-axle", () => { v.axles.splice(j, 1); renderForm(idOf(p) + "-add-axle"); scheduleDryRun(); }, { args: { n: j + 1 }, id: idOf(ap) + "-remove" }) : null));
    });
    const typeName = h("input", { id: idOf(p) + "-type-name", value: v.label, maxLength: 80 });
    return h("fieldset", { class: "pl-item", "data-path": p },
      h("legend", {}, T("vehicle", { n: i + 1, label: v.label || "—" })),
      h("div", { class: "pl-grid" },
        field(p + ".label", "label", { required: true, maxLength: 120, wide: true }),
        field(p + ".category", "category", { options: [["wheeled", words("wheeled")], ["tracked", words("tracked")]] }),
        field(p + ".count", "count", { type: "number", min: 1, max: 2000, required: true }),
        field(p + ".gross_mass_kg", "gross-mass", { type: "number", min: 100, max: 500000, required: true }),
        field(p + ".length_mm", "length", { type: "number", min: 500, max: 60000, required: true }),
        field(p + ".width_mm", "width", { type: "number", min: 500, max: 10000, required: true }),
        field(p + ".height_mm", "height", { type: "number", min: 500, max: 10000, required: true }),
        field(p + ".mlc", "mlc", { type: "number", min: 1, max: 150, required: true }),
        field(p + ".permissible_mass_kg", "permissible-mass", { type: "number", min: 100, max: 500000 }),
        field(p + ".configuration", "configuration", { options: [["", T("not-given")], ["rigid", T("config-rigid")], ["articulated", T("config-articulated")], ["road_train", T("config-road-train")]] }),
        field(p + ".towing_unit_axles", "towing-axles", { type: "number", min: 1, max: 10 }),
        field(p + ".adr_vehicle_type", "adr-type", { options: [["", T("not-given")], ["EX/II", "EX/II"], ["EX/III", "EX/III"], ["FL", "FL"], ["AT", "AT"]] })),
      h("table", { class: "pl-axles", "data-path": p + ".axles" },
        h("caption", {}, T("axles-caption", { n: i + 1 })),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, T("axle")), h("th", { scope: "col" }, T("axle-load-col")), h("th", { scope: "col" }, T("axle-spacing-col")), h("th", { scope: "col" }, T("axle-driven")), h("td", {}))),
        h("tbody", {}, ...axleRows)),
      h("p", { class: "pl-summary", id: "pl-vehicle-summary-" + i, "aria-live": "polite" }, vehicleSummary(v)),
      h("div", { class: "pl-row-actions" },
        button("add-axle", () => { if (v.axles.length < 24) v.axles.push(blankAxle()); renderForm(idOf(p + ".axles." + (v.axles.length - 1) + ".load_kg")); scheduleDryRun(); }, { id: idOf(p) + "-add-axle" }),
        m.vehicles.length > 1 ? button("remove-vehicle", () => removeVehicle(i), { args: { n: i + 1 }, id: idOf(p) + "-remove" }) : null),
      h("div", { class: "pl-save-type" },
        h("label", { htmlFor: typeName.id }, T("type-name")), typeName,
        button("save-type", () => saveVehicleType(i, typeName.value), { id: idOf(p) + "-save-type" })));
  });
  const pick = h("select", { id: "pl-type-pick" }, h("option", { value: "" }, T("choose")), ...page.vehicleTypes.map((n) => h("option", { value: n }, n)));
  return h("fieldset", { class: "pl-part" },
    h("legend", {}, T("vehicles")),
    h("div", { class: "pl-saved" },
      h("label", { htmlFor: "pl-type-pick" }, T("saved-types")), pick,
      button("add-from-type", () => addFromType(pick.value), { id: "pl-add-from-type" }),
      h("span", { id: "pl-type-status", class: "hint", role: "status" })),
    ...vehicles,
    button("add-vehicle", () => { m.vehicles.push(blankVehicle()); renderForm(idOf("vehicles." + (m.vehicles.length - 1) + ".label")); scheduleDryRun(); }, { id: "pl-add-vehicle" }));
}

function removeVehicle(i) {
  const m = page.model;
  m.vehicles.splice(i, 1);
  // Cargo lines follow their vehicle; lines on the removed one go to the first.
  for (const c of m.cargo) {
    const v = Number(c.vehicle);
    if (v === i) c.vehicle = "0";
    else if (v > i) c.vehicle = String(v - 1);
  }
  renderForm("pl-add-vehicle");
  scheduleDryRun();
}

async function addFromType(name) {
  const status = $("pl-type-status");
  if (!name) { status.textContent = T("choose-type-first"); return; }
  const res = await api(unitPath() + "/vehicle-types/" + encodeURIComponent(name));
  const b = await body(res);
  if (!res.ok) { status.textContent = T("failed", { why: b.detail || res.status }); return; }
  const m = page.model;
  const v = vehicleFromWire(b.vehicle);
  // The one blank vehicle a new form starts with is replaced, not kept beside it.
  if (m.vehicles.length === 1 && !m.vehicles[0].label && !m.vehicles[0].gross_mass_kg) m.vehicles[0] = v;
  else m.vehicles.push(v);
  renderForm(idOf("vehicles." + (m.vehicles.indexOf(v)) + ".label"));
  $("pl-type-status").textContent = T("type-added", { name });
  scheduleDryRun(0);
}

async function saveVehicleType(i, name) {
  const status = $("pl-type-status");
  name = str(name).trim();
  if (!name) { status.textContent = T("name-needed"); return; }
  const res = await api(unitPath() + "/vehicle-types/" + encodeURIComponent(name), {
    method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ vehicle: vehicleToWire(page.model.vehicles[i]) }),
  });
  const b = await body(res);
  if (res.ok) {
    if (!page.vehicleTypes.includes(name)) page.vehicleTypes.push(name);
    page.vehicleTypes.sort();
    renderForm(idOf("vehicles." + i) + "-save-type");
    $("pl-type-status").textContent = T("type-saved", { name });
  } else {
    // The API names fields under `vehicle.`; here they are this vehicle's.
    page.errors = (b.errors || []).map((e) => ({ field: e.field.replace(/^vehicle/, "vehicles[" + i + "]"), message: e.message }));
    page.message = { kind: "error", text: T("type-not-saved", { why: b.detail || res.status }) };
    renderForm(idOf("vehicles." + i) + "-save-type");
    $("pl-type-status").textContent = T("type-not-saved", { why: b.detail || res.status });
  }
}

// ------------------------------------------------------------------ cargo and the UN look-up

function cargoPart() {
  const m = page.model;
  const vehicleOptions = m.vehicles.map((v, i) => [String(i), T("vehicle-option", { n: i + 1, label: v.label || "—" })]);
  const lines = m.cargo.map((c, i) => {
    const p = "cargo." + i;
    return h("fieldset", { class: "pl-item", "data-path": p },
      h("legend", {}, T("cargo-line", { n: i + 1 })),
      h("div", { class: "pl-grid" },
        field(p + ".description", "description", { required: true, maxLength: 200, wide: true }),
        unField(p, c),
        field(p + ".quantity_kg", "quantity", { type: "number", min: 1, max: 1000000, required: true }),
        field(p + ".litres", "litres", { type: "number", min: 1, max: 1000000 }),
        field(p + ".net_explosive_mass_kg", "nem", { type: "number", min: 0, max: 1000000 }),
        field(p + ".vehicle", "on-vehicle", { options: vehicleOptions })),
      h("div", { class: "pl-row-actions" },
        button("remove-cargo", () => { m.cargo.splice(i, 1); renderForm("pl-add-cargo"); scheduleDryRun(); }, { args: { n: i + 1 }, id: idOf(p) + "-remove" })));
  });
  return h("fieldset", { class: "pl-part" },
    h("legend", {}, T("cargo")),
    lines.length ? lines : h("p", { class: "hint" }, T("no-cargo")),
    button("add-cargo", () => { m.cargo.push(blankCargo()); renderForm(idOf("cargo." + (m.cargo.length - 1) + ".description")); scheduleDryRun(); }, { id: "pl-add-cargo" }));
}

/** The UN number as a combobox (ARIA 1.2): typing looks the list up, arrows pick, Enter takes. */
function unField(p, c) {
  const path = p + ".un_number";
  const id = idOf(path);
  const listId = id + "-list";
  const info = h("span", { class: "hint", id: id + "-info" }, c.un_name || "");
  const input = h("input", {
    id, "data-path": path, value: c.un_number, maxLength: 100, autocomplete: "off",
  });
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("aria-describedby", id + "-info");
  const list = h("ul", { id: listId, class: "pl-options", hidden: true });
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", T("un-results"));
  let timer = null;
  let items = [];
  let active = -1;
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const choose = (entry) => {
    const i = Number(p.split(".")[1]);
    const line = page.model.cargo[i];
    line.un_number = entry.un_number;
    line.un_name = T("un-entry", { un: entry.un_number, name: entry.name, class: entry.class, pg: entry.packing_group || "—", tunnel: entry.tunnel_code });
    if (!line.description.trim()) line.description = entry.name;
    input.value = entry.un_number;
    info.textContent = line.un_name;
    const d = $(idOf(p + ".description"));
    if (d) d.value = line.description;
    close();
    scheduleDryRun(0);
  };
  const mark = () => {
    [...list.children].forEach((li, k) => li.setAttribute("aria-selected", k === active ? "true" : "false"));
    if (active >= 0) input.setAttribute("aria-activedescendant", listId + "-" + active);
    else input.removeAttribute("aria-activedescendant");
  };
  const lookUp = async () => {
    const q = input.value.trim();
    if (!q) { close(); info.textContent = ""; return; }
    try {
      const res = await api("/v1/dangerous-goods?q=" + encodeURIComponent(q) + "&limit=10");
      const b = await body(res);
      if (input.value.trim() !== q) return;
      items = res.ok ? b.items || [] : [];
      list.replaceChildren(...items.map((e, k) => {
        const li = h("li", { id: listId + "-" + k, class: "pl-option" }, T("un-entry", { un: e.un_number, name: e.name, class: e.class, pg: e.packing_group || "—", tunnel: e.tunnel_code }));
        li.setAttribute("role", "option");
        li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(e); });
        return li;
      }));
      info.textContent = items.length ? T("un-found", { n: items.length }) : T("un-none");
      active = -1;
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      mark();
    } catch (e) {
      if (!(e instanceof SignedOut)) info.textContent = T("failed", { why: e.message });
    }
  };
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(lookUp, LOOKUP_MS); });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (list.hidden) { lookUp(); return; }
      ev.preventDefault();
      const n = items.length;
      if (!n) return;
      active = ev.key === "ArrowDown" ? (active + 1) % n : (active - 1 + n) % n;
      mark();
    } else if (ev.key === "Enter" && !list.hidden && active >= 0) {
      ev.preventDefault();
      choose(items[active]);
    } else if (ev.key === "Escape" && !list.hidden) {
      ev.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  return h("div", { class: "pl-field pl-combo" },
    h("label", { htmlFor: id }, T("un-number")), input, list, info);
}

// ------------------------------------------------------------------ bulk entry (CSV)

function bulkPart() {
  const block = (kind, columns, optional) => {
    const area = h("textarea", { id: "pl-csv-" + kind, rows: 4, spellcheck: false });
    const file = h("input", { id: "pl-csv-" + kind + "-file", type: "file", accept: ".csv,text/csv,text/plain" });
    file.addEventListener("change", async () => {
      const f = file.files && file.files[0];
      if (f) area.value = await f.text();
    });
    const out = h("div", { id: "pl-csv-" + kind + "-result", class: "pl-csv-result", role: "status", "aria-live": "polite" });
    return h("div", { class: "pl-csv" },
      h("h2", {}, T("csv-" + kind)),
      h("p", { class: "hint" }, T("csv-columns"), " ", h("code", {}, columns.join(",")), " ", T("csv-optional"), " ", h("code", {}, optional.join(","))),
      h("p", { class: "hint" }, T("csv-" + kind + "-hint")),
      h("label", { htmlFor: area.id }, T("csv-paste")), area,
      h("label", { htmlFor: file.id }, T("csv-file")), file,
      button("csv-apply", () => applyCsv(kind, area.value), { id: "pl-csv-" + kind + "-apply" }),
      out);
  };
  return h("fieldset", { class: "pl-part" },
    h("legend", {}, T("bulk")),
    block("vehicles", VEHICLE_COLUMNS, VEHICLE_OPTIONAL),
    block("cargo", CARGO_COLUMNS, CARGO_OPTIONAL));
}

function applyCsv(kind, text) {
  const m = page.model;
  const r = kind === "vehicles" ? vehiclesFromCsv(text) : cargoFromCsv(text, m.vehicles.length);
  const out = $("pl-csv-" + kind + "-result");
  if (r.errors.length) {
    out.replaceChildren(
      h("p", { class: "error" }, T("csv-rejected", { n: r.errors.length })),
      h("ul", { class: "pl-csv-errors" }, ...r.errors.map((e) => h("li", { "data-row": String(e.row), "data-column": e.column },
        T("csv-row-error", { row: e.row, column: e.column || "—", why: T("csv-" + e.key, e.args) })))));
    return;
  }
  if (kind === "vehicles") {
    const added = r.items.map(vehicleFromWire);
    if (m.vehicles.length === 1 && !m.vehicles[0].label && !m.vehicles[0].gross_mass_kg) m.vehicles = added;
    else m.vehicles.push(...added);
  } else {
    m.cargo.push(...r.items.map((c) => ({ description: c.description, un_number: str(c.un_number), quantity_kg: str(c.quantity_kg), litres: str(c.litres), net_explosive_mass_kg: str(c.net_explosive_mass_kg), vehicle: str(c.vehicle) })));
  }
  renderForm("pl-csv-" + kind + "-apply");
  $("pl-csv-" + kind + "-result").replaceChildren(h("p", {}, T("csv-applied", { n: r.items.length })));
  scheduleDryRun(0);
}

// ------------------------------------------------------------------ templates

function templatesPart() {
  const pick = h("select", { id: "pl-template-pick" }, h("option", { value: "" }, T("choose")), ...page.templates.map((n) => h("option", { value: n }, n)));
  const name = h("input", { id: "pl-template-name", maxLength: 80 });
  return h("fieldset", { class: "pl-part" },
    h("legend", {}, T("templates")),
    h("div", { class: "pl-saved" },
      h("label", { htmlFor: "pl-template-pick" }, T("saved-templates")), pick,
      button("load-template", () => loadTemplate(pick.value), { id: "pl-load-template" }),
      button("delete-template", () => deleteTemplate(pick.value), { id: "pl-delete-template" })),
    h("div", { class: "pl-saved" },
      h("label", { htmlFor: "pl-template-name" }, T("template-name")), name,
      button("save-template", () => saveTemplate(name.value), { id: "pl-save-template" })),
    h("p", { id: "pl-template-status", class: "hint", role: "status" }));
}

async function saveTemplate(name) {
  name = str(name).trim();
  if (!name) { $("pl-template-status").textContent = T("name-needed"); return; }
  const res = await api(unitPath() + "/templates/" + encodeURIComponent(name), {
    method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ form: toWire(page.model) }),
  });
  const b = await body(res);
  if (!res.ok) { $("pl-template-status").textContent = T("failed", { why: b.detail || res.status }); return; }
  if (!page.templates.includes(name)) page.templates.push(name);
  page.templates.sort();
  renderForm("pl-save-template");
  $("pl-template-status").textContent = T("template-saved", { name });
}

async function loadTemplate(name) {
  if (!name) { $("pl-template-status").textContent = T("choose-template-first"); return; }
  const res = await api(unitPath() + "/templates/" + encodeURIComponent(name));
  const b = await body(res);
  if (!res.ok) { $("pl-template-status").textContent = T("failed", { why: b.detail || res.status }); return; }
  page.model = fromWire(b.form);
  page.errors = [];
  page.message = null;
  renderForm("pl-load-template");
  $("pl-template-status").textContent = T("template-loaded", { name });
  scheduleDryRun(0);
}

async function deleteTemplate(name) {
  if (!name) { $("pl-template-status").textContent = T("choose-template-first"); return; }
  const res = await api(unitPath() + "/templates/" + encodeURIComponent(name), { method: "DELETE" });
  if (!res.ok && res.status !== 404) { const b = await body(res); $("pl-template-status").textContent = T("failed", { why: b.detail || res.status }); return; }
  page.templates = page.templates.filter((n) => n !== name);
  renderForm("pl-template-pick");
  $("pl-template-status").textContent = T("template-deleted", { name });
}

// ------------------------------------------------------------------ the dry run

let lastDryRun = null; // { ok, body } of the latest answer

function dryRunPart() {
  // Focusable: it scrolls on its own, and a keyboard user must be able to scroll it.
  return h("aside", { class: "pl-dry", "aria-labelledby": "pl-dry-title", tabIndex: 0 },
    h("h2", { id: "pl-dry-title" }, T("dry-run")),
    h("p", { id: "pl-dry-status", class: "hint", role: "status", "aria-live": "polite" }),
    h("div", { id: "pl-dry-nations" }));
}

function scheduleDryRun(ms) {
  clearTimeout(page.dryTimer);
  page.dryTimer = setTimeout(dryRun, ms === undefined ? DRY_RUN_MS : ms);
}

async function dryRun() {
  if (!page.shown || page.mode === "follow") return;
  const run = ++page.dryRun;
  const status = $("pl-dry-status");
  if (status) status.textContent = T("dry-checking");
  try {
    const res = await api("/v1/evaluate", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(toWire(page.model)) });
    const b = await body(res);
    if (run !== page.dryRun) return; // a later run is under way
    lastDryRun = { ok: res.ok, status: res.status, body: b };
  } catch (e) {
    if (e instanceof SignedOut || run !== page.dryRun) return;
    lastDryRun = { ok: false, status: 0, body: { detail: e.message } };
  }
  renderDryRun();
}

function renderDryRun() {
  const status = $("pl-dry-status");
  const box = $("pl-dry-nations");
  if (!status || !box) return;
  const d = lastDryRun;
  if (!d) { status.textContent = T("dry-waiting"); box.replaceChildren(); return; }
  if (!d.ok) {
    const errs = d.body.errors || [];
    status.textContent = d.status === 400 ? T("dry-incomplete", { n: Math.max(1, errs.length) }) : T("failed", { why: d.body.detail || d.status });
    box.replaceChildren(errs.length
      ? h("ul", { class: "pl-dry-todo" }, ...errs.slice(0, 12).map((e) => h("li", {}, h("code", {}, e.field || "—"), " ", e.message)))
      : h("p", { class: "hint" }, d.body.detail || ""));
    return;
  }
  const nations = d.body.nations || [];
  const blocking = nations.filter((n) => (n.findings || []).some((f) => f.severity === "block")).map((n) => n.nation);
  status.textContent = blocking.length
    ? T("dry-blocked", { nations: blocking.join(", "), at: fmtDateTime(d.body.evaluated_at) })
    : T("dry-clear", { n: nations.length, at: fmtDateTime(d.body.evaluated_at) });
  box.replaceChildren(...nations.map((n) => {
    const findings = n.findings || [];
    const blocks = findings.some((f) => f.severity === "block");
    return h("section", { class: "pl-dry-nation" + (blocks ? " blocked" : ""), "data-nation": n.nation, "aria-labelledby": "pl-dry-" + n.nation },
      h("h3", { id: "pl-dry-" + n.nation }, n.nation, " ", blocks ? badge("block", T("would-block")) : badge("approved", T("would-pass"))),
      h("p", { class: "hint" }, T("dry-stages", { stages: (n.stages || []).map((s) => s.name + " (" + words(s.status) + ")").join(", ") || "—" })),
      findings.length
        ? h("ul", { class: "pl-findings" }, ...findings.map((f) => h("li", { class: "finding " + f.severity, "data-rule": f.rule, "data-severity": f.severity },
          badge(f.severity), " ", f.message,
          h("div", { class: "hint" }, T("finding-meta", { rule: f.rule, source: f.source, subject: f.subject || "—" })))))
        : h("p", { class: "hint" }, t("web-no-findings")));
  }));
}

// ------------------------------------------------------------------ submit and amend

function answerPart() {
  return h("div", { id: "pl-answer", class: "pl-answer", role: "alert" });
}

/** The wire path "vehicles[0].axles[1].load_kg" as the model's "vehicles.0.axles.1.load_kg". */
const modelPath = (field) => String(field || "").replace(/\[(\d+)\]/g, ".$1");

/** Puts each field error next to its input (or the nearest part that holds it). */
function markErrors() {
  const answer = $("pl-answer");
  if (!answer) return;
  answer.replaceChildren();
  if (page.message) answer.append(h("p", { class: page.message.kind }, page.message.text));
  if (!page.errors.length) return;
  const list = h("ul", { class: "pl-error-list" });
  for (const e of page.errors) {
    let path = modelPath(e.field);
    // A shape error names the object a field is missing from ("" for the body): the field is
    // in the message.
    const missing = /missing field `([^`]+)`/.exec(e.message || "");
    if (missing) path = path ? path + "." + missing[1] : missing[1];
    let target = null;
    while (path && !target) {
      target = document.querySelector('#pl-form [data-path="' + CSS.escape(path) + '"]');
      if (!target) path = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
    }
    const msgId = "pl-err-" + Math.random().toString(36).slice(2, 9);
    if (target) {
      const note = h("span", { class: "field-error", id: msgId }, e.message);
      if (target.matches("input, select, textarea")) {
        target.setAttribute("aria-invalid", "true");
        target.setAttribute("aria-describedby", [target.getAttribute("aria-describedby"), msgId].filter(Boolean).join(" "));
        target.closest(".pl-field, td, .pl-check") ? target.closest(".pl-field, td, .pl-check").append(note) : target.after(note);
      } else {
        target.classList.add("invalid");
        const legend = target.tagName === "FIELDSET" ? target.querySelector("legend") : null;
        if (legend) legend.after(note);
        else target.before(note);
      }
    }
    const go = h("a", { href: "#" + (target && target.id ? target.id : "pl-form") }, h("code", {}, e.field || "—"));
    go.addEventListener("click", (ev) => { ev.preventDefault(); if (target && target.focus) target.focus(); });
    list.append(h("li", {}, go, " ", e.message));
  }
  answer.append(list);
}

async function submit() {
  const amending = page.mode === "amend";
  const wire = toWire(page.model);
  const text = JSON.stringify(wire);
  // One submission attempt, one key: a retry of the same body after a lost answer reuses it, so
  // the server answers as it did the first time instead of storing a second notification.
  if (!page.attempt || page.attempt.body !== text) page.attempt = { key: uuid(), body: text };
  const button = $("pl-submit");
  button.disabled = true;
  page.errors = [];
  page.message = { kind: "hint", text: T("sending") };
  markErrors();
  let res;
  let b;
  try {
    const headers = { "Content-Type": "application/json" };
    if (amending) headers["If-Match"] = page.tag;
    else headers["Idempotency-Key"] = page.attempt.key;
    res = await api(amending ? "/v1/notifications/" + encodeURIComponent(page.id) : "/v1/notifications", { method: amending ? "PUT" : "POST", headers, body: text });
    b = await body(res);
  } catch (e) {
    if (e instanceof SignedOut) return;
    page.message = { kind: "error", text: T("send-failed", { why: e.message }) };
    markErrors();
    button.disabled = false;
    return;
  }
  button.disabled = false;
  if (res.ok) {
    page.attempt = null;
    page.tag = res.headers.get("ETag");
    page.notification = b;
    if (amending) leaveAmend();
    else page.model = null; // the next #/plan starts afresh
    page.mode = "follow";
    page.id = b.id;
    page.message = null;
    if (location.hash !== "#/plan/" + b.id) location.hash = "#/plan/" + b.id;
    else { renderFollow(); follow(); }
    return;
  }
  // A definite refusal ends the attempt (nothing was stored); 5xx and 429 may be retried as is.
  if (res.status < 500 && res.status !== 429) page.attempt = null;
  page.errors = b.errors || [];
  page.message = { kind: "error", text: res.status === 412 ? T("amend-stale") : T("refused", { status: res.status, why: b.detail || "" }) };
  markErrors();
  const first = document.querySelector('#pl-form [aria-invalid="true"]');
  if (first) first.focus();
}

// ------------------------------------------------------------------ following one notification

/** Gives the form back to the new movement's draft after an amendment used it. */
function leaveAmend() {
  if (!page.stash) return;
  page.model = page.stash.model;
  page.stash = null;
}

function stopFollowing() {
  clearTimeout(page.followTimer);
  page.followTimer = null;
}

async function follow() {
  stopFollowing();
  if (!page.shown || page.mode !== "follow") return;
  const id = page.id;
  try {
    const headers = page.tag && page.notification ? { "If-None-Match": page.tag } : {};
    const res = await api("/v1/notifications/" + encodeURIComponent(id), { headers });
    if (page.id !== id || page.mode !== "follow") return;
    if (res.status === 200) {
      page.notification = await res.json();
      page.tag = res.headers.get("ETag");
      renderFollow();
    } else if (res.status === 404) {
      page.notification = null;
      renderFollow(T("not-found"));
      return;
    }
  } catch (e) {
    if (e instanceof SignedOut) return;
  }
  if (page.shown && page.mode === "follow") page.followTimer = setTimeout(follow, FOLLOW_MS);
}

function renderFollow(problem) {
  const s = section();
  const n = page.notification;
  if (!n) {
    s.replaceChildren(h("h1", { id: "pl-title" }, T("follow-title")), h("p", { class: problem ? "error" : "hint" }, problem || t("web-loading")));
    return;
  }
  const final = FINAL.includes(n.status);
  // A live update must not take away what the reader is typing, nor the focus.
  const typed = $("pl-withdraw-reason") ? $("pl-withdraw-reason").value : "";
  const focused = document.activeElement && s.contains(document.activeElement) ? document.activeElement.id : null;
  const reason = h("input", { id: "pl-withdraw-reason", maxLength: 4000, value: typed });
  s.replaceChildren(
    h("h1", { id: "pl-title" }, T("follow-heading", { reference: n.reference }), " ", badge(n.status)),
    h("p", { id: "pl-follow-status", role: "status", "aria-live": "polite" }, T("follow-status", { status: words(n.status), version: n.version, at: fmtDateTime(n.updated_at) })),
    h("dl", { class: "facts" },
      h("div", {}, h("dt", {}, T("priority")), h("dd", {}, words(n.priority))),
      h("div", {}, h("dt", {}, T("departure")), h("dd", {}, fmtDateTime(n.departure_at))),
      h("div", {}, h("dt", {}, T("arrival")), h("dd", {}, fmtDateTime(n.arrival_at))),
      h("div", {}, h("dt", {}, T("due")), h("dd", {}, fmtDateTime(n.due_at))),
      h("div", {}, h("dt", {}, T("vehicles")), h("dd", {}, T("vehicles-count", { n: (n.movement.vehicles || []).reduce((s2, v) => s2 + v.count, 0), mass: kg((n.movement.vehicles || []).reduce((s2, v) => s2 + v.count * v.gross_mass_kg, 0)) })))),
    h("table", { class: "list pl-nations" },
      h("caption", {}, T("per-nation")),
      h("thead", {}, h("tr", {}, ...["col-nation", "col-status", "col-stages", "col-findings", "col-due", "col-permit"].map((k) => h("th", { scope: "col" }, T(k))))),
      h("tbody", {}, ...n.nations.map((r) => h("tr", { "data-nation": r.nation },
        h("th", { scope: "row" }, r.nation),
        h("td", {}, badge(r.status)),
        h("td", {}, r.stages.filter((st) => st.status !== "superseded").map((st) => st.name + ": " + words(st.status)).join(" · ")),
        h("td", {}, r.findings.length ? r.findings.map((f) => words(f.severity) + " " + f.rule).join(", ") : "—"),
        h("td", {}, fmtDateTime(r.due_at)),
        h("td", {}, r.permit_number || "—"))))),
    final ? h("p", { class: "hint" }, T("final")) : h("div", { class: "pl-follow-actions" },
      button("amend", () => { page.mode = "amend"; stopFollowing(); page.stash = { model: page.model }; page.model = fromWire(n.movement); page.errors = []; page.message = null; renderForm("pl-priority"); scheduleDryRun(0); }, { id: "pl-amend" }),
      h("div", { class: "pl-saved" },
        h("label", { htmlFor: "pl-withdraw-reason" }, T("withdraw-reason")), reason,
        button("withdraw", () => withdraw(reason.value), { id: "pl-withdraw" }))),
    h("div", { id: "pl-answer", class: "pl-answer", role: "alert" }, page.message ? h("p", { class: page.message.kind }, page.message.text) : null),
    h("p", {}, h("a", { href: "#n/" + n.id }, T("open-notification")), " · ", h("a", { href: "#/plan", id: "pl-plan-another" }, T("plan-another"))));
  if (focused && $(focused)) $(focused).focus();
}

async function withdraw(reason) {
  const text = str(reason).trim();
  const res = await api("/v1/notifications/" + encodeURIComponent(page.id) + "/withdraw", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(text ? { reason: text } : {}),
  });
  const b = await body(res);
  if (res.ok) {
    page.notification = b;
    page.tag = res.headers.get("ETag");
    page.message = { kind: "hint", text: T("withdrawn") };
  } else {
    page.message = { kind: "error", text: T("refused", { status: res.status, why: b.detail || "" }) };
  }
  renderFollow();
  const status = $("pl-follow-status");
  if (status) status.focus && status.focus();
  follow();
}
