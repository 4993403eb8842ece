#!/usr/bin/env python3
"""Concurrent writers: do acknowledged writes survive, and does the server
answer 5xx under write load?

N members (default 50), each on its own session, write for T seconds
(default 60) through the JSON API, in a loop: a review of a demo film
(POST /api/v1/films/ID/reviews), a diary entry (POST /api/v1/me/diary),
a new thread (POST /api/v1/threads) and replies to threads others started
(POST /api/v1/threads/ID/posts). Every response's status is recorded; every
write answered 2xx is remembered with the id the answer gave and a unique
token written into its text. At the end each member's own export
(GET /api/v1/me/export) is read and every acknowledged write is looked for:
a review by its id and token (in its current text or an earlier version),
a diary entry by id, a thread by id and token, a reply by id and token.

Members: when the script starts its own server they are created with the
CLI (`kinora --data DIR user add NAME`, password in KINORA_PASSWORD) before
the server starts, then signed in through POST /api/v1/session, each with
its own X-Forwarded-For address (the server trusts it from a loopback peer;
sign-ins are limited per address; 429s are waited out). With --url they
sign up through POST /api/v1/accounts (or via the CLI with --signup cli
--data DIR).

Prints: requests, by status, 5xx count and percentage per kind, latency,
acknowledged writes, lost writes, server memory (VmRSS, VmHWM), and a last
line `SUMMARY writers ...`. With --strict, exits 1 if any 5xx, lost or
unverifiable write.

Other modes, for disk-full.sh: --ack-file F writes the acknowledged writes
(and the members and password) as JSON; --log-file F writes one JSON line
per request (wall-clock time, kind, status); --verify F reads an ack file
and only checks, against --url, that its writes exist.
"""

import argparse
import collections
import json
import os
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stresslib as S  # noqa: E402

KINDS = ("review", "diary", "thread", "reply")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: scripts/stress/writers.py -n 50 -t 60 --strict",
    )
    S.add_server_arguments(parser)
    parser.add_argument("-n", "--writers", type=int, default=50, help="concurrent writers (50)")
    parser.add_argument("-t", "--seconds", type=float, default=60, help="how long to write (60)")
    parser.add_argument(
        "--signup", choices=("cli", "api"), default=None,
        help="how members are made: cli (default when the script starts the server: "
             "`kinora user add` before it starts) or api (POST /api/v1/accounts; "
             "default with --url)",
    )
    parser.add_argument("--data", default=None,
                        help="with --url --signup cli: the running server's data folder")
    parser.add_argument("--no-xff", action="store_true",
                        help="do not send a X-Forwarded-For address per member")
    parser.add_argument("--mix", default="review,diary,thread,reply,reply",
                        help="the cycle each writer repeats (default review,diary,thread,reply,reply)")
    parser.add_argument("--pause", type=float, default=0.0,
                        help="seconds each writer waits between writes (0)")
    parser.add_argument("--timeout", type=float, default=60, help="per-request timeout (60 s)")
    parser.add_argument("--ack-file", default=None,
                        help="write the acknowledged writes, members and password here (JSON)")
    parser.add_argument("--log-file", default=None,
                        help="append one JSON line per request: t (unix time), kind, status")
    parser.add_argument("--verify", metavar="ACKFILE", default=None,
                        help="only verify the writes of an ack file against --url")
    parser.add_argument("--seed", type=int, default=None, help="random seed")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 on any 5xx or lost (or unverifiable) write")
    args = parser.parse_args(argv)
    if args.verify and not args.url:
        parser.error("--verify needs --url")
    if args.signup is None:
        args.signup = "api" if args.url else "cli"
    if args.signup == "cli" and args.url and not args.data:
        parser.error("--signup cli with --url needs --data (the server's data folder)")
    for kind in args.mix.split(","):
        if kind not in KINDS:
            parser.error("--mix: `%s` is not one of %s" % (kind, ", ".join(KINDS)))
    return args


class Writer:
    def __init__(self, index, name, client):
        self.index = index
        self.name = name
        self.client = client
        self.results = []  # (wall time, kind, status label, seconds)
        self.acks = []


class Load:
    """The writers, the threads they share, and the request log."""

    def __init__(self, args, films, run):
        self.args = args
        self.films = films
        self.run = run
        self.threads = []  # acknowledged thread ids, shared for replies
        self.lock = threading.Lock()
        self.log = open(args.log_file, "a") if args.log_file else None
        self.stop_at = None

    def record(self, writer, kind, answer):
        now = time.time()
        writer.results.append((now, kind, answer.label(), answer.seconds))
        if self.log is not None:
            line = json.dumps({"t": round(now, 3), "w": writer.index, "kind": kind,
                               "status": answer.status, "error": answer.error})
            with self.lock:
                self.log.write(line + "\n")
                self.log.flush()

    def one(self, writer, kind, serial, rng):
        token = "stk-%s-%d-%d" % (self.run, writer.index, serial)
        film = rng.choice(self.films)
        client = writer.client
        timeout = self.args.timeout
        if kind == "reply":
            with self.lock:
                thread = rng.choice(self.threads) if self.threads else None
            if thread is None:
                kind = "thread"
        if kind == "review":
            answer = client.post_json(
                "/api/v1/films/%s/reviews" % film,
                {"rating": rng.randint(1, 10), "headline": "Stress %s" % token,
                 "body": "Written by a stress test, %s. *Markdown* and ||a spoiler||." % token},
                timeout=timeout)
            ack = {"kind": "review", "film": film}
        elif kind == "diary":
            answer = client.post_json(
                "/api/v1/me/diary",
                {"film": film, "watched_on": "20%02d-%02d-%02d" % (
                    rng.randint(0, 24), rng.randint(1, 12), rng.randint(1, 28)),
                 "rating": rng.randint(1, 10), "rewatch": rng.random() < 0.2,
                 "tags": ["stress", "w%d" % writer.index]},
                timeout=timeout)
            ack = {"kind": "diary", "film": film}
        elif kind == "thread":
            answer = client.post_json(
                "/api/v1/threads",
                {"kind": "film", "id": film, "title": "Stress thread %s" % token,
                 "body": "Opening post %s" % token},
                timeout=timeout)
            ack = {"kind": "thread", "film": film}
        else:
            answer = client.post_json(
                "/api/v1/threads/%d/posts" % thread,
                {"body": "Reply %s" % token}, timeout=timeout)
            ack = {"kind": "reply", "thread": thread}
        self.record(writer, kind, answer)
        if 200 <= answer.status < 300:
            data = answer.json() or {}
            ack.update({"member": writer.name, "token": token, "id": data.get("id"),
                        "t": round(time.time(), 3)})
            writer.acks.append(ack)
            if kind == "thread" and isinstance(data.get("id"), int):
                with self.lock:
                    self.threads.append(data["id"])

    def loop(self, writer):
        rng = random.Random((self.args.seed or 0) * 1000003 + writer.index
                            if self.args.seed is not None else None)
        mix = self.args.mix.split(",")
        serial = 0
        while time.monotonic() < self.stop_at:
            kind = mix[serial % len(mix)]
            serial += 1
            try:
                self.one(writer, kind, serial, rng)
            except Exception as error:  # a bug here must not stop the others
                S.log("writer %d: %r" % (writer.index, error))
                time.sleep(0.5)
            if self.args.pause:
                time.sleep(self.args.pause)


def make_members(args, server, names):
    """Signed-in clients for `names`, or raises."""
    clients = [S.Client(server.url, timeout=args.timeout) for _ in names]
    started = time.monotonic()
    failures = []

    def enter(index):
        address = None if args.no_xff else S.member_address(index + 1)
        if args.signup == "api":
            answer = S.sign_up(clients[index], names[index], address=address)
            ok = answer.status == 201
        else:
            answer = S.sign_in(clients[index], names[index], address=address)
            ok = answer.status == 200
        if not ok:
            failures.append((names[index], answer.label(), answer.text()[:200]))

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(enter, range(len(names))))
    if failures:
        raise SystemExit("could not sign %d members in, e.g. %s" % (len(failures), failures[:3]))
    S.log("%d members signed %s in %.1f s" % (len(names), "up" if args.signup == "api" else "in",
                                               time.monotonic() - started))
    return clients


def export_of(client, attempts=3):
    for attempt in range(attempts):
        answer = client.get("/api/v1/me/export", timeout=300)
        if answer.status == 200:
            data = answer.json()
            if isinstance(data, dict):
                return data, None
        last = answer.label()
        time.sleep(1 + attempt)
    return None, last


def verify(url, acks, clients_by_member, no_xff=False, names_order=None, password=S.PASSWORD):
    """Looks for every acknowledged write in its member's export. Returns
    (found, lost list, unverified list)."""
    by_member = collections.defaultdict(list)
    for ack in acks:
        by_member[ack["member"]].append(ack)
    found = 0
    lost = []
    unverified = []
    for member, member_acks in sorted(by_member.items()):
        client = clients_by_member.get(member)
        if client is None:
            client = S.Client(url, timeout=300)
            index = names_order.index(member) + 1 if names_order and member in names_order else 1
            answer = S.sign_in(client, member, password,
                               address=None if no_xff else S.member_address(index))
            if answer.status != 200:
                unverified.extend(dict(a, why="sign-in %s" % answer.label()) for a in member_acks)
                continue
        export, why = export_of(client)
        if export is None:
            unverified.extend(dict(a, why="export %s" % why) for a in member_acks)
            continue
        reviews = {r.get("id"): json.dumps(r) for r in export.get("reviews", [])}
        diary = {d.get("id") for d in export.get("diary", [])}
        posts = {p.get("id"): p for p in export.get("posts", [])}
        thread_text = collections.defaultdict(str)
        for post in posts.values():
            thread_text[post.get("thread_id")] += " " + (post.get("body") or "")
        for ack in member_acks:
            kind, ident, token = ack["kind"], ack.get("id"), ack.get("token", "")
            if kind == "review":
                ok = ident in reviews and token in reviews[ident]
            elif kind == "diary":
                ok = ident in diary
            elif kind == "thread":
                ok = ident in thread_text and token in thread_text[ident]
            else:
                ok = ident in posts and token in (posts[ident].get("body") or "")
            if ok:
                found += 1
            else:
                lost.append(ack)
    return found, lost, unverified


def print_verification(acks, found, lost, unverified):
    print("acknowledged writes: %d (%s)" % (len(acks), ", ".join(
        "%s %d" % (k, sum(1 for a in acks if a["kind"] == k)) for k in KINDS)))
    print("verified present: %d" % found)
    print("lost writes: %d%s" % (len(lost), (" (%s)" % ", ".join(
        "%s %d" % (k, sum(1 for a in lost if a["kind"] == k)) for k in KINDS)) if lost else ""))
    if unverified:
        reasons = collections.Counter(a.get("why", "?") for a in unverified)
        print("unverifiable writes: %d (%s)" % (len(unverified), ", ".join(
            "%s: %d" % kv for kv in reasons.most_common(4))))
    for ack in lost[:10]:
        print("  lost: %s" % json.dumps(ack))


def verify_only(args):
    with open(args.verify) as handle:
        saved = json.load(handle)
    acks = saved["acks"]
    names = saved.get("members", [])
    password = saved.get("password", S.PASSWORD)
    started = time.monotonic()
    found, lost, unverified = verify(args.url, acks, {}, no_xff=args.no_xff, names_order=names,
                                     password=password)
    print_verification(acks, found, lost, unverified)
    print("SUMMARY verify acknowledged=%d found=%d lost=%d unverified=%d seconds=%.1f"
          % (len(acks), found, len(lost), len(unverified), time.monotonic() - started))
    if args.strict and (lost or unverified):
        return 1
    return 0


def percentile(values, fraction):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(fraction * len(values)))]


def main(argv=None):
    args = parse_args(argv)
    if args.verify:
        return verify_only(args)
    if args.seed is not None:
        random.seed(args.seed)
    run = S.run_id()
    names = ["w%s-%03d" % (run, i + 1) for i in range(args.writers)]
    server = S.server_from_args(args)
    if args.data and not server.owned:
        server.data = os.path.abspath(args.data)
    try:
        if args.signup == "cli":
            if server.owned:
                S.log("loading the demo catalog into %s" % server.data)
                server.prepare()
            started = time.monotonic()
            S.log("creating %d members with `kinora user add`" % len(names))
            server.add_users(names)
            S.log("created in %.1f s" % (time.monotonic() - started))
        server.start()
        films = [film for film, _, _ in S.film_ids(server.url)]
        if not films:
            raise SystemExit("the server lists no films (is the demo loaded?)")
        clients = make_members(args, server, names)
        writers = [Writer(i + 1, names[i], clients[i]) for i in range(args.writers)]
        load = Load(args, films, run)
        memory_before = server.memory()
        S.log("%d writers for %.0f s on %d films" % (args.writers, args.seconds, len(films)))
        started = time.monotonic()
        load.stop_at = started + args.seconds
        workers = [threading.Thread(target=load.loop, args=(w,), daemon=True) for w in writers]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.monotonic() - started
        memory_after = server.memory()
        alive = server.alive()

        results = [r for w in writers for r in w.results]
        acks = [a for w in writers for a in w.acks]
        by_status = collections.Counter(label for _, _, label, _ in results)
        total = len(results)
        fives = sum(n for label, n in by_status.items() if label.startswith("5"))
        print("writers: %d for %.1f s against %s (%s)" % (
            args.writers, elapsed, server.url, server.label))
        print("requests: %d (%.1f/s)" % (total, total / elapsed if elapsed else 0))
        print("by status: %s" % ", ".join("%s=%d" % kv for kv in sorted(by_status.items())))
        print("%-7s %8s %7s %6s %6s %7s %7s %8s %8s" % (
            "kind", "requests", "2xx", "4xx", "5xx", "5xx%", "no-ans", "p50 ms", "p95 ms"))
        for kind in KINDS:
            rows = [r for r in results if r[1] == kind]
            if not rows:
                continue
            labels = collections.Counter(r[2] for r in rows)
            two = sum(n for l, n in labels.items() if l.startswith("2"))
            four = sum(n for l, n in labels.items() if l.startswith("4"))
            five = sum(n for l, n in labels.items() if l.startswith("5"))
            none = sum(n for l, n in labels.items() if l.startswith("ERR"))
            times = [r[3] * 1000 for r in rows]
            print("%-7s %8d %7d %6d %6d %6.2f%% %7d %8.0f %8.0f" % (
                kind, len(rows), two, four, five, S.percent(five, len(rows)), none,
                percentile(times, 0.5), percentile(times, 0.95)))
        print("5xx: %d of %d requests (%.2f%%)" % (fives, total, S.percent(fives, total)))
        print("server memory: VmRSS %s MB -> %s MB, VmHWM %s MB -> %s MB; alive: %s" % (
            S.fmt_mb(memory_before.get("VmRSS")), S.fmt_mb(memory_after.get("VmRSS")),
            S.fmt_mb(memory_before.get("VmHWM")), S.fmt_mb(memory_after.get("VmHWM")),
            "yes" if alive else "NO (exit %s)" % server.exit_code()))

        if args.ack_file:
            with open(args.ack_file, "w") as handle:
                json.dump({"url": server.url, "password": S.PASSWORD, "members": names,
                           "run": run, "acks": acks}, handle)
            S.log("acknowledged writes saved to %s" % args.ack_file)

        lost, unverified, found = [], [], 0
        if alive:
            S.log("verifying %d acknowledged writes" % len(acks))
            found, lost, unverified = verify(
                server.url, acks, {w.name: w.client for w in writers},
                no_xff=args.no_xff, names_order=names)
        else:
            unverified = [dict(a, why="server down") for a in acks]
        print_verification(acks, found, lost, unverified)
        print("SUMMARY writers=%d seconds=%.0f requests=%d 5xx=%d (%.2f%%) acknowledged=%d "
              "lost=%d unverified=%d" % (args.writers, elapsed, total, fives,
                                         S.percent(fives, total), len(acks), len(lost),
                                         len(unverified)))
        for w in writers:
            w.client.close()
        if args.strict and (fives or lost or unverified):
            return 1
        return 0
    finally:
        if server.owned and server.process is not None and not server.alive():
            S.log("the server died; its log ends:\n" + server.tail_log())
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
