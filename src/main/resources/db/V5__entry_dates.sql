-- The adaptive schedule reads a feed's newest entry dates on every refresh, 304s included: an index in
-- that order keeps the read small however many entries a feed has collected.
CREATE INDEX entries_by_feed_date ON entries (feed_id, COALESCE(published, first_seen));
