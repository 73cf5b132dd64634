#!/usr/bin/env python3
"""Checks that every module's SQL names only its own tables and the views other modules publish.

The rule (ARCHITECTURE.md): a module's SQL lives in its `*_sql.cc` files and its migrations
(`db/migrations/<backend>/NNNN_<module>.sql`, or `NNNN_<module>_<what>.sql`). That SQL may name:
  - tables and views the module creates in its own migrations;
  - views another module creates in its migrations AND lists under "Publishes" in its README
    (src/modules/<module>/README.md), the columns it promises to keep;
  - the platform's shared tables, listed under "Publishes" in src/platform/db/README.md;
  - in a migration, another module's table in a REFERENCES clause (a foreign key is integrity the
    database keeps, not a read).
Anything else that names another module's table (FROM, JOIN, INTO, UPDATE, DELETE FROM, TABLE,
INDEX ... ON, TRIGGER ... ON, a BulkInsert("table", ...) call) is a violation. SQL text (a string
literal starting with SELECT, INSERT, UPDATE, DELETE or WITH) in a module source file that is not
a `*_sql.cc` file is a violation too. Tests (`*_test.cc`) are exempt.

Usage: check-boundaries.py [ROOT]   (ROOT defaults to the repository holding this script)
Prints one line per violation, FILE:LINE: message, and exits 1 when there is any; 0 otherwise.
"""
import os
import re
import sys

MIGRATION_NAME = re.compile(r"^\d{4}_([a-z][a-z0-9]*)(?:_[a-z0-9_]+)?\.sql$")
CREATE_RELATION = re.compile(
    r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?(TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    r"([A-Za-z_][A-Za-z0-9_]*)", re.IGNORECASE)
# Where a relation's name follows a keyword. `ON` only in CREATE INDEX / CREATE TRIGGER, where
# it names a table (in a join it is followed by a condition).
REFERENCE = re.compile(
    r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE(?:\s+IF\s+(?:NOT\s+)?EXISTS)?|REFERENCES)\s+"
    r"(?:ONLY\s+)?([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*\()"
    r"|\bINDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?[A-Za-z_][A-Za-z0-9_]*\s+ON\s+([A-Za-z_][A-Za-z0-9_]*)"
    r"|\bTRIGGER\s+[A-Za-z_][A-Za-z0-9_]*\s+(?:BEFORE|AFTER|INSTEAD\s+OF)\s+[A-Za-z ,]+?\s+ON\s+"
    r"([A-Za-z_][A-Za-z0-9_]*)",
    re.IGNORECASE)
REFERENCES_CLAUSE = re.compile(r"\bREFERENCES\s+$", re.IGNORECASE)
BULK_INSERT = re.compile(r"(?:\.|->)BulkInsert\(\s*(?:\"([A-Za-z_][A-Za-z0-9_]*)\")?")
# SQL keywords are written in capitals here, so prose ("select a country") is not taken for SQL.
SQL_START = re.compile(r"^\s*(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WITH\s+\w+\s+AS)\b")


def strip_sql_comments(text):
    """Blanks -- comments, keeping offsets and line numbers."""
    return re.sub(r"--[^\n]*", lambda m: " " * len(m.group(0)), text)


def cpp_literals(source):
    """The string literals of C++ `source` as (text, line, offset) tuples, skipping comments and
    character literals. Raw strings R"d(...)d" are read too; escapes are kept as written."""
    out = []
    i, n, line = 0, len(source), 1
    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
        elif source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += source.count("\n", i, j)
            i = j
        elif c == "R" and source.startswith('R"', i) and (i == 0 or not source[i - 1].isalnum()):
            k = source.find("(", i + 2)
            delim = ")" + source[i + 2:k] + '"'
            j = source.find(delim, k)
            j = n if j < 0 else j
            out.append((source[k + 1:j], line, i))
            line += source.count("\n", i, j)
            i = j + len(delim)
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and source[j] != c and source[j] != "\n":
                j += 2 if source[j] == "\\" else 1
            if c == '"':
                out.append((source[i + 1:j], line, i))
            i = j + 1
        else:
            i += 1
    return out


def literal_text(source):
    """The contents of the string literals of `source` joined with spaces (adjacent literals form
    one statement), and for each character of the result the line it came from."""
    chars, lines = [], []
    for text, line, _ in cpp_literals(source):
        body = text + " "
        chars.append(body)
        lines.extend([line] * len(body))
    return "".join(chars), lines


class Owners:
    def __init__(self):
        self.relation = {}   # name -> (module, kind)
        self.published = {}  # module -> set of view names listed under "Publishes"


def migration_files(root):
    base = os.path.join(root, "db", "migrations")
    if not os.path.isdir(base):
        return
    for backend in sorted(os.listdir(base)):
        folder = os.path.join(base, backend)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".sql"):
                yield os.path.join(folder, name), name


def read_publishes(readme):
    """View names listed in the README's "Publishes" section: the backticked name that starts
    each list item."""
    try:
        with open(readme, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return set()
    m = re.search(r"^(#+\s*Publishes\b.*?$|\*\*Publishes\*\*.*?$)(.*?)(?=^#+\s|^\*\*[A-Z]|\Z)",
                  text, re.MULTILINE | re.DOTALL)
    if not m:
        return set()
    # One view per list item: "- `view_name`: its columns ..."
    return set(re.findall(r"^\s*[-*]\s+`([a-z_][a-z0-9_]*)`", m.group(2), re.MULTILINE))


def collect_owners(root, problems):
    owners = Owners()
    for path, name in migration_files(root):
        m = MIGRATION_NAME.match(name)
        if not m:
            problems.append((path, 1, "migration file name must be NNNN_<module>.sql"))
            continue
        module = m.group(1)
        with open(path, encoding="utf-8") as f:
            text = strip_sql_comments(f.read())
        for c in CREATE_RELATION.finditer(text):
            rel = c.group(2).lower()
            prev = owners.relation.get(rel)
            if prev and prev[0] != module:
                line = text.count("\n", 0, c.start()) + 1
                problems.append((path, line, f"{rel} is already created by module {prev[0]}"))
                continue
            owners.relation[rel] = (module, c.group(1).lower())
    modules_dir = os.path.join(root, "src", "modules")
    if os.path.isdir(modules_dir):
        for module in sorted(os.listdir(modules_dir)):
            owners.published[module] = read_publishes(os.path.join(modules_dir, module, "README.md"))
    # The platform's shared tables (src/platform/db/README.md, "Publishes"): tables any module's
    # SQL may name, such as data_version, which module triggers bump.
    owners.published["platform"] = read_publishes(
        os.path.join(root, "src", "platform", "db", "README.md"))
    for module, views in owners.published.items():
        if module == "platform":
            continue
        for v in sorted(views):
            owner = owners.relation.get(v)
            if owner and owner[0] == module and owner[1] != "view":
                problems.append((os.path.join(modules_dir, module, "README.md"), 1,
                                 f"{v} is listed under Publishes but is a table; publish a view"))
    return owners


def check_reference(owners, module, rel, path, line, is_fk, problems):
    rel = rel.lower()
    owner = owners.relation.get(rel)
    if owner is None or owner[0] == module:
        return
    other, kind = owner
    if is_fk:
        return
    if kind == "view" and rel in owners.published.get(other, set()):
        return
    if other == "platform" and rel in owners.published.get(other, set()):
        return
    if kind == "view":
        problems.append((path, line, f"module {module} names view {rel} of module {other}, which "
                         f"{other} does not list under Publishes in its README"))
    else:
        problems.append((path, line, f"module {module} names table {rel} of module {other}; use a "
                         f"view {other} publishes (its README, Publishes) or its store interface"))


def scan_sql(owners, module, path, text, line_of, problems):
    for m in REFERENCE.finditer(text):
        rel = m.group(1) or m.group(2) or m.group(3)
        start = m.start(1) if m.group(1) else m.start(2) if m.group(2) else m.start(3)
        is_fk = bool(re.match(r"REFERENCES\b", m.group(0), re.IGNORECASE))
        check_reference(owners, module, rel, path, line_of(start), is_fk, problems)


def check_migrations(root, owners, problems):
    for path, name in migration_files(root):
        m = MIGRATION_NAME.match(name)
        if not m:
            continue
        with open(path, encoding="utf-8") as f:
            text = strip_sql_comments(f.read())
        scan_sql(owners, m.group(1), path, text,
                 lambda pos, t=text: t.count("\n", 0, pos) + 1, problems)


def check_sources(root, owners, problems):
    modules_dir = os.path.join(root, "src", "modules")
    if not os.path.isdir(modules_dir):
        return
    for module in sorted(os.listdir(modules_dir)):
        folder = os.path.join(modules_dir, module)
        for dirpath, _, files in os.walk(folder):
            for name in sorted(files):
                if not (name.endswith(".cc") or name.endswith(".h")) or name.endswith("_test.cc"):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    source = f.read()
                text, lines = literal_text(source)
                line_of = lambda pos, ls=lines: ls[min(pos, len(ls) - 1)] if ls else 1
                if name.endswith("_sql.cc"):
                    scan_sql(owners, module, path, text, line_of, problems)
                else:
                    for lit, line, _ in cpp_literals(source):
                        if SQL_START.match(lit):
                            problems.append((path, line, "SQL outside a *_sql.cc file"))
                for b in BULK_INSERT.finditer(source):
                    line = source.count("\n", 0, b.start()) + 1
                    if not name.endswith("_sql.cc"):
                        problems.append((path, line, "BulkInsert outside a *_sql.cc file"))
                    if b.group(1):
                        check_reference(owners, module, b.group(1), path, line, False, problems)


def check(root):
    problems = []
    owners = collect_owners(root, problems)
    check_migrations(root, owners, problems)
    check_sources(root, owners, problems)
    seen = set()
    out = []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    problems = check(root)
    for path, line, message in problems:
        print(f"{os.path.relpath(path, root)}:{line}: {message}")
    if problems:
        print(f"check-boundaries: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
