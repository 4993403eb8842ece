use std::io::Read;

use super::*;

fn all<R: Read>(ratings: Ratings<R>) -> Vec<Result<MlRating, Error>> {
    ratings.collect()
}

fn errors<T>(results: &[Result<T, Error>]) -> Vec<String> {
    results
        .iter()
        .filter_map(|result| result.as_ref().err())
        .map(Error::to_string)
        .collect()
}

#[test]
fn titles_come_apart() {
    let cases = [
        ("Toy Story (1995)", "Toy Story", None, Some(1995)),
        ("Godfather, The (1972)", "The Godfather", None, Some(1972)),
        (
            "Godfather: Part II, The (1974)",
            "The Godfather: Part II",
            None,
            Some(1974),
        ),
        ("Misérables, Les (1995)", "Les Misérables", None, Some(1995)),
        ("Postino, Il (1994)", "Il Postino", None, Some(1994)),
        ("Enfer, L' (1994)", "L'Enfer", None, Some(1994)),
        ("Seven (Se7en) (1995)", "Seven", Some("Se7en"), Some(1995)),
        (
            "Seven (a.k.a. Se7en) (1995)",
            "Seven",
            Some("Se7en"),
            Some(1995),
        ),
        (
            "Horseman on the Roof, The (Hussard sur le toit, Le) (1995)",
            "The Horseman on the Roof",
            Some("Le Hussard sur le toit"),
            Some(1995),
        ),
        (
            "Good, The Bad and The Ugly, The",
            "The Good, The Bad and The Ugly",
            None,
            None,
        ),
        (
            "Mrs. Brown (Her Majesty, Mrs. Brown) (1997)",
            "Mrs. Brown",
            Some("Her Majesty, Mrs. Brown"),
            Some(1997),
        ),
        ("Paris, France (1993)", "Paris, France", None, Some(1993)),
        (
            "(500) Days of Summer (2009)",
            "(500) Days of Summer",
            None,
            Some(2009),
        ),
        ("Babylon 5", "Babylon 5", None, None),
        ("Millions (2004) ", "Millions", None, Some(2004)),
        (
            "Fawlty Towers (1975-1979)",
            "Fawlty Towers",
            None,
            Some(1975),
        ),
        (
            "Stranger Things (2016-)",
            "Stranger Things",
            None,
            Some(2016),
        ),
        (
            "1492 (Conquest of Paradise)",
            "1492",
            Some("Conquest of Paradise"),
            None,
        ),
        ("unknown", "unknown", None, None),
    ];
    for (text, title, alternate, year) in cases {
        let parsed = Title::parse(text);
        assert_eq!(
            (
                parsed.title.as_str(),
                parsed.alternate.as_deref(),
                parsed.year
            ),
            (title, alternate, year),
            "{text}"
        );
    }
}

#[test]
fn ratings_become_ten_point_ratings() {
    let cases = [
        (0.5, 1),
        (1.0, 2),
        (2.5, 5),
        (3.0, 6),
        (4.5, 9),
        (5.0, 10),
        (0.0, 1),
        (7.0, 10),
        (f32::NAN, 1),
    ];
    for (rating, ten) in cases {
        assert_eq!(to_ten(rating), ten, "{rating}");
    }
}

#[test]
fn the_current_layout_reads() {
    let ratings = "\u{feff}userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,0.5,964981247\n\n2,858,5.0,1445714835\n";
    let results = all(read_ratings_csv("ratings.csv", ratings.as_bytes()).unwrap());
    let read: Vec<MlRating> = results.into_iter().map(Result::unwrap).collect();
    assert_eq!(
        read[1],
        MlRating {
            user: "1".to_owned(),
            movie: "3".to_owned(),
            rating: 0.5,
            at: Some(964_981_247)
        }
    );
    assert_eq!(read.len(), 3);
    assert_eq!(to_ten(read[2].rating), 10);

    // Another column order, no timestamp, an extra column.
    let ratings = "rating,movieId,source,userId\n3.5,1,web,7\n";
    let read: Vec<_> = read_ratings_csv("ratings.csv", ratings.as_bytes())
        .unwrap()
        .collect();
    let rating = read[0].as_ref().unwrap();
    assert_eq!(
        (rating.user.as_str(), rating.rating, rating.at),
        ("7", 3.5, None)
    );

    let movies = "movieId,title,genres\n\
                  1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n\
                  858,\"Godfather, The (1972)\",Crime|Drama\n\
                  200000,Babylon 5,(no genres listed)\n";
    let mut movies = read_movies_csv("movies.csv", movies.as_bytes()).unwrap();
    let links = "movieId,imdbId,tmdbId\n1,0114709,862\n858,0068646,238\n200000,12345678,\n";
    let links = read_links_csv("links.csv", links.as_bytes()).unwrap();
    add_links(&mut movies, &links);
    assert_eq!(
        movies[1],
        Movie {
            id: "858".to_owned(),
            title: "The Godfather".to_owned(),
            alternate_title: None,
            year: Some(1972),
            imdb_id: Some("tt0068646".to_owned()),
            tmdb_id: Some(238),
            genres: vec!["Crime".to_owned(), "Drama".to_owned()],
        }
    );
    assert_eq!(movies[0].genres.len(), 5);
    assert_eq!(movies[0].imdb_id.as_deref(), Some("tt0114709"));
    assert_eq!(
        (
            movies[2].year,
            movies[2].genres.len(),
            movies[2].imdb_id.as_deref(),
            movies[2].tmdb_id
        ),
        (None, 0, Some("tt12345678"), None)
    );
}

#[test]
fn bad_rating_lines_are_given_as_errors_and_reading_goes_on() {
    let ratings = "userId,movieId,rating,timestamp\n\
                   1,1,4.0,964982703\n\
                   1,2,6,964982703\n\
                   1,3,4.25,964982703\n\
                   1,,4.0,964982703\n\
                   1,5,4.0,yesterday\n\
                   1,6\n\
                   1,7,3.0,964982703\n";
    let results = all(read_ratings_csv("ratings.csv", ratings.as_bytes()).unwrap());
    assert_eq!(results.len(), 7);
    assert_eq!(
        errors(&results),
        [
            "ratings.csv line 3, column \"rating\": \"6\" is not a rating from 0.5 to 5",
            "ratings.csv line 4, column \"rating\": \"4.25\" is not a rating from 0.5 to 5",
            "ratings.csv line 5, column \"movieId\": the field is empty",
            "ratings.csv line 6, column \"timestamp\": \"yesterday\" is not a time in seconds",
            "ratings.csv line 7, column \"rating\": the field is missing",
        ]
    );
    assert_eq!(results[6].as_ref().unwrap().movie, "7");

    let error = read_ratings_csv("ratings.csv", "user,movie,stars\n".as_bytes())
        .err()
        .unwrap();
    assert_eq!(
        error.to_string(),
        "ratings.csv: the column \"userId\" is missing: the header row is user, movie, stars"
    );
    let error = read_ratings_csv("ratings.csv", "".as_bytes())
        .err()
        .unwrap();
    assert_eq!(error.to_string(), "ratings.csv: the file is empty");
}

#[test]
fn bad_movie_and_link_rows_name_file_line_and_column() {
    type Reader = fn(&str, &[u8]) -> Result<(), Error>;
    let cases: [(&str, &str, Reader, &str); 4] = [
        (
            "movies.csv",
            "movieId,title,genres\n1,Toy Story (1995),Comedy\n2,,Drama\n",
            |name, bytes| read_movies_csv(name, bytes).map(drop),
            "movies.csv line 3, column \"title\": the field is empty",
        ),
        (
            "movies.csv",
            "movieId,name\n",
            |name, bytes| read_movies_csv(name, bytes).map(drop),
            "movies.csv: the column \"title\" is missing: the header row is movieId, name",
        ),
        (
            "links.csv",
            "movieId,imdbId,tmdbId\n1,tt0114709,862\n",
            |name, bytes| read_links_csv(name, bytes).map(drop),
            "links.csv line 2, column \"imdbId\": \"tt0114709\" is not an IMDb id (digits without tt)",
        ),
        (
            "links.csv",
            "movieId,imdbId,tmdbId\n1,0114709,862.5\n",
            |name, bytes| read_links_csv(name, bytes).map(drop),
            "links.csv line 2, column \"tmdbId\": \"862.5\" is not a TMDB id",
        ),
    ];
    for (name, text, read, expected) in cases {
        let error = read(name, text.as_bytes()).unwrap_err();
        assert_eq!(error.to_string(), expected);
    }
}

/// Lines as the 100k release writes them.
const U_ITEM: &[u8] = b"1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n\
127|Godfather, The (1972)|01-Jan-1972||http://us.imdb.com/M/title-exact?Godfather,%20The%20(1972)|0|1|0|0|0|0|1|0|1|0|0|0|0|0|0|0|0|0|0\n\
267|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n\
543|Mis\xe9rables, Les (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Mis%E9rables%2C%20Les%20%281995%29|0|0|0|0|0|0|0|0|1|0|0|0|1|0|0|0|0|0|0\n";

#[test]
fn the_100k_layout_reads() {
    let data = "196\t242\t3\t881250949\n186\t302\t3\t891717742\n";
    let read: Vec<MlRating> = read_u_data("u.data", data.as_bytes())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        read[0],
        MlRating {
            user: "196".to_owned(),
            movie: "242".to_owned(),
            rating: 3.0,
            at: Some(881_250_949)
        }
    );
    assert_eq!(to_ten(read[0].rating), 6);

    let movies = read_u_item("u.item", U_ITEM).unwrap();
    assert_eq!(movies.len(), 4);
    assert_eq!(
        (
            movies[0].title.as_str(),
            movies[0].year,
            movies[0].imdb_id.as_deref()
        ),
        ("Toy Story", Some(1995), None)
    );
    assert_eq!(movies[0].genres, ["Animation", "Children's", "Comedy"]);
    assert_eq!(movies[1].title, "The Godfather");
    assert_eq!(movies[1].genres, ["Action", "Crime", "Drama"]);
    assert_eq!(
        (
            movies[2].title.as_str(),
            movies[2].year,
            movies[2].genres.len()
        ),
        ("unknown", None, 0)
    );
    assert_eq!(movies[3].title, "Les Misérables", "Latin-1 is read");
    // The same file converted to UTF-8 reads the same.
    let utf8: String = U_ITEM.iter().map(|&b| char::from(b)).collect();
    assert_eq!(read_u_item("u.item", utf8.as_bytes()).unwrap(), movies);
}

#[test]
fn bad_100k_lines_name_file_line_and_column() {
    let data = "196\t242\t3\t881250949\n186\t302\t9\t891717742\n186\t302\n";
    let results = all(read_u_data("u.data", data.as_bytes()).unwrap());
    assert_eq!(
        errors(&results),
        [
            "u.data line 2, column \"rating\": \"9\" is not a rating from 0.5 to 5",
            "u.data line 3, column \"rating\": the field is missing",
        ]
    );
    let cases: [(&[u8], &str); 3] = [
        (b"1|Toy Story (1995)|01-Jan-1995\n", "u.item line 1: 3 fields where 24 are expected"),
        (
            b"1|Toy Story (1995)|01-Jan-1995||x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n2|GoldenEye (1995)|01-Jan-1995||x|0|yes|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n",
            "u.item line 2, column \"Action\": \"yes\" is not 0 or 1",
        ),
        (
            b"|Toy Story (1995)|01-Jan-1995||x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n",
            "u.item line 1, column \"movie id\": the field is empty",
        ),
    ];
    for (text, expected) in cases {
        let error = read_u_item("u.item", text).unwrap_err();
        assert_eq!(error.to_string(), expected);
    }
}

#[test]
fn recboles_atomic_layout_reads() {
    let inter = "user_id:token\titem_id:token\trating:float\ttimestamp:float\n\
                 196\t242\t3\t881250949\n\
                 22\t377\t1\t878887116.0\n";
    let read: Vec<MlRating> = read_atomic_inter("ml-100k.inter", inter.as_bytes())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(read[1].at, Some(878_887_116));
    assert_eq!(
        (read[1].user.as_str(), read[1].movie.as_str()),
        ("22", "377")
    );

    let item = "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n\
                1\tToy Story\t1995\tAnimation Children's Comedy\n\
                127\tGodfather, The\t1972\tAction Crime Drama\n\
                267\tunkonwn\tunkonwn\tunknown\n\
                1412\tLand Before Time III: The Time of the Great Giving (1995)\tV\tAnimation Children's\n\
                1005\tDouble vie de Véronique, La (Double Life of Veronique, The)\t1991\tDrama\n\
                9999\tHe Said \"No\"\t1990\tDrama\n";
    let movies = read_atomic_item("ml-100k.item", item.as_bytes()).unwrap();
    let shown: Vec<_> = movies
        .iter()
        .map(|m| {
            (
                m.id.as_str(),
                m.title.as_str(),
                m.alternate_title.as_deref(),
                m.year,
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("1", "Toy Story", None, Some(1995)),
            ("127", "The Godfather", None, Some(1972)),
            ("267", "unkonwn", None, None),
            (
                "1412",
                "Land Before Time III: The Time of the Great Giving",
                None,
                Some(1995)
            ),
            (
                "1005",
                "La Double vie de Véronique",
                Some("The Double Life of Veronique"),
                Some(1991)
            ),
            ("9999", "He Said \"No\"", None, Some(1990)),
        ]
    );
    assert_eq!(movies[0].genres, ["Animation", "Children's", "Comedy"]);
    assert!(movies[2].genres.is_empty());

    // Columns in another order, without year or genres.
    let item = "movie_title:token_seq\titem_id:token\nToy Story (1995)\t1\n";
    let movies = read_atomic_item("ml-100k.item", item.as_bytes()).unwrap();
    assert_eq!((movies[0].id.as_str(), movies[0].year), ("1", Some(1995)));
}

#[test]
fn bad_atomic_lines_name_file_line_and_column() {
    let inter = "user_id:token\titem_id:token\trating:float\n196\t242\t3\n196\t242\t3.3\n";
    let results = all(read_atomic_inter("ml-100k.inter", inter.as_bytes()).unwrap());
    assert_eq!(
        errors(&results),
        ["ml-100k.inter line 3, column \"rating:float\": \"3.3\" is not a rating from 0.5 to 5"]
    );
    let error = read_atomic_inter("ml-100k.inter", "user_id:token\titem_id:token\n".as_bytes())
        .err()
        .unwrap();
    assert_eq!(
        error.to_string(),
        "ml-100k.inter: the column \"rating\" is missing: the header row is user_id:token, item_id:token"
    );
    let error = read_atomic_item(
        "ml-100k.item",
        "item_id:token\tmovie_title:token_seq\n1\t\n".as_bytes(),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "ml-100k.item line 2, column \"movie_title:token_seq\": the field is empty"
    );
    let error =
        read_atomic_item("ml-100k.item", "item_id:token\ttitle:token\n".as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "ml-100k.item: the column \"movie_title\" is missing: the header row is item_id:token, title:token"
    );
}
