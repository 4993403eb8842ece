//! The text a CSV file may hold: UTF-8, with or without a byte order mark;
//! UTF-16 is refused with a message saying how to save the file again.

use std::io::Read;

/// A reader that drops a UTF-8 byte order mark at the start, and refuses
/// UTF-16 text.
///
/// The mark is dropped here, not left to the csv crate, which drops one
/// only when its first buffer holds the whole mark and more.
pub(crate) struct SkipBom<R> {
    inner: R,
    /// The first bytes, read to look for the mark, and still to give.
    start: [u8; 3],
    given: usize,
    held: usize,
    checked: bool,
}

impl<R: Read> SkipBom<R> {
    pub(crate) fn new(inner: R) -> SkipBom<R> {
        SkipBom {
            inner,
            start: [0; 3],
            given: 0,
            held: 0,
            checked: false,
        }
    }
}

impl<R: Read> Read for SkipBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.checked {
            while self.held < 3 {
                match self.inner.read(&mut self.start[self.held..]) {
                    Ok(0) => break,
                    Ok(read) => self.held += read,
                    Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(error) => return Err(error),
                }
            }
            self.checked = true;
            if self.start[..self.held] == *b"\xEF\xBB\xBF" {
                self.held = 0;
            }
            let start = &self.start[..self.held];
            let utf16 = start.starts_with(b"\xFF\xFE")
                || start.starts_with(b"\xFE\xFF")
                || (start.len() >= 2 && (start[0] == 0) != (start[1] == 0));
            if utf16 {
                return Err(std::io::Error::other(kinora_i18n::t("csv-utf16")));
            }
        }
        if self.given < self.held {
            let count = buf.len().min(self.held - self.given);
            buf[..count].copy_from_slice(&self.start[self.given..self.given + count]);
            self.given += count;
            return Ok(count);
        }
        self.inner.read(buf)
    }
}
