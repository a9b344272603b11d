// The decision view (`#/decide/<id>/<nation>`): one nation's review of one notification — the
// movement, the route, every finding with its rule, severity and legal source, earlier rounds
// and what changed since the nation last decided — and the decision itself, sent with If-Match
// (the ETag of what the officer read). A 412 reads the notification again, shows what changed
// since, and lets the officer decide again on the current version. The nation's coordinator
// also waives block findings and acknowledges escalations here. Problem details from the API
// show next to the field they name.
import { api, json } from "./api.js";
import { fmtDateTime, fmtNumber, has, onLanguageChange, t } from "./i18n.js";
import { renderEvent } from "./detail.js";
import { account, guarded, mayDecide, problemOf, section, tickCountdowns } from "./officer.js";
import { badge, el, words } from "./page.js";

const OUTCOMES = ["approve", "approve_with_conditions", "request_changes", "reject"];
const FORM_FIELDS = ["stage", "outcome", "conditions", "reason"];

const d = {
  id: null,
  nation: null,
  n: null, // the notification as the officer read it
  tag: null, // its ETag: what a decision or waiver sends in If-Match
  versions: [],
  events: [],
  sources: new Map(), // policy source id -> { title, url }
  who: null,
  conflict: null, // { before, after } after a 412
  notice: null, // the last success, announced
  root: null,
  ticker: null,
  poll: null,
  fresh: null, // a newer reading found by the poll, not yet shown: { n, tag }
};

// How often an open decision view asks whether its notification changed (a 304 costs one row).
const POLL_MS = 8000;

export async function show([id, nation]) {
  d.root = section("decide");
  d.root.setAttribute("aria-labelledby", "decide-title");
  if (d.id !== id || d.nation !== nation) {
    Object.assign(d, { id, nation, n: null, tag: null, conflict: null, notice: null, fresh: null });
    d.root.replaceChildren(el("p", { class: "empty" }, t("web-loading")));
  }
  await guarded(d.root, async () => {
    d.who = await account();
    await reload();
    await loadSources();
    render();
  });
  clearInterval(d.ticker);
  d.ticker = setInterval(() => tickCountdowns(d.root), 1000);
  clearInterval(d.poll);
  d.poll = setInterval(() => guarded(null, watchForChanges), POLL_MS);
}

export function hide() {
  clearInterval(d.ticker);
  clearInterval(d.poll);
  if (d.root) d.root.hidden = true;
}

onLanguageChange(() => {
  if (d.root && !d.root.hidden && d.n) render();
});

const base = () => "/v1/notifications/" + encodeURIComponent(d.id);

/** Reads the notification, its versions and its trail; the ETag becomes what a change is sent with. */
async function reload() {
  const res = await api(base());
  if (res.status === 404) throw new Error(t("web-detail-not-found"));
  d.n = await json(res);
  d.tag = res.headers.get("ETag");
  const [versions, events] = await Promise.all([
    api(base() + "/versions").then(json),
    api(base() + "/events").then(json),
  ]);
  d.versions = versions.items || [];
  d.events = events.items || [];
}

/** The legal sources of every nation on the route, so each finding cites its text (GET /v1/policies/{nation}). */
async function loadSources() {
  const nations = (d.n.nations || []).map((r) => r.nation).filter((n) => !d.sources.has("#" + n));
  await Promise.all(nations.map(async (nation) => {
    const res = await api("/v1/policies/" + encodeURIComponent(nation));
    if (!res.ok) return;
    const p = await res.json();
    for (const s of (p.policy && p.policy.sources) || []) d.sources.set(nation + ":" + s.id, s);
    d.sources.set("#" + nation, true);
  }));
}

const review = () => (d.n.nations || []).find((r) => r.nation === d.nation);
const isOpen = (st) => st.status === "pending" && !!st.opened_at;

/**
 * Asks whether the notification changed since it was read. A change is not slipped under the
 * officer's form: a notice offers to show it, and until then a decision is still sent with the
 * ETag of what is on screen (so it meets 412).
 */
async function watchForChanges() {
  if (!d.n || !d.tag || d.fresh) return;
  const res = await api(base(), { headers: { "If-None-Match": d.tag } });
  if (res.status !== 200) return;
  d.fresh = { n: await res.json(), tag: res.headers.get("ETag") };
  const slot = document.getElementById("decide-changed");
  if (slot) slot.replaceChildren(...changedNotice());
}

function changedNotice() {
  if (!d.fresh) return [];
  const button = el("button", { type: "button", id: "decide-show-changes", class: "quiet" }, t("web-officer-changed-show"));
  button.addEventListener("click", () => guarded(null, () => conflict(false)));
  return [el("span", {}, t("web-officer-changed-notice")), " ", button];
}

// ---------------------------------------------------------------------------------------------
// Rendering

function render() {
  const kept = formValues();
  const n = d.n;
  const r = review();
  const heading = el("h1", { id: "decide-title" }, n.reference, " · ", d.nation, " ", badge(n.status), " ", badge(n.priority));
  const parts = [
    el("p", {}, el("a", { href: "#/queue" }, t("web-officer-back-to-queue"))),
    heading,
    el("p", { id: "decide-status", role: "status", class: "hint" }, d.notice || ""),
    el("p", { id: "decide-changed", role: "status", class: "changed" }, ...changedNotice()),
  ];
  if (!r) {
    parts.push(el("p", { class: "error" }, t("web-officer-not-on-route", { nation: d.nation })));
    d.root.replaceChildren(...parts);
    return;
  }
  if (d.conflict) parts.push(conflictPanel(d.conflict));
  parts.push(
    el("div", { class: "grid lead" },
      el("div", {}, movementPanel(n), routePanel(n), findingsPanel(r), otherFindings(n)),
      el("div", {}, decisionPanel(r), waiverPanel(r), escalationsPanel(n))),
    stagesPanel(r),
    changesPanel(),
    timelinePanel());
  d.root.replaceChildren(...parts);
  restoreForm(kept);
  tickCountdowns(d.root);
}

function panel(id, title, ...children) {
  return el("section", { class: "panel", id, "aria-labelledby": null },
    el("h2", { id: id + "-title" }, title), ...children);
}

function fact(label, value) {
  return el("div", {}, el("dt", {}, label), el("dd", {}, value));
}

function movementPanel(n) {
  const m = n.movement || {};
  const kg = (v) => (typeof v === "number" ? fmtNumber(v) + " kg" : "—");
  const vehicles = (m.vehicles || []).map((v, i) => el("tr", {},
    el("td", { class: "num" }, String(i + 1)),
    el("td", {}, v.label || "—"),
    el("td", { class: "num" }, fmtNumber(v.count)),
    el("td", {}, words(v.category)),
    el("td", { class: "num" }, kg(v.gross_mass_kg)),
    el("td", { class: "num" }, fmtNumber((v.axles || []).length)),
    el("td", { class: "num" }, v.mlc !== undefined ? fmtNumber(v.mlc) : "—")));
  const cargo = (m.cargo || []).map((c) => el("tr", {},
    el("td", { class: "num" }, c.un_number),
    el("td", {}, c.description || "—"),
    el("td", { class: "num" }, kg(c.quantity_kg)),
    el("td", { class: "num" }, c.net_explosive_mass_kg ? kg(c.net_explosive_mass_kg) : "—"),
    el("td", { class: "num" }, c.vehicle !== undefined ? String(c.vehicle + 1) : "—")));
  const th = (ids) => el("thead", {}, el("tr", {}, ids.map((k) => el("th", { scope: "col" }, t(k)))));
  return panel("decide-movement", t("web-officer-movement"),
    el("dl", { class: "facts" },
      fact(t("web-detail-requester"), n.requester_nation + " · " + n.requester_unit),
      fact(t("web-officer-priority"), words(n.priority)),
      fact(t("web-detail-departure"), fmtDateTime(n.departure_at)),
      fact(t("web-detail-arrival"), fmtDateTime(n.arrival_at)),
      fact(t("web-detail-mode-kind"), words(m.mode) + " · " + words(n.kind)),
      fact(t("web-officer-personnel"), m.personnel !== undefined ? fmtNumber(m.personnel) : "—"),
      fact(t("web-detail-version"), String(n.version))),
    el("h3", {}, t("web-officer-vehicles")),
    vehicles.length ? el("table", { class: "list" }, th(["web-officer-col-number", "web-officer-col-label", "web-officer-col-count", "web-officer-col-category", "web-officer-col-gross", "web-officer-col-axles", "web-officer-col-mlc"]), el("tbody", {}, vehicles)) : el("p", { class: "empty" }, t("web-none")),
    el("h3", {}, t("web-officer-cargo")),
    cargo.length ? el("table", { class: "list" }, th(["web-officer-col-un", "web-officer-col-description", "web-officer-col-quantity", "web-officer-col-nem", "web-officer-col-vehicle"]), el("tbody", {}, cargo)) : el("p", { class: "empty" }, t("web-none")));
}

function routePanel(n) {
  const legs = (n.movement && n.movement.itinerary) || [];
  return panel("decide-route", t("web-detail-itinerary"),
    el("table", { class: "list" },
      el("thead", {}, el("tr", {}, ["web-col-nation", "web-col-entry-exit", "web-col-entry-at", "web-col-exit-at", "web-col-route-limits"].map((k) => el("th", { scope: "col" }, t(k))))),
      el("tbody", {}, legs.map((l) => el("tr", { class: l.nation === d.nation ? "mine" : "" },
        el("td", {}, el("b", {}, l.nation)),
        el("td", {}, l.entry_point + " → " + l.exit_point),
        el("td", { class: "num" }, fmtDateTime(l.entry_at)),
        el("td", { class: "num" }, fmtDateTime(l.exit_at)),
        el("td", {}, [
          (l.tunnel_categories && l.tunnel_categories.length) ? t("web-detail-tunnels", { categories: l.tunnel_categories.join(", ") }) : null,
          l.min_bridge_mlc ? t("web-detail-bridges", { mlc: l.min_bridge_mlc }) : null,
        ].filter(Boolean).join(" · ") || "—"))))));
}

function findingItem(f, nation) {
  const src = d.sources.get(nation + ":" + f.source);
  const cite = src
    ? (src.url ? el("a", { href: src.url, rel: "noreferrer", target: "_blank" }, src.title) : src.title)
    : f.source;
  return el("li", { class: f.severity, "data-rule": f.rule },
    badge(f.severity), " ", f.message,
    el("div", { class: "rule" },
      el("span", {}, t("web-officer-rule", { rule: f.rule })), " · ",
      el("span", {}, t("web-officer-subject", { subject: f.subject })),
      f.stage ? [" · ", el("span", {}, t("web-officer-finding-stage", { stage: f.stage }))] : null),
    f.condition ? el("div", { class: "rule" }, t("web-condition", { condition: f.condition })) : null,
    el("div", { class: "rule source" }, t("web-officer-source"), " ", cite));
}

function findingsPanel(r) {
  const findings = r.findings || [];
  const waiver = r.waiver
    ? el("p", { class: "waiver" }, t("web-officer-waived", { by: r.waiver.by, at: fmtDateTime(r.waiver.at), rules: (r.waiver.rules || []).join(", ") }), " ", el("q", {}, r.waiver.reason))
    : null;
  return panel("decide-findings", t("web-officer-findings", { nation: d.nation }),
    waiver,
    findings.length ? el("ul", { class: "findings" }, findings.map((f) => findingItem(f, d.nation))) : el("p", { class: "empty" }, t("web-no-findings")));
}

function otherFindings(n) {
  const others = (n.nations || []).filter((r) => r.nation !== d.nation && (r.findings || []).length);
  if (!others.length) return null;
  const count = others.reduce((k, r) => k + r.findings.length, 0);
  return el("details", { class: "panel" },
    el("summary", {}, t("web-officer-other-findings", { count })),
    others.flatMap((r) => [el("h3", {}, r.nation, " ", badge(r.status)), el("ul", { class: "findings" }, r.findings.map((f) => findingItem(f, r.nation)))]));
}

function stagesPanel(r) {
  return panel("decide-stages", t("web-officer-stages"),
    el("table", { class: "list" },
      el("thead", {}, el("tr", {}, ["web-col-stage", "web-col-status", "web-col-due", "web-col-decided-by", "web-col-conditions-reason"].map((k) => el("th", { scope: "col" }, t(k))))),
      el("tbody", {}, (r.stages || []).map((s) => el("tr", { "data-stage": s.key, class: s.status === "superseded" ? "superseded" : "" },
        el("td", {}, s.name || words(s.key), " ", el("small", {}, t("web-round", { round: s.round }))),
        el("td", {}, badge(s.status), s.escalation_level > 0 ? [" ", badge("level" + s.escalation_level, t("web-level-short", { level: s.escalation_level }))] : null),
        el("td", { class: "num" }, fmtDateTime(s.due_at), isOpen(s) ? [" ", el("span", { class: "countdown", "data-officer-due": s.due_at })] : null),
        el("td", {}, s.decided_by ? [s.decided_by, " ", el("small", {}, fmtDateTime(s.decided_at))] : "—"),
        el("td", {}, [...(s.conditions || []), s.reason].filter(Boolean).join(" · ") || "—"))))));
}

// ---------------------------------------------------------------------------------------------
// The decision

function fieldError(name) {
  return el("p", { id: "decide-error-" + name, class: "field-error", hidden: true });
}

function described(node, id) {
  node.setAttribute("aria-describedby", id);
  return node;
}

function decisionPanel(r) {
  const open = (r.stages || []).filter((s) => isOpen(s) && mayDecide(d.who, d.nation, s.key));
  if (["approved", "rejected", "withdrawn", "expired"].includes(d.n.status) || open.length === 0) {
    return panel("decide-form-panel", t("web-officer-decision"), el("p", { class: "empty", id: "decide-nothing" }, t("web-officer-nothing-to-decide")));
  }
  const stage = described(el("select", { id: "decide-stage", name: "stage" },
    open.map((s) => el("option", { value: s.key }, (s.name || words(s.key)) + " · " + t("web-due", { at: fmtDateTime(s.due_at) })))), "decide-error-stage");
  const outcomes = el("fieldset", { id: "decide-outcome" },
    el("legend", {}, t("web-officer-outcome")),
    OUTCOMES.map((o, i) => el("label", { class: "choice" },
      el("input", { type: "radio", name: "outcome", value: o, checked: i === 0, id: "decide-outcome-" + o }), " ", words(o))),
    fieldError("outcome"));
  const conditions = described(el("textarea", { id: "decide-conditions", name: "conditions", rows: 3 }), "decide-conditions-hint decide-error-conditions");
  const reason = described(el("textarea", { id: "decide-reason", name: "reason", rows: 3 }), "decide-reason-hint decide-error-reason");
  const suggested = (r.findings || []).map((f) => f.condition).filter(Boolean);
  const form = el("form", { id: "decide-form", noValidate: true },
    el("label", { htmlFor: "decide-stage" }, t("web-col-stage")), stage, fieldError("stage"),
    outcomes,
    el("label", { htmlFor: "decide-conditions" }, t("web-officer-conditions")),
    el("p", { class: "hint", id: "decide-conditions-hint" }, t("web-officer-conditions-hint"),
      suggested.length ? [" ", t("web-officer-conditions-suggested", { conditions: suggested.join(" · ") })] : null),
    conditions, fieldError("conditions"),
    el("label", { htmlFor: "decide-reason" }, t("web-officer-reason")),
    el("p", { class: "hint", id: "decide-reason-hint" }, t("web-officer-reason-hint")),
    reason, fieldError("reason"),
    el("p", { id: "decide-error", class: "error", role: "alert", hidden: true }),
    el("button", { type: "submit", id: "decide-send" }, t("web-officer-send")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    sendDecision(form);
  });
  return panel("decide-form-panel", t("web-officer-decision"), form);
}

function formValues() {
  const f = document.getElementById("decide-form");
  if (!f) return null;
  const checked = f.querySelector("input[name=outcome]:checked");
  return {
    stage: f.elements.stage && f.elements.stage.value,
    outcome: checked ? checked.value : null,
    conditions: f.elements.conditions.value,
    reason: f.elements.reason.value,
    waiver: (document.getElementById("waiver-reason") || {}).value,
  };
}

function restoreForm(v) {
  if (!v) return;
  const f = document.getElementById("decide-form");
  if (f) {
    if (v.stage && [...f.elements.stage.options].some((o) => o.value === v.stage)) f.elements.stage.value = v.stage;
    const radio = v.outcome && f.querySelector(`input[name=outcome][value="${v.outcome}"]`);
    if (radio) radio.checked = true;
    f.elements.conditions.value = v.conditions || "";
    f.elements.reason.value = v.reason || "";
  }
  const w = document.getElementById("waiver-reason");
  if (w && v.waiver) w.value = v.waiver;
}

function clearErrors(scope) {
  for (const e of scope.querySelectorAll(".field-error, .error[role=alert]")) {
    e.hidden = true;
    e.textContent = "";
  }
  for (const e of scope.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
}

/** Shows a problem: each named field's message beside it, the rest (and the title) in `general`. */
function showProblem(scope, p, general, prefix) {
  const unplaced = [];
  let first = null;
  for (const e of p.errors) {
    const name = String(e.field || "").split(/[.[]/)[0];
    const slot = scope.querySelector("#" + prefix + "error-" + CSS.escape(name));
    if (slot) {
      slot.textContent = e.message;
      slot.hidden = false;
      const input = scope.querySelector("#" + prefix + CSS.escape(name));
      if (input) input.setAttribute("aria-invalid", "true");
      first = first || input || slot;
    } else unplaced.push((e.field ? e.field + ": " : "") + e.message);
  }
  if (!p.errors.length || unplaced.length) {
    general.textContent = p.title + " — " + [p.detail, ...unplaced].join(" ");
    general.hidden = false;
  }
  if (first && first.focus) first.focus();
  else general.focus && general.focus();
}

async function sendDecision(form) {
  clearErrors(form);
  const v = formValues();
  const body = { outcome: v.outcome };
  const lines = v.conditions.split("\n").map((x) => x.trim()).filter(Boolean);
  if (v.outcome === "approve_with_conditions") body.conditions = lines;
  if (v.reason.trim()) body.reason = v.reason.trim();
  const path = base() + "/nations/" + d.nation + "/stages/" + encodeURIComponent(v.stage) + "/decision";
  const button = form.querySelector("#decide-send");
  button.disabled = true;
  try {
    await guarded(form.querySelector("#decide-error"), async () => {
      const res = await api(path, { method: "POST", headers: { "Content-Type": "application/json", "If-Match": d.tag }, body: JSON.stringify(body) });
      if (res.ok) {
        const stageName = ((review().stages || []).find((s) => s.key === v.stage) || {}).name || words(v.stage);
        await afterChange(res, t("web-officer-decided", { stage: stageName, outcome: words(v.outcome) }), true);
        return;
      }
      if (res.status === 412) return conflict(true);
      showProblem(form, await problemOf(res), form.querySelector("#decide-error"), "decide-");
    });
  } finally {
    if (document.body.contains(button)) button.disabled = false;
  }
}

/** After a change went through: the notification as stored, the trail, the notice read out. */
async function afterChange(res, notice, resetForm) {
  d.n = await res.json();
  d.tag = res.headers.get("ETag");
  const [versions, events] = await Promise.all([api(base() + "/versions").then(json), api(base() + "/events").then(json)]);
  d.versions = versions.items || [];
  d.events = events.items || [];
  d.conflict = null;
  d.fresh = null;
  d.notice = notice;
  if (resetForm) {
    const f = document.getElementById("decide-form");
    if (f) f.reset();
    const w = document.getElementById("waiver-reason");
    if (w) w.value = "";
  }
  render();
  const s = document.getElementById("decide-status");
  if (s) {
    s.setAttribute("tabindex", "-1");
    s.focus();
  }
}

/**
 * Someone changed the notification since it was read (`failed`: a change of ours met 412). Read
 * it again and show what changed; what the officer typed stays.
 */
async function conflict(failed) {
  const before = d.n;
  await reload();
  d.fresh = null;
  d.conflict = { before, after: d.n, failed };
  d.notice = null;
  render();
  const c = document.getElementById("decide-conflict");
  if (c) c.focus();
}

function conflictPanel({ before, after, failed }) {
  const changes = notificationChanges(before, after);
  return el("section", { id: "decide-conflict", class: "panel conflict", role: "alert", tabIndex: -1, "aria-labelledby": null },
    el("h2", {}, t(failed ? "web-officer-conflict-title" : "web-officer-changed-title")),
    el("p", {}, t(failed ? "web-officer-conflict-body" : "web-officer-changed-body")),
    changes.length ? el("ul", { class: "changes" }, changes.map((c) => el("li", {}, c))) : el("p", {}, t("web-officer-conflict-none")));
}

/** What differs between two readings of a notification, as sentences. */
export function notificationChanges(a, b) {
  const out = [];
  if (a.status !== b.status) out.push(t("web-officer-change-status", { from: words(a.status), to: words(b.status) }));
  if (a.version !== b.version) {
    out.push(t("web-officer-change-version", { from: a.version, to: b.version }));
    for (const c of fieldDiff(a.movement, b.movement)) out.push(c.label + ": " + c.before + " → " + c.after);
  }
  for (const rb of b.nations || []) {
    const ra = (a.nations || []).find((r) => r.nation === rb.nation) || { stages: [], status: null };
    if (ra.status !== rb.status) out.push(t("web-officer-change-review", { nation: rb.nation, from: words(ra.status || "—"), to: words(rb.status) }));
    for (const sb of rb.stages || []) {
      const sa = (ra.stages || []).find((s) => s.key === sb.key && s.round === sb.round);
      if (!sa || sa.status !== sb.status) {
        out.push(t("web-officer-change-stage", {
          nation: rb.nation, stage: sb.name || words(sb.key), from: words(sa ? sa.status : "—"), to: words(sb.status),
          by: sb.decided_by || "—",
        }) + ([...(sb.conditions || []), sb.reason].filter(Boolean).length ? " — " + [...(sb.conditions || []), sb.reason].filter(Boolean).join(" · ") : ""));
      }
    }
    if (!ra.waiver && rb.waiver) out.push(t("web-officer-change-waiver", { nation: rb.nation, by: rb.waiver.by, reason: rb.waiver.reason }));
  }
  for (const e of b.escalations || []) {
    const ea = (a.escalations || []).find((x) => x.id === e.id);
    if (!ea) out.push(t("web-officer-change-escalation", { nation: e.nation, level: e.level, reason: e.reason }));
    else if (!ea.acknowledged_at && e.acknowledged_at) out.push(t("web-officer-change-acknowledged", { nation: e.nation, level: e.level, by: e.acknowledged_by || "—" }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What changed between versions of the movement

function flatten(v, path, out) {
  if (Array.isArray(v)) {
    if (v.length === 0) out[path] = "[]";
    v.forEach((x, i) => flatten(x, path + "[" + i + "]", out));
  } else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) flatten(x, path ? path + "." + k : k, out);
  } else out[path] = v;
  return out;
}

/** A field path as an officer reads it: "itinerary[1].entry_at" -> "Leg 2 · Entry time". */
function fieldLabel(path) {
  return path.split(".").map((part) => {
    const m = part.match(/^([a-z_]+)((?:\[\d+\])*)$/);
    if (!m) return part;
    const name = has("web-officer-field-" + m[1]) ? t("web-officer-field-" + m[1]) : m[1].replace(/_/g, " ");
    const idx = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => String(Number(x[1]) + 1));
    return idx.length ? name + " " + idx.join(".") : name;
  }).join(" · ");
}

function valueText(v) {
  if (v === undefined || v === null || v === "") return "—";
  if (typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)) return fmtDateTime(v);
  if (typeof v === "number") return fmtNumber(v);
  return String(v);
}

/** The fields that differ between two movements: label, before, after. */
export function fieldDiff(a, b) {
  const fa = flatten(a || {}, "", {});
  const fb = flatten(b || {}, "", {});
  const keys = [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort();
  return keys.filter((k) => JSON.stringify(fa[k]) !== JSON.stringify(fb[k]))
    .map((k) => ({ path: k, label: fieldLabel(k), before: valueText(fa[k]), after: valueText(fb[k]) }));
}

function changesPanel() {
  const current = d.versions[d.versions.length - 1];
  if (!current) return null;
  const decisions = d.events.filter((e) => e.action === "decided" && e.nation === d.nation);
  const last = decisions[decisions.length - 1];
  let from = null;
  let title;
  if (last) {
    // The version the decision was made on: the trail's order, not its times (which may tie).
    let version = 1;
    for (const e of d.events) {
      if (e.seq > last.seq) break;
      if (e.action === "amended" && e.detail && typeof e.detail.version === "number") version = e.detail.version;
    }
    from = d.versions.find((v) => v.version === version) || null;
    const at = last.at;
    title = t("web-officer-changes-since-decision", { version: from ? from.version : "—", at: fmtDateTime(at), by: last.actor });
  } else if (d.versions.length > 1) {
    from = d.versions[d.versions.length - 2];
    title = t("web-officer-changes-since-version", { version: from.version });
  } else {
    title = t("web-officer-changes-first", { version: current.version });
  }
  const diff = from && from.version !== current.version ? fieldDiff(from.movement, current.movement) : [];
  const rounds = d.versions.map((v) => el("li", {}, t("web-officer-version-line", { version: v.version, at: fmtDateTime(v.created_at), by: v.created_by })));
  return panel("decide-changes", t("web-officer-changes"),
    el("p", {}, title),
    diff.length
      ? el("table", { class: "list diff" },
        el("thead", {}, el("tr", {}, ["web-officer-col-field", "web-officer-col-before", "web-officer-col-now"].map((k) => el("th", { scope: "col" }, t(k))))),
        el("tbody", {}, diff.map((c) => el("tr", { "data-path": c.path }, el("td", {}, c.label), el("td", { class: "before" }, c.before), el("td", { class: "after" }, c.after)))))
      : el("p", { class: "empty" }, t("web-officer-no-changes")),
    el("h3", {}, t("web-officer-versions")),
    el("ol", { class: "versions" }, rounds));
}

function timelinePanel() {
  const mine = d.events.filter((e) => !e.nation || e.nation === d.nation || e.action === "submitted" || e.action === "amended");
  return panel("decide-timeline", t("web-detail-timeline"), el("ol", { class: "timeline" }, mine.map(renderEvent)));
}

// ---------------------------------------------------------------------------------------------
// The coordinator: waivers and acknowledgements

const isCoordinator = () => d.who && d.who.role === "coordinator" && d.who.nation === d.nation;

function waiverPanel(r) {
  const blocks = (r.findings || []).filter((f) => f.severity === "block");
  if (!isCoordinator() || !blocks.length) return null;
  const covered = new Set((r.waiver && r.waiver.rules) || []);
  if (blocks.every((f) => covered.has(f.rule)) || ["approved", "rejected", "withdrawn", "expired"].includes(d.n.status)) return null;
  const reason = described(el("textarea", { id: "waiver-reason", name: "reason", rows: 2 }), "waiver-hint waiver-error-reason");
  const form = el("form", { id: "waiver-form", noValidate: true },
    el("p", { class: "hint", id: "waiver-hint" }, t("web-officer-waiver-hint", { rules: blocks.map((f) => f.rule).join(", ") })),
    el("label", { htmlFor: "waiver-reason" }, t("web-officer-waiver-reason")),
    reason,
    el("p", { id: "waiver-error-reason", class: "field-error", hidden: true }),
    el("p", { id: "waiver-error", class: "error", role: "alert", hidden: true }),
    el("button", { type: "submit", id: "waiver-send" }, t("web-officer-waiver-send")));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const general = form.querySelector("#waiver-error");
    await guarded(general, async () => {
      const res = await api(base() + "/nations/" + d.nation + "/waiver", {
        method: "POST",
        headers: { "Content-Type": "application/json", "If-Match": d.tag },
        body: JSON.stringify({ reason: reason.value }),
      });
      if (res.ok) return afterChange(res, t("web-officer-waiver-done", { nation: d.nation }), false);
      if (res.status === 412) return conflict(true);
      showProblem(form, await problemOf(res), general, "waiver-");
    });
  });
  return panel("decide-waiver", t("web-officer-waiver"), form);
}

function escalationsPanel(n) {
  const mine = (n.escalations || []).filter((e) => e.nation === d.nation);
  if (!mine.length) return null;
  const error = el("p", { id: "ack-error", class: "error", role: "alert", hidden: true });
  return panel("decide-escalations", t("web-officer-escalations"),
    el("ul", { class: "feed" }, mine.map((e) => el("li", { class: "escalation level" + e.level, "data-escalation": e.id },
      badge("level" + e.level, t("web-level", { level: e.level })),
      el("span", {}, e.stage ? words(e.stage) : ""),
      el("span", {}, e.reason),
      el("span", { class: "at" }, t("web-officer-escalation-times", { due: fmtDateTime(e.due_at), fired: fmtDateTime(e.fired_at) })),
      e.acknowledged_at
        ? el("span", { class: "at" }, t("web-officer-acknowledged-by", { by: e.acknowledged_by || "—", at: fmtDateTime(e.acknowledged_at) }))
        : isCoordinator() ? ackButton(e, error) : null))),
    error);
}

function ackButton(e, error) {
  const b = el("button", { type: "button", class: "ack", "data-escalation": e.id }, t("web-officer-acknowledge"));
  b.setAttribute("aria-label", t("web-officer-acknowledge-label", { level: e.level, stage: e.stage ? words(e.stage) : d.nation }));
  b.addEventListener("click", async () => {
    error.hidden = true;
    b.disabled = true;
    await guarded(error, async () => {
      const res = await api(base() + "/escalations/" + encodeURIComponent(e.id) + "/acknowledge", { method: "POST" });
      if (res.ok) return afterChange(res, t("web-officer-acknowledged", { level: e.level }), false);
      const p = await problemOf(res);
      error.textContent = p.title + " — " + p.detail;
      error.hidden = false;
      b.disabled = false;
    });
  });
  return b;
}
