-- The registry module's data version (see 0012_platform): bumped by every write to its tables.
INSERT INTO data_version (topic, version) VALUES ('registry', 0);

CREATE TRIGGER country_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON country
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');

CREATE TRIGGER country_class_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON country_class
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');

CREATE TRIGGER organization_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');

CREATE TRIGGER person_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON person
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');
