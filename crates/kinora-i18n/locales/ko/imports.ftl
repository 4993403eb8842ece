### 가져온 파일의 잘못된 곳과 그 위치.


csv-line = { $line }번째 줄
csv-column = "{ $column }" 열
csv-missing-column = "{ $column }" 열이 없습니다. 첫 줄(머리글)은 { $header }입니다
csv-file-empty = 파일이 비어 있습니다
csv-not-utf8 = UTF-8 텍스트가 아닌 줄입니다
csv-cannot-read = 읽을 수 없습니다: { $error }
csv-too-many-rows = 파일 하나에 { $rows }줄이 넘습니다. Kinora가 한 파일에서 받는 것보다 많습니다
csv-row-too-long = 한 줄이 { $size }MB보다 깁니다
csv-nul = 칸에 NUL 문자가 있습니다. 텍스트에는 없는 문자입니다
csv-open-quote = 칸이 여러 줄에 걸쳐 있습니다. 따옴표(")가 열린 뒤 닫히지 않았습니다
csv-field-too-long = 칸이 { $bytes }바이트보다 깁니다. 제목, 날짜, 태그가 이렇게 길 수는 없습니다
csv-field-empty = 칸이 비어 있습니다
csv-not-a = "{ $value }"은(는) { $what }이(가) 아닙니다
csv-what-position = 순번
csv-not-a-year = "{ $value }"은(는) 연도가 아닙니다
csv-not-a-date = "{ $value }"은(는) YYYY-MM-DD 형식의 날짜가 아닙니다
csv-rating-missing = 평점이 없습니다
csv-not-stars = "{ $value }"은(는) 0.5~5 사이의 별점이 아닙니다
csv-not-yes-or-no = "{ $value }"은(는) Yes, true, false 중 하나가 아닙니다
csv-not-imdb-title = "{ $value }"은(는) IMDb 작품 id(tt0000000)가 아닙니다
csv-not-a-rating = "{ $value }"은(는) 1~10 사이의 평점이 아닙니다
csv-imdb-people = 이 IMDb 리스트에는 작품이 아니라 인물이 담겨 있습니다
csv-list-no-header = 리스트가 머리글 전에 끝납니다
csv-list-no-row = 리스트 자체의 정보를 담은 줄이 없습니다
csv-not-a-zip = 읽을 수 있는 ZIP 파일이 아닙니다: { $error }
csv-zip-no-export = 이 ZIP 파일에는 Letterboxd 내보내기 파일이 없습니다: { $found }
csv-zip-empty = 비어 있습니다
csv-file-too-big = { $size }MB로, Kinora가 한 번에 받는 { $limit }MB보다 큽니다
csv-not-letterboxd = Letterboxd 파일이 아닙니다. 열은 { $columns }입니다
csv-too-much-text = 올린 파일의 텍스트가 { $size }MB를 넘습니다. Kinora가 한 파일에서 받는 것보다 많습니다
csv-utf16 = UTF-16 텍스트입니다. UTF-8(스프레드시트의 "CSV UTF-8")로 저장해 다시 올려 주세요
csv-zip-found = { $names }{ $more ->
        [0] {""}
       *[other] {" "}외 { $more }개
    }이(가) 있습니다
error-import-format = `{ $format }`은(는) 가져올 수 있는 형식이 아닙니다. letterboxd나 imdb를 쓰세요
csv-not-imdb-id = "{ $value }"은(는) IMDb id(tt0000000)가 아닙니다
csv-what-tmdb = TMDB id
csv-no-film = 영화가 지정되지 않은 줄입니다. Title, imdbID, tmdbID, LetterboxdURI 중 하나가 있어야 합니다
