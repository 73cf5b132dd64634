-- The mandates module's data version (see 0012_platform): bumped by every write to its tables.
INSERT INTO data_version (topic, version) VALUES ('mandates', 0);

CREATE TRIGGER resolution_data_version_insert AFTER INSERT ON resolution
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'mandates';
END;

CREATE TRIGGER resolution_data_version_update AFTER UPDATE ON resolution
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'mandates';
END;

CREATE TRIGGER resolution_data_version_delete AFTER DELETE ON resolution
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'mandates';
END;

CREATE TRIGGER programme_data_version_insert AFTER INSERT ON programme
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'mandates';
END;

CREATE TRIGGER programme_data_version_update AFTER UPDATE ON programme
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'mandates';
END;

CREATE TRIGGER programme_data_version_delete AFTER DELETE ON programme
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'mandates';
END;

CREATE TRIGGER pillar_data_version_insert AFTER INSERT ON pillar
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'mandates';
END;

CREATE TRIGGER pillar_data_version_update AFTER UPDATE ON pillar
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'mandates';
END;

CREATE TRIGGER pillar_data_version_delete AFTER DELETE ON pillar
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'mandates';
END;
