//! The accuracy table: for every input class and function of the committed
//! reference vectors (`tests/reference/vectors.txt`, exact values from
//! mpmath), the maximum and mean error in ULPs of the exact core and, in the
//! same run, of the naive stable f64 baseline (`softmax_lesson::math::naive`:
//! max shift, `libm` exp, running sum).
//!
//! `cargo run --release --example accuracy` (what `cargo xtask accuracy`
//! runs). Prints a markdown table.

#[path = "../tests/reference/harness.rs"]
mod harness;

use std::collections::BTreeMap;

use harness::{errors, parse, run_core, run_naive, VECTORS};

#[derive(Default)]
struct Stat {
    cases: usize,
    outputs: usize,
    max: f64,
    sum: f64,
}

impl Stat {
    fn add(&mut self, (max, sum, count): (f64, f64, usize)) {
        self.cases += 1;
        self.outputs += count;
        self.max = self.max.max(max);
        self.sum += sum;
    }
    fn mean(&self) -> f64 {
        if self.outputs == 0 {
            0.0
        } else {
            self.sum / self.outputs as f64
        }
    }
}

fn fmt(x: f64) -> String {
    if x.is_infinite() {
        "wrong special value".to_string()
    } else if x.is_nan() {
        "NaN".to_string()
    } else if x < 1e4 {
        format!("{x:.3}")
    } else {
        format!("{x:.2e}")
    }
}

const CLASS_ORDER: [&str; 12] = [
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
];

fn main() {
    let cases = parse(VECTORS);
    let mut table: BTreeMap<(usize, String), (Stat, Stat)> = BTreeMap::new();
    for case in &cases {
        let order = CLASS_ORDER
            .iter()
            .position(|c| *c == case.class)
            .unwrap_or(CLASS_ORDER.len());
        let entry = table
            .entry((order, format!("{} | {}", case.class, case.func)))
            .or_default();
        entry.0.add(errors(&run_core(case), case));
        entry.1.add(errors(&run_naive(case), case));
    }
    println!(
        "Error in ULPs against exact values (mpmath, 600 bits) over {} reference cases \
         (`tests/reference/vectors.txt`).\n",
        cases.len()
    );
    println!(
        "| class | function | cases | outputs | ours max | ours mean | naive max | naive mean |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    let mut worst_ours = 0.0f64;
    for ((_, key), (ours, naive)) in &table {
        worst_ours = worst_ours.max(ours.max);
        println!(
            "| {key} | {} | {} | {} | {} | {} | {} |",
            ours.cases,
            ours.outputs,
            fmt(ours.max),
            fmt(ours.mean()),
            fmt(naive.max),
            fmt(naive.mean())
        );
    }
    println!(
        "\nWorst error of the exact core over all outputs: {worst_ours:.4} ULP (bound: 0.501)."
    );
    println!(
        "\"wrong special value\": NaN, an infinity or a zero where the contract \
         (ARCHITECTURE.md) fixes another value."
    );
}
