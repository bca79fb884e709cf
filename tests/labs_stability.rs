//! The stability lab against known values: the limits of f16 and bf16,
//! and where each route first overflows, turns NaN or underflows.

use softmax_lesson::labs::formats::Format;
use softmax_lesson::labs::stability::{exact, naive, presets, shifted, Mark, Route};

fn stage(route: &Route, name: &str) -> Vec<f64> {
    route
        .stage(name)
        .unwrap_or_else(|| panic!("no stage {name}"))
        .cells
        .iter()
        .map(|c| c.value)
        .collect()
}

fn marks(route: &Route, name: &str) -> Vec<Option<Mark>> {
    route
        .stage(name)
        .unwrap()
        .cells
        .iter()
        .map(|c| c.mark)
        .collect()
}

fn firsts(route: &Route) -> Vec<(String, usize, Mark)> {
    route
        .stages
        .iter()
        .flat_map(|s| {
            s.cells
                .iter()
                .enumerate()
                .filter(|(_, c)| c.first)
                .map(move |(i, c)| (s.name.clone(), i, c.mark.unwrap()))
        })
        .collect()
}

#[test]
fn f16_tops_out_at_65504() {
    assert_eq!(Format::F16.max_finite(), 65504.0);
    assert_eq!(Format::F16.round(65504.0), 65504.0);
    assert_eq!(Format::F16.round(65519.0), 65504.0);
    assert_eq!(Format::F16.round(65520.0), f64::INFINITY);
    assert_eq!(Format::F16.min_normal(), 2f64.powi(-14));
}

#[test]
fn exp_11_fits_in_f16_but_exp_12_overflows() {
    let e11 = Format::F16.exp(11.0);
    assert!(e11.is_finite());
    // exp(11) = 59874.14; f16 values near it are 32 apart.
    assert_eq!(e11, 59872.0);
    assert!((11f64.exp() - 59874.14).abs() < 0.01);
    assert!((12f64.exp() - 162754.8).abs() < 0.1);
    assert_eq!(Format::F16.exp(12.0), f64::INFINITY);
    assert!((Format::F16.exp_overflow_threshold() - 11.0898).abs() < 1e-4);
}

#[test]
fn bf16_keeps_eight_significant_bits() {
    assert_eq!(Format::Bf16.round(1.0 / 3.0), 0.333984375);
    assert_eq!(Format::Bf16.round(std::f64::consts::PI), 3.140625);
    assert_eq!(Format::Bf16.round(1000.0), 1000.0);
    // Between 512 and 1024 bf16 values are 4 apart: 1001 is stored as 1000.
    assert_eq!(Format::Bf16.round(1001.0), 1000.0);
    assert_eq!(Format::Bf16.round(999.0), 1000.0);
    // Ties go to the even neighbour: 1002 lies halfway between 1000 and 1004.
    assert_eq!(Format::Bf16.round(1002.0), 1000.0);
    assert_eq!(Format::Bf16.round(1006.0), 1008.0);
    assert_eq!(Format::Bf16.max_finite(), 3.3895313892515355e38);
}

#[test]
fn f32_exp_overflows_just_past_88() {
    assert!(Format::F32.exp(88.0).is_finite());
    assert_eq!(Format::F32.exp(89.0), f64::INFINITY);
    assert_eq!(Format::F32.round(1e39), f64::INFINITY);
    assert_eq!(Format::F32.round(1e-46), 0.0);
}

#[test]
fn naive_f64_on_1000_1001_999_gives_inf_then_nan() {
    let route = naive(Format::F64, &[1000.0, 1001.0, 999.0], 0);
    assert_eq!(stage(&route, "e = exp(x)"), vec![f64::INFINITY; 3]);
    assert_eq!(marks(&route, "e = exp(x)")[0], Some(Mark::Overflow));
    assert!(stage(&route, "p = e / S").iter().all(|p| p.is_nan()));
    let f = firsts(&route);
    assert_eq!(f[0], ("e = exp(x)".to_owned(), 0, Mark::Overflow));
    assert_eq!(f[1], ("p = e / S".to_owned(), 0, Mark::Nan));
    assert!(route
        .summary
        .contains("NaN appears first at p = e / S for logit 1"));
    assert!(stage(&route, "loss = −ln p[t]")[0].is_nan());
}

#[test]
fn max_shifted_f64_on_1000_1001_999_matches_the_source_page() {
    let route = shifted(Format::F64, &[1000.0, 1001.0, 999.0], 0);
    let p = stage(&route, "p = e / S");
    for (got, want) in p.iter().zip([0.2447, 0.6652, 0.0900]) {
        assert!((got - want).abs() < 5e-5, "{got} vs {want}");
    }
    assert!(firsts(&route).is_empty());
    assert_eq!(
        route.summary,
        "Every step stays finite, with no underflow and no lost digits."
    );
}

#[test]
fn f32_on_88_89_90_overflows_in_naive_code_only() {
    let route = naive(Format::F32, &[88.0, 89.0, 90.0], 0);
    let e = stage(&route, "e = exp(x)");
    assert!(e[0].is_finite());
    assert_eq!(&e[1..], &[f64::INFINITY, f64::INFINITY]);
    assert_eq!(
        firsts(&route)[0],
        ("e = exp(x)".to_owned(), 1, Mark::Overflow)
    );
    let p = stage(&route, "p = e / S");
    assert_eq!(p[0], 0.0);
    assert!(p[1].is_nan() && p[2].is_nan());
    let good = shifted(Format::F32, &[88.0, 89.0, 90.0], 0);
    assert!(stage(&good, "p = e / S")
        .iter()
        .all(|p| p.is_finite() && *p > 0.0));
}

#[test]
fn f16_on_11_12_overflows_at_exp_12() {
    let route = naive(Format::F16, &[11.0, 12.0], 0);
    assert_eq!(stage(&route, "e = exp(x)"), vec![59872.0, f64::INFINITY]);
    assert_eq!(stage(&route, "S = sum of e"), vec![f64::INFINITY]);
    let p = stage(&route, "p = e / S");
    assert_eq!(p[0], 0.0);
    assert!(p[1].is_nan());
    assert_eq!(marks(&route, "p = e / S")[0], Some(Mark::Underflow));
}

#[test]
fn bf16_loses_the_digits_of_1001() {
    let route = exact(Format::Bf16, &[1000.0, 1001.0, 999.0], 0);
    assert_eq!(stage(&route, "x"), vec![1000.0; 3]);
    assert_eq!(marks(&route, "x")[1], Some(Mark::Rounded));
    // All three stored logits are equal, so the exact answer is uniform.
    assert!(stage(&route, "p = softmax(x)")
        .iter()
        .all(|p| (p - 1.0 / 3.0).abs() < 2e-3));
}

#[test]
fn log_of_softmax_goes_to_minus_infinity_where_log_softmax_stays_finite() {
    let preset = presets()
        .into_iter()
        .find(|p| p.logits.len() == 50)
        .unwrap();
    let route = shifted(Format::F32, &preset.logits, preset.target);
    let t = preset.target;
    assert_eq!(stage(&route, "p = e / S")[t], 0.0);
    assert_eq!(stage(&route, "ln p")[t], f64::NEG_INFINITY);
    assert_eq!(stage(&route, "loss = −ln p[t]")[0], f64::INFINITY);
    let ls = stage(&route, "log_softmax = z − ln S")[t];
    assert!(ls.is_finite() && ls < -990.0, "{ls}");
    let loss = stage(&route, "loss = −log_softmax[t]")[0];
    assert!(loss.is_finite() && loss > 990.0);
    let ex = exact(Format::F32, &preset.logits, preset.target);
    assert_eq!(
        stage(&ex, "loss = −log_softmax[t]")[0],
        Format::F32.round(-ls)
    );
}

#[test]
fn the_exact_route_never_gives_nan_for_finite_logits() {
    for p in presets() {
        for f in Format::ALL {
            let route = exact(f, &p.logits, p.target);
            for s in &route.stages {
                assert!(
                    s.cells.iter().all(|c| !c.value.is_nan()),
                    "{} {}",
                    p.label,
                    s.name
                );
            }
        }
    }
}

#[test]
fn rounding_counts_as_lost_digits_only_when_it_shows() {
    let route = exact(Format::F32, &[-0.87, 2.07], 0);
    assert_eq!(marks(&route, "x"), vec![None, None]);
    let route = exact(Format::F16, &[-0.87, 2.07], 0);
    assert_eq!(
        marks(&route, "x"),
        vec![Some(Mark::Rounded), Some(Mark::Rounded)]
    );
}

mod any_input {
    use super::*;
    use proptest::prelude::*;

    fn logit() -> impl Strategy<Value = f64> {
        prop_oneof![
            -20.0..20.0f64,
            -1e5..1e5f64,
            -1e308..1e308f64,
            Just(0.0),
            Just(-0.0)
        ]
    }

    proptest! {
        #[test]
        fn no_logits_break_the_exact_route(
            logits in proptest::collection::vec(logit(), 1..64),
            f in 0usize..4,
            t in 0usize..64,
        ) {
            let format = Format::ALL[f];
            let target = t % logits.len();
            for route in [naive(format, &logits, target), shifted(format, &logits, target)] {
                prop_assert!(route.stages.iter().all(|s| !s.cells.is_empty()));
            }
            let route = exact(format, &logits, target);
            for s in &route.stages {
                prop_assert!(s.cells.iter().all(|c| !c.value.is_nan()), "{} in {:?}", s.name, format);
            }
        }
    }
}

#[test]
fn commas_and_spaces_separate_logits_and_the_field_says_so() {
    let mut lab = softmax_lesson::labs::stability::StabilityLab::default();
    lab.set_logits("1,5").unwrap();
    assert_eq!(lab.logits(), &[1.0, 5.0]);
    assert_eq!(lab.read_sentence(), "Read as 2 logits.");
    assert!(lab.set_logits("1e999").is_err());
    assert_eq!(lab.logits(), &[1.0, 5.0]);
}

#[test]
fn the_exact_f32_route_is_the_cores_f32_softmax() {
    let logits = [88.0, 89.0, 90.0];
    let route = exact(Format::F32, &logits, 0);
    let want: Vec<f64> = softmax_lesson::math::softmax_f32(&[88.0, 89.0, 90.0])
        .into_iter()
        .map(f64::from)
        .collect();
    assert_eq!(stage(&route, "p = softmax(x)"), want);
}
