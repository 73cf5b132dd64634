-- The version of each module's data, for documents built from it (reports, figures): a cache
-- keeps a document under the versions it was built from, and a write to the data makes the next
-- request build it anew. Each module's migration "NNNN_<module>_data_version" adds its row and
-- the triggers that bump it (SQLite has row triggers only: one increment per row written), in the
-- writing transaction, so the new version is seen exactly when the data is. Read through
-- db::DataVersion (platform/db/data_version.h).
CREATE TABLE data_version (
  topic TEXT PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 0
);
