//! `cargo xtask serve`: the site on 127.0.0.1 with strict security headers.
//!
//! Files are served by tower-http's `ServeDir` from `dist/`, as the
//! brotli or gzip copy `cargo xtask dist` wrote beside each (whichever the
//! browser accepts, with `Vary: Accept-Encoding`); a guard in
//! front of it refuses any request whose path would leave that folder
//! (`..` segments, encoded or not, absolute paths, symlinks pointing out).

use crate::site;
use anyhow::{Context, Result};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy every response carries.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; \
object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The same policy for the embed page, which any site may frame; every
/// other directive is as strict as [`CSP`].
pub const EMBED_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; \
object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *";

/// The policy for a URL path: only `/embed.html` may be framed.
pub fn csp_for(url_path: &str) -> &'static str {
    if url_path == "/embed.html" {
        EMBED_CSP
    } else {
        CSP
    }
}

/// The single-file lesson is for opening from disk: its scripts and styles
/// are inline, which the site's policy (rightly) refuses, so the server
/// hands it over as a download rather than as a page that cannot start.
pub fn disposition_for(url_path: &str) -> Option<&'static str> {
    (url_path == "/softmax-lesson.html").then_some("attachment; filename=\"softmax-lesson.html\"")
}

/// Build (unless told not to), then serve until interrupted.
pub fn run(port: u16, build: bool) -> Result<()> {
    let dir = if build {
        site::dist()?
    } else {
        site::dist_dir()
    };
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let server = Server::bind(dir.clone(), port).await?;
        println!("Serving softmax-lesson at {}", server.url());
        println!("Press Ctrl-C to stop; edits under www/ and src/ rebuild the site.");
        if build {
            std::thread::spawn(watch_and_rebuild);
        }
        server.run().await
    })
}

/// A bound, not yet running, static server.
pub struct Server {
    listener: tokio::net::TcpListener,
    root: Arc<PathBuf>,
}

impl Server {
    /// Bind 127.0.0.1:`port` (0 for any free port) to serve `dir`.
    pub async fn bind(dir: PathBuf, port: u16) -> Result<Self> {
        let root = dir
            .canonicalize()
            .with_context(|| format!("{} does not exist; run cargo xtask dist", dir.display()))?;
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
            .await
            .with_context(|| format!("could not listen on 127.0.0.1:{port}"))?;
        Ok(Server {
            listener,
            root: Arc::new(root),
        })
    }

    /// The address people open.
    pub fn url(&self) -> String {
        match self.listener.local_addr() {
            Ok(addr) => format!("http://{addr}/"),
            Err(_) => "http://127.0.0.1/".to_owned(),
        }
    }

    /// Serve forever.
    pub async fn run(self) -> Result<()> {
        let root = self.root.clone();
        let app = Router::new()
            .fallback_service(
                ServeDir::new(root.as_path())
                    .append_index_html_on_directories(true)
                    .precompressed_br()
                    .precompressed_gzip(),
            )
            .layer(middleware::from_fn(move |request: Request, next: Next| {
                let root = root.clone();
                async move { guard(&root, request, next).await }
            }))
            .layer(middleware::from_fn(
                |request: Request, next: Next| async move {
                    let path = request.uri().path().to_owned();
                    let mut response = next.run(request).await;
                    let headers = response.headers_mut();
                    headers.insert(
                        header::CONTENT_SECURITY_POLICY,
                        HeaderValue::from_static(csp_for(&path)),
                    );
                    if let Some(disposition) = disposition_for(&path) {
                        headers.insert(
                            header::CONTENT_DISPOSITION,
                            HeaderValue::from_static(disposition),
                        );
                    }
                    response
                },
            ))
            .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .layer(header_layer(header::REFERRER_POLICY, "no-referrer"))
            .layer(header_layer(header::CACHE_CONTROL, "no-cache"));
        axum::serve(self.listener, app)
            .await
            .context("the server stopped")
    }
}

fn header_layer(
    name: header::HeaderName,
    value: &'static str,
) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// Refuse requests that would read outside `root`.
async fn guard(root: &Path, request: Request, next: Next) -> Response {
    if resolves_inside(root, request.uri().path()) {
        next.run(request).await
    } else {
        (StatusCode::NOT_FOUND, Body::from("not found")).into_response()
    }
}

/// Whether the URL path names a file inside `root` (or a file that does not
/// exist, which `ServeDir` answers with 404 by itself).
fn resolves_inside(root: &Path, url_path: &str) -> bool {
    let Some(decoded) = percent_decode(url_path) else {
        return false;
    };
    if decoded.contains('\\') || decoded.contains('\0') {
        return false;
    }
    let mut path = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return false,
            s if s.contains(':') => return false,
            s => path.push(s),
        }
    }
    match path.canonicalize() {
        Ok(real) => real.starts_with(root),
        Err(_) => !path.exists(),
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn newest_change(dirs: &[PathBuf]) -> SystemTime {
    fn walk(dir: &Path, newest: &mut SystemTime) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.ends_with("pkg") {
                continue;
            }
            if path.is_dir() {
                walk(&path, newest);
            } else if let Ok(modified) = entry.metadata().and_then(|m| m.modified()) {
                *newest = (*newest).max(modified);
            }
        }
    }
    let mut newest = SystemTime::UNIX_EPOCH;
    for dir in dirs {
        walk(dir, &mut newest);
    }
    newest
}

/// Poll `www/` and `src/` once a second and rebuild `dist/` after a change.
fn watch_and_rebuild() {
    let root = crate::env::root();
    let dirs = [root.join("www"), root.join("src")];
    let mut seen = newest_change(&dirs);
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = newest_change(&dirs);
        if now > seen {
            seen = now;
            match site::dist() {
                Ok(_) => println!("rebuilt the site; reload the page"),
                Err(error) => eprintln!("rebuild failed: {error:#}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-serve-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("site/pkg")).unwrap();
        std::fs::write(dir.join("site/index.html"), "hi").unwrap();
        std::fs::write(dir.join("secret.txt"), "no").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("site/link.txt")).unwrap();
        dir.join("site").canonicalize().unwrap()
    }

    #[test]
    fn the_single_file_is_a_download() {
        assert_eq!(
            disposition_for("/softmax-lesson.html"),
            Some("attachment; filename=\"softmax-lesson.html\"")
        );
        assert_eq!(disposition_for("/index.html"), None);
        assert_eq!(disposition_for("/embed.html"), None);
    }

    #[test]
    fn only_the_embed_page_may_be_framed() {
        assert_eq!(csp_for("/embed.html"), EMBED_CSP);
        for path in [
            "/",
            "/index.html",
            "/embed.html/",
            "/x/embed.html",
            "/EMBED.html",
        ] {
            assert_eq!(csp_for(path), CSP, "{path}");
        }
        assert!(CSP.ends_with("frame-ancestors 'none'"));
        assert_eq!(
            EMBED_CSP.replace("frame-ancestors *", "frame-ancestors 'none'"),
            CSP
        );
    }

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        let root = site();
        assert!(resolves_inside(&root, "/index.html"));
        assert!(resolves_inside(&root, "/"));
        assert!(resolves_inside(&root, "/missing.js"));
        assert!(!resolves_inside(&root, "/../secret.txt"));
        assert!(!resolves_inside(&root, "/%2e%2e/secret.txt"));
        assert!(!resolves_inside(&root, "/%2E%2E%2Fsecret.txt"));
        assert!(!resolves_inside(&root, "/pkg/..%5c..%5csecret.txt"));
        assert!(!resolves_inside(&root, "/C:/Windows"));
        assert!(!resolves_inside(&root, "/link.txt"));
        assert!(!resolves_inside(&root, "/%zz"));
    }
}
