//! Vietnamese text handling in one place: normalisation and folding, dates, and
//! phone numbers. Every other module matches text through these functions, so a
//! fix for a new quirk of real sites lands once.

pub mod bytes;
pub mod dates;
pub mod fold;
pub mod phones;

pub use fold::{
    FoldOnce, Folded, Phrase, PhraseGroups, fold, fold_into, normalize, normalize_lines,
};

/// A ward's or commune's name after its unit word, folded: "Phường Cửa Ông"
/// → `cua ong`, "Thị trấn Kinh Môn" → `kinh mon`. `None` for a name that
/// does not start with its unit (a host name standing in for one).
#[must_use]
pub fn unit_name(name: &str) -> Option<String> {
    let folded = fold(name);
    ["phuong", "xa", "thi tran"]
        .iter()
        .find_map(|unit| folded.strip_prefix(unit)?.strip_prefix(' '))
        .filter(|rest| !rest.is_empty())
        .map(str::to_owned)
}

/// The lines of `s`, exactly as `str::lines` gives them, found with the
/// `memchr` crate's vectorised search: a page's text is split into lines
/// several times (phones, repetition, rules), and the standard library's
/// search reads a word at a time.
#[must_use]
pub fn lines(s: &str) -> Lines<'_> {
    Lines { rest: s }
}

/// The iterator of `lines`.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    /// The text after the last line given; empty when every line was given.
    rest: &'a str,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest;
        if rest.is_empty() {
            return None;
        }
        let Some(end) = memchr::memchr(b'\n', rest.as_bytes()) else {
            // The last line has no line break; a bare `\r` stays.
            self.rest = "";
            return Some(rest);
        };
        self.rest = &rest[end + 1..];
        let line = &rest[..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// Calls `check` with every text made of one to `most` of `pieces`, in
/// order: the inputs of the exhaustive tests of text handling.
#[cfg(test)]
pub(crate) fn each_concatenation(pieces: &[&str], most: usize, mut check: impl FnMut(&str)) {
    let mut texts = vec![String::new()];
    for _ in 0..most {
        texts = texts
            .iter()
            .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
            .collect();
        for text in &texts {
            check(text);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_are_those_of_the_standard_library() {
        let pieces = ["a", "\n", "\r", "\r\n", " ", "ạ", "\n\n"];
        super::each_concatenation(&pieces, 5, |text| {
            assert_eq!(
                super::lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        });
        assert_eq!(super::lines("").count(), 0);
    }
}
