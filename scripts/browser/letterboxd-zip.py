#!/usr/bin/env python3
"""Zips tests/fixtures/letterboxd/ as Letterboxd's export ZIP is laid out
(a top-level folder holding diary.csv and the rest), for the browser check.

    python3 scripts/browser/letterboxd-zip.py OUT.zip
"""
import sys
import zipfile
from pathlib import Path

fixture = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "letterboxd"
out = Path(sys.argv[1] if len(sys.argv) > 1 else "letterboxd-export.zip")
folder = "letterboxd-fan-2026-11-22-08-00-utc"
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
    for path in sorted(fixture.rglob("*.csv")):
        archive.write(path, f"{folder}/{path.relative_to(fixture).as_posix()}")
print(out)
