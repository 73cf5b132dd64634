#!/usr/bin/env python3
"""Tests of check-boundaries.py on the fixture tree in tests/boundaries/fixture, and the check of
the real tree. Run by ctest (make test)."""
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCRIPT = os.path.join(HERE, "check-boundaries.py")
FIXTURE = os.path.join(ROOT, "tests", "boundaries", "fixture")

spec = importlib.util.spec_from_file_location("check_boundaries", SCRIPT)
cb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cb)


class FixtureTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bsg-boundaries-")
        self.root = os.path.join(self.tmp, "tree")
        shutil.copytree(FIXTURE, self.root)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def append(self, rel, text):
        with open(self.path(*rel.split("/")), "a", encoding="utf-8") as f:
            f.write(text)

    def lines_of(self, rel):
        with open(self.path(*rel.split("/")), encoding="utf-8") as f:
            return f.read().count("\n")

    def problems(self):
        return [(os.path.relpath(p, self.root), line, msg) for p, line, msg in cb.check(self.root)]

    def test_fixture_passes(self):
        self.assertEqual(self.problems(), [])

    def test_cross_module_join_fails_naming_file_and_line(self):
        rel = "src/modules/beta/store_sql.cc"
        before = self.lines_of(rel)
        self.append(rel, 'constexpr const char* kBad =\n'
                         '    "SELECT t.id FROM beta_thing t "\n'
                         '    "JOIN alpha_item i ON i.id = t.item_id";\n')
        problems = self.problems()
        self.assertEqual(len(problems), 1, problems)
        path, line, msg = problems[0]
        self.assertEqual(path, rel)
        self.assertEqual(line, before + 3)
        self.assertIn("table alpha_item of module alpha", msg)
        # The command line says the same and exits 1.
        run = subprocess.run([sys.executable, SCRIPT, self.root], capture_output=True, text=True)
        self.assertEqual(run.returncode, 1)
        self.assertIn(f"{rel}:{before + 3}: module beta names table alpha_item", run.stdout)

    def test_platform_tables_only_when_the_platform_publishes_them(self):
        os.makedirs(self.path("src", "platform", "db"))
        with open(self.path("db", "migrations", "sqlite", "0003_platform.sql"), "w") as f:
            f.write("CREATE TABLE data_version (topic TEXT PRIMARY KEY, version INTEGER);\n"
                    "CREATE TABLE platform_secret (key TEXT);\n")
        self.append("db/migrations/sqlite/0002_beta.sql",
                    "CREATE TRIGGER beta_bump AFTER INSERT ON beta_thing\n"
                    "BEGIN UPDATE data_version SET version = version + 1; END;\n")
        self.append("src/modules/beta/store_sql.cc",
                    'constexpr const char* kKey = "SELECT key FROM platform_secret";\n')
        readme = self.path("src", "platform", "db", "README.md")
        with open(readme, "w") as f:
            f.write("# db\n\n## Publishes\n\n- `data_version`: topic, version\n")
        problems = self.problems()
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("table platform_secret of module platform", problems[0][2])
        os.remove(readme)
        self.assertEqual(len(self.problems()), 2)

    def test_unpublished_view_fails(self):
        self.append("src/modules/beta/store_sql.cc",
                    'constexpr const char* kPeek = "SELECT secret FROM alpha_private";\n')
        problems = self.problems()
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("view alpha_private of module alpha", problems[0][2])
        self.assertIn("Publishes", problems[0][2])

    def test_writes_and_indexes_on_another_modules_table_fail(self):
        self.append("db/migrations/sqlite/0002_beta.sql",
                    "CREATE INDEX beta_on_alpha ON alpha_item (name);\n"
                    "UPDATE alpha_item SET name = 'x';\n")
        self.append("src/modules/beta/store_sql.cc",
                    'void Bad(Session& s) { s.BulkInsert("alpha_note", {"id"}, {}); }\n')
        found = sorted((p, m.split(";")[0]) for p, _, m in self.problems())
        self.assertEqual(found, [
            ("db/migrations/sqlite/0002_beta.sql", "module beta names table alpha_item of module alpha"),
            ("db/migrations/sqlite/0002_beta.sql", "module beta names table alpha_item of module alpha"),
            ("src/modules/beta/store_sql.cc", "module beta names table alpha_note of module alpha"),
        ])

    def test_sql_outside_sql_files_fails(self):
        self.append("src/modules/beta/service.cc",
                    'auto q = "SELECT id FROM beta_thing";\n')
        problems = self.problems()
        self.assertEqual([(p, m) for p, _, m in problems],
                         [("src/modules/beta/service.cc", "SQL outside a *_sql.cc file")])

    def test_publishing_a_table_fails(self):
        self.append("src/modules/alpha/README.md", "")
        readme = self.path("src", "modules", "alpha", "README.md")
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        with open(readme, "w", encoding="utf-8") as f:
            f.write(text.replace("- `alpha_item_facts` (item_id, name)",
                                 "- `alpha_item_facts` (item_id, name)\n- `alpha_item`"))
        self.assertIn("alpha_item is listed under Publishes but is a table; publish a view",
                      [m for _, _, m in self.problems()])

    def test_two_modules_creating_one_table_fails(self):
        self.append("db/migrations/sqlite/0002_beta.sql", "CREATE TABLE alpha_note (id INTEGER);\n")
        self.assertIn("alpha_note is already created by module alpha",
                      [m for _, _, m in self.problems()])


class TreeTest(unittest.TestCase):
    def test_the_tree_keeps_its_boundaries(self):
        problems = cb.check(ROOT)
        self.assertEqual([f"{os.path.relpath(p, ROOT)}:{l}: {m}" for p, l, m in problems], [])


if __name__ == "__main__":
    unittest.main()
