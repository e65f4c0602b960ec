-- Saved queries ("watches"), their alerts and the delivery outbox (issue 6). Times are epoch milliseconds.
CREATE TABLE watches (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    query       TEXT NOT NULL,                     -- the search query language
    pace        TEXT NOT NULL DEFAULT 'immediate', -- immediate | hourly | daily
    paused      INTEGER NOT NULL DEFAULT 0,
    feed_token  TEXT,                              -- secret for the Atom feed URL; null = public feed
    version     INTEGER NOT NULL DEFAULT 1,        -- bumped on every edit
    error       TEXT,                              -- why the query cannot run, null when it can
    created     INTEGER NOT NULL,
    updated     INTEGER NOT NULL
);

-- Where a watch's alerts go besides its Atom feed.
CREATE TABLE watch_channels (
    id              INTEGER PRIMARY KEY,
    watch_id        INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,                 -- webhook | slack | email
    target          TEXT NOT NULL,                 -- URL or e-mail address
    secret          TEXT,                          -- whsec_… signing secret for webhooks
    disabled_reason TEXT,                          -- set when the endpoint answered 410 Gone
    UNIQUE (watch_id, kind, target)
);

-- Every watch edit, so a running monitor picks up edits made by another process.
CREATE TABLE watch_changes (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    watch_id INTEGER NOT NULL
);

-- One alert per watch and story, however often or by however many feeds the story arrives.
CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    watch_id   INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    story_id   TEXT NOT NULL,
    doc_key    TEXT NOT NULL,
    title      TEXT NOT NULL,
    url        TEXT NOT NULL,
    published  INTEGER,
    passage    TEXT NOT NULL,                      -- why it matched: HTML with <mark>
    matched_at INTEGER NOT NULL,
    change_seq INTEGER NOT NULL,
    UNIQUE (watch_id, story_id)
);
CREATE INDEX alerts_by_watch ON alerts (watch_id, id);

-- The outbox: one row per alert and channel, written with the alert.
CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY,
    alert_id     INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel_id   INTEGER NOT NULL REFERENCES watch_channels (id) ON DELETE CASCADE,
    due_at       INTEGER NOT NULL,                 -- immediate: when matched; digest: the end of its window
    state        TEXT NOT NULL DEFAULT 'pending',  -- pending | delivered | dead
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt INTEGER NOT NULL,
    last_status  INTEGER,
    last_error   TEXT,
    delivered_at INTEGER,
    UNIQUE (alert_id, channel_id)
);
CREATE INDEX deliveries_pending ON deliveries (state, channel_id, due_at, id);

-- Consumers of the change log other than the index (which keeps its cursor in its commit).
CREATE TABLE cursors (
    consumer TEXT PRIMARY KEY,
    seq      INTEGER NOT NULL
);
