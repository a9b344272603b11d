// The officer's pages (queue and decision view): what both share — the signed-in account, the
// page section, time left as it ticks, and problem details from the API.
import { SignedOut, api, json } from "./api.js";
import { fmtDuration, locale, t } from "./i18n.js";
import { el } from "./page.js";
import { state } from "./state.js";

let me = null;

/** The signed-in account (GET /v1/me), read once per token. */
export async function account() {
  if (!me || me.token !== state.token) {
    const body = await json(await api("/v1/me"));
    me = Object.assign(body, { token: state.token });
  }
  return me;
}

/** Whether `who` may decide stage `key` of `nation` (the rule of src/auth/access.rs, for the page). */
export function mayDecide(who, nation, key) {
  if (!who || who.nation !== nation) return false;
  if (who.role === "coordinator") return true;
  return who.role === "officer" && (who.stages || []).includes(key);
}

/** The page's own section (`<section id="page-NAME">`), made on first use. */
export function section(name) {
  let s = document.getElementById("page-" + name);
  if (!s) {
    s = el("section", { id: "page-" + name, class: "officer-page" });
    document.querySelector("main").append(s);
  }
  s.hidden = false;
  return s;
}

/** Time left as it ticks: hours, minutes and seconds within a day, days and hours beyond. */
export function timeLeftText(ms) {
  const abs = Math.abs(ms);
  let text;
  if (abs >= 86400e3) {
    text = fmtDuration(abs);
  } else {
    const s = Math.floor(abs / 1000);
    const unit = (value, u) => new Intl.NumberFormat(locale(), { style: "unit", unit: u, unitDisplay: "short" }).format(value);
    const parts = [];
    if (s >= 3600) parts.push(unit(Math.floor(s / 3600), "hour"));
    if (s >= 60) parts.push(unit(Math.floor((s % 3600) / 60), "minute"));
    parts.push(unit(s % 60, "second"));
    text = parts.join(" ");
  }
  return ms < 0 ? t("web-officer-overdue", { time: text }) : text;
}

/** Sets every countdown under `root` (elements with data-officer-due) from the server's clock. */
export function tickCountdowns(root) {
  const now = Date.now() + state.skewMs;
  for (const c of root.querySelectorAll("[data-officer-due]")) {
    const ms = new Date(c.getAttribute("data-officer-due")).getTime() - now;
    c.textContent = timeLeftText(ms);
    c.className = "countdown " + (ms < 0 ? "late" : ms < 3600e3 ? "soon" : ms < 6 * 3600e3 ? "near" : "");
    const row = c.closest("tr");
    if (row) row.classList.toggle("late", ms < 0);
  }
}

/** A problem+json body, or a plain one for answers that are not (a proxy's page). */
export async function problemOf(res) {
  const body = await res.json().catch(() => ({}));
  return {
    status: res.status,
    title: body.title || String(res.status),
    detail: body.detail || res.statusText || String(res.status),
    errors: Array.isArray(body.errors) ? body.errors : [],
  };
}

/** Runs `fn`; a signed-out session ends quietly, anything else shows on `where`. */
export async function guarded(where, fn) {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SignedOut) return undefined;
    if (where) {
      where.replaceChildren(el("span", { class: "error", role: "alert" }, t("web-officer-cannot-load", { why: e.message })));
      where.hidden = false;
    }
    return undefined;
  }
}
