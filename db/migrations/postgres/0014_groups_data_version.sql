-- The groups module's data version (see 0012_platform): bumped by every write to its tables.
INSERT INTO data_version (topic, version) VALUES ('groups', 0);

CREATE TRIGGER study_period_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON study_period
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('groups');

CREATE TRIGGER itu_group_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON itu_group
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('groups');

CREATE TRIGGER group_position_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_position
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('groups');
