home-welcome = An open film database where every fact shows where it came from, conflicting facts stand side by side, and every edit can be undone.
home-new-reviews = New reviews
home-no-screenings = No screenings are announced. What's on lists those that are:
programme-link = programme
news-none-yet = No news yet.
news-all = All news
home-added-lately = Added lately
home-browse-films = Browse every film by genre, decade, country and language
order-popular = Most popular
order-rating = Best rated
order-newest = Newest
order-oldest = Oldest
popular-this-month = Popular with members this month
popular-with-members = Popular with members
popular-films = Popular films
members-count =
    { $count ->
        [one] 1 member
       *[other] { $count } members
    }
coming-screenings = Coming screenings
coming-screenings-in = Coming screenings in { $country }
count-films =
    { $count ->
        [one] 1 film
       *[other] { $count } films
    }
count-people =
    { $count ->
        [one] 1 person
       *[other] { $count } people
    }
count-events =
    { $count ->
        [one] 1 event
       *[other] { $count } events
    }
count-sources =
    { $count ->
        [one] 1 source
       *[other] { $count } sources
    }
films-description = Films on Kinora by genre, decade, country and language, every fact with its sources.
films-choose = Choose films
any = Any
decade = Decade
order = Order
page-of = page { $page } of { $pages }
films-none-match = No film has all of these.
films-show-all = Show every film
pages = Pages
