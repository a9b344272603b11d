// Corridor's pages in the reader's language: Fluent messages (locales/<lang>.ftl, one file per
// language, served beside the page) formatted by Mozilla's @fluent/bundle, and dates, times and
// numbers by the browser's Intl in the same locale. Times always carry their zone (UTC: movement
// control works in Zulu time).
//
// The language is, in order: the one the reader picked on this page, their account's setting
// (from GET /v1/me), the browser's languages, English.
import { FluentBundle, FluentResource } from "./vendor/fluent-bundle/index.js";

/** The languages Corridor speaks, each named in itself. */
export const LANGUAGES = { en: "English", de: "Deutsch", fr: "Français", pl: "Polski" };
const LOCALES = { en: "en-GB", de: "de-DE", fr: "fr-FR", pl: "pl-PL" };
const CHOICE_KEY = "corridor.lang";

const bundles = new Map(); // lang -> FluentBundle
const listeners = [];
let current = "en";

/** The language of the page: "en", "de", "fr" or "pl". */
export const lang = () => current;
/** The BCP 47 locale the page formats dates and numbers in. */
export const locale = () => LOCALES[current];

/** The first supported language of a list of tags ("de-AT" -> "de"), or null. */
export function pick(tags) {
  for (const tag of tags || []) {
    const base = String(tag || "").toLowerCase().split(/[-_]/)[0];
    if (base in LANGUAGES) return base;
  }
  return null;
}

async function bundle(code) {
  if (bundles.has(code)) return bundles.get(code);
  const res = await fetch("locales/" + code + ".ftl", { cache: "no-cache" });
  if (!res.ok) throw new Error("locales/" + code + ".ftl: " + res.status);
  // No Unicode isolation marks: the page is left to right in every language it speaks.
  const b = new FluentBundle(LOCALES[code], { useIsolating: false });
  const errors = b.addResource(new FluentResource(await res.text()));
  if (errors.length) console.warn("locales/" + code + ".ftl:", errors);
  bundles.set(code, b);
  return b;
}

/** Loads English (the fallback) and the language to start in; call once before rendering. */
export async function startLanguage() {
  await bundle("en");
  const chosen = pick([localStorage.getItem(CHOICE_KEY)]) || pick(navigator.languages || [navigator.language]) || "en";
  await useLanguage(chosen, false);
}

/**
 * Switches the page to `code`. `remember`: the reader picked it here, so it outranks their
 * account's setting on this browser.
 */
export async function useLanguage(code, remember) {
  const next = pick([code]) || "en";
  try {
    await bundle(next);
  } catch (e) {
    console.warn(e);
    return;
  }
  if (remember) localStorage.setItem(CHOICE_KEY, next);
  const changed = next !== current;
  current = next;
  document.documentElement.lang = next;
  localize(document);
  if (changed) for (const fn of listeners) fn(next);
}

/** The account's language, applied unless the reader picked one on this browser. */
export function accountLanguage(code) {
  if (!localStorage.getItem(CHOICE_KEY) && pick([code])) useLanguage(code, false);
}

/** Calls `fn(lang)` whenever the language changes, so a page can render itself again. */
export function onLanguageChange(fn) {
  listeners.push(fn);
}

/** Whether a message exists (in the page's language or in English). */
export function has(id) {
  return [bundles.get(current), bundles.get("en")].some((b) => b && b.hasMessage(id));
}

/** The message `id` with `args`, in the page's language, else English, else the id itself. */
export function t(id, args) {
  for (const b of [bundles.get(current), bundles.get("en")]) {
    const m = b && b.getMessage(id);
    if (m && m.value) return b.formatPattern(m.value, args || null);
  }
  return id;
}

/** A message's attributes (`.placeholder`, `.aria-label`, …), formatted. */
function attributes(id, args) {
  for (const b of [bundles.get(current), bundles.get("en")]) {
    const m = b && b.getMessage(id);
    if (m) return Object.fromEntries(Object.entries(m.attributes).map(([k, v]) => [k, b.formatPattern(v, args || null)]));
  }
  return {};
}

const ATTRIBUTES = new Set(["placeholder", "aria-label", "title", "alt", "value", "aria-description"]);

/** Sets the text (and attributes) of every element under `root` that has a data-l10n-id. */
export function localize(root) {
  const nodes = root.querySelectorAll ? [...root.querySelectorAll("[data-l10n-id]")] : [];
  if (root.getAttribute && root.hasAttribute("data-l10n-id")) nodes.push(root);
  for (const node of nodes) {
    const id = node.getAttribute("data-l10n-id");
    let args = null;
    try {
      args = JSON.parse(node.getAttribute("data-l10n-args") || "null");
    } catch (_) { /* a page bug; the message still shows */ }
    if (has(id) && !node.hasAttribute("data-l10n-attrs-only")) node.textContent = t(id, args);
    for (const [k, v] of Object.entries(attributes(id, args))) if (ATTRIBUTES.has(k)) node.setAttribute(k, v);
  }
}

const formats = new Map();
function format(kind, options) {
  const key = current + kind;
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(locale(), Object.assign({ timeZone: "UTC" }, options)));
  return formats.get(key);
}
const valid = (iso) => {
  const d = new Date(iso);
  return iso && !isNaN(d) ? d : null;
};

/** Date and time in the reader's locale, with the zone: "1 Dec 2026, 18:33 UTC". */
export function fmtDateTime(iso) {
  const d = valid(iso);
  return d ? format("dt", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }).format(d) : "—";
}
/** Day and month (no year) with the time and zone: "1 Dec, 18:33 UTC". */
export function fmtDayTime(iso) {
  const d = valid(iso);
  return d ? format("dm", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }).format(d) : "—";
}
/** The time of day with the zone: "18:33 UTC". */
export function fmtTime(iso) {
  const d = valid(iso);
  return d ? format("t", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" }).format(d) : "—";
}
/** The date alone: "1 Dec 2026". */
export function fmtDate(iso) {
  const d = valid(iso);
  return d ? format("d", { day: "numeric", month: "short", year: "numeric" }).format(d) : "—";
}
/** A number in the reader's locale (Intl.NumberFormat options). */
export function fmtNumber(n, options) {
  return typeof n === "number" && isFinite(n) ? new Intl.NumberFormat(locale(), options).format(n) : "—";
}
/** A length of time, "3 h 20 min" in the reader's locale; negative values get a minus sign. */
export function fmtDuration(ms) {
  if (typeof ms !== "number" || !isFinite(ms)) return "—";
  const minutes = Math.floor(Math.abs(ms) / 60000);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const unit = (value, u) => new Intl.NumberFormat(locale(), { style: "unit", unit: u, unitDisplay: "short" }).format(value);
  const parts = d > 0 ? [unit(d, "day"), unit(h, "hour")] : h > 0 ? [unit(h, "hour"), unit(m, "minute")] : [unit(m, "minute")];
  return (ms < 0 ? "−" : "") + parts.join(" ");
}
