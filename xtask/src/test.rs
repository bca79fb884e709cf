//! `cargo xtask test`: every test layer, in order, stopping at the first
//! failure.

use crate::env::{self, root};
use crate::serve::Server;
use crate::single_file;
use crate::site;
use anyhow::{Context, Result};
use std::ffi::OsStr;
use std::process::Command;

/// One layer of the test suite.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layer {
    /// `cargo fmt --check`, and the repository's rules (`cargo xtask tidy`)
    Fmt,
    /// `cargo clippy --all-targets -- -D warnings`, and `cargo doc` with
    /// warnings denied
    Clippy,
    /// native `cargo test` (unit, property and reference tests)
    Native,
    /// `wasm-bindgen-test` in headless Chromium (`tests/web*.rs`)
    Wasm,
    /// Playwright end-to-end tests of the page (`tests/e2e/`)
    E2e,
}

const ALL: [Layer; 5] = [
    Layer::Fmt,
    Layer::Clippy,
    Layer::Native,
    Layer::Wasm,
    Layer::E2e,
];

/// Run `only` or every layer.
pub fn run(only: Option<Layer>) -> Result<()> {
    for layer in ALL {
        if only.is_none_or(|o| o == layer) {
            run_layer(layer)?;
        }
    }
    println!("xtask test: all requested layers passed");
    Ok(())
}

fn run_layer(layer: Layer) -> Result<()> {
    match layer {
        Layer::Fmt => {
            env::run(env::cargo().args(["fmt", "--all", "--check"]))?;
            crate::tidy::run()
        }
        Layer::Clippy => {
            env::run(env::cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))?;
            // The facade and the browser tests only exist on wasm32.
            env::ensure_wasm_target()?;
            let mut wasm = env::cargo();
            wasm.args(["clippy", "--target", "wasm32-unknown-unknown", "--lib"]);
            for name in web_test_names()? {
                wasm.args(["--test", &name]);
            }
            env::run(wasm.args(["--", "-D", "warnings"]))?;
            // The documentation builds without a broken link, on both targets.
            for target in [None, Some("wasm32-unknown-unknown")] {
                let mut doc = env::cargo();
                doc.args(["doc", "--no-deps", "--workspace", "--quiet"]);
                if let Some(target) = target {
                    doc.args(["--target", target, "--exclude", "xtask"]);
                }
                env::run(doc.env("RUSTDOCFLAGS", "-D warnings"))?;
            }
            Ok(())
        }
        Layer::Native => env::run(env::cargo().args(["test", "--workspace"])),
        Layer::Wasm => wasm_tests(),
        Layer::E2e => e2e_tests(),
    }
}

/// The names of the `tests/web*.rs` integration tests.
fn web_test_names() -> Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests"))?
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|n| n.starts_with("web") && n.ends_with(".rs"))
        .map(|n| n.trim_end_matches(".rs").to_owned())
        .collect();
    names.sort();
    Ok(names)
}

fn wasm_tests() -> Result<()> {
    env::ensure_wasm_target()?;
    env::ensure_chromium()?;
    env::run(env::cargo().args([
        "build",
        "--quiet",
        "--package",
        "xtask",
        "--bin",
        "wasm-bindgen-test-runner",
    ]))?;
    let runner = env::target_dir().join("debug/wasm-bindgen-test-runner");
    if !runner.exists() {
        anyhow::bail!(
            "the wasm test runner was built but is not at {}",
            runner.display()
        );
    }
    let caps = env::target_dir().join("webdriver.json");
    let binary = env::chromium();
    let binary = binary
        .to_str()
        .with_context(|| format!("the browser's path is not text: {}", binary.display()))?;
    std::fs::write(
        &caps,
        format!(
            r#"{{"goog:chromeOptions":{{"binary":{},"args":["--disable-gpu","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run","--disable-dev-shm-usage"]}}}}"#,
            single_file::json_string(binary)
        ),
    )
    .with_context(|| format!("writing {}", caps.display()))?;
    let mut command = env::cargo();
    command.args(["test", "--target", "wasm32-unknown-unknown"]);
    for name in web_test_names()? {
        command.args(["--test", &name]);
    }
    command
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
        .env("CHROMEDRIVER", env::chromedriver())
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &caps)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    env::run(&mut command)
}

fn e2e_tests() -> Result<()> {
    let e2e = root().join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&e2e)?
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|n| n.ends_with(".test.mjs"))
        .collect();
    files.sort();
    let mut args = vec!["--test".to_owned(), "--test-concurrency=1".to_owned()];
    args.extend(files);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    with_site(|url| {
        // The offline single file, written with the dist/ just built, is
        // opened from disk by single-file.test.mjs.
        let single = site::dist_dir().join(single_file::FILE_NAME);
        run_node(&args, url, &[("SINGLE_FILE", single.as_os_str())])
    })
    .context("the end-to-end tests failed")
}

/// `cargo xtask bench`: native figures from the examples that exist, then
/// the browser figures (which also check the page's budgets).
pub fn bench() -> Result<()> {
    for example in ["throughput"] {
        if root().join(format!("examples/{example}.rs")).exists() {
            env::run(env::cargo().args(["run", "--quiet", "--release", "--example", example]))?;
        }
    }
    node_script("bench.mjs", &[])
}

/// Run a node script from `tests/e2e/` against a freshly built and served
/// site.
pub fn node_script(script: &str, extra: &[&str]) -> Result<()> {
    let mut args = vec![script];
    args.extend_from_slice(extra);
    with_site(|url| run_node(&args, url, &[]))
}

fn run_node(args: &[&str], url: &str, vars: &[(&str, &OsStr)]) -> Result<()> {
    env::run(
        Command::new("node")
            .args(args)
            .current_dir(root().join("tests/e2e"))
            .env("BASE_URL", url)
            .env("CHROMIUM", env::chromium())
            .envs(vars.iter().copied()),
    )
}

/// Build `dist/`, serve it on a free port and call `body` with its URL.
pub fn with_site<T>(body: impl FnOnce(&str) -> Result<T>) -> Result<T> {
    env::ensure_chromium()?;
    env::ensure_npm_packages(&root().join("tests/e2e"))?;
    let dir = site::dist()?;
    let runtime = tokio::runtime::Runtime::new()?;
    let server = runtime.block_on(Server::bind(dir, 0))?;
    let url = server.url();
    runtime.spawn(server.run());
    eprintln!("serving the site at {url}");
    body(&url)
}
