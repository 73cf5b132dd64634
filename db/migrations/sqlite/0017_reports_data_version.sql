-- The reports module's data version (see 0012_platform): bumped by every write to its tables.
INSERT INTO data_version (topic, version) VALUES ('reports', 0);

CREATE TRIGGER report_template_override_data_version_insert AFTER INSERT ON report_template_override
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'reports';
END;

CREATE TRIGGER report_template_override_data_version_update AFTER UPDATE ON report_template_override
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'reports';
END;

CREATE TRIGGER report_template_override_data_version_delete AFTER DELETE ON report_template_override
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'reports';
END;
