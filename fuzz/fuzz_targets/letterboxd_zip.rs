//! A member's Letterboxd export ZIP: read or refused, within its budget.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = kinora_formats::letterboxd::read_export(std::io::Cursor::new(data));
});
