// Corridor's pages: One notification: its facts, nations, stages and timeline; re-fetched conditionally.
import { SignedOut, api, json } from "./api.js";
import { tick } from "./board.js";
import { $, badge, el, utcDateTime, words } from "./page.js";
import { fmtNumber, t } from "./i18n.js";
import { state } from "./state.js";

export { currentDetail } from "./router.js";
import { currentDetail } from "./router.js";

export async function showDetail(id) {
  const body = $("detail-body");
  const shown = body.getAttribute("data-id") === id;
  if (!shown) body.replaceChildren(el("p", { class: "empty" }, t("web-loading")));
  try {
    // A re-fetch of the notification on screen asks whether it changed: 304 keeps the view
    // (its trail changes only with it).
    const headers = shown && state.detailTag ? { "If-None-Match": state.detailTag } : {};
    const res = await api("/v1/notifications/" + encodeURIComponent(id), { headers });
    if (res.status === 304) return;
    if (res.status === 404) {
      body.replaceChildren(el("p", { class: "error" }, t("web-detail-not-found")));
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
    if (!(e instanceof SignedOut)) body.replaceChildren(el("p", { class: "error" }, t("web-detail-cannot-load", { why: e.message })));
  }
}

export function fact(label, value) {
  return el("div", {}, el("dt", {}, label), el("dd", {}, value));
}

export function renderNotification(n, events) {
  const m = n.movement || {};
  const legs = m.itinerary || [];
  const vehicles = (m.vehicles || []).map((v) => t("web-detail-vehicle", { count: v.count, label: v.label, category: words(v.category), tonnes: fmtNumber(v.gross_mass_kg / 1000), mlc: v.mlc }));
  const cargo = (m.cargo || []).map((c) => t("web-detail-cargo", { un: c.un_number, description: c.description || "", kg: fmtNumber(c.quantity_kg) }) + (c.net_explosive_mass_kg ? " · " + t("web-detail-nem", { kg: fmtNumber(c.net_explosive_mass_kg) }) : ""));
  return el("article", { "data-id": n.id },
    el("h1", {}, n.reference, " ", badge(n.status), " ", badge(n.priority)),
    el("dl", { class: "facts" },
      fact(t("web-detail-requester"), n.requester_nation + " · " + n.requester_unit),
      fact(t("web-detail-departure"), utcDateTime(n.departure_at)),
      fact(t("web-detail-arrival"), utcDateTime(n.arrival_at)),
      fact(t("web-detail-due"), el("span", {}, utcDateTime(n.due_at), " ", n.status === "in_review" ? el("span", { class: "countdown", "data-due": n.due_at }) : null)),
      fact(t("web-detail-escalation"), n.escalation_level > 0 ? badge("level" + n.escalation_level, t("web-level", { level: n.escalation_level })) : t("web-none")),
      fact(t("web-detail-version"), String(n.version)),
      fact(t("web-detail-mode-kind"), words(m.mode) + " · " + words(n.kind))),
    el("section", { class: "panel" },
      el("h2", {}, t("web-detail-itinerary")),
      el("table", { class: "list" },
        el("thead", {}, el("tr", {}, ["#", t("web-col-nation"), t("web-col-entry-exit"), t("web-col-entry-at"), t("web-col-exit-at"), t("web-col-route-limits")].map((h) => el("th", {}, h)))),
        el("tbody", {}, legs.map((l, i) =>
          el("tr", {},
            el("td", { class: "num" }, String(i + 1)),
            el("td", {}, el("b", {}, l.nation)),
            el("td", {}, l.entry_point + " → " + l.exit_point),
            el("td", { class: "num" }, utcDateTime(l.entry_at)),
            el("td", { class: "num" }, utcDateTime(l.exit_at)),
            el("td", {}, [
              (l.tunnel_categories && l.tunnel_categories.length) ? t("web-detail-tunnels", { categories: l.tunnel_categories.join(", ") }) : null,
              l.min_bridge_mlc ? t("web-detail-bridges", { mlc: l.min_bridge_mlc }) : null,
            ].filter(Boolean).join(" · ") || "—"))))),
      vehicles.length ? el("p", {}, el("b", {}, t("web-detail-vehicles") + " "), vehicles.join("; ")) : null,
      cargo.length ? el("p", {}, el("b", {}, t("web-detail-cargo-title") + " "), cargo.join("; ")) : null),
    el("section", { class: "panel" },
      el("h2", {}, t("web-detail-reviews")),
      (n.nations || []).map(renderNation)),
    el("section", { class: "panel" },
      el("h2", {}, t("web-detail-timeline")),
      el("ol", { class: "timeline" }, events.map(renderEvent))));
}

export function renderNation(r) {
  return el("div", { class: "nation-card", "data-nation": r.nation },
    el("h3", {}, el("span", {}, r.nation), badge(r.status),
      r.permit_number ? el("span", {}, t("web-permit", { number: r.permit_number })) : null,
      el("small", {}, t("web-due", { at: utcDateTime(r.due_at) }))),
    el("table", { class: "list" },
      el("thead", {}, el("tr", {}, [t("web-col-stage"), t("web-col-status"), t("web-col-due"), t("web-col-decided-by"), t("web-col-conditions-reason")].map((h) => el("th", {}, h)))),
      el("tbody", {}, (r.stages || []).map((s) =>
        el("tr", {},
          el("td", {}, s.name || words(s.key), s.round > 1 ? el("small", {}, " " + t("web-round", { round: s.round })) : null),
          el("td", {}, badge(s.status), s.escalation_level > 0 ? [" ", badge("level" + s.escalation_level, t("web-level-short", { level: s.escalation_level }))] : null),
          el("td", { class: "num" }, s.opened_at || s.decided_at ? utcDateTime(s.due_at) : "(" + utcDateTime(s.due_at) + ")"),
          el("td", {}, s.decided_by || "—"),
          el("td", {}, [...(s.conditions || []), s.reason].filter(Boolean).join(" · ") || "—"))))),
    (r.findings && r.findings.length)
      ? el("ul", { class: "findings" }, r.findings.map((f) =>
          el("li", { class: f.severity },
            badge(f.severity), " ", f.message,
            el("div", { class: "rule" }, f.rule + " · " + f.subject + " · " + t("web-source", { source: f.source }) + (f.condition ? " · " + t("web-condition", { condition: f.condition }) : "")))))
      : el("p", { class: "empty" }, t("web-no-findings")));
}

export function renderEvent(e) {
  const d = e.detail || {};
  const parts = [];
  if (d.stage) parts.push(words(d.stage));
  if (d.outcome) parts.push(words(d.outcome));
  if (d.reason) parts.push("“" + d.reason + "”");
  if (d.permit_number) parts.push(t("web-permit", { number: d.permit_number }));
  return el("li", { class: e.action },
    el("span", { class: "when" }, utcDateTime(e.at)),
    el("b", {}, words(e.action)), " ",
    e.nation ? e.nation + " " : "",
    parts.length ? "· " + parts.join(" · ") + " " : "",
    el("small", {}, t("web-by-role", { actor: e.actor, role: words(e.role) })),
    e.status_before && e.status_after && e.status_before !== e.status_after
      ? el("small", {}, " · " + words(e.status_before) + " → " + words(e.status_after)) : null);
}
