## An entity's page: its sections, facts and columns.

fact-form = Form
fact-year = Year
fact-status = Status
fact-runtime = Runtime
fact-country = Country
fact-language = Language
fact-genre = Genre
fact-colour = Colour
fact-format = Format
fact-subject = Subject
fact-episode-of = Episode of
fact-rating-elsewhere = Rating elsewhere
fact-filmed = Filmed
fact-based-on = Based on
fact-related-film = Related film
fact-link = Link
fact-trailer = Trailer
fact-elsewhere = Elsewhere
fact-filmed-in = Filmed in
fact-album = Album
as-of = as of { $date }
minutes = { $minutes } min
season-n = season { $season }
episode-n = episode { $episode }
votes = { $votes } votes
votes-as-of = { $votes } votes, as of { $date }
section-facts = Facts
section-titles = Titles
col-title = Title
col-kind = Kind
col-language-script = Language · script
aside-distributor = distributor
section-releases = Release dates
col-date = Date
col-country = Country
col-where = Where
section-synopses = More synopses
also-known-as = also { $names }
section-cast = Cast
col-actor = Actor
col-character = Character
section-crew = Crew
col-job = Job
col-name = Name
section-companies = Companies
col-role = Role
col-company = Company
until-date = until { $date }
from-date = from { $date }
section-watch = Where to watch
col-how = How
col-service = Service
col-seen = Seen
at-rate = at { $rate }
dates-unknown = dates unknown
aside-author = author
section-production = Production
section-soundtrack = Soundtrack: { $album }
col-artist = Artist
section-related = Related films
section-links = Links and trailers
section-trivia = Did you know
credited-as = credited as { $name }
fact-born = Born
fact-born-in = Born in
fact-died = Died
fact-occupation = Occupation
fact-affiliation = Affiliation
fact-relative = Relative
fact-company-kind = Kind
fact-location = Location
fact-founded = Founded
fact-part-of = Part of
section-names-spellings = Names and spellings
col-language-script-system = Language · script · system
section-names = Names
section-about = About
date-month-only = month only
date-year-only = year only
date-not-set = date not set
more-spellings =
    { $count ->
        [one] 1 more spelling
       *[other] { $count } more spellings
    }
tracks-count =
    { $count ->
        [one] 1 track
       *[other] { $count } tracks
    }
inferred-date = { $date } (inferred)
by-authors = by { $names }
fact-known-as = Known as
fact-kind = Kind
fact-released = Released
fact-tracks = Tracks
fact-city = City
fact-address = Address
fact-when = When
fact-organised-by = Organised by
fact-programme = Programme
fact-published-by = Published by
fact-date = Date
fact-directed-by = Directed by
fact-starring = Starring
fact-released = Released
fact-where-to-watch = Where to watch
fact-time-zone = Time zone
fact-run-by = Run by
fact-dates = Dates
fact-place = Place
section-films = Films
section-awards = Awards
section-who-was-there = Who was there
col-film = Film
col-award = Award
col-for = For
col-who = Who
section-about-this-source = About this source
section-summary = Summary
section-named-in-this-article = Named in this article
section-text = Text
fact-artist = Artist
fact-company = Company
fact-by = By
fact-in = In
fact-publisher = Publisher
fact-credits-as-its-source = Credits as its source
fact-author = Author
fact-read-in = Read in
written-as = as “{ $name }”
section-tracks = Tracks ({ $count })
date-range = { $start } to { $end }
screenings-count =
    { $count ->
        [one] 1 screening
       *[other] { $count } screenings
    }
entity-description = a { $kind } on Kinora, every fact with its sources.
reviews-feed-of = Reviews of { $title }
picture-none-yet = No { $role } yet
transliterated-note = Romanized here (Revised Romanization), not a form a source gives
ratings-count =
    { $count ->
        [one] 1 rating
       *[other] { $count } ratings
    }
ratings-histogram = { $count } ratings from half a star to five stars, averaging { $average } out of 10
ratings-none = No ratings yet
your-review = Your review
rate-or-review = Rate or review
on-watchlist = On your watchlist ✓
add-to-watchlist = + Watchlist
log-viewing = Log a viewing
sign-in-to-rate = Sign in to rate, log or review
whole-cast = The whole cast
known-for = Known for
subscribe-calendar = Subscribe to the calendar
news-feed = News feed
on-this-page = On this page
section-sources = Sources
section-reviews = Reviews
section-discussion = Discussion
history = History
edit = Edit
link-the-names = Link the names
sources-show = Show sources
sources-hide = Hide sources
section-pictures = Pictures
pictures-none = No pictures yet.
picture-shown-first = shown first
picture-show-first = Show first
picture-remove = Remove
picture-add = Add a picture
picture-file = Picture
picture-file-help = JPEG, PNG or WebP, up to 20 MB. Camera data (place, time, device) is removed.
picture-role = Role
picture-caption = Caption
picture-author = Author
picture-author-hint = who made the picture
picture-licence = Licence
picture-licence-hint = public domain, CC BY-SA 4.0…
picture-source = Source
picture-source-hint = a source's id, or where the file came from
picture-preferred = Show it first for its role
picture-add-submit = Add the picture
