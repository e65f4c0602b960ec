-- Syndicated copies: the same agency story on several sites shares one story id (issue 4).
ALTER TABLE articles ADD COLUMN story_id TEXT;
ALTER TABLE articles ADD COLUMN fingerprint INTEGER;
-- The 64-bit fingerprint in four 16-bit bands: copies within 3 bits share at least one band.
ALTER TABLE articles ADD COLUMN band0 INTEGER;
ALTER TABLE articles ADD COLUMN band1 INTEGER;
ALTER TABLE articles ADD COLUMN band2 INTEGER;
ALTER TABLE articles ADD COLUMN band3 INTEGER;
CREATE INDEX articles_band0 ON articles (band0);
CREATE INDEX articles_band1 ON articles (band1);
CREATE INDEX articles_band2 ON articles (band2);
CREATE INDEX articles_band3 ON articles (band3);
