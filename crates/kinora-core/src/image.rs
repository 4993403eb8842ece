//! Pictures of entities: posters, portraits, stills, album covers, venue
//! photos. A picture is a claim like any other (its sources say what it
//! shows), and it names a stored file by the SHA-256 of its bytes, so a
//! file is kept once however many entities show it.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::claim::{claim, vocabulary};

/// A stored file, named by its content: `sha256:` and 64 lowercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct FileHash(String);

impl FileHash {
    pub const PREFIX: &'static str = "sha256:";

    /// The name of a file whose SHA-256 digest is `digest`.
    pub fn from_digest(digest: &[u8; 32]) -> FileHash {
        let mut text = String::with_capacity(Self::PREFIX.len() + 64);
        text.push_str(Self::PREFIX);
        for byte in digest {
            text.push_str(&format!("{byte:02x}"));
        }
        FileHash(text)
    }

    /// Reads `sha256:…` or the bare hex digest (as URLs write it).
    pub fn parse(text: &str) -> Result<FileHash, String> {
        let hex = text.strip_prefix(Self::PREFIX).unwrap_or(text);
        if hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            Ok(FileHash(format!("{}{hex}", Self::PREFIX)))
        } else {
            Err(format!(
                "`{text}` is not a file name: write `sha256:` and the 64 lowercase hex digits of the file's SHA-256"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The hex digest alone, as the file's URL writes it.
    pub fn hex(&self) -> &str {
        &self.0[Self::PREFIX.len()..]
    }
}

impl crate::traverse::Refers for FileHash {
    fn each_ref<'a>(
        &'a self,
        _: &mut crate::traverse::ClaimPath,
        _: &mut dyn FnMut(&crate::traverse::ClaimPath, crate::traverse::Found<'a>),
    ) {
    }
    fn each_ref_mut(&mut self, _: &mut dyn FnMut(crate::EntityKind, &mut crate::EntityId)) {}
}

impl crate::traverse::Describe for FileHash {
    fn describe(&self, _: &'static str, _: &crate::traverse::NameOf<'_>, out: &mut Vec<String>) {
        // Enough of the digest to tell two files apart at a glance.
        out.push(format!("{}{}", FileHash::PREFIX, &self.hex()[..12]));
    }
}

/// A picture in a line: "poster 640×427 · “On the pad” · sha256:0a1b2c3d4e5f".
fn read_image(image: &Image, _: &crate::traverse::NameOf<'_>) -> Vec<String> {
    let mut parts = vec![format!(
        "{} {}×{}",
        image.role.label(),
        image.width,
        image.height
    )];
    if let Some(caption) = &image.caption {
        parts.push(format!("“{caption}”"));
    }
    parts.push(format!("{}{}", FileHash::PREFIX, &image.file.hex()[..12]));
    parts
}

impl fmt::Display for FileHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for FileHash {
    type Error = String;
    fn try_from(text: String) -> Result<FileHash, String> {
        FileHash::parse(&text)
    }
}

impl From<FileHash> for String {
    fn from(hash: FileHash) -> String {
        hash.0
    }
}

vocabulary! {
    /// What a picture is to its entity.
    pub enum ImageRole {
        Poster => "poster",
        Photo => "photo",
        Still => "still",
        Cover => "cover",
        Logo => "logo",
    }
}

impl ImageRole {
    pub fn parse(text: &str) -> Option<ImageRole> {
        ImageRole::ALL
            .iter()
            .copied()
            .find(|role| role.label() == text)
    }
}

/// The longest caption, author, licence or origin kept.
pub const IMAGE_TEXT_LIMIT: usize = 2_000;

claim! {
    read_out read_image;
    /// A picture of the entity. `preferred` marks the one shown for its
    /// role (the poster on the film's page); the others are in its gallery.
    pub struct Image {
        pub file: FileHash,
        pub role: ImageRole,
        /// The stored file's size in pixels, as it is shown (upright).
        pub width: u32,
        pub height: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub caption: Option<String>,
        /// Who made the picture, as credited: "Paramount Pictures", "J. Doe".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub author: Option<String>,
        /// The terms it is shown under: "public domain", "CC BY-SA 4.0".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub licence: Option<String>,
        /// Where the file was found: a web address or a description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub origin: Option<String>,
    }
}

/// The picture shown for `role`: the preferred one, else the first.
pub fn shown(images: &[Image], role: ImageRole) -> Option<&Image> {
    images
        .iter()
        .filter(|image| image.role == role)
        .find(|image| image.preferred)
        .or_else(|| images.iter().find(|image| image.role == role))
}

/// Checks a list of pictures: one preferred per role, texts of sane length,
/// sizes that are pictures.
pub fn check(images: &[Image], problems: &mut Vec<String>) {
    let mut preferred: BTreeMap<ImageRole, usize> = BTreeMap::new();
    for (index, image) in images.iter().enumerate() {
        if image.preferred {
            *preferred.entry(image.role).or_default() += 1;
        }
        if image.width == 0 || image.height == 0 {
            problems.push(format!(
                "images[{index}].width: a picture has a width and a height"
            ));
        }
        for (field, text) in [
            ("caption", &image.caption),
            ("author", &image.author),
            ("licence", &image.licence),
            ("origin", &image.origin),
        ] {
            if let Some(text) = text {
                if text.trim().is_empty() {
                    problems.push(format!(
                        "images[{index}].{field}: leave it out rather than empty"
                    ));
                } else if text.chars().count() > IMAGE_TEXT_LIMIT {
                    problems.push(format!(
                        "images[{index}].{field}: at most {IMAGE_TEXT_LIMIT} characters"
                    ));
                }
            }
        }
    }
    for (role, count) in preferred {
        if count > 1 {
            problems.push(format!(
                "images: {count} {} pictures are marked preferred; mark at most one",
                role.label()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(role: ImageRole, preferred: bool) -> Image {
        Image {
            file: FileHash::from_digest(&[7; 32]),
            role,
            width: 600,
            height: 900,
            caption: None,
            author: None,
            licence: None,
            origin: None,
            preferred,
            inferred: false,
            note: None,
            sources: Vec::new(),
        }
    }

    #[test]
    fn a_file_name_is_the_digest_in_lowercase_hex() {
        let hash = FileHash::from_digest(&[0xab; 32]);
        assert_eq!(hash.hex(), "ab".repeat(32));
        assert_eq!(FileHash::parse(hash.hex()).unwrap(), hash);
        assert!(FileHash::parse(&format!("sha256:{}", "AB".repeat(32))).is_err());
        assert!(FileHash::parse("sha256:abc").is_err());
        assert!(FileHash::parse("../../etc/passwd").is_err());
    }

    #[test]
    fn one_preferred_picture_per_role() {
        let mut problems = Vec::new();
        check(
            &[
                image(ImageRole::Poster, true),
                image(ImageRole::Still, true),
            ],
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        check(
            &[
                image(ImageRole::Poster, true),
                image(ImageRole::Poster, true),
            ],
            &mut problems,
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn the_picture_shown_is_the_preferred_one_of_its_role() {
        let mut second = image(ImageRole::Poster, true);
        second.width = 1;
        let images = [
            image(ImageRole::Still, false),
            image(ImageRole::Poster, false),
            second,
        ];
        assert_eq!(shown(&images, ImageRole::Poster).unwrap().width, 1);
        assert!(shown(&images, ImageRole::Cover).is_none());
    }
}
