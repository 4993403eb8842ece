"""Shared pieces of the stress scripts (Python 3 standard library only).

Not a script: writers.py, soak.py, connections.py, bombs.py and
disk-full.sh's helpers import it from their own folder.

- finding the kinora binary (target/release, else target/debug);
- starting a server of our own on a free loopback port (19000-19999) with
  a temporary data folder and the demo catalog, and stopping it (SIGTERM,
  then SIGKILL after a grace period);
- creating members with the CLI (`kinora --data DIR user add NAME`, the
  password in KINORA_PASSWORD) before the server starts;
- a small keep-alive HTTP client with a cookie jar (one per member);
- the server's memory from /proc/PID/status (VmRSS, VmHWM), and a thread
  that samples RSS.
"""

import html
import http.client
import json
import re
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PASSWORD = "stress-test password 1"
PORT_RANGE = (19000, 19999)


def log(*parts):
    """A progress line on stderr (stdout is kept for the figures)."""
    print("[%s]" % time.strftime("%H:%M:%S"), *parts, file=sys.stderr, flush=True)


def default_binary():
    for build in ("release", "debug"):
        path = os.path.join(REPO, "target", build, "kinora")
        if os.path.exists(path):
            return path
    return os.path.join(REPO, "target", "release", "kinora")


def add_server_arguments(parser, default_data_note=""):
    """The options every script shares: which binary, or which server."""
    parser.add_argument(
        "--binary",
        default=None,
        help="the kinora binary (default target/release/kinora, else target/debug/kinora)",
    )
    parser.add_argument(
        "--url",
        default=None,
        help="a running server to attack instead of starting one (e.g. http://127.0.0.1:19080)",
    )
    parser.add_argument(
        "--pid",
        type=int,
        default=None,
        help="with --url: the server's process id, to read its memory from /proc",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=None,
        help="port for the server this script starts (default: a free one in 19000-19999)",
    )
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="keep the temporary data folder (and server log) at the end",
    )
    parser.add_argument(
        "--server-log",
        default=None,
        help="where the started server's stdout/stderr go (default: a file in the temp folder)",
    )


def free_port(low=PORT_RANGE[0], high=PORT_RANGE[1]):
    ports = list(range(low, high + 1))
    random.shuffle(ports)
    for port in ports:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in %d-%d" % (low, high))


# ---------------------------------------------------------------------------
# Memory
# ---------------------------------------------------------------------------


def proc_status(pid):
    """VmRSS, VmHWM, VmSize, Threads... of a process, in kB (Threads as is);
    {} when it is gone."""
    values = {}
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM", "VmSize", "VmPeak", "Threads"):
                    values[key] = int(rest.split()[0])
    except (OSError, ValueError):
        return {}
    return values


def open_fds(pid):
    try:
        return len(os.listdir("/proc/%d/fd" % pid))
    except OSError:
        return None


def open_sockets(pid):
    """How many of a process's file descriptors are sockets, or None."""
    try:
        names = os.listdir("/proc/%d/fd" % pid)
    except OSError:
        return None
    count = 0
    for name in names:
        try:
            if os.readlink("/proc/%d/fd/%s" % (pid, name)).startswith("socket:"):
                count += 1
        except OSError:
            pass
    return count


def cpu_seconds(pid):
    """User plus system CPU seconds of a process, or None."""
    try:
        with open("/proc/%d/stat" % pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks
    except (OSError, ValueError, IndexError):
        return None


def mb(kb):
    return None if kb is None else kb / 1024.0


class RssSampler(threading.Thread):
    """Samples a process's VmRSS every `interval` seconds until stopped."""

    def __init__(self, pid, interval=0.05):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.samples = []  # (monotonic time, rss kB)
        self.peak_kb = 0
        self._halt = threading.Event()

    def run(self):
        while not self._halt.is_set():
            rss = proc_status(self.pid).get("VmRSS") if self.pid else None
            if rss is not None:
                self.samples.append((time.monotonic(), rss))
                self.peak_kb = max(self.peak_kb, rss)
            self._halt.wait(self.interval)

    def stop(self):
        self._halt.set()
        self.join(timeout=5)
        return self.peak_kb


# ---------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------


class Server:
    """A kinora server: one this script started (owned) or one at --url."""

    def __init__(self, binary=None, url=None, pid=None, port=None, data=None,
                 log_path=None, keep_data=False, nofile=None, env=None, demo=True):
        self.binary = os.path.abspath(binary or default_binary())
        self.owned = url is None
        self.keep_data = keep_data
        self.nofile = nofile
        self.env = env or {}
        self.demo = demo
        self.process = None
        self.restarts = 0
        self._made_data = False
        self._made_tmp = None
        if self.owned:
            if not os.path.exists(self.binary):
                raise SystemExit("no kinora binary at %s (build it, or give --binary / --url)"
                                 % self.binary)
            self._made_tmp = tempfile.mkdtemp(prefix="kinora-stress-")
            # A copy of the binary: a build that replaces it meanwhile does
            # not change the server under test (or between its restarts).
            self.label = binary_label(self.binary)
            snapshot = os.path.join(self._made_tmp, "kinora")
            shutil.copy2(self.binary, snapshot)
            self.binary = snapshot
            if data is None:
                data = os.path.join(self._made_tmp, "data")
                self._made_data = True
            self.data = os.path.abspath(data)
            self.port = port or free_port()
            self.url = "http://127.0.0.1:%d" % self.port
            if log_path is None:
                log_path = os.path.join(self._made_tmp, "server.log")
            self.log_path = log_path
            self._pid = None
        else:
            self.url = url.rstrip("/")
            self.label = "the server at %s" % self.url
            parsed = urllib.parse.urlsplit(self.url)
            self.port = parsed.port or 80
            self.data = data
            self.log_path = None
            self._pid = pid

    @property
    def pid(self):
        if self.process is not None:
            return self.process.pid
        return self._pid

    def cli(self, *args, env=None, check=True, timeout=600):
        """Runs `kinora --data DIR ARGS…` and returns the CompletedProcess."""
        if self.data is None:
            raise RuntimeError("the CLI needs the server's data folder (--data)")
        full_env = dict(os.environ)
        full_env.update(self.env)
        full_env.update(env or {})
        return subprocess.run(
            [self.binary, "--data", self.data, *args],
            env=full_env, capture_output=True, text=True, check=check, timeout=timeout,
        )

    def prepare(self):
        """Makes the data folder and loads the demo catalog (once)."""
        os.makedirs(self.data, exist_ok=True)
        if self.demo:
            self.cli("demo", check=False)

    def add_users(self, names, password=PASSWORD, parallel=2):
        """Creates member accounts with the CLI, `parallel` processes at a
        time (each hashes a password with argon2)."""
        os.makedirs(self.data, exist_ok=True)
        pending = list(names)
        running = []
        failures = []
        env = dict(os.environ)
        env.update(self.env)
        env["KINORA_PASSWORD"] = password
        while pending or running:
            while pending and len(running) < parallel:
                name = pending.pop(0)
                proc = subprocess.Popen(
                    [self.binary, "--data", self.data, "user", "add", name],
                    env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                )
                running.append((name, proc, 0))
            still = []
            for name, proc, tries in running:
                if proc.poll() is None:
                    still.append((name, proc, tries))
                    continue
                out, err = proc.communicate()
                if proc.returncode != 0:
                    if "busy" in (err or "").lower() or "locked" in (err or "").lower():
                        pending.append(name)  # a clash of two writers: once more
                    else:
                        failures.append((name, (err or out).strip()[-300:]))
            running = still
            time.sleep(0.02)
        if failures:
            raise RuntimeError("user add failed: %s" % failures[:3])

    def start(self, timeout=300):
        if not self.owned:
            return
        os.makedirs(self.data, exist_ok=True)
        # As if behind a proxy on this machine (deploy/nginx.conf): each
        # member's X-Forwarded-For address is its own, so fifty members
        # signing in at once are fifty addresses.
        args = [self.binary, "--data", self.data, "serve", "--addr",
                "127.0.0.1:%d" % self.port, "--trust-forwarded"]
        if self.demo:
            args.insert(4, "--demo")
        env = dict(os.environ)
        env.update(self.env)
        logfile = open(self.log_path, "ab")
        nofile = self.nofile

        def limit():
            if nofile:
                import resource
                _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
                resource.setrlimit(resource.RLIMIT_NOFILE, (min(nofile, hard), hard))

        self.process = subprocess.Popen(
            args, env=env, stdout=logfile, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            preexec_fn=limit, start_new_session=True,
        )
        logfile.close()
        self.wait_ready(timeout)
        log("server pid %d on %s (data %s, log %s)" % (self.pid, self.url, self.data,
                                                       self.log_path))

    def wait_ready(self, timeout=300):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError("the server exited with %s; see %s"
                                   % (self.process.returncode, self.log_path))
            status, _ = healthz(self.url, timeout=2)
            if status == 200:
                return
            time.sleep(0.2)
        raise RuntimeError("the server did not answer /healthz within %ss" % timeout)

    def alive(self):
        if self.process is not None:
            return self.process.poll() is None
        if self._pid:
            return os.path.exists("/proc/%d" % self._pid)
        return healthz(self.url, timeout=5)[0] != 0

    def exit_code(self):
        return None if self.process is None else self.process.poll()

    def memory(self):
        return proc_status(self.pid) if self.pid else {}

    def stop(self, grace=30):
        """SIGTERM, then SIGKILL after `grace` seconds. Returns (exit code,
        seconds to stop, whether it had to be killed)."""
        if self.process is None:
            return None, 0.0, False
        started = time.monotonic()
        killed = False
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                killed = True
                self.process.kill()
                self.process.wait()
        code = self.process.returncode
        self.process = None
        return code, time.monotonic() - started, killed

    def restart(self, timeout=300):
        self.stop()
        self.restarts += 1
        self.start(timeout)

    def tail_log(self, lines=20):
        if not self.log_path or not os.path.exists(self.log_path):
            return ""
        with open(self.log_path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 20000))
            text = handle.read().decode("utf-8", "replace")
        return "\n".join(text.splitlines()[-lines:])

    def cleanup(self):
        self.stop()
        if self.owned and not self.keep_data and self._made_tmp:
            shutil.rmtree(self._made_tmp, ignore_errors=True)
        elif self._made_tmp:
            try:
                os.unlink(os.path.join(self._made_tmp, "kinora"))
            except OSError:
                pass
            log("kept data and log in %s" % self._made_tmp)


def server_from_args(args, **kwargs):
    return Server(binary=args.binary, url=args.url, pid=args.pid, port=args.port,
                  log_path=args.server_log, keep_data=args.keep_data, **kwargs)


# ---------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------


class Response:
    __slots__ = ("status", "headers", "body", "seconds", "error")

    def __init__(self, status, headers, body, seconds, error=None):
        self.status = status  # 0 when no answer came (connection error, timeout)
        self.headers = headers
        self.body = body
        self.seconds = seconds
        self.error = error

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, AttributeError):
            return None

    def text(self):
        return (self.body or b"").decode("utf-8", "replace")

    def message(self, limit=120):
        """What an error answer says: the JSON error's message, or the
        text of an HTML page's <main> (or body), or the start of the text."""
        data = self.json()
        if isinstance(data, dict) and isinstance(data.get("error"), dict):
            return str(data["error"].get("message", ""))[:limit]
        text = self.text()
        if "<html" in text[:200].lower():
            lowered = text.lower()
            start = lowered.find('class="error')
            if start >= 0:
                start = lowered.rfind("<", 0, start)
            else:
                start = lowered.find("<main")
            if start < 0:
                start = lowered.find("<body")
            text = re.sub(r"<[^>]*>", " ", text[max(start, 0):])
            text = html.unescape(text)
        return " ".join(text.split())[:limit]

    def label(self):
        """The status as a table key: 200, 500… or ERR:<kind>."""
        if self.status:
            return str(self.status)
        return "ERR:%s" % (self.error or "?")


class Client:
    """One keep-alive connection and a cookie jar: a browser, roughly."""

    def __init__(self, base_url, timeout=60, headers=None):
        parsed = urllib.parse.urlsplit(base_url)
        self.host = parsed.hostname
        self.port = parsed.port or 80
        self.timeout = timeout
        self.cookies = {}
        self.headers = dict(headers or {})
        self.conn = None

    def _connection(self, timeout):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        else:
            self.conn.timeout = timeout
            if self.conn.sock is not None:
                self.conn.sock.settimeout(timeout)
        return self.conn

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, json_body=None, headers=None, timeout=None):
        timeout = self.timeout if timeout is None else timeout
        all_headers = dict(self.headers)
        if json_body is not None:
            body = json.dumps(json_body).encode("utf-8")
            all_headers["Content-Type"] = "application/json"
        if isinstance(body, str):
            body = body.encode("utf-8")
        all_headers.update(headers or {})
        if self.cookies:
            all_headers["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        started = time.monotonic()
        for attempt in (0, 1):
            reused = self.conn is not None and self.conn.sock is not None
            conn = self._connection(timeout)
            try:
                try:
                    conn.request(method, path, body=body, headers=all_headers)
                except (BrokenPipeError, ConnectionResetError):
                    # The server may have answered early (413) and closed
                    # before reading the whole body: read what it said.
                    early = self._early_answer(conn, started)
                    if early is not None:
                        return early
                    raise
                answer = conn.getresponse()
                data = answer.read()
                headers_list = answer.getheaders()
                for key, value in headers_list:
                    if key.lower() == "set-cookie":
                        self._take_cookie(value)
                if answer.getheader("connection", "").lower() == "close":
                    self.close()
                return Response(answer.status, headers_list, data, time.monotonic() - started)
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as error:
                # A keep-alive connection the server closed while it was
                # idle: once more on a fresh one (as browsers do). A fresh
                # connection that fails is an answer of its own.
                self.close()
                if attempt == 0 and reused:
                    continue
                return Response(0, [], b"", time.monotonic() - started,
                                error=type(error).__name__)
            except socket.timeout:
                self.close()
                return Response(0, [], b"", time.monotonic() - started, error="timeout")
            except OSError as error:
                self.close()
                return Response(0, [], b"", time.monotonic() - started,
                                error=type(error).__name__)
            except http.client.HTTPException as error:
                self.close()
                return Response(0, [], b"", time.monotonic() - started,
                                error=type(error).__name__)
        return Response(0, [], b"", time.monotonic() - started, error="retry")

    def _early_answer(self, conn, started):
        sock = conn.sock
        if sock is None:
            return None
        data = b""
        try:
            sock.settimeout(2)
            while len(data) < 65536:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        except OSError:
            pass
        self.close()
        if not data.startswith(b"HTTP/1."):
            return None
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        try:
            status = int(lines[0].split()[1])
        except (IndexError, ValueError):
            return None
        headers = [tuple(part.strip() for part in line.split(":", 1))
                   for line in lines[1:] if ":" in line]
        return Response(status, headers, body, time.monotonic() - started,
                        error="answered before the body was sent")

    def _take_cookie(self, value):
        pair = value.split(";", 1)[0]
        name, _, content = pair.partition("=")
        name = name.strip()
        lowered = value.lower()
        if "max-age=0" in lowered or "expires=thu, 01 jan 1970" in lowered:
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = content.strip()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post_json(self, path, payload, **kw):
        return self.request("POST", path, json_body=payload, **kw)


def healthz(url, timeout=10):
    """(status, seconds) of GET /healthz on a fresh connection; status 0
    when no answer came."""
    answer = probe(url, timeout)
    return answer.status, answer.seconds


def probe(url, timeout=10, path="/healthz"):
    """The Response to GET `path` on a fresh connection (no retry)."""
    client = Client(url, timeout=timeout)
    started = time.monotonic()
    try:
        conn = client._connection(timeout)
        conn.request("GET", path)
        answer = conn.getresponse()
        body = answer.read()
        return Response(answer.status, answer.getheaders(), body, time.monotonic() - started)
    except socket.timeout:
        return Response(0, [], b"", time.monotonic() - started, error="timeout")
    except (OSError, http.client.HTTPException) as error:
        return Response(0, [], b"", time.monotonic() - started, error=type(error).__name__)
    finally:
        client.close()


def binary_label(path):
    """The binary's path (relative to the repository when inside it) and
    when it was built."""
    try:
        stat = os.stat(path)
    except OSError:
        return path
    shown = os.path.relpath(path, REPO) if path.startswith(REPO) else path
    return "%s (built %s, %.0f MB)" % (
        shown, time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(stat.st_mtime)),
        stat.st_size / 1e6)


def member_address(index):
    """A made-up client address for member number `index`: the server
    trusts X-Forwarded-For from a loopback peer (its proxy), and limits
    sign-ins per address."""
    return "10.%d.%d.%d" % (77, (index >> 8) & 255, (index & 255) or 1)


def sign_in(client, name, password=PASSWORD, address=None, patience=300):
    """Signs a client in through the JSON API, waiting out 429s. Returns
    the last response."""
    headers = {"X-Forwarded-For": address} if address else None
    deadline = time.monotonic() + patience
    wait = 2.0
    while True:
        answer = client.post_json("/api/v1/session", {"name": name, "password": password},
                                  headers=headers, timeout=120)
        if answer.status != 429 or time.monotonic() > deadline:
            return answer
        time.sleep(wait)
        wait = min(wait * 1.5, 20)


def sign_up(client, name, password=PASSWORD, address=None, patience=300):
    """Creates a member through the JSON API (and signs in as it), waiting
    out 429s should sign-up ever be throttled."""
    headers = {"X-Forwarded-For": address} if address else None
    deadline = time.monotonic() + patience
    wait = 2.0
    while True:
        answer = client.post_json("/api/v1/accounts", {"name": name, "password": password},
                                  headers=headers, timeout=120)
        if answer.status != 429 or time.monotonic() > deadline:
            return answer
        time.sleep(wait)
        wait = min(wait * 1.5, 20)


def csrf_token(client):
    answer = client.get("/api/v1/session")
    data = answer.json() or {}
    return data.get("csrf", "")


def film_ids(url, limit=1000):
    """The catalog's films (id, name, year), from /api/v1/films."""
    client = Client(url, timeout=60)
    try:
        answer = client.get("/api/v1/films?limit=%d" % limit)
        items = (answer.json() or {}).get("items", [])
        return [(item["id"], item.get("name", ""), item.get("year")) for item in items]
    finally:
        client.close()


def run_id():
    """A short tag that keeps names of this run apart from earlier runs."""
    return "%x" % (int(time.time()) % 0xFFFFF)


def percent(part, whole):
    return 0.0 if not whole else 100.0 * part / whole


def fmt_mb(kb):
    return "?" if kb in (None, 0) else "%.1f" % (kb / 1024.0)
