section-ratings-reviews = Ratings and reviews
ratings-none-yet = No ratings yet.
ratings-histogram-plain = Ratings from half a star to five stars
markdown-spoiler-help = Markdown. Hide a spoiler inside the text with ||two bars on each side||.
review-whole-spoiler = The whole review gives away the story
review-also-log = Also log this viewing in my diary
review-save = Save the review
watchlist-remove = On your watchlist ✓ (remove)
watchlist-add = Add to watchlist
diary-rewatch = A rewatch
diary-log-it = Log it
list-add-to = Add to a list
add = Add
reviews-none-yet = No reviews yet.
reviews-atom = Reviews as an Atom feed
threads-none-yet = No threads yet.
ratings-from =
    { $count ->
        [one] from 1 rating
       *[other] from { $count } ratings
    }
review-edit-yours = Edit your review
rate-and-review = Rate and review
field-rating = Rating
field-headline = Headline
field-review = Review
field-watched-on = Watched on
field-tags = Tags
field-tags-hint = cinema, with friends
field-list = List
field-note = Note
you-watched-it-on = You watched it on
sign-in-to-rate-film = Sign in to rate, review and log this film.
thread-start-about = Start a thread about this { $kind }
sign-in-to-start-thread = Sign in to start a thread.
similar-films = Similar films
guest = guest
date-not-given = date not given
edited = edited
from-source = from
hidden-by-moderator = Hidden by a moderator: { $reason }
review-spoiler-show = This review gives away the story: show it
liked = Liked
like = Like
likes-count =
    { $count ->
        [one] 1 like
       *[other] { $count } likes
    }
review-title = Review of { $film } by { $author }
review-show-again = Show it again
hide-because = Hide it, because
review-hide = Hide the review
earlier-versions = Earlier versions
diary-of = { $name }’s diary
role-member = member
role-editor = editor
role-moderator = moderator
role-admin = admin
member-since = member since { $date }
avatar-change = Change your picture
avatar-add = Add a picture of you
avatar-help = JPEG, PNG or WebP, up to 20 MB; camera data (place, time, device) is removed. Shown square.
avatar-use = Use this picture
avatar-remove = Remove your picture
profile-edit = Edit your profile
list-new = New list
import-from = Import from Letterboxd or IMDb
import-rows-to-check =
    { $count ->
        [one] 1 import row to check
       *[other] { $count } import rows to check
    }
export-data = Export your data
profile-ratings = Ratings
average-films-rated =
    { $count ->
        [one] on average, 1 film rated
       *[other] on average, { $count } films rated
    }
ratings-histogram-of = { $name }’s ratings from half a star to five stars
diary = Diary
diary-empty = Nothing logged yet.
rewatch = rewatch
diary-whole = The whole diary
watchlist-count = Watchlist ({ $count })
atom-feed = Atom feed
lists = Lists
lists-none-yet = No lists yet.
private = private
offer-on = { $how } on { $service }
viewings-count =
    { $count ->
        [one] 1 viewing.
       *[other] { $count } viewings.
    }
watchlist-of = { $name }’s watchlist
films-to-see =
    { $count ->
        [one] 1 film to see.
       *[other] { $count } films to see.
    }
films-to-see-in =
    { $count ->
        [one] 1 film to see that can be watched in { $country }.
       *[other] { $count } films to see that can be watched in { $country }.
    }
list-edit = Edit the list
filter = Filter
all-films = All films
viewing-remove-title = Remove this viewing
viewing-remove = remove
nothing-here-yet = Nothing here yet.
forum-intro = Threads about films, people and sources, and about the site.
forum-start-site = Start a thread about the site
moderation-log = Moderation log
thread-pinned = pinned
thread-archived = archived
thread-locked = locked
thread-hidden = hidden
thread-about = about
by-name = by { $name }
posts-count =
    { $count ->
        [one] 1 post
       *[other] { $count } posts
    }
read-elsewhere = read elsewhere
last-post = last post { $date }
news-add = Add an article
news-names = Names
started-by = started by { $name }
read-at = read at
stated-replies =
    The page this thread was read from lists { $stated } replies; the { $count ->
        [one] 1 post
       *[other] { $count } posts
    } it shows are here.
edited-on = edited { $date }
wrote = { $name } wrote:
reposted = Reposted:
quote = Quote
show-it = Show
hide-it = Hide
because = Because
post-show = Show the post
post-hide = Hide the post
your-reply = Your reply
reply-post = Post the reply
sign-in-to-reply = Sign in to reply.
moderation = Moderation
action = Action
unpin = Unpin
pin = Pin
unlock = Unlock
lock = Lock (no more replies)
unarchive = Unarchive
archive = Archive (read-only)
thread-show = Show the thread
thread-hide = Hide the thread
reason-public = Reason (public, in the moderation log)
apply = Apply
moderation-intro = Everything moderators and administrators did, with their reasons.
col-when = When
col-what = What
col-on = On
col-why = Why
moderation-thread = thread
moderation-review = review
moderation-post = post
nothing-yet = Nothing yet.
back-to-thread = Back to the thread
post-by = Post by { $name }
field-text = Text
until-by = until { $date }, by { $name }
export-intro = Your data is yours. Take it anywhere:
export-letterboxd = Your diary, ratings and reviews in Letterboxd's import format
export-letterboxd-help = CSV: Letterboxd's Import page reads it
export-json = Everything as JSON
export-json-help = your profile, reviews with their earlier versions, diary, ratings, watchlist, lists and posts.
moderation-action-hide = hide
moderation-action-show = show
moderation-action-pin = pin
moderation-action-unpin = unpin
moderation-action-lock = lock
moderation-action-unlock = unlock
moderation-action-archive = archive
moderation-action-unarchive = unarchive
moderation-action-role = role
import-title = Import your history
import-intro = Bring your diary, ratings, reviews, watchlist and lists from Letterboxd (the ZIP from Settings → Import & Export → Export your data, or one of its CSV files), or your ratings or a list from IMDb (its CSV export). Films are matched by their IMDb id when the file has one, else by title and year; a row Kinora is not sure of waits below for your word. Importing the same file again adds nothing twice.
imported = Imported.
import-diary =
    { $count ->
        [one] Diary: 1 viewing added
       *[other] Diary: { $count } viewings added
    }
import-already = { $count } already there
import-to-check =
    { $count ->
        [one] 1 row to check below.
       *[other] { $count } rows to check below.
    }
import-seen-not-kept =
    { $count ->
        [one] 1 film marked watched without a day or rating was not kept.
       *[other] { $count } films marked watched without a day or rating were not kept.
    }
import-unmatched =
    { $count ->
        [one] 1 film not in the catalog
       *[other] { $count } films not in the catalog
    }
see-diary = See your diary
your-profile = your profile
field-file = File
field-format = Format
format-auto = Tell from the file
import = Import
to-check = To check
nothing-waits = Nothing waits for your word.
none-of-these = None of these: leave it out
settle = Settle
no-rating = No rating
filmlist-new = A new list
filmlist-edit-title = Edit “{ $title }”
filmlist-field-title = Title
filmlist-field-description = Description
filmlist-field-private = Only I can see it
filmlist-field-films = Films, in order
filmlist-field-films-help = One film a line: its id or the address of its page, then, after “ | ”, a note. Films are also added from their pages.
filmlist-save = Save the list
thread-new = A new thread
thread-new-about = A new thread about { $label }
thread-field-title = Title
thread-field-body = First post
thread-start = Start the thread
thread-quoting = Quoting { $author } (#{ $number }): { $excerpt }
thread-archived-note = This thread is archived and closed to further replies.
thread-locked-note = This thread is locked: it takes no more replies.
article-add-intro = Paste a news article. Kinora keeps its text, finds the films, people and companies it names in any spelling, and asks you which to link.
article-field-title = Headline
article-field-publisher = Publisher
article-field-author = Author
article-field-date = Date (YYYY, YYYY-MM or YYYY-MM-DD)
article-field-url = Address, for an article published elsewhere
article-field-lang = Language (en, ko…)
article-field-text = Text
article-save = Save and find names
