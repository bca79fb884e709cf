//! No panic is reachable from the page.
//!
//! Every function the wasm facade (`src/web/`) exports is a thin wrapper over
//! a pure function of this crate; these property tests call those pure
//! functions with arbitrary inputs (any f64 bit pattern, any length from 0 to
//! 10^5, mismatched lengths, any temperature, any text: long, right-to-left,
//! emoji, HTML) and check that each returns a value or an `Error`, never
//! panics, and keeps the special values of ARCHITECTURE.md. A panic here is a
//! dead page there.
//!
//! Which export each test stands for:
//! * `softmax`, `softmaxWithTemperature`, `logSoftmax`, `logSumExp`,
//!   `jacobian`, `jvp` (and their f32 twins): the math tests;
//! * `checkNumber` and every `set*` of `ExplorerView` that takes text: the
//!   input tests and the explorer's operation sequences;
//! * `loadFragment` / `fragment`: the fragment tests;
//! * `ExplorerView::readout`, `drawAll`, `svg`, `dragSimplex`, `grabBar`,
//!   `dragBar`, `barKey`, `simplexKey`: the read-out, drawing and geometry
//!   tests;
//! * `PracticeView::check`, `checkStep`, `open`, `newVariant`,
//!   `loadProgress`, `progressText`: the practice tests.
#![cfg(not(target_arch = "wasm32"))]

use plotters::prelude::*;
use proptest::prelude::*;
use softmax_lesson::charts::{bars, curves, jacobian as jacobian_chart, simplex, Theme};
use softmax_lesson::explorer::readout::Readout;
use softmax_lesson::explorer::{fragment, Explorer, MAX_CLASSES, MAX_LOGIT, MIN_CLASSES};
use softmax_lesson::input::{parse_number, parse_temperature};
use softmax_lesson::math::{
    jacobian_f32, jvp_f32, log_softmax_f32, log_softmax_with_temperature_f32, logsumexp_f32,
    softmax_f32, softmax_with_temperature_f32, MAX_JACOBIAN_CLASSES,
};
use softmax_lesson::practice::check::check;
use softmax_lesson::practice::generate::{generate, MAX_SEED};
use softmax_lesson::practice::parse::{parse_answer, MAX_ENTRIES};
use softmax_lesson::practice::problem::Level;
use softmax_lesson::practice::progress::{
    Card, ProblemId, Progress, MAX_BOX, MAX_DAY, MAX_ENTRIES as MAX_RECORD_ENTRIES,
};
use softmax_lesson::practice::schedule::{self, Attempt};
use softmax_lesson::simplex::{clamp_to_simplex, logits_for, Point, Triangle};
use softmax_lesson::{
    jacobian, jvp, log_softmax, log_softmax_with_temperature, logsumexp, softmax,
    softmax_with_temperature, Error,
};

// ---------------------------------------------------------------- inputs

/// Any f64 at all: every bit pattern, so NaNs with payloads, both zeros,
/// subnormals and both infinities all turn up.
fn any_f64() -> impl Strategy<Value = f64> {
    any::<u64>().prop_map(f64::from_bits)
}

/// Any f64, with the special values and ordinary logits made common (a
/// random bit pattern is rarely NaN or an ordinary number like 2.5).
fn logit() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => any_f64(),
        3 => -50.0f64..50.0,
        4 => prop::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            f64::MAX,
            -f64::MAX,
            f64::from_bits(1),
            1e308,
        ]),
    ]
}

/// Any temperature: every bit pattern, and the interesting ones often.
fn temperature() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => any_f64(),
        2 => 0.0f64..10.0,
        1 => Just(0.0),
        1 => Just(-0.0),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NAN),
        1 => Just(-1.0),
        1 => Just(f64::from_bits(1)),
        1 => Just(f64::MAX),
    ]
}

fn any_f32() -> impl Strategy<Value = f32> {
    prop_oneof![
        3 => any::<u32>().prop_map(f32::from_bits),
        2 => -100.0f32..100.0,
        1 => Just(f32::NAN),
        1 => Just(f32::INFINITY),
        1 => Just(f32::NEG_INFINITY),
        1 => Just(f32::MAX),
    ]
}

/// Text a person (or a hostile page) could send: anything printable, the
/// bad values of the table, long strings, right-to-left text,
/// emoji and HTML, and number-like text.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => "[-+0-9.eE, ]{0,24}",
        2 => prop::sample::select(vec![
            "", " ", "   ", "abc", "1e999", "-1e999", "NaN", "nan", "Infinity", "-inf", "inf",
            "∞", "0x10", "1,5", "<img src=x onerror=alert(1)>", "مرحبا ١٢٣", "\u{202E}1.5",
            "🙂🙂", "٣", "1-", "--1", "1e", ".", "+", "e", "9".repeat(400).leak(), "0.5",
            "1e-300", "-0", "1e308", "4.9e-324", "\0", "1\u{0}2", "１２",
        ])
        .prop_map(str::to_owned),
        1 => (any::<char>(), 0usize..12_000).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
        1 => "[\\p{Arabic}\\p{Hebrew} 0-9]{0,40}",
    ]
}

fn has_nan(v: &[f64]) -> bool {
    v.iter().any(|x| x.is_nan())
}

fn valid_temperature(t: f64) -> bool {
    t >= 0.0
}

// ---------------------------------------------------------------- math

/// The special values of ARCHITECTURE.md that every output must respect,
/// checked on whatever came back.
fn check_math(
    x: &[f64],
    t: f64,
    tangent: &[f64],
    with_jacobian: bool,
) -> Result<(), TestCaseError> {
    let n = x.len();
    let nan_in = has_nan(x);

    let p = softmax(x);
    prop_assert_eq!(p.len(), n);
    prop_assert_eq!(has_nan(&p), nan_in, "softmax: NaN out iff NaN in");
    if nan_in {
        prop_assert!(
            p.iter().all(|v| v.is_nan()),
            "one NaN makes every output NaN"
        );
    }
    prop_assert!(p.iter().all(|v| v.is_nan() || (0.0..=1.0).contains(v)));

    let log_p = log_softmax(x);
    prop_assert_eq!(log_p.len(), n);
    prop_assert_eq!(has_nan(&log_p), nan_in, "log_softmax: NaN out iff NaN in");
    prop_assert!(log_p.iter().all(|v| v.is_nan() || *v <= 0.0));

    let lse = logsumexp(x);
    prop_assert_eq!(lse.is_nan(), nan_in, "logsumexp: NaN iff NaN in");
    if n == 0 {
        prop_assert_eq!(lse, f64::NEG_INFINITY);
    }

    let pt = softmax_with_temperature(x, t);
    let log_pt = log_softmax_with_temperature(x, t);
    if valid_temperature(t) {
        let pt = pt.map_err(|e| TestCaseError::fail(format!("T = {t} refused: {e}")))?;
        prop_assert_eq!(pt.len(), n);
        prop_assert_eq!(has_nan(&pt), nan_in, "softmax(x / T): NaN iff NaN in");
        let log_pt = log_pt.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(log_pt.len(), n);
        prop_assert_eq!(
            has_nan(&log_pt),
            nan_in,
            "log_softmax(x / T): NaN iff NaN in"
        );
    } else {
        prop_assert!(
            matches!(pt, Err(Error::InvalidTemperature(_))),
            "T = {} accepted",
            t
        );
        prop_assert!(log_pt.is_err());
    }

    if with_jacobian {
        match jacobian(x, t) {
            Ok(j) => {
                prop_assert!(valid_temperature(t));
                prop_assert_eq!(j.len(), n * n);
                prop_assert_eq!(has_nan(&j), nan_in && n > 0, "Jacobian: NaN iff NaN in");
            }
            Err(e) => prop_assert!(!valid_temperature(t) || n > MAX_JACOBIAN_CLASSES, "{}", e),
        }
    } else if n > MAX_JACOBIAN_CLASSES {
        prop_assert!(
            jacobian(x, t).is_err(),
            "a {}-class Jacobian was attempted",
            n
        );
    }

    match jvp(x, t, tangent) {
        Ok(out) => {
            prop_assert!(valid_temperature(t));
            prop_assert_eq!(tangent.len(), n);
            prop_assert_eq!(out.len(), n);
            if nan_in {
                prop_assert!(out.iter().all(|v| v.is_nan()));
            } else if tangent.iter().all(|v| v.is_finite()) {
                prop_assert!(!has_nan(&out), "finite tangent, no NaN logit, NaN out");
            }
        }
        Err(Error::LengthMismatch { expected, found }) => {
            prop_assert_eq!((expected, found), (n, tangent.len()));
            prop_assert_ne!(tangent.len(), n);
        }
        Err(e) => prop_assert!(!valid_temperature(t), "{}", e),
    }
    Ok(())
}

fn check_math_f32(
    x: &[f32],
    t: f32,
    tangent: &[f32],
    with_jacobian: bool,
) -> Result<(), TestCaseError> {
    let n = x.len();
    let nan_in = x.iter().any(|v| v.is_nan());
    let nan = |v: &[f32]| v.iter().any(|x| x.is_nan());
    let p = softmax_f32(x);
    prop_assert_eq!(p.len(), n);
    prop_assert_eq!(nan(&p), nan_in);
    let log_p = log_softmax_f32(x);
    prop_assert_eq!(log_p.len(), n);
    prop_assert_eq!(nan(&log_p), nan_in);
    prop_assert_eq!(logsumexp_f32(x).is_nan(), nan_in);
    let ok_t = t >= 0.0;
    prop_assert_eq!(softmax_with_temperature_f32(x, t).is_ok(), ok_t);
    prop_assert_eq!(log_softmax_with_temperature_f32(x, t).is_ok(), ok_t);
    if let Ok(pt) = softmax_with_temperature_f32(x, t) {
        prop_assert_eq!(nan(&pt), nan_in);
    }
    if with_jacobian || n > MAX_JACOBIAN_CLASSES {
        if let Ok(j) = jacobian_f32(x, t) {
            prop_assert!(ok_t && n <= MAX_JACOBIAN_CLASSES);
            prop_assert_eq!(j.len(), n * n);
        }
    }
    if let Ok(out) = jvp_f32(x, t, tangent) {
        prop_assert!(ok_t && tangent.len() == n);
        prop_assert_eq!(out.len(), n);
    } else {
        prop_assert!(!ok_t || tangent.len() != n);
    }
    Ok(())
}

/// A tangent of the same length most of the time, otherwise any length.
fn with_tangent(max_len: usize) -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    prop::collection::vec(logit(), 0..=max_len).prop_flat_map(move |x| {
        let n = x.len();
        let same = prop::collection::vec(logit(), n..=n);
        let other = prop::collection::vec(logit(), 0..=max_len + 1);
        (Just(x), prop_oneof![3 => same, 1 => other])
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn every_math_export_answers_short_vectors_of_any_bits(
        (x, tangent) in with_tangent(24), t in temperature(),
    ) {
        check_math(&x, t, &tangent, true)?;
    }

    #[test]
    fn the_f32_paths_answer_any_bits_too(
        x in prop::collection::vec(any_f32(), 0..24),
        tangent in prop::collection::vec(any_f32(), 0..25),
        t in any::<u32>().prop_map(f32::from_bits),
    ) {
        check_math_f32(&x, t, &tangent, true)?;
        let same: Vec<f32> = x.iter().map(|v| v * 0.5).collect();
        check_math_f32(&x, t, &same, false)?;
    }
}

/// A long vector: ordinary logits with any bits sprinkled in, so the
/// special cases are not always decided by the first entry.
fn long_vector() -> impl Strategy<Value = Vec<f64>> {
    (
        0usize..=100_000,
        any::<u64>(),
        prop::collection::vec((any::<prop::sample::Index>(), logit()), 0..4),
    )
        .prop_map(|(n, seed, specials)| {
            let mut state = seed | 1;
            let mut x: Vec<f64> = (0..n)
                .map(|_| {
                    // xorshift: cheap, and 10^5 values from proptest itself
                    // would dominate the test's time.
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 11) as f64 / (1u64 << 53) as f64 * 60.0 - 30.0
                })
                .collect();
            for (at, v) in specials {
                if !x.is_empty() {
                    let i = at.index(x.len());
                    x[i] = v;
                }
            }
            x
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn every_math_export_answers_vectors_up_to_a_hundred_thousand_long(
        x in long_vector(), t in temperature(), extra in 0usize..3,
    ) {
        let tangent: Vec<f64> = x.iter().map(|v| v.sin()).collect();
        // The full Jacobian only where it is small enough to form quickly;
        // above the limit it must be refused at once.
        check_math(&x, t, &tangent, x.len() <= 64)?;
        let mismatched = vec![1.0; x.len() + extra + 1];
        prop_assert!(jvp(&x, 1.0, &mismatched).is_err());
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let tangent32: Vec<f32> = tangent.iter().map(|&v| v as f32).collect();
        check_math_f32(&x32, t as f32, &tangent32, x.len() <= 64)?;
    }
}

#[test]
fn a_jacobian_too_large_to_hold_is_refused_not_attempted() {
    for n in [MAX_JACOBIAN_CLASSES + 1, 100_000, 1 << 20] {
        let x = vec![0.0; n];
        let e = jacobian(&x, 1.0).unwrap_err();
        assert!(e.to_string().contains("Jacobian-vector product"), "{e}");
        assert!(jacobian_f32(&vec![0.0f32; n], 1.0).is_err());
        // The product needs no matrix, so it still answers.
        assert_eq!(jvp(&x, 1.0, &x).unwrap().len(), n);
    }
    assert_eq!(jacobian(&[0.0; 64], 1.0).unwrap().len(), 64 * 64);
}

// ---------------------------------------------------------------- input

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn a_typed_number_is_finite_or_a_message(s in text()) {
        match parse_number(&s) {
            Ok(v) => prop_assert!(v.is_finite(), "{:?} gave {}", s, v),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
        match parse_temperature(&s) {
            Ok(t) => prop_assert!(t >= 0.0, "{:?} gave T = {}", s, t),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

// ---------------------------------------------------------------- explorer

/// One thing the page can ask of the explorer, with whatever arguments.
#[derive(Debug, Clone)]
enum Op {
    SetLogit(usize, String),
    SetLogitValue(usize, f64),
    SetLogits(Vec<f64>),
    SetClasses(usize),
    Shift(String, bool),
    Temperature(String),
    TemperatureValue(f64),
    Slider(String),
    Target(usize),
    Ratio(usize, usize),
    NudgeClass(usize),
    NudgeSize(String),
    Drag(f64, f64, f64, f64, f64),
    Fragment(String),
}

fn index() -> impl Strategy<Value = usize> {
    prop_oneof![4 => 0usize..12, 1 => any::<usize>()]
}

fn op() -> impl Strategy<Value = Op> {
    prop::strategy::Union::new(vec![
        (index(), text())
            .prop_map(|(i, s)| Op::SetLogit(i, s))
            .boxed(),
        (index(), "-?[0-9]{1,3}(\\.[0-9]{1,4})?")
            .prop_map(|(i, s)| Op::SetLogit(i, s))
            .boxed(),
        (index(), logit())
            .prop_map(|(i, v)| Op::SetLogitValue(i, v))
            .boxed(),
        prop::collection::vec(logit(), 0..14)
            .prop_map(Op::SetLogits)
            .boxed(),
        prop::collection::vec(-20.0f64..20.0, 0..14)
            .prop_map(Op::SetLogits)
            .boxed(),
        prop_oneof![0usize..14, any::<usize>()]
            .prop_map(Op::SetClasses)
            .boxed(),
        (text(), any::<bool>())
            .prop_map(|(s, b)| Op::Shift(s, b))
            .boxed(),
        text().prop_map(Op::Temperature).boxed(),
        "0|inf|0\\.[0-9]{1,3}|[1-9]{1,3}(e-?[0-9])?"
            .prop_map(Op::Temperature)
            .boxed(),
        temperature().prop_map(Op::TemperatureValue).boxed(),
        prop_oneof![text(), "-?[0-3](\\.[0-9]{1,5})?"]
            .prop_map(Op::Slider)
            .boxed(),
        index().prop_map(Op::Target).boxed(),
        (index(), index())
            .prop_map(|(i, k)| Op::Ratio(i, k))
            .boxed(),
        index().prop_map(Op::NudgeClass).boxed(),
        prop_oneof![text(), "-?[0-9](\\.[0-9]{1,3})?"]
            .prop_map(Op::NudgeSize)
            .boxed(),
        (any_f64(), any_f64(), any_f64(), any_f64(), any_f64())
            .prop_map(|(w, h, m, x, y)| Op::Drag(w, h, m, x, y))
            .boxed(),
        (
            100.0f64..800.0,
            100.0f64..800.0,
            0.0f64..40.0,
            -50.0f64..850.0,
            -50.0f64..850.0,
        )
            .prop_map(|(w, h, m, x, y)| Op::Drag(w, h, m, x, y))
            .boxed(),
        text().prop_map(Op::Fragment).boxed(),
        fragment_text().prop_map(Op::Fragment).boxed(),
    ])
}

fn apply(state: &mut Explorer, op: &Op) -> Result<(), Error> {
    match op {
        Op::SetLogit(i, s) => state.set_logit(*i, s),
        Op::SetLogitValue(i, v) => state.set_logit_value(*i, *v),
        Op::SetLogits(v) => state.set_logits(v.clone()),
        Op::SetClasses(n) => state.set_classes(*n),
        Op::Shift(s, b) => state.shift_all(s, *b),
        Op::Temperature(s) => state.set_temperature(s),
        Op::TemperatureValue(t) => state.set_temperature_value(*t),
        Op::Slider(s) => state.set_temperature_from_slider(s),
        Op::Target(c) => state.set_target(*c),
        Op::Ratio(i, k) => state.set_ratio_pair(*i, *k),
        Op::NudgeClass(c) => state.set_nudge_class(*c),
        Op::NudgeSize(s) => state.set_nudge_size(s),
        Op::Drag(w, h, m, x, y) => {
            let tri = Triangle::fit(*w, *h, *m);
            state.drag_to(&tri, Point { x: *x, y: *y })
        }
        Op::Fragment(s) => fragment::parse(s, state).map(|next| *state = next),
    }
}

/// What must hold of every state the explorer can reach.
fn check_state(state: &Explorer) -> Result<(), TestCaseError> {
    let n = state.classes();
    prop_assert!((MIN_CLASSES..=MAX_CLASSES).contains(&n));
    // Finite and drawable, or one of the infinities the core defines (-inf
    // masks a class); never every class masked.
    prop_assert!(state
        .logits()
        .iter()
        .all(|v| v.is_infinite() || v.abs() <= MAX_LOGIT));
    prop_assert!(state.logits().iter().any(|&v| v != f64::NEG_INFINITY));
    let t = state.temperature();
    prop_assert!(
        t == 0.0 || t == f64::INFINITY || (1e-3..=1e3).contains(&t),
        "T = {}",
        t
    );
    prop_assert!(state.target() < n);
    let (i, k) = state.ratio_pair();
    prop_assert!(i < n && k < n);
    prop_assert!(state.nudge().0 < n && state.nudge().1.is_finite());
    prop_assert!(!has_nan(&state.probabilities()));
    prop_assert!(!has_nan(&state.log_probabilities()));
    prop_assert!(state.slider_position().is_finite());
    Ok(())
}

/// Every string the read-out panel shows: never NaN, never `undefined`.
fn check_readout(state: &Explorer) -> Result<(), TestCaseError> {
    let r = Readout::of(state);
    let mut all: Vec<&String> = vec![
        &r.logsumexp,
        &r.logsumexp_bounds,
        &r.entropy,
        &r.entropy_bounds,
        &r.cross_entropy,
        &r.ratio,
        &r.temperature,
        &r.beta,
        &r.spoken,
    ];
    all.extend(&r.probabilities);
    all.extend(&r.log_probabilities);
    all.extend(r.jacobian.iter().flatten());
    all.extend(&r.row_sums);
    all.extend(&r.nudged);
    for s in all {
        prop_assert!(!s.is_empty());
        // The one sentence that says "undefined" on purpose: a ratio of two
        // masked classes, 0 / 0, explained in words.
        let explained = s.starts_with("undefined: both classes are masked (0 / 0)");
        prop_assert!(
            explained || (!s.contains("NaN") && !s.contains("undefined")),
            "{:?} in {:?}",
            s,
            state
        );
    }
    prop_assert_eq!(r.probabilities.len(), state.classes());
    prop_assert_eq!(r.jacobian.len(), state.classes());
    Ok(())
}

/// A link shared from this state opens on the same state.
fn check_link(state: &Explorer) -> Result<(), TestCaseError> {
    let link = fragment::write(state);
    prop_assert!(link.len() <= fragment::MAX_FRAGMENT_LENGTH);
    let back = fragment::parse(&format!("#{link}"), &Explorer::default());
    prop_assert_eq!(
        back.as_ref(),
        Ok(state),
        "the link {:?} does not read back",
        link
    );
    Ok(())
}

/// Fragments shaped like the page's own, with good and bad values.
fn fragment_text() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        "-?[0-9]{1,7}(\\.[0-9]{1,17})?(e-?[0-9]{1,3})?",
        text(),
        Just("inf".to_owned()),
        "%[0-9A-Fa-f]{2}|%[^0-9]{0,2}",
    ];
    let key = prop::sample::select(vec!["logits", "T", "ce", "ratio", "nudge", "x", ""]);
    prop::collection::vec((key, prop::collection::vec(value, 1..12)), 0..6).prop_map(|pairs| {
        let body: Vec<String> = pairs
            .into_iter()
            .map(|(k, vs)| format!("{k}={}", vs.join(",")))
            .collect();
        format!("#{}", body.join("&"))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_edits_keeps_the_explorer_whole(ops in prop::collection::vec(op(), 1..24)) {
        let mut state = Explorer::default();
        for op in &ops {
            let before = state.clone();
            match apply(&mut state, op) {
                Ok(()) => {}
                Err(e) => {
                    prop_assert!(!e.to_string().is_empty());
                    prop_assert_eq!(&state, &before, "a refused edit changed the state: {:?}", op);
                }
            }
            check_state(&state)?;
        }
        check_readout(&state)?;
        check_link(&state)?;
    }

    #[test]
    fn any_fragment_is_a_state_or_a_message(s in prop_oneof![text(), fragment_text()]) {
        let start = Explorer::default();
        match fragment::parse(&s, &start) {
            Ok(state) => {
                check_state(&state)?;
                check_link(&state)?;
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn simplex_geometry_answers_any_pixels(
        w in any_f64(), h in any_f64(), m in any_f64(), x in any_f64(), y in any_f64(),
        raw in prop::array::uniform3(any_f64()), floor in any_f64(), t in temperature(),
    ) {
        let tri = Triangle::fit(w, h, m);
        let _ = tri.point(&[x, y, w]);
        let _ = tri.probabilities_at(Point { x, y });
        let _ = tri.side();
        let _ = clamp_to_simplex(raw, floor);
        let _ = logits_for(&raw, t);
        let _ = bars::nice_range(&raw);
        let _ = bars::relative_weights(&raw, t);
    }
}

#[test]
fn an_absurd_number_of_classes_is_refused_without_allocating() {
    let mut state = Explorer::default();
    for n in [0, 1, 11, 1 << 40, usize::MAX] {
        assert!(state.set_classes(n).is_err(), "{n}");
    }
    assert_eq!(state, Explorer::default());
}

#[test]
fn a_class_number_at_the_end_of_the_integers_gets_a_message() {
    let mut state = Explorer::default();
    for result in [
        state.set_logit(usize::MAX, "1"),
        state.set_logit_value(usize::MAX, 1.0),
        state.set_target(usize::MAX),
        state.set_ratio_pair(usize::MAX, 0),
        state.set_nudge_class(usize::MAX),
    ] {
        let message = result.unwrap_err().to_string();
        assert!(!message.is_empty());
    }
}

#[test]
fn tiny_values_still_make_a_link_that_reads_back() {
    let mut state = Explorer::default();
    state.set_logits(vec![1e-300, -4.9e-324, 1e-7]).unwrap();
    state.set_nudge_size("-1e-250").unwrap();
    let link = fragment::write(&state);
    assert!(link.len() < 200, "{link}");
    assert_eq!(fragment::parse(&link, &Explorer::default()).unwrap(), state);
    // Ordinary values keep their ordinary spelling.
    state.set_logits(vec![2.0, -0.5, 1000.0]).unwrap();
    assert!(fragment::write(&state).starts_with("logits=2,-0.5,1000&"));
}

/// Draw every view of a state with the same code the page uses (through
/// the SVG backend instead of a canvas).
fn draw_everything(state: &Explorer, scale: f64, dark: bool) -> Result<(), TestCaseError> {
    let theme = if dark { Theme::DARK } else { Theme::LIGHT };
    let p = state.probabilities();
    let t = state.temperature();
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (420, 380)).into_drawing_area();
        let arrow = jvp(state.logits(), t, &state.nudge_vector()).ok();
        if state.classes() == 3 {
            let trail = [[p[0], p[1], p[2]]];
            let r = simplex::draw(
                &area,
                &simplex::SimplexScene {
                    logits: state.logits(),
                    probabilities: &p,
                    trail: &trail,
                    arrow: arrow.as_deref(),
                    contours: true,
                    scale,
                    theme,
                },
            );
            let tri = r.map_err(TestCaseError::fail)?;
            let mut moved = state.clone();
            let _ = moved.drag_to(&tri, tri.point(&p));
        }
        let layout = bars::draw(
            &area,
            &bars::BarsScene {
                logits: state.logits(),
                temperature: t,
                range: bars::nice_range(state.logits()),
                selected: Some(state.classes() - 1),
                scale,
                theme,
            },
        )
        .map_err(TestCaseError::fail)?;
        for y in [0.0, 100.0, -1e9, f64::NAN] {
            let _ = layout.bar_at(50.0, y);
            prop_assert!(!layout.value_at(y).is_nan() || y.is_nan());
        }
        let x = state.logits();
        curves::draw(
            &area,
            &curves::CurvesScene {
                temperature: t,
                d: x[0] - x[1],
                scale,
                theme,
            },
        )
        .map_err(TestCaseError::fail)?;
        let j = jacobian(x, t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        jacobian_chart::draw(
            &area,
            &jacobian_chart::JacobianScene {
                entries: &j,
                n: state.classes(),
                scale,
                theme,
            },
        )
        .map_err(TestCaseError::fail)?;
    }
    prop_assert!(!out.contains("NaN"), "NaN drawn for {:?}", state);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_reachable_state_draws_without_a_panic(
        ops in prop::collection::vec(op(), 1..12), scale in 0.25f64..4.0, dark in any::<bool>(),
    ) {
        let mut state = Explorer::default();
        for op in &ops {
            let _ = apply(&mut state, op);
        }
        draw_everything(&state, scale, dark)?;
    }
}

#[test]
fn the_extreme_states_draw_too() {
    let mut state = Explorer::default();
    for (logits, t) in [
        (vec![1e6, -1e6, 0.0], "0"),
        (vec![1e6, -1e6, 0.0], "inf"),
        (vec![1e6, -1e6, 0.0], "0.001"),
        (vec![-1e6; 10], "1000"),
        (vec![5e-324, 0.0], "0.001"),
    ] {
        state.set_logits(logits).unwrap();
        state.set_temperature(t).unwrap();
        draw_everything(&state, 1.0, false).unwrap();
        draw_everything(&state, 4.0, true).unwrap();
    }
}

// ---------------------------------------------------------------- practice

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn seed() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), 1u32..50, any::<u32>()]
}

/// Answers of the shape people type, good and bad.
fn answer_text() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        "-?[0-9]{1,4}(\\.[0-9]{1,6})?",
        Just("e".to_owned()),
        Just("e^2".to_owned()),
        Just("e^{-1}".to_owned()),
        Just("exp(1000)".to_owned()),
        Just("ln(0)".to_owned()),
        Just("sqrt(-1)".to_owned()),
        Just("1/0".to_owned()),
        Just("0/0".to_owned()),
        Just("-inf".to_owned()),
        Just("∞".to_owned()),
        Just("25%".to_owned()),
        Just("(((((1)))))".to_owned()),
        Just("2^2^2^2^2".to_owned()),
        Just("−1 × 2 ÷ 3 · 4".to_owned()),
        text(),
    ];
    let sep = prop::sample::select(vec![", ", ",", "; ", " ", " + ", " / ", "^", "*", ""]);
    (
        prop::collection::vec((atom, sep), 1..10),
        prop::sample::select(vec!["", "[", "(", "p = ", "T ≈ {"]),
    )
        .prop_map(|(items, open)| {
            let mut s = open.to_owned();
            for (a, sep) in items {
                s.push_str(&a);
                s.push_str(sep);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn any_typed_answer_is_checked_or_explained(
        s in prop_oneof![text(), answer_text()], level in level(), seed in seed(),
    ) {
        let problem = generate(level, seed);
        match parse_answer(&s) {
            Ok(answer) => {
                prop_assert!(!has_nan(answer.values()), "{:?} parsed to NaN", s);
                prop_assert!(!answer.values().is_empty() && answer.values().len() <= MAX_ENTRIES);
                for part in &problem.parts {
                    let verdict = check(&part.task, &answer);
                    prop_assert!(!verdict.message.is_empty());
                    prop_assert!(!verdict.message.contains("NaN"), "{}", verdict.message);
                }
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn every_generated_problem_is_whole(level in level(), seed in seed(), step in index(), choice in index()) {
        let problem = generate(level, seed);
        prop_assert!(problem.seed <= MAX_SEED);
        prop_assert!(!problem.parts.is_empty());
        let mut texts = vec![&problem.statement, &problem.topic];
        texts.extend(&problem.hints);
        texts.extend(&problem.solution);
        texts.extend(problem.parts.iter().map(|p| &p.prompt));
        for s in texts {
            prop_assert!(!s.contains("NaN") && !s.contains("undefined"), "{:?}", s);
        }
        for part in &problem.parts {
            let expected = part.task.expected();
            prop_assert!(!has_nan(&expected));
            // Typing the expected answer back in is accepted.
            let written: Vec<String> = expected.iter().map(|v| format!("{v:e}")).collect();
            let typed = if expected.len() == 1 { written[0].clone() } else { format!("[{}]", written.join(", ")) };
            let typed = typed.replace("inf", "∞");
            if let Ok(answer) = parse_answer(&typed) {
                let verdict = check(&part.task, &answer);
                prop_assert!(!verdict.message.is_empty());
            }
        }
        if let Some(d) = &problem.derivation {
            let verdict = d.check_step(step, choice);
            prop_assert!(!verdict.message.is_empty());
        }
    }
}

/// Records shaped like the stored ones, with good and bad fields.
fn record_text() -> impl Strategy<Value = String> {
    let name = (
        prop::sample::select(vec!["easy", "medium", "hard", "expert", ""]),
        prop_oneof![0u32..20, any::<u32>()],
        any::<bool>(),
    )
        .prop_map(|(l, s, zeros)| {
            if zeros {
                format!("{l}-000{s}")
            } else {
                format!("{l}-{s}")
            }
        });
    let entry = prop_oneof![
        name.clone(),
        (name.clone(), 0u32..12).prop_map(|(n, c)| format!("{n}:{c}")),
        (name, 0u32..10, prop_oneof![0u32..30_000, any::<u32>()])
            .prop_map(|(n, b, d)| format!("{n}:{b}:{d}")),
        text(),
    ];
    let field = (
        prop::sample::select(vec!["solved", "hints", "review", "colour", ""]),
        prop::collection::vec(entry, 0..6),
    )
        .prop_map(|(f, es)| format!("{f}={}", es.join(",")));
    (
        prop::sample::select(vec!["v1", "v2", "V1", "", "{\"v\":1}"]),
        prop::collection::vec(field, 0..5),
    )
        .prop_map(|(v, fs)| {
            std::iter::once(v.to_owned())
                .chain(fs)
                .collect::<Vec<_>>()
                .join(";")
        })
}

fn check_progress(progress: &Progress, today: u32) -> Result<(), TestCaseError> {
    let written = progress.to_text();
    let back = Progress::parse(&written);
    prop_assert_eq!(
        back.as_ref(),
        Ok(progress),
        "{:?} does not read back",
        written
    );
    let _ = progress.total_hints();
    for (id, card) in schedule::upcoming(progress) {
        prop_assert!(card.box_index <= MAX_BOX && card.due <= MAX_DAY);
        prop_assert!(!schedule::when(card.due, today).is_empty());
        let _ = progress.hints_for(id);
    }
    let _ = schedule::due(progress, today);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn any_stored_record_is_read_or_refused_with_a_reason(
        s in prop_oneof![text(), record_text()], now in any_f64(),
    ) {
        let today = schedule::day_of(now).unwrap_or(0);
        prop_assert!(today <= MAX_DAY);
        match Progress::parse(&s) {
            Ok(progress) => check_progress(&progress, today)?,
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn progress_made_on_the_page_always_reads_back(
        events in prop::collection::vec((level(), seed(), 0u8..4, any::<u32>(), 0usize..40), 0..64),
    ) {
        let mut progress = Progress::default();
        for (level, seed, kind, day, hints) in events {
            let id = ProblemId { level, seed: seed.min(MAX_SEED) };
            let today = day % (MAX_DAY + 1);
            match kind {
                0 => schedule::record(&mut progress, id, Attempt::Solved, today),
                1 => schedule::record(&mut progress, id, Attempt::SolvedWithHints, today),
                2 => schedule::record(&mut progress, id, Attempt::Missed, today),
                _ => progress.note_hints(id, hints),
            }
            check_progress(&progress, today)?;
        }
    }
}

#[test]
fn the_fullest_possible_record_still_reads_back() {
    // Every list full, with the longest names, counts and days.
    let mut progress = Progress::default();
    for k in 0..MAX_RECORD_ENTRIES as u32 + 10 {
        let id = ProblemId {
            level: Level::Medium,
            seed: MAX_SEED - k,
        };
        progress.mark_solved(id);
        progress.note_hints(id, usize::MAX);
        progress.set_card(
            id,
            Card {
                box_index: MAX_BOX,
                due: MAX_DAY,
            },
        );
    }
    let written = progress.to_text();
    assert_eq!(Progress::parse(&written).unwrap(), progress);
}
