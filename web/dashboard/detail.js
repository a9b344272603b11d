// The liaison board: One notification: its facts, nations, stages and timeline; re-fetched conditionally.
import { SignedOut, api, json } from "./api.js";
import { tick } from "./board.js";
import { $, badge, el, utcDateTime, words } from "./page.js";
import { state } from "./state.js";

export function currentDetail() {
  const m = location.hash.match(/^#n\/([0-9a-fA-F-]{8,64})$/);
  return m ? m[1] : null;
}

export function route() {
  if (!state.token) return;
  const id = currentDetail();
  $("board").hidden = !!id;
  $("detail").hidden = !id;
  if (id) showDetail(id);
  else window.scrollTo(0, 0);
}

export async function showDetail(id) {
  const body = $("detail-body");
  const shown = body.getAttribute("data-id") === id;
  if (!shown) body.replaceChildren(el("p", { class: "empty" }, "Loading…"));
  try {
    // A re-fetch of the notification on screen asks whether it changed: 304 keeps the view
    // (its trail changes only with it).
    const headers = shown && state.detailTag ? { "If-None-Match": state.detailTag } : {};
    const res = await api("/v1/notifications/" + encodeURIComponent(id), { headers });
    if (res.status === 304) return;
    if (res.status === 404) {
      body.replaceChildren(el("p", { class: "error" }, "This notification does not exist or is not in your scope."));
      return;
    }
    const n = await json(res);
    const trail = await json(await api("/v1/notifications/" + encodeURIComponent(id) + "/events"));
    if (currentDetail() !== id) return;
    state.refs.set(n.id, n.reference);
    state.detailTag = res.headers.get("ETag");
    body.setAttribute("data-id", id);
    body.replaceChildren(renderNotification(n, trail.items || []));
    tick();
  } catch (e) {
    if (!(e instanceof SignedOut)) body.replaceChildren(el("p", { class: "error" }, "Cannot load it: " + e.message));
  }
}

export function fact(label, value) {
  return el("div", {}, el("dt", {}, label), el("dd", {}, value));
}

export function renderNotification(n, events) {
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

export function renderNation(r) {
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

export function renderEvent(e) {
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
