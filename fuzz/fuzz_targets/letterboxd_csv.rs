//! A member's Letterboxd CSV: read or refused with a message, never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(error) = kinora_formats::letterboxd::read_csv("diary.csv", data) {
        assert!(!error.to_string().is_empty());
    }
});
