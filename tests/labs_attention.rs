//! The attention lab's mask semantics, fill values, the fully masked row,
//! the growth of scores with d, and top-k/top-p as masking.

use softmax_lesson::labs::attention::{AttentionLab, TOKENS};
use softmax_lesson::labs::formats::Format;
use softmax_lesson::labs::masking::{naive_softmax, safe_softmax, Fill, Mask};

const N: usize = TOKENS.len();

fn mask(causal: bool, padding: bool, padded: &[usize]) -> Mask {
    Mask {
        causal,
        padding,
        padded: (0..N).map(|j| padded.contains(&j)).collect(),
    }
}

#[test]
fn the_causal_mask_hides_later_tokens_only() {
    let m = mask(true, false, &[6, 7]);
    for i in 0..N {
        for j in 0..N {
            assert_eq!(m.masked(i, j), j > i, "({i}, {j})");
        }
    }
}

#[test]
fn the_padding_mask_hides_padded_keys_from_every_query() {
    let m = mask(false, true, &[6, 7]);
    for i in 0..N {
        for j in 0..N {
            assert_eq!(m.masked(i, j), j >= 6, "({i}, {j})");
        }
    }
    assert!(m.fully_masked_rows(N).is_empty());
}

#[test]
fn both_masks_hide_the_union() {
    let m = mask(true, true, &[2]);
    assert!(m.masked(1, 2)); // later and padded
    assert!(m.masked(5, 2)); // earlier but padded
    assert!(m.masked(1, 4)); // later
    assert!(!m.masked(5, 4));
    assert!(!m.masked(0, 0));
}

#[test]
fn padding_the_first_token_with_the_causal_mask_masks_the_first_row_fully() {
    let m = mask(true, true, &[0]);
    assert_eq!(m.fully_masked_rows(N), vec![0]);
    let all = mask(false, true, &(0..N).collect::<Vec<_>>());
    assert_eq!(all.fully_masked_rows(N), (0..N).collect::<Vec<_>>());
}

#[test]
fn a_fully_masked_row_is_nan_in_naive_code_and_zeros_in_ours() {
    let row = [f64::NEG_INFINITY; N];
    for f in [Format::F32, Format::F16] {
        assert!(naive_softmax(&row, f).iter().all(|p| p.is_nan()));
        assert_eq!(safe_softmax(&row, f), vec![0.0; N]);
    }
    let mut lab = AttentionLab::default();
    lab.set_padded(0, true).unwrap();
    assert_eq!(lab.fully_masked_rows(), vec![0]);
    assert_eq!(&lab.weights()[..N], &[0.0; N]);
}

#[test]
fn a_finite_fill_spreads_a_fully_masked_row_evenly() {
    let mut lab = AttentionLab::default();
    lab.set_fill("-1e9").unwrap();
    let row = lab.fully_masked_with_fill();
    assert!(row.iter().all(|&p| p == Format::F32.round(1.0 / N as f64)));
    lab.set_precision("f16").unwrap();
    // -1e9 does not fit in f16: it overflows to -inf, and naive code gives NaN.
    assert_eq!(Fill::Minus1e9.stored(Format::F16), f64::NEG_INFINITY);
    assert!(lab.fully_masked_with_fill().iter().all(|p| p.is_nan()));
}

#[test]
fn minus_ten_leaks_probability_and_minus_infinity_does_not() {
    let mut lab = AttentionLab::default();
    assert!(lab.leaks().iter().all(|&l| l == 0.0));
    lab.set_fill("-10").unwrap();
    let leaks = lab.leaks();
    assert!(leaks[0] > 0.0, "row 1 sees seven masked keys: {leaks:?}");
    assert!(leaks.iter().all(|&l| l < 0.05));
    lab.set_fill("-1e4").unwrap();
    assert!(lab.leaks().iter().all(|&l| l == 0.0));
}

#[test]
fn toggling_the_causal_mask_changes_only_cells_above_the_diagonal() {
    let mut lab = AttentionLab::default();
    lab.set_padding(false);
    let on = lab.masked();
    lab.set_causal(false);
    let off = lab.masked();
    for i in 0..N {
        for j in 0..N {
            assert_eq!(on[i * N + j] != off[i * N + j], j > i);
        }
    }
    assert!(off.iter().all(|m| !m));
}

#[test]
fn scores_spread_like_sqrt_d_unless_divided() {
    let mut lab = AttentionLab::default();
    lab.set_causal(false);
    lab.set_padding(false);
    lab.set_d(4).unwrap();
    let small = lab.spread();
    lab.set_d(400).unwrap();
    let large = lab.spread();
    assert!(large.raw_sd > 5.0 * small.raw_sd, "{small:?} {large:?}");
    assert!((large.scaled_sd - 1.0).abs() < 0.5, "{large:?}");
    assert!(
        large.raw_peak > 0.95,
        "unscaled softmax saturates: {large:?}"
    );
    assert!(large.scaled_peak < 0.8, "{large:?}");
}

#[test]
fn the_same_seed_gives_the_same_scores() {
    let a = AttentionLab::default().raw_scores();
    let b = AttentionLab::default().raw_scores();
    assert_eq!(a, b);
    let mut c = AttentionLab::default();
    c.reseed();
    assert_ne!(a, c.raw_scores());
}

#[test]
fn top_k_and_top_p_cut_entries_to_zero_weight_like_a_mask() {
    let mut lab = AttentionLab::default();
    lab.set_row(5).unwrap();
    lab.set_k("2").unwrap();
    let t = lab.truncation();
    assert_eq!(t.keep_k.iter().filter(|&&k| k).count(), 2);
    for j in 0..N {
        if !t.keep_k[j] {
            assert_eq!(t.weights_k[j], 0.0);
        }
        if t.scores[j] == f64::NEG_INFINITY {
            assert!(!t.keep_k[j] && !t.keep_p[j]);
        }
    }
    let kept: f64 = t.weights_p.iter().sum();
    assert!((kept - 1.0).abs() < 1e-6);
    assert!(lab.set_k("0").is_err());
    assert!(lab.set_k("2.5").is_err());
    assert!(lab.set_p("0").is_err());
    assert!(lab.set_p("1.5").is_err());
}

/// A fingerprint of every bit of the default lab's raw scores at d = 512.
fn fingerprint() -> u64 {
    let mut lab = AttentionLab::default();
    lab.set_d(512).unwrap();
    lab.raw_scores().iter().fold(0u64, |acc, s| {
        softmax_lesson::labs::seeded::mix(acc ^ s.to_bits())
    })
}

#[test]
fn the_seeded_scores_are_the_same_bits_on_every_platform() {
    // tests/web_labs.rs checks the same number in the browser.
    assert_eq!(fingerprint(), 4790325651783307670);
}
