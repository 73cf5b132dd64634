-- course: the online courses (course, course_module, course_module_text), who is enrolled
-- (enrolment) and how far they are (module_progress), the question bank (question_category,
-- question, question_version), quizzes (quiz, quiz_slot) and attempts (attempt, attempt_slot,
-- attempt_answer), and the certificates issued (certificate) with their revocation list
-- (certificate_status_list) and the key that signs them (certificate_signing_key).
--
-- Timestamps are UTC ISO-8601 text with milliseconds and dates "YYYY-MM-DD", written by the
-- application. Shares of a mark are integers in 1e-7 units and percentages integers in
-- hundredths (8000 is 80.00%), so grading never meets floating point.

CREATE TABLE course (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 60),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description TEXT NOT NULL DEFAULT '',
  languages TEXT NOT NULL DEFAULT 'en',
  opens_on TEXT CHECK (opens_on IS NULL OR length(opens_on) = 10),
  closes_on TEXT CHECK (closes_on IS NULL OR length(closes_on) = 10),
  pass_mark_e2 INTEGER NOT NULL DEFAULT 8000 CHECK (pass_mark_e2 BETWEEN 0 AND 10000),
  grading_policy TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE course_module (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES course (id),
  position INTEGER NOT NULL CHECK (position >= 1),
  estimated_minutes INTEGER NOT NULL DEFAULT 0 CHECK (estimated_minutes >= 0),
  UNIQUE (course_id, position)
);

CREATE TABLE course_module_text (
  module_id INTEGER NOT NULL REFERENCES course_module (id) ON DELETE CASCADE,
  language TEXT NOT NULL CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  body_markdown TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (module_id, language)
);

CREATE TABLE enrolment (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES course (id),
  person_id INTEGER NOT NULL REFERENCES person (id),
  user_id INTEGER REFERENCES user_account (id),
  language TEXT NOT NULL CHECK (language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
  source TEXT NOT NULL CHECK (source IN ('self', 'officer', 'import', 'seed')),
  enrolled_at TEXT NOT NULL,
  enrolled_on TEXT NOT NULL CHECK (length(enrolled_on) = 10),
  completed_at TEXT,
  UNIQUE (course_id, person_id)
);
CREATE INDEX enrolment_user ON enrolment (user_id);
CREATE INDEX enrolment_on ON enrolment (enrolled_on);

CREATE TABLE module_progress (
  enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
  module_id INTEGER NOT NULL REFERENCES course_module (id),
  visited_at TEXT NOT NULL,
  quiz_passed_at TEXT,
  PRIMARY KEY (enrolment_id, module_id)
);

CREATE TABLE question_category (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE CHECK (length(path) BETWEEN 1 AND 500)
);

CREATE TABLE question (
  id INTEGER PRIMARY KEY,
  category_id INTEGER NOT NULL REFERENCES question_category (id),
  current_version INTEGER NOT NULL CHECK (current_version >= 1),
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('multichoice', 'truefalse', 'shortanswer', 'numerical',
                                     'matching', 'essay', 'description')),
  tags TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX question_category_of ON question (category_id);

-- Every version a question had; an attempt keeps the version it was given.
CREATE TABLE question_version (
  question_id INTEGER NOT NULL REFERENCES question (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (question_id, version)
);

-- module_id NULL: the course's final assessment.
CREATE TABLE quiz (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES course (id),
  module_id INTEGER REFERENCES course_module (id),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  time_limit_seconds INTEGER NOT NULL DEFAULT 0 CHECK (time_limit_seconds >= 0),
  attempts_allowed INTEGER NOT NULL DEFAULT 0 CHECK (attempts_allowed >= 0),
  grading_method TEXT NOT NULL DEFAULT 'highest'
    CHECK (grading_method IN ('highest', 'average', 'first', 'last')),
  pass_mark_e2 INTEGER NOT NULL DEFAULT 8000 CHECK (pass_mark_e2 BETWEEN 0 AND 10000),
  shuffle_answers INTEGER NOT NULL DEFAULT 1 CHECK (shuffle_answers IN (0, 1)),
  review_correct INTEGER NOT NULL DEFAULT 1 CHECK (review_correct IN (0, 1))
);
CREATE INDEX quiz_course ON quiz (course_id);

-- A slot is one fixed question, or a question drawn from a category (random).
CREATE TABLE quiz_slot (
  quiz_id INTEGER NOT NULL REFERENCES quiz (id),
  position INTEGER NOT NULL CHECK (position >= 1),
  question_id INTEGER REFERENCES question (id),
  category_id INTEGER REFERENCES question_category (id),
  mark INTEGER NOT NULL DEFAULT 1 CHECK (mark >= 0),
  CHECK ((question_id IS NULL) <> (category_id IS NULL)),
  PRIMARY KEY (quiz_id, position)
);

CREATE TABLE attempt (
  id INTEGER PRIMARY KEY,
  quiz_id INTEGER NOT NULL REFERENCES quiz (id),
  enrolment_id INTEGER NOT NULL REFERENCES enrolment (id),
  number INTEGER NOT NULL CHECK (number >= 1),
  started_at TEXT NOT NULL,
  deadline_at TEXT,
  submitted_at TEXT,
  earned_e7 INTEGER,
  max_e7 INTEGER,
  percent_e2 INTEGER,
  UNIQUE (quiz_id, enrolment_id, number)
);
CREATE INDEX attempt_enrolment ON attempt (enrolment_id);

CREATE TABLE attempt_slot (
  attempt_id INTEGER NOT NULL REFERENCES attempt (id),
  position INTEGER NOT NULL,
  question_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  mark INTEGER NOT NULL,
  answer_order TEXT NOT NULL DEFAULT '',
  earned_e7 INTEGER,
  PRIMARY KEY (attempt_id, position),
  FOREIGN KEY (question_id, version) REFERENCES question_version (question_id, version)
);

-- The latest response per slot; answer_id is the client's id of that response, so a repeated
-- request changes nothing.
CREATE TABLE attempt_answer (
  attempt_id INTEGER NOT NULL REFERENCES attempt (id),
  position INTEGER NOT NULL,
  answer_id TEXT NOT NULL CHECK (length(answer_id) BETWEEN 1 AND 64),
  response TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (attempt_id, position)
);

CREATE TABLE certificate (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  enrolment_id INTEGER NOT NULL UNIQUE REFERENCES enrolment (id),
  course_id INTEGER NOT NULL REFERENCES course (id),
  person_id INTEGER NOT NULL REFERENCES person (id),
  learner_name TEXT NOT NULL,
  learner_name_latin TEXT,
  language TEXT NOT NULL,
  score_e2 INTEGER NOT NULL,
  issued_at TEXT NOT NULL,
  issued_on TEXT NOT NULL CHECK (length(issued_on) = 10),
  status_index INTEGER NOT NULL UNIQUE,
  revoked_at TEXT,
  revoked_reason TEXT
);
CREATE INDEX certificate_issued_on ON certificate (issued_on);

-- The revocation bits of the certificates, one bit per status_index (W3C Bitstring Status List).
CREATE TABLE certificate_status_list (
  id INTEGER PRIMARY KEY,
  bits BLOB NOT NULL,
  updated_at TEXT NOT NULL
);

-- The Ed25519 keys that sign certificates (the newest signs; older ones still verify).
CREATE TABLE certificate_signing_key (
  kid TEXT PRIMARY KEY,
  seed TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- The course's data version (see 0012_platform), bumped by every write to its tables except the
-- learners' own traffic (attempt, attempt_slot, attempt_answer, module_progress): thousands of
-- learners answering at once must not queue on one row, and nothing versioned is built from them
-- (what the report counts, enrolments and certificates, does bump it).
INSERT INTO data_version (topic, version) VALUES ('course', 0);

CREATE TRIGGER course_data_version_insert AFTER INSERT ON course
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER course_data_version_update AFTER UPDATE ON course
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER course_data_version_delete AFTER DELETE ON course
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER course_module_data_version_insert AFTER INSERT ON course_module
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER course_module_data_version_update AFTER UPDATE ON course_module
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER course_module_data_version_delete AFTER DELETE ON course_module
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER course_module_text_data_version_insert AFTER INSERT ON course_module_text
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER course_module_text_data_version_update AFTER UPDATE ON course_module_text
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER course_module_text_data_version_delete AFTER DELETE ON course_module_text
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER enrolment_data_version_insert AFTER INSERT ON enrolment
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER enrolment_data_version_update AFTER UPDATE ON enrolment
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER enrolment_data_version_delete AFTER DELETE ON enrolment
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER question_category_data_version_insert AFTER INSERT ON question_category
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER question_category_data_version_update AFTER UPDATE ON question_category
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER question_category_data_version_delete AFTER DELETE ON question_category
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER question_data_version_insert AFTER INSERT ON question
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER question_data_version_update AFTER UPDATE ON question
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER question_data_version_delete AFTER DELETE ON question
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER question_version_data_version_insert AFTER INSERT ON question_version
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER question_version_data_version_update AFTER UPDATE ON question_version
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER question_version_data_version_delete AFTER DELETE ON question_version
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER quiz_data_version_insert AFTER INSERT ON quiz
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER quiz_data_version_update AFTER UPDATE ON quiz
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER quiz_data_version_delete AFTER DELETE ON quiz
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER quiz_slot_data_version_insert AFTER INSERT ON quiz_slot
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER quiz_slot_data_version_update AFTER UPDATE ON quiz_slot
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER quiz_slot_data_version_delete AFTER DELETE ON quiz_slot
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER certificate_data_version_insert AFTER INSERT ON certificate
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER certificate_data_version_update AFTER UPDATE ON certificate
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER certificate_data_version_delete AFTER DELETE ON certificate
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER certificate_status_list_data_version_insert AFTER INSERT ON certificate_status_list
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER certificate_status_list_data_version_update AFTER UPDATE ON certificate_status_list
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER certificate_status_list_data_version_delete AFTER DELETE ON certificate_status_list
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER certificate_signing_key_data_version_insert AFTER INSERT ON certificate_signing_key
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER certificate_signing_key_data_version_update AFTER UPDATE ON certificate_signing_key
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;

CREATE TRIGGER certificate_signing_key_data_version_delete AFTER DELETE ON certificate_signing_key
BEGIN
  UPDATE data_version SET version = version + 1 WHERE topic = 'course';
END;
