//! The `wasm-bindgen-test` runner, built from the pinned `wasm-bindgen-cli`
//! library so its version always matches the crate's `wasm-bindgen`.
//! `cargo xtask test --layer wasm` builds it and points cargo at it.

fn main() {
    if let Err(error) =
        wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(std::env::args_os())
    {
        eprintln!("wasm-bindgen-test-runner: {error:#}");
        std::process::exit(1);
    }
}
