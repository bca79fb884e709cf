//! `cargo xtask`: the project's build tool.
//!
//! Every step of building, serving, testing and measuring softmax-lesson is a
//! subcommand here, so a fresh machine needs nothing but cargo: the xtask
//! installs the wasm target, the browser and the npm packages it needs, or
//! stops with a message that names the exact package.

mod compress;
mod env;
mod mathml;
mod serve;
mod single_file;
mod site;
mod test;
mod tidy;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Build, serve, test and measure softmax-lesson"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the page and serve it on 127.0.0.1, rebuilding when sources change.
    Serve {
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Serve the existing dist/ without building first.
        #[arg(long)]
        no_build: bool,
    },
    /// Write the self-contained static site to dist/, with
    /// dist/softmax-lesson.html: the whole lesson in one file that works
    /// when opened from disk, with no server.
    Dist {
        /// Accepted for older instructions; the single file is always written.
        #[arg(long, hide = true)]
        single_file: bool,
    },
    /// Print the accuracy table: max and mean ULP error per input class and
    /// function, for the exact core and a naive baseline.
    Accuracy,
    /// Print the performance figures and check the budgets: native
    /// throughput (when the examples exist) and the page in headless Chromium.
    Bench,
    /// Write the README's screenshots to docs/ (desktop light and dark, phone).
    Screenshots,
    /// Check the repository's rules: module docs, no work-item references,
    /// no lesson arithmetic in the page's scripts, no import up a layer.
    Tidy,
    /// Run every test layer in order (or only the named one).
    Test {
        /// Run only this layer: fmt, clippy, native, wasm, e2e.
        #[arg(long, value_enum)]
        layer: Option<test::Layer>,
    },
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve { port, no_build } => serve::run(port, !no_build),
        Command::Dist { single_file: _ } => site::dist().and_then(|dir| {
            let file = dir.join(single_file::FILE_NAME);
            let size = std::fs::metadata(&file)?.len();
            println!("wrote {}", dir.display());
            println!("wrote {} ({} KB)", file.display(), size.div_ceil(1024));
            Ok(())
        }),
        Command::Test { layer } => test::run(layer),
        Command::Bench => test::bench(),
        Command::Accuracy => {
            env::run(env::cargo().args(["run", "--quiet", "--release", "--example", "accuracy"]))
        }
        Command::Screenshots => test::node_script("screenshots.mjs", &[]),
        Command::Tidy => tidy::run(),
    };
    if let Err(error) = result {
        eprintln!("xtask: {error:#}");
        std::process::exit(1);
    }
}
