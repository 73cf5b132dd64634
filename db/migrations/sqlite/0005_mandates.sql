-- mandates: the Resolutions behind the BSG programme, the four programmes of the action plan in
-- the Annex to WTSA Resolution 44, and the five BSG pillars. Reference data: other modules tag
-- each activity with a programme (programme.number) and a pillar (pillar.code).

CREATE TABLE resolution (
  code TEXT PRIMARY KEY,
  conference TEXT NOT NULL,
  number INTEGER NOT NULL,
  revision TEXT NOT NULL,
  title TEXT NOT NULL,
  UNIQUE (conference, number)
);

CREATE TABLE programme (
  number INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 4),
  title TEXT NOT NULL,
  resolution_code TEXT NOT NULL REFERENCES resolution (code)
);

CREATE TABLE pillar (
  code TEXT PRIMARY KEY
    CHECK (code IN ('awareness', 'know_how', 'community', 'engagement', 'partnering')),
  letter TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL
);

-- As listed in the BSG progress report to TSAG (2020), Table 1, and FACTS.md section 3.
INSERT INTO resolution (code, conference, number, revision, title) VALUES
  ('PP-18 Res. 123', 'PP-18', 123, 'Rev. Dubai, 2018',
   'Bridging the standardization gap between developing and developed countries'),
  ('WTSA-16 Res. 44', 'WTSA-16', 44, 'Rev. Hammamet, 2016',
   'Bridging the standardization gap between developing and developed countries'),
  ('PP-18 Res. 209', 'PP-18', 209, 'Rev. Dubai, 2018',
   'Encouraging the participation of small and medium enterprises in the work of the Union');

-- The action plan in the Annex to WTSA Resolution 44 (Rev. Hammamet, 2016), titles as in the
-- progress report.
INSERT INTO programme (number, title, resolution_code) VALUES
  (1, 'Strengthening standards-making capabilities', 'WTSA-16 Res. 44'),
  (2, 'Assisting developing countries with respect to the application of standards',
   'WTSA-16 Res. 44'),
  (3, 'Human resources capacity building', 'WTSA-16 Res. 44'),
  (4, 'Fundraising for bridging the standardization gap', 'WTSA-16 Res. 44');

INSERT INTO pillar (code, letter, name, description) VALUES
  ('awareness', 'A', 'Awareness',
   'Raising awareness through activities such as regional group meetings'),
  ('know_how', 'B', 'Know-How',
   'Developing the right skills and capabilities for international standards-making through training such as the ITU-T A.1 course'),
  ('community', 'C', 'Community',
   'Building a strong community through ITU Regional Standardization Forums and regional group meetings'),
  ('engagement', 'D', 'Engagement',
   'Fellowships to participate in ITU-T Study Group meetings'),
  ('partnering', 'E', 'Partnering',
   'Sponsoring trainings on ITU-T standards and contributing to the BSG fund');
