-- Platform-wide facts kept as key/value pairs (for example whether the demo data was seeded).
CREATE TABLE platform_info (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
