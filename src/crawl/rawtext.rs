//! Scripts and style sheets emptied before a page is parsed.
//!
//! Nothing ward-audit reads is inside `<script>` or `<style>`, yet CMS
//! themes inline whole style sheets and script libraries, and the HTML
//! parser walks their text one character at a time: on the benchmark pages
//! that was over half of the parse (`BENCHMARKS.md`). A cheap scan of the
//! tags finds them and drops their content, keeping the elements
//! themselves, so the parser builds the same tree but for that text.
//!
//! The scan follows the HTML tokenizer where it matters for finding these
//! elements: quoted attribute values, comments, and the other elements whose
//! content is not markup (`<title>`, `<textarea>`, `<iframe>` …) or not HTML
//! (`<svg>`, `<math>`), which are passed over whole. Where it cannot be sure it would agree with the
//! parser (a script that opens a comment and another `<script>` inside it)
//! it stops emptying and leaves the rest of the page as it is.

use std::borrow::Cow;

/// Elements whose content is emptied.
const EMPTIED: &[&[u8]] = &[b"script", b"style"];
/// Elements passed over whole and kept as they are: those whose content is
/// text, not markup, and `svg` and `math`, inside which `<script>` and
/// `<style>` are markup too.
const KEPT: &[&[u8]] = &[
    b"title",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
    b"svg",
    b"math",
];

/// `html` with the content of every `<script>` and `<style>` removed;
/// borrowed when there is none.
#[must_use]
pub fn without_scripts_and_styles(html: &str) -> Cow<'_, str> {
    split(html).html
}

/// A page split into its markup and its scripts.
#[derive(Debug)]
pub struct Split<'a> {
    /// The page with the content of every `<script>` and `<style>` removed.
    pub html: Cow<'a, str>,
    /// The content of each `<script>` removed, in order.
    pub scripts: Vec<&'a str>,
}

/// `without_scripts_and_styles`, keeping what the scripts held.
#[must_use]
pub fn split(html: &str) -> Split<'_> {
    let bytes = html.as_bytes();
    // (start, end) of each content removed, in order.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut scripts = Vec::new();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        let lt = i + at;
        let Some(step) = read_markup(bytes, lt) else {
            break;
        };
        match step {
            Markup::Text => i = lt + 1,
            Markup::Skip(end) => i = end,
            Markup::StartTag { name, end } => {
                i = end;
                let emptied = EMPTIED.iter().any(|n| n.eq_ignore_ascii_case(name));
                if emptied || KEPT.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    let close = end_tag(bytes, end, name);
                    let content_end = close.unwrap_or(bytes.len());
                    if emptied && name.eq_ignore_ascii_case(b"script") {
                        // A comment opened in a script may hide a `</script>`
                        // from the parser ("double escaped" script data).
                        let content = &bytes[end..content_end];
                        if memchr::memmem::find(content, b"<!--").is_some()
                            && find_ignore_case(content, b"<script").is_some()
                        {
                            break;
                        }
                    }
                    if emptied && content_end > end {
                        cuts.push((end, content_end));
                        if name.eq_ignore_ascii_case(b"script") {
                            scripts.push(&html[end..content_end]);
                        }
                    }
                    match close {
                        Some(close) => i = close,
                        None => break,
                    }
                } else if name.eq_ignore_ascii_case(b"plaintext") {
                    break;
                }
            }
        }
        if i >= bytes.len() {
            break;
        }
    }
    if cuts.is_empty() {
        return Split {
            html: Cow::Borrowed(html),
            scripts,
        };
    }
    let removed: usize = cuts.iter().map(|(s, e)| e - s).sum();
    let mut out = String::with_capacity(html.len() - removed);
    let mut from = 0;
    for (start, end) in cuts {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Split {
        html: Cow::Owned(out),
        scripts,
    }
}

/// What a `<` starts.
enum Markup<'a> {
    /// Nothing: the `<` is text.
    Text,
    /// A comment, end tag, doctype or the like, ending before `end`.
    Skip(usize),
    /// A start tag, ending before `end`.
    StartTag { name: &'a [u8], end: usize },
}

/// Reads the markup at `bytes[lt] == b'<'`; `None` when it runs to the end
/// of the page (an unclosed comment or tag: nothing after it is markup).
fn read_markup(bytes: &[u8], lt: usize) -> Option<Markup<'_>> {
    let rest = &bytes[lt + 1..];
    match rest.first() {
        Some(b'!') if rest.starts_with(b"!--") => {
            // "<!-->" and "<!--->" close at once.
            let body = lt + 4;
            for abrupt in [&b">"[..], b"->"] {
                if bytes[body..].starts_with(abrupt) {
                    return Some(Markup::Skip(body + abrupt.len()));
                }
            }
            // It ends at "-->" or "--!>".
            let mut i = body;
            loop {
                let dashes = i + memchr::memmem::find(&bytes[i..], b"--")?;
                let after = &bytes[dashes + 2..];
                if after.starts_with(b">") {
                    return Some(Markup::Skip(dashes + 3));
                }
                if after.starts_with(b"!>") {
                    return Some(Markup::Skip(dashes + 4));
                }
                i = dashes + 1;
            }
        }
        Some(b'!' | b'?') => {
            let close = memchr::memchr(b'>', rest)?;
            Some(Markup::Skip(lt + 1 + close + 1))
        }
        Some(b'/') => match rest.get(1) {
            Some(b) if b.is_ascii_alphabetic() => Some(Markup::Skip(tag_end(bytes, lt + 2)?)),
            Some(b'>') => Some(Markup::Skip(lt + 3)),
            // "</3" and the like: a bogus comment up to the next ">".
            Some(_) => Some(Markup::Skip(lt + 2 + memchr::memchr(b'>', &rest[1..])? + 1)),
            None => Some(Markup::Text),
        },
        Some(b) if b.is_ascii_alphabetic() => {
            let start = lt + 1;
            let len = rest
                .iter()
                .position(|&b| ends_name(b))
                .unwrap_or(rest.len());
            let end = tag_end(bytes, start + len)?;
            Some(Markup::StartTag {
                name: &bytes[start..start + len],
                end,
            })
        }
        _ => Some(Markup::Text),
    }
}

/// Just past the `>` that closes the tag whose attributes start at `from`,
/// passing over quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        let at = i + memchr::memchr3(b'>', b'"', b'\'', &bytes[i..])?;
        if bytes[at] == b'>' {
            return Some(at + 1);
        }
        // A quote opens a value only right after `=` (spaces allowed);
        // what lies before `i` ends in a value's closing quote.
        let after_equals = bytes[i..at]
            .iter()
            .rev()
            .find(|b| !is_space(**b))
            .is_some_and(|&b| b == b'=');
        i = if after_equals {
            at + 1 + memchr::memchr(bytes[at], &bytes[at + 1..])? + 1
        } else {
            at + 1
        };
    }
}

/// Where the end tag `</name` (followed by a space, `/` or `>`, in any case)
/// starts, looking from `from`.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    loop {
        let at = i + memchr::memmem::find(&bytes[i..], b"</")?;
        let after = at + 2 + name.len();
        let named = bytes
            .get(at + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if named && bytes.get(after).is_none_or(|&b| ends_name(b)) {
            return Some(at);
        }
        i = at + 2;
    }
}

fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// HTML's white space between attributes.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

/// Whether `b` ends a tag's name: white space, `/` or `>`.
fn ends_name(b: u8) -> bool {
    is_space(b) || b == b'/' || b == b'>'
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Node};
    use std::fmt::Write as _;

    /// The parsed tree as text, leaving out what is inside scripts and styles.
    fn tree(html: &str) -> String {
        let doc = Html::parse_document(html);
        let mut out = String::new();
        for edge in doc.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) => match node.value() {
                    Node::Element(el) => {
                        out.push('<');
                        out.push_str(el.name());
                        for (k, v) in el.attrs() {
                            let _ = write!(out, " {k}={v:?}");
                        }
                        out.push('>');
                    }
                    Node::Text(t) => {
                        let raw = node
                            .parent()
                            .and_then(|p| p.value().as_element())
                            .is_some_and(|p| matches!(p.name(), "script" | "style"));
                        if !raw {
                            out.push_str(t);
                        }
                    }
                    Node::Comment(c) => {
                        let _ = write!(out, "<!--{}-->", &**c);
                    }
                    _ => {}
                },
                ego_tree::iter::Edge::Close(node) => {
                    if let Node::Element(el) = node.value() {
                        let _ = write!(out, "</{}>", el.name());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn empties_scripts_and_styles_and_keeps_the_rest() {
        let html = r#"<html><head><STYLE type="text/css">p > a { color: red }</STYLE >
            <script>if (a < b && c > d) { document.write("<p>x</p>"); }</script></head>
            <body><p title="<script>">Lịch công tác</p><script src="/a.js"></script></body></html>"#;
        let light = without_scripts_and_styles(html);
        assert!(!light.contains("color"), "{light}");
        assert!(!light.contains("document.write"), "{light}");
        assert!(light.contains(r#"<p title="<script>">Lịch công tác</p>"#));
        assert_eq!(tree(&light), tree(html));
        // A quote that follows no `=` opens no value.
        let odd = r#"<i "x><script>gone</script><b>kept</b>"#;
        assert_eq!(
            without_scripts_and_styles(odd),
            r#"<i "x><script></script><b>kept</b>"#
        );
    }

    #[test]
    fn a_page_without_scripts_is_not_copied() {
        assert!(matches!(
            without_scripts_and_styles("<p>a < b</p>"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_parser_builds_the_same_tree_from_the_emptied_page() {
        // Every way these pieces combine, up to four at a time: the emptied
        // page must parse to the same tree as the whole page, scripts' and
        // styles' own text aside.
        let pieces = [
            "<script>",
            "</script>",
            "<style>",
            "</STYLE >",
            "<!--",
            "-->",
            "<title>",
            "</title>",
            "<a b=\"",
            "<i ",
            "\"",
            "'",
            ">",
            "x",
            "<p>",
            "</scriptx>",
            "<script/>",
            "<!-->",
        ];
        crate::text::each_concatenation(&pieces, 4, |html| {
            let light = without_scripts_and_styles(html);
            assert_eq!(tree(&light), tree(html), "{html:?} became {light:?}");
        });
    }
}
