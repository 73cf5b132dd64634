-- groups: the views the groups module publishes to other modules (README, "Publishes").

-- Study Groups, TSAG and regional groups, with their study period.
CREATE VIEW groups_group AS
  SELECT g.id, g.period_id, p.code AS period_code, p.start_date AS period_start,
         p.end_date AS period_end, g.kind, g.code, g.sg_number, g.parent_id, g.region, g.title
  FROM itu_group g JOIN study_period p ON p.id = g.period_id;
