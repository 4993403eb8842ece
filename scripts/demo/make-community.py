#!/usr/bin/env python3
"""Writes data/demo/community.json from the seed pages: the forum thread about
Crossing (its posts, quotes, reposted articles, and its archived, closed state)
and the user reviews of the movie page.

The texts are taken from the pages as they are. Where the pages do not say
something, the choice made is written in `note` fields:
- The forum page shows no name above some posts (those by members, not
  guests): they are credited to "(name not shown)".
- Times: the page shows none. Posts get the date of the article they repost
  or the one before them, which keeps their order; pages do not show these
  dates.
- huangsy's fourth post quotes two posts; the second one quoted is not on the
  page, so it is kept as its own post, before the reply.

Run: python3 scripts/demo/make-community.py SEEDS_DIR > data/demo/community.json
"""
import json
import sys
from pathlib import Path

seeds = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds")
forum = (seeds / "001_f066728510e0d05b.txt").read_text()
movie = (seeds / "002_ea779f65a49348e4.txt").read_text()

blocks = [b.strip("\n") for b in forum.split("Link to comment\nShare on other sites")]


def after(text, marker):
    return text.split(marker, 1)[1].strip("\n")


def paragraphs(text):
    return "\n\n".join(p.strip() for p in text.strip().split("\n\n") if p.strip())


UNNAMED = "(name not shown)"
first = after(blocks[0], "Recommended Posts\n\nGuest huangsy\n")
kbs, joongang = after(blocks[1], "Guest kdramafanusa\n").split("\n\n\nSource: JoongAng Daily")
question = paragraphs(blocks[2])
huangsy_reply = after(blocks[3], "Guest huangsy\n")
reply_text, rest = huangsy_reply.split(question, 1)[1].split("\n\n\nwow,", 1)
wow, news = ("wow," + rest).split("\n\nYou are getting news")
news = "You are getting news" + news
family = paragraphs(blocks[4])
yeah = paragraphs(after(blocks[5], "Guest huangsy\n"))
chosun = paragraphs(blocks[6])
herald = paragraphs(blocks[7])
us_screening = paragraphs(after(blocks[8], "Guest huangsy\n"))
crystal = paragraphs(after(blocks[9], "Guest crystal_t33rs\n"))
kofic = paragraphs(blocks[10])

posts = [
    {"key": "first", "guest": "huangsy", "at": "2008-03-06T00:00:00Z", "body": paragraphs(first),
     "source": "forum-huangsy-first-post"},
    {"key": "kdramafanusa", "guest": "kdramafanusa", "at": "2008-03-12T00:00:00Z",
     "body": paragraphs(kbs) + "\n\n" + paragraphs("Source: JoongAng Daily" + joongang),
     "source": "forum-kdramafanusa-post",
     "reposts": [{"source": "kbs-world-2008-03-06", "publisher": "KBS World", "date": "2008-03-06"},
                 {"source": "joongang-daily-2008-03-12", "publisher": "JoongAng Daily", "date": "2008-03-12"}]},
    {"key": "question", "guest": UNNAMED, "at": "2008-03-12T00:00:00Z", "body": question},
    {"key": "reply", "guest": "huangsy", "at": "2008-03-12T00:00:00Z", "body": paragraphs(reply_text),
     "quote": "question"},
    {"key": "wow", "guest": UNNAMED, "at": "2008-03-12T00:00:00Z", "body": paragraphs(wow),
     "note": "quoted in huangsy's post; not on the page itself"},
    {"key": "news", "guest": "huangsy", "at": "2008-03-12T00:00:00Z", "body": paragraphs(news), "quote": "wow"},
    {"key": "family", "guest": UNNAMED, "at": "2008-03-12T00:00:00Z", "body": family},
    {"key": "yeah", "guest": "huangsy", "at": "2008-03-12T00:00:00Z", "body": yeah},
    {"key": "chosun", "guest": UNNAMED, "at": "2008-03-17T00:00:00Z", "body": chosun,
     "reposts": [{"source": "chosun-2008-03-17-daring-movie", "publisher": "Chosun Ilbo", "date": "2008-03-17"}]},
    {"key": "herald", "guest": UNNAMED, "at": "2008-03-19T00:00:00Z", "body": herald,
     "reposts": [{"source": "korea-herald-2008-03-19", "publisher": "The Korea Herald", "date": "2008-03-19"}]},
    {"key": "us-screening", "guest": "huangsy", "at": "2008-04-30T00:00:00Z", "body": us_screening,
     "reposts": [{"source": "chosun-2008-04-30-us-screening", "publisher": "Chosun Ilbo", "date": "2008-04-30",
                "url": "http://english.chosun.com/w21data/html/new...0804300013.html"}]},
    {"key": "crystal", "guest": "crystal_t33rs", "at": "2008-04-30T00:00:00Z", "body": crystal},
    {"key": "kofic", "guest": UNNAMED, "at": "2008-05-06T00:00:00Z", "body": kofic,
     "reposts": [{"source": "kofic-2008-05-06", "publisher": "KOFIC", "date": "2008-05-06"}]},
]

# The movie page: a list of reviews, each "name text" on one line; some are
# only a headline (the page shows the first words).
reviews = []
names = ["Titreenp", "Nonureva", "Lumsdal", "filippaberry84", "sergeimontoya", "Crveni Krst",
         "thekimchicure", "john-3798"]
section = movie.split("\nReviews\n", 1)[1].split("\nSimilar Movies", 1)[0]
for line in section.strip().split("\n"):
    name = next(n for n in names if line.startswith(n + " "))
    text = line[len(name) + 1:].strip()
    review = {"film": "crossing-2008", "guest": name, "source": "movie-page-crossing"}
    own_source = f"movie-page-review-{name.lower()}"
    if own_source in ("movie-page-review-sergeimontoya", "movie-page-review-thekimchicure",
                      "movie-page-review-john-3798"):
        review["source"] = own_source
    if len(text) < 120:
        review["headline"] = text
        review["body"] = ""
    else:
        review["body"] = text
    if "The mark is 10" in text:
        review["rating"] = 10
        review["note"] = "rating from the text: \"The mark is 10\""
    reviews.append(review)

community = {
    "format": "kinora-community",
    "version": 1,
    "reviews": reviews,
    "threads": [{
        "subject": {"kind": "film", "id": "crossing-2008"},
        "title": "[movie 2008] Crossing 크로싱",
        "source": "forum-crossing-thread",
        "locked": True,
        "archived": True,
        "note": "The page: \"This topic is now archived and is closed to further replies.\" It lists 71 replies; the page holds these.",
        "posts": posts,
    }],
}
json.dump(community, sys.stdout, ensure_ascii=False, indent=1)
print()
