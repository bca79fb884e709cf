//! `cargo xtask tidy` (also the first layer of `cargo xtask test`): the
//! repository's rules that a review would otherwise have to remember.
//!
//! - Every Rust file starts with a module doc (`//!`), every page script
//!   with a comment that says what it is.
//! - Comments and docs name what the code is, never the work item it came
//!   from (the word "issue" followed by a number).
//! - The page's scripts compute no lesson numbers: `Math.` is allowed only
//!   for pixel and index arithmetic (`round`, `ceil`, `floor`, `min`,
//!   `max`); everything else comes from the core.
//! - No module of the crate imports from a layer above its own (see
//!   [`LAYERS`]); the imports that still do are listed in [`KNOWN_UPWARD`],
//!   so no new one can appear, and the list can only shrink.

use crate::env::root;
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// The crate's top-level modules by layer, lowest first. A module may use
/// modules of its own layer and of the layers below.
pub const LAYERS: [&[&str]; 5] = [
    &["math", "input", "format"],
    &["simplex", "mathtext"],
    &["charts"],
    &["explorer", "lesson", "practice", "labs"],
    &["web"],
];

/// Imports that run up a layer today: (importing module, imported module).
/// Each is a known piece of cleanup; the check fails when one is added, and
/// when one listed here is gone (so the list is shortened with it).
pub const KNOWN_UPWARD: [(&str, &str); 1] = [("charts", "labs")];

/// Where the rules apply: folders searched recursively, by extension.
const RUST_DIRS: [&str; 6] = [
    "src",
    "xtask/src",
    "tests",
    "examples",
    "benches",
    "fuzz/fuzz_targets",
];

/// Run every check on the repository; fail with the list of problems.
pub fn run() -> Result<()> {
    let problems = check(&root())?;
    if problems.is_empty() {
        eprintln!("tidy: every rule holds");
        return Ok(());
    }
    bail!(
        "tidy found {} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    )
}

/// Every problem found under `root`, one line each.
pub fn check(root: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut rust = Vec::new();
    for dir in RUST_DIRS {
        files(&root.join(dir), "rs", &mut rust)?;
    }
    let mut upward = Vec::new();
    for path in &rust {
        let text = read(path)?;
        let name = shown(root, path);
        if !text.trim_start().starts_with("//!") {
            problems.push(format!(
                "{name}: no module doc (start the file with //! lines)"
            ));
        }
        work_items(&name, &text, &mut problems);
        if let Ok(inside) = path.strip_prefix(root.join("src")) {
            upward.extend(upward_imports(inside, &text));
        }
    }
    let mut scripts = Vec::new();
    files(&root.join("www/js"), "js", &mut scripts)?;
    for path in &scripts {
        let text = read(path)?;
        let name = shown(root, path);
        if !text.starts_with("//") {
            problems.push(format!(
                "{name}: no opening comment saying what the script is"
            ));
        }
        work_items(&name, &text, &mut problems);
        lesson_math(&name, &text, &mut problems);
    }
    let mut others = Vec::new();
    for (dir, ext) in [
        ("www", "css"),
        ("www", "html"),
        ("tests/e2e", "mjs"),
        ("tests/reference", "py"),
    ] {
        files(&root.join(dir), ext, &mut others)?;
    }
    for path in &others {
        work_items(&shown(root, path), &read(path)?, &mut problems);
    }
    for (from, to) in &upward {
        if !KNOWN_UPWARD.contains(&(from.as_str(), to.as_str())) {
            problems.push(format!(
                "src/{from}: imports crate::{to}, a layer above it (see LAYERS in xtask/src/tidy.rs)"
            ));
        }
    }
    for (from, to) in KNOWN_UPWARD {
        if !upward.iter().any(|(f, t)| f == from && t == to) {
            problems.push(format!(
                "{from} no longer imports {to}: remove the pair from KNOWN_UPWARD in xtask/src/tidy.rs"
            ));
        }
    }
    Ok(problems)
}

/// The files under `dir` (recursively, skipping `node_modules` and hidden
/// folders) whose name ends in `.ext`, sorted.
fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name == "node_modules" || name == "target" {
            continue;
        }
        if path.is_dir() {
            files(&path, ext, out)?;
        } else if path.extension().and_then(|e| e.to_str()) == Some(ext) {
            out.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A reference to a work item: "issue", an optional "s", spaces and `#`,
/// then a digit, in any case.
fn work_items(name: &str, text: &str, problems: &mut Vec<String>) {
    for (n, line) in text.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        let mut from = 0;
        while let Some(at) = lower[from..].find("issue") {
            let mut i = from + at + "issue".len();
            if bytes.get(i) == Some(&b's') {
                i += 1;
            }
            while matches!(bytes.get(i), Some(b' ' | b'#')) {
                i += 1;
            }
            if bytes.get(i).is_some_and(u8::is_ascii_digit) {
                problems.push(format!(
                    "{name}:{}: names a work item; say what the code is instead",
                    n + 1
                ));
                break;
            }
            from += at + 1;
        }
    }
}

/// `Math.` for anything but pixel and index arithmetic.
fn lesson_math(name: &str, text: &str, problems: &mut Vec<String>) {
    const ALLOWED: [&str; 5] = ["round", "ceil", "floor", "min", "max"];
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("Math.") {
            let after = &rest[at + "Math.".len()..];
            let function: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if !ALLOWED.contains(&function.as_str()) {
                problems.push(format!(
                    "{name}:{}: Math.{function} computes a number the core should compute",
                    n + 1
                ));
            }
            rest = after;
        }
    }
}

/// The layer of a top-level module, if it has one.
fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|names| names.contains(&module))
}

/// The imports of a file of `src/` (its path inside `src/`) that run up a
/// layer: (its top-level module, the module it imports).
fn upward_imports(inside: &Path, text: &str) -> Vec<(String, String)> {
    let Some(first) = inside.components().next() else {
        return Vec::new();
    };
    let own = first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_owned();
    let Some(own_layer) = layer(&own) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let target: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if layer(&target).is_some_and(|l| l > own_layer)
                && !out.iter().any(|(_, t)| *t == target)
            {
                out.push((own.clone(), target));
            }
            rest = after;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, check: fn(&str, &str, &mut Vec<String>)) -> Vec<String> {
        let mut problems = Vec::new();
        check("f", text, &mut problems);
        problems
    }

    #[test]
    fn work_items_are_found_in_any_spelling_and_nothing_else() {
        // Spelt in two halves, so this file does not trip its own check.
        let word = concat!("iss", "ue");
        for bad in [
            format!("{word} 12"),
            format!("({word} #15)"),
            format!("{}S 6, part 4", word.to_uppercase()),
        ] {
            assert_eq!(found(&bad, work_items).len(), 1, "{bad}");
        }
        for fine in [
            format!("an {word} with the page"),
            format!("{word}s about the numbers"),
        ] {
            assert!(found(&fine, work_items).is_empty(), "{fine}");
        }
    }

    #[test]
    fn only_pixel_and_index_arithmetic_may_use_math() {
        assert!(found("const w = Math.round(x * Math.max(1, r));", lesson_math).is_empty());
        assert_eq!(
            found("const e = Math.exp(x) / Math.log(2);", lesson_math).len(),
            2
        );
    }

    #[test]
    fn an_import_up_a_layer_is_found_and_one_within_it_is_not() {
        let up = upward_imports(
            Path::new("math/exp.rs"),
            "use crate::explorer::views::View;",
        );
        assert_eq!(up, vec![("math".to_owned(), "explorer".to_owned())]);
        let down = upward_imports(
            Path::new("labs/link.rs"),
            "use crate::math::softmax; // crate::web",
        );
        assert!(down.is_empty(), "{down:?}");
        assert!(upward_imports(Path::new("lib.rs"), "use crate::web;").is_empty());
    }

    #[test]
    fn the_repository_keeps_every_rule() {
        let problems = check(&root()).unwrap();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
