-- Gleaner store of record, version 1. Times are epoch milliseconds (UTC); lists are newline-joined.
CREATE TABLE feeds (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT NOT NULL UNIQUE,
    config_url           TEXT NOT NULL,          -- what feeds.yaml says
    url                  TEXT NOT NULL,          -- what we fetch: follows permanent redirects
    tags                 TEXT NOT NULL DEFAULT '',
    active               INTEGER NOT NULL DEFAULT 1,
    title                TEXT,
    etag                 TEXT,
    last_modified        TEXT,
    last_fetched         INTEGER,
    last_status          INTEGER,
    last_outcome         TEXT,
    last_error           TEXT,
    failing_since        INTEGER,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_check           INTEGER
);

CREATE TABLE articles (
    key          TEXT PRIMARY KEY,               -- normalized URL
    url          TEXT NOT NULL,
    site         TEXT,
    title        TEXT,
    byline       TEXT,
    published    INTEGER,
    modified     INTEGER,
    site_name    TEXT,
    language     TEXT,
    description  TEXT,
    lead_image   TEXT,
    html         TEXT NOT NULL,
    text         TEXT NOT NULL,
    fetched_at   INTEGER NOT NULL
);

CREATE TABLE entries (
    feed_id      INTEGER NOT NULL REFERENCES feeds (id),
    key          TEXT NOT NULL,                  -- GUID, else link, else content hash
    title        TEXT,
    link         TEXT,
    site         TEXT,
    author       TEXT,
    published    INTEGER,
    updated      INTEGER,
    categories   TEXT NOT NULL DEFAULT '',
    html         TEXT NOT NULL,
    text         TEXT NOT NULL,
    content_hash TEXT NOT NULL,                  -- what the feed sent: a change re-processes the entry
    article_key  TEXT REFERENCES articles (key),
    article_note TEXT,
    first_seen   INTEGER NOT NULL,
    PRIMARY KEY (feed_id, key)
);
CREATE INDEX entries_by_article ON entries (article_key);

-- Append-only log of search-document changes (DESIGN invariant 3).
CREATE TABLE changes (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_key TEXT NOT NULL,
    at      INTEGER NOT NULL
);
