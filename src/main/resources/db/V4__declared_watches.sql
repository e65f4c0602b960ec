-- Watches written in the configuration file's `watches:` section (1) rather than made with the CLI or
-- the API (0): the file owns them, so one removed from the file is removed here too.
ALTER TABLE watches ADD COLUMN declared INTEGER NOT NULL DEFAULT 0;
