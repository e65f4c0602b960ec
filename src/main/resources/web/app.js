// The search page: a thin client of GET /api/search. Titles and snippets arrive as escaped HTML with
// only <mark> added by the server; every other field is inserted as text.
"use strict";

const form = document.getElementById("search-form");
const input = document.getElementById("q");
const results = document.getElementById("results");
const summary = document.getElementById("summary");
const error = document.getElementById("error");

function text(tag, value, className) {
  const el = document.createElement(tag);
  el.textContent = value == null ? "" : String(value);
  if (className) el.className = className;
  return el;
}

function markedHtml(tag, html) {
  // Server output is escaped text plus <mark>; rebuild it from text nodes so nothing else can slip in.
  const el = document.createElement(tag);
  const parts = String(html).split(/(<mark>|<\/mark>)/);
  let marked = false;
  const decoder = document.createElement("textarea");
  for (const part of parts) {
    if (part === "<mark>") { marked = true; continue; }
    if (part === "</mark>") { marked = false; continue; }
    decoder.innerHTML = part;
    const node = document.createTextNode(decoder.value);
    if (marked) { const m = document.createElement("mark"); m.appendChild(node); el.appendChild(m); }
    else el.appendChild(node);
  }
  return el;
}

function safeUrl(url) {
  try { const u = new URL(url); return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null; }
  catch (e) { return null; }
}

async function search(query) {
  error.hidden = true;
  results.replaceChildren();
  summary.textContent = "Searching…";
  const response = await fetch("/api/search?limit=20&q=" + encodeURIComponent(query));
  const body = await response.json();
  if (!response.ok) {
    summary.textContent = "";
    error.textContent = body.error || "Search failed";
    error.hidden = false;
    return;
  }
  summary.textContent = body.total + (body.totalIsLowerBound ? "+" : "") + " results";
  for (const hit of body.hits) {
    const li = document.createElement("li");
    const heading = markedHtml("h2", hit.titleHtml);
    const href = safeUrl(hit.url);
    if (href) {
      const a = document.createElement("a");
      a.href = href; a.rel = "noopener noreferrer";
      a.append(...heading.childNodes);
      heading.appendChild(a);
    }
    li.appendChild(heading);
    const meta = [hit.site, (hit.feeds || []).join(", "), hit.published ? hit.published.slice(0, 10) : null]
      .filter(Boolean).join(" · ");
    li.appendChild(text("p", meta, "meta"));
    li.appendChild(markedHtml("p", hit.snippetHtml));
    results.appendChild(li);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  if (!query) return;
  history.replaceState(null, "", "?q=" + encodeURIComponent(query));
  search(query);
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) { input.value = initial; search(initial); }
