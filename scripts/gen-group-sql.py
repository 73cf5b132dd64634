#!/usr/bin/env python3
"""Generates the reference data of migration 0004_groups (study periods, Study Groups, TSAG and
regional groups) from data/*.csv.

    scripts/gen-group-sql.py           rewrite the generated block of
                                       db/migrations/{sqlite,postgres}/0004_groups.sql
    scripts/gen-group-sql.py --check   exit 1 when those blocks are not up to date

Inputs: data/study_groups.csv (2017-2020, 2022-2024, 2025-2028), data/study_groups_2013-2016.csv,
data/regional_groups.csv; the study periods are listed below. See data/README.md.
"""
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")
MIGRATIONS = [os.path.join(ROOT, "db", "migrations", kind, "0004_groups.sql")
              for kind in ("sqlite", "postgres")]
BEGIN = "-- BEGIN GENERATED"
END = "-- END GENERATED"

PERIODS = [
    ("2013-2016", "2013-01-01", "2016-12-31", "nominal calendar years"),
    ("2017-2020", "2017-01-01", "2022-03-09",
     "extended: WTSA-20 was postponed by COVID-19 and held 1-9 March 2022"),
    ("2022-2024", "2022-03-10", "2024-12-31", "from the close of WTSA-20"),
    ("2025-2028", "2025-01-01", "2028-12-31", "nominal calendar years"),
]
SG_SOURCE = {
    "2013-2016": "data/study_groups_2013-2016.csv (titles not verified against ITU pages)",
}
TSAG_TITLE = "Telecommunication Standardization Advisory Group"


def q(value):
    if value is None or value == "":
        return "NULL"
    return "'" + str(value).replace("'", "''") + "'"


def read_csv(name):
    with open(os.path.join(DATA, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def generate():
    periods = {p[0] for p in PERIODS}
    sgs = read_csv("study_groups_2013-2016.csv") + read_csv("study_groups.csv")
    regional = read_csv("regional_groups.csv")
    lines = [BEGIN + " by scripts/gen-group-sql.py from data/study_groups.csv,",
             "-- data/study_groups_2013-2016.csv and data/regional_groups.csv. Do not edit by hand.",
             "INSERT INTO study_period (code, start_date, end_date, note) VALUES"]
    lines.append(",\n".join("  (%s, %s, %s, %s)" % tuple(q(v) for v in p) for p in PERIODS) + ";")
    group = ("INSERT INTO itu_group (period_id, kind, code, sg_number, title, source) "
             "SELECT id, %s, %s, %s, %s, %s FROM study_period WHERE code = %s;")
    for period in (p[0] for p in PERIODS):
        lines.append(group % ("'tsag'", "'TSAG'", "NULL", q(TSAG_TITLE), "''", q(period)))
    seen = set()
    for sg in sgs:
        assert sg["study_period"] in periods, sg
        code = "SG" + sg["sg"]
        assert (sg["study_period"], code) not in seen, sg
        seen.add((sg["study_period"], code))
        source = SG_SOURCE.get(sg["study_period"], "data/study_groups.csv")
        lines.append(group % ("'study_group'", q(code), int(sg["sg"]), q(sg["title"]), q(source),
                              q(sg["study_period"])))
    for rg in regional:
        assert (rg["study_period"], "SG" + rg["sg"]) in seen, rg
        lines.append(
            "INSERT INTO itu_group (period_id, kind, code, sg_number, parent_id, region, title, "
            "source) SELECT p.id, 'regional_group', %s, %d, s.id, %s, %s, %s FROM study_period p "
            "JOIN itu_group s ON s.period_id = p.id AND s.code = %s WHERE p.code = %s;" % (
                q(rg["code"]), int(rg["sg"]), q(rg["region"]), q(rg["title"]), q(rg["source"]),
                q("SG" + rg["sg"]), q(rg["study_period"])))
    lines.append(END)
    return "\n".join(lines)


def main(argv):
    block = generate()
    stale = []
    for path in MIGRATIONS:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        start = text.index(BEGIN)
        end = text.index(END) + len(END)
        new = text[:start] + block + text[end:]
        if new != text:
            stale.append(path)
            if "--check" not in argv:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
    if "--check" in argv:
        for path in stale:
            print("out of date: %s (run scripts/gen-group-sql.py)" % path, file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        print("wrote %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
