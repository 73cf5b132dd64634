-- The registry module's data version (see 0012_platform): bumped by every write to its tables.
INSERT INTO data_version (topic, version) VALUES ('registry', 0);

CREATE TRIGGER country_data_version_insert AFTER INSERT ON country
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;

CREATE TRIGGER country_data_version_update AFTER UPDATE ON country
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;

CREATE TRIGGER country_data_version_delete AFTER DELETE ON country
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;

CREATE TRIGGER country_class_data_version_insert AFTER INSERT ON country_class
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;

CREATE TRIGGER country_class_data_version_update AFTER UPDATE ON country_class
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;

CREATE TRIGGER country_class_data_version_delete AFTER DELETE ON country_class
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;

CREATE TRIGGER organization_data_version_insert AFTER INSERT ON organization
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;

CREATE TRIGGER organization_data_version_update AFTER UPDATE ON organization
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;

CREATE TRIGGER organization_data_version_delete AFTER DELETE ON organization
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;

CREATE TRIGGER person_data_version_insert AFTER INSERT ON person
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;

CREATE TRIGGER person_data_version_update AFTER UPDATE ON person
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;

CREATE TRIGGER person_data_version_delete AFTER DELETE ON person
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'registry';
END;
