// Small DOM helpers. Feed and article content reaches the page only through text nodes, through
// markedHtml (escaped text plus <mark>) or through sanitizedHtml (HTML the server sanitized at
// ingest, filtered again here against an allowlist). Nothing is ever assigned to innerHTML of the page.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function safeUrl(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (e) {
    return null;
  }
}

/** Escaped text with only <mark> added (search titles and snippets), rebuilt from text nodes. */
export function markedHtml(tag, html, attrs = {}) {
  const node = el(tag, attrs);
  const decoder = document.createElement("textarea");
  let marked = false;
  for (const part of String(html ?? "").split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") { marked = true; continue; }
    if (part === "</mark>") { marked = false; continue; }
    decoder.innerHTML = part; // a detached <textarea> only decodes entities; nothing is parsed as markup
    const text = document.createTextNode(decoder.value);
    node.append(marked ? el("mark", {}, text) : text);
  }
  return node;
}

const ALLOWED = new Set(["a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn",
  "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
  "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "table",
  "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul"]);
const DROPPED = new Set(["script", "style", "iframe", "object", "embed", "form", "input", "button", "textarea",
  "select", "template", "svg", "math", "link", "meta", "base", "frame", "frameset", "noscript"]);
const ATTRIBUTES = new Set(["href", "src", "alt", "title", "colspan", "rowspan", "datetime", "cite"]);

/** A fragment built from already-sanitized HTML, filtered again: defence in depth, not the main guard. */
export function sanitizedHtml(html) {
  const parsed = new DOMParser().parseFromString(String(html ?? ""), "text/html"); // inert: scripts never run
  const fragment = document.createDocumentFragment();
  for (const child of [...parsed.body.childNodes]) {
    const copy = cleanNode(child);
    if (copy) fragment.append(copy);
  }
  return fragment;
}

function cleanNode(node) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.data);
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const tag = node.localName;
  if (DROPPED.has(tag)) return null;
  const children = [...node.childNodes].map(cleanNode).filter(Boolean);
  if (!ALLOWED.has(tag)) {
    const fragment = document.createDocumentFragment();
    fragment.append(...children);
    return fragment;
  }
  const copy = document.createElement(tag);
  for (const attr of [...node.attributes]) {
    const name = attr.name.toLowerCase();
    if (!ATTRIBUTES.has(name)) continue;
    if (name === "href" || name === "src" || name === "cite") {
      const url = safeUrl(attr.value);
      if (url) copy.setAttribute(name, url);
    } else {
      copy.setAttribute(name, attr.value);
    }
  }
  if (tag === "a") copy.setAttribute("rel", "noopener noreferrer nofollow");
  if (tag === "img") { copy.setAttribute("loading", "lazy"); copy.setAttribute("referrerpolicy", "no-referrer"); }
  copy.append(...children);
  return copy;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function date(value, withTime = false) {
  if (!value) return "";
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? "" : (withTime ? dateTimeFormat : dateFormat).format(d);
}

export function timeEl(value, withTime = false) {
  if (!value) return null;
  return el("time", { datetime: value, text: date(value, withTime) });
}

export function announce(message) {
  const announcer = document.getElementById("announcer");
  announcer.textContent = "";
  setTimeout(() => { announcer.textContent = message; }, 50);
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

export function bytes(n) {
  if (n == null) return "–";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  let v = Number(n);
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return (i === 0 ? v : v.toFixed(1)) + " " + units[i];
}
