// The liaison board: polled with If-None-Match, rendered from what GET /v1/board says.
import { SignedOut, api, json } from "./api.js";
import { $, badge, el, refOf, setLive, utcShort, utcTime, words } from "./page.js";
import { fmtTime, localize, t } from "./i18n.js";
import { refreshLanes, renderEscalationGroups, renderLanes } from "./lanes.js";
import { BOARD_POLL_MS, state } from "./state.js";

export function schedulePoll() {
  clearTimeout(state.pollTimer);
  state.pollTimer = setTimeout(async () => {
    await refreshBoard();
    if (state.token) schedulePoll();
  }, BOARD_POLL_MS);
}

/** Reads the board (304 when unchanged); one refresh at a time, a second one queued. */
export async function refreshBoard() {
  if (!state.token) return;
  if (state.refreshing) {
    state.refreshAgain = true;
    return;
  }
  state.refreshing = true;
  try {
    do {
      state.refreshAgain = false;
      const headers = state.boardTag ? { "If-None-Match": state.boardTag } : {};
      const sent = Date.now();
      const res = await api("/v1/board", { headers });
      if (res.status === 304) {
        setLive(true, t("web-live-checked", { time: fmtTime(new Date().toISOString()) }));
        continue;
      }
      const board = await json(res);
      // The server's clock, taken halfway through the request: countdowns follow it, not
      // a wall screen's drifting clock.
      const skewMs = new Date(board.generated_at).getTime() - (sent + Date.now()) / 2;
      state.board = board;
      state.boardTag = res.headers.get("ETag");
      state.skewMs = skewMs;
      if (state.cursor === null) state.cursor = board.cursor;
      renderBoard();
      // The lanes come from the server (issue 16), read when the board moved: both tags
      // follow the same writes.
      await refreshLanes();
      setLive(true, t("web-live-updated", { time: fmtTime(new Date().toISOString()) }));
    } while (state.refreshAgain);
  } catch (e) {
    if (!(e instanceof SignedOut)) setLive(false, t("web-live-retrying"));
  } finally {
    state.refreshing = false;
  }
}

export function renderBoard() {
  const b = state.board;
  for (const list of [b.at_risk, b.escalations, b.recent_decisions]) {
    for (const x of list) if (x.reference) state.refs.set(x.notification_id, x.reference);
  }
  renderTotals(b.counts.by_status);
  renderLanes();
  renderStanding(b.standing || {});
  renderAtRisk(b.at_risk);
  if (b.escalation_groups) renderEscalationGroups(b.escalation_groups);
  else renderEscalations(b.escalations);
  renderDecisions(b.recent_decisions);
  tick();
}

// The board says which statuses are open and which settled, and its windows; these are the
// values a server without those fields used.
export function statuses(b) {
  return (b && b.statuses) || {
    order: ["in_review", "changes_requested", "approved", "rejected", "withdrawn", "expired"],
    open: ["in_review", "changes_requested"],
    settled: ["approved", "rejected", "withdrawn", "expired"],
  };
}

export function windows(b) {
  return (b && b.windows) || { settled_hours: 24, at_risk_hours: 6 };
}

export function renderTotals(byStatus) {
  const { order, settled: final } = statuses(state.board);
  // Open notifications count however old; settled ones only within the board's window.
  const settled = new Set(final);
  const label = " (" + windows(state.board).settled_hours + " h)";
  const hint = $("risk-hint");
  hint.setAttribute("data-l10n-args", JSON.stringify({ hours: windows(state.board).at_risk_hours }));
  localize(hint);
  $("totals").replaceChildren(
    ...order.map((s) =>
      el("div", { class: "total " + s, "data-status": s },
        el("div", { class: "n num" }, String(byStatus[s] || 0)),
        el("div", { class: "label" }, words(s) + (settled.has(s) ? label : "")))));
}

export function renderAtRisk(items) {
  $("at-risk-empty").hidden = items.length > 0;
  $("at-risk").hidden = items.length === 0;
  $("at-risk").tBodies[0].replaceChildren(
    ...items.map((r) =>
      el("tr", { "data-id": r.notification_id },
        el("td", {}, el("span", { class: "countdown", "data-due": r.due_at }, "")),
        el("td", {}, el("a", { href: "#n/" + r.notification_id }, refOf(r.notification_id, r.reference)), " ", r.priority ? badge(r.priority) : null),
        el("td", {}, r.nation + " · " + words(r.stage)),
        el("td", { class: "num due" }, utcShort(r.due_at)),
        el("td", {}, r.escalation_level > 0 ? badge("level" + r.escalation_level, t("web-level-short", { level: r.escalation_level })) : "—"))));
}

export function renderEscalations(items) {
  $("escalations-empty").hidden = items.length > 0;
  $("escalations").replaceChildren(
    ...items.map((e) =>
      el("li", { class: "escalation level" + e.level },
        badge("level" + e.level, t("web-level", { level: e.level })),
        el("a", { class: "ref", href: "#n/" + e.notification_id }, refOf(e.notification_id, e.reference)),
        el("span", {}, e.nation + (e.stage ? " · " + words(e.stage) : "")),
        el("span", {}, e.reason),
        el("span", { class: "at" }, t("web-due-fired", { due: utcShort(e.due_at), fired: utcShort(e.fired_at) })))));
}

export function renderDecisions(items) {
  $("decisions-empty").hidden = items.length > 0;
  $("decisions").replaceChildren(
    ...items.map((d) =>
      el("li", {},
        el("span", { class: "at" }, utcTime(d.at)),
        el("a", { class: "ref", href: "#n/" + d.notification_id }, refOf(d.notification_id, d.reference)),
        el("span", {}, (d.nation || "") + " · " + words(d.stage)),
        badge(d.outcome || "decided"),
        el("span", { class: "at" }, t("web-by", { actor: d.by })))));
}

/** Time left as text: `4h 05m 09s`, or `overdue 12m 03s`. */
export function timeLeft(ms) {
  const late = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const pad = (x) => String(x).padStart(2, "0");
  const text = (d ? d + "d " : "") + (d || h ? h + "h " : "") + pad(m) + "m " + pad(s) + "s";
  return late ? t("web-overdue", { time: text }) : text;
}

/** Every second: the countdowns move from due_at and the server's clock, no request made. */
export function tick() {
  const now = Date.now() + state.skewMs;
  for (const c of document.querySelectorAll("[data-due]")) {
    const ms = new Date(c.getAttribute("data-due")).getTime() - now;
    c.textContent = timeLeft(ms);
    c.className = "countdown " + (ms < 0 ? "late" : ms < 3600e3 ? "soon" : ms < 6 * 3600e3 ? "near" : "");
    const row = c.closest("tr");
    if (row) row.classList.toggle("late", ms < 0);
  }
}

// Per nation: single movements cleared at once under a standing authorisation (issue 15).
function renderStanding(byNation) {
  const nations = Object.keys(byNation).sort();
  $("standing").replaceChildren(
    ...(nations.length ? nations.map((nation) => {
      const s = byNation[nation];
      return el("div", { class: "total", "data-nation": nation },
        el("div", { class: "n num" }, Math.round(s.share * 100) + " %"),
        el("div", { class: "label" },
          t("web-standing-share", { nation, cleared: s.cleared, total: s.single_movements })));
    }) : [el("div", { class: "label" }, t("web-standing-none"))]));
}
