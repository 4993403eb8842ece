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
