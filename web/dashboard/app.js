// Corridor liaison board: vanilla JavaScript, no build step, nothing fetched from elsewhere.
//
// Keeps itself current two ways: it polls GET /v1/board every few seconds with If-None-Match
// (a 304 costs the server one row read), and it long-polls GET /v1/changes so that a change
// shows at once and lands in the activity list. Every value from the server is put on the
// page as text, never as HTML.
"use strict";

(function () {
  const TOKEN_KEY = "corridor.token";
  const BOARD_POLL_MS = 4000;
  const FEED_WAIT_S = 25;
  const LANE_CONVOYS = 12;
  const ACTIVITY_KEEP = 30;

  const $ = (id) => document.getElementById(id);
  const state = {
    token: sessionStorage.getItem(TOKEN_KEY),
    boardTag: null,
    board: null,
    inReview: [],
    refs: new Map(), // notification id -> reference
    skewMs: 0, // server time minus this browser's time
    cursor: null,
    feedRun: 0,
    pollTimer: null,
    refreshing: false,
    refreshAgain: false,
  };

  /** Builds an element; children are nodes or strings (set as text). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("data-")) e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  const words = (s) => String(s || "").replace(/_/g, " ");
  const badge = (value, label) => el("span", { class: "badge " + value }, label || words(value));

  function utcTime(iso) {
    const d = new Date(iso);
    if (isNaN(d)) return "—";
    return d.toISOString().slice(11, 16) + "Z";
  }
  function utcDateTime(iso) {
    const d = new Date(iso);
    if (isNaN(d)) return "—";
    return d.toISOString().slice(0, 16).replace("T", " ") + "Z";
  }
  /** `18:33Z` today (server time), `24 Nov 18:33Z` on another day. */
  function utcShort(iso) {
    const d = new Date(iso);
    if (isNaN(d)) return "—";
    const today = new Date(Date.now() + state.skewMs).toISOString().slice(0, 10);
    const time = d.toISOString().slice(11, 16) + "Z";
    if (d.toISOString().slice(0, 10) === today) return time;
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    return d.getUTCDate() + " " + months[d.getUTCMonth()] + " " + time;
  }
  function refOf(id, fallback) {
    return fallback || state.refs.get(id) || (id ? id.slice(0, 8) + "…" : "—");
  }

  /** The problem: not signed in, or signed out by a 401. */
  class SignedOut extends Error {}

  async function api(path, options) {
    const opts = Object.assign({ headers: {}, cache: "no-store" }, options || {});
    if (state.token) opts.headers["Authorization"] = "Bearer " + state.token;
    const res = await fetch(path, opts);
    if (res.status === 401) {
      signOut("Your session has ended. Sign in again.");
      throw new SignedOut("401");
    }
    return res;
  }

  async function json(res) {
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.detail || res.status + " " + res.statusText);
    return body;
  }

  function setLive(ok, text) {
    const live = $("live");
    live.className = "live " + (ok ? "ok" : "down");
    live.textContent = text;
  }

  // ---- sign in and out ----

  function showSignIn(message) {
    $("board").hidden = true;
    $("detail").hidden = true;
    $("who").hidden = true;
    $("signout").hidden = true;
    $("signin").hidden = false;
    const err = $("signin-error");
    err.hidden = !message;
    err.textContent = message || "";
    setLive(false, "signed out");
    $("username").focus();
  }

  function signOut(message) {
    state.token = null;
    state.boardTag = null;
    state.feedRun += 1; // ends the running long poll loop
    clearTimeout(state.pollTimer);
    sessionStorage.removeItem(TOKEN_KEY);
    showSignIn(message);
  }

  async function signIn(ev) {
    ev.preventDefault();
    const button = $("signin-button");
    button.disabled = true;
    try {
      const res = await fetch("/v1/auth/token", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: $("username").value.trim(), password: $("password").value }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        const why = res.status === 401 ? "Wrong user name or password." : body.detail || "Sign-in failed (" + res.status + ").";
        showSignIn(why);
        return;
      }
      state.token = body.access_token;
      sessionStorage.setItem(TOKEN_KEY, state.token);
      $("password").value = "";
      await start();
    } catch (e) {
      showSignIn("Cannot reach Corridor: " + e.message);
    } finally {
      button.disabled = false;
    }
  }

  async function start() {
    $("signin").hidden = true;
    try {
      const me = await json(await api("/v1/me"));
      const who = $("who");
      who.textContent = me.username + " · " + words(me.role) + (me.nation ? " · " + me.nation : "");
      who.hidden = false;
      $("signout").hidden = false;
    } catch (e) {
      if (e instanceof SignedOut) return;
      setLive(false, "cannot reach Corridor");
    }
    route();
    await refreshBoard();
    schedulePoll();
    followChanges();
  }

  // ---- the board ----

  function schedulePoll() {
    clearTimeout(state.pollTimer);
    state.pollTimer = setTimeout(async () => {
      await refreshBoard();
      if (state.token) schedulePoll();
    }, BOARD_POLL_MS);
  }

  /** Reads the board (304 when unchanged); one refresh at a time, a second one queued. */
  async function refreshBoard() {
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
          setLive(true, "live · checked " + new Date().toISOString().slice(11, 19) + "Z");
          continue;
        }
        const board = await json(res);
        // The server's clock, taken halfway through the request: countdowns follow it, not
        // a wall screen's drifting clock.
        const skewMs = new Date(board.generated_at).getTime() - (sent + Date.now()) / 2;
        const list = await json(await api("/v1/notifications?limit=200"));
        state.board = board;
        state.boardTag = res.headers.get("ETag");
        // Still open: in review, or back with the requester for changes.
        state.inReview = (list.items || []).filter((n) => n.status === "in_review" || n.status === "changes_requested");
        state.skewMs = skewMs;
        for (const n of state.inReview) state.refs.set(n.id, n.reference);
        if (state.cursor === null) state.cursor = board.cursor;
        renderBoard();
        setLive(true, "live · updated " + new Date().toISOString().slice(11, 19) + "Z");
      } while (state.refreshAgain);
    } catch (e) {
      if (!(e instanceof SignedOut)) setLive(false, "connection lost · retrying");
    } finally {
      state.refreshing = false;
    }
  }

  function renderBoard() {
    const b = state.board;
    for (const list of [b.at_risk, b.escalations, b.recent_decisions]) {
      for (const x of list) if (x.reference) state.refs.set(x.notification_id, x.reference);
    }
    renderTotals(b.counts.by_status);
    renderLanes(b.counts.by_nation);
    renderStanding(b.standing || {});
    renderAtRisk(b.at_risk);
    renderEscalations(b.escalations);
    renderDecisions(b.recent_decisions);
    tick();
  }

  function renderTotals(byStatus) {
    const order = ["in_review", "changes_requested", "approved", "rejected", "withdrawn", "expired"];
    // Open notifications count however old; settled ones only within the board's last day.
    const settled = new Set(["approved", "rejected", "withdrawn", "expired"]);
    $("totals").replaceChildren(
      ...order.map((s) =>
        el("div", { class: "total " + s, "data-status": s },
          el("div", { class: "n num" }, String(byStatus[s] || 0)),
          el("div", { class: "label" }, words(s) + (settled.has(s) ? " (24 h)" : "")))));
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
            nation + ": " + s.cleared + " of " + s.single_movements + " single movements"));
      }) : [el("div", { class: "label" }, "no single movements in the last 24 hours")]));
  }

  function renderLanes(byNation) {
    const nations = Object.keys(byNation).sort();
    const lanes = nations.map((nation) => {
      const counts = byNation[nation];
      const open = counts.in_review || 0;
      const convoys = state.inReview
        .map((n) => ({ n, review: (n.nations || []).find((r) => r.nation === nation) }))
        .filter((x) => x.review)
        .sort((a, b) => new Date(a.review.due_at) - new Date(b.review.due_at));
      const shown = convoys.slice(0, LANE_CONVOYS).map(({ n, review }) =>
        el("li", { class: "convoy " + review.status, "data-id": n.id },
          el("a", { href: "#n/" + n.id }, n.reference),
          el("span", { class: "tags" }, badge(n.priority), " ", badge(review.status),
            n.status === "changes_requested" ? [" ", badge("changes_requested", "with requester")] : null)));
      if (convoys.length > LANE_CONVOYS) shown.push(el("li", { class: "empty" }, "+ " + (convoys.length - LANE_CONVOYS) + " more"));
      return el("section", { class: "lane", "data-nation": nation },
        el("h3", {}, nation, el("small", {}, open + " open")),
        el("ul", { class: "counts" },
          Object.keys(counts).sort().map((s) => el("li", {}, el("b", { class: "num" }, String(counts[s])), " " + words(s)))),
        el("ul", { class: "convoys" }, shown));
    });
    if (lanes.length === 0) lanes.push(el("p", { class: "empty" }, "No notifications in your scope yet."));
    $("lanes").replaceChildren(...lanes);
  }

  function renderAtRisk(items) {
    $("at-risk-empty").hidden = items.length > 0;
    $("at-risk").hidden = items.length === 0;
    $("at-risk").tBodies[0].replaceChildren(
      ...items.map((r) =>
        el("tr", { "data-id": r.notification_id },
          el("td", {}, el("span", { class: "countdown", "data-due": r.due_at }, "")),
          el("td", {}, el("a", { href: "#n/" + r.notification_id }, refOf(r.notification_id, r.reference)), " ", r.priority ? badge(r.priority) : null),
          el("td", {}, r.nation + " · " + words(r.stage)),
          el("td", { class: "num due" }, utcShort(r.due_at)),
          el("td", {}, r.escalation_level > 0 ? badge("level" + r.escalation_level, "L" + r.escalation_level) : "—"))));
  }

  function renderEscalations(items) {
    $("escalations-empty").hidden = items.length > 0;
    $("escalations").replaceChildren(
      ...items.map((e) =>
        el("li", { class: "escalation level" + e.level },
          badge("level" + e.level, "Level " + e.level),
          el("a", { class: "ref", href: "#n/" + e.notification_id }, refOf(e.notification_id, e.reference)),
          el("span", {}, e.nation + (e.stage ? " · " + words(e.stage) : "")),
          el("span", {}, e.reason),
          el("span", { class: "at" }, "due " + utcShort(e.due_at) + " · fired " + utcShort(e.fired_at)))));
  }

  function renderDecisions(items) {
    $("decisions-empty").hidden = items.length > 0;
    $("decisions").replaceChildren(
      ...items.map((d) =>
        el("li", {},
          el("span", { class: "at" }, utcTime(d.at)),
          el("a", { class: "ref", href: "#n/" + d.notification_id }, refOf(d.notification_id, d.reference)),
          el("span", {}, (d.nation || "") + " · " + words(d.stage)),
          badge(d.outcome || "decided"),
          el("span", { class: "at" }, "by " + d.by))));
  }

  /** Time left as text: `4h 05m 09s`, or `overdue 12m 03s`. */
  function timeLeft(ms) {
    const late = ms < 0;
    let s = Math.floor(Math.abs(ms) / 1000);
    const d = Math.floor(s / 86400); s -= d * 86400;
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    const pad = (x) => String(x).padStart(2, "0");
    const text = (d ? d + "d " : "") + (d || h ? h + "h " : "") + pad(m) + "m " + pad(s) + "s";
    return late ? "overdue " + text : text;
  }

  /** Every second: the countdowns move from due_at and the server's clock, no request made. */
  function tick() {
    const now = Date.now() + state.skewMs;
    for (const c of document.querySelectorAll("[data-due]")) {
      const ms = new Date(c.getAttribute("data-due")).getTime() - now;
      c.textContent = timeLeft(ms);
      c.className = "countdown " + (ms < 0 ? "late" : ms < 3600e3 ? "soon" : ms < 6 * 3600e3 ? "near" : "");
      const row = c.closest("tr");
      if (row) row.classList.toggle("late", ms < 0);
    }
  }

  // ---- the change feed ----

  /** Long-polls the change feed; each batch lands in the activity list and refreshes the board. */
  async function followChanges() {
    const run = ++state.feedRun;
    let pause = 1000;
    while (state.token && run === state.feedRun) {
      if (state.cursor === null) {
        await sleep(500);
        continue;
      }
      try {
        const res = await api("/v1/changes?after=" + state.cursor + "&wait=" + FEED_WAIT_S);
        const page = await json(res);
        if (run !== state.feedRun) return;
        pause = 1000;
        state.cursor = page.next_cursor;
        if (page.items.length > 0) {
          addActivity(page.items);
          refreshBoard();
          if (currentDetail()) showDetail(currentDetail());
        }
      } catch (e) {
        if (e instanceof SignedOut) return;
        setLive(false, "connection lost · retrying");
        await sleep(pause);
        pause = Math.min(pause * 2, 15000);
      }
    }
  }

  function addActivity(events) {
    const list = $("activity");
    for (const ev of events) {
      if (ev.detail && ev.detail.reference) state.refs.set(ev.notification_id, ev.detail.reference);
      const d = ev.detail || {};
      const what = ev.action === "decided" && d.outcome ? words(d.stage) + " → " + words(d.outcome) : words(ev.action);
      list.prepend(
        el("li", { class: "fresh" },
          el("span", { class: "at" }, utcTime(ev.at)),
          el("a", { class: "ref", href: "#n/" + ev.notification_id }, refOf(ev.notification_id, d.reference)),
          el("span", {}, (ev.nation ? ev.nation + " · " : "") + what),
          ev.status_after ? badge(ev.status_after) : null,
          el("span", { class: "at" }, "by " + ev.actor)));
    }
    while (list.children.length > ACTIVITY_KEEP) list.lastElementChild.remove();
    $("activity-empty").hidden = list.children.length > 0;
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  // ---- one notification ----

  function currentDetail() {
    const m = location.hash.match(/^#n\/([0-9a-fA-F-]{8,64})$/);
    return m ? m[1] : null;
  }

  function route() {
    if (!state.token) return;
    const id = currentDetail();
    $("board").hidden = !!id;
    $("detail").hidden = !id;
    if (id) showDetail(id);
    else window.scrollTo(0, 0);
  }

  async function showDetail(id) {
    const body = $("detail-body");
    if (body.getAttribute("data-id") !== id) body.replaceChildren(el("p", { class: "empty" }, "Loading…"));
    try {
      const res = await api("/v1/notifications/" + encodeURIComponent(id));
      if (res.status === 404) {
        body.replaceChildren(el("p", { class: "error" }, "This notification does not exist or is not in your scope."));
        return;
      }
      const n = await json(res);
      const trail = await json(await api("/v1/notifications/" + encodeURIComponent(id) + "/events"));
      if (currentDetail() !== id) return;
      state.refs.set(n.id, n.reference);
      body.setAttribute("data-id", id);
      body.replaceChildren(renderNotification(n, trail.items || []));
      tick();
    } catch (e) {
      if (!(e instanceof SignedOut)) body.replaceChildren(el("p", { class: "error" }, "Cannot load it: " + e.message));
    }
  }

  function fact(label, value) {
    return el("div", {}, el("dt", {}, label), el("dd", {}, value));
  }

  function renderNotification(n, events) {
    const m = n.movement || {};
    const legs = m.itinerary || [];
    const vehicles = (m.vehicles || []).map((v) => v.count + " × " + v.label + " (" + v.category + ", " + (v.gross_mass_kg / 1000) + " t, MLC " + v.mlc + ")");
    const cargo = (m.cargo || []).map((c) => "UN " + c.un_number + " " + (c.description || "") + " · " + c.quantity_kg + " kg" + (c.net_explosive_mass_kg ? " · NEM " + c.net_explosive_mass_kg + " kg" : ""));
    return el("article", { "data-id": n.id },
      el("h1", {}, n.reference, " ", badge(n.status), " ", badge(n.priority)),
      el("dl", { class: "facts" },
        fact("Requester", n.requester_nation + " · " + n.requester_unit),
        fact("Departure", utcDateTime(n.departure_at)),
        fact("Arrival", utcDateTime(n.arrival_at)),
        fact("Due", el("span", {}, utcDateTime(n.due_at), " ", n.status === "in_review" ? el("span", { class: "countdown", "data-due": n.due_at }) : null)),
        fact("Escalation", n.escalation_level > 0 ? badge("level" + n.escalation_level, "Level " + n.escalation_level) : "none"),
        fact("Version", String(n.version)),
        fact("Mode · kind", words(m.mode) + " · " + words(n.kind))),
      el("section", { class: "panel" },
        el("h2", {}, "Itinerary"),
        el("table", { class: "list" },
          el("thead", {}, el("tr", {}, ["#", "Nation", "Entry → exit", "Entry (UTC)", "Exit (UTC)", "Route limits"].map((h) => el("th", {}, h)))),
          el("tbody", {}, legs.map((l, i) =>
            el("tr", {},
              el("td", { class: "num" }, String(i + 1)),
              el("td", {}, el("b", {}, l.nation)),
              el("td", {}, l.entry_point + " → " + l.exit_point),
              el("td", { class: "num" }, utcDateTime(l.entry_at)),
              el("td", { class: "num" }, utcDateTime(l.exit_at)),
              el("td", {}, [
                (l.tunnel_categories && l.tunnel_categories.length) ? "tunnels " + l.tunnel_categories.join(", ") : null,
                l.min_bridge_mlc ? "bridges MLC ≥ " + l.min_bridge_mlc : null,
              ].filter(Boolean).join(" · ") || "—"))))),
        vehicles.length ? el("p", {}, el("b", {}, "Vehicles: "), vehicles.join("; ")) : null,
        cargo.length ? el("p", {}, el("b", {}, "Cargo: "), cargo.join("; ")) : null),
      el("section", { class: "panel" },
        el("h2", {}, "National reviews"),
        (n.nations || []).map(renderNation)),
      el("section", { class: "panel" },
        el("h2", {}, "Timeline"),
        el("ol", { class: "timeline" }, events.map(renderEvent))));
  }

  function renderNation(r) {
    return el("div", { class: "nation-card", "data-nation": r.nation },
      el("h3", {}, el("span", {}, r.nation), badge(r.status),
        r.permit_number ? el("span", {}, "permit " + r.permit_number) : null,
        el("small", {}, "due " + utcDateTime(r.due_at))),
      el("table", { class: "list" },
        el("thead", {}, el("tr", {}, ["Stage", "Status", "Due (UTC)", "Decided by", "Conditions · reason"].map((h) => el("th", {}, h)))),
        el("tbody", {}, (r.stages || []).map((s) =>
          el("tr", {},
            el("td", {}, s.name || words(s.key), s.round > 1 ? el("small", {}, " round " + s.round) : null),
            el("td", {}, badge(s.status), s.escalation_level > 0 ? [" ", badge("level" + s.escalation_level, "L" + s.escalation_level)] : null),
            el("td", { class: "num" }, s.opened_at || s.decided_at ? utcDateTime(s.due_at) : "(" + utcDateTime(s.due_at) + ")"),
            el("td", {}, s.decided_by || "—"),
            el("td", {}, [...(s.conditions || []), s.reason].filter(Boolean).join(" · ") || "—"))))),
      (r.findings && r.findings.length)
        ? el("ul", { class: "findings" }, r.findings.map((f) =>
            el("li", { class: f.severity },
              badge(f.severity), " ", f.message,
              el("div", { class: "rule" }, f.rule + " · " + f.subject + " · source " + f.source + (f.condition ? " · condition: " + f.condition : "")))))
        : el("p", { class: "empty" }, "No findings."));
  }

  function renderEvent(e) {
    const d = e.detail || {};
    const parts = [];
    if (d.stage) parts.push(words(d.stage));
    if (d.outcome) parts.push(words(d.outcome));
    if (d.reason) parts.push("“" + d.reason + "”");
    if (d.permit_number) parts.push("permit " + d.permit_number);
    return el("li", { class: e.action },
      el("span", { class: "when" }, utcDateTime(e.at)),
      el("b", {}, words(e.action)), " ",
      e.nation ? e.nation + " " : "",
      parts.length ? "· " + parts.join(" · ") + " " : "",
      el("small", {}, "by " + e.actor + " (" + words(e.role) + ")"),
      e.status_before && e.status_after && e.status_before !== e.status_after
        ? el("small", {}, " · " + words(e.status_before) + " → " + words(e.status_after)) : null);
  }

  // ---- wiring ----

  document.addEventListener("DOMContentLoaded", () => {
    $("signin-form").addEventListener("submit", signIn);
    $("signout").addEventListener("click", () => signOut(null));
    window.addEventListener("hashchange", route);
    document.addEventListener("click", (ev) => {
      const a = ev.target.closest("a.back, #home");
      if (a) {
        ev.preventDefault();
        history.pushState(null, "", location.pathname);
        route();
      }
    });
    window.addEventListener("popstate", route);
    setInterval(tick, 1000);
    if (state.token) start();
    else showSignIn(null);
  });
})();
