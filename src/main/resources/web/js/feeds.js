import { api } from "./api.js";
import { el, safeUrl, timeEl, date, announce } from "./dom.js";
import { focusHeading } from "./app.js";

/** While the page is open the list refreshes this often, so a new feed is seen being fetched. */
const POLL_MS = 3000;

const HEALTH = {
  new: ["Waiting for first fetch", "pending"],
  ok: ["OK", "ok"],
  "not-modified": ["OK · not modified", "ok"],
  "rate-limited": ["Rate-limited by the site", "warn"],
  failing: ["Failing", "bad"],
  gone: ["Gone (the site removed the feed)", "bad"],
};

export async function feedsView(view) {
  const address = el("input", { id: "feed-url", type: "text", inputmode: "url", required: true,
    placeholder: "https://example.com/ or https://example.com/feed.xml", "aria-describedby": "add-hint add-result" });
  const addResult = el("div", { id: "add-result", "aria-live": "polite" });
  const addForm = el("form", { class: "card add-feed", onsubmit: (e) => { e.preventDefault(); preview(); } },
    el("h2", { text: "Add a feed" }),
    el("label", { for: "feed-url", text: "Feed or web page address" }),
    el("div", { class: "search-row" }, address, el("button", { type: "submit", id: "preview", text: "Find feed" })),
    el("p", { id: "add-hint", class: "hint", text: "Paste a feed's address, or just a site's or article's address: Gleaner finds the feed it announces and shows it before adding." }),
    addResult);

  const opmlInput = el("input", { id: "opml", type: "file", accept: ".opml,.xml,text/x-opml,application/xml,text/xml" });
  const opmlResult = el("p", { id: "opml-result", "aria-live": "polite" });
  const opml = el("section", { class: "card" }, el("h2", { text: "Import or export" }),
    el("label", { for: "opml", text: "Import an OPML file from another reader" }), opmlInput, opmlResult,
    el("p", {}, el("a", { href: "/api/feeds/export", download: "gleaner-feeds.opml", text: "Export your feeds as OPML" })));
  opmlInput.addEventListener("change", async () => {
    const file = opmlInput.files[0];
    if (!file) return;
    opmlResult.textContent = "Importing…";
    try {
      const result = await api("/api/feeds/import", { method: "POST", body: await file.arrayBuffer(), headers: { "Content-Type": "text/x-opml" } });
      opmlResult.textContent = "Added " + result.added.length + " feeds" + (result.skipped.length ? "; skipped " + result.skipped.length + " (already there or not web addresses)." : ".");
      load();
    } catch (e) {
      opmlResult.textContent = e.message;
    }
  });

  const list = el("div", { id: "feed-list", "aria-live": "off" });
  view.append(el("h1", { text: "Feeds" }), el("div", { class: "feeds-layout" }, el("section", { "aria-labelledby": "your-feeds" }, el("h2", { id: "your-feeds", text: "Your feeds" }), list), el("div", {}, addForm, opml)));
  focusHeading("Feeds");

  async function preview() {
    addResult.replaceChildren(el("p", { text: "Looking for a feed…" }));
    let found;
    try {
      found = await api("/api/feeds/discover", { method: "POST", json: { url: address.value } });
    } catch (e) {
      addResult.replaceChildren(el("p", { class: "error", role: "alert", text: e.message }));
      return;
    }
    if (!found.found) {
      addResult.replaceChildren(el("p", { class: "error", role: "alert", text: "No feed found there." }),
        el("ul", { class: "hint" }, found.tried.map((t) => el("li", { text: t }))));
      return;
    }
    if (found.alreadyAdded) {
      addResult.replaceChildren(el("p", { text: "“" + (found.title || found.url) + "” is already one of your feeds." }));
      return;
    }
    const name = el("input", { id: "feed-name", type: "text", value: found.suggestedName, required: true });
    const tags = el("input", { id: "feed-tags", type: "text", placeholder: "news, syria" });
    const confirm = el("form", { class: "preview", onsubmit: async (e) => {
      e.preventDefault();
      try {
        const added = await api("/api/feeds", { method: "POST", json: { url: found.url, name: name.value.trim(),
          tags: tags.value.split(",").map((t) => t.trim()).filter(Boolean) } });
        addResult.replaceChildren(el("p", { role: "status", text: "Added “" + (added.title || added.name) + "”. Its articles appear after the first fetch, in a few seconds." }));
        address.value = "";
        load();
      } catch (err) {
        addResult.replaceChildren(el("p", { class: "error", role: "alert", text: err.message }));
      }
    } },
    el("p", {}, el("strong", { text: found.title || "Untitled feed" }), " — " + found.entries + " entries"),
    el("p", { class: "hint", text: found.url }),
    el("label", { for: "feed-name", text: "Name" }), name,
    el("label", { for: "feed-tags", text: "Tags (comma-separated, optional)" }), tags,
    el("button", { type: "submit", id: "add-feed", text: "Add this feed" }));
    addResult.replaceChildren(confirm);
    name.focus();
  }

  function healthCell(feed) {
    const [words, tone] = feed.paused ? ["Paused", "pending"] : (HEALTH[feed.health] || [feed.health, "pending"]);
    const text = feed.health === "failing" && feed.failingSince && !feed.paused ? "Failing since " + date(feed.failingSince, true) : words;
    return el("span", { class: "badge " + tone, text });
  }

  function row(feed) {
    const url = safeUrl(feed.url);
    const actions = el("div", { class: "actions" },
      el("button", { type: "button", class: "secondary", "aria-label": "Refresh " + feed.name + " now", onclick: async (e) => {
        e.target.disabled = true;
        await api("/api/feeds/" + encodeURIComponent(feed.name) + "/refresh", { method: "POST" }).catch((err) => announce(err.message));
        announce("Refreshing " + feed.name);
        setTimeout(load, 1500);
      } }, "Refresh now"),
      el("button", { type: "button", class: "secondary", "aria-label": (feed.paused ? "Resume " : "Pause ") + feed.name, onclick: async () => {
        await api("/api/feeds/" + encodeURIComponent(feed.name) + (feed.paused ? "/resume" : "/pause"), { method: "POST" }).catch((err) => announce(err.message));
        load();
      } }, feed.paused ? "Resume" : "Pause"));
    return el("li", { class: "card feed", "data-feed": feed.name },
      el("div", { class: "feed-head" }, el("h3", { text: feed.title || feed.name }), healthCell(feed)),
      el("p", { class: "meta" }, feed.name, " · ", url ? el("a", { href: url, rel: "noopener noreferrer", text: feed.url }) : feed.url,
        feed.tags.length ? " · " + feed.tags.join(", ") : ""),
      el("dl", { class: "facts" },
        el("dt", { text: "Entries" }), el("dd", { class: "entry-count", text: String(feed.entryCount) }),
        el("dt", { text: "Last fetch" }), el("dd", {}, timeEl(feed.lastFetched, true) || "never"),
        el("dt", { text: "Next fetch" }), el("dd", {}, feed.paused ? "paused" : (timeEl(feed.nextCheck, true) || "soon"))),
      feed.lastError ? el("p", { class: "error", text: "Last error: " + feed.lastError }) : null,
      feed.active ? actions : el("p", { class: "hint", text: "No longer in the configuration; its articles stay searchable." }));
  }

  async function load() {
    let data;
    try { data = await api("/api/feeds"); } catch (e) { list.replaceChildren(el("p", { class: "error", text: e.message })); return; }
    if (!data.feeds.length) {
      list.replaceChildren(el("div", { class: "empty card" }, el("h3", { text: "No feeds yet" }),
        el("p", { text: "Add one with the form: a feed address, or simply the address of a site you read. Gleaner fetches it at once and then on a schedule that follows how often it publishes." })));
      return;
    }
    const focused = document.activeElement && document.activeElement.closest("#feed-list") ? document.activeElement.getAttribute("aria-label") : null;
    list.replaceChildren(el("ul", { class: "feed-list" }, data.feeds.map(row)));
    if (focused) { const again = list.querySelector("[aria-label=\"" + CSS.escape(focused) + "\"]"); if (again) again.focus(); }
  }

  await load();
  const timer = setInterval(load, POLL_MS);
  return () => clearInterval(timer);
}
