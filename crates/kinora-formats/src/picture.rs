//! Pictures as uploaded: recognised from their bytes, bounded before they
//! are decoded, stripped of what they say about the person who took them,
//! turned upright, and resized to the widths pages ask for.
//!
//! Decoding and resizing are the `image` crate's; lossy WebP is libwebp's
//! (the `webp` crate: `image` writes only lossless WebP, several times
//! larger for photographs); metadata is removed from the original's
//! container by `img-parts`, without decoding it again.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, metadata::Orientation};
use img_parts::{Bytes, ImageEXIF};
use kinora_core::image::FileHash;
use sha2::{Digest, Sha256};

/// The largest file accepted, as uploaded.
pub const MAX_BYTES: usize = 20 << 20;
/// The longest side accepted, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// The most pixels accepted (a 40-megapixel photograph).
pub const MAX_PIXELS: u64 = 40_000_000;
/// What decoding one picture may allocate.
const MAX_ALLOC: u64 = 320 << 20;

/// The widths served, where the original is wider.
pub const WIDTHS: [u32; 4] = [160, 320, 640, 1280];

/// The widths a picture `width` pixels wide is kept at: each of `WIDTHS`
/// narrower than it, and its own width when that is no wider than the
/// widest.
pub fn widths(width: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    if width <= WIDTHS[WIDTHS.len() - 1] {
        widths.push(width);
    }
    widths
}

/// The address of a picture's copy `width` pixels wide, from the site's root.
pub fn path(file: &FileHash, width: u32, encoding: Encoding) -> String {
    format!("/pictures/{}/{width}.{}", file.hex(), encoding.extension())
}

/// How a resized copy is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Encoding {
    /// Lossy WebP, for every browser of the last five years.
    Webp,
    /// Baseline JPEG, for the rest.
    Jpeg,
}

impl Encoding {
    pub const ALL: [Encoding; 2] = [Encoding::Webp, Encoding::Jpeg];

    pub fn extension(self) -> &'static str {
        match self {
            Encoding::Webp => "webp",
            Encoding::Jpeg => "jpg",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Encoding::Webp => "image/webp",
            Encoding::Jpeg => "image/jpeg",
        }
    }

    pub fn from_extension(text: &str) -> Option<Encoding> {
        Encoding::ALL.into_iter().find(|e| e.extension() == text)
    }
}

/// A resized copy of a picture.
#[derive(Debug, Clone)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub encoding: Encoding,
    pub bytes: Vec<u8>,
}

/// A picture ready to be stored: the original without its metadata, named
/// by the hash of those bytes, and its resized copies.
#[derive(Debug, Clone)]
pub struct Picture {
    pub file: FileHash,
    pub media_type: &'static str,
    /// Upright, in pixels.
    pub width: u32,
    pub height: u32,
    pub original: Vec<u8>,
    pub variants: Vec<Variant>,
}

/// Why a file is not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PictureError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes; a picture may be at most {} MB", MAX_BYTES >> 20)]
    TooLarge { size: usize },
    #[error(
        "SVG and other text files are refused (an SVG can carry scripts): upload a JPEG, PNG or WebP picture"
    )]
    Text,
    #[error("this is a {0} file; Kinora takes JPEG, PNG and WebP pictures")]
    Unsupported(String),
    #[error("this is not a picture Kinora reads: upload a JPEG, PNG or WebP file")]
    Unknown,
    #[error(
        "the picture is {width}×{height} pixels; at most {MAX_SIDE} pixels a side and {} megapixels are taken",
        MAX_PIXELS / 1_000_000
    )]
    TooManyPixels { width: u32, height: u32 },
    #[error("the picture cannot be read: {0}")]
    Broken(String),
}

/// The format of a file, from its first bytes; the name it was sent under
/// is not trusted.
pub fn recognise(bytes: &[u8]) -> Result<(ImageFormat, &'static str), PictureError> {
    if bytes.is_empty() {
        return Err(PictureError::Empty);
    }
    let start = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    if start
        .iter()
        .find(|byte| !byte.is_ascii_whitespace())
        .is_some_and(|byte| *byte == b'<')
    {
        return Err(PictureError::Text);
    }
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => Ok((ImageFormat::Jpeg, "image/jpeg")),
        Ok(ImageFormat::Png) => Ok((ImageFormat::Png, "image/png")),
        Ok(ImageFormat::WebP) => Ok((ImageFormat::WebP, "image/webp")),
        Ok(other) => Err(PictureError::Unsupported(
            other
                .extensions_str()
                .first()
                .map_or("other", |e| e)
                .to_uppercase(),
        )),
        Err(_) => Err(PictureError::Unknown),
    }
}

/// Checks, cleans and resizes an uploaded picture. CPU-bound: call it on a
/// blocking thread.
pub fn prepare(bytes: &[u8]) -> Result<Picture, PictureError> {
    if bytes.len() > MAX_BYTES {
        return Err(PictureError::TooLarge { size: bytes.len() });
    }
    let (format, media_type) = recognise(bytes)?;
    // The size is read from the header, before a single pixel is decoded.
    let mut probe = ImageReader::with_format(Cursor::new(bytes), format);
    probe.no_limits();
    let (width, height) = probe
        .into_dimensions()
        .map_err(|error| PictureError::Broken(error.to_string()))?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PictureError::TooManyPixels { width, height });
    }
    if width == 0 || height == 0 {
        return Err(PictureError::Broken("it has no pixels".into()));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let broken = |error: image::ImageError| match error {
        image::ImageError::Limits(_) => PictureError::Broken(
            "it would take too much memory to decode (a picture of that size is refused)".into(),
        ),
        other => PictureError::Broken(other.to_string()),
    };
    let mut decoder = reader.into_decoder().map_err(broken)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(broken)?;
    let original = if orientation == Orientation::NoTransforms {
        strip(format, bytes)?
    } else {
        // The turn was written in the metadata that is removed: the
        // original is kept upright instead, encoded again.
        picture.apply_orientation(orientation);
        match format {
            ImageFormat::Jpeg => encode_jpeg(&picture, 92)?,
            _ => {
                let mut out = Vec::new();
                picture
                    .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                    .map_err(broken)?;
                out
            }
        }
    };
    let (width, height) = (picture.width(), picture.height());
    let digest: [u8; 32] = Sha256::digest(&original).into();
    let mut variants = Vec::new();
    let widths = widths(width);
    // From the widest down, each resized from the one before: faster than
    // each from the original, and as sharp.
    let mut source = picture;
    for &target in widths.iter().rev() {
        let target_height = ((u64::from(height) * u64::from(target) + u64::from(width) / 2)
            / u64::from(width))
        .max(1) as u32;
        if target != source.width() {
            source = source.resize_exact(
                target,
                target_height,
                image::imageops::FilterType::CatmullRom,
            );
        }
        variants.push(Variant {
            width: target,
            height: target_height,
            encoding: Encoding::Webp,
            bytes: encode_webp(&source),
        });
        variants.push(Variant {
            width: target,
            height: target_height,
            encoding: Encoding::Jpeg,
            bytes: encode_jpeg(&source, 82)?,
        });
    }
    variants.sort_by_key(|variant| (variant.width, variant.encoding));
    Ok(Picture {
        file: FileHash::from_digest(&digest),
        media_type,
        width,
        height,
        original,
        variants,
    })
}

fn encode_webp(picture: &DynamicImage) -> Vec<u8> {
    if picture.color().has_alpha() {
        let rgba = picture.to_rgba8();
        webp::Encoder::from_rgba(&rgba, rgba.width(), rgba.height())
            .encode(80.0)
            .to_vec()
    } else {
        let rgb = picture.to_rgb8();
        webp::Encoder::from_rgb(&rgb, rgb.width(), rgb.height())
            .encode(80.0)
            .to_vec()
    }
}

/// JPEG has no transparency: a transparent picture is laid on white.
fn encode_jpeg(picture: &DynamicImage, quality: u8) -> Result<Vec<u8>, PictureError> {
    let rgb = if picture.color().has_alpha() {
        let mut rgba = picture.to_rgba8();
        for pixel in rgba.pixels_mut() {
            let alpha = u16::from(pixel[3]);
            for channel in 0..3 {
                pixel[channel] =
                    ((u16::from(pixel[channel]) * alpha + 255 * (255 - alpha)) / 255) as u8;
            }
            pixel[3] = 255;
        }
        DynamicImage::ImageRgba8(rgba).to_rgb8()
    } else {
        picture.to_rgb8()
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|error| PictureError::Broken(error.to_string()))?;
    Ok(out)
}

/// The original's bytes without EXIF (camera, place and time), XMP, IPTC,
/// comments and text chunks; the colour profile stays.
fn strip(format: ImageFormat, bytes: &[u8]) -> Result<Vec<u8>, PictureError> {
    let broken = |error: img_parts::Error| PictureError::Broken(error.to_string());
    let bytes = Bytes::copy_from_slice(bytes);
    let out = match format {
        ImageFormat::Jpeg => {
            let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(bytes).map_err(broken)?;
            // APP0 (JFIF), APP2 (the ICC profile) and APP14 (Adobe's colour
            // transform) say how to show the pixels; every other APPn and
            // COM segment is metadata.
            jpeg.segments_mut().retain(|segment| {
                let marker = segment.marker();
                !((0xE1..=0xEF).contains(&marker) && marker != 0xE2 && marker != 0xEE
                    || marker == 0xFE)
            });
            jpeg.encoder().bytes()
        }
        ImageFormat::Png => {
            let mut png = img_parts::png::Png::from_bytes(bytes).map_err(broken)?;
            png.chunks_mut().retain(|chunk| {
                !matches!(
                    &chunk.kind(),
                    b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME"
                )
            });
            png.encoder().bytes()
        }
        _ => {
            let mut webp = img_parts::webp::WebP::from_bytes(bytes).map_err(broken)?;
            webp.remove_chunks_by_id(*b"XMP ");
            webp.set_exif(None);
            webp.encoder().bytes()
        }
    };
    Ok(out.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb, Rgba};

    fn photo(width: u32, height: u32) -> DynamicImage {
        DynamicImage::ImageRgb8(ImageBuffer::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        }))
    }

    fn encoded(picture: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Vec::new();
        picture
            .write_to(&mut Cursor::new(&mut out), format)
            .unwrap();
        out
    }

    /// A minimal EXIF block (big-endian TIFF) with an orientation and a GPS
    /// latitude reference, enough to tell whether it survived.
    fn exif(orientation: u16) -> Vec<u8> {
        let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
        tiff.extend_from_slice(&2u16.to_be_bytes());
        // Orientation (0x0112), SHORT, 1
        tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        tiff.extend_from_slice(&orientation.to_be_bytes());
        tiff.extend_from_slice(&[0, 0]);
        // GPS IFD pointer (0x8825), LONG, 1 → 38
        tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
        tiff.extend_from_slice(&[0, 0, 0, 0]);
        // GPS IFD: GPSLatitudeRef "N"
        tiff.extend_from_slice(&1u16.to_be_bytes());
        tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
        tiff.extend_from_slice(&[0, 0, 0, 0]);
        tiff
    }

    fn with_exif(jpeg: Vec<u8>, orientation: u16) -> Vec<u8> {
        let mut parsed = img_parts::jpeg::Jpeg::from_bytes(jpeg.into()).unwrap();
        parsed.set_exif(Some(exif(orientation).into()));
        parsed.encoder().bytes().to_vec()
    }

    #[test]
    fn a_photo_is_resized_to_each_narrower_width_in_two_encodings() {
        let picture = prepare(&encoded(&photo(900, 600), ImageFormat::Png)).unwrap();
        assert_eq!((picture.width, picture.height), (900, 600));
        let sizes: Vec<(u32, u32, Encoding)> = picture
            .variants
            .iter()
            .map(|v| (v.width, v.height, v.encoding))
            .collect();
        assert_eq!(
            sizes,
            [
                (160, 107, Encoding::Webp),
                (160, 107, Encoding::Jpeg),
                (320, 213, Encoding::Webp),
                (320, 213, Encoding::Jpeg),
                (640, 427, Encoding::Webp),
                (640, 427, Encoding::Jpeg),
                (900, 600, Encoding::Webp),
                (900, 600, Encoding::Jpeg),
            ]
        );
        for variant in &picture.variants {
            let (format, _) = recognise(&variant.bytes).unwrap();
            let decoded = image::load_from_memory_with_format(&variant.bytes, format).unwrap();
            assert_eq!(
                (decoded.width(), decoded.height()),
                (variant.width, variant.height)
            );
        }
        assert_eq!(picture.media_type, "image/png");
    }

    #[test]
    fn the_same_picture_gets_the_same_name_and_stripping_again_changes_nothing() {
        let bytes = with_exif(encoded(&photo(200, 100), ImageFormat::Jpeg), 1);
        let first = prepare(&bytes).unwrap();
        let again = prepare(&first.original).unwrap();
        assert_eq!(first.file, again.file);
        assert_eq!(first.original, again.original);
    }

    #[test]
    fn exif_and_its_gps_are_gone_from_what_is_kept() {
        let bytes = with_exif(encoded(&photo(300, 200), ImageFormat::Jpeg), 1);
        assert!(bytes.windows(4).any(|w| w == b"Exif"));
        let picture = prepare(&bytes).unwrap();
        for kept in
            std::iter::once(&picture.original).chain(picture.variants.iter().map(|v| &v.bytes))
        {
            assert!(!kept.windows(4).any(|w| w == b"Exif"), "EXIF survived");
            assert!(
                !kept.windows(6).any(|w| w == b"MM\0\x2a\0\0"),
                "a TIFF header survived"
            );
        }
    }

    #[test]
    fn a_turned_photo_is_kept_upright() {
        // Orientation 6: the camera was turned; the picture is shown rotated 90°.
        let bytes = with_exif(encoded(&photo(300, 200), ImageFormat::Jpeg), 6);
        let picture = prepare(&bytes).unwrap();
        assert_eq!((picture.width, picture.height), (200, 300));
        let decoded = image::load_from_memory(&picture.original).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (200, 300));
    }

    #[test]
    fn a_transparent_png_gets_a_white_ground_in_jpeg() {
        let clear = DynamicImage::ImageRgba8(ImageBuffer::from_pixel(40, 40, Rgba([0, 0, 0, 0])));
        let picture = prepare(&encoded(&clear, ImageFormat::Png)).unwrap();
        let jpeg = picture
            .variants
            .iter()
            .find(|v| v.encoding == Encoding::Jpeg)
            .unwrap();
        let decoded = image::load_from_memory(&jpeg.bytes).unwrap().to_rgb8();
        assert!(
            decoded.pixels().all(|p| p.0.iter().all(|c| *c > 245)),
            "not white"
        );
    }

    #[test]
    fn what_is_not_a_picture_is_refused_by_its_bytes() {
        assert_eq!(prepare(b"").unwrap_err(), PictureError::Empty);
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(prepare(svg).unwrap_err(), PictureError::Text);
        assert_eq!(
            prepare(b"GIF89a\x01\0\x01\0").unwrap_err(),
            PictureError::Unsupported("GIF".into())
        );
        assert_eq!(
            prepare(b"%PDF-1.7 hello").unwrap_err(),
            PictureError::Unknown
        );
        let mut truncated = encoded(&photo(300, 200), ImageFormat::Png);
        truncated.truncate(200);
        assert!(matches!(
            prepare(&truncated).unwrap_err(),
            PictureError::Broken(_)
        ));
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_it_is_decoded() {
        // A PNG of 30,000 × 30,000 pixels of one colour: a few hundred KB
        // compressed, 2.7 GB decoded. Only its header is read.
        let mut header = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut header, 30_000, 30_000);
            encoder.set_color(png::ColorType::Grayscale);
            let mut writer = encoder.write_header().unwrap();
            let mut stream = writer.stream_writer().unwrap();
            let row = vec![0u8; 30_000];
            for _ in 0..200 {
                std::io::Write::write_all(&mut stream, &row).unwrap();
            }
            // Left unfinished: the header is all the check may read.
            std::mem::forget(stream);
        }
        assert_eq!(
            prepare(&header).unwrap_err(),
            PictureError::TooManyPixels {
                width: 30_000,
                height: 30_000
            }
        );
    }

    #[test]
    fn an_oversized_file_is_refused_unread() {
        let big = vec![0xFFu8; MAX_BYTES + 1];
        assert!(matches!(
            prepare(&big).unwrap_err(),
            PictureError::TooLarge { .. }
        ));
    }
}
