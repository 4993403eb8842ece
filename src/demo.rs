//! The demo catalog, transcribed by hand from real web pages about
//! "Crossing" (2008) and other films on North Korean refugees, built into
//! the binary so that `kinora serve --demo` works from anywhere.

/// (file name, contents) of each demo catalog file.
pub const FILES: &[(&str, &str)] = &[(
    "data/demo/catalog.json",
    include_str!("../data/demo/catalog.json"),
)];
