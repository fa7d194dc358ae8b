#!/usr/bin/python3
# bench_ddl_sqlalchemy.py: the DDL benchmark's reference, SQLAlchemy 1.4 compiling the same schema
#
# Copyright 2026 The Tablewright authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the schema of tw_test_schema_generated() (tests/common/tw-test-schemas.c)
# with SQLAlchemy Core and times compiling CREATE TABLE and CREATE INDEX for every
# table, in MetaData.sorted_tables order, for each dialect. Prints one line per
# dialect, in the format of bench-ddl:
#
#   dialect=sqlite best_ms=123.456 median_ms=130.000 statements=2345 bytes=456789
#
# Run with Debian's interpreter, which sees python3-sqlalchemy:
#   /usr/bin/python3 benchmarks/bench_ddl_sqlalchemy.py --tables 1000 --columns 10

import argparse
import statistics
import sys
import time

import sqlalchemy
from sqlalchemy import (BigInteger, Boolean, CHAR, Column, Date, DateTime, Float, ForeignKey,
                        Integer, JSON, LargeBinary, MetaData, Numeric, SmallInteger, String,
                        Table, Text, Time)
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

# Keep in step with generated_types in tests/common/tw-test-schemas.c.
TYPES = [
    lambda: String(50),
    Integer,
    Text,
    Boolean,
    lambda: Numeric(10, 2),
    DateTime,
    Float,
    Date,
    BigInteger,
    LargeBinary,
    JSON,
    Time,
    SmallInteger,
    # SQLAlchemy 1.4 has no generic Uuid: UUID on PostgreSQL, CHAR(36) elsewhere,
    # as Tablewright renders it.
    lambda: CHAR(36).with_variant(postgresql.UUID(), "postgresql"),
]
UNINDEXED = {2, 9, 10}  # Text, LargeBinary, JSON

DIALECTS = {
    "sqlite": sqlite.dialect,
    "postgresql": postgresql.dialect,
    "mysql": mysql.dialect,
}


def build_metadata(n_tables, n_columns):
    """The same algorithm as tw_test_schema_generated()."""
    metadata = MetaData()
    for i in range(n_tables):
        columns = [Column("id", Integer, primary_key=True)]
        if i >= 1:
            columns.append(Column("parent_id", Integer,
                                  ForeignKey("t%04d.id" % ((i - 1) // 2), ondelete="CASCADE"),
                                  nullable=False))
        if i >= 2:
            columns.append(Column("prev_id", Integer,
                                  ForeignKey("t%04d.id" % (i - 1), ondelete="SET NULL")))
        for k in range(len(columns), n_columns):
            t = (i + k) % len(TYPES)
            columns.append(Column("c%02d" % k, TYPES[t](),
                                  nullable=(k % 3 != 0),
                                  index=(k % 4 == 0 and t not in UNINDEXED)))
        Table("t%04d" % i, metadata, *columns)
    return metadata


def compile_all(metadata, dialect):
    statements = []
    for table in metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda ix: ix.name):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return statements


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tables", type=int, default=1000)
    parser.add_argument("--columns", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dialect", choices=list(DIALECTS), action="append")
    parser.add_argument("--dump", choices=list(DIALECTS),
                        help="print the statements for one dialect instead of timing")
    args = parser.parse_args()

    metadata = build_metadata(args.tables, args.columns)

    if args.dump:
        for statement in compile_all(metadata, DIALECTS[args.dump]()):
            print(statement + ";\n")
        return 0

    print("# SQLAlchemy %s, Python %s" % (sqlalchemy.__version__, sys.version.split()[0]))
    for name in args.dialect or list(DIALECTS):
        dialect = DIALECTS[name]()
        times = []
        statements = []
        for _ in range(args.runs):
            start = time.perf_counter()
            statements = compile_all(metadata, dialect)
            script = "".join(s + ";\n\n" for s in statements)
            times.append((time.perf_counter() - start) * 1000.0)
        print("dialect=%s best_ms=%.3f median_ms=%.3f statements=%d bytes=%d"
              % (name, min(times), statistics.median(times), len(statements), len(script)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
