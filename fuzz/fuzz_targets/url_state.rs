//! The URL fragment: any text is either refused with a message or read into
//! a state, and a state read from a link is written back to a link that
//! reads to the same state (so a shared link restores exactly what it
//! showed).
#![no_main]

use libfuzzer_sys::fuzz_target;
use softmax_lesson::explorer::{fragment, Explorer};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let start = Explorer::default();
    let Ok(state) = fragment::parse(&text, &start) else {
        return;
    };
    let written = fragment::write(&state);
    let again = fragment::parse(&written, &start);
    assert_eq!(again.as_ref(), Ok(&state), "{text:?} was written as {written:?}");
    assert_eq!(fragment::write(&state), written);
});
