#!/usr/bin/env python3
"""Soak: does the server's memory keep growing under a steady mixed load?

For D minutes (default 10), a few reader threads (default 4) make
anonymous requests at random: the home page, film and person pages, the
HTML search and /api/v1/search and /api/v1/suggest with ever-varied
queries (words of the catalog's titles, typos of them, random Latin and
Hangul strings, years), what's on, the news page and its Atom feed, a
film's reviews feed, the forum and its threads; and a few members
(default 2) write now and then (a review, a diary entry, a reply; one
write every --write-pause seconds each). The server's VmRSS is read from
/proc/PID/status every 10 seconds.

Prints the memory curve as a table (minute, requests so far, RSS MB), the
slope of RSS over the last half of the run in MB/min (least squares over
the samples), the error count (5xx and requests that got no answer), and a
last line `SUMMARY soak ...`.
"""

import argparse
import collections
import os
import random
import string
import sys
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stresslib as S  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: scripts/stress/soak.py --minutes 10",
    )
    S.add_server_arguments(parser)
    parser.add_argument("-d", "--minutes", type=float, default=10, help="how long (10 minutes)")
    parser.add_argument("--readers", type=int, default=4, help="anonymous reader threads (4)")
    parser.add_argument("--writers", type=int, default=2, help="member writer threads (2)")
    parser.add_argument("--write-pause", type=float, default=1.0,
                        help="seconds each writer waits between writes (1.0)")
    parser.add_argument("--sample", type=float, default=10, help="seconds between RSS samples (10)")
    parser.add_argument("--table-every", type=float, default=60,
                        help="seconds between rows of the printed table (60; all samples if 0)")
    parser.add_argument("--timeout", type=float, default=60, help="per-request timeout (60 s)")
    parser.add_argument("--seed", type=int, default=None)
    return parser.parse_args(argv)


HANGUL_START, HANGUL_END = 0xAC00, 0xD7A3


class Catalog:
    """Ids and words to build requests from."""

    def __init__(self, url):
        client = S.Client(url, timeout=60)
        films = S.film_ids(url)
        self.films = [f for f, _, _ in films]
        self.words = []
        for _, name, _ in films:
            self.words.extend(w for w in name.split() if len(w) > 1)
        answer = client.get("/api/v1/people?limit=1000")
        self.people = [p["id"] for p in (answer.json() or {}).get("items", [])]
        for person in (answer.json() or {}).get("items", []):
            self.words.extend(w for w in person.get("name", "").split() if len(w) > 1)
        answer = client.get("/api/v1/threads")
        self.threads = [t["id"] for t in (answer.json() or {}).get("threads", [])]
        client.close()
        self.words = self.words or ["crossing", "defector", "kim"]

    def query(self, rng):
        pick = rng.random()
        if pick < 0.3:
            return rng.choice(self.words)
        if pick < 0.5:  # a typo of a word
            word = list(rng.choice(self.words))
            if word:
                word[rng.randrange(len(word))] = rng.choice(string.ascii_lowercase)
            return "".join(word)
        if pick < 0.65:
            return " ".join(rng.choice(self.words) for _ in range(rng.randint(2, 4)))
        if pick < 0.8:
            return "".join(rng.choice(string.ascii_lowercase)
                           for _ in range(rng.randint(3, 14)))
        if pick < 0.9:
            return "".join(chr(rng.randint(HANGUL_START, HANGUL_END))
                           for _ in range(rng.randint(1, 4)))
        return str(rng.randint(1900, 2030))


def reader_path(catalog, rng):
    q = urllib.parse.quote_plus
    pick = rng.random()
    if pick < 0.08:
        return "home", "/"
    if pick < 0.28:
        return "film", "/films/%s" % rng.choice(catalog.films)
    if pick < 0.34 and catalog.people:
        return "person", "/people/%s" % rng.choice(catalog.people)
    if pick < 0.50:
        return "search", "/search?q=%s" % q(catalog.query(rng))
    if pick < 0.60:
        return "api-search", "/api/v1/search?q=%s" % q(catalog.query(rng))
    if pick < 0.70:
        return "suggest", "/api/v1/suggest?q=%s" % q(catalog.query(rng)[:rng.randint(1, 6)])
    if pick < 0.76:
        return "whats-on", rng.choice(["/whats-on", "/whats-on?from=2012-11-18",
                                       "/whats-on?city=Amsterdam&from=2012-11-01"])
    if pick < 0.82:
        return "feed", rng.choice(["/news.atom", "/films/%s/reviews.atom" % rng.choice(
            catalog.films)])
    if pick < 0.86:
        return "news", "/news"
    if pick < 0.93:
        return "forum", "/threads"
    if catalog.threads:
        return "thread", "/threads/%d" % rng.choice(catalog.threads)
    return "forum", "/threads"


class Soak:
    def __init__(self, args, server, catalog):
        self.args = args
        self.server = server
        self.catalog = catalog
        self.count = 0
        self.errors = 0
        self.by_status = collections.Counter()
        self.by_kind = collections.defaultdict(collections.Counter)
        self.lock = threading.Lock()
        self.stop_at = None

    def note(self, kind, answer):
        with self.lock:
            self.count += 1
            label = answer.label()
            self.by_status[label] += 1
            self.by_kind[kind][label] += 1
            if answer.status == 0 or answer.status >= 500:
                self.errors += 1

    def reader(self, index):
        rng = random.Random(None if self.args.seed is None else self.args.seed * 7919 + index)
        client = S.Client(self.server.url, timeout=self.args.timeout)
        while time.monotonic() < self.stop_at:
            kind, path = reader_path(self.catalog, rng)
            self.note(kind, client.get(path))
        client.close()

    def writer(self, index, client):
        rng = random.Random(None if self.args.seed is None else self.args.seed * 104729 + index)
        serial = 0
        while time.monotonic() < self.stop_at:
            serial += 1
            film = rng.choice(self.catalog.films)
            step = serial % 3
            if step == 0:
                answer = client.post_json("/api/v1/films/%s/reviews" % film, {
                    "rating": rng.randint(1, 10), "body": "soak review %d-%d" % (index, serial)})
                self.note("w-review", answer)
            elif step == 1:
                answer = client.post_json("/api/v1/me/diary", {
                    "film": film, "watched_on": "2020-%02d-%02d" % (rng.randint(1, 12),
                                                                    rng.randint(1, 28))})
                self.note("w-diary", answer)
            else:
                if not self.catalog.threads:
                    answer = client.post_json("/api/v1/threads", {
                        "kind": "film", "id": film, "title": "soak %d" % index,
                        "body": "soak thread"})
                    self.note("w-thread", answer)
                    if answer.status == 201:
                        with self.lock:
                            self.catalog.threads.append((answer.json() or {}).get("id"))
                else:
                    thread = rng.choice(self.catalog.threads)
                    answer = client.post_json("/api/v1/threads/%d/posts" % thread,
                                              {"body": "soak reply %d-%d" % (index, serial)})
                    if answer.status == 409:  # an archived thread: start our own
                        with self.lock:
                            if thread in self.catalog.threads:
                                self.catalog.threads.remove(thread)
                        answer = client.post_json("/api/v1/threads", {
                            "kind": "film", "id": film, "title": "soak %d-%d" % (index, serial),
                            "body": "soak thread"})
                        if answer.status == 201:
                            with self.lock:
                                self.catalog.threads.append((answer.json() or {}).get("id"))
                    self.note("w-reply", answer)
            deadline = time.monotonic() + self.args.write_pause
            while time.monotonic() < min(deadline, self.stop_at):
                time.sleep(0.1)


def slope(points):
    """Least-squares slope of (x, y) points, or None."""
    if len(points) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points)
    if var == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var


def main(argv=None):
    args = parse_args(argv)
    if args.seed is not None:
        random.seed(args.seed)
    server = S.server_from_args(args)
    run = S.run_id()
    names = ["s%s-%d" % (run, i + 1) for i in range(args.writers)]
    try:
        if server.owned and names:
            server.prepare()
            server.add_users(names)
        server.start()
        catalog = Catalog(server.url)
        clients = []
        for i, name in enumerate(names):
            client = S.Client(server.url, timeout=args.timeout)
            address = S.member_address(200 + i)
            answer = (S.sign_in(client, name, address=address) if server.owned
                      else S.sign_up(client, name, address=address))
            if answer.status not in (200, 201):
                raise SystemExit("member %s could not sign in: %s %s"
                                 % (name, answer.label(), answer.text()[:200]))
            clients.append(client)
        soak = Soak(args, server, catalog)
        duration = args.minutes * 60
        started = time.monotonic()
        soak.stop_at = started + duration
        threads = [threading.Thread(target=soak.reader, args=(i,), daemon=True)
                   for i in range(args.readers)]
        threads += [threading.Thread(target=soak.writer, args=(i, c), daemon=True)
                    for i, c in enumerate(clients)]
        samples = []  # (seconds, requests, rss kB, hwm kB, fds)

        def sample():
            memory = server.memory()
            samples.append((time.monotonic() - started, soak.count, memory.get("VmRSS"),
                            memory.get("VmHWM"), S.open_fds(server.pid) if server.pid else None))

        sample()
        for thread in threads:
            thread.start()
        S.log("soak for %.1f min: %d readers, %d writers; RSS %s MB"
              % (args.minutes, args.readers, args.writers, S.fmt_mb(samples[0][2])))
        next_sample = started + args.sample
        while time.monotonic() < soak.stop_at:
            time.sleep(max(0.0, min(next_sample, soak.stop_at) - time.monotonic()))
            if time.monotonic() >= next_sample:
                sample()
                next_sample += args.sample
                if len(samples) % 6 == 1:
                    S.log("%.1f min: %d requests, RSS %s MB, errors %d" % (
                        samples[-1][0] / 60, samples[-1][1], S.fmt_mb(samples[-1][2]),
                        soak.errors))
            if not server.alive():
                S.log("the server is gone")
                break
        for thread in threads:
            thread.join(timeout=args.timeout + 5)
        sample()
        if len(samples) >= 2 and samples[-1][0] - samples[-2][0] < 2:
            del samples[-2]
        elapsed = time.monotonic() - started

        print("soak: %.1f min against %s, %s; %d readers, %d writers" % (
            elapsed / 60, server.url, server.label, args.readers, args.writers))
        print("%8s %10s %9s %9s %6s" % ("minute", "requests", "RSS MB", "HWM MB", "fds"))
        every = args.table_every or args.sample
        shown = None
        for seconds, count, rss, hwm, fds in samples:
            row = int(seconds // every)
            if row == shown and (seconds, count) != samples[-1][:2]:
                continue
            shown = row
            print("%8.2f %10d %9s %9s %6s" % (seconds / 60, count, S.fmt_mb(rss), S.fmt_mb(hwm),
                                              fds if fds is not None else "?"))
        half = [(s / 60, rss / 1024) for s, _, rss, _, _ in samples
                if rss is not None and s >= elapsed / 2]
        rate = slope(half)
        print("requests: %d (%.1f/s); by status: %s" % (
            soak.count, soak.count / elapsed if elapsed else 0,
            ", ".join("%s=%d" % kv for kv in sorted(soak.by_status.items()))))
        bad = {k: sum(n for l, n in c.items() if l.startswith("5") or l.startswith("ERR"))
               for k, c in soak.by_kind.items()}
        if any(bad.values()):
            print("errors by kind: %s" % ", ".join("%s=%d" % kv for kv in sorted(bad.items())
                                                   if kv[1]))
        first = next((s for s in samples if s[2] is not None), None)
        last = next((s for s in reversed(samples) if s[2] is not None), None)
        print("RSS: %s MB at start, %s MB at the end, peak (VmHWM) %s MB" % (
            S.fmt_mb(first[2] if first else None), S.fmt_mb(last[2] if last else None),
            S.fmt_mb(last[3] if last else None)))
        print("slope over the last half: %s MB/min" % ("?" if rate is None else "%+.2f" % rate))
        print("errors (5xx or no answer): %d; server alive: %s" % (
            soak.errors, "yes" if server.alive() else "NO"))
        print("SUMMARY soak minutes=%.1f requests=%d rss_start_mb=%s rss_end_mb=%s "
              "slope_last_half_mb_per_min=%s errors=%d" % (
                  elapsed / 60, soak.count, S.fmt_mb(first[2] if first else None),
                  S.fmt_mb(last[2] if last else None),
                  "?" if rate is None else "%.2f" % rate, soak.errors))
        for client in clients:
            client.close()
        return 0
    finally:
        if server.owned and server.process is not None and not server.alive():
            S.log("the server died; its log ends:\n" + server.tail_log())
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
