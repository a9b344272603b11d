// The liaison board: Building the page: elements, badges, times; every server value goes in as text.
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

export const words = (s) => String(s || "").replace(/_/g, " ");
export const badge = (value, label) => el("span", { class: "badge " + value }, label || words(value));

export function utcTime(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return "—";
  return d.toISOString().slice(11, 16) + "Z";
}
export function utcDateTime(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return "—";
  return d.toISOString().slice(0, 16).replace("T", " ") + "Z";
}
/** `18:33Z` today (server time), `24 Nov 18:33Z` on another day. */
export function utcShort(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return "—";
  const today = new Date(Date.now() + state.skewMs).toISOString().slice(0, 10);
  const time = d.toISOString().slice(11, 16) + "Z";
  if (d.toISOString().slice(0, 10) === today) return time;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return d.getUTCDate() + " " + months[d.getUTCMonth()] + " " + time;
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
