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

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::bytes::{QuietBlocks, any_byte};

/// NFC-normalises text and collapses every run of white space (including
/// non-breaking and zero-width spaces) into one ASCII space, trimmed.
#[must_use]
pub fn normalize(s: &str) -> String {
    collapse_spaces(&in_nfc(s))
}

/// `s` in NFC. Most text is already NFC (precomposed Vietnamese); composing
/// it again is the costliest step of reading a page, so it is skipped when a
/// quick check proves it unnecessary.
fn in_nfc(s: &str) -> Cow<'_, str> {
    if surely_nfc(s) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// Whether every character of `s` is one NFC leaves alone and that starts
/// no composition: below U+0300 (ASCII, Latin-1, Latin Extended-A and -B
/// with ă, đ, ơ, ư), Latin Extended Additional (U+1E00–U+1EFF: ạ, ế, ữ …)
/// or the dashes, quotes and bullets of U+2010–U+203F. That is nearly all
/// Vietnamese text, decided from the UTF-8 lead bytes alone; anything else
/// goes through the full quick check.
fn surely_nfc(s: &str) -> bool {
    // Every byte on its own: continuation bytes (0x80–0xBF) and the lead
    // bytes of U+0080–U+02FF are below 0xCC, and a three-byte lead is judged
    // with the two bytes after it.
    let outside = |b: u8, next: u8, after: u8| {
        b >= 0xCC
            && !(b == 0xE1 && (0xB8..=0xBB).contains(&next))
            && !(b == 0xE2 && next == 0x80 && after >= 0x90)
    };
    !any_byte(s.as_bytes(), outside)
}

/// `normalize` of every line of `s`, empty lines left out, joined with
/// `\n`: a page's text, in one pass and one allocation.
#[must_use]
pub fn normalize_lines(s: &str) -> String {
    // NFC never composes across a line break, so the whole text may be
    // checked (and composed) at once.
    let s = in_nfc(s);
    let mut out = String::with_capacity(s.len());
    for line in super::lines(&s) {
        let mark = out.len();
        if mark > 0 {
            out.push('\n');
        }
        let start = out.len();
        collapse_into(line, &mut out);
        if out.len() == start {
            out.truncate(mark);
        }
    }
    out
}

/// Joins the words of `s` (runs between white space) with one ASCII space.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_into(s, &mut out);
    out
}

/// Appends the words of `s` to `out`, joined with one ASCII space. Works on
/// bytes and copies whole runs of words: a single ASCII space between two
/// words is kept as it is, and only other white space (line breaks,
/// indentation, runs, non-breaking spaces) breaks a run.
fn collapse_into(s: &str, out: &mut String) {
    // Built once: building a searcher on every call cost more than the
    // search on the short texts of links and list items.
    static OGHAM_SPACE: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("\u{1680}"));
    let bytes = s.as_bytes();
    // Text without U+1680 need not stop at every 0xE1 (`may_start_space`).
    let ogham = OGHAM_SPACE.find(bytes).is_some();
    let table = &SPACE_STARTS[usize::from(ogham)];
    let starts = |b: u8| table[usize::from(b)];
    // A block is passed over whole when no byte in it may start a space but
    // single spaces between words, which the loop below steps over too.
    let start = |b: u8| may_start_space(b, ogham);
    #[allow(clippy::needless_bitwise_bool)]
    let stops = |b: u8, next: u8, _| (start(b) & (b != b' ')) | ((b == b' ') & start(next));
    let mut quiet = QuietBlocks::default();
    let mut first = true;
    let mut push = |run: &str| {
        if !run.is_empty() {
            if !first {
                out.push(' ');
            }
            first = false;
            out.push_str(run);
        }
    };
    // `bytes[run..i]` is copied as it is: words and single spaces.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Inside a run (a leading space is a stop the blocks do not see).
        if i > run {
            i = quiet.pass(bytes, i, stops);
        }
        let b = bytes[i];
        if !starts(b) {
            i += 1;
            continue;
        }
        // A single space between two words stays in the run. The next byte
        // is looked at closely only when it may start a space itself.
        let inner = |next: u8| !starts(next) || space_len(bytes, i + 1) == 0;
        if b == b' ' && i > run && bytes.get(i + 1).is_some_and(|&next| inner(next)) {
            i += 1;
            continue;
        }
        let space = space_len(bytes, i);
        if space == 0 {
            i += 1;
            continue;
        }
        // Every space starts on an ASCII or lead byte: a character boundary.
        push(&s[run..i]);
        i += space;
        run = i;
    }
    push(&s[run..]);
}

/// Whether `space_len` may find a white space character at byte `b`.
/// 0xE1 leads most Vietnamese letters (ạ, ế, ữ) and only one space, U+1680:
/// it counts only when `ogham`, the text holds that space. Comparisons
/// joined without branches (`|`, not `||`), so that a block of bytes is
/// asked at once: with branches a news article took 20% more instructions.
#[allow(clippy::needless_bitwise_bool)]
const fn may_start_space(b: u8, ogham: bool) -> bool {
    ((b >= b'\t') & (b <= b'\r'))
        | (b == b' ')
        | (b == 0xC2)
        | (b == 0xE2)
        | (b == 0xE3)
        | (b == 0xEF)
        | (ogham & (b == 0xE1))
}

/// `may_start_space` of every byte, without and with U+1680 in the text:
/// one look-up costs less than the comparisons in a byte-by-byte loop.
const SPACE_STARTS: [[bool; 256]; 2] = [space_starts(false), space_starts(true)];

const fn space_starts(ogham: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = may_start_space(b as u8, ogham);
        b += 1;
    }
    table
}

/// The length in bytes of the white space character that starts at
/// `bytes[i]`, or 0: Unicode's white space, and the zero-width characters
/// editors leave in Vietnamese text (U+200B–U+200D, U+FEFF).
fn space_len(bytes: &[u8], i: usize) -> usize {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => 1,
        // U+0085, U+00A0
        0xC2 if matches!(next(1), 0x85 | 0xA0) => 2,
        // U+1680
        0xE1 if next(1) == 0x9A && next(2) == 0x80 => 3,
        // U+2000–U+200D, U+2028, U+2029, U+202F, U+205F
        0xE2 if next(1) == 0x80 && matches!(next(2), 0x80..=0x8D | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if next(1) == 0x81 && next(2) == 0x9F => 3,
        // U+3000
        0xE3 if next(1) == 0x80 && next(2) == 0x80 => 3,
        // U+FEFF
        0xEF if next(1) == 0xBB && next(2) == 0xBF => 3,
        _ => 0,
    }
}

/// How folding reads one character.
enum Fold {
    /// Its folded form, `None` for a separator.
    Char(Option<char>),
    /// A combining mark: it folds into the letter before it.
    Mark,
}

/// Folds one character. ASCII and the Latin blocks Vietnamese letters live
/// in are looked up in `latin` (`latin_table()`, passed in so a loop fetches
/// it once); the rest goes through Unicode decomposition.
fn fold_one(latin: &[Option<char>], c: char) -> Fold {
    if c.is_ascii() {
        Fold::Char(c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase()))
    } else if let Some(i) = latin_index(c) {
        Fold::Char(latin[i])
    } else if is_combining_mark(c) {
        Fold::Mark
    } else if !c.is_alphanumeric() {
        // Punctuation, dashes, quotes and symbols: separators, with nothing
        // to decompose.
        Fold::Char(None)
    } else {
        Fold::Char(fold_char_slow(c))
    }
}

/// Latin-1 Supplement to Latin Extended-B, and Latin Extended Additional
/// (where the precomposed Vietnamese letters with two marks are): code point
/// ranges and their place in the table.
const LATIN_BLOCKS: [(u32, u32, usize); 2] = [(0xC0, 0x250, 0), (0x1E00, 0x1F00, 0x190)];

/// Where `c` stands in `latin_table`, if it is in `LATIN_BLOCKS`.
fn latin_index(c: char) -> Option<usize> {
    let code = u32::from(c);
    LATIN_BLOCKS
        .iter()
        .find(|(start, end, _)| (*start..*end).contains(&code))
        .map(|(start, _, offset)| (code - start) as usize + offset)
}

/// `fold_char_slow` of every character in `LATIN_BLOCKS`, computed once.
fn latin_table() -> &'static [Option<char>] {
    static TABLE: std::sync::OnceLock<Vec<Option<char>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        LATIN_BLOCKS
            .iter()
            .flat_map(|&(start, end, _)| start..end)
            .map(|code| char::from_u32(code).and_then(fold_char_slow))
            .collect()
    })
}

fn fold_char_slow(c: char) -> Option<char> {
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
    let mut out = String::new();
    fold_inner::<false>(s, &mut out, &mut Vec::new());
    out
}

/// `fold(s)` into `out`, replacing what it held: a caller folding many
/// short texts in turn reuses one buffer.
pub fn fold_into(s: &str, out: &mut String) {
    fold_inner::<false>(s, out, &mut Vec::new());
}

/// `s` character by character as folding sees it: each character's byte
/// offset and its folded form, `None` for a separator. Combining marks
/// (decomposed input) are left out: they fold into their base letter.
pub fn fold_chars(s: &str) -> impl Iterator<Item = (usize, Option<char>)> + '_ {
    let latin = latin_table();
    s.char_indices()
        .filter_map(move |(offset, c)| match fold_one(latin, c) {
            Fold::Char(folded) => Some((offset, folded)),
            Fold::Mark => None,
        })
}

/// Each ASCII byte folded: letters and digits in lower case, 0 for a
/// separator.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// `fold`, and with `MAP` the origin of each folded byte pushed on `map`
/// (`Folded`); without, the bookkeeping is compiled out.
fn fold_inner<const MAP: bool>(s: &str, into: &mut String, map: &mut Vec<usize>) {
    // `fold_chars`, one byte at a time where it can: most of Vietnamese
    // text is ASCII, and a page's text is folded whole.
    let latin = latin_table();
    let bytes = s.as_bytes();
    let mut out = std::mem::take(into).into_bytes();
    out.clear();
    out.reserve(s.len());
    let mut pending_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let offset = i;
        let folded = if bytes[i].is_ascii() {
            i += 1;
            match ASCII_FOLD[usize::from(bytes[offset])] {
                0 => None,
                f => Some(char::from(f)),
            }
        } else {
            let c = s[i..].chars().next().expect("a character starts here");
            i += c.len_utf8();
            match fold_one(latin, c) {
                Fold::Char(folded) => folded,
                Fold::Mark => continue,
            }
        };
        let Some(f) = folded else {
            pending_space = !out.is_empty();
            continue;
        };
        if pending_space {
            out.push(b' ');
            if MAP {
                map.push(offset);
            }
            pending_space = false;
        }
        if f.is_ascii() {
            out.push(f as u8);
        } else {
            out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes());
        }
        if MAP {
            map.extend(std::iter::repeat_n(offset, f.len_utf8()));
        }
    }
    *into = String::from_utf8(out).expect("whole characters were pushed");
}

/// A text folded on first use, then kept: several checks of one page may
/// search its folded text, and most pages need it for one or none.
#[derive(Debug)]
pub struct FoldOnce<'a> {
    text: &'a str,
    folded: std::cell::OnceCell<String>,
}

impl<'a> FoldOnce<'a> {
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            folded: std::cell::OnceCell::new(),
        }
    }

    /// `fold(text)`, computed once.
    #[must_use]
    pub fn get(&self) -> &str {
        self.folded.get_or_init(|| fold(self.text))
    }
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
        let mut folded = String::new();
        fold_inner::<true>(original, &mut folded, &mut origin);
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
#[derive(Debug, Clone)]
pub struct Phrase {
    /// The phrase as the rule file wrote it, for explanations.
    pub source: String,
    folded: String,
    /// A searcher built once: every page is searched for every phrase.
    finder: memmem::Finder<'static>,
}

impl PartialEq for Phrase {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Phrase {}

impl Phrase {
    /// Compiles a phrase; `None` when it folds to nothing (punctuation only).
    #[must_use]
    pub fn new(source: &str) -> Option<Self> {
        let folded = fold(source);
        (!folded.is_empty()).then(|| Self {
            source: source.to_owned(),
            finder: memmem::Finder::new(folded.as_bytes()).into_owned(),
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
        find_bounded(folded_text, &self.finder, 0)
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
        while let Some(at) = find_bounded(folded_text, &self.finder, from) {
            count += 1;
            from = at + self.folded.len();
        }
        count
    }
}

/// Phrases in numbered groups, all looked for in one pass over a folded
/// text: which groups have a phrase in it on syllable boundaries, as
/// `Phrase::is_in` of each would say. For long lists asked about many short
/// texts: every rule's topic, menu and excluded phrases about a page's title
/// and headings, every menu label about every link the crawl finds. For a
/// handful of phrases, `Phrase::is_in` is quicker.
#[derive(Debug, Clone, Default)]
pub struct PhraseGroups {
    searcher: Option<aho_corasick::AhoCorasick>,
    /// The group of each phrase, by the searcher's pattern number.
    group_of: Vec<usize>,
    groups: usize,
}

impl PhraseGroups {
    /// `groups[g]` are the phrases of group `g`.
    #[must_use]
    pub fn new(groups: &[Vec<&Phrase>]) -> Self {
        let (mut folded, mut group_of) = (Vec::new(), Vec::new());
        for (g, phrases) in groups.iter().enumerate() {
            for p in phrases {
                folded.push(p.folded());
                group_of.push(g);
            }
        }
        // Standard semantics report every occurrence of every phrase,
        // overlapping ones and the same phrase in two groups too, so one on
        // syllable boundaries is not hidden by one that is not.
        let searcher = (!folded.is_empty())
            .then(|| aho_corasick::AhoCorasick::new(&folded).expect("phrases are short"));
        Self {
            searcher,
            group_of,
            groups: groups.len(),
        }
    }

    /// One group of `phrases`.
    #[must_use]
    pub fn one<'p>(phrases: impl IntoIterator<Item = &'p Phrase>) -> Self {
        Self::new(&[phrases.into_iter().collect()])
    }

    /// The group of each phrase found in `folded_text` on syllable
    /// boundaries, in the order found (a group once per phrase found).
    fn groups_in<'t>(&'t self, folded_text: &'t str) -> impl Iterator<Item = usize> + 't {
        let bytes = folded_text.as_bytes();
        self.searcher
            .iter()
            .flat_map(move |searcher| searcher.find_overlapping_iter(folded_text))
            .filter(move |m| on_boundaries(bytes, m.start(), m.end()))
            .map(|m| self.group_of[m.pattern().as_usize()])
    }

    /// For each group, whether one of its phrases is in `folded_text`.
    #[must_use]
    pub fn found_in(&self, folded_text: &str) -> Vec<bool> {
        let mut found = vec![false; self.groups];
        for g in self.groups_in(folded_text) {
            found[g] = true;
        }
        found
    }

    /// Whether a phrase of any group is in `folded_text`.
    #[must_use]
    pub fn any_in(&self, folded_text: &str) -> bool {
        self.groups_in(folded_text).next().is_some()
    }
}

/// Whether `bytes[start..end]` is whole syllables: at the ends of the text
/// or between spaces.
fn on_boundaries(bytes: &[u8], start: usize, end: usize) -> bool {
    (start == 0 || bytes[start - 1] == b' ') && (end == bytes.len() || bytes[end] == b' ')
}

fn find_bounded(hay: &str, needle: &memmem::Finder<'_>, mut from: usize) -> Option<usize> {
    let bytes = hay.as_bytes();
    while from <= hay.len() {
        let at = from + needle.find(bytes.get(from..)?)?;
        if on_boundaries(bytes, at, at + needle.needle().len()) {
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
    use crate::text::bytes::BLOCK;

    #[test]
    fn folds_case_diacritics_and_d_stroke() {
        assert_eq!(fold("ĐỊA GIỚI Hành chính"), "dia gioi hanh chinh");
        assert_eq!(fold("Danh bạ điện thoại"), "danh ba dien thoai");
    }

    #[test]
    fn the_fast_paths_fold_as_unicode_decomposition_does() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            match fold_one(latin_table(), c) {
                Fold::Char(folded) => {
                    assert_eq!(folded, fold_char_slow(c), "{c:?} U+{:04X}", c as u32);
                }
                // Left out of folded text, never folded itself.
                Fold::Mark => assert!(is_combining_mark(c), "U+{:04X}", c as u32),
            }
        }
    }

    /// `fold` and `Folded` as `fold_chars` defines them, one character at
    /// a time.
    fn fold_by_chars(s: &str) -> (String, Vec<usize>) {
        let (mut out, mut origin) = (String::new(), Vec::new());
        let mut pending_space = false;
        for (offset, folded) in fold_chars(s) {
            match folded {
                Some(f) => {
                    if pending_space {
                        out.push(' ');
                        origin.push(offset);
                        pending_space = false;
                    }
                    out.push(f);
                    origin.extend(std::iter::repeat_n(offset, f.len_utf8()));
                }
                None => pending_space = !out.is_empty(),
            }
        }
        (out, origin)
    }

    #[test]
    fn folding_byte_by_byte_is_folding_character_by_character() {
        let decomposed: String = "Thủ tục hành chính".nfd().collect();
        for text in [
            "ĐỊA GIỚI Hành chính – phường Hoà Bình (cũ)",
            "  Lịch\u{a0}công\u{200b}tác\ttuần 12/2026!  ",
            decomposed.as_str(),
            "\u{301}leading mark, Ⱥ grows when lowered, Ǆ, İstanbul",
            "Москва 東京 ١٢٣ — ½ ², ABC_def-99",
            "",
            "...",
            // Every character of the Latin blocks and their neighbours,
            // between letters and separators.
            &(0x80..0x300)
                .chain(0x1D80..0x1F40)
                .filter_map(char::from_u32)
                .flat_map(|c| [c, 'a', ' '])
                .collect::<String>(),
        ] {
            let (folded, origin) = fold_by_chars(text);
            assert_eq!(fold(text), folded, "{text:?}");
            let f = Folded::new(text);
            assert_eq!((f.folded.as_str(), &f.origin), (folded.as_str(), &origin));
        }
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
    fn normalize_composes_decomposed_text_and_keeps_composed_text() {
        let decomposed = "Ho\u{300}a Bi\u{300}nh";
        assert_eq!(normalize(decomposed), "Hòa Bình");
        assert_eq!(normalize("Hòa\u{a0} Bình "), "Hòa Bình");
    }

    #[test]
    fn the_byte_shortcut_only_passes_text_the_full_quick_check_passes() {
        let ranges = [0x20..0x300, 0x1E00..0x1F00, 0x2010..0x2040];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert!(surely_nfc(&s), "U+{:04X}", u32::from(c));
            assert_eq!(
                is_nfc_quick(s.chars()),
                IsNormalized::Yes,
                "U+{:04X}",
                u32::from(c)
            );
        }
        for c in ['\u{300}', '\u{2000}', '\u{2126}', '가', '\u{1F00}'] {
            // At every place in and across the blocks `any_byte` asks about.
            for before in 0..3 * BLOCK {
                for after in [0, 1, 9] {
                    let s = format!("{}{c}{}", "a".repeat(before), "b".repeat(after));
                    assert!(!surely_nfc(&s), "U+{:04X} in {s:?}", u32::from(c));
                }
            }
        }
    }

    /// White space as `normalize` means it: Unicode's, and the zero-width
    /// characters editors leave in Vietnamese text.
    fn is_space(c: char) -> bool {
        c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')
    }

    #[test]
    fn collapsing_spaces_joins_the_words_with_single_spaces() {
        let pieces = [
            "a", "ạ", "Đỏ", " ", "  ", "\n", "\u{a0}", "\u{2003}", "\u{200b}", "\t", "\u{3000}",
            "\u{1680}",
        ];
        crate::text::each_concatenation(&pieces, 4, |text| {
            let words: Vec<&str> = text.split(is_space).filter(|w| !w.is_empty()).collect();
            assert_eq!(collapse_spaces(text), words.join(" "), "{text:?}");
        });
    }

    #[test]
    fn collapsing_long_text_passes_over_blocks_of_words_and_stops_at_spaces() {
        let pieces = [
            "ạ", " ", "  ", "\n", "\u{a0}", "\u{2003}", "\u{200b}", "\t", "\u{1680}", "–",
        ];
        // Words long enough for whole blocks, at every offset to them.
        let words = "Ủy ban nhân dân phường tổ chức hội nghị triển khai nhiệm vụ";
        crate::text::each_concatenation(&pieces, 3, |text| {
            for offset in [0, 1, 7, BLOCK - 1, BLOCK + 3] {
                let text = format!("{}{text}{words}{text}{words}{text}", "x".repeat(offset));
                let expected: Vec<&str> = text.split(is_space).filter(|w| !w.is_empty()).collect();
                assert_eq!(collapse_spaces(&text), expected.join(" "), "{text:?}");
            }
        });
    }

    #[test]
    fn normalizing_lines_at_once_is_normalizing_each_line() {
        let pieces = [
            "a", "ạ", "o\u{302}", " ", "\n", "\r\n", "\u{a0}", "\u{2028}", "가", "\t",
        ];
        crate::text::each_concatenation(&pieces, 4, |text| {
            let each: Vec<String> = text
                .lines()
                .map(normalize)
                .filter(|l| !l.is_empty())
                .collect();
            assert_eq!(normalize_lines(text), each.join("\n"), "{text:?}");
        });
    }

    #[test]
    fn one_group_finds_what_its_phrases_find() {
        let phrases: Vec<Phrase> = ["lịch", "lịch công tác", "danh bạ", "a a", "ba"]
            .iter()
            .filter_map(|p| Phrase::new(p))
            .collect();
        let set = PhraseGroups::one(&phrases);
        let pieces = ["lich", " ", "cong", "tac", "a", "danh", "ba", "xa"];
        crate::text::each_concatenation(&pieces, 5, |text| {
            let folded = fold(text);
            let each = phrases.iter().any(|p| p.is_in(&folded));
            assert_eq!(set.any_in(&folded), each, "{folded:?}");
        });
        assert!(!PhraseGroups::one(&[]).any_in("lich"));
    }

    #[test]
    fn phrase_groups_find_what_their_phrases_find() {
        let phrases: Vec<Phrase> = ["lịch", "lịch công tác", "danh bạ", "a a", "ba", "lịch"]
            .iter()
            .filter_map(|p| Phrase::new(p))
            .collect();
        // The same phrase in two groups, and overlapping phrases.
        let groups: Vec<Vec<&Phrase>> = vec![
            vec![&phrases[0], &phrases[2]],
            vec![&phrases[1], &phrases[3]],
            vec![&phrases[4], &phrases[5]],
            vec![],
        ];
        let index = PhraseGroups::new(&groups);
        let pieces = ["lich", " ", "cong", "tac", "a", "danh", "ba", "xa"];
        crate::text::each_concatenation(&pieces, 5, |text| {
            let folded = fold(text);
            let each: Vec<bool> = groups
                .iter()
                .map(|g| g.iter().any(|p| p.is_in(&folded)))
                .collect();
            assert_eq!(index.found_in(&folded), each, "{folded:?}");
        });
    }

    #[test]
    fn the_latin_blocks_hold_no_combining_marks() {
        for (start, end, _) in LATIN_BLOCKS {
            for c in (start..end).filter_map(char::from_u32) {
                assert!(!is_combining_mark(c), "U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn the_byte_space_test_agrees_with_is_space_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let s = c.to_string();
            let expected = if is_space(c) { s.len() } else { 0 };
            assert_eq!(
                space_len(s.as_bytes(), 0),
                expected,
                "U+{:04X}",
                u32::from(c)
            );
        }
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
