//! Pre-compressed copies of the site's files: beside every text or wasm
//! file of `dist/`, a `.br` (brotli) and a `.gz` (gzip) copy, written only
//! when smaller than the file. `cargo xtask serve` sends the copy the
//! browser accepts (tower-http negotiates `Accept-Encoding`), and a static
//! host that serves pre-compressed files can do the same.

use anyhow::{Context, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The extensions worth compressing (fonts and images are compressed
/// already).
const COMPRESSIBLE: [&str; 7] = ["html", "js", "mjs", "css", "wasm", "svg", "json"];

/// Sizes of what was compressed, for the build's last line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Files compressed.
    pub files: usize,
    /// Their size as written.
    pub plain: u64,
    /// Their size as brotli.
    pub brotli: u64,
}

/// Write the `.br` and `.gz` copies for every compressible file under `dir`,
/// the files shared out over the machine's cores.
pub fn precompress(dir: &Path) -> Result<Totals> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    // Largest first, so no core is left with the biggest file at the end.
    files.sort_by_key(|(_, size)| std::cmp::Reverse(*size));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<Totals>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut totals = Totals::default();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((path, _)) = files.get(k) else {
                            return Ok(totals);
                        };
                        compress_file(path, &mut totals)?;
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a compression thread panicked")))
            })
            .collect()
    });
    let mut totals = Totals::default();
    for part in results {
        let part = part?;
        totals.files += part.files;
        totals.plain += part.plain;
        totals.brotli += part.brotli;
    }
    Ok(totals)
}

/// The compressible files under `dir`, with their sizes.
fn collect(dir: &Path, out: &mut Vec<(PathBuf, u64)>) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out)?;
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if compressible {
            out.push((path, entry.metadata()?.len()));
        }
    }
    Ok(())
}

/// Write the copies of one file and count it in `totals`.
fn compress_file(path: &Path, totals: &mut Totals) -> Result<()> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let br = brotli_bytes(&bytes)?;
    let gz = gzip_bytes(&bytes)?;
    let name = path.display().to_string();
    if br.len() < bytes.len() {
        fs::write(format!("{name}.br"), &br).with_context(|| format!("writing {name}.br"))?;
    }
    if gz.len() < bytes.len() {
        fs::write(format!("{name}.gz"), &gz).with_context(|| format!("writing {name}.gz"))?;
    }
    totals.files += 1;
    totals.plain += bytes.len() as u64;
    totals.brotli += br.len().min(bytes.len()) as u64;
    Ok(())
}

/// Files larger than this (the extras module, 0.7 MB, and the single-file
/// lesson, 1.8 MB) get brotli's quality 9 rather than 11: 11 took 27 s of
/// the build's 30 for those two, for 6 % fewer bytes. The first view's
/// files are all smaller and get 11.
const LARGE: usize = 400_000;

/// `bytes` as brotli with a 4 MB window: quality 11, the best, for the
/// page's own files; 9 for a [`LARGE`] one.
pub fn brotli_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let quality = if bytes.len() > LARGE { 9 } else { 11 };
    let mut out = Vec::with_capacity(bytes.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 1 << 16, quality, 22);
        writer.write_all(bytes).context("brotli")?;
        writer.flush().context("brotli")?;
    }
    Ok(out)
}

/// `bytes` as gzip at its best level (9).
pub fn gzip_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).context("gzip")?;
    encoder.finish().context("gzip")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn copies_decompress_to_the_file_and_only_text_and_wasm_get_them() {
        let dir = std::env::temp_dir().join(format!("softmax-compress-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("js")).unwrap();
        let text = "const softmax = (x) => x.map(Math.exp);\n".repeat(200);
        fs::write(dir.join("js/a.js"), &text).unwrap();
        fs::write(dir.join("font.woff2"), vec![7u8; 5000]).unwrap();
        fs::write(dir.join("tiny.css"), "a{}").unwrap();
        let totals = precompress(&dir).unwrap();
        assert_eq!(totals.files, 2);
        assert!(totals.brotli < totals.plain / 10, "{totals:?}");

        let mut back = String::new();
        flate2::read::GzDecoder::new(fs::File::open(dir.join("js/a.js.gz")).unwrap())
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let mut back = String::new();
        brotli::Decompressor::new(fs::File::open(dir.join("js/a.js.br")).unwrap(), 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        // A font is left alone; a file that would not shrink gets no copy.
        assert!(!dir.join("font.woff2.br").exists());
        assert!(!dir.join("tiny.css.br").exists() && !dir.join("tiny.css.gz").exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
