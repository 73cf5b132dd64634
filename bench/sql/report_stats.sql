-- The statistics of the progress report as plain SQL: the same queries, with the same filters,
-- that the report runs (src/modules/reports/store_sql.cc, and the small reference reads of the
-- mandates, registry and groups modules), for bench/sections/report.sh to time against
-- `bsg report`.
--
-- Parameters (sqlite3: .parameter set; bench/sections/report.sh turns :name into :'name' for
-- psql):
--   :since, :until          the window
--   :year_start, :year_end  the last full calendar year of the window
--   :period_current, :period_previous   study period ids (the one in force on :until, the one before)

-- Wording and reference data.
SELECT report_key, paragraph_key, language, text, updated_by, updated_at
  FROM report_template_override WHERE report_key = 'progress' AND language = 'en'
  ORDER BY paragraph_key;
SELECT code, letter, name, description FROM pillar ORDER BY letter;
SELECT code, conference, number, revision, title FROM resolution ORDER BY conference, number;
SELECT number, title, resolution_code FROM programme ORDER BY number;
SELECT iso2, iso3, name, name_fr, itu_region FROM country ORDER BY name;
SELECT id, code, start_date, end_date, note FROM study_period ORDER BY start_date;

-- Programme 1, item 2: events of the window by kind and status; held regional group meetings
-- and forums (ids for the provenance, forums with their groups); held meetings by country.
SELECT kind, status, COUNT(*) FROM event
  WHERE start_date <= :until AND end_date >= :since GROUP BY kind, status;
SELECT id FROM event WHERE start_date <= :until AND end_date >= :since
  AND kind = 'regional_group_meeting' AND status = 'held' ORDER BY start_date, id LIMIT 21;
SELECT id FROM event WHERE start_date <= :until AND end_date >= :since
  AND kind = 'regional_standardization_forum' AND status = 'held'
  ORDER BY start_date, id LIMIT 21;
SELECT e.id, e.kind, e.title, e.start_date, e.end_date, e.date_precision, e.city, e.country,
       e.status, e.mode, pe.kind, pe.title
  FROM event e LEFT JOIN event pe ON pe.id = e.parent_id
  WHERE e.kind = 'regional_standardization_forum' AND e.status = 'held'
    AND e.start_date <= :until AND e.end_date >= :since
  ORDER BY e.start_date, e.id;
SELECT eg.event_id, g.kind, g.code, g.title FROM event_group eg
  JOIN groups_group g ON g.id = eg.group_id
  WHERE eg.event_id IN (SELECT e.id FROM event e
                         WHERE e.kind = 'regional_standardization_forum' AND e.status = 'held'
                           AND e.start_date <= :until AND e.end_date >= :since)
  ORDER BY eg.event_id, g.id;
SELECT country, COUNT(*) FROM event
  WHERE start_date <= :until AND end_date >= :since AND status = 'held'
    AND kind IN ('study_group_meeting', 'working_party_meeting', 'tsag',
                 'regional_group_meeting', 'regional_standardization_forum')
  GROUP BY country ORDER BY country;

-- Programme 1, item 3: remote participation.
SELECT COUNT(*), COALESCE(SUM(CASE WHEN mode IN ('hybrid', 'virtual') THEN 1 ELSE 0 END), 0)
  FROM event WHERE start_date <= :until AND end_date >= :since AND status = 'held';
SELECT a.mode, COUNT(DISTINCT a.registration_id), COUNT(DISTINCT r.event_id)
  FROM event e
  JOIN event_registration r ON r.event_id = e.id
  JOIN event_attendance a ON a.registration_id = r.id
  WHERE e.start_date <= :until AND e.end_date >= :since AND e.status <> 'cancelled'
    AND r.status NOT IN ('cancelled', 'waitlisted')
  GROUP BY a.mode;
SELECT substr(a.day, 1, 7), a.mode, COUNT(DISTINCT a.registration_id)
  FROM event_attendance a WHERE a.day >= :since AND a.day <= :until
  GROUP BY substr(a.day, 1, 7), a.mode ORDER BY 1, 2;

-- Programme 3, item 1: delegates trained up to the end of the window, in the last full year and
-- in the window (people, countries, organizations and the breakdowns by class, region, gender and
-- organization), and the trainings with trainees (src/modules/events/aggregates_sql.cc).
WITH trainee AS (
  SELECT pf.counted_person_id AS pid, '' AS period, MIN(e.start_date) AS first_date
    FROM event e
    JOIN event_registration r ON r.event_id = e.id
    JOIN registry_person_facts pf ON pf.person_id = r.person_id
   WHERE e.kind = 'bsg_training' AND e.start_date <= :until AND e.end_date >= '0001-01-01'
     AND r.status = 'attended' AND r.role = 'delegate'
   GROUP BY pf.counted_person_id),
classified AS (
  SELECT t.period, f.country, f.organization_id, f.gender, c.region,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developing'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developing'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developed'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developed' ELSE 'not_stated' END AS development,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'ldc'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'ldc' ELSE 'not_ldc' END AS ldc
    FROM trainee t
    JOIN registry_person_facts f ON f.person_id = t.pid
    LEFT JOIN registry_country c ON c.iso2 = f.country)
SELECT period, COUNT(*), COUNT(DISTINCT country), COUNT(DISTINCT organization_id)
  FROM classified GROUP BY period ORDER BY period;
WITH trainee AS (
  SELECT pf.counted_person_id AS pid, '' AS period, MIN(e.start_date) AS first_date
    FROM event e
    JOIN event_registration r ON r.event_id = e.id
    JOIN registry_person_facts pf ON pf.person_id = r.person_id
   WHERE e.kind = 'bsg_training' AND e.start_date <= :until AND e.end_date >= '0001-01-01'
     AND r.status = 'attended' AND r.role = 'delegate'
   GROUP BY pf.counted_person_id),
classified AS (
  SELECT t.period, f.country, f.organization_id, f.gender, c.region,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developing'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developing'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developed'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developed' ELSE 'not_stated' END AS development,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'ldc'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'ldc' ELSE 'not_ldc' END AS ldc
    FROM trainee t
    JOIN registry_person_facts f ON f.person_id = t.pid
    LEFT JOIN registry_country c ON c.iso2 = f.country)
SELECT period, development, ldc, COALESCE(region, 'not_stated'), gender,
       CASE WHEN organization_id IS NULL THEN 'not_stated' ELSE 'known' END, COUNT(*)
  FROM classified
  GROUP BY period, development, ldc, COALESCE(region, 'not_stated'), gender,
           CASE WHEN organization_id IS NULL THEN 'not_stated' ELSE 'known' END;
SELECT '', COUNT(DISTINCT e.id) FROM event e
  JOIN event_registration r ON r.event_id = e.id
  WHERE e.kind = 'bsg_training' AND e.start_date <= :until AND e.end_date >= '0001-01-01'
    AND r.status = 'attended' AND r.role = 'delegate';
WITH trainee AS (
  SELECT pf.counted_person_id AS pid, '' AS period, MIN(e.start_date) AS first_date
    FROM event e
    JOIN event_registration r ON r.event_id = e.id
    JOIN registry_person_facts pf ON pf.person_id = r.person_id
   WHERE e.kind = 'bsg_training' AND e.start_date <= :year_end AND e.end_date >= :year_start
     AND r.status = 'attended' AND r.role = 'delegate'
   GROUP BY pf.counted_person_id),
classified AS (
  SELECT t.period, f.country, f.organization_id, f.gender, c.region,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developing'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developing'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developed'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developed' ELSE 'not_stated' END AS development,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'ldc'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'ldc' ELSE 'not_ldc' END AS ldc
    FROM trainee t
    JOIN registry_person_facts f ON f.person_id = t.pid
    LEFT JOIN registry_country c ON c.iso2 = f.country)
SELECT period, COUNT(*), COUNT(DISTINCT country), COUNT(DISTINCT organization_id)
  FROM classified GROUP BY period ORDER BY period;
WITH trainee AS (
  SELECT pf.counted_person_id AS pid, '' AS period, MIN(e.start_date) AS first_date
    FROM event e
    JOIN event_registration r ON r.event_id = e.id
    JOIN registry_person_facts pf ON pf.person_id = r.person_id
   WHERE e.kind = 'bsg_training' AND e.start_date <= :year_end AND e.end_date >= :year_start
     AND r.status = 'attended' AND r.role = 'delegate'
   GROUP BY pf.counted_person_id),
classified AS (
  SELECT t.period, f.country, f.organization_id, f.gender, c.region,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developing'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developing'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developed'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developed' ELSE 'not_stated' END AS development,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'ldc'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'ldc' ELSE 'not_ldc' END AS ldc
    FROM trainee t
    JOIN registry_person_facts f ON f.person_id = t.pid
    LEFT JOIN registry_country c ON c.iso2 = f.country)
SELECT period, development, ldc, COALESCE(region, 'not_stated'), gender,
       CASE WHEN organization_id IS NULL THEN 'not_stated' ELSE 'known' END, COUNT(*)
  FROM classified
  GROUP BY period, development, ldc, COALESCE(region, 'not_stated'), gender,
           CASE WHEN organization_id IS NULL THEN 'not_stated' ELSE 'known' END;
SELECT '', COUNT(DISTINCT e.id) FROM event e
  JOIN event_registration r ON r.event_id = e.id
  WHERE e.kind = 'bsg_training' AND e.start_date <= :year_end AND e.end_date >= :year_start
    AND r.status = 'attended' AND r.role = 'delegate';
WITH trainee AS (
  SELECT pf.counted_person_id AS pid, '' AS period, MIN(e.start_date) AS first_date
    FROM event e
    JOIN event_registration r ON r.event_id = e.id
    JOIN registry_person_facts pf ON pf.person_id = r.person_id
   WHERE e.kind = 'bsg_training' AND e.start_date <= :until AND e.end_date >= :since
     AND r.status = 'attended' AND r.role = 'delegate'
   GROUP BY pf.counted_person_id),
classified AS (
  SELECT t.period, f.country, f.organization_id, f.gender, c.region,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developing'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developing'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developed'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developed' ELSE 'not_stated' END AS development,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'ldc'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'ldc' ELSE 'not_ldc' END AS ldc
    FROM trainee t
    JOIN registry_person_facts f ON f.person_id = t.pid
    LEFT JOIN registry_country c ON c.iso2 = f.country)
SELECT period, COUNT(*), COUNT(DISTINCT country), COUNT(DISTINCT organization_id)
  FROM classified GROUP BY period ORDER BY period;
WITH trainee AS (
  SELECT pf.counted_person_id AS pid, '' AS period, MIN(e.start_date) AS first_date
    FROM event e
    JOIN event_registration r ON r.event_id = e.id
    JOIN registry_person_facts pf ON pf.person_id = r.person_id
   WHERE e.kind = 'bsg_training' AND e.start_date <= :until AND e.end_date >= :since
     AND r.status = 'attended' AND r.role = 'delegate'
   GROUP BY pf.counted_person_id),
classified AS (
  SELECT t.period, f.country, f.organization_id, f.gender, c.region,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developing'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developing'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'developed'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'developed' ELSE 'not_stated' END AS development,
         CASE WHEN c.iso2 IS NULL THEN 'not_stated'
              WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                             AND cc.class = 'ldc'
                             AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date)
                             AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective))
              THEN 'ldc' ELSE 'not_ldc' END AS ldc
    FROM trainee t
    JOIN registry_person_facts f ON f.person_id = t.pid
    LEFT JOIN registry_country c ON c.iso2 = f.country)
SELECT period, development, ldc, COALESCE(region, 'not_stated'), gender,
       CASE WHEN organization_id IS NULL THEN 'not_stated' ELSE 'known' END, COUNT(*)
  FROM classified
  GROUP BY period, development, ldc, COALESCE(region, 'not_stated'), gender,
           CASE WHEN organization_id IS NULL THEN 'not_stated' ELSE 'known' END;
SELECT '', COUNT(DISTINCT e.id) FROM event e
  JOIN event_registration r ON r.event_id = e.id
  WHERE e.kind = 'bsg_training' AND e.start_date <= :until AND e.end_date >= :since
    AND r.status = 'attended' AND r.role = 'delegate';

-- Table 2: trainings held in the window and those not yet held, with their groups.
SELECT e.id, e.kind, e.title, e.start_date, e.end_date, e.date_precision, e.city, e.country,
       e.status, e.mode, pe.kind, pe.title
  FROM event e LEFT JOIN event pe ON pe.id = e.parent_id
  WHERE e.kind = 'bsg_training' AND e.end_date >= :since
    AND ((e.status = 'held' AND e.start_date <= :until)
         OR e.status IN ('planned', 'confirmed', 'postponed'))
  ORDER BY e.start_date, e.id;
SELECT eg.event_id, g.kind, g.code, g.title FROM event_group eg
  JOIN groups_group g ON g.id = eg.group_id
  WHERE eg.event_id IN (SELECT e.id FROM event e
                         WHERE e.kind = 'bsg_training' AND e.end_date >= :since
                           AND ((e.status = 'held' AND e.start_date <= :until)
                                OR e.status IN ('planned', 'confirmed', 'postponed')))
  ORDER BY eg.event_id, g.id;

-- Programme 3: Study Group management seats by role and country class on the seat's start date,
-- for the study period in force on :until and the one before (src/modules/groups/store_sql.cc).
SELECT gp.role,
       CASE WHEN c.iso2 IS NULL THEN 'not_stated'
            WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                           AND cc.class = 'developing'
                           AND (cc.since_effective IS NULL OR cc.since_effective <= gp.start_date)
                           AND (cc.until_effective IS NULL OR gp.start_date < cc.until_effective))
            THEN 'developing'
            WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                           AND cc.class = 'developed'
                           AND (cc.since_effective IS NULL OR cc.since_effective <= gp.start_date)
                           AND (cc.until_effective IS NULL OR gp.start_date < cc.until_effective))
            THEN 'developed' ELSE 'not_stated' END AS development,
       COUNT(*)
  FROM group_position gp
  JOIN itu_group g ON g.id = gp.group_id
  JOIN registry_person_facts pf ON pf.person_id = gp.person_id
  LEFT JOIN registry_country c ON c.iso2 = COALESCE(gp.country, pf.country)
  WHERE g.period_id = :period_current AND g.kind = 'study_group'
  GROUP BY gp.role, development ORDER BY gp.role, development;
SELECT gp.role,
       CASE WHEN c.iso2 IS NULL THEN 'not_stated'
            WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                           AND cc.class = 'developing'
                           AND (cc.since_effective IS NULL OR cc.since_effective <= gp.start_date)
                           AND (cc.until_effective IS NULL OR gp.start_date < cc.until_effective))
            THEN 'developing'
            WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2
                           AND cc.class = 'developed'
                           AND (cc.since_effective IS NULL OR cc.since_effective <= gp.start_date)
                           AND (cc.until_effective IS NULL OR gp.start_date < cc.until_effective))
            THEN 'developed' ELSE 'not_stated' END AS development,
       COUNT(*)
  FROM group_position gp
  JOIN itu_group g ON g.id = gp.group_id
  JOIN registry_person_facts pf ON pf.person_id = gp.person_id
  LEFT JOIN registry_country c ON c.iso2 = COALESCE(gp.country, pf.country)
  WHERE g.period_id = :period_previous AND g.kind = 'study_group'
  GROUP BY gp.role, development ORDER BY gp.role, development;
