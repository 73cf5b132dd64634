#!/usr/bin/env python3
"""The last line of `make test`: adds up the counts of every suite.

    test-summary.py COUNTS_FILE

COUNTS_FILE holds one line "passed failed skipped" per suite (from junit-counts.py, or the TAP
counts in scripts/test.sh). Prints "N passed, N failed, N skipped" and exits 1 when anything
failed. A file that is missing, empty or holds a malformed line counts as 1 failed: a suite that
could not report must not look like a pass.
"""
import sys


def total(path):
    """(passed, failed, skipped) summed over the lines of the file at `path`."""
    passed = failed = skipped = 0
    try:
        with open(path, encoding="utf-8") as f:
            lines = [line for line in f if line.strip()]
    except OSError as e:
        print(f"test-summary: cannot read {path} ({e}); counted as 1 failed", file=sys.stderr)
        return 0, 1, 0
    if not lines:
        print(f"test-summary: {path} holds no counts; counted as 1 failed", file=sys.stderr)
        return 0, 1, 0
    for line in lines:
        fields = line.split()
        if len(fields) != 3 or not all(field.isdigit() for field in fields):
            print(f"test-summary: malformed counts '{line.strip()}'; counted as 1 failed",
                  file=sys.stderr)
            failed += 1
            continue
        passed += int(fields[0])
        failed += int(fields[1])
        skipped += int(fields[2])
    return passed, failed, skipped


def main(argv):
    if len(argv) != 2:
        print("usage: test-summary.py COUNTS_FILE", file=sys.stderr)
        return 2
    passed, failed, skipped = total(argv[1])
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
