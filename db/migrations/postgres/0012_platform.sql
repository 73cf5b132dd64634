-- The version of each module's data, for documents built from it (reports, figures): a cache
-- keeps a document under the versions it was built from, and a write to the data makes the next
-- request build it anew. Each module's migration "NNNN_<module>_data_version" adds its row and
-- the triggers that bump it: one increment per statement that writes one of its tables, in the
-- writing transaction, so the new version is seen exactly when the data is (also by other
-- servers on the same database). Read through db::DataVersion (platform/db/data_version.h).
CREATE TABLE data_version (
  topic TEXT PRIMARY KEY,
  version BIGINT NOT NULL DEFAULT 0
);

-- A statement trigger's function: bumps the topic named by the trigger's argument.
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = TG_ARGV[0];
  RETURN NULL;
END
$$;
