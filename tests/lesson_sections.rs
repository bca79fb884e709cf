//! The lesson's sections as files: every concept of the syllabus has its
//! anchor in exactly one place, every section the page includes exists, and
//! no section types a result number by hand (the core computes them).
#![cfg(not(target_arch = "wasm32"))]

use softmax_lesson::lesson::concepts::CONCEPTS;
use std::fs;
use std::path::Path;

fn www() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/www"))
}

/// Every section file's text, with its name.
fn sections() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(www().join("sections"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".html"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_concept_is_taught_at_its_anchor_exactly_once() {
    let all = sections();
    for concept in CONCEPTS {
        let needle = format!("id=\"{}\"", concept.anchor);
        let places: Vec<&str> = all
            .iter()
            .filter(|(_, text)| text.contains(&needle))
            .map(|(name, _)| name.as_str())
            .collect();
        assert_eq!(
            places.len(),
            1,
            "{} (#{}) is in {places:?}",
            concept.name,
            concept.anchor
        );
        let count: usize = all.iter().map(|(_, t)| t.matches(&needle).count()).sum();
        assert_eq!(count, 1, "#{} appears {count} times", concept.anchor);
    }
}

#[test]
fn the_concept_index_links_every_concept() {
    let summary = fs::read_to_string(www().join("sections/lesson-summary.html")).unwrap();
    for concept in CONCEPTS {
        assert!(
            summary.contains(&format!("href=\"#{}\"", concept.anchor)),
            "the index misses #{}",
            concept.anchor
        );
    }
}

#[test]
fn every_included_section_exists() {
    let index = fs::read_to_string(www().join("index.html")).unwrap();
    let mut texts = vec![index];
    texts.extend(sections().into_iter().map(|(_, t)| t));
    for text in texts {
        for line in text.lines() {
            if let Some(name) = line
                .trim()
                .strip_prefix("<!-- include:")
                .and_then(|r| r.strip_suffix("-->"))
            {
                assert!(www().join(name.trim()).exists(), "missing include {name}");
            }
        }
    }
}

#[test]
fn lesson_sections_type_no_worked_results_by_hand() {
    // The worked examples' numbers come from the core at load time.
    let typed = [
        "0.665", "0.245", "0.2447", "0.6652", "0.867", "0.117", "0.506", "0.307", "0.186",
        "11.107", "1.5032", "5.367", "62.987",
    ];
    for (name, text) in sections() {
        for number in typed {
            assert!(!text.contains(number), "{name} types {number} by hand");
        }
    }
}
