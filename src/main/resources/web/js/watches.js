import { el, markedHtml, timeEl, debounce, announce } from "./dom.js";
import { focusHeading } from "./app.js";
import { api } from "./api.js";

// Watches: saved searches that alert when a new article matches. Everything from the server is
// inserted as text (passages through markedHtml); links to the Atom feed and articles are built here
// from ids, never taken from feed content.
const PREVIEW_DAYS = 7;

export async function watchesView(view, match, params) {
  const fromSearch = params.get("q") || "";
  let editing = null; // the watch being edited, null while creating
  let live = null;

  view.append(el("h1", { text: "Watches" }));
  const message = el("p", { role: "alert", class: "error", hidden: "" });
  const nameInput = el("input", { id: "watch-name", name: "name", required: "", maxlength: "100", autocomplete: "off" });
  const queryInput = el("input", { id: "watch-query-input", name: "query", required: "", value: fromSearch, autocomplete: "off" });
  const pace = el("select", { id: "watch-pace", name: "pace" },
    el("option", { value: "immediate", text: "immediately" }),
    el("option", { value: "hourly", text: "hourly digest" }),
    el("option", { value: "daily", text: "daily digest" }));
  const webhook = el("input", { id: "watch-webhook", name: "webhook", type: "url", placeholder: "https://…" });
  const email = el("input", { id: "watch-email", name: "email", type: "email", placeholder: "you@example.org" });
  const privateFeed = el("input", { id: "watch-private", name: "private", type: "checkbox" });
  const formTitle = el("h2", { id: "watch-form-title", text: "New watch" });
  const cancel = el("button", { type: "button", class: "secondary", id: "watch-cancel", text: "Cancel editing", hidden: "" });
  const preview = el("ol", { class: "preview", id: "watch-preview-list" });
  const previewStatus = el("p", { class: "summary", id: "watch-preview-status", "aria-live": "polite" });
  const form = el("form", { class: "card", "aria-labelledby": "watch-form-title" },
    formTitle,
    fromSearch ? el("p", {}, "Watching the search ", el("code", { id: "watch-query", text: fromSearch })) : null,
    el("label", { for: "watch-name", text: "Name" }), nameInput,
    el("label", { for: "watch-query-input", text: "Query (same syntax as search)" }), queryInput,
    el("label", { for: "watch-pace", text: "Alert" }), pace,
    el("label", { for: "watch-webhook", text: "Webhook (optional)" }), webhook,
    el("label", { for: "watch-email", text: "E-mail (optional)" }), email,
    el("p", { class: "private-field" }, privateFeed, " ", el("label", { for: "watch-private", text: "Private Atom feed (secret link)" })),
    el("p", {}, el("button", { type: "submit", id: "watch-save", text: "Save watch" }), " ", cancel),
    message,
    el("h3", { text: "What it would have matched in the last " + PREVIEW_DAYS + " days" }),
    previewStatus, preview);

  const liveSection = el("section", { class: "card", id: "watch-live", hidden: "", "aria-live": "polite" },
    el("h2", { id: "watch-live-title", text: "New matches" }), el("ol", { class: "results" }));

  const list = el("section", { class: "card", "aria-labelledby": "watch-list-title" },
    el("h2", { id: "watch-list-title", text: "Your watches" }), el("div", { id: "watch-items" }));

  const dead = el("section", { class: "card", "aria-labelledby": "dead-title" },
    el("h2", { id: "dead-title", text: "Deliveries that failed for good" }), el("div", { id: "dead-items" }));
  // The list first (what a returning monitor checks), the form beside it on wide screens.
  view.append(el("div", { class: "watches-layout" }, el("div", {}, liveSection, list, dead), form));

  function showError(e) {
    message.textContent = e.message || "The request failed";
    message.hidden = false;
  }

  // ---- live preview of the query over recent articles
  let previewAbort = null;
  const runPreview = debounce(async () => {
    const q = queryInput.value.trim();
    if (previewAbort) previewAbort.abort();
    preview.replaceChildren();
    if (!q) { previewStatus.textContent = "Type a query to see what it would have matched."; return; }
    previewAbort = new AbortController();
    try {
      const data = await api("/api/watches/test?days=" + PREVIEW_DAYS + "&q=" + encodeURIComponent(q), { signal: previewAbort.signal });
      message.hidden = true;
      previewStatus.textContent = data.hits.length
        ? data.hits.length + (data.hits.length === 1 ? " article" : " articles")
        : "Nothing in the last " + PREVIEW_DAYS + " days would have matched.";
      for (const hit of data.hits) {
        preview.append(el("li", {}, el("a", { href: "/article/" + hit.article, "data-nav": "", text: hit.title }),
          " ", timeEl(hit.published), markedHtml("p", hit.passageHtml, { class: "snippet" })));
      }
    } catch (e) {
      if (e.name !== "AbortError") { previewStatus.textContent = ""; showError(e); }
    }
  }, 300);
  queryInput.addEventListener("input", runPreview);

  // ---- live matches of one watch (the one just saved), over Server-Sent Events
  function watchLive(watch) {
    if (live) live.close();
    delete document.body.dataset.live;
    liveSection.hidden = false;
    liveSection.querySelector("h2").textContent = "New matches for “" + watch.name + "”";
    liveSection.querySelector("ol").replaceChildren(el("li", { class: "empty", text: "Waiting for the next matching article…" }));
    live = new EventSource("/api/live?q=" + encodeURIComponent(watch.query));
    live.addEventListener("ready", () => { document.body.dataset.live = "open"; });
    live.addEventListener("error", () => { delete document.body.dataset.live; });
    live.addEventListener("hit", (event) => {
      const hit = JSON.parse(event.data);
      const items = liveSection.querySelector("ol");
      items.querySelector("li.empty")?.remove();
      items.prepend(el("li", { class: "hit" },
        el("h3", {}, markedHtml("a", hit.titleHtml || hit.title, { href: "/article/" + hit.id, "data-nav": "" })),
        markedHtml("p", hit.snippetHtml, { class: "snippet" })));
      announce("New match for " + watch.name + ": " + hit.title);
      setTimeout(refreshList, 2000); // the alert count follows once the matcher has run
    });
  }

  // ---- the list of watches
  function atomPath(watch) {
    const url = new URL(watch.feedUrl, location.href);
    return url.pathname + url.search;
  }

  function channel(watch, kind) {
    const found = watch.channels.find((c) => c.kind === kind);
    return found ? found.target : "";
  }

  function startEdit(watch) {
    editing = watch;
    formTitle.textContent = "Edit watch “" + watch.name + "”";
    nameInput.value = watch.name;
    nameInput.readOnly = true;
    queryInput.value = watch.query;
    pace.value = watch.pace;
    webhook.value = channel(watch, "webhook");
    email.value = channel(watch, "email");
    privateFeed.closest("p").hidden = true;
    cancel.hidden = false;
    message.hidden = true;
    runPreview();
    queryInput.focus();
  }

  function stopEdit() {
    editing = null;
    form.reset();
    formTitle.textContent = "New watch";
    nameInput.readOnly = false;
    privateFeed.closest("p").hidden = false;
    cancel.hidden = true;
  }
  cancel.addEventListener("click", stopEdit);

  async function act(promise, done) {
    message.hidden = true;
    try { const result = await promise; if (done) done(result); await refreshList(); } catch (e) { showError(e); }
  }

  function alertsPanel(watch) {
    const items = el("ol", { class: "alerts" });
    const details = el("details", { class: "alerts-panel" }, el("summary", { text: "Recent alerts" }), items);
    details.addEventListener("toggle", async () => {
      if (!details.open) return;
      items.replaceChildren(el("li", { text: "Loading…" }));
      try {
        const data = await api("/api/watches/" + watch.id + "/alerts");
        items.replaceChildren();
        if (!data.alerts.length) items.append(el("li", { class: "empty", text: "No alerts yet: the next matching article will appear here and in the Atom feed." }));
        for (const alert of data.alerts) {
          items.append(el("li", {},
            el("a", { href: "/article/" + alert.article, "data-nav": "", text: alert.title }),
            " · matched ", timeEl(alert.matched, true),
            markedHtml("p", alert.passage, { class: "snippet" })));
        }
      } catch (e) { items.replaceChildren(); showError(e); }
    });
    return details;
  }

  function watchItem(watch) {
    const result = el("p", { class: "test-result", "aria-live": "polite" });
    const copy = el("button", { type: "button", class: "secondary", text: "Copy Atom link", onclick: async () => {
      const url = new URL(atomPath(watch), location.href).href;
      try { await navigator.clipboard.writeText(url); result.textContent = "Copied " + url; } catch (e) { result.textContent = url; }
    } });
    const actions = el("p", { class: "actions" },
      el("button", { type: "button", class: "secondary", "data-action": watch.paused ? "resume" : "pause", text: watch.paused ? "Resume" : "Pause",
        onclick: () => act(api("/api/watches/" + watch.id + (watch.paused ? "/resume" : "/pause"), { method: "POST" })) }), " ",
      watch.declared ? null : el("button", { type: "button", class: "secondary", "data-action": "edit", text: "Edit", onclick: () => startEdit(watch) }), " ",
      watch.declared ? null : el("button", { type: "button", class: "secondary", "data-action": "delete", text: "Delete", onclick: () => {
        if (confirm("Delete the watch “" + watch.name + "” and its alerts?")) act(api("/api/watches/" + watch.id, { method: "DELETE" }));
      } }), " ",
      watch.channels.length ? el("button", { type: "button", class: "secondary", "data-action": "send-test", text: "Send test", onclick: async () => {
        result.textContent = "Sending…";
        try {
          const data = await api("/api/watches/" + watch.id + "/send-test", { method: "POST" });
          result.textContent = data.results.map((r) => r.kind + " " + r.target + ": " + (r.delivered ? "delivered" : "failed — " + r.message)).join("; ");
        } catch (e) { result.textContent = e.message; }
      } }) : null, " ",
      copy, " ", el("a", { href: atomPath(watch), class: "atom", text: "Atom feed" }));
    const meta = [watch.pace === "immediate" ? "alerts immediately" : watch.pace + " digest",
      watch.alerts + (watch.alerts === 1 ? " alert" : " alerts")];
    return el("li", { class: "watch", "data-watch": watch.name },
      el("h3", {}, el("span", { text: watch.name }),
        watch.paused ? el("span", { class: "badge", text: "paused" }) : null,
        watch.declared ? el("span", { class: "badge", title: "written in the configuration file; edit it there", text: "from config" }) : null),
      el("p", {}, el("code", { text: watch.query })),
      el("p", { class: "meta" }, meta.join(" · "),
        watch.lastMatch ? el("span", {}, " · last match ", timeEl(watch.lastMatch, true)) : " · no match yet",
        watch.channels.length ? " · to " + watch.channels.map((c) => c.target).join(", ") : " · Atom feed only"),
      watch.error ? el("p", { class: "error", text: "This watch cannot run: " + watch.error }) : null,
      actions, result, alertsPanel(watch));
  }

  async function refreshList() {
    const box = list.querySelector("#watch-items");
    let data;
    try { data = await api("/api/watches"); } catch (e) { showError(e); return; }
    const open = new Set([...box.querySelectorAll("li.watch")].filter((li) => li.querySelector("details").open).map((li) => li.dataset.watch));
    box.replaceChildren();
    if (!data.watches.length) {
      box.append(el("p", { class: "empty", text: "No watches yet: write a query above (or use “Save as watch” on a search) to be told when a new article matches it." }));
    } else {
      const ul = el("ul", { class: "watches" }, data.watches.map(watchItem));
      box.append(ul);
      for (const li of ul.querySelectorAll("li.watch")) {
        if (open.has(li.dataset.watch)) li.querySelector("details").open = true;
      }
    }
    await refreshDead();
  }

  async function refreshDead() {
    const box = dead.querySelector("#dead-items");
    let data;
    try { data = await api("/api/deliveries/dead"); } catch (e) { showError(e); return; }
    box.replaceChildren();
    if (!data.deliveries.length) {
      box.append(el("p", { class: "empty", text: "None: every alert reached its webhook or mailbox, or is still being retried." }));
      return;
    }
    box.append(el("ul", {}, data.deliveries.map((d) => el("li", { "data-delivery": d.id },
      el("strong", { text: d.watchName }), " → " + d.kind + " " + d.target + ": ", el("span", { text: d.title }),
      el("p", { class: "meta", text: d.attempts + " attempts" + (d.lastStatus ? ", last HTTP " + d.lastStatus : "") + (d.lastError ? " — " + d.lastError : "") }),
      el("button", { type: "button", class: "secondary", text: "Replay", onclick: () => act(api("/api/deliveries/" + d.id + "/replay", { method: "POST" })) })))));
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.hidden = true;
    try {
      let saved;
      if (editing) {
        saved = await api("/api/watches/" + editing.id, { method: "PATCH", json: {
          query: queryInput.value, pace: pace.value, webhook: webhook.value, email: email.value } });
        stopEdit();
      } else {
        saved = await api("/api/watches", { method: "POST", json: {
          name: nameInput.value, query: queryInput.value, pace: pace.value,
          webhook: webhook.value || null, email: email.value || null, private: privateFeed.checked } });
        form.reset();
      }
      announce("Saved the watch " + saved.name);
      watchLive(saved);
      await refreshList();
    } catch (e) { showError(e); }
  });

  await refreshList();
  if (fromSearch) runPreview();
  focusHeading("Watches");
  if (fromSearch) nameInput.focus();
  return () => { if (live) live.close(); if (previewAbort) previewAbort.abort(); };
}
