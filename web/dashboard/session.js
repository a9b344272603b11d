// The liaison board: Signing in and out, and starting the board once signed in.
import { SignedOut, api, json } from "./api.js";
import { refreshBoard, schedulePoll } from "./board.js";
import { followChanges } from "./changes.js";
import { route } from "./detail.js";
import { $, setLive, words } from "./page.js";
import { TOKEN_KEY, state } from "./state.js";

export function showSignIn(message) {
  $("board").hidden = true;
  $("detail").hidden = true;
  $("who").hidden = true;
  $("signout").hidden = true;
  $("signin").hidden = false;
  const err = $("signin-error");
  err.hidden = !message;
  err.textContent = message || "";
  setLive(false, "signed out");
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
      const why = res.status === 401 ? "Wrong user name or password." : body.detail || "Sign-in failed (" + res.status + ").";
      showSignIn(why);
      return;
    }
    state.token = body.access_token;
    sessionStorage.setItem(TOKEN_KEY, state.token);
    $("password").value = "";
    await start();
  } catch (e) {
    showSignIn("Cannot reach Corridor: " + e.message);
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
    who.hidden = false;
    $("signout").hidden = false;
  } catch (e) {
    if (e instanceof SignedOut) return;
    setLive(false, "cannot reach Corridor");
  }
  route();
  await refreshBoard();
  schedulePoll();
  followChanges();
}
