import { api, ApiError } from "./api.js";
import { el, markedHtml, safeUrl, timeEl, debounce, announce } from "./dom.js";
import { focusHeading, navigate } from "./app.js";

const DIMENSIONS = [["feed", "Feed"], ["site", "Site"], ["tag", "Tag"], ["lang", "Language"]];
const FILTERS = ["feed", "site", "tag", "lang", "published"];
const PAGE_SIZE = 20;
/** Wait this long after the last keystroke before searching: fewer requests, still feels instant. */
const TYPING_PAUSE_MS = 200;

const SYNTAX = [
  ["homs prison", "both words (all words are required)"],
  ["\"exact phrase\"", "the words in this order"],
  ["\"assad damascus\"~5", "words near each other"],
  ["homs OR aleppo", "either word"],
  ["-football  NOT football", "leave out articles with the word"],
  ["(homs OR aleppo) prison", "group with parentheses"],
  ["syria*  damascas~", "prefix; fuzzy (typos)"],
  ["title:assad  author:…  text:…", "one field"],
  ["feed:war-in-context  site:reuters.com  tag:syria  lang:fr", "one feed, site, tag or language"],
  ["since:7d  before:2024-12-08  after:2024-12-01", "dates"],
  ["published:[2024-12-01 TO 2024-12-08]", "a date range"],
];

function paramsFromUrl(params) {
  const state = { q: params.get("q") || "", sort: params.get("sort") || "", cursor: params.get("cursor") || "", filters: {} };
  for (const f of FILTERS) state.filters[f] = params.getAll(f);
  return state;
}

function toQueryString(state, { withCursor = true } = {}) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const f of FILTERS) for (const v of state.filters[f]) p.append(f, v);
  if (state.sort) p.set("sort", state.sort);
  if (withCursor && state.cursor) p.set("cursor", state.cursor);
  return p.toString();
}

export async function searchView(view, match, params) {
  const state = paramsFromUrl(params);
  let controller = null;
  let live = null;

  const input = el("input", { id: "q", type: "search", name: "q", value: state.q, autocomplete: "off", spellcheck: "false",
    placeholder: "homs prison, \"exact phrase\", title:assad", "aria-describedby": "query-error search-hint" });
  const queryError = el("p", { id: "query-error", class: "error query-error", role: "alert", hidden: true });
  const sort = el("select", { id: "sort", name: "sort" },
    el("option", { value: "", text: "Relevance" }), el("option", { value: "newest", text: "Newest first" }),
    el("option", { value: "oldest", text: "Oldest first" }));
  sort.value = state.sort === "relevance" ? "" : state.sort;
  const help = el("details", { class: "help" }, el("summary", { text: "Search syntax" }),
    el("table", {}, el("caption", { class: "visually-hidden", text: "Query syntax" }),
      el("tbody", {}, SYNTAX.map(([example, meaning]) => el("tr", {}, el("td", {}, el("code", { text: example })), el("td", { text: meaning }))))));
  const saveWatch = el("button", { type: "button", class: "secondary", id: "save-watch", text: "Save as watch", onclick: () => {
    navigate("/watches?new=1&q=" + encodeURIComponent(state.q));
  } });
  const form = el("form", { role: "search", class: "search-form", onsubmit: (e) => { e.preventDefault(); run(true); } },
    el("label", { for: "q", class: "visually-hidden", text: "Search the news" }),
    el("div", { class: "search-row" }, input, el("button", { type: "submit", text: "Search" })),
    queryError,
    el("div", { class: "search-tools" },
      el("label", { for: "sort", text: "Sort " }), sort, help, saveWatch),
    el("p", { id: "search-hint", class: "hint", text: "Press / to search from anywhere on this page." }));

  const summary = el("p", { id: "summary", class: "summary", "aria-live": "polite" });
  const fresh = el("section", { id: "fresh", class: "fresh", "aria-label": "New articles", hidden: true },
    el("h2", { text: "New since you opened this search" }), el("ol", { class: "results" }));
  const results = el("ol", { id: "results", class: "results" });
  const pager = el("nav", { class: "pager", "aria-label": "Result pages" });
  const facets = el("aside", { id: "facets", class: "facets", "aria-label": "Refine results" });
  const activeFilters = el("div", { id: "active-filters", class: "active-filters" });

  view.append(el("h1", { class: "visually-hidden", text: "Search" }), form,
    el("div", { class: "search-layout" },
      el("section", { class: "result-column", "aria-label": "Results" }, activeFilters, summary, fresh, results, pager),
      facets));

  const onKey = (event) => {
    if (event.key === "/" && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  };
  document.addEventListener("keydown", onKey);

  const typed = debounce(() => { state.q = input.value.trim(); state.cursor = ""; run(false); }, TYPING_PAUSE_MS);
  input.addEventListener("input", typed);
  sort.addEventListener("change", () => { state.sort = sort.value; state.cursor = ""; run(true); });

  function setFilter(dimension, value, on) {
    const values = state.filters[dimension].filter((v) => v !== value);
    if (on) values.push(value);
    state.filters[dimension] = values;
    state.cursor = "";
    run(true);
  }

  function updateUrl(push) {
    const qs = toQueryString(state);
    const url = "/search" + (qs ? "?" + qs : "");
    if (url !== location.pathname + location.search) {
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    }
  }

  async function run(push) {
    updateUrl(push);
    if (controller) controller.abort();
    controller = new AbortController();
    const qs = toQueryString(state);
    summary.textContent = "Searching…";
    let body;
    try {
      body = await api("/api/search?limit=" + PAGE_SIZE + "&facets=1&" + qs, { signal: controller.signal });
    } catch (e) {
      if (e.name === "AbortError") return;
      if (e instanceof ApiError && e.status === 400) {
        showQueryError(e.message, e.body.position);
        summary.textContent = "";
        document.body.dataset.searchReady = String(Math.round(performance.now()));
        return;
      }
      summary.textContent = "Search failed: " + e.message;
      return;
    }
    queryError.hidden = true;
    input.removeAttribute("aria-invalid");
    renderResults(body);
    renderFacets(body.facets || {});
    renderActiveFilters();
    saveWatch.disabled = !state.q;
    startLive();
    document.body.dataset.searchReady = String(Math.round(performance.now()));
  }

  function showQueryError(message, position) {
    queryError.replaceChildren(el("span", { text: message }));
    if (Number.isInteger(position) && position >= 0) {
      const q = input.value;
      queryError.append(el("code", { class: "caret" },
        q.slice(0, position), el("mark", { text: q.slice(position, position + 1) || " " }), q.slice(position + 1)));
    }
    queryError.hidden = false;
    input.setAttribute("aria-invalid", "true");
  }

  function hitItem(hit, isNew) {
    const li = el("li", { class: "hit" + (isNew ? " new" : "") });
    const title = markedHtml("a", hit.titleHtml || hit.title || hit.url, { href: "/article/" + hit.id, "data-nav": true });
    li.append(el("h3", {}, title));
    const meta = el("p", { class: "meta" });
    const parts = [];
    if (hit.site) parts.push(el("span", { class: "site", text: hit.site }));
    if (hit.feeds && hit.feeds.length) parts.push(el("span", { class: "feed", text: hit.feeds.join(", ") }));
    const when = timeEl(hit.published);
    if (when) parts.push(when);
    const original = safeUrl(hit.url);
    if (original) parts.push(el("a", { href: original, rel: "noopener noreferrer", class: "original", text: "original" }));
    parts.forEach((p, i) => { if (i) meta.append(" · "); meta.append(p); });
    li.append(meta, markedHtml("p", hit.snippetHtml, { class: "snippet" }));
    if (hit.otherSources && hit.otherSources.length) {
      const list = el("ul", {}, hit.otherSources.map((u) => {
        const safe = safeUrl(u);
        return el("li", {}, safe ? el("a", { href: safe, rel: "noopener noreferrer", text: u }) : u);
      }));
      li.append(el("details", { class: "sources" }, el("summary", { text: "+" + hit.otherSources.length + " more source" + (hit.otherSources.length > 1 ? "s" : "") }), list));
    }
    return li;
  }

  function renderResults(body) {
    results.replaceChildren();
    const total = body.total.toLocaleString() + (body.totalIsLowerBound ? "+" : "");
    if (!body.hits.length) {
      summary.textContent = "";
      results.append(el("li", { class: "empty" }, emptyState()));
    } else {
      summary.textContent = total + (body.total === 1 ? " article" : " articles") + (state.q ? " match" + (body.total === 1 ? "es" : "") + " “" + state.q + "”" : ", newest first");
      for (const hit of body.hits) results.append(hitItem(hit, false));
    }
    pager.replaceChildren();
    if (state.cursor) {
      pager.append(el("a", { href: "/search?" + toQueryString(state, { withCursor: false }), "data-nav": true, text: "← First page" }));
    }
    if (body.nextCursor) {
      const next = { ...state, cursor: body.nextCursor };
      pager.append(el("a", { href: "/search?" + toQueryString(next), "data-nav": true, rel: "next", text: "Next page →" }));
    }
    announce(summary.textContent || "No results");
  }

  function emptyState() {
    const box = el("div", { class: "empty" });
    if (!state.q && !FILTERS.some((f) => state.filters[f].length)) {
      box.append(el("h2", { text: "Nothing here yet" }),
        el("p", {}, "Gleaner has no articles yet. ", el("a", { href: "/feeds", "data-nav": true, text: "Add a feed" }),
          " — a feed address or just a web site's address — and its articles appear here after the first fetch."));
    } else {
      box.append(el("h2", { text: "No articles match" }),
        el("p", { text: "Try fewer words, remove a filter, or open “Search syntax” to check the query." }));
    }
    return box;
  }

  function renderActiveFilters() {
    activeFilters.replaceChildren();
    for (const f of FILTERS) {
      for (const v of state.filters[f]) {
        activeFilters.append(el("button", { type: "button", class: "chip", "aria-label": "Remove filter " + f + ": " + v,
          onclick: () => setFilter(f, v, false) }, f + ": " + v + " ✕"));
      }
    }
  }

  function renderFacets(counts) {
    facets.replaceChildren(el("h2", { text: "Refine" }));
    const histogram = (counts.published || []).slice().sort((a, b) => a.value.localeCompare(b.value));
    if (histogram.length) {
      const max = Math.max(...histogram.map((b) => b.count));
      const bars = el("ol", { class: "histogram" });
      for (const bucket of histogram) {
        const on = state.filters.published.includes(bucket.value);
        const bar = el("span", { class: "bar" });
        bar.style.height = Math.max(4, Math.round((bucket.count / max) * 60)) + "px"; // CSSOM, allowed by the CSP
        bars.append(el("li", {}, el("button", { type: "button", "aria-pressed": on ? "true" : "false",
          title: bucket.value + ": " + bucket.count, "aria-label": bucket.value + ", " + bucket.count + " articles",
          onclick: () => setFilter("published", bucket.value, !on) }, bar)));
      }
      facets.append(el("section", { class: "facet" }, el("h3", { text: "Published" }), bars,
        el("p", { class: "hint" }, histogram[0].value + " – " + histogram[histogram.length - 1].value)));
    }
    for (const [dimension, label] of DIMENSIONS) {
      const values = counts[dimension] || [];
      const active = state.filters[dimension];
      if (!values.length && !active.length) continue;
      const list = el("ul", {});
      for (const { value, count } of values) {
        const on = active.includes(value);
        list.append(el("li", {}, el("button", { type: "button", class: "facet-value", "data-facet": dimension,
          "aria-pressed": on ? "true" : "false", onclick: () => setFilter(dimension, value, !on) },
          el("span", { class: "facet-label", text: value }), el("span", { class: "count", text: count.toLocaleString() }))));
      }
      facets.append(el("section", { class: "facet" }, el("h3", { text: label }), list));
    }
  }

  function startLive() {
    if (live) live.close();
    delete document.body.dataset.live;
    fresh.hidden = true;
    fresh.querySelector("ol").replaceChildren();
    if (state.cursor) return;
    live = new EventSource("/api/live?" + toQueryString(state, { withCursor: false }));
    live.addEventListener("hit", (event) => {
      const hit = JSON.parse(event.data);
      fresh.hidden = false;
      fresh.querySelector("ol").prepend(hitItem(hit, true));
      announce("New article: " + hit.title);
    });
    live.addEventListener("ready", () => { document.body.dataset.live = "open"; });
    live.addEventListener("error", () => { delete document.body.dataset.live; }); // EventSource reconnects by itself
  }

  // An open EventSource would keep a page in the back/forward cache holding one of the browser's six
  // connections to this server; close it when the page is hidden, reopen when it is shown again.
  const onHide = () => { if (live) { live.close(); live = null; } };
  const onShow = (event) => { if (event.persisted) startLive(); };
  window.addEventListener("pagehide", onHide);
  window.addEventListener("pageshow", onShow);

  focusHeading(state.q ? state.q : "Search");
  document.body.dataset.viewReady = String(Math.round(performance.now()));
  if (document.activeElement === document.body || document.activeElement === view || document.activeElement.tagName === "H1") input.focus();
  run(false);
  return () => {
    document.removeEventListener("keydown", onKey);
    window.removeEventListener("pagehide", onHide);
    window.removeEventListener("pageshow", onShow);
    if (controller) controller.abort();
    if (live) live.close();
  };
}
