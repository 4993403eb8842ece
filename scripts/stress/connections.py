#!/usr/bin/env python3
"""Connections: does the server shed idle and slow clients, and still
answer others while they hang on?

Opens M slow-header clients (default 200), then K idle TCP connections
(default 1100) that never send a byte. The slow clients send the start of a request
(`GET /healthz HTTP/1.1`, `Host:`) and then one more header byte every few
seconds (default 4), never finishing the headers (slowloris). After a wait
(default 40 s) it counts how many of each the server has closed (FIN or
RST seen, or a send that failed), and times GET /healthz on a fresh
connection: every 5 s during the wait, 5 times after it while the
connections are still held, and once more after they are all closed.

The script raises its own RLIMIT_NOFILE (resource module) to hold the
sockets. The server it starts gets a soft limit of --server-nofile file
descriptors (default 1024, what systemd gives a service unless told
otherwise; 0 keeps the script's own), so 1100 idle connections are more
than it can accept unless it sheds them.

Prints: idle connections still open after the wait, slow clients still
open, /healthz latency and status (during, after, once released), the
server's open file descriptors and memory, and a last line
`SUMMARY connections ...`.
"""

import argparse
import errno
import os
import resource
import select
import socket
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
        epilog="Example: scripts/stress/connections.py --idle 1100 --slow 200 --wait 40",
    )
    S.add_server_arguments(parser)
    parser.add_argument("-k", "--idle", type=int, default=1100, help="idle connections (1100)")
    parser.add_argument("-m", "--slow", type=int, default=200, help="slow-header clients (200)")
    parser.add_argument("--slow-interval", type=float, default=4.0,
                        help="seconds between a slow client's header bytes (4)")
    parser.add_argument("-w", "--wait", type=float, default=40.0,
                        help="seconds to hold them before counting (40)")
    parser.add_argument("--server-nofile", type=int, default=1024,
                        help="soft RLIMIT_NOFILE of the server this script starts (1024; 0: inherit)")
    parser.add_argument("--connect-timeout", type=float, default=5.0,
                        help="seconds to wait for the connections to be made (5)")
    parser.add_argument("--healthz-timeout", type=float, default=10.0,
                        help="seconds to wait for /healthz (10)")
    return parser.parse_args(argv)


def raise_nofile(need):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, max(soft, need)) if hard != resource.RLIM_INFINITY else max(soft, need)
    if want > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def connect_many(host, port, count, timeout):
    """Opens `count` connections at once (non-blocking connects, then a
    poll for all of them up to `timeout` seconds). Returns (sockets,
    {failure: count})."""
    pending = {}
    failures = {}
    for _ in range(count):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        code = sock.connect_ex((host, port))
        if code in (0, errno.EINPROGRESS):
            pending[sock.fileno()] = sock
        else:
            failures[errno.errorcode.get(code, str(code))] = \
                failures.get(errno.errorcode.get(code, str(code)), 0) + 1
            sock.close()
    done = []
    poller = select.poll()
    for fd in pending:
        poller.register(fd, select.POLLOUT | select.POLLERR | select.POLLHUP)
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        for fd, _ in poller.poll(max(1, int((deadline - time.monotonic()) * 1000))):
            sock = pending.pop(fd, None)
            if sock is None:
                continue
            poller.unregister(fd)
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code == 0:
                done.append(sock)
            else:
                name = errno.errorcode.get(code, str(code))
                failures[name] = failures.get(name, 0) + 1
                sock.close()
    if pending:
        failures["timeout"] = failures.get("timeout", 0) + len(pending)
        for sock in pending.values():
            sock.close()
    return done, failures


class Peer:
    __slots__ = ("sock", "closed", "how", "received", "sent")

    def __init__(self, sock):
        self.sock = sock
        self.closed = False
        self.how = None
        self.received = b""
        self.sent = 0


def check(peers):
    """Marks the peers the server has closed (FIN or RST), or answered."""
    poller = select.poll()
    by_fd = {}
    for peer in peers:
        if not peer.closed:
            poller.register(peer.sock.fileno(), select.POLLIN | select.POLLERR | select.POLLHUP)
            by_fd[peer.sock.fileno()] = peer
    for fd, _ in poller.poll(0):
        peer = by_fd[fd]
        while True:
            try:
                data = peer.sock.recv(65536)
            except BlockingIOError:
                break
            except OSError as error:
                peer.closed, peer.how = True, "reset" if error.errno == errno.ECONNRESET else \
                    errno.errorcode.get(error.errno, "error")
                break
            if not data:
                peer.closed = True
                peer.how = "closed after an answer" if peer.received else "closed"
                break
            peer.received += data[:512]


class SlowSender(threading.Thread):
    """Sends each slow client one more header byte every interval."""

    def __init__(self, peers, interval):
        super().__init__(daemon=True)
        self.peers = peers
        self.interval = interval
        self.halt = threading.Event()

    def run(self):
        while not self.halt.wait(self.interval):
            for peer in self.peers:
                if peer.closed:
                    continue
                try:
                    peer.sock.send(b"a")
                    peer.sent += 1
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError as error:
                    peer.closed = True
                    peer.how = "send failed (%s)" % errno.errorcode.get(error.errno, "?")


def describe(peers):
    open_count = sum(1 for p in peers if not p.closed)
    hows = {}
    for peer in peers:
        if peer.closed:
            hows[peer.how] = hows.get(peer.how, 0) + 1
    answered = [p.received for p in peers if p.received]
    first = answered[0].split(b"\r\n", 1)[0].decode("latin-1") if answered else None
    return open_count, hows, len(answered), first


def fmt_health(answer):
    return "%s in %.0f ms" % (answer.status or "no answer (%s)" % answer.error,
                              answer.seconds * 1000)


def main(argv=None):
    args = parse_args(argv)
    limits = raise_nofile(args.idle + args.slow + 512)
    server = S.server_from_args(args, nofile=args.server_nofile or None)
    idle, slow = [], []
    try:
        server.start()
        parsed = urllib.parse.urlsplit(server.url)
        host, port = parsed.hostname, parsed.port or 80
        S.log("our RLIMIT_NOFILE %s; server pid %s, fds %s" % (
            limits, server.pid, S.open_fds(server.pid) if server.pid else "?"))
        memory_before = server.memory()
        before = S.probe(server.url, timeout=args.healthz_timeout)

        request_start = ("GET /healthz HTTP/1.1\r\nHost: %s:%d\r\nUser-Agent: slow\r\nX-Slow: "
                         % (host, port)).encode()
        socks, slow_failures = connect_many(host, port, args.slow, args.connect_timeout)
        for sock in socks:
            peer = Peer(sock)
            try:
                sock.send(request_start)
            except OSError as error:
                peer.closed, peer.how = True, "send failed (%s)" % type(error).__name__
            slow.append(peer)
        sender = SlowSender(slow, args.slow_interval)
        sender.start()
        S.log("%d slow clients started (%s failed)" % (len(slow), sum(slow_failures.values())))
        started = time.monotonic()
        socks, failures = connect_many(host, port, args.idle, args.connect_timeout)
        idle = [Peer(sock) for sock in socks]
        S.log("%d idle connections open (%s failed) in %.1f s; server fds %s" % (
            len(idle), sum(failures.values()), time.monotonic() - started,
            S.open_fds(server.pid) if server.pid else "?"))

        during = []
        fds_peak = 0
        rss_peak = 0
        wait_start = time.monotonic()
        while time.monotonic() - wait_start < args.wait:
            result = S.probe(server.url, timeout=args.healthz_timeout)
            during.append(result)
            check(idle)
            check(slow)
            fds = S.open_fds(server.pid) if server.pid else None
            fds_peak = max(fds_peak, fds or 0)
            rss_peak = max(rss_peak, server.memory().get("VmRSS") or 0)
            S.log("t+%2.0fs healthz %s; idle open %d, slow open %d, server fds %s" % (
                time.monotonic() - wait_start, fmt_health(result),
                sum(1 for p in idle if not p.closed), sum(1 for p in slow if not p.closed), fds))
            time.sleep(max(0.0, 5 - (time.monotonic() - wait_start) % 5))
        check(idle)
        check(slow)
        idle_open, idle_how, idle_answered, idle_first = describe(idle)
        slow_open, slow_how, slow_answered, slow_first = describe(slow)
        fds_held = S.open_fds(server.pid) if server.pid else None
        sockets_held = S.open_sockets(server.pid) if server.pid else None
        after = [S.probe(server.url, timeout=args.healthz_timeout) for _ in range(5)]
        memory_held = server.memory()

        sender.halt.set()
        sender.join(timeout=5)
        for peer in idle + slow:
            peer.sock.close()
        time.sleep(2)
        released = S.probe(server.url, timeout=args.healthz_timeout)
        fds_released = S.open_fds(server.pid) if server.pid else None

        print("connections: %d idle, %d slow-header (a byte every %.0f s), held %.0f s, "
              "against %s, %s (server RLIMIT_NOFILE soft %s)" % (
                  args.idle, args.slow, args.slow_interval, args.wait, server.url, server.label,
                  args.server_nofile if server.owned and args.server_nofile else "as given"))
        print("idle: opened %d of %d%s; still open (as the client sees it) after the wait: %d; "
              "closed by the server: %d %s"
              % (len(idle), args.idle,
                 (" (failed: %s)" % failures) if failures else "", idle_open,
                 len(idle) - idle_open, idle_how or ""))
        if idle_answered:
            print("  idle connections the server answered: %d (e.g. %r)" % (
                idle_answered, idle_first))
        print("slow: opened %d of %d%s; still open (as the client sees it) after the wait: %d; "
              "closed by the server: %d %s"
              % (len(slow), args.slow,
                 (" (failed: %s)" % slow_failures) if slow_failures else "", slow_open,
                 len(slow) - slow_open, slow_how or ""))
        if slow_answered:
            print("  slow clients the server answered: %d (e.g. %r)" % (slow_answered, slow_first))
        ok_during = [a for a in during if a.status == 200]
        print("/healthz before: %s" % fmt_health(before))
        print("/healthz during the wait: %d of %d answered 200; latencies ms: %s" % (
            len(ok_during), len(during), ", ".join(
                ("%.0f" % (a.seconds * 1000)) if a.status == 200
                else ("%s@%.0f" % (a.status or a.error, a.seconds * 1000)) for a in during)))
        print("/healthz after the wait, connections held: %s" % "; ".join(
            fmt_health(r) for r in after))
        print("/healthz once they are closed: %s" % fmt_health(released))
        print("server fds: peak %s, at the end of the wait %s (sockets %s, the listener "
              "included), after release %s" % (fds_peak or "?", fds_held, sockets_held,
                                                fds_released))
        if sockets_held is not None and idle_open + slow_open > sockets_held:
            print("  (at least %d of the connections the client sees as open are not held by "
                  "the server: waiting in, or dropped from, the kernel's full accept queue)"
                  % (idle_open + slow_open - sockets_held + 1))
        print("server memory: VmRSS %s MB before, %s MB held (peak seen %s MB), VmHWM %s MB; "
              "alive: %s" % (
                  S.fmt_mb(memory_before.get("VmRSS")), S.fmt_mb(memory_held.get("VmRSS")),
                  S.fmt_mb(rss_peak), S.fmt_mb(memory_held.get("VmHWM")),
                  "yes" if server.alive() else "NO"))
        held_ok = [a.seconds for a in after if a.status == 200]
        healthz_ms = ("%.0f" % (1000 * max(held_ok)) if len(held_ok) == len(after)
                      else "failed(%d/%d)" % (len(after) - len(held_ok), len(after)))
        print("SUMMARY connections idle_open=%d/%d slow_open=%d/%d healthz_held_ms=%s "
              "healthz_ok_during=%d/%d healthz_released=%s" % (
                  idle_open, args.idle, slow_open, args.slow, healthz_ms, len(ok_during),
                  len(during), released.status or released.error))
        return 0
    finally:
        for peer in idle + slow:
            try:
                peer.sock.close()
            except OSError:
                pass
        if server.owned and server.process is not None and not server.alive():
            S.log("the server died; its log ends:\n" + server.tail_log())
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())
