//! An IMDb dataset file: after a good header, every line is a row or a
//! reject with the next line number.
#![no_main]
use kinora_formats::imdb::{AkaRow, ImdbFile, NameRow, TitleRow, TsvReader};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut input = b"tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n".to_vec();
    input.extend_from_slice(data);
    let mut reader = TsvReader::open(ImdbFile::TitleBasics, input.as_slice()).expect("the header is IMDb's");
    let mut expected = 2;
    while let Some(line) = reader.next_line() {
        let number = match line {
            Ok(line) => {
                let _ = TitleRow::parse(&line);
                let _ = NameRow::parse(&line);
                let _ = AkaRow::parse(&line);
                line.number
            }
            Err(reject) => reject.line,
        };
        assert_eq!(number, expected);
        expected += 1;
    }
});
