//! Letterboxd's export ZIP, read; its import CSV, written.
