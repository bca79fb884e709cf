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

/// Build everything into `dist/` and return its path.
pub fn dist() -> Result<PathBuf> {
    let out = dist_dir();
    build_into(&out)?;
    Ok(out)
}

/// Compile the crate for wasm32 in release mode and return the `.wasm` path.
pub fn build_wasm() -> Result<PathBuf> {
    env::ensure_wasm_target()?;
    env::run(env::cargo().args([
        "build",
        "--quiet",
        "--release",
        "--lib",
        "--package",
        "softmax-lesson",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let wasm = root().join("target/wasm32-unknown-unknown/release/softmax_lesson.wasm");
    if !wasm.exists() {
        bail!("the wasm build did not produce {}", wasm.display());
    }
    Ok(wasm)
}

/// Generate the `--target web` bindings for `wasm` into `pkg`.
fn bindgen(wasm: &Path, pkg: &Path) -> Result<()> {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .web(true)
        .context("wasm-bindgen: web target")?
        .typescript(false)
        .generate(pkg)
        .context("wasm-bindgen could not generate the bindings")
}

fn build_into(out: &Path) -> Result<()> {
    let wasm = build_wasm()?;
    if out.exists() {
        fs::remove_dir_all(out).with_context(|| format!("removing {}", out.display()))?;
    }
    let www = root().join("www");
    copy_tree(&www, out, &www)?;
    bindgen(&wasm, &out.join("pkg"))?;
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
