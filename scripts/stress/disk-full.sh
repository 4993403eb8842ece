#!/usr/bin/env bash
# disk-full.sh: does a full disk lose acknowledged writes, does the server
# refuse writes it cannot make with 507/503 (not 500, never 2xx), and does
# it recover by itself once space is back?
#
# Needs root (it mounts a tmpfs). Steps:
#   1. mounts a tmpfs of --size (default 40M) on a temporary folder and
#      serves the demo from a data folder on it (a copy of the binary runs
#      from outside it);
#   2. starts writers.py against it (--writers members, made with
#      `kinora user add` on the running store), recording every request
#      (--log-file) and every acknowledged write (--ack-file);
#   3. after --before seconds, fills the disk with a filler file (dd until
#      ENOSPC), keeps writing for --full seconds, probing /healthz and a
#      film page;
#   4. deletes the filler and keeps writing for --after seconds: writes
#      must succeed again without a restart (recovery);
#   5. stops the server with SIGTERM, starts it again on the same data and
#      checks (writers.py --verify) that every acknowledged write is there.
# Prints a table of statuses per phase, writes acknowledged, writes refused
# by status, whether it recovered without a restart, writes lost after the
# restart, and a last line `SUMMARY disk-full ...`. The tmpfs is unmounted
# and everything removed on exit (trap). --strict: exit 1 if a write was
# lost, a write or probe was answered 500, or the server did not recover.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BINARY=""
SIZE=40M
WRITERS=20
BEFORE=10
FULL=20
AFTER=15
PORT=""
STRICT=""
KEEP=""
STOP_GRACE=30

usage() {
    cat <<EOF
usage: $0 [--binary PATH] [--size 40M] [--writers 20] [--before 10] [--full 20]
          [--after 15] [--port P] [--strict] [--keep]

Runs the server on a tmpfs of --size, writes with writers.py, fills the disk
for --full seconds, frees it, checks recovery without a restart, restarts
the server and checks that every acknowledged write survived. Needs root.

  --binary PATH  the kinora binary (default target/release/kinora, else target/debug/kinora)
  --size S       tmpfs size (mount -o size=S), default 40M
  --writers N    concurrent writers (default 20)
  --before S     seconds of writing before the disk is filled (default 10)
  --full S       seconds of writing with the disk full (default 20)
  --after S      seconds of writing after the filler is deleted (default 15)
  --port P       the server's port (default: a free one in 19000-19999)
  --strict       exit 1 on a lost write, a 500, or no recovery
  --keep         keep the temporary folder (logs, acks) after unmounting
Figure: SUMMARY disk-full acknowledged=N refused=N (status:count,...)
        lost_after_restart=N recovered=yes|no probe_500=N
EOF
}

while [ $# -gt 0 ]; do
    case "$1" in
        --binary) BINARY=$2; shift 2 ;;
        --size) SIZE=$2; shift 2 ;;
        --writers|-n) WRITERS=$2; shift 2 ;;
        --before) BEFORE=$2; shift 2 ;;
        --full) FULL=$2; shift 2 ;;
        --after) AFTER=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --strict) STRICT=--strict; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

if [ -z "$BINARY" ]; then
    if [ -x "$REPO/target/release/kinora" ]; then BINARY=$REPO/target/release/kinora
    else BINARY=$REPO/target/debug/kinora; fi
fi
[ -x "$BINARY" ] || { echo "no kinora binary at $BINARY" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "disk-full.sh needs root to mount a tmpfs" >&2; exit 2; }
command -v curl >/dev/null || { echo "disk-full.sh needs curl" >&2; exit 2; }

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now() { date +%s.%N; }

if [ -z "$PORT" ]; then
    PORT=$(python3 -c '
import sys; sys.dont_write_bytecode = True; sys.path.insert(0, sys.argv[1]); import stresslib; print(stresslib.free_port())' "$HERE")
fi
URL=http://127.0.0.1:$PORT
TMP=$(mktemp -d /tmp/kinora-diskfull-XXXXXX)
MNT=$TMP/mnt
DATA=$MNT/data
BIN=$TMP/kinora
SERVER_PID=""
WRITERS_PID=""
MOUNTED=""

cleanup() {
    local code=$?
    set +e
    if [ -n "$WRITERS_PID" ] && kill -0 "$WRITERS_PID" 2>/dev/null; then
        kill "$WRITERS_PID" 2>/dev/null; wait "$WRITERS_PID" 2>/dev/null
    fi
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    if [ -n "$MOUNTED" ]; then
        umount "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null
    fi
    if [ -n "$KEEP" ]; then
        rm -f "$BIN"
        log "kept $TMP (server.log, writers.out, requests.jsonl, acks.json)"
    else
        rm -rf "$TMP"
    fi
    exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$MNT"
mount -t tmpfs -o "size=$SIZE" tmpfs "$MNT"
MOUNTED=1
cp "$BINARY" "$BIN"
LABEL="$BINARY (built $(date -r "$BINARY" '+%Y-%m-%d %H:%M:%S'))"
log "tmpfs $SIZE on $MNT; binary $LABEL"

calc() { awk "BEGIN { printf \"%.1f\", $1 }"; }
before_than() { awk "BEGIN { exit !($1 < $2) }"; }

# Sets SERVER_PID and START_MSG; returns 1 if the server did not come up.
# (Not in $(...): the server must be this shell's child, to wait for it.)
start_server() {
    "$BIN" --data "$DATA" serve --demo --addr "127.0.0.1:$PORT" --trust-forwarded >>"$TMP/server.log" 2>&1 &
    SERVER_PID=$!
    local started; started=$(now)
    for _ in $(seq 1 1800); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            local code=0
            wait "$SERVER_PID" || code=$?
            SERVER_PID=""
            START_MSG="exited with code $code before answering /healthz"
            return 1
        fi
        if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$URL/healthz")" = 200 ]; then
            START_MSG="answered /healthz $(calc "$(now) - $started") s after start"
            return 0
        fi
        sleep 0.1
    done
    START_MSG="did not answer /healthz within 180 s"
    return 1
}

# Sets STOP_MSG.
stop_server() {
    local started; started=$(now)
    kill -TERM "$SERVER_PID"
    for _ in $(seq 1 $((STOP_GRACE * 10))); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    local how
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -KILL "$SERVER_PID"
        how="still running ${STOP_GRACE} s after SIGTERM: killed"
    else
        how="exited"
    fi
    local code=0
    wait "$SERVER_PID" || code=$?
    SERVER_PID=""
    STOP_MSG="SIGTERM: $how, code $code, in $(calc "$(now) - $started") s"
}

probe() {  # phase path
    local result
    result=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 10 "$URL$2" || true)
    local code=${result%% *} seconds=${result##* }
    printf '%s %s %s %s\n' "$1" "${code:-000}" "$(calc "${seconds:-0} * 1000")" "$2" \
        >>"$TMP/probes.txt"
}

probe_post() {  # phase path json: a write outside writers.py (sign-in, sign-up)
    local result
    result=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 30 -X POST \
        -H 'Content-Type: application/json' -H "X-Forwarded-For: 10.99.$((RANDOM % 250)).1" \
        --data "$3" "$URL$2" || true)
    local code=${result%% *} seconds=${result##* }
    printf '%s %s %s POST:%s\n' "$1" "${code:-000}" "$(calc "${seconds:-0} * 1000")" "$2" \
        >>"$TMP/probes.txt"
}

space() { df -k --output=avail "$MNT" | tail -1 | tr -d ' '; }

log "starting the server on $URL"
start_server || { log "the server did not start: $START_MSG"; tail -20 "$TMP/server.log"; exit 1; }
log "server pid $SERVER_PID $START_MSG; data $(du -sh "$DATA" | cut -f1), free $(space) kB"

PROBE_PASSWORD="disk-full probe password"
KINORA_PASSWORD=$PROBE_PASSWORD "$BIN" --data "$DATA" user add diskprobe >/dev/null
SIGN_IN="{\"name\": \"diskprobe\", \"password\": \"$PROBE_PASSWORD\"}"
sign_up() { echo "{\"name\": \"dp$1$RANDOM\", \"password\": \"$PROBE_PASSWORD\"}"; }

TOTAL=$((BEFORE + FULL + AFTER + 3))
python3 "$HERE/writers.py" --url "$URL" --pid "$SERVER_PID" --binary "$BIN" --signup cli \
    --data "$DATA" -n "$WRITERS" -t "$TOTAL" --timeout 30 \
    --ack-file "$TMP/acks.json" --log-file "$TMP/requests.jsonl" \
    >"$TMP/writers.out" 2>"$TMP/writers.err" &
WRITERS_PID=$!
for _ in $(seq 1 3000); do
    [ -s "$TMP/requests.jsonl" ] && break
    kill -0 "$WRITERS_PID" 2>/dev/null || { log "writers.py stopped:"; cat "$TMP/writers.err" >&2; exit 1; }
    sleep 0.1
done
T_LOAD=$(now)
log "load running ($WRITERS writers); filling the disk in $BEFORE s"
probe before /healthz
probe_post before /api/v1/session "$SIGN_IN"
probe_post before /api/v1/accounts "$(sign_up b)"
sleep "$BEFORE"

T_FULL=$(now)
dd if=/dev/zero of="$MNT/filler" bs=1M status=none 2>/dev/null || true
T_FILLED=$(now)
log "disk full: filler $(du -k "$MNT/filler" | cut -f1) kB, free $(space) kB; writing on for $FULL s"
END_FULL=$(awk "BEGIN { printf \"%.3f\", $T_FULL + $FULL }")
while before_than "$(now)" "$END_FULL"; do
    probe full /healthz
    probe full /films/crossing-2008
    probe_post full /api/v1/session "$SIGN_IN"
    probe_post full /api/v1/accounts "$(sign_up f)"
    sleep 4
done
rm -f "$MNT/filler"
T_FREE=$(now)
log "filler deleted, free $(space) kB; writing on for $AFTER s"
sleep 2
probe after /healthz
probe after /films/crossing-2008
probe_post after /api/v1/session "$SIGN_IN"
probe_post after /api/v1/accounts "$(sign_up a)"

wait "$WRITERS_PID" || log "writers.py exited with $?"
WRITERS_PID=""
log "load done; $(grep -c . "$TMP/requests.jsonl") requests; stopping the server"
probe end /healthz
stop_server
STOP=$STOP_MSG
log "$STOP"
if start_server; then RESTART="on the same data: $START_MSG"; else RESTART="FAILED: $START_MSG"; fi
log "restart $RESTART"
if [ -n "$SERVER_PID" ]; then
    python3 "$HERE/writers.py" --url "$URL" --verify "$TMP/acks.json" >"$TMP/verify.out" \
        2>"$TMP/verify.err" || true
    stop_server
    log "second stop: $STOP_MSG"
else
    echo "SUMMARY verify lost=? unverified=all" >"$TMP/verify.out"
fi

echo "disk-full against $LABEL, $WRITERS writers"
python3 "$HERE/disk_full_report.py" --log "$TMP/requests.jsonl" --t-load "$T_LOAD" \
    --t-full "$T_FULL" --t-filled "$T_FILLED" --t-free "$T_FREE" \
    --writers-out "$TMP/writers.out" --verify-out "$TMP/verify.out" \
    --probes "$TMP/probes.txt" --stop "$STOP" --restart "$RESTART" --size "$SIZE" $STRICT
