-- events: meetings, trainings and forums (event), the groups they belong to (event_group),
-- who registered (event_registration) and who took part, day by day (event_attendance).
--
-- Dates are ISO-8601 text "YYYY-MM-DD" in the venue's time zone; timestamps are UTC ISO-8601 text
-- with milliseconds, written by the application. Booleans are 0/1 integers on both backends.
-- taken_in_person / taken_remote count the registrations that hold a place; the CHECKs keep them
-- within capacity, and registrations take places with a conditional UPDATE of this row.

CREATE TABLE event (
  id INTEGER PRIMARY KEY,
  code TEXT UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN (
      'study_group_meeting', 'working_party_meeting', 'regional_group_meeting', 'tsag',
      'regional_standardization_forum', 'workshop', 'bsg_training', 'other_forum')),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL CHECK (length(start_date) = 10),
  end_date TEXT NOT NULL CHECK (length(end_date) = 10),
  date_precision TEXT NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day', 'month')),
  time_zone TEXT NOT NULL DEFAULT 'UTC',
  start_time TEXT,
  end_time TEXT,
  city TEXT,
  country TEXT REFERENCES country (iso2),
  host TEXT NOT NULL DEFAULT '',
  mode TEXT NOT NULL CHECK (mode IN ('in_person', 'virtual', 'hybrid')),
  status TEXT NOT NULL
    CHECK (status IN ('planned', 'confirmed', 'held', 'postponed', 'cancelled')),
  parent_id INTEGER REFERENCES event (id),
  programme INTEGER REFERENCES programme (number),
  pillar TEXT REFERENCES pillar (code),
  topics_json TEXT NOT NULL DEFAULT '[]',
  remote_link TEXT,
  remote_dial_in TEXT,
  interpretation_languages TEXT NOT NULL DEFAULT '',
  remote_link_public INTEGER NOT NULL DEFAULT 0 CHECK (remote_link_public IN (0, 1)),
  requires_endorsement INTEGER NOT NULL DEFAULT 0 CHECK (requires_endorsement IN (0, 1)),
  capacity_in_person INTEGER CHECK (capacity_in_person IS NULL OR capacity_in_person >= 0),
  capacity_remote INTEGER CHECK (capacity_remote IS NULL OR capacity_remote >= 0),
  taken_in_person INTEGER NOT NULL DEFAULT 0 CHECK (taken_in_person >= 0),
  taken_remote INTEGER NOT NULL DEFAULT 0 CHECK (taken_remote >= 0),
  waitlist_seq INTEGER NOT NULL DEFAULT 0,
  sequence INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (end_date >= start_date),
  CHECK (capacity_in_person IS NULL OR taken_in_person <= capacity_in_person),
  CHECK (capacity_remote IS NULL OR taken_remote <= capacity_remote)
);
CREATE INDEX event_dates ON event (start_date, end_date);
CREATE INDEX event_kind_dates ON event (kind, start_date);
CREATE INDEX event_parent ON event (parent_id);
CREATE INDEX event_country ON event (country);

-- The Study Groups, regional groups and TSAG an event belongs to (ids of the groups module).
CREATE TABLE event_group (
  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES itu_group (id),
  PRIMARY KEY (event_id, group_id)
);
CREATE INDEX event_group_group ON event_group (group_id);

CREATE TABLE event_registration (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES event (id),
  person_id INTEGER NOT NULL REFERENCES person (id),
  mode TEXT NOT NULL CHECK (mode IN ('in_person', 'remote')),
  role TEXT NOT NULL CHECK (role IN ('delegate', 'speaker', 'trainer', 'chair')),
  status TEXT NOT NULL CHECK (status IN
    ('registered', 'approved', 'attended', 'no_show', 'cancelled', 'waitlisted')),
  waitlist_position INTEGER,
  approved_by INTEGER REFERENCES user_account (id),
  approved_at TEXT,
  created_by INTEGER REFERENCES user_account (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (event_id, person_id),
  CHECK ((status = 'waitlisted') = (waitlist_position IS NOT NULL))
);
CREATE INDEX event_registration_waitlist
  ON event_registration (event_id, mode, status, waitlist_position);
CREATE INDEX event_registration_person ON event_registration (person_id);

CREATE TABLE event_attendance (
  id INTEGER PRIMARY KEY,
  registration_id INTEGER NOT NULL REFERENCES event_registration (id),
  day TEXT NOT NULL CHECK (length(day) = 10),
  mode TEXT NOT NULL CHECK (mode IN ('in_person', 'remote')),
  source TEXT NOT NULL CHECK (source IN ('checkin', 'remote_join')),
  recorded_by INTEGER REFERENCES user_account (id),
  recorded_at TEXT NOT NULL,
  UNIQUE (registration_id, day)
);
CREATE INDEX event_attendance_day ON event_attendance (day);
