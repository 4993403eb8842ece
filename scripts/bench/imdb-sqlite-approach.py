#!/usr/bin/env python3
"""The imdb-sqlite approach to loading IMDb's files, reproduced as a peer
for scripts/bench-imdb.sh: typed tables with their primary keys, one
transaction per file, `synchronous=OFF`, every other index built after the
load, then ANALYZE. Fields are split on tabs and `\\N` read as null, nothing
else is checked.

    imdb-sqlite-approach.py DIR DB    # prints the rows loaded
"""
import os
import sqlite3
import sys

# file: (table, [(column, type, indexed after the load)])
TABLES = {
    "name.basics": ("people", [
        ("person_id", "text primary key", False), ("name", "text", True),
        ("born", "integer", False), ("died", "integer", False),
        ("professions", "text", False), ("known_for", "text", False)]),
    "title.basics": ("titles", [
        ("title_id", "text primary key", False), ("type", "text", True),
        ("primary_title", "text", True), ("original_title", "text", True),
        ("is_adult", "integer", False), ("premiered", "integer", False),
        ("ended", "integer", False), ("runtime_minutes", "integer", False),
        ("genres", "text", False)]),
    "title.akas": ("akas", [
        ("title_id", "text", True), ("ordering", "integer", False),
        ("title", "text", True), ("region", "text", False),
        ("language", "text", False), ("types", "text", False),
        ("attributes", "text", False), ("is_original_title", "integer", False)]),
    "title.crew": ("crew", [
        ("title_id", "text primary key", False), ("directors", "text", False),
        ("writers", "text", False)]),
    "title.episode": ("episodes", [
        ("episode_title_id", "text primary key", False),
        ("show_title_id", "text", True), ("season_number", "integer", False),
        ("episode_number", "integer", False)]),
    "title.principals": ("principals", [
        ("title_id", "text", True), ("ordering", "integer", False),
        ("person_id", "text", True), ("category", "text", True),
        ("job", "text", False), ("characters", "text", False)]),
    "title.ratings": ("ratings", [
        ("title_id", "text primary key", False), ("rating", "real", False),
        ("votes", "integer", False)]),
}


def main(directory, path):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("pragma synchronous = off")
    for table, columns in TABLES.values():
        db.execute("create table %s (%s)" % (
            table, ", ".join("%s %s" % (name, kind) for name, kind, _ in columns)))
    loaded = 0
    for stem, (table, columns) in TABLES.items():
        sql = "insert into %s values (%s)" % (table, ", ".join("?" * len(columns)))
        width = len(columns)
        with open(os.path.join(directory, stem + ".tsv"), encoding="utf-8") as lines:
            next(lines)
            db.execute("begin")
            for line in lines:
                values = [None if field == "\\N" else field
                          for field in line.rstrip("\n").split("\t")]
                if len(values) != width:
                    continue
                db.execute(sql, values)
                loaded += 1
            db.execute("commit")
    for table, columns in TABLES.values():
        for name, _, indexed in columns:
            if indexed:
                db.execute("create index %s_by_%s on %s (%s)" % (table, name, table, name))
    db.execute("analyze")
    db.close()
    print(loaded)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
