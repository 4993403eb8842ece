//! Pictures from outside (an editor's upload, a catalog file) made ready
//! for the store: checked, cleaned and resized on blocking threads, a few
//! at a time, so that uploads cannot take every core or all the memory.

use std::sync::LazyLock;

use kinora_formats::picture::{self, PictureError};
use kinora_store::pictures::{StoredPicture, StoredVariant};
use tokio::sync::Semaphore;

/// Pictures decoded at once: each may take a few hundred MB while decoded.
static DECODING: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(2));

/// Checks, cleans and resizes a picture, off the async threads.
pub async fn prepare(bytes: bytes::Bytes) -> Result<StoredPicture, PictureError> {
    let _permit = DECODING
        .acquire()
        .await
        .expect("the semaphore is never closed");
    tokio::task::spawn_blocking(move || picture::prepare(&bytes).map(stored))
        .await
        .unwrap_or_else(|error| Err(PictureError::Broken(format!("the decoder failed: {error}"))))
}

/// The same, on the calling thread (for the command line).
pub fn prepare_now(bytes: &[u8]) -> Result<StoredPicture, PictureError> {
    picture::prepare(bytes).map(stored)
}

fn stored(picture: picture::Picture) -> StoredPicture {
    StoredPicture {
        file: picture.file,
        media_type: picture.media_type.to_owned(),
        width: picture.width,
        height: picture.height,
        bytes: picture.original,
        variants: picture
            .variants
            .into_iter()
            .map(|variant| StoredVariant {
                width: variant.width,
                height: variant.height,
                encoding: variant.encoding.extension().to_owned(),
                bytes: variant.bytes,
            })
            .collect(),
    }
}
