-- The reports module's data version (see 0012_platform): bumped by every write to its tables.
INSERT INTO data_version (topic, version) VALUES ('reports', 0);

CREATE TRIGGER report_template_override_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON report_template_override
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('reports');
