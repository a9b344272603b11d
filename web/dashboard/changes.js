// The liaison board: The change feed: long-polled, it refreshes what changed and fills the activity list.
import { SignedOut, api, json } from "./api.js";
import { refreshBoard } from "./board.js";
import { currentDetail, showDetail } from "./detail.js";
import { $, badge, el, refOf, setLive, utcTime, words } from "./page.js";
import { t } from "./i18n.js";
import { ACTIVITY_KEEP, FEED_WAIT_S, state } from "./state.js";

/** Long-polls the change feed; each batch lands in the activity list and refreshes the board. */
export async function followChanges() {
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
      setLive(false, t("web-live-retrying"));
      await sleep(pause);
      pause = Math.min(pause * 2, 15000);
    }
  }
}

export function addActivity(events) {
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
        el("span", { class: "at" }, t("web-by", { actor: ev.actor }))));
  }
  while (list.children.length > ACTIVITY_KEEP) list.lastElementChild.remove();
  $("activity-empty").hidden = list.children.length > 0;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
