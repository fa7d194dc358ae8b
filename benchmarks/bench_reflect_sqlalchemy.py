#!/usr/bin/python3
# bench_reflect_sqlalchemy.py: the reflection benchmark's reference, SQLAlchemy 1.4's MetaData.reflect()
#
# Copyright 2026 The Tablewright authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times MetaData.reflect() of every table of the database --url names (which
# bench-reflect filled with the generated schema) on one open connection,
# with a new MetaData, and so a new Inspector and its cache, each run.
# Prints one line in the format of bench-reflect:
#
#   dialect=postgresql best_ms=123.456 median_ms=130.000 tables=200 columns=2000 fks=399 indexes=400
#
# Run with Debian's interpreter, which sees python3-sqlalchemy, python3-psycopg2
# and python3-pymysql:
#   /usr/bin/python3 benchmarks/bench_reflect_sqlalchemy.py --url postgresql://tw@127.0.0.1:5432/db

import argparse
import statistics
import sys
import time

import sqlalchemy
from sqlalchemy import MetaData, create_engine


def engine_url(url):
    """Tablewright's URL as SQLAlchemy takes it: its MySQL driver is PyMySQL here."""
    if url.startswith("mysql://") or url.startswith("mariadb://"):
        return "mysql+pymysql://" + url.split("://", 1)[1]
    if url.startswith("postgresql://"):
        return "postgresql+psycopg2://" + url.split("://", 1)[1]
    return url


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    engine = create_engine(engine_url(args.url))
    print("# SQLAlchemy %s, Python %s, %s" % (sqlalchemy.__version__, sys.version.split()[0],
                                              engine.dialect.driver))
    times = []
    metadata = None
    with engine.connect() as connection:
        for _ in range(args.runs):
            start = time.perf_counter()
            metadata = MetaData()
            metadata.reflect(bind=connection)
            times.append((time.perf_counter() - start) * 1000.0)

    tables = metadata.tables.values()
    print("dialect=%s best_ms=%.3f median_ms=%.3f tables=%d columns=%d fks=%d indexes=%d"
          % (engine.dialect.name, min(times), statistics.median(times), len(tables),
             sum(len(t.columns) for t in tables),
             sum(len(t.foreign_key_constraints) for t in tables),
             sum(len(t.indexes) for t in tables)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
