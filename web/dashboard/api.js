// The liaison board: Talking to the API with the signed-in token.
import { signOut } from "./session.js";
import { t } from "./i18n.js";
import { state } from "./state.js";

export class SignedOut extends Error {}

export async function api(path, options) {
  const opts = Object.assign({ headers: {}, cache: "no-store" }, options || {});
  if (state.token) opts.headers["Authorization"] = "Bearer " + state.token;
  const res = await fetch(path, opts);
  if (res.status === 401) {
    signOut(t("web-session-ended"));
    throw new SignedOut("401");
  }
  return res;
}

export async function json(res) {
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.detail || res.status + " " + res.statusText);
  return body;
}
