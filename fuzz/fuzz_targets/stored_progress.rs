//! The stored practice record: anything found in storage is either refused
//! with a reason or read, and a record that was read writes back to text
//! that reads to the same progress.
#![no_main]

use libfuzzer_sys::fuzz_target;
use softmax_lesson::practice::progress::Progress;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Progress::parse(&text) {
        Ok(progress) => {
            let written = progress.to_text();
            assert_eq!(
                Progress::parse(&written).as_ref(),
                Ok(&progress),
                "{text:?} was written as {written:?}"
            );
        }
        Err(why) => assert!(!why.to_string().is_empty()),
    }
});
