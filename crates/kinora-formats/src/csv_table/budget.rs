//! How much of a member's upload is read: bytes, rows and bytes in one row,
//! counted as the file is read, so that no upload takes more memory than
//! the limits allow.

use std::io::Read;

/// What one upload of a member may hold, in all its files: bytes (of a
/// ZIP, once expanded), rows, and bytes in one row. Reading stops with
/// an error naming the limit as soon as one is passed, so the memory an
/// upload takes is bounded whatever it holds. A member's real exports
/// are far smaller: a few megabytes, a few thousand rows.
#[derive(Debug)]
pub struct Budget {
    pub(super) bytes: std::cell::Cell<u64>,
    pub(super) rows: std::cell::Cell<u64>,
    /// Bytes the row being read may still take (with the reader's
    /// read-ahead), so that one endless row stops early.
    pub(super) row: std::cell::Cell<u64>,
    /// The limits, for messages.
    pub(super) max_bytes: u64,
    pub(super) max_rows: u64,
}

/// A member's upload: 64 MB of text, 100,000 rows.
pub const UPLOAD_BYTES: u64 = 64 << 20;
pub const UPLOAD_ROWS: u64 = 100_000;
/// The longest row, and the longest field that is not free text (a
/// review, a list's description, a note): a title, a date, a tag.
pub const ROW_BYTES: usize = 1 << 20;
pub const FIELD_BYTES: usize = 4096;
/// What one row may read from the file: the row and the CSV reader's
/// read-ahead.
pub(super) const ROW_ALLOWANCE: u64 = ROW_BYTES as u64 + (64 << 10);

impl Budget {
    pub fn new(max_bytes: u64, max_rows: u64) -> std::rc::Rc<Budget> {
        std::rc::Rc::new(Budget {
            bytes: std::cell::Cell::new(max_bytes),
            rows: std::cell::Cell::new(max_rows),
            row: std::cell::Cell::new(ROW_ALLOWANCE),
            max_bytes,
            max_rows,
        })
    }

    /// A member's upload.
    pub fn upload() -> std::rc::Rc<Budget> {
        Budget::new(UPLOAD_BYTES, UPLOAD_ROWS)
    }

    /// No limit: bulk files an operator imports (MovieLens).
    pub fn unlimited() -> std::rc::Rc<Budget> {
        Budget::new(u64::MAX, u64::MAX)
    }

    pub(super) fn spent_bytes(&self) -> bool {
        self.bytes.get() == 0 && self.max_bytes != u64::MAX
    }

    pub(super) fn spent_row(&self) -> bool {
        self.row.get() == 0 && self.max_bytes != u64::MAX
    }

    pub(super) fn bytes_message(&self) -> String {
        kinora_i18n::t_with(
            "csv-too-much-text",
            &[("size", (self.max_bytes >> 20).into())],
        )
    }
}

/// A reader that counts its bytes against a budget, and fails once the
/// budget is spent.
pub(super) struct Budgeted<R> {
    pub(super) inner: R,
    pub(super) budget: std::rc::Rc<Budget>,
}

impl<R: Read> Read for Budgeted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.budget.bytes.get();
        if left == 0 {
            return Err(std::io::Error::other(self.budget.bytes_message()));
        }
        let limited = self.budget.max_bytes != u64::MAX;
        let row = self.budget.row.get();
        if limited && row == 0 {
            return Err(std::io::Error::other("a row is too long"));
        }
        let room = if limited { left.min(row) } else { left };
        let room = usize::try_from(room).unwrap_or(usize::MAX).min(buf.len());
        let read = self.inner.read(&mut buf[..room])?;
        self.budget.bytes.set(left - read as u64);
        if limited {
            self.budget.row.set(row - read as u64);
        }
        Ok(read)
    }
}
