#!/usr/bin/python3
# bench_commit_sqlalchemy.py: SQLAlchemy 1.4 ORM reference for bench-commit
#
# Copyright 2026 The Tablewright authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: /usr/bin/python3 bench_commit_sqlalchemy.py [--rows N] [--runs R] URL
#   URL  sqlite:///path/to/file.db or postgresql://user@host:port/db
#        (as bench-commit takes them; psycopg2 is SQLAlchemy's default
#        PostgreSQL driver)
#
# Creates the same table as bench-commit, makes N mapped objects with the
# same values, then session.add_all() and session.commit(). Prints one line
# per run in bench-commit's format:
#
#   method=sqlalchemy dialect=sqlite rows=100000 stage_s=0.4 commit_s=2.1
#     total_s=2.5 vmhwm_kb=123456
#
# stage_s is making the objects and add_all(); commit_s is commit() (the
# flush, which fetches every generated key, and the COMMIT). The objects
# stay referenced, as an application keeps them.

import argparse
import time

import sqlalchemy
from sqlalchemy import Boolean, Column, Float, Integer, String, Text, create_engine, text
from sqlalchemy.orm import Session, declarative_base

CREATE = {
    "sqlite": "CREATE TABLE bench (id INTEGER NOT NULL PRIMARY KEY, n INTEGER, label VARCHAR(40), "
              "x FLOAT, flag BOOLEAN, note TEXT)",
    "postgresql": "CREATE TABLE bench (id SERIAL NOT NULL PRIMARY KEY, n INTEGER, label VARCHAR(40), "
                  "x FLOAT, flag BOOLEAN, note TEXT)",
}

Base = declarative_base()


class Bench(Base):
    __tablename__ = "bench"

    id = Column(Integer, primary_key=True)
    n = Column(Integer)
    label = Column(String(40))
    x = Column(Float)
    flag = Column(Boolean)
    note = Column(Text)


def vmhwm_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def run(engine, dialect, rows):
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS bench"))
        connection.execute(text(CREATE[dialect]))

    session = Session(engine)
    start = time.perf_counter()
    objects = [Bench(n=i, label="label %d" % i, x=i * 0.5, flag=bool(i % 2),
                     note=None if i % 3 == 0 else "note %d" % i)
               for i in range(rows)]
    session.add_all(objects)
    staged = time.perf_counter()
    session.commit()
    done = time.perf_counter()

    # Every object got its key.
    assert objects[-1].id is not None
    print("method=sqlalchemy dialect=%s rows=%d stage_s=%.4f commit_s=%.4f total_s=%.4f vmhwm_kb=%d"
          % (dialect, rows, staged - start, done - staged, done - start, vmhwm_kb()), flush=True)
    session.close()
    del objects


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("url")
    args = parser.parse_args()

    dialect = args.url.split(":", 1)[0].split("+", 1)[0]
    if dialect not in CREATE:
        parser.error("URL must be sqlite:///... or postgresql://...")
    engine = create_engine(args.url, future=True)
    print("# SQLAlchemy %s, %s" % (sqlalchemy.__version__, engine.dialect.driver), flush=True)
    for _ in range(args.runs):
        run(engine, dialect, args.rows)


if __name__ == "__main__":
    main()
