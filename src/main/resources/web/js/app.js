// The web app: one page, client-side routes, each view built on the JSON API.
import { api, currentSession, forgetSession } from "./api.js";
import { announce } from "./dom.js";
import { searchView } from "./search.js";
import { articleView } from "./article.js";
import { feedsView } from "./feeds.js";
import { watchesView } from "./watches.js";
import { statusView } from "./status.js";
import { signInView } from "./signin.js";

const view = document.getElementById("view");
let cleanup = null;

const routes = [
  [/^\/(search)?$/, searchView],
  [/^\/article\/([A-Za-z0-9_-]+)$/, articleView],
  [/^\/feeds$/, feedsView],
  [/^\/watches$/, watchesView],
  [/^\/status$/, statusView],
  [/^\/signin$/, signInView],
];

export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render();
}

async function render() {
  if (cleanup) { cleanup(); cleanup = null; }
  const path = location.pathname;
  for (const link of document.querySelectorAll("nav a")) {
    const here = link.getAttribute("href") === path || (path === "/" && link.getAttribute("href") === "/search");
    if (here) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
  }
  const session = await currentSession().catch(() => ({ signedIn: false, signInRequired: true }));
  document.getElementById("sign-out").hidden = !(session.signInRequired && session.signedIn);
  if (!session.signedIn && path !== "/signin") {
    navigate("/signin?next=" + encodeURIComponent(path + location.search), { replace: true });
    return;
  }
  for (const [pattern, make] of routes) {
    const match = path.match(pattern);
    if (match) {
      view.replaceChildren();
      cleanup = (await make(view, match, new URLSearchParams(location.search))) || null;
      return;
    }
  }
  view.replaceChildren();
  const h1 = document.createElement("h1");
  h1.textContent = "Page not found";
  view.append(h1);
}

/** Moves focus to the view's heading after navigation, so screen readers announce the new page. */
export function focusHeading(title) {
  document.title = title ? title + " · Gleaner" : "Gleaner";
  const h1 = view.querySelector("h1");
  if (h1 && document.activeElement === document.body) {
    h1.setAttribute("tabindex", "-1");
    h1.focus({ preventScroll: true });
  }
  announce(document.title);
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-nav]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
  if (document.activeElement === link) link.blur();
});

document.getElementById("sign-out").addEventListener("click", async () => {
  await api("/api/session/end", { method: "POST" }).catch(() => {});
  forgetSession();
  navigate("/signin");
});

window.addEventListener("popstate", render);
render();
