// Corridor's pages: Building the page: elements, badges, times; every server value goes in as text.
import { fmtDateTime, fmtDayTime, fmtTime, has, t } from "./i18n.js";
import { state } from "./state.js";

export const $ = (id) => document.getElementById(id);

/** Builds an element; children are nodes or strings (set as text). */
export function el(tag, attrs, ...children) {
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

/** A status, role, action or other wire value in the reader's language ("in_review" -> "in review"). */
export const words = (s) => (has("web-term-" + s) ? t("web-term-" + s) : String(s || "").replace(/_/g, " "));
export const badge = (value, label) => el("span", { class: "badge " + value }, label || words(value));

/** Date and time in the reader's locale, with zone. */
export const utcDateTime = fmtDateTime;
/** The time of day with zone. */
export const utcTime = fmtTime;
/** The time (with zone) today by the server's clock, the day and time on another day. */
export function utcShort(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return "—";
  const today = new Date(Date.now() + state.skewMs).toISOString().slice(0, 10);
  return d.toISOString().slice(0, 10) === today ? fmtTime(iso) : fmtDayTime(iso);
}
export function refOf(id, fallback) {
  return fallback || state.refs.get(id) || (id ? id.slice(0, 8) + "…" : "—");
}

/** The problem: not signed in, or signed out by a 401. */
export function setLive(ok, text) {
  const live = $("live");
  live.className = "live " + (ok ? "ok" : "down");
  live.textContent = text;
}
