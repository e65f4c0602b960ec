import { el } from "./dom.js";
import { focusHeading } from "./app.js";
import { api } from "./api.js";

// Watches: saved searches that alert when a new article matches. Everything from the server is
// inserted as text; the Atom link is built from the watch's id by the server.
export async function watchesView(view, match, params) {
  const query = params.get("q") || "";
  view.append(el("h1", { text: "Watches" }));

  const message = el("p", { role: "alert", class: "error", hidden: "" });
  const preview = el("ol", { class: "preview", "aria-live": "polite" });
  const nameInput = el("input", { id: "watch-name", name: "name", required: "", maxlength: "100" });
  const queryInput = el("input", { id: "watch-query-input", name: "query", required: "", value: query });
  const pace = el("select", { id: "watch-pace", name: "pace" },
    el("option", { value: "immediate", text: "immediately" }),
    el("option", { value: "hourly", text: "hourly digest" }),
    el("option", { value: "daily", text: "daily digest" }));
  const webhook = el("input", { id: "watch-webhook", name: "webhook", type: "url", placeholder: "https://…" });
  const form = el("form", { class: "card" },
    el("h2", { text: "New watch" }),
    query ? el("p", {}, "Watching the search ", el("code", { id: "watch-query", text: query })) : null,
    el("label", { for: "watch-name", text: "Name" }), nameInput,
    el("label", { for: "watch-query-input", text: "Query" }), queryInput,
    el("label", { for: "watch-pace", text: "Alert" }), pace,
    el("label", { for: "watch-webhook", text: "Webhook (optional)" }), webhook,
    el("p", {},
      el("button", { type: "button", id: "watch-preview", text: "Preview last 7 days" }), " ",
      el("button", { type: "submit", text: "Save watch" })),
    message, preview);
  view.append(form);

  const list = el("section", { class: "card", "aria-labelledby": "watch-list-title" },
    el("h2", { id: "watch-list-title", text: "Your watches" }));
  view.append(list);

  function showError(e) {
    message.textContent = e.message || "The request failed";
    message.hidden = false;
  }

  async function refreshList() {
    list.querySelectorAll("ul, p.empty").forEach((n) => n.remove());
    let data;
    try { data = await api("/api/watches"); } catch (e) { showError(e); return; }
    if (!data.watches.length) {
      list.append(el("p", { class: "empty", text: "No watches yet: save a search above to be told when a new article matches it." }));
      return;
    }
    const ul = el("ul");
    for (const w of data.watches) {
      ul.append(el("li", {},
        el("strong", { text: w.name }), " — ", el("code", { text: w.query }),
        " · " + w.pace + (w.paused ? " · paused" : "") + (w.error ? " · error: " + w.error : "") + " · ",
        el("a", { href: new URL(w.feedUrl).pathname + new URL(w.feedUrl).search, text: "Atom feed" })));
    }
    list.append(ul);
  }

  form.querySelector("#watch-preview").addEventListener("click", async () => {
    message.hidden = true;
    preview.replaceChildren();
    try {
      const data = await api("/api/watches/test?days=7&q=" + encodeURIComponent(queryInput.value));
      if (!data.hits.length) preview.append(el("li", { text: "Nothing in the last 7 days would have matched." }));
      for (const hit of data.hits) preview.append(el("li", { text: hit.title }));
    } catch (e) { showError(e); }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.hidden = true;
    try {
      await api("/api/watches", { method: "POST", json: {
        name: nameInput.value, query: queryInput.value, pace: pace.value, webhook: webhook.value || null } });
      form.reset();
      await refreshList();
    } catch (e) { showError(e); }
  });

  await refreshList();
  focusHeading("Watches");
}
