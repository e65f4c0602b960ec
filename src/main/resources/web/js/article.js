import { api } from "./api.js";
import { el, markedHtml, safeUrl, sanitizedHtml, timeEl } from "./dom.js";
import { focusHeading } from "./app.js";

export async function articleView(view, match) {
  const id = match[1];
  let article;
  try {
    article = await api("/api/articles/" + id);
  } catch (e) {
    view.append(el("h1", { text: e.status === 404 ? "Article not found" : "Could not load the article" }),
      el("p", {}, e.message, " ", el("a", { href: "/search", "data-nav": true, text: "Back to search" })));
    focusHeading("Article not found");
    return;
  }
  const original = safeUrl(article.url);
  const byline = el("p", { class: "meta byline" });
  const parts = [];
  if (article.byline) parts.push(el("span", { class: "author", text: article.byline }));
  if (article.siteName || article.site) parts.push(el("span", { text: article.siteName || article.site }));
  const when = timeEl(article.published);
  if (when) parts.push(when);
  parts.forEach((p, i) => { if (i) byline.append(" · "); byline.append(p); });

  const body = el("div", { class: "article-body", lang: article.language || null });
  body.append(sanitizedHtml(article.html));

  const readingView = el("article", { class: "reading" },
    el("header", {}, el("h1", { text: article.title || article.url || "Untitled" }), byline,
      original ? el("p", {}, el("a", { class: "original-link", href: original, rel: "noopener noreferrer", text: "Read the original at " + (article.site || new URL(original).host) })) : null),
    body);

  const entries = el("section", { class: "pointers", "aria-labelledby": "pointers-h" },
    el("h2", { id: "pointers-h", text: article.isArticle ? "Pointed to by" : "From the feed" }));
  for (const entry of article.entries || []) {
    const link = safeUrl(entry.url);
    const meta = el("p", { class: "meta" }, el("span", { class: "feed", text: entry.feedTitle || entry.feed }));
    if (entry.author) meta.append(" · ", el("span", { text: entry.author }));
    const entryWhen = timeEl(entry.published);
    if (entryWhen) meta.append(" · ", entryWhen);
    const commentary = el("div", { class: "commentary" });
    commentary.append(sanitizedHtml(entry.html));
    entries.append(el("article", { class: "card entry" },
      el("h3", {}, link ? el("a", { href: link, rel: "noopener noreferrer", text: entry.title || link }) : (entry.title || "Untitled entry")),
      meta, article.isArticle ? commentary : null,
      entry.note ? el("p", { class: "hint", text: entry.note }) : null));
  }

  const sources = el("section", { class: "sources", "aria-labelledby": "sources-h" }, el("h2", { id: "sources-h", text: "Other sources" }));
  const sourceList = el("ul", {});
  for (const url of article.sources || []) {
    const safe = safeUrl(url);
    sourceList.append(el("li", {}, safe ? el("a", { href: safe, rel: "noopener noreferrer", text: url }) : url));
  }
  if (sourceList.children.length) sources.append(sourceList); else sources.hidden = true;

  const similar = el("section", { class: "similar", "aria-labelledby": "similar-h" }, el("h2", { id: "similar-h", text: "Similar articles" }));
  const similarList = el("ul", { id: "similar" });
  similar.append(similarList);

  view.append(el("div", { class: "article-layout" }, readingView, el("aside", { class: "article-side", "aria-label": "About this story" }, entries, sources, similar)));
  focusHeading(article.title || "Article");

  api("/api/articles/" + id + "/similar?limit=5").then((result) => {
    if (!result.hits.length) { similarList.append(el("li", { class: "hint", text: "No similar articles yet." })); return; }
    for (const hit of result.hits) {
      similarList.append(el("li", {}, markedHtml("a", hit.titleHtml || hit.title, { href: "/article/" + hit.id, "data-nav": true }),
        el("span", { class: "meta" }, " ", hit.site || "", " ", timeEl(hit.published) || "")));
    }
  }).catch(() => { similar.hidden = true; });
}
