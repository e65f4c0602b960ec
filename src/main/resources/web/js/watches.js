import { el } from "./dom.js";
import { focusHeading } from "./app.js";
import { api } from "./api.js";

// Watches (saved queries with alerts) come from the alert package; until the server offers them,
// this page says so and keeps the query the user wanted to watch.
export async function watchesView(view, match, params) {
  const query = params.get("q") || "";
  view.append(el("h1", { text: "Watches" }));
  let available = true;
  try { await api("/api/watches"); } catch (e) { available = e.status !== 501; }
  if (!available) {
    view.append(el("section", { class: "card empty" },
      el("h2", { text: "Watches are not available in this build yet" }),
      el("p", { text: "A watch is a saved search that tells you when a new article matches it. "
        + "This server does not offer them yet." }),
      query ? el("p", {}, "The search you wanted to watch: ", el("code", { id: "watch-query", text: query })) : null,
      query ? el("p", {}, "From a terminal: ", el("code", { text: "gleaner watch add NAME '" + query.replaceAll("'", "'\\''") + "'" })) : null));
  }
  focusHeading("Watches");
}
