#!/usr/bin/env python3
"""Tests of the summary of `make test`: junit-counts.py on ctest's JUnit files (fixtures in
tests/support/junit, written by ctest 3.25) and test-summary.py on the counts, run the way
scripts/test.sh runs them. Run by ctest (make test)."""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
COUNTS = os.path.join(HERE, "junit-counts.py")
SUMMARY = os.path.join(HERE, "test-summary.py")
FIXTURES = os.path.join(ROOT, "tests", "support", "junit")


def fixture(name):
    return os.path.join(FIXTURES, name)


def run(script, *args):
    return subprocess.run([sys.executable, script, *args], capture_output=True, text=True,
                          check=False)


class JunitCountsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="bsg-junit-")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def counts(self, *args):
        r = run(COUNTS, *args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.strip(), r.stderr

    def test_a_failure_and_a_gtest_skip(self):
        out, err = self.counts(fixture("failure_and_skip.xml"), "8")
        self.assertEqual(out, "2 1 1")
        self.assertEqual(err, "")

    def test_a_missing_test_binary_is_a_failure(self):
        # ctest reports it as status="notrun", <skipped message="Unable to find executable"/>.
        out, err = self.counts(fixture("missing_executable.xml"), "8")
        self.assertEqual(out, "1 2 0")
        self.assertIn("bsg_db_tests_NOT_BUILT: not run: Unable to find executable", err)
        self.assertIn("Backends/DbTest.Ping/sqlite: not run: Unable to find executable", err)

    def test_skips_and_disabled_tests_are_skips(self):
        out, err = self.counts(fixture("passed_and_skipped.xml"), "0")
        self.assertEqual(out, "1 0 3")
        self.assertEqual(err, "")

    def test_a_non_zero_exit_without_a_failed_test_is_a_failure(self):
        out, err = self.counts(fixture("passed_and_skipped.xml"), "8")
        self.assertEqual(out, "1 1 3")
        self.assertIn("ctest exited with 8 but no test failed", err)

    def test_without_exit_code_the_file_alone_counts(self):
        out, _ = self.counts(fixture("passed_and_skipped.xml"))
        self.assertEqual(out, "1 0 3")

    def test_other_reasons_not_to_run_are_failures(self):
        path = self.write("dependency.xml", """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="x" tests="2">
  <testcase name="setup" classname="setup" time="0" status="fail"><failure message=""/></testcase>
  <testcase name="uses_setup" classname="uses_setup" time="0" status="notrun">
    <skipped message="Fixture dependency failed"/>
  </testcase>
  <testcase name="odd" classname="odd" time="0" status="unheard-of"/>
</testsuite>
""")
        out, err = self.counts(path, "8")
        self.assertEqual(out, "0 3 0")
        self.assertIn("uses_setup: not run: Fixture dependency failed", err)
        self.assertIn("odd: unknown status 'unheard-of'", err)

    def test_a_missing_file_is_a_failure(self):
        out, err = self.counts(os.path.join(self.tmp.name, "none.xml"), "0")
        self.assertEqual(out, "0 1 0")
        self.assertIn("cannot read the ctest results", err)

    def test_a_truncated_file_is_a_failure(self):
        with open(fixture("passed_and_skipped.xml"), encoding="utf-8") as f:
            text = f.read()
        out, err = self.counts(self.write("cut.xml", text[: len(text) // 2]), "0")
        self.assertEqual(out, "0 1 0")
        self.assertIn("cannot read the ctest results", err)

    def test_a_file_without_test_cases_is_a_failure(self):
        path = self.write("empty.xml", '<?xml version="1.0"?>\n<testsuite name="x" tests="0"/>\n')
        out, err = self.counts(path, "0")
        self.assertEqual(out, "0 1 0")
        self.assertIn("no test case", err)

    def test_usage_errors(self):
        self.assertEqual(run(COUNTS).returncode, 2)
        self.assertEqual(run(COUNTS, fixture("passed_and_skipped.xml"), "eight").returncode, 2)


class SummaryTest(unittest.TestCase):
    """The end of scripts/test.sh: ctest's counts and the other suites' go to one file, and
    test-summary.py prints the last line and gives the exit status."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="bsg-summary-")
        self.counts_file = os.path.join(self.tmp.name, "counts")

    def tearDown(self):
        self.tmp.cleanup()

    def add_junit(self, name, exit_code):
        r = run(COUNTS, fixture(name), exit_code)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.add(r.stdout)

    def add(self, line):
        with open(self.counts_file, "a", encoding="utf-8") as f:
            f.write(line.strip() + "\n")

    def summary(self):
        r = run(SUMMARY, self.counts_file)
        lines = r.stdout.strip().splitlines()
        return (lines[-1] if lines else ""), r.returncode, r.stderr

    def test_a_failed_test_makes_the_run_fail(self):
        self.add_junit("failure_and_skip.xml", "8")
        self.add("5 0 1")  # a TAP suite
        self.assertEqual(self.summary()[:2], ("7 passed, 1 failed, 2 skipped", 1))

    def test_a_missing_test_binary_makes_the_run_fail(self):
        self.add_junit("missing_executable.xml", "8")
        self.assertEqual(self.summary()[:2], ("1 passed, 2 failed, 0 skipped", 1))

    def test_only_passes_and_skips_make_the_run_pass(self):
        self.add_junit("passed_and_skipped.xml", "0")
        self.add("5 0 1")
        self.assertEqual(self.summary()[:2], ("6 passed, 0 failed, 4 skipped", 0))

    def test_no_counts_is_a_failure(self):
        line, code, err = self.summary()
        self.assertEqual((line, code), ("0 passed, 1 failed, 0 skipped", 1))
        self.assertIn("cannot read", err)
        open(self.counts_file, "w", encoding="utf-8").close()
        line, code, err = self.summary()
        self.assertEqual((line, code), ("0 passed, 1 failed, 0 skipped", 1))
        self.assertIn("holds no counts", err)

    def test_a_malformed_line_is_a_failure(self):
        self.add("3 0 0")
        self.add("Traceback (most recent call last):")
        line, code, err = self.summary()
        self.assertEqual((line, code), ("3 passed, 1 failed, 0 skipped", 1))
        self.assertIn("malformed counts", err)


if __name__ == "__main__":
    unittest.main()
