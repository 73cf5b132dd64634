-- registry: "developed" becomes a stated class, and the views the registry publishes to other
-- modules (README, "Publishes").
--
-- Until now a country without a `developing` period on a date was counted as developed, so a
-- country with no class rows at all could not be told from a developed one. The 42 Member States
-- that UNSD M49 (2020) lists in developed regions, and that are not LDC, LLDC, SIDS or economies
-- in transition (data/README.md), get an open-ended `developed` period; a country with neither
-- period on a date is "not stated" there.

ALTER TABLE country_class DROP CONSTRAINT country_class_class_check;
ALTER TABLE country_class ADD CONSTRAINT country_class_class_check
  CHECK (class IN ('ldc', 'lldc', 'sids', 'developing', 'developed'));

INSERT INTO country_class (iso2, class, source)
  SELECT c.iso2, 'developed',
         'UNSD M49 developed regions (datasets/country-codes @060e8c0, 2020-10-12), not LDC, LLDC, '
         || 'SIDS or economy in transition (FACTS.md 5.5): the countries.csv developing flag is 0'
  FROM country c
  WHERE NOT EXISTS (SELECT 1 FROM country_class cc
                    WHERE cc.iso2 = c.iso2 AND cc.class = 'developing')
  ORDER BY c.iso2;

-- Countries: ISO codes, names and ITU-D region.
CREATE VIEW registry_country AS
  SELECT iso2, iso3, name, name_fr, itu_region AS region FROM country;

-- Dated class periods with their effective (first-day) dates, half-open: a class holds on day D
-- when (since_effective IS NULL OR since_effective <= D) AND (until_effective IS NULL OR
-- D < until_effective).
CREATE VIEW registry_country_class AS
  SELECT iso2, class, since_effective, until_effective FROM country_class;

-- The facts statistics count about a person, taken from the person counted for them: a person
-- merged into another is counted as the survivor (counted_person_id), with the survivor's
-- country, gender and organization. Erased people keep these facts.
CREATE VIEW registry_person_facts AS
  SELECT p.id AS person_id,
         COALESCE(s.id, p.id) AS counted_person_id,
         CASE WHEN s.id IS NULL THEN p.country ELSE s.country END AS country,
         CASE WHEN s.id IS NULL THEN p.gender ELSE s.gender END AS gender,
         CASE WHEN s.id IS NULL THEN p.organization_id ELSE s.organization_id END
           AS organization_id,
         CASE WHEN s.id IS NULL THEN p.organization_kind ELSE s.organization_kind END
           AS organization_kind
  FROM person p LEFT JOIN person s ON s.id = p.merged_into;
