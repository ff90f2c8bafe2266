//! Normalisation and folding of Vietnamese text for matching.
//!
//! Real ward sites mix precomposed and decomposed Unicode, both tone-mark
//! placements ("hoà"/"hòa"), upper-case headings, text typed without
//! diacritics and odd spaces. Matching is done on a folded form: NFC, lower
//! case, diacritics removed, `đ` mapped to `d` (it does not decompose), every
//! run of non-alphanumeric characters turned into one space. Vietnamese words
//! are syllables separated by spaces, so a phrase matches only on syllable
//! boundaries: "lich" matches "lịch làm việc" but not "lịch sử" when the phrase
//! is "lich lam viec".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// NFC-normalises text and collapses every run of white space (including
/// non-breaking and zero-width spaces) into one ASCII space, trimmed.
#[must_use]
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfc() {
        if is_space(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')
}

/// Folds one character to its matching form, or `None` for a separator.
fn fold_char(c: char) -> Option<char> {
    match c {
        'đ' | 'Đ' => return Some('d'),
        // Vietnamese has no letters outside these; other scripts are kept as is.
        _ => {}
    }
    let base = c.nfd().find(|d| !is_combining_mark(*d)).unwrap_or(c);
    if base.is_alphanumeric() {
        Some(base.to_lowercase().next().unwrap_or(base))
    } else {
        None
    }
}

/// The folded form of `s`: lower case ASCII-like syllables separated by single
/// spaces, with no leading or trailing space.
#[must_use]
pub fn fold(s: &str) -> String {
    fold_inner(s, None)
}

fn fold_inner(s: &str, mut map: Option<&mut Vec<usize>>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for (offset, c) in s.char_indices() {
        // Decomposed input (base letter + combining marks) folds to the base
        // letter; the marks themselves are dropped.
        if is_combining_mark(c) {
            continue;
        }
        match fold_char(c) {
            Some(f) => {
                if pending_space {
                    out.push(' ');
                    if let Some(m) = map.as_deref_mut() {
                        m.push(offset);
                    }
                    pending_space = false;
                }
                out.push(f);
                if let Some(m) = map.as_deref_mut() {
                    m.extend(std::iter::repeat_n(offset, f.len_utf8()));
                }
            }
            None => pending_space = !out.is_empty(),
        }
    }
    out
}

/// Folded text that remembers where each folded byte came from, so a match
/// can be shown in the original words.
#[derive(Debug, Clone)]
pub struct Folded {
    folded: String,
    /// `origin[i]` is the byte offset in the original text of folded byte `i`.
    origin: Vec<usize>,
}

impl Folded {
    #[must_use]
    pub fn new(original: &str) -> Self {
        let mut origin = Vec::with_capacity(original.len());
        let folded = fold_inner(original, Some(&mut origin));
        Self { folded, origin }
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// The byte range in `original` (the text this was made from) covered by
    /// the folded byte range `start..end`.
    #[must_use]
    pub fn original_range(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let from = self.origin.get(start).copied().unwrap_or(original.len());
        let to = end
            .checked_sub(1)
            .and_then(|last| self.origin.get(last))
            .and_then(|&at| {
                original
                    .get(at..)?
                    .chars()
                    .next()
                    .map(|c| at + c.len_utf8())
            })
            .unwrap_or(original.len());
        (from, to.max(from))
    }
}

/// A phrase compiled for syllable-boundary matching against folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// The phrase as the rule file wrote it, for explanations.
    pub source: String,
    folded: String,
}

impl Phrase {
    /// Compiles a phrase; `None` when it folds to nothing (punctuation only).
    #[must_use]
    pub fn new(source: &str) -> Option<Self> {
        let folded = fold(source);
        (!folded.is_empty()).then(|| Self {
            source: source.to_owned(),
            folded,
        })
    }

    #[must_use]
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Byte offset in `folded_text` of the first whole-syllable match.
    #[must_use]
    pub fn find_in(&self, folded_text: &str) -> Option<usize> {
        find_bounded(folded_text, &self.folded, 0)
    }

    #[must_use]
    pub fn is_in(&self, folded_text: &str) -> bool {
        self.find_in(folded_text).is_some()
    }

    /// Number of whole-syllable, non-overlapping matches.
    #[must_use]
    pub fn count_in(&self, folded_text: &str) -> usize {
        let mut count = 0;
        let mut from = 0;
        while let Some(at) = find_bounded(folded_text, &self.folded, from) {
            count += 1;
            from = at + self.folded.len();
        }
        count
    }
}

fn find_bounded(hay: &str, needle: &str, mut from: usize) -> Option<usize> {
    let bytes = hay.as_bytes();
    while from <= hay.len() {
        let at = from + hay.get(from..)?.find(needle)?;
        let end = at + needle.len();
        let starts_clean = at == 0 || bytes[at - 1] == b' ';
        let ends_clean = end == hay.len() || bytes[end] == b' ';
        if starts_clean && ends_clean {
            return Some(at);
        }
        // Skip to the next character boundary after `at`.
        from = at + hay[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Returns the first phrase of `phrases` found in `folded_text`.
#[must_use]
pub fn first_match<'a>(phrases: &'a [Phrase], folded_text: &str) -> Option<&'a Phrase> {
    phrases.iter().find(|p| p.is_in(folded_text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_d_stroke() {
        assert_eq!(fold("ĐỊA GIỚI Hành chính"), "dia gioi hanh chinh");
        assert_eq!(fold("Danh bạ điện thoại"), "danh ba dien thoai");
    }

    #[test]
    fn folds_decomposed_and_both_tone_placements_alike() {
        let nfd: String = "Hòa Bình".nfd().collect();
        assert_eq!(fold(&nfd), "hoa binh");
        assert_eq!(fold("hoà"), fold("hòa"));
        assert_eq!(fold("thuỷ"), fold("thủy"));
    }

    #[test]
    fn punctuation_and_odd_spaces_become_one_space() {
        assert_eq!(fold("Văn hóa\u{a0}–\u{a0}Xã hội"), "van hoa xa hoi");
        assert_eq!(fold("  (THỦ TỤC)  "), "thu tuc");
    }

    #[test]
    fn phrases_match_on_syllable_boundaries_only() {
        let p = Phrase::new("Lịch").unwrap();
        assert!(p.is_in(&fold("Lịch công tác tuần")));
        let lam = Phrase::new("lịch làm việc").unwrap();
        assert!(!lam.is_in(&fold("lịch sử làm việc")));
        let ba = Phrase::new("ba").unwrap();
        assert!(!ba.is_in(&fold("bản đồ")));
        assert_eq!(
            Phrase::new("thủ tục")
                .unwrap()
                .count_in(&fold("Thủ tục A, thủ tục B")),
            2
        );
    }

    #[test]
    fn folded_maps_back_to_original_words() {
        let original = "Xem Danh bạ điện thoại của phường";
        let f = Folded::new(original);
        let at = Phrase::new("danh ba dien thoai")
            .unwrap()
            .find_in(f.as_str())
            .unwrap();
        let (s, e) = f.original_range(original, at, at + "danh ba dien thoai".len());
        assert_eq!(&original[s..e], "Danh bạ điện thoại");
    }

    #[test]
    fn normalize_composes_and_collapses_spaces() {
        let nfd: String = "Phường".nfd().collect();
        assert_eq!(
            normalize(&format!(" {nfd}\u{a0}\n Sao  Đỏ ")),
            "Phường Sao Đỏ"
        );
    }
}
