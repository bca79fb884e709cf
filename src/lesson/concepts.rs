//! The fifteen concepts of the syllabus ("All Concepts" of the source page)
//! and the anchor (element id) of the section or paragraph that teaches
//! each. A native test checks that every anchor exists in
//! `www/sections/`, and an end-to-end test that it exists on the page.

/// One concept of the syllabus and where the lesson teaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concept {
    /// The concept, in the syllabus's words.
    pub name: &'static str,
    /// The id of the element that teaches it (link as `#anchor`).
    pub anchor: &'static str,
}

/// Every concept of the syllabus, in the syllabus's order.
pub const CONCEPTS: [Concept; 15] = [
    Concept {
        name: "Softmax function as a map from a real vector (logits) to a probability vector",
        anchor: "softmax-as-a-map",
    },
    Concept {
        name: "Logits: the raw real-valued inputs to softmax",
        anchor: "logits",
    },
    Concept {
        name: "Exponentiation of each logit before normalization",
        anchor: "exponentiation",
    },
    Concept {
        name: "Normalization by the sum of exponentials to produce probabilities",
        anchor: "normalisation",
    },
    Concept {
        name: "Output properties: nonnegativity and components summing to one",
        anchor: "output-properties",
    },
    Concept {
        name: "Shift invariance: adding the same constant to all logits does not change softmax outputs",
        anchor: "shift-invariance",
    },
    Concept {
        name: "Numerical stability trick: subtracting the maximum logit before exponentiating",
        anchor: "max-trick",
    },
    Concept {
        name: "Temperature parameter (τ or T) for scaling logits before softmax",
        anchor: "temperature-parameter",
    },
    Concept {
        name: "Effect of temperature on sharpness/peakedness of the output distribution",
        anchor: "temperature-sharpness",
    },
    Concept {
        name: "Soft-argmax interpretation: softmax as a differentiable approximation to argmax",
        anchor: "soft-argmax",
    },
    Concept {
        name: "Log-sum-exp (LSE) as the log-domain normalization constant",
        anchor: "log-sum-exp",
    },
    Concept {
        name: "Interpretation of softmax outputs as attention weights or categorical probabilities",
        anchor: "attention-weights",
    },
    Concept {
        name: "Sensitivity/peakedness: how relative differences between logits control output concentration",
        anchor: "sensitivity-peakedness",
    },
    Concept {
        name: "Reduction to binary case: two-entry softmax is equivalent to a sigmoid of the logit difference",
        anchor: "two-class-sigmoid",
    },
    Concept {
        name: "Jacobian/derivative structure of softmax outputs with respect to logits",
        anchor: "jacobian",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_concept_has_its_own_anchor() {
        let mut anchors: Vec<&str> = CONCEPTS.iter().map(|c| c.anchor).collect();
        anchors.sort_unstable();
        anchors.dedup();
        assert_eq!(anchors.len(), CONCEPTS.len());
        assert!(anchors
            .iter()
            .all(|a| a.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
    }
}
