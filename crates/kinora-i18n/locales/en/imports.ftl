### What a file a reader imports holds wrong, and where.


csv-line = line { $line }
csv-column = column "{ $column }"
csv-missing-column = the column "{ $column }" is missing: the header row is { $header }
csv-file-empty = the file is empty
csv-not-utf8 = the line is not UTF-8 text
csv-cannot-read = cannot be read: { $error }
csv-too-many-rows = the upload holds more than { $rows } rows, more than Kinora takes from one file
csv-row-too-long = the row is longer than { $size } MB
csv-nul = the field holds a NUL character, which no text has
csv-open-quote = the field runs over several lines: a quote (") is opened and not closed
csv-field-too-long = the field is longer than { $bytes } bytes, which no title, date or tag is
csv-field-empty = the field is empty
csv-not-a = "{ $value }" is not { $what }
csv-what-position = a position
csv-not-a-year = "{ $value }" is not a year
csv-not-a-date = "{ $value }" is not a date written YYYY-MM-DD
csv-rating-missing = the rating is missing
csv-not-stars = "{ $value }" is not a rating from 0.5 to 5
csv-not-yes-or-no = "{ $value }" is not Yes, true or false
csv-not-imdb-title = "{ $value }" is not an IMDb title id (tt0000000)
csv-not-a-rating = "{ $value }" is not a rating from 1 to 10
csv-imdb-people = this IMDb list holds people, not titles
csv-list-no-header = the list ends before its header
csv-list-no-row = the list's own row is missing
csv-not-a-zip = this is not a ZIP file that can be read: { $error }
csv-zip-no-export = this ZIP holds no Letterboxd export: { $found }
csv-zip-empty = it is empty
csv-file-too-big = holds { $size } MB, more than the { $limit } MB Kinora takes from one upload
csv-not-letterboxd = this is not a Letterboxd file: its columns are { $columns }
csv-too-much-text = the upload holds more than { $size } MB of text, more than Kinora takes from one file
csv-utf16 = it is UTF-16 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet) and upload it again
csv-zip-found = found { $names }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }
error-import-format = `{ $format }` is not a format: use letterboxd or imdb
csv-not-imdb-id = "{ $value }" is not an IMDb id (tt0000000)
csv-what-tmdb = a TMDB id
csv-no-film = the row names no film: it needs a Title, an imdbID, a tmdbID or a LetterboxdURI
