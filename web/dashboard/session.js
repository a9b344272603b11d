// The liaison board: Signing in and out, and starting the board once signed in.
import { SignedOut, api, json } from "./api.js";
import { refreshBoard, schedulePoll } from "./board.js";
import { followChanges } from "./changes.js";
import { navFor, route } from "./router.js";
import { accountLanguage, t } from "./i18n.js";
import { $, setLive, words } from "./page.js";
import { TOKEN_KEY, state } from "./state.js";

export function showSignIn(message) {
  $("board").hidden = true;
  $("detail").hidden = true;
  $("who").hidden = true;
  $("nav").hidden = true;
  $("signout").hidden = true;
  $("signin").hidden = false;
  const err = $("signin-error");
  err.hidden = !message;
  err.textContent = message || "";
  setLive(false, t("web-live-signed-out"));
  $("username").focus();
}

export function signOut(message) {
  state.token = null;
  state.boardTag = null;
  state.feedRun += 1; // ends the running long poll loop
  clearTimeout(state.pollTimer);
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn(message);
}

export async function signIn(ev) {
  ev.preventDefault();
  const button = $("signin-button");
  button.disabled = true;
  try {
    const res = await fetch("/v1/auth/token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: $("username").value.trim(), password: $("password").value }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const why = res.status === 401 ? t("web-signin-wrong") : body.detail || t("web-signin-failed", { status: res.status });
      showSignIn(why);
      return;
    }
    state.token = body.access_token;
    sessionStorage.setItem(TOKEN_KEY, state.token);
    $("password").value = "";
    await start();
  } catch (e) {
    showSignIn(t("web-unreachable-why", { why: e.message }));
  } finally {
    button.disabled = false;
  }
}

export async function start() {
  $("signin").hidden = true;
  try {
    const me = await json(await api("/v1/me"));
    const who = $("who");
    who.textContent = me.username + " · " + words(me.role) + (me.nation ? " · " + me.nation : "");
    navFor(me.role);
    accountLanguage(me.language);
    who.hidden = false;
    $("signout").hidden = false;
  } catch (e) {
    if (e instanceof SignedOut) return;
    setLive(false, t("web-unreachable"));
  }
  route();
  await refreshBoard();
  schedulePoll();
  followChanges();
}
