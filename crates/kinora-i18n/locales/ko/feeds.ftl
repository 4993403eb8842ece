feed-reviews-of = { $title } 리뷰 — Kinora
feed-again = , 다시 봄
feed-diary-of = { $name }의 관람 기록 — Kinora
feed-post = #{ $number } { $name }
feed-site-title = { $title } — Kinora
feed-news = 뉴스 — Kinora
feed-news-subtitle = 영화와 영화인, 영화사에 대한 기사
feed-in-the-news = 뉴스 속 { $name } — Kinora
