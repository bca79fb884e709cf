//! Building the static site: the core compiled to wasm, its JavaScript
//! bindings, and `www/` with its sections included and its math typeset.

use crate::env::{self, root};
use crate::mathml;
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// Where the site is written.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// Build everything into `dist/` and return its path. That includes
/// `dist/softmax-lesson.html`, the whole lesson in one file, which the page
/// offers for download, and a brotli and a gzip copy of every text and
/// wasm file (see [`crate::compress`]).
pub fn dist() -> Result<PathBuf> {
    let out = dist_dir();
    build_into(&out)?;
    crate::single_file::write(&out)?;
    let totals = crate::compress::precompress(&out)?;
    eprintln!(
        "compressed {} files: {} KB, {} KB as brotli",
        totals.files,
        totals.plain / 1000,
        totals.brotli / 1000
    );
    Ok(out)
}

/// The wasm modules of the page: (output name, cargo feature). The first is
/// the first view (core numerics, explorer, lesson); the second holds the
/// parts further down (practice, labs, player) and is fetched once the
/// first view is drawn.
pub const MODULES: [(&str, &str); 2] = [
    ("softmax_lesson", "page-core"),
    ("softmax_lesson_extras", "page-extras"),
];

/// Compile the crate for wasm32 in release mode with only `feature` and
/// return the `.wasm` path. Each module has its own target folder, so a
/// rebuild with nothing changed compiles nothing.
pub fn build_wasm(feature: &str) -> Result<PathBuf> {
    env::ensure_wasm_target()?;
    let target_dir = env::target_dir().join(format!("wasm-{feature}"));
    env::run(
        env::cargo()
            .args(["build", "--quiet", "--release", "--lib"])
            .args([
                "--package",
                "softmax-lesson",
                "--target",
                "wasm32-unknown-unknown",
                "--no-default-features",
                "--features",
                feature,
            ])
            .arg("--target-dir")
            .arg(&target_dir),
    )?;
    let wasm = target_dir.join("wasm32-unknown-unknown/release/softmax_lesson.wasm");
    if !wasm.exists() {
        bail!("the wasm build did not produce {}", wasm.display());
    }
    Ok(wasm)
}

/// Generate the `--target web` bindings for `wasm` into `pkg` as `name`,
/// dropping the custom sections (function names, producers) that only help
/// debuggers: a third of the download. (Stripping in the cargo profile
/// would also drop `target_features`, which wasm-bindgen reads.)
fn bindgen(wasm: &Path, pkg: &Path, name: &str) -> Result<()> {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .out_name(name)
        .web(true)
        .context("wasm-bindgen: web target")?
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(pkg)
        .context("wasm-bindgen could not generate the bindings")
}

fn build_into(out: &Path) -> Result<()> {
    if out.exists() {
        fs::remove_dir_all(out).with_context(|| format!("removing {}", out.display()))?;
    }
    let www = root().join("www");
    copy_tree(&www, out, &www)?;
    let pkg = out.join("pkg");
    for (name, feature) in MODULES {
        let wasm = build_wasm(feature)?;
        bindgen(&wasm, &pkg, name)?;
    }
    Ok(())
}

/// Copy `from` into `to`, assembling HTML files on the way; `www/pkg` (a
/// build output) and hidden files are skipped.
fn copy_tree(from: &Path, to: &Path, www: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        let name_str = name.to_string_lossy();
        if name_str.starts_with('.')
            || (from == www && (name_str == "pkg" || name_str == "sections"))
        {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type()?.is_dir() {
            copy_tree(&path, &target, www)?;
        } else if name_str.ends_with(".html") {
            let page = assemble(&fs::read_to_string(&path)?, www)?;
            fs::write(&target, page)?;
        } else {
            fs::copy(&path, &target)?;
        }
    }
    Ok(())
}

/// Expand `<!-- include: sections/NAME.html -->` lines (recursively, from
/// `www/`) and typeset the math.
pub fn assemble(html: &str, www: &Path) -> Result<String> {
    mathml::render(&expand_includes(html, www, 0)?)
}

fn expand_includes(html: &str, www: &Path, depth: usize) -> Result<String> {
    if depth > 8 {
        bail!("includes nested more than 8 deep");
    }
    let mut out = String::with_capacity(html.len());
    for line in html.split_inclusive('\n') {
        let trimmed = line.trim();
        match trimmed
            .strip_prefix("<!-- include:")
            .and_then(|rest| rest.strip_suffix("-->"))
        {
            Some(name) => {
                let name = name.trim();
                if name.contains("..") || name.starts_with('/') {
                    bail!("include path {name:?} must stay inside www/");
                }
                let text = fs::read_to_string(www.join(name))
                    .with_context(|| format!("reading include {name}"))?;
                out.push_str(&expand_includes(&text, www, depth + 1)?);
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_of_the_assembled_page_is_unique_and_every_label_reference_resolves() {
        let www = crate::env::root().join("www");
        for name in ["index.html", "embed.html"] {
            let source = fs::read_to_string(www.join(name)).unwrap();
            let page = assemble(&source, &www).unwrap();
            ids_unique_and_references_resolve(&page);
        }
    }

    fn ids_unique_and_references_resolve(page: &str) {
        let values = |attribute: &str| -> Vec<String> {
            let marker = format!(" {attribute}=\"");
            page.split(marker.as_str())
                .skip(1)
                .filter_map(|rest| rest.split_once('"').map(|(value, _)| value.to_owned()))
                .collect()
        };
        let ids = values("id");
        let mut seen = std::collections::BTreeSet::new();
        let duplicates: Vec<&String> = ids.iter().filter(|id| !seen.insert(id.as_str())).collect();
        assert!(duplicates.is_empty(), "ids used twice: {duplicates:?}");
        for attribute in ["aria-labelledby", "aria-describedby", "for"] {
            for value in values(attribute) {
                for id in value.split_whitespace() {
                    assert!(seen.contains(id), "{attribute}=\"{id}\" names no element");
                }
            }
        }
    }
}
