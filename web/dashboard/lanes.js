// The board's lanes (issue 16): per nation the notifications in play, most urgent first, as
// GET /v1/board/lanes lists them — true counts in each header, "show more" pages into the rest,
// filters and a search — and the open escalations grouped per notification and nation.
import { SignedOut, api, json } from "./api.js";
import { tick } from "./board.js";
import { fmtDayTime, fmtNumber, localize, t } from "./i18n.js";
import { $, badge, el, refOf, words } from "./page.js";
import { state } from "./state.js";

const PAGE = 12;
const SEARCH_DELAY_MS = 300;
const PRIORITIES = ["routine", "priority", "crisis"];
const STATUSES = ["in_review", "approved", "changes_requested"];

/** What the filter form asks for, as query parameters (empty ones left out). */
function filterParams() {
  const f = state.laneFilters;
  const p = new URLSearchParams();
  for (const k of ["nation", "priority", "status", "level", "q"]) if (f[k]) p.set(k, f[k]);
  return p;
}

/** Builds the filter form once (labelled controls, usable from the keyboard). */
function ensureControls() {
  if ($("lane-filters")) return;
  const field = (id, key, control) =>
    el("label", { class: "lane-filter", htmlFor: id }, el("span", { "data-l10n-id": key }), control);
  const select = (id, name, allKey, values, label) =>
    el("select", { id, name },
      el("option", { value: "", "data-l10n-id": allKey }),
      values.map((v) => el("option", { value: String(v), "data-l10n-id": label(v)[0], "data-l10n-args": JSON.stringify(label(v)[1]) })));
  const form = el("form", { id: "lane-filters", class: "lane-filters", role: "search" },
    field("lane-nation", "web-lanes-filter-nation", select("lane-nation", "nation", "web-lanes-all-nations", [], () => ["", {}])),
    field("lane-priority", "web-lanes-filter-priority", select("lane-priority", "priority", "web-lanes-all-priorities", PRIORITIES, (v) => ["web-term-" + v, {}])),
    field("lane-status", "web-lanes-filter-status", select("lane-status", "status", "web-lanes-all-statuses", STATUSES, (v) => ["web-term-" + v, {}])),
    field("lane-level", "web-lanes-filter-level", select("lane-level", "level", "web-lanes-any-level", [1, 2, 3], (v) => ["web-lanes-level-at-least", { level: v }])),
    field("lane-q", "web-lanes-search", el("input", { id: "lane-q", name: "q", type: "search", maxLength: 64, autocomplete: "off", "data-l10n-id": "web-lanes-search-input", "data-l10n-attrs-only": "" })),
    el("button", { type: "button", id: "lane-clear", class: "quiet", "data-l10n-id": "web-lanes-clear" }));
  const summary = el("p", { id: "lanes-summary", class: "lanes-summary", role: "status" });
  summary.setAttribute("aria-live", "polite");
  $("lanes").before(form, summary);
  localize(form);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    readForm();
  });
  for (const id of ["lane-nation", "lane-priority", "lane-status", "lane-level"]) $(id).addEventListener("change", readForm);
  let timer = null;
  $("lane-q").addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(readForm, SEARCH_DELAY_MS);
  });
  $("lane-clear").addEventListener("click", () => {
    for (const id of ["lane-nation", "lane-priority", "lane-status", "lane-level", "lane-q"]) $(id).value = "";
    readForm();
  });
}

function readForm() {
  state.laneFilters = {
    nation: $("lane-nation").value,
    priority: $("lane-priority").value,
    status: $("lane-status").value,
    level: $("lane-level").value,
    q: $("lane-q").value.trim(),
  };
  state.laneShown = {};
  state.lanesTag = null;
  refreshLanes();
}

/** The nations the nation filter offers: the caller's lanes, and the one chosen. */
function nationOptions(nations) {
  const sel = $("lane-nation");
  const chosen = sel.value;
  const all = [...new Set([...nations, ...(chosen ? [chosen] : [])])].sort();
  const have = [...sel.options].slice(1).map((o) => o.value);
  if (have.join() === all.join()) return;
  sel.replaceChildren(sel.options[0], ...all.map((n) => el("option", { value: n }, n)));
  sel.value = chosen;
}

/**
 * Reads the lanes (304 when nothing changed) and draws them; a lane opened further with
 * "show more" is read again as far as it was shown.
 */
export async function refreshLanes() {
  if (!state.token || !$("lanes")) return;
  ensureControls();
  const wanted = filterParams().toString();
  const params = filterParams();
  params.set("limit", String(PAGE));
  const asked = params.toString();
  try {
    const headers = state.lanesTag && state.lanesQuery === asked ? { "If-None-Match": state.lanesTag } : {};
    const res = await api("/v1/board/lanes?" + asked, { headers });
    if (res.status === 304) return;
    const body = await json(res);
    // A newer question was asked meanwhile: its answer draws the page.
    if (filterParams().toString() !== wanted) return;
    for (const lane of body.lanes) {
      const shown = (state.laneShown || {})[lane.nation] || 0;
      if (shown > lane.cards.length && lane.next_cursor) {
        const more = new URLSearchParams(filterParams());
        more.set("nation", lane.nation);
        more.set("limit", String(Math.min(shown, 100)));
        const again = await json(await api("/v1/board/lanes?" + more.toString()));
        Object.assign(lane, again.lanes[0]);
      }
    }
    // The nation filter offers the lanes the caller may read (those of an answer for all).
    if (!state.laneFilters.nation) nationOptions(body.lanes.map((l) => l.nation));
    state.lanesTag = res.headers.get("ETag");
    state.lanesQuery = asked;
    state.lanes = body;
    renderLanes();
  } catch (e) {
    if (!(e instanceof SignedOut)) $("lanes-summary").textContent = t("web-lanes-failed", { why: e.message });
  }
}

/** One card: reference, priority, the nation's review status, time left, escalation level. */
function card(c) {
  return el("li", { class: "convoy " + c.review_status, "data-id": c.notification_id, "data-due-at": c.due_at || "" },
    el("a", { href: "#n/" + c.notification_id }, c.reference),
    el("span", { class: "unit" }, c.requester_nation + "/" + c.requester_unit),
    el("span", { class: "tags" },
      badge(c.priority), " ", badge(c.review_status),
      c.status === "changes_requested" && c.review_status !== "changes_requested" ? [" ", badge("changes_requested", t("web-lanes-with-requester"))] : null,
      c.level > 0 ? [" ", badge("level" + c.level, t("web-level-short", { level: c.level }))] : null),
    c.due_at
      ? el("span", { class: "left" },
        el("span", { class: "visually-hidden" }, t("web-col-time-left") + ": "),
        el("span", { class: "countdown", "data-due": c.due_at }, ""),
        c.stage ? el("small", {}, " · " + words(c.stage)) : null)
      : el("small", { class: "left" }, t("web-lanes-no-open-stage")));
}

export function renderLanes() {
  const body = state.lanes;
  if (!body || !$("lanes")) return;
  ensureControls();
  localize($("lane-filters"));
  state.laneShown = state.laneShown || {};
  for (const lane of body.lanes) for (const c of lane.cards) state.refs.set(c.notification_id, c.reference);
  const lanes = body.lanes.map((lane) => {
    state.laneShown[lane.nation] = Math.max(state.laneShown[lane.nation] || 0, lane.cards.length);
    const titleId = "lane-title-" + lane.nation;
    const list = el("ul", { class: "convoys" }, lane.cards.map(card));
    const rest = lane.total - lane.cards.length;
    const more = lane.next_cursor
      ? el("button", { type: "button", class: "quiet more", "data-nation": lane.nation, "data-cursor": lane.next_cursor },
        t("web-lanes-show-more", { count: rest, shown: fmtNumber(rest) }))
      : null;
    if (more) more.addEventListener("click", () => showMore(lane, list, more));
    const section = el("section", { class: "lane", "data-nation": lane.nation },
      el("h3", { id: titleId }, lane.nation,
        el("small", { class: "lane-total", "data-total": String(lane.total) }, t("web-lanes-total", { count: lane.total, shown: fmtNumber(lane.total) }))),
      el("ul", { class: "counts" },
        Object.keys(lane.counts).sort().map((s) => el("li", { "data-status": s }, el("b", { class: "num" }, fmtNumber(lane.counts[s])), " " + words(s)))),
      lane.cards.length ? list : el("p", { class: "empty" }, t("web-lanes-empty")),
      more);
    section.setAttribute("aria-labelledby", titleId);
    return section;
  });
  if (lanes.length === 0) lanes.push(el("p", { class: "empty" }, t("web-lanes-none")));
  $("lanes").replaceChildren(...lanes);
  const total = body.lanes.reduce((n, l) => n + l.total, 0);
  // A live region: announced only when what it says changes.
  const summary = t("web-lanes-summary", { shown: fmtNumber(total), lanes: fmtNumber(body.lanes.length) });
  if ($("lanes-summary").textContent !== summary) $("lanes-summary").textContent = summary;
  tick();
}

/** Appends the next page of one lane; the button moves on or goes. */
async function showMore(lane, list, button) {
  const p = filterParams();
  p.set("nation", lane.nation);
  p.set("cursor", button.getAttribute("data-cursor"));
  p.set("limit", String(PAGE));
  button.disabled = true;
  try {
    const page = await json(await api("/v1/board/lanes?" + p.toString()));
    const next = page.lanes[0];
    lane.cards = lane.cards.concat(next.cards);
    lane.next_cursor = next.next_cursor;
    state.laneShown[lane.nation] = lane.cards.length;
    const first = list.children.length;
    list.append(...next.cards.map(card));
    const rest = next.total - lane.cards.length;
    if (next.next_cursor) {
      button.setAttribute("data-cursor", next.next_cursor);
      button.textContent = t("web-lanes-show-more", { count: rest, shown: fmtNumber(rest) });
      button.disabled = false;
    } else {
      button.remove();
    }
    // Keyboard users go on from the first new card.
    const link = list.children[first] && list.children[first].querySelector("a");
    if (link) link.focus();
    tick();
  } catch (e) {
    button.disabled = false;
    if (!(e instanceof SignedOut)) $("lanes-summary").textContent = t("web-lanes-failed", { why: e.message });
  }
}

/** The open escalations, one entry per notification and nation with its stages. */
export function renderEscalationGroups(groups) {
  $("escalations-empty").hidden = groups.length > 0;
  $("escalations").replaceChildren(
    ...groups.map((g) => {
      const top = g.stages.reduce((a, s) => (s.level > a.level ? s : a), g.stages[0]);
      return el("li", { class: "escalation level" + g.level, "data-id": g.notification_id, "data-nation": g.nation },
        badge("level" + g.level, t("web-level", { level: g.level })),
        el("a", { class: "ref", href: "#n/" + g.notification_id }, refOf(g.notification_id, g.reference)),
        el("span", {}, g.nation),
        el("span", { class: "stage-count" }, t("web-lanes-stages", { count: g.stage_count, shown: fmtNumber(g.stage_count) })),
        el("ul", { class: "stages" },
          g.stages.map((s) => el("li", {}, words(s.stage) + " ", badge("level" + s.level, t("web-level-short", { level: s.level })),
            " ", el("span", { class: "at" }, t("web-due", { at: fmtDayTime(s.due_at) }))))),
        el("span", {}, top ? top.reason : ""),
        el("span", { class: "at" }, t("web-lanes-fired", { at: fmtDayTime(top && top.fired_at) })));
    }));
}
