# sqla_create_all.py: creates an exported SQLAlchemy module's tables and compares them with Tablewright's DDL
#
# Copyright 2026 The Tablewright authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: sqla_create_all.py [--ignore-fk-names] MODULE.py DDL.sql WORKDIR
#        sqla_create_all.py --create URL MODULE.py
#
# Imports MODULE.py, configures its mappers (so that every relationship()
# must resolve), runs Base.metadata.create_all() on WORKDIR/sqlalchemy.db and
# runs DDL.sql (Tablewright's SQLite create_all script) on WORKDIR/tablewright.db.
# Then reads both schemas back (PRAGMA table_info, foreign_key_list,
# index_list, index_info and the constraint names of sqlite_master) and
# prints every difference. Exit status: 0 when the schemas match, 1 when they
# differ, 2 when the module or the script fails.
#
# --create only imports MODULE.py, configures its mappers and runs
# Base.metadata.create_all() on the database URL (a Tablewright URL:
# mysql:// goes through PyMySQL); tests/db/test-sqlalchemy-live.c compares
# the result.
#
# --ignore-fk-names leaves the names of foreign keys out: Tablewright names
# the foreign keys of a cycle only where it adds them with ALTER TABLE
# (PostgreSQL, MySQL), while the module names them for every dialect.

import importlib.util
import os
import re
import sqlite3
import sys
import traceback


def strip_parens(text):
    """A default as SQLite keeps it, without the parentheses around it."""
    if text is None:
        return None
    text = text.strip()
    while text.startswith("(") and text.endswith(")") and balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text


def balanced(text):
    depth = 0
    quote = False
    for c in text:
        if c == "'":
            quote = not quote
        elif not quote and c == "(":
            depth += 1
        elif not quote and c == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def normal_type(text):
    text = " ".join(text.upper().split())
    return re.sub(r"\s*,\s*", ",", text)


CONSTRAINT = re.compile(r'CONSTRAINT\s+("(?:[^"]|"")*"|`(?:[^`]|``)*`|\w+)\s+(PRIMARY|UNIQUE|FOREIGN|CHECK)',
                        re.IGNORECASE)


def read_schema(path):
    db = sqlite3.connect(path)
    schema = {}
    tables = [row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        info = {}

        info["columns"] = [
            (name, normal_type(type_), bool(notnull), strip_parens(default), pk)
            for (_cid, name, type_, notnull, default, pk)
            in db.execute("PRAGMA table_info(%s)" % quoted)]

        fks = {}
        for (fk_id, seq, target, source, to, on_update, on_delete, _match) \
                in db.execute("PRAGMA foreign_key_list(%s)" % quoted):
            fk = fks.setdefault(fk_id, {"table": target, "from": [], "to": [],
                                        "on_update": on_update, "on_delete": on_delete})
            fk["from"].append((seq, source))
            fk["to"].append((seq, to))
        info["foreign_keys"] = sorted(
            (fk["table"], tuple(c for _s, c in sorted(fk["from"])),
             tuple(c for _s, c in sorted(fk["to"])), fk["on_update"], fk["on_delete"])
            for fk in fks.values())

        indexes = []
        for (_seq, name, unique, origin, _partial) in db.execute("PRAGMA index_list(%s)" % quoted):
            columns = tuple(row[2] for row in db.execute(
                "PRAGMA index_info(\"%s\")" % name.replace('"', '""')))
            # Automatic indexes of UNIQUE and PRIMARY KEY constraints have
            # generated names: compare those by their columns only.
            shown = name if origin == "c" else None
            indexes.append((origin, bool(unique), columns, shown))
        info["indexes"] = sorted(indexes, key=repr)

        sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                         (table,)).fetchone()[0]
        info["constraint_names"] = sorted((m.group(1).strip('"`'), m.group(2).upper())
                                          for m in CONSTRAINT.finditer(sql))
        info["checks"] = len(re.findall(r"\bCHECK\s*\(", sql, re.IGNORECASE))
        schema[table] = info
    db.close()
    return schema


def compare(ours, theirs, ignore_fk_names):
    differences = []
    if ignore_fk_names:
        for schema in (ours, theirs):
            for info in schema.values():
                info["constraint_names"] = [c for c in info["constraint_names"] if c[1] != "FOREIGN"]
    for table in sorted(set(ours) | set(theirs)):
        if table not in theirs:
            differences.append("table %r: only in Tablewright's DDL" % table)
            continue
        if table not in ours:
            differences.append("table %r: only in the SQLAlchemy module" % table)
            continue
        for key in ("columns", "foreign_keys", "indexes", "constraint_names", "checks"):
            if ours[table][key] != theirs[table][key]:
                differences.append("table %r, %s:\n  Tablewright: %r\n  SQLAlchemy:  %r"
                                   % (table, key, ours[table][key], theirs[table][key]))
    return differences


def load_module(module_path):
    from sqlalchemy.orm import configure_mappers

    name = os.path.splitext(os.path.basename(module_path))[0]
    spec = importlib.util.spec_from_file_location(name, module_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    configure_mappers()
    return module


def create(url, module_path):
    import sqlalchemy

    if url.startswith("mysql://"):
        url = "mysql+pymysql://" + url[len("mysql://"):]
    try:
        module = load_module(module_path)
        engine = sqlalchemy.create_engine(url)
        module.Base.metadata.create_all(engine)
        engine.dispose()
    except Exception:
        print("The SQLAlchemy module failed:", file=sys.stderr)
        traceback.print_exc()
        return 2
    return 0


def main(argv):
    args = argv[1:]
    if len(args) == 3 and args[0] == "--create":
        return create(args[1], args[2])
    ignore_fk_names = "--ignore-fk-names" in args
    if ignore_fk_names:
        args.remove("--ignore-fk-names")
    if len(args) != 3:
        print("usage: sqla_create_all.py [--ignore-fk-names] MODULE.py DDL.sql WORKDIR",
              file=sys.stderr)
        return 2
    module_path, ddl_path, workdir = args

    try:
        import sqlalchemy

        module = load_module(module_path)

        theirs_path = os.path.join(workdir, "sqlalchemy.db")
        engine = sqlalchemy.create_engine("sqlite:///" + theirs_path)
        module.Base.metadata.create_all(engine)
        engine.dispose()
    except Exception:
        print("The SQLAlchemy module failed:", file=sys.stderr)
        traceback.print_exc()
        return 2

    try:
        ours_path = os.path.join(workdir, "tablewright.db")
        db = sqlite3.connect(ours_path)
        with open(ddl_path, encoding="utf-8") as f:
            db.executescript(f.read())
        db.close()
    except Exception:
        print("Tablewright's DDL failed:", file=sys.stderr)
        traceback.print_exc()
        return 2

    differences = compare(read_schema(ours_path), read_schema(theirs_path), ignore_fk_names)
    for difference in differences:
        print(difference)
    if differences:
        return 1
    print("The schemas match (%d tables)." % len(read_schema(ours_path)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
