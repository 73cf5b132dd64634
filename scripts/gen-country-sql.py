#!/usr/bin/env python3
"""Generates the country reference data of migration 0003_registry from data/*.csv.

    scripts/gen-country-sql.py            rewrite the generated block of
                                          db/migrations/{sqlite,postgres}/0003_registry.sql
    scripts/gen-country-sql.py --check    exit 1 when those blocks are not up to date
    scripts/gen-country-sql.py --french   rebuild data/country_names_fr.csv from Debian
                                          iso-codes (/usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo)

Inputs (see data/README.md for their provenance):
    data/countries.csv          iso2, iso3, name, itu_region, ldc, ldc_graduation_date, lldc, sids,
                                developing (the 193 ITU Member States, as of 2020)
    data/ldc_dates.csv          LDC inclusion years and graduation dates
    data/country_names_fr.csv   French names

The block sits between the lines "-- BEGIN GENERATED" and "-- END GENERATED"; everything else in
the migration is written by hand. The script checks the data before writing: 193 countries, 47
LDCs on 2020-01-01, and the `ldc` column of countries.csv equal to the LDC status on that date.
"""
import csv
import gettext
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")
MIGRATIONS = [os.path.join(ROOT, "db", "migrations", kind, "0003_registry.sql")
              for kind in ("sqlite", "postgres")]
BEGIN = "-- BEGIN GENERATED"
END = "-- END GENERATED"

SOURCE_LLDC = ("UN-OHRLLS list of LLDCs as in UNSD M49 (datasets/country-codes @060e8c0, "
               "2020-10-12); start not recorded")
SOURCE_SIDS = ("UN-OHRLLS list of SIDS (UN Member States, Bahrain included); start not recorded")
SOURCE_DEVELOPING = ("UNSD M49 developing (datasets/country-codes @060e8c0, 2020-10-12), or LDC, "
                     "LLDC, SIDS, or economy in transition (UN WESP 2020); start not recorded")


def effective(date):
    """The day a date written to the year or month takes effect: the first day it names."""
    if not date:
        return None
    if len(date) == 4:
        return date + "-01-01"
    if len(date) == 7:
        return date + "-01"
    if len(date) == 10:
        return date
    raise ValueError("bad date %r" % date)


def q(value):
    if value is None or value == "":
        return "NULL"
    return "'" + str(value).replace("'", "''") + "'"


def read_csv(name):
    with open(os.path.join(DATA, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def build_french():
    mo = "/usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo"
    codes = "/usr/share/iso-codes/json/iso_3166-1.json"
    translation = gettext.GNUTranslations(open(mo, "rb"))
    with open(codes, encoding="utf-8") as f:
        by_code = {e["alpha_2"]: e for e in json.load(f)["3166-1"]}
    rows = read_csv("countries.csv")
    out = os.path.join(DATA, "country_names_fr.csv")
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["iso2", "name_fr"])
        for r in rows:
            w.writerow([r["iso2"], translation.gettext(by_code[r["iso2"]]["name"])])
    print("wrote %s (%d names)" % (out, len(rows)))


def holds_on(since, until, day):
    s, u = effective(since), effective(until)
    return (s is None or s <= day) and (u is None or day < u)


def generate():
    countries = read_csv("countries.csv")
    french = {r["iso2"]: r["name_fr"] for r in read_csv("country_names_fr.csv")}
    ldc_dates = read_csv("ldc_dates.csv")
    codes = {c["iso2"] for c in countries}
    assert len(countries) == 193, len(countries)
    assert set(french) == codes, "country_names_fr.csv does not cover countries.csv"
    for r in ldc_dates:
        assert r["iso2"] in codes, r["iso2"]
        effective(r["included"])
        effective(r["graduated"])
    ldc_2020 = {r["iso2"] for r in ldc_dates if holds_on(r["included"], r["graduated"], "2020-01-01")}
    assert len(ldc_2020) == 47, len(ldc_2020)
    flagged = {c["iso2"] for c in countries if c["ldc"] == "1"}
    assert ldc_2020 == flagged, ("ldc column differs from ldc_dates.csv on 2020-01-01",
                                 sorted(ldc_2020 ^ flagged))
    for c in countries:
        grad = next((r["graduated"] for r in ldc_dates if r["iso2"] == c["iso2"]), "")
        assert c["ldc_graduation_date"] == grad, (c["iso2"], c["ldc_graduation_date"], grad)

    lines = [BEGIN + " by scripts/gen-country-sql.py from data/countries.csv,",
             "-- data/country_names_fr.csv and data/ldc_dates.csv. Do not edit by hand.",
             "INSERT INTO country (iso2, iso3, name, name_fr, itu_region) VALUES"]
    values = ["  (%s, %s, %s, %s, %s)" % (q(c["iso2"]), q(c["iso3"]), q(c["name"]),
                                          q(french[c["iso2"]]), q(c["itu_region"]))
              for c in countries]
    lines.append(",\n".join(values) + ";")
    lines.append("")
    lines.append("INSERT INTO country_class (iso2, class, since, until, since_effective, "
                 "until_effective, source) VALUES")
    rows = []
    for r in sorted(ldc_dates, key=lambda r: r["iso2"]):
        source = r["included_source"] + " (inclusion)"
        if r["graduated"]:
            source += "; " + r["graduated_source"] + " (graduation)"
        rows.append("  (%s, 'ldc', %s, %s, %s, %s, %s)" % (
            q(r["iso2"]), q(r["included"]), q(r["graduated"]), q(effective(r["included"])),
            q(effective(r["graduated"])), q(source)))
    for column, source in (("lldc", SOURCE_LLDC), ("sids", SOURCE_SIDS),
                           ("developing", SOURCE_DEVELOPING)):
        for c in countries:
            if c[column] == "1":
                rows.append("  (%s, '%s', NULL, NULL, NULL, NULL, %s)" % (q(c["iso2"]), column,
                                                                         q(source)))
    lines.append(",\n".join(rows) + ";")
    lines.append(END)
    return "\n".join(lines)


def splice(text, block):
    start = text.index(BEGIN)
    end = text.index(END) + len(END)
    return text[:start] + block + text[end:]


def main(argv):
    if "--french" in argv:
        build_french()
        return 0
    block = generate()
    stale = []
    for path in MIGRATIONS:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        new = splice(text, block)
        if new != text:
            stale.append(path)
            if "--check" not in argv:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
    if "--check" in argv:
        for path in stale:
            print("out of date: %s (run scripts/gen-country-sql.py)" % path, file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        print("wrote %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
