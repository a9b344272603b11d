// Corridor liaison board: vanilla JavaScript, no build step, nothing fetched from elsewhere.
//
// Keeps itself current two ways: it polls GET /v1/board every few seconds with If-None-Match
// (a 304 costs the server one row read), and it long-polls GET /v1/changes so that a change
// shows at once and lands in the activity list. Every value from the server is put on the
// page as text, never as HTML.
//
// An ES module (no build step): each part of the page is a module of its own beside this one.

import { tick } from "./board.js";
import { route } from "./detail.js";
import { $ } from "./page.js";
import { showSignIn, signIn, signOut, start } from "./session.js";
import { state } from "./state.js";

document.addEventListener("DOMContentLoaded", () => {
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
