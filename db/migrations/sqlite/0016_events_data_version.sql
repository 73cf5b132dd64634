-- The events module's data version (see 0012_platform): bumped by every write to its tables.
INSERT INTO data_version (topic, version) VALUES ('events', 0);

CREATE TRIGGER event_data_version_insert AFTER INSERT ON event
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;

CREATE TRIGGER event_data_version_update AFTER UPDATE ON event
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;

CREATE TRIGGER event_data_version_delete AFTER DELETE ON event
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;

CREATE TRIGGER event_group_data_version_insert AFTER INSERT ON event_group
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;

CREATE TRIGGER event_group_data_version_update AFTER UPDATE ON event_group
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;

CREATE TRIGGER event_group_data_version_delete AFTER DELETE ON event_group
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;

CREATE TRIGGER event_registration_data_version_insert AFTER INSERT ON event_registration
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;

CREATE TRIGGER event_registration_data_version_update AFTER UPDATE ON event_registration
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;

CREATE TRIGGER event_registration_data_version_delete AFTER DELETE ON event_registration
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;

CREATE TRIGGER event_attendance_data_version_insert AFTER INSERT ON event_attendance
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;

CREATE TRIGGER event_attendance_data_version_update AFTER UPDATE ON event_attendance
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;

CREATE TRIGGER event_attendance_data_version_delete AFTER DELETE ON event_attendance
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'events';
END;
