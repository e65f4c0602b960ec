import { api, currentSession, forgetSession } from "./api.js";
import { el } from "./dom.js";
import { focusHeading, navigate } from "./app.js";

export async function signInView(view, match, params) {
  const session = await currentSession(true);
  const next = params.get("next") || "/";
  const target = next.startsWith("/") && !next.startsWith("//") ? next : "/";
  if (session.signedIn) { navigate(target, { replace: true }); return; }
  const error = el("p", { id: "signin-error", class: "error", role: "alert" });
  const password = el("input", { id: "password", type: "password", autocomplete: "current-password", required: true,
    "aria-describedby": "signin-error" });
  const form = el("form", { class: "card narrow", onsubmit: async (event) => {
    event.preventDefault();
    error.textContent = "";
    try {
      await api("/api/session", { method: "POST", json: { password: password.value } });
      forgetSession();
      navigate(target, { replace: true });
    } catch (e) {
      error.textContent = e.message;
      password.select();
    }
  } },
  el("label", { for: "password", text: "Admin password" }), password,
  el("button", { type: "submit", text: "Sign in" }), error);
  view.append(el("h1", { text: "Sign in" }),
    session.signInConfigured === false
      ? el("p", { class: "error", text: "This server is reachable from other machines, so it needs an admin password, and none is set. "
          + "Run: java -cp gleaner.jar org.gleaner.web.PasswordTool, and put the line it prints in the file "
          + "admin-password-hash in the data directory (or in GLEANER_ADMIN_PASSWORD_HASH), then restart." })
      : el("p", { text: "This Gleaner is reachable from other machines, so it asks for the admin password." }),
    form);
  focusHeading("Sign in");
  password.focus();
}
