// The officer's queue (`#/queue`): the stages the signed-in officer or coordinator may decide,
// soonest due first (GET /v1/queue), with time left ticking and the escalation level. Polled
// with If-None-Match (a 304 costs the server one row read); pages after the first are read on
// request and read again, in order, when the queue changes.
import { api, json } from "./api.js";
import { fmtDateTime, onLanguageChange, t } from "./i18n.js";
import { account, guarded, section, tickCountdowns } from "./officer.js";
import { badge, el, words } from "./page.js";
import { state } from "./state.js";

const POLL_MS = 4000;
const PAGE = 50;

const q = {
  shown: false,
  tag: null, // ETag of the first page
  items: [],
  next: null, // cursor after the last item shown
  pages: 1, // pages the reader asked for
  timer: null,
  ticker: null,
  body: null,
  generatedAt: null,
};

export async function show() {
  const root = section("queue");
  q.shown = true;
  if (!q.body) build(root);
  await guarded(q.list, async () => {
    const who = await account();
    q.scope.textContent = who.role === "coordinator"
      ? t("web-officer-queue-scope-all", { nation: who.nation || "—" })
      : t("web-officer-queue-scope-stages", { nation: who.nation || "—", stages: (who.stages || []).join(", ") || t("web-none") });
    q.tag = null;
    await load();
  });
  schedule();
  clearInterval(q.ticker);
  q.ticker = setInterval(() => tickCountdowns(q.list), 1000);
}

export function hide() {
  q.shown = false;
  clearTimeout(q.timer);
  clearInterval(q.ticker);
  const s = document.getElementById("page-queue");
  if (s) s.hidden = true;
}

onLanguageChange(() => {
  if (q.body) {
    const root = document.getElementById("page-queue");
    q.body = null;
    build(root);
    if (q.shown) show();
  }
});

function build(root) {
  q.heading = el("h1", { id: "queue-title" }, t("web-officer-queue-title"));
  q.scope = el("p", { class: "hint" });
  q.status = el("p", { id: "queue-status", class: "hint", role: "status" });
  q.list = el("div", { id: "queue-list" });
  q.more = el("button", { type: "button", id: "queue-more", class: "quiet", hidden: true }, t("web-officer-queue-more"));
  q.more.addEventListener("click", async () => {
    q.pages += 1;
    await guarded(q.list, () => loadMore());
  });
  q.body = el("div", { class: "panel" }, q.list, q.more);
  root.setAttribute("aria-labelledby", "queue-title");
  root.replaceChildren(q.heading, q.scope, q.status, q.body);
}

function schedule() {
  clearTimeout(q.timer);
  q.timer = setTimeout(async () => {
    if (!q.shown || !state.token) return;
    await guarded(null, () => load());
    schedule();
  }, POLL_MS);
}

/** Reads the first page (conditionally) and, when it changed, the pages after it the reader had open. */
async function load() {
  const headers = q.tag ? { "If-None-Match": q.tag } : {};
  const sent = Date.now();
  const res = await api("/v1/queue?limit=" + PAGE, { headers });
  if (res.status === 304) return;
  const page = await json(res);
  state.skewMs = new Date(page.generated_at).getTime() - (sent + Date.now()) / 2;
  q.tag = res.headers.get("ETag");
  q.items = page.items;
  q.next = page.next_cursor;
  q.generatedAt = page.generated_at;
  let pages = 1;
  while (pages < q.pages && q.next) {
    const more = await json(await api("/v1/queue?limit=" + PAGE + "&cursor=" + encodeURIComponent(q.next)));
    q.items = q.items.concat(more.items);
    q.next = more.next_cursor;
    pages += 1;
  }
  render();
}

async function loadMore() {
  if (!q.next) return;
  const more = await json(await api("/v1/queue?limit=" + PAGE + "&cursor=" + encodeURIComponent(q.next)));
  q.items = q.items.concat(more.items);
  q.next = more.next_cursor;
  render();
}

function render() {
  q.status.textContent = t("web-officer-queue-count", { count: q.items.length, at: fmtDateTime(q.generatedAt) });
  q.more.hidden = !q.next;
  if (q.items.length === 0) {
    q.list.replaceChildren(el("p", { class: "empty" }, t("web-officer-queue-empty")));
    return;
  }
  const cols = ["web-col-time-left", "web-col-reference", "web-officer-col-unit", "web-officer-col-route", "web-col-stage", "web-col-due", "web-officer-col-escalation"];
  q.list.replaceChildren(
    el("table", { class: "list queue" },
      el("caption", { class: "visually-hidden" }, t("web-officer-queue-caption")),
      el("thead", {}, el("tr", {}, cols.map((c) => el("th", { scope: "col" }, t(c))))),
      el("tbody", {}, q.items.map((i) =>
        el("tr", { "data-id": i.notification_id, "data-stage": i.stage, class: i.escalation_level > 0 ? "escalated level" + i.escalation_level : "" },
          el("td", {}, el("span", { class: "countdown", "data-officer-due": i.due_at })),
          el("td", {},
            el("a", { href: "#/decide/" + i.notification_id + "/" + i.nation, class: "ref" }, i.reference),
            " ", badge(i.priority)),
          el("td", {}, i.requester_nation + " · " + i.requester_unit),
          el("td", {}, routeText(i.route, i.nation)),
          el("td", {}, el("b", {}, i.nation), " · ", i.stage_name || words(i.stage), i.round > 1 ? el("small", {}, " " + t("web-round", { round: i.round })) : null),
          el("td", { class: "num due" }, fmtDateTime(i.due_at)),
          el("td", {}, i.escalation_level > 0 ? badge("level" + i.escalation_level, t("web-level", { level: i.escalation_level })) : t("web-none")))))));
  tickCountdowns(q.list);
}

/** The route with the caller's nation marked: "NL → [DE] → PL". */
function routeText(route, nation) {
  return el("span", { class: "route" }, (route || []).flatMap((n, k) => [
    k > 0 ? " → " : null,
    n === nation ? el("b", {}, n) : n,
  ]));
}
