-- The mandates module's data version (see 0012_platform): bumped by every write to its tables.
INSERT INTO data_version (topic, version) VALUES ('mandates', 0);

CREATE TRIGGER resolution_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON resolution
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('mandates');

CREATE TRIGGER programme_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON programme
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('mandates');

CREATE TRIGGER pillar_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pillar
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('mandates');
