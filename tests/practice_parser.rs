//! The answer parser, as a table of spellings people use and spellings it
//! must refuse (with a message, never a panic).

use proptest::prelude::*;
use softmax_lesson::practice::parse::{parse_answer, Answer};
use std::f64::consts::E;

fn close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x == y || (x - y).abs() <= 1e-12 * y.abs().max(1.0))
}

#[test]
fn practice_accepts_the_spellings_people_use() {
    let quarter = vec![0.25; 4];
    let table: Vec<(&str, Vec<f64>)> = vec![
        ("0.25", vec![0.25]),
        ("1/4", vec![0.25]),
        (" .25 ", vec![0.25]),
        ("25%", vec![0.25]),
        ("[0.25, 0.25, 0.25, 0.25]", quarter.clone()),
        ("(0.25, 0.25, 0.25, 0.25)", quarter.clone()),
        ("0.25, 0.25, 0.25, 0.25", quarter.clone()),
        ("0.25; 0.25; 0.25; 0.25", quarter.clone()),
        ("0.25 0.25 0.25 0.25", quarter.clone()),
        ("1/4 1/4 1/4 1/4", quarter.clone()),
        ("[1/4;1/4;1/4;1/4]", quarter.clone()),
        ("{0.25 0.25 0.25 0.25}", quarter),
        ("e^2", vec![E * E]),
        ("e^{2}", vec![E * E]),
        ("exp(2)", vec![E * E]),
        ("e^-1", vec![1.0 / E]),
        ("e^(−1)", vec![1.0 / E]),
        ("2*e", vec![2.0 * E]),
        ("2 × e", vec![2.0 * E]),
        ("e^2/(e^2+e+1)", vec![E * E / (E * E + E + 1.0)]),
        (
            "e^2/(e^2+e+1), e/(e^2+e+1), 1/(e^2+e+1)",
            vec![
                E * E / (E * E + E + 1.0),
                E / (E * E + E + 1.0),
                1.0 / (E * E + E + 1.0),
            ],
        ),
        ("1 - 1/e", vec![1.0 - 1.0 / E]),
        ("1 -2", vec![1.0, -2.0]),
        ("1 - 2", vec![-1.0]),
        ("-2^2", vec![-4.0]),
        ("2^3^2", vec![512.0]),
        ("ln(e^3)", vec![3.0]),
        ("log(1)", vec![0.0]),
        ("sqrt(4)", vec![2.0]),
        ("1e-3", vec![1e-3]),
        ("−0.313, −800.313", vec![-0.313, -800.313]),
        ("0, -inf", vec![0.0, f64::NEG_INFINITY]),
        ("[0; −∞]", vec![0.0, f64::NEG_INFINITY]),
        ("[0.5]", vec![0.5]),
        ("((0.5))", vec![0.5]),
        ("T = 1", vec![1.0]),
        ("T=2", vec![2.0]),
        ("p ≈ (0.5, 0.5)", vec![0.5, 0.5]),
        ("p₁/p₂ = e^2", vec![E * E]),
    ];
    for (text, expected) in table {
        let answer = parse_answer(text).unwrap_or_else(|e| panic!("{text:?} was refused: {e}"));
        assert!(
            close(answer.values(), &expected),
            "{text:?} read as {answer:?}, expected {expected:?}"
        );
    }
}

#[test]
fn a_bracketed_list_is_a_vector_and_a_bare_value_a_number() {
    assert_eq!(parse_answer("0.5"), Ok(Answer::Number(0.5)));
    assert_eq!(parse_answer("(0.5)"), Ok(Answer::Number(0.5)));
    assert_eq!(parse_answer("[0.5]"), Ok(Answer::Vector(vec![0.5])));
    assert_eq!(parse_answer("0.5 0.5"), Ok(Answer::Vector(vec![0.5, 0.5])));
}

#[test]
fn practice_refuses_what_is_not_an_answer() {
    let long = "1,".repeat(300);
    for text in [
        "",
        "   ",
        "abc",
        "T =",
        "1 = 2",
        "=",
        "NaN",
        "0/0",
        "1/0",
        "e^1000",
        "ln(-1)",
        "1e999",
        "[0.25, 0.25",
        "0.25]",
        "(0.25]",
        "[]",
        "0.25,,0.25",
        "0.25,",
        "2e",
        "1 +",
        "* 2",
        "exp 2",
        "%",
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33",
        long.as_str(),
        "<script>alert(1)</script>",
        "🙂",
        "[1, [2, 3]]",
    ] {
        let result = parse_answer(text);
        assert!(result.is_err(), "{text:?} was accepted as {result:?}");
        assert!(!result.unwrap_err().to_string().is_empty(), "{text:?}");
    }
}

proptest! {
    #[test]
    fn the_parser_never_panics_and_never_returns_nan(text in "\\PC{0,60}") {
        if let Ok(answer) = parse_answer(&text) {
            prop_assert!(answer.values().iter().all(|v| !v.is_nan()));
        }
    }

    #[test]
    fn the_parser_never_panics_on_answer_like_text(text in "[-+*/^()\\[\\]{},; .0-9e%]{0,80}") {
        let _ = parse_answer(&text);
    }

    #[test]
    fn any_written_vector_reads_back(values in prop::collection::vec(-1e6f64..1e6, 1..8)) {
        let text = values.iter().map(|v| format!("{v}")).collect::<Vec<_>>().join(", ");
        let answer = parse_answer(&format!("[{text}]")).unwrap();
        prop_assert_eq!(answer.values(), values.as_slice());
    }
}
