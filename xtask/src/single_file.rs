//! `cargo xtask dist --single-file`: the whole lesson as one HTML file that
//! works when opened from disk (`file://`), with no server and no network.
//!
//! It is made from the assembled site in `dist/`:
//! - every ES module under `js/` and `pkg/` is embedded as a
//!   `data:text/javascript;base64,...` URL; the relative import specifiers
//!   (`./canvas.js`, `../pkg/softmax_lesson.js`) are rewritten to bare names
//!   (`softmax-lesson/js/canvas.js`) and an `<script type="importmap">` maps
//!   each name to its data: URL (a data: URL has no folder, so relative
//!   specifiers could not resolve inside one);
//! - the page's `<script type="module" src>` tags become one inline module
//!   script that hands the wasm bytes to `js/app.js` through
//!   `globalThis.__SOFTMAX_WASM__` and then imports the entry modules; a
//!   classic `<script src>` keeps its place with its text in a data: URL;
//! - each `<link rel="stylesheet">` becomes a `<style>` element, with every
//!   `url(...)` of the stylesheet (fonts, images) inlined as a data: URL;
//! - `<img src>` files are inlined as data: URLs too.
//!
//! Anything that would still need a request (a reference to another origin,
//! a file the site does not have) stops the build
//! with a message rather than producing a file that breaks on a USB stick.

use anyhow::{bail, Context, Result};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The file written into `dist/`.
pub const FILE_NAME: &str = "softmax-lesson.html";

/// The page that is made self-contained.
const PAGE: &str = "index.html";

/// The wasm modules handed to the bindings' `init`: every `pkg/*_bg.wasm`,
/// by the name `js/app.js` asks for (the file name without `_bg.wasm`).
const WASM_SUFFIX: &str = "_bg.wasm";

/// Folders of `dist/` whose `.js` files are embedded as modules.
const MODULE_DIRS: [&str; 2] = ["js", "pkg"];

/// The prefix of every bare module name in the import map.
const NAME_PREFIX: &str = "softmax-lesson/";

/// Write `dist/softmax-lesson.html` from the assembled site in `dist` and
/// return its path.
pub fn write(dist: &Path) -> Result<PathBuf> {
    let html = build(dist)?;
    let out = dist.join(FILE_NAME);
    fs::write(&out, html).with_context(|| format!("writing {}", out.display()))?;
    Ok(out)
}

/// The self-contained page made from the site in `dist`.
pub fn build(dist: &Path) -> Result<String> {
    let page = read_text(dist, PAGE)?;
    let modules = discover_modules(dist)?;
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    let mut rewritten = BTreeMap::new();
    for (path, source) in &modules {
        let source = rewrite_specifiers(source, path, &known)
            .with_context(|| format!("rewriting the imports of {path}"))?;
        rewritten.insert(path.clone(), source);
    }
    let mut wasm = BTreeMap::new();
    let pkg = dist.join("pkg");
    for entry in fs::read_dir(&pkg)
        .with_context(|| format!("reading {}; run cargo xtask dist first", pkg.display()))?
    {
        let entry = entry?;
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some(name) = file.strip_suffix(WASM_SUFFIX) {
            wasm.insert(name.to_owned(), fs::read(entry.path())?);
        }
    }
    if wasm.is_empty() {
        bail!(
            "{} holds no wasm module; run cargo xtask dist first",
            pkg.display()
        );
    }
    let page = without_online_only(&page)?;
    let page = inline_stylesheets(&page, dist)?;
    let page = inline_images(&page, dist)?;
    inline_module_scripts(&page, &rewritten, &wasm)
}

/// What only the served page has, between these two comments (the link
/// that downloads this very file), is left out of the single file.
const ONLINE_ONLY: (&str, &str) = ("<!-- online-only -->", "<!-- /online-only -->");

fn without_online_only(page: &str) -> Result<String> {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find(ONLINE_ONLY.0) {
        let Some(end) = rest[start..].find(ONLINE_ONLY.1) else {
            bail!("{} without its closing {}", ONLINE_ONLY.0, ONLINE_ONLY.1);
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + end + ONLINE_ONLY.1.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The bare name a module at `path` (relative to `dist/`) gets in the import
/// map.
pub fn module_name(path: &str) -> String {
    format!("{NAME_PREFIX}{path}")
}

/// Every `.js` file under `dist/js/` and `dist/pkg/`, keyed by its path
/// relative to `dist/` with `/` separators.
fn discover_modules(dist: &Path) -> Result<BTreeMap<String, String>> {
    let mut modules = BTreeMap::new();
    for dir in MODULE_DIRS {
        collect_js(dist, &dist.join(dir), &mut modules)?;
    }
    if modules.is_empty() {
        bail!(
            "no modules under {}; run cargo xtask dist first",
            dist.display()
        );
    }
    Ok(modules)
}

fn collect_js(dist: &Path, dir: &Path, out: &mut BTreeMap<String, String>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect_js(dist, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "js") {
            let relative = path
                .strip_prefix(dist)
                .with_context(|| format!("{} is outside {}", path.display(), dist.display()))?;
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let source =
                fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            out.insert(key, source);
        }
    }
    Ok(())
}

fn read_text(dist: &Path, path: &str) -> Result<String> {
    fs::read_to_string(dist.join(path))
        .with_context(|| format!("reading {path} in {}", dist.display()))
}

/// Resolve the relative reference `reference` against the file `from`
/// (both relative to the site's root, `/`-separated); a leading `/` means
/// the root. `None` when the reference climbs above the root. A query or
/// fragment is dropped.
pub fn resolve(from: &str, reference: &str) -> Option<String> {
    let reference = reference.split(['?', '#']).next().unwrap_or(reference);
    let mut segments: Vec<&str> = if reference.starts_with('/') {
        Vec::new()
    } else {
        let mut base: Vec<&str> = from.split('/').collect();
        base.pop();
        base
    };
    for segment in reference.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            s => segments.push(s),
        }
    }
    (!segments.is_empty()).then(|| segments.join("/"))
}

/// Whether `specifier` is a URL or protocol-relative reference, which would
/// be a request to another origin.
fn is_remote(reference: &str) -> bool {
    let lower = reference.trim_start().to_ascii_lowercase();
    lower.starts_with("//") || lower.starts_with("http:") || lower.starts_with("https:")
}

fn is_relative(specifier: &str) -> bool {
    specifier.starts_with("./") || specifier.starts_with("../") || specifier.starts_with('/')
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// Rewrite the relative specifiers of the module at `path` to the bare names
/// of [`module_name`]: `from "./x.js"` (static imports and re-exports),
/// `import "./x.js"` and `import("./x.js")`. A relative specifier that names
/// no module in `known`, or an import from another origin, is an error.
///
/// The scan looks for the words `import` and `from` followed by a string
/// literal; `import.meta`, `Array.from(...)` and other uses of the words are
/// left alone.
pub fn rewrite_specifiers(source: &str, path: &str, known: &BTreeSet<String>) -> Result<String> {
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let keyword = if bytes[i..].starts_with(b"import") {
            6
        } else if bytes[i..].starts_with(b"from") {
            4
        } else {
            i += 1;
            continue;
        };
        let before_ok = i == 0 || !(is_ident_byte(bytes[i - 1]) || bytes[i - 1] == b'.');
        let after = i + keyword;
        if !before_ok || bytes.get(after).is_some_and(|&b| is_ident_byte(b)) {
            i += 1;
            continue;
        }
        let mut j = skip_space(bytes, after);
        if keyword == 6 && bytes.get(j) == Some(&b'(') {
            j = skip_space(bytes, j + 1);
        }
        let Some(&quote) = bytes.get(j).filter(|&&b| b == b'"' || b == b'\'') else {
            i = after;
            continue;
        };
        let start = j + 1;
        let Some(len) = bytes[start..]
            .iter()
            .position(|&b| b == quote || b == b'\n')
        else {
            bail!("an unterminated string after `{}`", &source[i..after]);
        };
        let end = start + len;
        let specifier = &source[start..end];
        if is_remote(specifier) {
            bail!("{path} imports {specifier:?}, a request to another origin");
        }
        if is_relative(specifier) {
            let target = resolve(path, specifier).filter(|t| known.contains(t));
            let Some(target) = target else {
                bail!("{path} imports {specifier:?}, which is not a module of the site");
            };
            out.push_str(&source[copied..start]);
            out.push_str(&module_name(&target));
            copied = end;
        }
        i = end + 1;
    }
    out.push_str(&source[copied..]);
    Ok(out)
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// A base64 `data:` URL of `bytes`.
pub fn data_url(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", STANDARD.encode(bytes))
}

/// The import map (JSON) that maps every module's bare name to its source
/// as a data: URL.
pub fn import_map(modules: &BTreeMap<String, String>) -> String {
    let entries: Vec<String> = modules
        .iter()
        .map(|(path, source)| {
            format!(
                "\n    {}: {}",
                json_string(&module_name(path)),
                json_string(&data_url("text/javascript", source.as_bytes()))
            )
        })
        .collect();
    format!("{{\n  \"imports\": {{{}\n  }}\n}}", entries.join(","))
}

/// `text` as a JSON string literal, with `<` escaped so that it can never
/// close the surrounding `<script>` element.
pub(crate) fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The MIME type of a file the page may embed, from its extension.
fn mime_for(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        _ => return None,
    })
}

/// The file `reference` (relative to the file `from`) as a data: URL.
fn embed_file(dist: &Path, from: &str, reference: &str) -> Result<String> {
    if is_remote(reference) {
        bail!("{from} refers to {reference:?}, a request to another origin");
    }
    let Some(target) = resolve(from, reference) else {
        bail!("{from} refers to {reference:?}, outside the site");
    };
    let Some(mime) = mime_for(&target) else {
        bail!("{from} refers to {target}, a kind of file the single page cannot embed");
    };
    let bytes = fs::read(dist.join(&target))
        .with_context(|| format!("{from} refers to {target}, which the site does not have"))?;
    Ok(data_url(mime, &bytes))
}

/// Replace every `url(...)` of the stylesheet `css` (at `path` in `dist`)
/// that names a file by a data: URL of that file. data: URLs and fragment
/// references (`url(#id)`) stay; comments are skipped; `@import` and other
/// origins are errors.
pub fn inline_css_urls(css: &str, path: &str, dist: &Path) -> Result<String> {
    let bytes = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            i = css[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |n| i + 2 + n + 2);
            continue;
        }
        if bytes[i] == b'@' && css[i..].to_ascii_lowercase().starts_with("@import") {
            bail!("{path} uses @import; put the rules in the stylesheet itself");
        }
        let is_url = css
            .get(i..i + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case("url("))
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'-'));
        if !is_url {
            i += 1;
            continue;
        }
        let open = i + 4;
        let Some(close) = css[open..].find(')').map(|n| open + n) else {
            bail!("{path}: a url( without its closing parenthesis");
        };
        let inner = css[open..close].trim();
        let reference = inner
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .or_else(|| inner.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
            .unwrap_or(inner);
        let lower = reference.to_ascii_lowercase();
        if !(lower.starts_with("data:") || reference.starts_with('#') || reference.is_empty()) {
            out.push_str(&css[copied..i]);
            out.push_str(&format!("url(\"{}\")", embed_file(dist, path, reference)?));
            copied = close + 1;
        }
        i = close + 1;
    }
    out.push_str(&css[copied..]);
    Ok(out)
}

/// One start tag found in the page: where it is and its attributes.
struct Tag {
    start: usize,
    end: usize,
    attributes: Vec<(String, String)>,
}

impl Tag {
    fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every start tag `<name ...>` of `html`, in order (comments skipped).
fn find_tags(html: &str, name: &str) -> Vec<Tag> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{name}");
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(n) = lower[i..].find(&open) {
        let start = i + n;
        if let Some(comment) = lower[i..start].rfind("<!--").map(|c| i + c) {
            if !lower[comment..start].contains("-->") {
                i = lower[start..]
                    .find("-->")
                    .map_or(html.len(), |e| start + e + 3);
                continue;
            }
        }
        let after = start + open.len();
        if lower
            .as_bytes()
            .get(after)
            .is_some_and(|b| !(b.is_ascii_whitespace() || *b == b'>' || *b == b'/'))
        {
            i = after;
            continue;
        }
        let (attributes, end) = parse_attributes(html, after);
        tags.push(Tag {
            start,
            end,
            attributes,
        });
        i = end;
    }
    tags
}

/// The attributes from `i` to the tag's `>`, and the index after the `>`.
fn parse_attributes(html: &str, mut i: usize) -> (Vec<(String, String)>, usize) {
    let bytes = html.as_bytes();
    let mut attributes = Vec::new();
    loop {
        i = skip_space(bytes, i);
        match bytes.get(i) {
            None => return (attributes, bytes.len()),
            Some(b'>') => return (attributes, i + 1),
            Some(b'/') => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let name_start = i;
        while bytes
            .get(i)
            .is_some_and(|b| !(b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/')))
        {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut value = String::new();
        let j = skip_space(bytes, i);
        if bytes.get(j) == Some(&b'=') {
            let k = skip_space(bytes, j + 1);
            match bytes.get(k) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = html[k + 1..]
                        .find(q as char)
                        .map_or(bytes.len(), |n| k + 1 + n);
                    value = html[k + 1..end].to_owned();
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let mut end = k;
                    while bytes
                        .get(end)
                        .is_some_and(|b| !(b.is_ascii_whitespace() || *b == b'>'))
                    {
                        end += 1;
                    }
                    value = html[k..end].to_owned();
                    i = end;
                }
            }
        }
        if name.is_empty() {
            i += 1;
        } else {
            attributes.push((name, value));
        }
    }
}

/// Replace `(start, end, text)` spans of `html` (sorted, not overlapping).
fn splice(html: &str, replacements: Vec<(usize, usize, String)>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for (start, end, text) in replacements {
        out.push_str(&html[copied..start]);
        out.push_str(&text);
        copied = end;
    }
    out.push_str(&html[copied..]);
    out
}

/// Each `<link rel="stylesheet" href>` becomes a `<style>` with the
/// stylesheet's text, its `url(...)`s inlined.
fn inline_stylesheets(html: &str, dist: &Path) -> Result<String> {
    let mut replacements = Vec::new();
    for tag in find_tags(html, "link") {
        let rel = tag.get("rel").unwrap_or("").to_ascii_lowercase();
        let href = tag.get("href").unwrap_or("");
        // Fetch hints for the served site have nothing to fetch here.
        if rel == "preload" || rel == "modulepreload" {
            replacements.push((tag.start, tag.end, String::new()));
            continue;
        }
        if !rel.split_ascii_whitespace().any(|r| r == "stylesheet") {
            if !(href.is_empty() || href.starts_with("data:") || rel.contains("canonical")) {
                bail!("{PAGE}: <link rel=\"{rel}\" href=\"{href}\"> would need a request");
            }
            continue;
        }
        if is_remote(href) {
            bail!("{PAGE} links the stylesheet {href:?} from another origin");
        }
        let Some(path) = resolve(PAGE, href) else {
            bail!("{PAGE} links the stylesheet {href:?}, outside the site");
        };
        let css = read_text(dist, &path)?;
        let css = inline_css_urls(&css, &path, dist)?;
        if css.to_ascii_lowercase().contains("</style") {
            bail!("{path} contains \"</style\", which would end the inline <style> early");
        }
        replacements.push((tag.start, tag.end, format!("<style>\n{css}</style>")));
    }
    Ok(splice(html, replacements))
}

/// Each `<img src>` naming a file of the site gets that file as a data: URL.
fn inline_images(html: &str, dist: &Path) -> Result<String> {
    let mut replacements = Vec::new();
    for tag in find_tags(html, "img") {
        let Some(src) = tag.get("src") else { continue };
        if src.starts_with("data:") {
            continue;
        }
        let url = embed_file(dist, PAGE, src)?;
        let text = &html[tag.start..tag.end];
        let Some(at) = text.find(src) else { continue };
        let start = tag.start + at;
        replacements.push((start, start + src.len(), url));
    }
    Ok(splice(html, replacements))
}

/// Replace the page's `<script type="module" src>` elements by the import
/// map and one inline module script that provides the wasm bytes and then
/// imports the entry modules in their order.
fn inline_module_scripts(
    html: &str,
    modules: &BTreeMap<String, String>,
    wasm: &BTreeMap<String, Vec<u8>>,
) -> Result<String> {
    let lower = html.to_ascii_lowercase();
    let mut entries = Vec::new();
    let mut spans = Vec::new();
    let mut replacements = Vec::new();
    for tag in find_tags(html, "script") {
        let Some(src) = tag.get("src") else {
            continue;
        };
        if is_remote(src) {
            bail!("{PAGE} loads the script {src:?} from another origin");
        }
        let path = resolve(PAGE, src).filter(|p| modules.contains_key(p));
        let Some(path) = path else {
            bail!("{PAGE} loads {src:?}, which is not a script under js/ or pkg/");
        };
        let Some(close) = lower[tag.end..].find("</script>") else {
            bail!("{PAGE}: <script src={src:?}> has no </script>");
        };
        let span = (tag.start, tag.end + close + "</script>".len());
        match tag.get("type").map(str::to_ascii_lowercase).as_deref() {
            Some("module") => {
                entries.push(module_name(&path));
                spans.push(span);
            }
            // A classic script keeps its place (and its parser-blocking
            // behaviour) with its text in a data: URL.
            None | Some("text/javascript") => replacements.push((
                span.0,
                span.1,
                format!(
                    "<script src=\"{}\"></script>",
                    data_url("text/javascript", modules[&path].as_bytes())
                ),
            )),
            Some(other) => bail!("{PAGE}: <script type={other:?}> cannot be embedded"),
        }
    }
    if entries.is_empty() {
        bail!("{PAGE} has no <script type=\"module\" src>; nothing to start the lesson");
    }
    let imports: Vec<String> = entries
        .iter()
        .map(|name| format!("await import({});", json_string(name)))
        .collect();
    let bytes: Vec<String> = wasm
        .iter()
        .map(|(name, bytes)| {
            format!(
                "{}: Uint8Array.from(atob(\"{}\"), (c) => c.charCodeAt(0))",
                json_string(name),
                STANDARD.encode(bytes)
            )
        })
        .collect();
    let loader = format!(
        "<script type=\"importmap\">\n{}\n</script>\n  <script type=\"module\">\n\
         globalThis.__SOFTMAX_WASM__ = {{ {} }};\n\
         {}\n</script>",
        import_map(modules),
        bytes.join(", "),
        imports.join("\n")
    );
    for (k, (start, end)) in spans.into_iter().enumerate() {
        let text = if k == 0 {
            loader.clone()
        } else {
            String::new()
        };
        replacements.push((start, end, text));
    }
    replacements.sort_by_key(|&(start, _, _)| start);
    Ok(splice(html, replacements))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(paths: &[&str]) -> BTreeSet<String> {
        paths.iter().map(|p| (*p).to_owned()).collect()
    }

    fn decode_data_url(url: &str) -> Vec<u8> {
        let (_, payload) = url.split_once(";base64,").unwrap();
        STANDARD.decode(payload).unwrap()
    }

    /// A throwaway site folder with the given files.
    fn site(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("xtask-single-file-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, bytes) in files {
            let file = dir.join(path);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(file, bytes).unwrap();
        }
        dir
    }

    #[test]
    fn relative_references_resolve_against_the_importing_file() {
        assert_eq!(
            resolve("js/app.js", "./explorer.js").unwrap(),
            "js/explorer.js"
        );
        assert_eq!(
            resolve("js/app.js", "../pkg/softmax_lesson.js").unwrap(),
            "pkg/softmax_lesson.js"
        );
        assert_eq!(
            resolve("style.css", "fonts/a.woff2?v=2#x").unwrap(),
            "fonts/a.woff2"
        );
        assert_eq!(resolve("js/deep/x.js", "/pkg/a.js").unwrap(), "pkg/a.js");
        assert_eq!(resolve("js/app.js", "../../secret.js"), None);
    }

    #[test]
    fn relative_specifiers_become_bare_names_and_the_rest_stays() {
        let source = r#"import init from "../pkg/softmax_lesson.js";
import * as explorer from './explorer.js';
import { a,
  b } from "./canvas.js";
export { c } from "./canvas.js";
import "./side-effect.js";
const lazy = import( "./explorer.js");
const url = new URL("../pkg/softmax_lesson_bg.wasm", import.meta.url);
const list = Array.from("./not-a-module.js");
const words = "import and from are words";
const transform = "from";
"#;
        let known = known(&[
            "pkg/softmax_lesson.js",
            "js/explorer.js",
            "js/canvas.js",
            "js/side-effect.js",
        ]);
        let out = rewrite_specifiers(source, "js/app.js", &known).unwrap();
        let expected = r#"import init from "softmax-lesson/pkg/softmax_lesson.js";
import * as explorer from 'softmax-lesson/js/explorer.js';
import { a,
  b } from "softmax-lesson/js/canvas.js";
export { c } from "softmax-lesson/js/canvas.js";
import "softmax-lesson/js/side-effect.js";
const lazy = import( "softmax-lesson/js/explorer.js");
const url = new URL("../pkg/softmax_lesson_bg.wasm", import.meta.url);
const list = Array.from("./not-a-module.js");
const words = "import and from are words";
const transform = "from";
"#;
        assert_eq!(out, expected);
    }

    #[test]
    fn an_import_of_a_missing_module_or_another_origin_stops_the_build() {
        let known = known(&["js/app.js"]);
        let missing = rewrite_specifiers(r#"import x from "./gone.js";"#, "js/app.js", &known);
        assert!(format!("{:#}", missing.unwrap_err()).contains("./gone.js"));
        let remote = rewrite_specifiers(
            r#"import x from "https://cdn.example/x.js";"#,
            "js/app.js",
            &known,
        );
        assert!(format!("{:#}", remote.unwrap_err()).contains("another origin"));
        let escape = rewrite_specifiers(r#"import "../../x.js";"#, "js/app.js", &known);
        assert!(escape.is_err());
    }

    #[test]
    fn the_import_map_maps_each_name_to_its_source_as_a_data_url() {
        let mut modules = BTreeMap::new();
        modules.insert(
            "js/app.js".to_owned(),
            "export const a = \"<\";\n".to_owned(),
        );
        modules.insert("pkg/b.js".to_owned(), "export default 1;".to_owned());
        let map = import_map(&modules);
        assert!(map.starts_with("{\n  \"imports\": {"));
        let url_of = |name: &str| {
            let key = format!("\"{name}\": \"");
            let start = map.find(&key).unwrap() + key.len();
            let end = start + map[start..].find('"').unwrap();
            map[start..end].to_owned()
        };
        let app = url_of("softmax-lesson/js/app.js");
        assert!(app.starts_with("data:text/javascript;base64,"));
        assert_eq!(decode_data_url(&app), b"export const a = \"<\";\n");
        assert_eq!(
            decode_data_url(&url_of("softmax-lesson/pkg/b.js")),
            b"export default 1;"
        );
        assert!(!map.contains('<'));
    }

    #[test]
    fn json_strings_escape_quotes_controls_and_the_end_of_a_script() {
        assert_eq!(
            json_string("a\"b\\c\n</script>"),
            r#""a\"b\\c\u000a\u003c/script>""#
        );
    }

    #[test]
    fn fonts_in_the_stylesheet_become_data_urls() {
        let dist = site(
            "css",
            &[
                ("fonts/Body.woff2", b"wOF2-body"),
                ("fonts/Math.ttf", b"ttf-math"),
            ],
        );
        let css = r#"@font-face { font-family: Body; src: url("fonts/Body.woff2") format("woff2"), url(fonts/Math.ttf?v=1); }
/* url(fonts/commented-out.woff2) */
.mask { mask: url(#m); background: url('data:image/png;base64,AAAA'); }
"#;
        let out = inline_css_urls(css, "style.css", &dist).unwrap();
        assert!(
            !out.contains("fonts/Body") && !out.contains("fonts/Math"),
            "{out}"
        );
        assert!(out.contains("/* url(fonts/commented-out.woff2) */"));
        let first = out.find("url(\"data:font/woff2;base64,").unwrap();
        let payload = &out[first + 5..];
        let payload = &payload[..payload.find('"').unwrap()];
        assert_eq!(decode_data_url(payload), b"wOF2-body");
        assert!(out.contains(&format!("url(\"{}\")", data_url("font/ttf", b"ttf-math"))));
        assert!(out.contains("url(#m)"));
        assert!(out.contains("url('data:image/png;base64,AAAA')"));
        assert!(out.contains("format(\"woff2\")"));
    }

    #[test]
    fn a_stylesheet_that_would_need_a_request_stops_the_build() {
        let dist = site("css-bad", &[]);
        for css in [
            "a { background: url(missing.png) }",
            "@font-face { src: url(https://fonts.example/x.woff2) }",
            "@import url(other.css);",
            "a { background: url(notes.txt) }",
        ] {
            assert!(inline_css_urls(css, "style.css", &dist).is_err(), "{css}");
        }
    }

    #[test]
    fn the_page_becomes_one_file_with_no_reference_to_another_file() {
        let dist = site(
            "page",
            &[
                (
                    "index.html",
                    br##"<!doctype html><html><head>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="style.css">
<!-- <script type="module" src="js/old.js"></script> -->
<script type="module" src="js/app.js"></script>
<script src="js/boot.js"></script>
</head><body><a href="#main">skip</a><img src="pic.png" alt=""></body></html>"##,
                ),
                ("style.css", b"@font-face { src: url(fonts/a.woff2) }\nbody { margin: 0 }\n"),
                ("fonts/a.woff2", b"font"),
                ("pic.png", b"png"),
                (
                    "js/app.js",
                    b"import init from \"../pkg/softmax_lesson.js\";\nimport * as p from \"./part.js\";\n",
                ),
                ("js/part.js", b"import { f } from \"../pkg/softmax_lesson.js\";\n"),
                ("js/boot.js", b"document.documentElement.dataset.theme = \"dark\";\n"),
                ("pkg/softmax_lesson.js", b"export default async function init() {}\n"),
                ("pkg/softmax_lesson_bg.wasm", b"\0asm\x01\0\0\0"),
            ],
        );
        let html = build(&dist).unwrap();
        assert!(!html.contains("href=\"style.css\""));
        assert!(!html.contains("src=\"js/app.js\""));
        assert!(!html.contains("src=\"pic.png\""));
        assert!(html.contains(&data_url("image/png", b"png")));
        assert!(html.contains("<style>\n@font-face { src: url(\"data:font/woff2;base64,"));
        assert!(html.contains("<script type=\"importmap\">"));
        assert!(html.find("importmap").unwrap() < html.find("<script type=\"module\">").unwrap());
        assert!(html.contains("await import(\"softmax-lesson/js/app.js\");"));
        assert!(html.contains(&format!(
            "atob(\"{}\")",
            STANDARD.encode(b"\0asm\x01\0\0\0")
        )));
        for name in ["js/app.js", "js/part.js", "pkg/softmax_lesson.js"] {
            assert!(
                html.contains(&format!("\"{}\": \"data:", module_name(name))),
                "{name}"
            );
        }
        let app = rewrite_specifiers(
            &fs::read_to_string(dist.join("js/app.js")).unwrap(),
            "js/app.js",
            &known(&["js/app.js", "js/part.js", "pkg/softmax_lesson.js"]),
        )
        .unwrap();
        assert!(html.contains(&data_url("text/javascript", app.as_bytes())));
        assert!(html.contains("<!-- <script type=\"module\" src=\"js/old.js\"></script> -->"));
        // The classic script stays a classic script, after the module loader.
        let boot = format!(
            "<script src=\"{}\"></script>",
            data_url(
                "text/javascript",
                b"document.documentElement.dataset.theme = \"dark\";\n"
            )
        );
        assert!(!html.contains("src=\"js/boot.js\""));
        assert!(html.find(&boot).unwrap() > html.find("<script type=\"module\">").unwrap());
        assert!(html.contains("<a href=\"#main\">"));
    }

    #[test]
    fn a_page_with_only_classic_or_remote_or_unknown_scripts_stops_the_build() {
        for script in [
            r#"<script src="js/app.js"></script>"#,
            r#"<script type="module" src="js/app.js"></script><script src="https://cdn.example/a.js"></script>"#,
            r#"<script type="module" src="js/app.js"></script><script type="text/x-template" src="js/app.js"></script>"#,
            r#"<script type="module" src="https://cdn.example/app.js"></script>"#,
            r#"<script type="module" src="js/missing.js"></script>"#,
        ] {
            let page = format!("<html><head>{script}</head></html>");
            let dist = site(
                "bad-script",
                &[
                    ("index.html", page.as_bytes()),
                    ("js/app.js", b""),
                    ("pkg/softmax_lesson_bg.wasm", b"\0asm"),
                ],
            );
            assert!(build(&dist).is_err(), "{script}");
        }
    }
}
