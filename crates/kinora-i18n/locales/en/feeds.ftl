feed-reviews-of = Reviews of { $title } — Kinora
feed-again = , again
feed-diary-of = { $name }’s diary — Kinora
feed-post = #{ $number } by { $name }
feed-site-title = { $title } — Kinora
feed-news = News — Kinora
feed-news-subtitle = Articles about films, their people and companies
feed-in-the-news = { $name } in the news — Kinora
