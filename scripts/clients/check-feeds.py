#!/usr/bin/env python3
"""Checks a running Kinora server's screening calendars and news feeds with
the libraries real clients use: `icalendar` reads the .ics files as calendar
programs do, `feedparser` reads the Atom feeds as feed readers do.

    python3 -m venv /tmp/venv-feeds
    /tmp/venv-feeds/bin/pip install icalendar feedparser
    /tmp/venv-feeds/bin/python scripts/clients/check-feeds.py http://127.0.0.1:18080

It prints one line per check passed and stops at the first failure, with a
message saying what was wrong, and exit status 1. The server must hold the
demo catalog: The Defector: Escape from North Korea (Ann Shin, 2012) with
its four IDFA 2012 screenings, and Crossing (2008) with its screening at the
Library of Congress.
"""
import sys
import urllib.error
import urllib.request
from datetime import date, datetime, timezone

try:
    import feedparser
    import icalendar
except ImportError as missing:
    sys.exit(f"{missing}; install the clients with: pip install icalendar feedparser")

# What is fetched and what it must hold. Times are in UTC.

# The four IDFA 2012 screenings of The Defector (Amsterdam was at UTC+1).
FILM_CALENDAR = "/films/the-defector-escape-from-north-korea/calendar.ics"
DEFECTOR_SCREENINGS = [
    datetime(2012, 11, 18, 16, 0, tzinfo=timezone.utc),  # Brakke Grond Rode Zaal, 17:00
    datetime(2012, 11, 19, 11, 45, tzinfo=timezone.utc),  # Tuschinski 1, 12:45
    datetime(2012, 11, 21, 14, 0, tzinfo=timezone.utc),  # Munt 11, 15:00
    datetime(2012, 11, 24, 15, 45, tzinfo=timezone.utc),  # Tuschinski 4, 16:45
]
# Holds at least the film's screenings, with the same UIDs.
FESTIVAL_CALENDAR = "/events/idfa-2012/calendar.ics"
# Holds exactly this one screening.
VENUE_CALENDAR = "/venues/tuschinski-1/calendar.ics"
VENUE_SCREENINGS = [datetime(2012, 11, 19, 11, 45, tzinfo=timezone.utc)]
# The director's calendar: at least the film's screenings.
PERSON_CALENDAR = "/people/ann-shin/calendar.ics"
# Crossing's calendar has an event that day (the Library of Congress
# screening): all day, or at a time on that UTC date.
CROSSING_CALENDAR = "/films/crossing-2008/calendar.ics"
CROSSING_SCREENING_DAY = date(2008, 4, 28)

# What's on in Amsterdam from November 2012: the same four screenings.
CITY_CALENDAR = "/whats-on.ics?city=Amsterdam&from=2012-11-01"

CALENDAR_TYPE = "text/calendar"
FEED_TYPE = "application/atom+xml"
# Each feed has at least one entry, and every entry a title, a link and a time.
FEEDS = [
    "/news.atom",
    "/films/crossing-2008/news.atom",
    "/people/cha-in-pyo/news.atom",
]
# This feed has an entry whose title contains this text.
CROSSING_FEED = "/films/crossing-2008/news.atom"
CROSSING_FEED_TITLE = "Library of Congress"

# RFC 5545: content lines end in CRLF and are folded at 75 octets.
LINE_OCTETS = 75


class CheckFailed(Exception):
    pass


def ok(message):
    print(f"ok    {message}", flush=True)


def count(number, noun, plural=None):
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def require(condition, message):
    if not condition:
        raise CheckFailed(message)


def fetch(base, path):
    """The Content-Type and body of GET base+path; fails on any error."""
    url = base + path
    request = urllib.request.Request(url, headers={"User-Agent": "kinora-check-feeds"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        raise CheckFailed(f"GET {url}: HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        raise CheckFailed(f"GET {url}: {getattr(error, 'reason', error)}") from None


def utc(moment):
    """An aware datetime in UTC, a date as it is."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise CheckFailed(f"{moment} has no time zone (a floating time)")
        return moment.astimezone(timezone.utc)
    return moment


def show(moment):
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return f"{moment.isoformat()} (all day)"


class Screening:
    def __init__(self, event):
        self.uid = str(event.get("UID", "")).strip()
        self.location = str(event.get("LOCATION", "")).strip()
        start = event.get("DTSTART")
        self.start = utc(start.dt) if start is not None else None

    def __repr__(self):
        start = show(self.start) if self.start is not None else "no DTSTART"
        return f"{self.uid or '(no UID)'} at {start}"


def calendar(base, path, report=True):
    """The VEVENTs of the calendar at path, as Screenings. With report
    false, the checks passed are not printed."""
    say = ok if report else (lambda message: None)
    content_type, body = fetch(base, path)
    require(
        content_type.lower().startswith(CALENDAR_TYPE),
        f"{path}: Content-Type is {content_type!r}, not {CALENDAR_TYPE}",
    )
    say(f"{path}: Content-Type {content_type}")

    require(body.endswith(b"\r\n"), f"{path}: the last line does not end in CRLF")
    for number, line in enumerate(body[:-2].split(b"\r\n"), start=1):
        require(
            b"\r" not in line and b"\n" not in line,
            f"{path}: line {number} has a bare CR or LF",
        )
        require(
            len(line) <= LINE_OCTETS,
            f"{path}: line {number} is {len(line)} octets long, over {LINE_OCTETS}: {line[:90]!r}",
        )
    say(f"{path}: every line ends in CRLF and is at most {LINE_OCTETS} octets")

    try:
        parsed = icalendar.Calendar.from_ical(body)
    except Exception as error:  # the library raises several kinds
        raise CheckFailed(f"{path}: icalendar cannot read it: {error}") from None
    errors = [error for component in parsed.walk() for error in getattr(component, "errors", [])]
    require(not errors, f"{path}: icalendar reports errors: {errors}")
    try:
        events = [Screening(event) for event in parsed.walk("VEVENT")]
    except CheckFailed as failure:
        raise CheckFailed(f"{path}: {failure}") from None
    for event in events:
        require(event.start is not None, f"{path}: an event has no DTSTART: {event}")
    say(f"{path}: icalendar reads {count(len(events), 'event')}")
    return events


def timed_starts(path, events):
    starts = []
    for event in events:
        require(
            isinstance(event.start, datetime),
            f"{path}: {event} is all day, but a screening at a time was expected",
        )
        starts.append(event.start)
    return sorted(starts)


def require_starts(path, events, expected):
    starts = timed_starts(path, events)
    require(
        starts == expected,
        f"{path}: the events start at {[show(s) for s in starts]}, "
        f"not {[show(s) for s in expected]}",
    )
    ok(f"{path}: the events start at {', '.join(show(s) for s in starts)}")


def require_uids(path, events):
    """Each event has a UID, all distinct, and a LOCATION."""
    for event in events:
        require(event.uid, f"{path}: an event has no UID: {event}")
        require(event.location, f"{path}: {event} has no LOCATION")
    uids = [event.uid for event in events]
    require(len(set(uids)) == len(uids), f"{path}: UIDs are repeated: {sorted(uids)}")
    ok(f"{path}: every event has a LOCATION and its own UID")


def require_contains(path, events, expected, what):
    """events holds every event of expected, with the same UID and start."""
    by_uid = {event.uid: event for event in events}
    for wanted in expected:
        found = by_uid.get(wanted.uid)
        require(found is not None, f"{path}: {what} {wanted} is missing (UID {wanted.uid!r})")
        require(
            found.start == wanted.start,
            f"{path}: {wanted.uid} starts at {show(found.start)} here, "
            f"but at {show(wanted.start)} in {FILM_CALENDAR}",
        )
    ok(f"{path}: holds the {count(len(expected), what)} of {FILM_CALENDAR}, with the same UIDs")


def check_calendars(base):
    film = calendar(base, FILM_CALENDAR)
    require(
        len(film) == len(DEFECTOR_SCREENINGS),
        f"{FILM_CALENDAR}: {len(film)} events, not {len(DEFECTOR_SCREENINGS)}: {film}",
    )
    require_starts(FILM_CALENDAR, film, DEFECTOR_SCREENINGS)
    require_uids(FILM_CALENDAR, film)
    again = calendar(base, FILM_CALENDAR, report=False)
    first = sorted((event.start, event.uid) for event in film)
    second = sorted((event.start, event.uid) for event in again)
    require(
        first == second,
        f"{FILM_CALENDAR}: the UIDs changed between two fetches: "
        f"{sorted(film, key=lambda e: e.start)} then {sorted(again, key=lambda e: e.start)}",
    )
    ok(f"{FILM_CALENDAR}: a second fetch gives the same UIDs")

    festival = calendar(base, FESTIVAL_CALENDAR)
    require_contains(FESTIVAL_CALENDAR, festival, film, "screening")

    venue = calendar(base, VENUE_CALENDAR)
    require(
        len(venue) == len(VENUE_SCREENINGS),
        f"{VENUE_CALENDAR}: {len(venue)} events, not {len(VENUE_SCREENINGS)}: {venue}",
    )
    require_starts(VENUE_CALENDAR, venue, VENUE_SCREENINGS)
    require_contains(
        VENUE_CALENDAR, venue, [e for e in film if e.start in VENUE_SCREENINGS], "screening"
    )

    person = calendar(base, PERSON_CALENDAR)
    require_contains(PERSON_CALENDAR, person, film, "screening")

    crossing = calendar(base, CROSSING_CALENDAR)

    def on_the_day(event):
        if isinstance(event.start, datetime):
            return event.start.date() == CROSSING_SCREENING_DAY
        return event.start == CROSSING_SCREENING_DAY

    require(
        any(on_the_day(event) for event in crossing),
        f"{CROSSING_CALENDAR}: no event on {CROSSING_SCREENING_DAY}: {crossing}",
    )
    ok(f"{CROSSING_CALENDAR}: has an event on {CROSSING_SCREENING_DAY}")

    city = calendar(base, CITY_CALENDAR)
    require(
        len(city) == len(DEFECTOR_SCREENINGS),
        f"{CITY_CALENDAR}: {len(city)} events, not {len(DEFECTOR_SCREENINGS)}: {city}",
    )
    require_contains(CITY_CALENDAR, city, film, "screening")


def feed(base, path):
    """The feed at path, as feedparser reads it."""
    content_type, body = fetch(base, path)
    require(
        content_type.lower().startswith(FEED_TYPE),
        f"{path}: Content-Type is {content_type!r}, not {FEED_TYPE}",
    )
    ok(f"{path}: Content-Type {content_type}")
    parsed = feedparser.parse(body, response_headers={"content-type": content_type})
    require(
        not parsed.bozo,
        f"{path}: feedparser finds it malformed: {parsed.get('bozo_exception')!r}",
    )
    entries = parsed.entries
    require(entries, f"{path}: the feed has no entries")
    for number, entry in enumerate(entries, start=1):
        label = f"{path}: entry {number} ({entry.get('id', 'no id')})"
        require(entry.get("title", "").strip(), f"{label} has no title")
        # Without a <link>, feedparser falls back on the entry's id for
        # `link`, so the links themselves are looked at.
        pages = [
            link.get("href", "")
            for link in entry.get("links", [])
            if link.get("rel", "alternate") == "alternate"
        ]
        require(
            any(page.startswith(("http://", "https://")) for page in pages),
            f"{label} has no link to a web page",
        )
        require(
            entry.get("updated_parsed") or entry.get("published_parsed"),
            f"{label} has no updated or published time",
        )
    ok(
        f"{path}: feedparser reads {count(len(entries), 'entry', 'entries')}, "
        "each with a title, a link and a time"
    )
    return parsed


def check_feeds(base):
    for path in FEEDS:
        parsed = feed(base, path)
        if path == CROSSING_FEED:
            titles = [entry.get("title", "") for entry in parsed.entries]
            require(
                any(CROSSING_FEED_TITLE in title for title in titles),
                f"{path}: no entry title contains {CROSSING_FEED_TITLE!r}: {titles}",
            )
            ok(f"{path}: an entry is about the {CROSSING_FEED_TITLE}")


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print(__doc__, file=sys.stderr)
        print("usage: check-feeds.py BASE_URL", file=sys.stderr)
        return 2
    base = argv[1].rstrip("/")
    try:
        check_calendars(base)
        check_feeds(base)
    except CheckFailed as failure:
        print(f"FAIL  {failure}", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
