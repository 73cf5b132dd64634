-- The events module's data version (see 0012_platform): bumped by every write to its tables.
INSERT INTO data_version (topic, version) VALUES ('events', 0);

CREATE TRIGGER event_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('events');

CREATE TRIGGER event_group_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_group
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('events');

CREATE TRIGGER event_registration_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_registration
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('events');

CREATE TRIGGER event_attendance_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_attendance
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('events');
