-- events: indexes for the statistics over registrations and attendance (until now created by the
-- reports module's migration under other names), and the views the events module publishes to
-- other modules (README, "Publishes").

DROP INDEX IF EXISTS report_registration_stats;
DROP INDEX IF EXISTS report_attendance_day_mode;
DROP INDEX IF EXISTS report_attendance_registration_mode;
-- Trainees and participation: registrations of an event by status and role, with the person,
-- answered from the index alone.
CREATE INDEX event_registration_stats ON event_registration (event_id, status, role, person_id);
-- Participation by month: attendance days in a date range, with their mode and registration.
CREATE INDEX event_attendance_day_mode ON event_attendance (day, mode, registration_id);
-- Participation by mode: a registration's attendance days with their mode.
CREATE INDEX event_attendance_registration_mode ON event_attendance (registration_id, mode);

-- One row per attendance day: who took part in which event, on which day, in person or remotely,
-- in which role and with which registration status.
CREATE VIEW events_attendance_facts AS
  SELECT e.id AS event_id, e.kind AS event_kind, e.status AS event_status,
         e.start_date AS event_start_date, e.end_date AS event_end_date,
         r.id AS registration_id, r.person_id, r.role, r.status AS registration_status,
         a.day, a.mode
  FROM event_attendance a
  JOIN event_registration r ON r.id = a.registration_id
  JOIN event e ON e.id = r.event_id;
