//! Shared by `tests/reference.rs` (native), `tests/web_reference.rs`
//! (wasm32 in a browser) and `examples/accuracy.rs`: parse the committed
//! reference vectors (written by `generate.py`), run a function on them and
//! measure errors in ULPs against the exact values; and the FNV-1a digest of
//! every output bit that proves native and wasm agree.
#![allow(dead_code)]

use softmax_lesson::math::dd::ldexp;
use softmax_lesson::math::naive;

/// The committed reference file.
pub const VECTORS: &str = include_str!("vectors.txt");

/// The digest of the core's f64 outputs over every case of `vectors.txt`
/// (see [`digest`]). Both the native and the browser test compare against
/// it, so a green run on both targets proves bit-identical results.
pub const EXPECTED_DIGEST: u64 = 0x4d8a_b585_3559_1021;

/// An exact reference value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Exact {
    /// NaN.
    Nan,
    /// Plus or minus infinity (the sign is the bool: true for negative).
    Inf(bool),
    /// Exactly zero (true for -0).
    Zero(bool),
    /// `(hi + lo) * 2^e`, `1 <= |hi| < 2`.
    Value { hi: f64, lo: f64, e: i32 },
}

/// One reference case: a function applied to one input.
#[derive(Debug, Clone)]
pub struct Case {
    pub class: String,
    pub func: String,
    pub t: Option<f64>,
    pub x: Vec<f64>,
    pub v: Option<Vec<f64>>,
    pub y: Vec<Exact>,
    /// `y` holds the outputs at indices `0, stride, 2 stride, ...`.
    pub stride: usize,
}

/// The i-th logit of a generated input: `(u_i - 1/2) * scale` with `u_i`
/// from SplitMix64 (exact on every target; the generator computes the same).
pub fn generated_logits(seed: u64, n: usize, scale: f64) -> Vec<f64> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            let u = (z >> 11) as f64 / (1u64 << 53) as f64;
            (u - 0.5) * scale
        })
        .collect()
}

fn bits(tok: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(tok, 16).expect("hex f64 in vectors.txt"))
}

fn exact(tok: &str) -> Exact {
    match tok {
        "nan" => Exact::Nan,
        "inf" => Exact::Inf(false),
        "-inf" => Exact::Inf(true),
        "0" => Exact::Zero(false),
        "-0" => Exact::Zero(true),
        _ => {
            let mut parts = tok.split(':');
            let hi = bits(parts.next().expect("hi"));
            let lo = bits(parts.next().expect("lo"));
            let e = parts.next().expect("e").parse().expect("exponent");
            Exact::Value { hi, lo, e }
        }
    }
}

/// Parse `vectors.txt`.
pub fn parse(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut n_of_last = 0usize;
    for line in text.lines() {
        let mut toks = line.split_ascii_whitespace();
        match toks.next() {
            Some("case") => {
                let class = toks.next().expect("class").to_string();
                let func = toks.next().expect("function").to_string();
                n_of_last = toks.next().expect("n").parse().expect("n");
                let t = match toks.next().expect("T") {
                    "-" => None,
                    tok => Some(bits(tok)),
                };
                cases.push(Case {
                    class,
                    func,
                    t,
                    x: Vec::new(),
                    v: None,
                    y: Vec::new(),
                    stride: 1,
                });
            }
            Some("x") => cases.last_mut().expect("case").x = toks.map(bits).collect(),
            Some("v") => cases.last_mut().expect("case").v = Some(toks.map(bits).collect()),
            Some("y") => cases.last_mut().expect("case").y = toks.map(exact).collect(),
            Some("xgen") => {
                let case = cases.last_mut().expect("case");
                let seed = toks.next().expect("seed").parse().expect("seed");
                let scale = bits(toks.next().expect("scale"));
                case.x = generated_logits(seed, n_of_last, scale);
            }
            Some("ysel") => {
                let case = cases.last_mut().expect("case");
                case.stride = toks.next().expect("stride").parse().expect("stride");
                case.y = toks.map(exact).collect();
            }
            _ => {}
        }
    }
    cases
}

/// The error of `got` in ULPs of the exact value (`ulp` of the exact value,
/// with the subnormal spacing `2^-1074` as the smallest). A wrong special
/// value (NaN, infinity, or a sign of zero the contract fixes) is infinite.
pub fn ulp_error(got: f64, want: Exact) -> f64 {
    match want {
        Exact::Nan => {
            if got.is_nan() {
                0.0
            } else {
                f64::INFINITY
            }
        }
        Exact::Inf(neg) => {
            if got.is_infinite() && (got < 0.0) == neg {
                0.0
            } else {
                f64::INFINITY
            }
        }
        Exact::Zero(_) => {
            if got.is_nan() {
                f64::INFINITY
            } else {
                got.abs() / f64::from_bits(1)
            }
        }
        Exact::Value { hi, lo, e } => {
            if !got.is_finite() {
                // Beyond the f64 range the correct rounding is an infinity.
                let overflows = e >= 1024 && got.is_infinite() && (got < 0.0) == (hi < 0.0);
                return if overflows { 0.0 } else { f64::INFINITY };
            }
            let scaled = ldexp(got, -e);
            let diff = (scaled - hi) - lo;
            let ulp = ldexp(1.0, (-52).max(-1074 - e));
            diff.abs() / ulp
        }
    }
}

fn t_of(case: &Case) -> f64 {
    case.t.unwrap_or(1.0)
}

/// The crate's core on one case.
pub fn run_core(case: &Case) -> Vec<f64> {
    let x = &case.x;
    let t = t_of(case);
    match case.func.as_str() {
        "softmax" => softmax_lesson::softmax(x),
        "softmax_t" => softmax_lesson::softmax_with_temperature(x, t).expect("valid T"),
        "log_softmax" => softmax_lesson::log_softmax(x),
        "log_softmax_t" => softmax_lesson::log_softmax_with_temperature(x, t).expect("valid T"),
        "logsumexp" => vec![softmax_lesson::logsumexp(x)],
        "jacobian" => softmax_lesson::jacobian(x, t).expect("valid T"),
        "jvp" => softmax_lesson::jvp(x, t, case.v.as_deref().unwrap_or(&[])).expect("valid"),
        other => panic!("unknown function {other}"),
    }
}

/// The naive baseline on one case.
pub fn run_naive(case: &Case) -> Vec<f64> {
    let x = &case.x;
    let t = t_of(case);
    match case.func.as_str() {
        "softmax" => naive::softmax(x),
        "softmax_t" => naive::softmax_with_temperature(x, t),
        "log_softmax" => naive::log_softmax(x),
        "log_softmax_t" => naive::log_softmax_with_temperature(x, t),
        "logsumexp" => vec![naive::logsumexp(x)],
        "jacobian" => naive::jacobian(x, t),
        "jvp" => naive::jvp(x, t, case.v.as_deref().unwrap_or(&[])),
        other => panic!("unknown function {other}"),
    }
}

/// Max and mean ULP error of `got` against a case's exact outputs.
pub fn errors(got: &[f64], case: &Case) -> (f64, f64, usize) {
    let kept = got.len().div_ceil(case.stride);
    assert_eq!(
        kept,
        case.y.len(),
        "{} {}: output count",
        case.class,
        case.func
    );
    let mut max = 0.0f64;
    let mut sum = 0.0f64;
    for (&g, &w) in got.iter().step_by(case.stride).zip(&case.y) {
        let e = ulp_error(g, w);
        max = max.max(e);
        sum += e;
    }
    (max, sum, case.y.len())
}

/// FNV-1a (64 bit) over the bytes of every output's bit pattern, case by
/// case, in file order.
pub fn digest(cases: &[Case]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for case in cases {
        for y in run_core(case) {
            for b in y.to_bits().to_le_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    h
}
