-- The groups module's data version (see 0012_platform): bumped by every write to its tables.
INSERT INTO data_version (topic, version) VALUES ('groups', 0);

CREATE TRIGGER study_period_data_version_insert AFTER INSERT ON study_period
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'groups';
END;

CREATE TRIGGER study_period_data_version_update AFTER UPDATE ON study_period
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'groups';
END;

CREATE TRIGGER study_period_data_version_delete AFTER DELETE ON study_period
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'groups';
END;

CREATE TRIGGER itu_group_data_version_insert AFTER INSERT ON itu_group
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'groups';
END;

CREATE TRIGGER itu_group_data_version_update AFTER UPDATE ON itu_group
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'groups';
END;

CREATE TRIGGER itu_group_data_version_delete AFTER DELETE ON itu_group
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'groups';
END;

CREATE TRIGGER group_position_data_version_insert AFTER INSERT ON group_position
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'groups';
END;

CREATE TRIGGER group_position_data_version_update AFTER UPDATE ON group_position
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'groups';
END;

CREATE TRIGGER group_position_data_version_delete AFTER DELETE ON group_position
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'groups';
END;
