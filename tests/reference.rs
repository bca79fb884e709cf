//! The core against the committed reference vectors (`tests/reference/`):
//! every output within 0.501 ULP of the exact value, and the digest of all
//! output bits equal to the committed one (the browser test checks the same
//! digest, which proves native and wasm32 agree bit for bit).

#[path = "reference/harness.rs"]
mod harness;

use harness::{digest, errors, parse, run_core, EXPECTED_DIGEST, VECTORS};

#[test]
fn every_reference_output_is_correctly_rounded() {
    let cases = parse(VECTORS);
    assert!(cases.len() >= 300, "only {} cases", cases.len());
    let mut worst = (0.0f64, String::new());
    let mut failures = Vec::new();
    for (k, case) in cases.iter().enumerate() {
        let got = run_core(case);
        let (max, _, _) = errors(&got, case);
        if max > worst.0 {
            worst = (max, format!("case {k} ({} {})", case.class, case.func));
        }
        if max > 0.501 {
            failures.push(format!(
                "case {k} ({} {}): {max} ULP",
                case.class, case.func
            ));
        }
    }
    println!("worst: {} ULP at {}", worst.0, worst.1);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_output_digest_matches_the_committed_one() {
    let cases = parse(VECTORS);
    let d = digest(&cases);
    assert_eq!(d, EXPECTED_DIGEST, "digest is {d:#018x}");
}

#[test]
fn the_reference_covers_every_class() {
    let cases = parse(VECTORS);
    for class in [
        "random",
        "wide",
        "long",
        "low_t",
        "dominant",
        "lse_gap",
        "lse_near_0",
        "subnormal",
        "jvp_near_const",
        "jac_dominant",
        "masked",
        "pos_inf",
    ] {
        assert!(
            cases.iter().any(|c| c.class == class),
            "no case of class {class}"
        );
    }
    assert!(cases.iter().any(|c| c.x.len() >= 10_000 && c.stride == 1));
    assert!(cases.iter().any(|c| c.x.len() >= 100_000));
}

/// The hard classes (`tests/reference/hard.txt`, written by
/// `generate.py hard`): results a hair from a midpoint, cancelling huge
/// tangents, tiny weights and temperatures, subnormal results. Every
/// output must equal the correctly rounded exact value bit for bit.
#[test]
fn hard_cases_are_correctly_rounded_bit_for_bit() {
    let text = include_str!("reference/hard.txt");
    let bits = |s: &str| f64::from_bits(u64::from_str_radix(s, 16).expect("hex"));
    let mut lines = text.lines().filter(|l| !l.starts_with('#')).peekable();
    let (mut count, mut failures) = (0, Vec::new());
    while let Some(head) = lines.next() {
        let h: Vec<&str> = head.split_whitespace().collect();
        let (class, func, t) = (h[1], h[2], bits(h[3]));
        let row = |l: Option<&str>| -> Vec<f64> {
            l.expect("row")
                .split_whitespace()
                .skip(1)
                .map(bits)
                .collect()
        };
        let x = row(lines.next());
        let v = (func == "jvp").then(|| row(lines.next()));
        let want = row(lines.next());
        let got: Vec<f64> = match func {
            "softmax" => softmax_lesson::math::softmax(&x),
            "softmax_t" => softmax_lesson::math::softmax_with_temperature(&x, t).expect("T"),
            "log_softmax" => softmax_lesson::math::log_softmax(&x),
            "jvp" => softmax_lesson::math::jvp(&x, t, v.as_deref().expect("v")).expect("jvp"),
            other => panic!("unknown function {other}"),
        };
        count += 1;
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            if g.to_bits() != w.to_bits() {
                failures.push(format!(
                    "{class} {func} x={x:?} v={v:?} T={t:e} [{i}]: got {g:e}, want {w:e}"
                ));
            }
        }
    }
    assert!(count >= 200, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
