#!/usr/bin/env python3
"""Counts the test cases of a JUnit XML file written by `ctest --output-junit`.

    junit-counts.py FILE [CTEST_EXIT_CODE]

Prints one line, "passed failed skipped", for scripts/test-summary.py to add up. Every case
counted as failed for a reason other than its own failure is named on stderr.

How ctest 3.25 writes each outcome, and how it is counted:

    status="run"                                      passed
    status="fail", or a <failure> or <error> element  failed (a failed assertion, a crash, a timeout)
    status="disabled"                                 skipped (the DISABLED test property)
    status="notrun" with <skipped message=...>:
      "SKIP_REGULAR_EXPRESSION_MATCHED"               skipped: the test ran and said so ("[  SKIPPED ]"
                                                      from GTEST_SKIP, see CMakeLists.txt)
      "SKIP_RETURN_CODE=N"                            skipped: the test ran and said so
      anything else                                   failed: ctest could not run the test, e.g.
                                                      "Unable to find executable" (a test binary
                                                      that is missing or was never built:
                                                      gtest_discover_tests then registers
                                                      <name>_NOT_BUILT), a failed fixture or
                                                      dependency, missing required files
    any other status                                  failed

The file as a whole counts as one failure when it is missing or unparsable (ctest crashed or was
killed), when it holds no test case, or when CTEST_EXIT_CODE is non-zero and no case failed.
"""
import sys
import xml.etree.ElementTree as ET

# The <skipped message> of tests that ran and reported a skip themselves.
SKIP_REGEX_MESSAGE = "SKIP_REGULAR_EXPRESSION_MATCHED"
SKIP_RETURN_CODE_PREFIX = "SKIP_RETURN_CODE="


def note(message):
    print(f"junit-counts: {message}", file=sys.stderr)


def classify(case):
    """'passed', 'failed' or 'skipped' for one <testcase>, and why, when not its own outcome."""
    status = case.get("status", "")
    if status == "fail" or case.find("failure") is not None or case.find("error") is not None:
        return "failed", None
    if status == "run":
        return "passed", None
    if status == "disabled":
        return "skipped", None
    if status == "notrun":
        skipped = case.find("skipped")
        message = skipped.get("message", "") if skipped is not None else ""
        if message == SKIP_REGEX_MESSAGE or message.startswith(SKIP_RETURN_CODE_PREFIX):
            return "skipped", None
        return "failed", f"not run: {message or 'no reason given'}"
    return "failed", f"unknown status '{status}'"


def count(path, exit_code):
    """(passed, failed, skipped) for the file at `path` and ctest's exit code (None: unknown)."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        note(f"{path}: cannot read the ctest results ({e}); counted as 1 failed")
        return 0, 1, 0
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    for suite in suites:
        for case in suite.iter("testcase"):
            outcome, why = classify(case)
            totals[outcome] += 1
            if why:
                note(f"{case.get('name', '?')}: {why}; counted as failed")
    if sum(totals.values()) == 0:
        note(f"{path}: no test case; counted as 1 failed")
        totals["failed"] += 1
    elif exit_code and totals["failed"] == 0:
        note(f"ctest exited with {exit_code} but no test failed; counted as 1 failed")
        totals["failed"] += 1
    return totals["passed"], totals["failed"], totals["skipped"]


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: junit-counts.py FILE [CTEST_EXIT_CODE]", file=sys.stderr)
        return 2
    exit_code = None
    if len(argv) == 3:
        try:
            exit_code = int(argv[2])
        except ValueError:
            note(f"bad exit code '{argv[2]}'")
            return 2
    print(*count(argv[1], exit_code))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
