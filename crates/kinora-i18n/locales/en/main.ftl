## The frame of every page: the header, the navigation, the footer.

site-description = Kinora: an open film database and community. Every fact with its sources.
skip-to-content = Skip to content
nav-sections = Sections
nav-films = Films
nav-people = People
nav-companies = Companies
nav-sources = Sources
nav-whats-on = What's on
nav-news = News
nav-forum = Forum
search-placeholder = Find a film, person or company in any spelling
search-label = Search
nav-account = Account
theme-dark = Dark
theme-light = Light
sign-out = Sign out
sign-in = Sign in
sign-up = Sign up
footer-tagline = Kinora — an open film database. Every fact with its sources.
footer-api = API
language-switch = Language
language-switch-to = Read this page in { $language }
