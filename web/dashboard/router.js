// Corridor's pages: one HTML page, each view a hash route. The board (`#/` or no hash) and a
// notification (`#n/<id>`) are built in; the other views are modules loaded when first opened,
// each exporting `show(params)` and `hide()` and drawing into a `<section id="page-…">` of its own.
import { showDetail } from "./detail.js";
import { $ } from "./page.js";
import { state } from "./state.js";

const ID = "([0-9a-fA-F-]{8,64})";
/** The views beside the board: hash pattern and module. */
export const PAGES = [
  { name: "queue", pattern: new RegExp("^#/queue$"), module: "./queue.js" },
  { name: "decide", pattern: new RegExp("^#/decide/" + ID + "/([A-Z]{2})$"), module: "./decide.js" },
  { name: "plan", pattern: new RegExp("^#/plan(?:/" + ID + ")?$"), module: "./plan.js" },
];

let shown = null; // the module of the view on screen, if not the board or a notification

export function currentDetail() {
  const m = location.hash.match(/^#n\/([0-9a-fA-F-]{8,64})$/);
  return m ? m[1] : null;
}

function hideAll() {
  $("board").hidden = true;
  $("detail").hidden = true;
  for (const s of document.querySelectorAll("main > section[id^='page-']")) s.hidden = true;
  if (shown && shown.hide) shown.hide();
  shown = null;
}

function markNav(name) {
  for (const a of document.querySelectorAll("#nav a[data-page]")) {
    if (a.getAttribute("data-page") === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

/** Shows the view the address names. */
export async function route() {
  if (!state.token) return;
  hideAll();
  const id = currentDetail();
  if (id) {
    markNav(null);
    $("detail").hidden = false;
    showDetail(id);
    return;
  }
  for (const page of PAGES) {
    const m = location.hash.match(page.pattern);
    if (!m) continue;
    markNav(page.name);
    const mod = await import(page.module);
    // Another route may have been taken while the module loaded.
    if (!location.hash.match(page.pattern)) return;
    shown = mod;
    await mod.show(m.slice(1).filter((x) => x !== undefined));
    return;
  }
  markNav("board");
  $("board").hidden = false;
  window.scrollTo(0, 0);
}

/** Shows the nav links this role uses (data-roles on each link). */
export function navFor(role) {
  for (const a of document.querySelectorAll("#nav a[data-roles]")) {
    a.parentElement.hidden = !a.getAttribute("data-roles").split(" ").includes(role);
  }
  $("nav").hidden = false;
}
