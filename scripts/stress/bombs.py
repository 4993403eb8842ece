#!/usr/bin/env python3
"""Bombs: how much memory and time does one hostile request cost the
server, and does it survive?

Each attack is sent by itself, while a thread samples the server's VmRSS
every 50 ms and another times GET /healthz every 0.25 s:

  a1      GET /search?q=<30 KB of random letters and spaces>
  a1-api  GET /api/v1/search?q=<the same 30 KB>
  a4      four such /search requests at once
  b10k    POST /api/v1/me/import: a Letterboxd CSV whose one title is 10 KB
  b100k   the same with a 100 KB title
  c-zip   a ZIP of about 255 KB (watched.csv, DEFLATE) whose one title
          field expands to 250 MB of 'a' (built with zipfile, streamed)
  d-rows  a Letterboxd diary CSV with 200,000 rows (demo films' titles,
          a few unknown titles)
  e-list  a Letterboxd list CSV with 130,000 lines
  e-form  POST /lists, the list form, with 130,000 lines of film ids
  e-json  POST /api/v1/me/lists with 130,000 films

For each: the HTTP status(es), seconds, peak RSS sampled during the
attack (and until the server's CPU settles), VmHWM before and after,
the slowest /healthz during it, and whether the server survived. If it
died, it is restarted on the same data before the next attack, and the
table says so. Each import uses a member of its own (made with the CLI
before the server starts; via POST /api/v1/accounts with --url).

Last line: `SUMMARY bombs ...` with the worst peak RSS and the deaths.
"""

import argparse
import io
import os
import random
import string
import sys
import threading
import time
import urllib.parse
import zipfile

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stresslib as S  # noqa: E402

ATTACKS = ("a1", "a1-api", "a4", "b10k", "b100k", "c-zip", "d-rows", "e-list", "e-form",
           "e-json")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Attacks: " + ", ".join(ATTACKS) + "\nExample: scripts/stress/bombs.py --only a1,a4,c-zip",
    )
    S.add_server_arguments(parser)
    parser.add_argument("--only", default=None,
                        help="comma-separated attacks to run (default all: %s)" % ",".join(ATTACKS))
    parser.add_argument("--query-kb", type=int, default=30, help="size of the search query (30 KB)")
    parser.add_argument("--zip-mb", type=int, default=250,
                        help="what the ZIP's one field expands to (250 MB)")
    parser.add_argument("--rows", type=int, default=200_000, help="rows of the big CSV (200000)")
    parser.add_argument("--unknown-every", type=int, default=50,
                        help="in the big CSV, one row in this many names a film not in the "
                             "catalog (50; 0 for none)")
    parser.add_argument("--list-lines", type=int, default=130_000,
                        help="lines of the big list (130000)")
    parser.add_argument("--timeout", type=float, default=600,
                        help="seconds to wait for an answer (600)")
    parser.add_argument("--settle", type=float, default=300,
                        help="after an answer (or a timeout), wait up to this many seconds for "
                             "the server's CPU to go quiet (300)")
    parser.add_argument("--fresh", action="store_true",
                        help="restart the server (same data) before each attack, so that each "
                             "VmHWM is its own")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.only:
        wanted = args.only.split(",")
        for name in wanted:
            if name not in ATTACKS:
                parser.error("--only: no attack `%s` (have %s)" % (name, ", ".join(ATTACKS)))
        args.attacks = wanted
    else:
        args.attacks = list(ATTACKS)
    return args


# ---------------------------------------------------------------------------
# Payloads
# ---------------------------------------------------------------------------


def random_text(rng, size):
    letters = string.ascii_lowercase + " " * 5
    return "".join(rng.choice(letters) for _ in range(size)).strip() or "a"


def csv_one_title(title):
    return ("Date,Name,Year,Letterboxd URI\n2024-01-01,%s,2008,\n" % title).encode()


def zip_bomb(field_bytes):
    """A Letterboxd export ZIP whose watched.csv has one title of
    `field_bytes` 'a's, compressed as it is written."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("letterboxd-bomb-2026-01-01-00-00-utc/watched.csv", "w",
                          force_zip64=field_bytes > 2**31) as member:
            member.write(b"Date,Name,Year,Letterboxd URI\n2024-01-01,")
            chunk = b"a" * (1 << 20)
            left = field_bytes
            while left > 0:
                member.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
            member.write(b",2008,\n")
    return out.getvalue()


def big_diary(rng, rows, films, unknown_every):
    lines = ["Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"]
    for i in range(rows):
        if unknown_every and i % unknown_every == unknown_every - 1:
            name, year = "Unknown film %d %s" % (i, random_text(rng, 8)), 1990 + i % 30
        else:
            _, name, year = films[i % len(films)]
            year = year or ""
        name = '"%s"' % name.replace('"', '""') if ("," in name or '"' in name) else name
        day = "20%02d-%02d-%02d" % (i % 25, 1 + i % 12, 1 + i % 28)
        lines.append("%s,%s,%s,https://boxd.it/s%d,%s,,stress,%s" % (
            day, name, year, i, (1 + i % 10) / 2, day))
    return ("\n".join(lines) + "\n").encode()


def big_list(lines, films):
    out = ["Letterboxd list export v7", "Date,Name,Tags,URL,Description",
           "2026-01-01,Stress list,,https://letterboxd.com/x/list/stress/,A long one", "",
           "Position,Name,Year,URL,Description"]
    for i in range(lines):
        film_id, name, year = films[i % len(films)]
        name = '"%s"' % name.replace('"', '""') if ("," in name or '"' in name) else name
        out.append("%d,%s,%s,https://letterboxd.com/film/%s/," % (i + 1, name, year or "",
                                                                  film_id))
    return ("\n".join(out) + "\n").encode()


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------


class HealthWatch(threading.Thread):
    def __init__(self, url, every=0.25, timeout=5):
        super().__init__(daemon=True)
        self.url, self.every, self.timeout = url, every, timeout
        self.results = []
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            answer = S.probe(self.url, timeout=self.timeout)
            self.results.append((answer.status, answer.seconds))
            self.halt.wait(self.every)

    def stop(self):
        self.halt.set()
        self.join(timeout=self.timeout + 2)
        if not self.results:
            return "-"
        worst = max(seconds for _, seconds in self.results)
        failed = sum(1 for status, _ in self.results if status != 200)
        return "%.0f%s" % (worst * 1000, (" (%d/%d failed)" % (failed, len(self.results)))
                           if failed else "")


def settle(server, limit, quiet=0.15):
    """Waits until the server uses less than `quiet` CPU seconds a second
    (or `limit` seconds pass, or it dies)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and server.pid and server.alive():
        before = S.cpu_seconds(server.pid)
        time.sleep(1)
        after = S.cpu_seconds(server.pid)
        if before is None or after is None or after - before < quiet:
            return


class Bombs:
    def __init__(self, args, server, members):
        self.args = args
        self.server = server
        self.members = members  # attack -> (name, client)
        self.rows = []
        self.deaths = []

    def client_for(self, attack):
        name, client = self.members[attack]
        return client

    def ensure_alive(self, attack):
        if self.server.alive():
            return None
        if not self.server.owned:
            raise SystemExit("the server at %s is down; cannot go on" % self.server.url)
        code = self.server.exit_code()
        S.log("the server is dead (exit %s); restarting it before %s" % (code, attack))
        self.server.restart()
        for name, (member, client) in self.members.items():
            client.close()
            client.cookies.clear()
            S.sign_in(client, member, address=S.member_address(hash(member) % 60000 + 1))
        return "restarted before it (exit %s)" % code

    def measure(self, attack, send):
        """Runs `send()` -> list of Response, measuring the server."""
        note = self.ensure_alive(attack)
        if self.args.fresh and self.server.owned and self.rows:
            self.server.restart()
        settle(self.server, 60)
        pid = self.server.pid
        memory = self.server.memory()
        hwm_before, rss_before = memory.get("VmHWM"), memory.get("VmRSS")
        sampler = S.RssSampler(pid, 0.05)
        sampler.start()
        watch = HealthWatch(self.server.url)
        watch.start()
        started = time.monotonic()
        try:
            answers = send()
        except Exception as error:  # a payload that cannot be sent, say
            answers = [S.Response(0, [], b"", time.monotonic() - started,
                                  error=type(error).__name__)]
        seconds = time.monotonic() - started
        settle(self.server, self.args.settle)
        health = watch.stop()
        peak = sampler.stop()
        alive = self.server.alive()
        hwm_after = self.server.memory().get("VmHWM") if alive else None
        if not alive:
            code = self.server.exit_code()
            self.deaths.append(attack)
            note = ((note + "; ") if note else "") + "SERVER DIED (exit %s)" % code
        statuses = [a.label() for a in answers]
        message = ""
        for answer in answers:
            if answer.status and not 200 <= answer.status < 400:
                message = answer.message(160)
                break
        row = {
            "attack": attack, "status": ",".join(statuses), "seconds": seconds,
            "peak": peak, "rss_before": rss_before, "hwm_before": hwm_before,
            "hwm_after": hwm_after, "health": health, "note": note or "", "message": message,
        }
        self.rows.append(row)
        S.log("%s: %s in %.1f s, peak RSS %s MB, healthz max %s ms %s" % (
            attack, row["status"], seconds, S.fmt_mb(peak), health, row["note"]))
        return row


def main(argv=None):
    args = parse_args(argv)
    rng = random.Random(args.seed)
    server = S.server_from_args(args)
    run = S.run_id()
    import_attacks = [a for a in args.attacks if not a.startswith("a")]
    names = {attack: "b%s-%s" % (run, attack.replace("-", ""))[:32] for attack in import_attacks}
    try:
        if server.owned and names:
            server.prepare()
            server.add_users(list(names.values()))
        server.start()
        films = S.film_ids(server.url)
        members = {}
        for i, (attack, name) in enumerate(names.items()):
            client = S.Client(server.url, timeout=args.timeout)
            address = S.member_address(hash(name) % 60000 + 1)
            answer = (S.sign_in(client, name, address=address) if server.owned
                      else S.sign_up(client, name, address=address))
            if answer.status not in (200, 201):
                raise SystemExit("member %s: %s %s" % (name, answer.label(), answer.text()[:200]))
            members[attack] = (name, client)
        bombs = Bombs(args, server, members)
        query = random_text(rng, args.query_kb * 1024)
        q = urllib.parse.quote_plus(query)

        def get(path):
            client = S.Client(server.url, timeout=args.timeout)
            try:
                return client.get(path)
            finally:
                client.close()

        def upload(attack, body, name, content_type):
            client = bombs.client_for(attack)
            return [client.request("POST", "/api/v1/me/import?name=%s" % name, body=body,
                                   headers={"Content-Type": content_type},
                                   timeout=args.timeout)]

        for attack in args.attacks:
            if attack == "a1":
                bombs.measure(attack, lambda: [get("/search?q=" + q)])
            elif attack == "a1-api":
                bombs.measure(attack, lambda: [get("/api/v1/search?q=" + q)])
            elif attack == "a4":
                def four():
                    answers = [None] * 4

                    def one(i):
                        answers[i] = get("/search?q=" + q)

                    threads = [threading.Thread(target=one, args=(i,)) for i in range(4)]
                    for thread in threads:
                        thread.start()
                    for thread in threads:
                        thread.join()
                    return answers
                bombs.measure(attack, four)
            elif attack in ("b10k", "b100k"):
                size = 10 * 1024 if attack == "b10k" else 100 * 1024
                body = csv_one_title(random_text(rng, size))
                bombs.measure(attack, lambda body=body: upload(attack, body, "watched.csv",
                                                               "text/csv"))
            elif attack == "c-zip":
                started = time.monotonic()
                body = zip_bomb(args.zip_mb << 20)
                S.log("ZIP of %.0f KB expanding to %d MB built in %.1f s" % (
                    len(body) / 1024, args.zip_mb, time.monotonic() - started))
                bombs.measure(attack, lambda body=body: upload(attack, body, "export.zip",
                                                               "application/zip"))
                bombs.rows[-1]["note"] = ("%s %.0f KB zip" % (bombs.rows[-1]["note"],
                                                              len(body) / 1024)).strip()
            elif attack == "d-rows":
                body = big_diary(rng, args.rows, films, args.unknown_every)
                bombs.measure(attack, lambda body=body: upload(attack, body, "diary.csv",
                                                               "text/csv"))
                bombs.rows[-1]["note"] = ("%s %.1f MB csv" % (bombs.rows[-1]["note"],
                                                              len(body) / 1e6)).strip()
            elif attack == "e-list":
                body = big_list(args.list_lines, films)
                bombs.measure(attack, lambda body=body: upload(attack, body, "stress-list.csv",
                                                               "text/csv"))
                bombs.rows[-1]["note"] = ("%s %.1f MB csv" % (bombs.rows[-1]["note"],
                                                              len(body) / 1e6)).strip()
            elif attack == "e-form":
                client = bombs.client_for(attack)
                lines = "\n".join(films[i % len(films)][0] for i in range(args.list_lines))
                body = urllib.parse.urlencode({"title": "Stress form list %s" % run,
                                               "films": lines}).encode()

                def form(client=client, body=body):
                    token = S.csrf_token(client)
                    return [client.request(
                        "POST", "/lists", body=body, timeout=args.timeout,
                        headers={"Content-Type": "application/x-www-form-urlencoded",
                                 "X-CSRF-Token": token})]
                bombs.measure(attack, form)
                bombs.rows[-1]["note"] = ("%s %.1f MB form" % (bombs.rows[-1]["note"],
                                                               len(body) / 1e6)).strip()
            elif attack == "e-json":
                client = bombs.client_for(attack)
                payload = {"title": "Stress json list %s" % run,
                           "films": [{"film": films[i % len(films)][0]}
                                     for i in range(args.list_lines)]}
                bombs.measure(attack, lambda client=client, payload=payload: [client.post_json(
                    "/api/v1/me/lists", payload, timeout=args.timeout)])

        print("bombs against %s, %s" % (server.url, server.label))
        print("%-7s %-15s %8s %9s %9s %17s %14s  %s" % (
            "attack", "status", "seconds", "peak MB", "RSS0 MB", "VmHWM MB", "healthz max ms",
            "note"))
        for row in bombs.rows:
            print("%-7s %-15s %8.1f %9s %9s %17s %14s  %s" % (
                row["attack"], row["status"][:15], row["seconds"], S.fmt_mb(row["peak"]),
                S.fmt_mb(row["rss_before"]),
                "%s -> %s" % (S.fmt_mb(row["hwm_before"]), S.fmt_mb(row["hwm_after"])),
                row["health"], row["note"]))
        for row in bombs.rows:
            if row["message"]:
                print("  %s answered: %s" % (row["attack"], row["message"]))
        worst = max(bombs.rows, key=lambda r: r["peak"] or 0) if bombs.rows else None
        slowest = max(bombs.rows, key=lambda r: r["seconds"]) if bombs.rows else None
        print("SUMMARY bombs attacks=%d worst_peak_rss_mb=%s (%s) slowest_s=%.1f (%s) "
              "deaths=%d%s restarts=%d" % (
                  len(bombs.rows), S.fmt_mb(worst["peak"]) if worst else "?",
                  worst["attack"] if worst else "-", slowest["seconds"] if slowest else 0,
                  slowest["attack"] if slowest else "-", len(bombs.deaths),
                  (" (%s)" % ",".join(bombs.deaths)) if bombs.deaths else "", server.restarts))
        return 0
    finally:
        if server.owned and server.process is not None and not server.alive():
            S.log("the server died; its log ends:\n" + server.tail_log())
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
