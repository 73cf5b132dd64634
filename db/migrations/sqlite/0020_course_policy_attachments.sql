-- course: the quiz's place in a course's weighted grading policy (quiz.grader_type, matched to
-- the grader types in course.grading_policy), and files attached to a module
-- (course_module_attachment: the bytes, their checked type, size and SHA-256).

ALTER TABLE quiz ADD COLUMN grader_type TEXT CHECK (grader_type IS NULL OR length(grader_type) BETWEEN 1 AND 60);

CREATE TABLE course_module_attachment (
  id INTEGER PRIMARY KEY,
  module_id INTEGER NOT NULL REFERENCES course_module (id),
  file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  content BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX course_module_attachment_module ON course_module_attachment (module_id);

CREATE TRIGGER course_module_attachment_data_version_insert AFTER INSERT ON course_module_attachment
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER course_module_attachment_data_version_update AFTER UPDATE ON course_module_attachment
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER course_module_attachment_data_version_delete AFTER DELETE ON course_module_attachment
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;
