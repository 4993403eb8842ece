#!/usr/bin/env python3
"""The report of disk-full.sh: what the server answered before, while and
after its disk was full, whether it recovered without a restart, and how
many acknowledged writes were lost after a restart.

Reads the request log writers.py wrote (--log-file: one JSON line per
request with its unix time, kind and status), the phase times disk-full.sh
recorded, the output of writers.py (its own check before the restart) and
of `writers.py --verify` (after the restart), and the probes disk-full.sh
made. Prints a table per phase and a last line `SUMMARY disk-full ...`.
Exits 1 with --strict if a write was lost, a write (or a probe: sign-in,
sign-up) was answered 500 (not 507/503), or the server did not recover
without a restart.
"""

import argparse
import collections
import json
import re
import sys


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--log", required=True, help="writers.py --log-file output (JSON lines)")
    parser.add_argument("--t-load", type=float, required=True, help="unix time the load began")
    parser.add_argument("--t-full", type=float, required=True,
                        help="unix time the filler began")
    parser.add_argument("--t-filled", type=float, required=True,
                        help="unix time the disk was full")
    parser.add_argument("--t-free", type=float, required=True,
                        help="unix time the filler was deleted")
    parser.add_argument("--grace", type=float, default=2.0,
                        help="seconds after freeing the disk before writes must succeed (2)")
    parser.add_argument("--writers-out", required=True, help="writers.py's stdout")
    parser.add_argument("--verify-out", default=None, help="writers.py --verify's stdout")
    parser.add_argument("--probes", default=None,
                        help="a file of `phase status seconds path` lines from disk-full.sh")
    parser.add_argument("--stop", default="", help="how the server stopped (text)")
    parser.add_argument("--restart", default="", help="how the restart went (text)")
    parser.add_argument("--size", default="?", help="the tmpfs size")
    parser.add_argument("--strict", action="store_true")
    return parser.parse_args(argv)


def summary_fields(path):
    """key=value pairs of a SUMMARY line of a writers.py output."""
    fields = {}
    if not path:
        return fields
    try:
        with open(path) as handle:
            text = handle.read()
    except OSError:
        return fields
    for line in text.splitlines():
        if line.startswith("SUMMARY"):
            for key, value in re.findall(r"(\w+)=(\S+)", line):
                fields[key] = value
    return fields


def main(argv=None):
    args = parse_args(argv)
    rows = []
    with open(args.log) as handle:
        for line in handle:
            try:
                rows.append(json.loads(line))
            except ValueError:
                continue

    def phase(t):
        if t < args.t_full:
            return "before"
        if t < args.t_free:
            return "full"
        if t < args.t_free + args.grace:
            return "grace"
        return "after"

    phases = ("before", "full", "grace", "after")
    by_phase = collections.defaultdict(collections.Counter)
    by_phase_kind = collections.defaultdict(lambda: collections.defaultdict(collections.Counter))
    for row in rows:
        label = str(row["status"]) if row.get("status") else "ERR:%s" % row.get("error")
        by_phase[phase(row["t"])][label] += 1
        by_phase_kind[phase(row["t"])][row["kind"]][label] += 1

    end = max((row["t"] for row in rows), default=args.t_free)
    print("disk-full: tmpfs %s; load from %.1f s; disk filled at +%.1f s (took %.1f s); "
          "freed at +%.1f s; load ended at +%.1f s" % (
              args.size, 0.0, args.t_full - args.t_load, args.t_filled - args.t_full,
              args.t_free - args.t_load, end - args.t_load))
    print("%-7s %9s %7s %6s %6s %7s  %s" % ("phase", "requests", "2xx", "4xx", "5xx", "no-ans",
                                            "by status"))
    for name in phases:
        counts = by_phase[name]
        total = sum(counts.values())
        two = sum(n for l, n in counts.items() if l.startswith("2"))
        four = sum(n for l, n in counts.items() if l.startswith("4"))
        five = sum(n for l, n in counts.items() if l.startswith("5"))
        none = sum(n for l, n in counts.items() if l.startswith("ERR"))
        print("%-7s %9d %7d %6d %6d %7d  %s" % (name, total, two, four, five, none, ", ".join(
            "%s=%d" % kv for kv in sorted(counts.items()))))
    full_kinds = by_phase_kind["full"]
    if full_kinds:
        print("while full, by kind: %s" % "; ".join(
            "%s %s" % (kind, ", ".join("%s=%d" % kv for kv in sorted(c.items())))
            for kind, c in sorted(full_kinds.items())))

    refused = collections.Counter()
    for row in rows:
        status = row.get("status") or 0
        if status >= 500:
            refused[str(status)] += 1
        elif not status:
            refused["no answer"] += 1
    acknowledged = sum(1 for row in rows if 200 <= (row.get("status") or 0) < 300)

    after = [row for row in rows if phase(row["t"]) == "after"]
    half = (args.t_free + args.grace + end) / 2
    late = [row for row in after if row["t"] >= half]
    late_ok = sum(1 for row in late if 200 <= (row.get("status") or 0) < 300)
    late_bad = sum(1 for row in late if (row.get("status") or 0) >= 500 or not row.get("status"))
    late_kinds_ok = {row["kind"] for row in late if 200 <= (row.get("status") or 0) < 300}
    late_kinds = {row["kind"] for row in late}
    recovered = bool(late) and late_ok > 0 and late_bad == 0 and late_kinds_ok == late_kinds
    first_ok = next((row["t"] for row in sorted(rows, key=lambda r: r["t"])
                     if row["t"] >= args.t_free and 200 <= (row.get("status") or 0) < 300), None)

    probes = []
    if args.probes:
        try:
            with open(args.probes) as handle:
                probes = [line.split() for line in handle if line.strip()]
        except OSError:
            probes = []
        grouped = collections.defaultdict(list)
        for parts in probes:
            if len(parts) >= 4:
                grouped[(parts[0], parts[3])].append("%s/%sms" % (parts[1], parts[2]))
        for (name, path), results in grouped.items():
            print("probe %s %s: %s" % (name, path, " ".join(results)))

    before_restart = summary_fields(args.writers_out)
    after_restart = summary_fields(args.verify_out)
    lost_before = before_restart.get("lost", "?")
    lost_after = after_restart.get("lost", "?")
    unverified_after = after_restart.get("unverified", "?")
    print("writes acknowledged: %d" % acknowledged)
    print("writes refused: %s" % (", ".join("%s=%s" % kv for kv in sorted(refused.items()))
                                  or "none"))
    print("recovered without a restart: %s (after the grace: %d requests; first 2xx +%s s after "
          "freeing; "
          "last half: %d 2xx, %d 5xx/no answer)" % (
              "yes" if recovered else "NO", len(after),
              "%.1f" % (first_ok - args.t_free) if first_ok else "never", late_ok, late_bad))
    print("lost before the restart (writers.py's own check): %s" % lost_before)
    print("stop: %s" % (args.stop or "?"))
    print("restart: %s" % (args.restart or "?"))
    print("writes lost after the restart: %s (found %s, unverifiable %s)" % (
        lost_after, after_restart.get("found", "?"), unverified_after))
    five_hundred = refused.get("500", 0)
    probe_500 = [parts for parts in probes if len(parts) >= 4 and parts[1] == "500"]
    if probe_500:
        print("probes answered 500: %d (%s)" % (len(probe_500), ", ".join(sorted(
            {"%s in phase %s" % (parts[3], parts[0]) for parts in probe_500}))))
    print("SUMMARY disk-full acknowledged=%d refused=%d (%s) lost_after_restart=%s "
          "recovered=%s probe_500=%d" % (
              acknowledged, sum(refused.values()),
              ",".join("%s:%s" % kv for kv in sorted(refused.items())) or "-", lost_after,
              "yes" if recovered else "no", len(probe_500)))
    if args.strict and (lost_after not in ("0",) or lost_before not in ("0",) or probe_500
                        or five_hundred or not recovered or unverified_after not in ("0",)):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
