//! Build-time math typesetting: `$...$` and `$$...$$` in the page's HTML
//! become MathML (via `pulldown-latex`), so the page shows typeset formulas
//! with no script and no network, and screen readers read them as math.
//!
//! Rules of the source text:
//! * math is looked for only in text, never inside a tag (`<...>`);
//! * `\$` writes a literal dollar sign;
//! * inside math, `&lt;`, `&gt;` and `&amp;` stand for `<`, `>` and `&`;
//! * an unclosed `$`, a LaTeX error, or a command that would need an inline
//!   `style` attribute (forbidden by the page's Content-Security-Policy, e.g.
//!   `\color`) fails the build, naming the formula.

use anyhow::{bail, Result};

/// Replace every `$$display$$` and `$inline$` in `html` by MathML.
pub fn render(html: &str) -> Result<String> {
    let mut out = String::with_capacity(html.len() * 2);
    let mut rest = html;
    while let Some(at) = rest.find(['<', '$', '\\']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("\\$") {
            out.push('$');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('\\') {
            out.push('\\');
            rest = after;
        } else if tail.starts_with('<') {
            // Copy a whole tag (or comment) untouched.
            let end = if tail.starts_with("<!--") {
                tail.find("-->").map(|e| e + 3)
            } else {
                tail.find('>').map(|e| e + 1)
            };
            let Some(end) = end else {
                bail!("an unclosed tag: {}", snippet(tail));
            };
            out.push_str(&tail[..end]);
            rest = &tail[end..];
        } else if let Some(body) = tail.strip_prefix("$$") {
            let Some(end) = body.find("$$") else {
                bail!("an unclosed $$ (display math): {}", snippet(tail));
            };
            out.push_str(&typeset(&body[..end], true)?);
            rest = &body[end + 2..];
        } else {
            let body = &tail[1..];
            let Some(end) = body.find('$') else {
                bail!("an unclosed $ (inline math): {}", snippet(tail));
            };
            out.push_str(&typeset(&body[..end], false)?);
            rest = &body[end + 1..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn snippet(text: &str) -> String {
    text.chars().take(60).collect()
}

fn unescape(source: &str) -> String {
    source
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// One formula as MathML, by the same typesetter the core uses for the
/// text it writes at run time.
/// A display formula when `block`.
fn typeset(source: &str, block: bool) -> Result<String> {
    softmax_lesson::mathtext::typeset(&unescape(source), block).map_err(|e| anyhow::anyhow!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_display_math_become_mathml() {
        let html =
            render("<p>Let $x_i$ be a logit.</p>\n$$p_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}$$")
                .unwrap();
        assert!(html.starts_with("<p>Let <math"));
        assert!(html.contains("<msub>"));
        assert!(html.contains("display=\"block\""));
        assert!(html.contains("<mfrac>"));
        assert!(!html.contains('$'));
    }

    #[test]
    fn tags_attributes_and_escaped_dollars_are_left_alone() {
        let html = render("<a title=\"cost $5\">\\$5 and $a &lt; b$</a>").unwrap();
        assert!(html.starts_with("<a title=\"cost $5\">$5 and <math"));
        assert!(html.contains("<mo>&lt;</mo>"), "{html}");
        assert!(!html.contains("<annotation"));
    }

    #[test]
    fn broken_math_fails_the_build() {
        assert!(render("<p>$x</p>").is_err());
        assert!(render("$\\frac{1}$").is_err());
        assert!(render("$\\color{red}{x}$").is_err());
    }

    #[test]
    fn the_whole_page_typesets_with_no_dollar_left_over() {
        let www = crate::env::root().join("www");
        let index = std::fs::read_to_string(www.join("index.html")).unwrap();
        let page = crate::site::assemble(&index, &www).unwrap();
        assert!(page.matches("<math").count() > 60);
        let outside_math: String = page
            .split("<math")
            .map(|part| part.split_once("</math>").map_or(part, |(_, after)| after))
            .collect();
        assert!(!outside_math.contains('$'), "a $ was left untypeset");
    }
}
