//! Finding and installing what the build and the tests need.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when it is set (relative
/// to the workspace root, where every nested cargo runs), else `target/`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root().join(dir),
        _ => root().join("target"),
    }
}

/// The cargo that runs us, so nested builds use the same toolchain.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root());
    command
}

/// Run a command, echoing it, and fail with its name if it fails.
pub fn run(command: &mut Command) -> Result<()> {
    eprintln!("$ {}", describe(command));
    let status = command
        .status()
        .with_context(|| format!("could not start `{}`", describe(command)))?;
    if !status.success() {
        bail!("`{}` failed ({status})", describe(command));
    }
    Ok(())
}

fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}

fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Make sure `rustup` has the wasm32 target, adding it if it is missing.
pub fn ensure_wasm_target() -> Result<()> {
    const TARGET: &str = "wasm32-unknown-unknown";
    match output_of("rustup", &["target", "list", "--installed"]) {
        Some(list) if list.lines().any(|l| l.trim() == TARGET) => Ok(()),
        Some(_) => run(Command::new("rustup").args(["target", "add", TARGET])),
        None => {
            bail!("rustup was not found; install the target by hand: rustup target add {TARGET}")
        }
    }
}

fn is_root() -> bool {
    output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

fn apt_install(packages: &[&str]) -> Result<()> {
    let names = packages.join(" ");
    if !is_root() || output_of("apt-get", &["--version"]).is_none() {
        bail!("missing Debian packages; install them with: sudo apt-get install {names}");
    }
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Debian's Chromium, which the tests use unless `CHROMIUM` names another.
const DEBIAN_CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's ChromeDriver, matched to [`DEBIAN_CHROMIUM`].
const DEBIAN_CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn from_env(var: &str, default: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from(default),
    }
}

/// The browser the tests drive: `CHROMIUM` when it is set (macOS, Fedora,
/// a Chromium of one's own), Debian's otherwise.
pub fn chromium() -> PathBuf {
    from_env("CHROMIUM", DEBIAN_CHROMIUM)
}

/// The ChromeDriver matched to [`chromium()`]: `CHROMEDRIVER` when set.
pub fn chromedriver() -> PathBuf {
    from_env("CHROMEDRIVER", DEBIAN_CHROMEDRIVER)
}

/// Make sure Chromium and ChromeDriver are there. A path named by
/// `CHROMIUM` or `CHROMEDRIVER` must exist; Debian's are installed (the
/// packages `chromium` and `chromium-driver`) when running as root, and
/// named in the error otherwise.
pub fn ensure_chromium() -> Result<()> {
    let mut missing = Vec::new();
    for (var, path, package) in [
        ("CHROMIUM", chromium(), "chromium"),
        ("CHROMEDRIVER", chromedriver(), "chromium-driver"),
    ] {
        if path.exists() {
            continue;
        }
        if std::env::var_os(var).is_some_and(|v| !v.is_empty()) {
            bail!(
                "{var} is set to {}, which does not exist; point it at the program, or unset it to use Debian's",
                path.display()
            );
        }
        missing.push(package);
    }
    if missing.is_empty() {
        return Ok(());
    }
    apt_install(&missing).context(
        "the tests need Chromium and its ChromeDriver: install the packages above, or set CHROMIUM and CHROMEDRIVER to their paths",
    )
}

/// Make sure `node` and `npm` exist and the e2e packages are installed from
/// the committed lockfile.
pub fn ensure_npm_packages(dir: &Path) -> Result<()> {
    if output_of("node", &["--version"]).is_none() || output_of("npm", &["--version"]).is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    let stamp = dir.join("node_modules/.package-lock.json");
    let lock = dir.join("package-lock.json");
    let fresh = match (stamp.metadata(), lock.metadata()) {
        (Ok(s), Ok(l)) => matches!((s.modified(), l.modified()), (Ok(s), Ok(l)) if s >= l),
        _ => false,
    };
    if !fresh {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(dir))?;
    }
    Ok(())
}
