// Corridor's pages: vanilla JavaScript, no build step, nothing fetched from elsewhere.
//
// The liaison board keeps itself current two ways: it polls GET /v1/board every few seconds
// with If-None-Match (a 304 costs the server one row read), and it long-polls GET /v1/changes so
// that a change shows at once and lands in the activity list. Officers' and planners' views are
// hash routes (router.js). Every value from the server is put on the page as text, never as HTML;
// every text of the page's own is a Fluent message in locales/<lang>.ftl (i18n.js).
//
// An ES module (no build step): each part of the page is a module of its own beside this one.

import { renderBoard, tick } from "./board.js";
import { api } from "./api.js";
import { LANGUAGES, lang, onLanguageChange, startLanguage, useLanguage } from "./i18n.js";
import { $, el } from "./page.js";
import { route } from "./router.js";
import { showSignIn, signIn, signOut, start } from "./session.js";
import { state } from "./state.js";

document.addEventListener("DOMContentLoaded", async () => {
  await startLanguage();
  const picker = $("language");
  picker.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) => el("option", { value: code, lang: code, selected: code === lang() }, name)));
  picker.addEventListener("change", async () => {
    await useLanguage(picker.value, true);
    // The account remembers it, so mail and problem details follow (best effort: the page works
    // in the chosen language either way).
    if (state.token) api("/v1/me/language", { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ language: picker.value }) }).catch(() => {});
  });
  onLanguageChange((code) => {
    picker.value = code;
    if (state.board) renderBoard();
    $("detail-body").removeAttribute("data-id");
    if (state.token) route();
  });
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
