//! A member's IMDb ratings or list CSV.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = kinora_formats::imdb_lists::read("ratings.csv", data);
});
