//! Math in running text, typeset as MathML.
//!
//! The lesson's prose is written with LaTeX between dollar signs (`$x_i$`
//! inline, `$$...$$` on a line of its own). The page's HTML is typeset once
//! at build time (`cargo xtask dist` calls [`typeset`]); text the core writes
//! at run time, such as a practice problem's statement, its hints and its
//! worked solution, goes through [`text_to_html`] when it is handed to the
//! page. Either way the browser shows real MathML: typeset by the browser,
//! read as math by screen readers, with no script and no network.
//!
//! Typesetting is done by `pulldown-latex`. Two rules keep its output fit
//! for the page: a LaTeX error or a command that needs an inline `style`
//! attribute (which the page's Content-Security-Policy forbids, e.g.
//! `\color`) is refused, and a stray `<` is escaped.

use crate::Error;
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};

fn invalid(message: String) -> Error {
    Error::Invalid(message)
}

/// pulldown-latex writes the operator `<` as `<mo><</mo>`: the browser
/// recovers, but it is a parse error. Escape every `<` that does not open
/// a tag.
fn escape_stray_less_than(mathml: &str) -> String {
    let mut out = String::with_capacity(mathml.len());
    let mut chars = mathml.chars().peekable();
    while let Some(c) = chars.next() {
        let opens_tag = chars
            .peek()
            .is_some_and(|next| next.is_ascii_alphabetic() || *next == '/');
        if c == '<' && !opens_tag {
            out.push_str("&lt;");
        } else {
            out.push(c);
        }
    }
    out
}

/// One formula, `latex`, as a MathML `<math>` element: inline, or a
/// display formula when `block`.
///
/// The LaTeX source is not kept as an annotation: on a page with two
/// hundred formulas those wrappers were a sixth of all the elements the
/// browser had to style before the first view.
pub fn typeset(latex: &str, block: bool) -> Result<String, Error> {
    let latex = latex.trim();
    if latex.is_empty() {
        return Err(invalid(
            "an empty formula ($$ or $ with nothing inside)".to_owned(),
        ));
    }
    let storage = Storage::new();
    let parser = Parser::new(latex, &storage);
    let mut mathml = String::new();
    let config = RenderConfig {
        display_mode: if block {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        ..RenderConfig::default()
    };
    push_mathml(&mut mathml, parser, config)
        .map_err(|e| invalid(format!("the formula ${latex}$ could not be written: {e}")))?;
    let mathml = escape_stray_less_than(&mathml);
    if mathml.contains("<merror") {
        return Err(invalid(format!(
            "the formula ${latex}$ has a LaTeX error: {mathml}"
        )));
    }
    if mathml.contains(" style=\"") {
        return Err(invalid(format!(
            "the formula ${latex}$ needs an inline style, which the page's CSP forbids"
        )));
    }
    Ok(mathml)
}

/// Write `text` with HTML's special characters escaped.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Plain text with inline math (`$...$`; `\$` is a literal dollar sign) as
/// HTML: the text escaped, each formula typeset as MathML. Nothing in the
/// text can become markup, so the result is safe to put into the page.
pub fn text_to_html(text: &str) -> Result<String, Error> {
    let mut out = String::with_capacity(text.len() * 4);
    let mut rest = text;
    while let Some(at) = rest.find(['$', '\\']) {
        push_escaped(&mut out, &rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("\\$") {
            out.push('$');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('\\') {
            out.push('\\');
            rest = after;
        } else {
            let body = &tail[1..];
            let Some(end) = body.find('$') else {
                return Err(invalid(format!("an unclosed $ in {text:?}")));
            };
            out.push_str(&typeset(&body[..end], false)?);
            rest = &body[end + 1..];
        }
    }
    push_escaped(&mut out, rest);
    Ok(out)
}

/// [`text_to_html`], or when a formula cannot be typeset, the whole text
/// escaped as it was written: a learner still reads it, and nothing fails.
pub fn text_to_html_or_plain(text: &str) -> String {
    text_to_html(text).unwrap_or_else(|_| {
        let mut out = String::new();
        push_escaped(&mut out, text);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_math_in_text_becomes_mathml_and_the_text_is_escaped() {
        let html = text_to_html("Let $x_i$ be <b>a</b> logit & $p_1 / p_2 = e^{3}$.").unwrap();
        assert!(html.starts_with("Let <math"), "{html}");
        assert!(html.contains("<msub>"));
        assert!(html.contains("&lt;b&gt;a&lt;/b&gt; logit &amp; "), "{html}");
        assert!(!html.contains('$'));
        assert!(!html.contains("display=\"block\""));
    }

    #[test]
    fn a_dollar_can_be_written_and_a_formula_must_close() {
        assert_eq!(text_to_html("costs \\$5").unwrap(), "costs $5");
        assert!(text_to_html("an $x_1 unclosed").is_err());
        assert!(text_to_html("empty $ $ formula").is_err());
        assert_eq!(
            text_to_html_or_plain("an $x_1 <unclosed"),
            "an $x_1 &lt;unclosed"
        );
    }

    #[test]
    fn formulas_that_need_styles_or_do_not_parse_are_refused() {
        assert!(typeset("\\color{red} x", false).is_err());
        assert!(typeset("\\frac{1}", false).is_err());
        let less = typeset("a < b", false).unwrap();
        assert!(less.contains("<mo>&lt;</mo>"), "{less}");
        assert!(typeset("p_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}", true)
            .unwrap()
            .contains("display=\"block\""));
    }
}
