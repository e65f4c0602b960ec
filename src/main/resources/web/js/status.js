import { api } from "./api.js";
import { el, bytes, timeEl } from "./dom.js";
import { focusHeading } from "./app.js";

const POLL_MS = 5000;

export async function statusView(view) {
  const body = el("div", { id: "status-body" });
  view.append(el("h1", { text: "Status" }), body);
  focusHeading("Status");

  function fact(label, value) { return [el("dt", { text: label }), el("dd", { text: value == null ? "–" : String(value) })]; }

  async function load() {
    let s;
    try { s = await api("/api/status"); } catch (e) { body.replaceChildren(el("p", { class: "error", text: e.message })); return; }
    const errors = el("ul", { class: "errors" }, s.lastErrors.map((e) => el("li", {}, el("strong", { text: e.feed }), " ", timeEl(e.at, true) || "", el("br"), e.error)));
    body.replaceChildren(
      el("div", { class: "status-grid" },
        el("section", { class: "card", "aria-labelledby": "st-ingest" }, el("h2", { id: "st-ingest", text: "Ingest" }),
          el("dl", { class: "facts" }, fact("Feeds", s.store.feeds), fact("Active", s.store.activeFeeds), fact("Failing", s.store.failingFeeds),
            fact("Paused", s.pausedFeeds), fact("Due now", s.feedsDue), fact("Entries", s.store.entries), fact("Articles", s.store.articles),
            fact("Entries without article", s.store.entriesWithoutArticle))),
        el("section", { class: "card", "aria-labelledby": "st-index" }, el("h2", { id: "st-index", text: "Index" }),
          el("dl", { class: "facts" }, fact("Documents", s.index.documents), fact("Changes waiting", s.indexQueue),
            fact("Store sequence", s.store.changeLogHead), fact("Indexed sequence", s.index.appliedSequence),
            fact("Index size", bytes(s.index.bytes)), fact("Database size", bytes(s.store.databaseBytes)), fact("Live searches", s.liveClients)))),
      el("section", { class: "card", "aria-labelledby": "st-errors" }, el("h2", { id: "st-errors", text: "Last errors" }),
        s.lastErrors.length ? errors : el("p", { class: "hint", text: "No feed is reporting an error." })));
  }
  await load();
  const timer = setInterval(load, POLL_MS);
  return () => clearInterval(timer);
}
