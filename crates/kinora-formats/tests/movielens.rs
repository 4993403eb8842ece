//! MovieLens 100k, the real files, when they are at hand: set
//! `KINORA_MOVIELENS_DIR` to a folder holding either RecBole's atomic files
//! (`ml-100k.inter`, `ml-100k.item`; `scripts/fetch-movielens.sh` puts them
//! in `target/movielens/ml-100k`) or GroupLens's own `u.data` and `u.item`.

use std::collections::HashSet;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use kinora_formats::movielens::{self, MlRating, Movie};

/// The folder the variable names; a relative one may be taken from the
/// workspace root, where the fetch script runs.
fn folder() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("KINORA_MOVIELENS_DIR")?);
    if dir.is_dir() {
        return Some(dir);
    }
    let from_root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(&dir);
    if from_root.is_dir() {
        return Some(from_root);
    }
    panic!("KINORA_MOVIELENS_DIR is {}, not a folder", dir.display());
}

fn open(path: &Path) -> BufReader<File> {
    BufReader::new(File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The ratings and films of the folder, in whichever layout it holds.
fn read(dir: &Path) -> (Vec<MlRating>, Vec<Movie>) {
    let (ratings, movies) = if dir.join("ml-100k.inter").exists() {
        (
            movielens::read_atomic_inter("ml-100k.inter", open(&dir.join("ml-100k.inter")))
                .unwrap()
                .map(|rating| rating.unwrap())
                .collect(),
            movielens::read_atomic_item("ml-100k.item", open(&dir.join("ml-100k.item"))).unwrap(),
        )
    } else {
        (
            movielens::read_u_data("u.data", open(&dir.join("u.data")))
                .unwrap()
                .map(|rating| rating.unwrap())
                .collect(),
            movielens::read_u_item("u.item", open(&dir.join("u.item"))).unwrap(),
        )
    };
    (ratings, movies)
}

#[test]
fn the_real_100k_release_reads_whole() {
    let Some(dir) = folder() else {
        println!(
            "skipped: KINORA_MOVIELENS_DIR is not set (scripts/fetch-movielens.sh fetches the files)"
        );
        return;
    };
    let (ratings, movies) = read(&dir);

    assert_eq!(ratings.len(), 100_000);
    let users: HashSet<&str> = ratings.iter().map(|r| r.user.as_str()).collect();
    assert_eq!(users.len(), 943);
    let rated: HashSet<&str> = ratings.iter().map(|r| r.movie.as_str()).collect();
    assert_eq!(rated.len(), 1_682);
    assert_eq!(movies.len(), 1_682);
    assert!(
        ratings
            .iter()
            .all(|r| (2..=10).contains(&movielens::to_ten(r.rating)) && r.at.is_some())
    );
    let known: HashSet<&str> = movies.iter().map(|m| m.id.as_str()).collect();
    assert!(
        rated.is_subset(&known),
        "every rated film is in the film file"
    );

    let find = |id: &str| movies.iter().find(|m| m.id == id).unwrap();
    let toy_story = find("1");
    assert_eq!(
        (toy_story.title.as_str(), toy_story.year),
        ("Toy Story", Some(1995))
    );
    assert!(toy_story.genres.iter().any(|g| g == "Animation"));
    let godfather = find("127");
    assert_eq!(
        (godfather.title.as_str(), godfather.year),
        ("The Godfather", Some(1972))
    );
    assert_eq!(find("543").title, "Les Misérables");
    assert_eq!(
        (
            find("11").title.as_str(),
            find("11").alternate_title.as_deref()
        ),
        ("Seven", Some("Se7en"))
    );
}
