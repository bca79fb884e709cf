//! The answer field: whatever is typed, `parse_answer` returns an answer or
//! a message, and the checker gives a verdict with a message on every part
//! of a generated problem. Nothing may panic; a parsed answer never holds
//! NaN.
#![no_main]

use libfuzzer_sys::fuzz_target;
use softmax_lesson::practice::check::check;
use softmax_lesson::practice::generate::generate;
use softmax_lesson::practice::parse::parse_answer;
use softmax_lesson::practice::problem::Level;

fuzz_target!(|data: &[u8]| {
    // The first five bytes choose the problem, the rest is the typed text.
    let (choice, text) = data.split_at(data.len().min(5));
    let level = Level::ALL[usize::from(choice.first().copied().unwrap_or(0)) % 3];
    let mut seed_bytes = [0u8; 4];
    for (slot, byte) in seed_bytes.iter_mut().zip(choice.iter().skip(1)) {
        *slot = *byte;
    }
    let seed = u32::from_le_bytes(seed_bytes);
    let text = String::from_utf8_lossy(text);
    let Ok(answer) = parse_answer(&text) else {
        return;
    };
    assert!(
        answer.values().iter().all(|v| !v.is_nan()),
        "{text:?} parsed to NaN"
    );
    let problem = generate(level, seed);
    for part in &problem.parts {
        let verdict = check(&part.task, &answer);
        assert!(!verdict.message.is_empty(), "empty message for {text:?}");
    }
});
