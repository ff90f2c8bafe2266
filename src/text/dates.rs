//! Dates as Vietnamese sites write them.
//!
//! Day first always: `04/11/2022`, unpadded `01/5/1947`, `17 - 05 - 2024`,
//! `30.05.2020`, `ngày 01 tháng 3 năm 2019`, and ISO `2024-05-17` in meta tags
//! and URLs. Each hit records whether a clock time (`09:54`, `10h06`) stands
//! next to it, which marks a publication stamp rather than a date in prose.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::bytes::{QuietBlocks, any_byte};

/// One date found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateHit {
    pub date: NaiveDate,
    /// Byte range of the match in the searched text.
    pub start: usize,
    pub end: usize,
    /// A clock time stands within a few characters of the date.
    pub has_time: bool,
    /// The month is a word ("18 Tháng mười một, 2026"): how `WordPress`
    /// writes a post's date, never a schedule's days.
    pub month_named: bool,
}

static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s*(?:,\s*)?năm\s+((?:19|20)[0-9]{2})",
    )
    .expect("valid regex")
});
/// Dates with the month in words, as `WordPress`'s Vietnamese locale writes
/// them: "18 Tháng mười một, 2026", "Tháng Mười Một 18, 2026", "8 Tháng
/// Mười, 2026", "Tháng 11 18, 2026": "tháng" alone, then the month and
/// year after a day before it, or the month, day and year after it.
static MONTH_WORDS: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    let month =
        r"(mười\s+một|mười\s+hai|mười|một|giêng|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|[0-9]{1,2})";
    let year = r"((?:19|20)[0-9]{2})";
    // "tháng" alone is searched for (a literal, which the search skips to);
    // the two forms are then read from there, anchored.
    [
        r"(?i)tháng".to_owned(),
        format!(r"(?i)^tháng\s+{month}\s*,\s*{year}"),
        format!(r"(?i)^tháng\s+{month}\s+([0-9]{{1,2}})\s*,\s*{year}"),
    ]
    .map(|re| Regex::new(&re).expect("valid regex"))
});

/// The dates of `text` with the month in words (`MONTH_WORDS`): "18
/// Tháng mười một, 2026" (the day before "tháng") or "Tháng Mười Một 18,
/// 2026" (after the month), no digit running on at either end.
fn months_in_words<const QUICK: bool>(text: &str) -> Vec<DateHit> {
    let [thang, day_first, month_first] = &*MONTH_WORDS;
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    for found in thang.find_iter(text) {
        let from = found.start();
        let joined = |at: usize| {
            text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        };
        // "tháng" stands after a space or a sign, not inside a word.
        if joined(from) {
            continue;
        }
        let rest = &text[from..];
        // The day before "tháng": one or two digits and white space.
        let spaced = text[..from].trim_end_matches(char::is_whitespace);
        let digits = spaced.len() - spaced.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let day_start = spaced.len() - digits;
        let day_first_date =
            (spaced.len() < from && (1..=2).contains(&digits) && !joined(day_start))
                .then(|| day_first.captures(rest))
                .flatten();
        let (day, month, year, start, end) = if let Some(caps) = day_first_date {
            (
                &spaced[day_start..],
                caps.get(1),
                caps.get(2),
                day_start,
                caps[0].len(),
            )
        } else if let Some(caps) = month_first.captures(rest) {
            let Some(day) = caps.get(2) else { continue };
            (day.as_str(), caps.get(1), caps.get(3), from, caps[0].len())
        } else {
            continue;
        };
        let end = from + end;
        if bytes.get(end).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let (Some(month), Some(year)) = (month, year) else {
            continue;
        };
        let date = month_number(month.as_str()).and_then(|m| {
            NaiveDate::from_ymd_opt(year.as_str().parse().ok()?, m, day.parse().ok()?)
        });
        if let Some(date) = date {
            hits.push(DateHit {
                month_named: true,
                ..hit::<QUICK>(text, date, start, end)
            });
        }
    }
    hits
}

/// The month a Vietnamese month word stands for ("mười một" is 11).
fn month_number(word: &str) -> Option<u32> {
    let folded = super::fold(word);
    Some(match folded.as_str() {
        "mot" | "gieng" => 1,
        "hai" => 2,
        "ba" => 3,
        "tu" | "bon" => 4,
        "nam" => 5,
        "sau" => 6,
        "bay" => 7,
        "tam" => 8,
        "chin" => 9,
        "muoi" => 10,
        "muoi mot" => 11,
        "muoi hai" => 12,
        digits => digits.parse().ok().filter(|m| (1..=12).contains(m))?,
    })
}

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[0-9]{1,2}\s?(?::|h)\s?[0-9]{2}(?::[0-9]{2})?\b").expect("valid regex")
});

/// How far (in bytes) a clock time may stand from a date to belong to it;
/// only spaces and punctuation may stand between them.
const TIME_REACH: usize = 6;

/// Every date in `text`, in order of appearance, invalid calendar dates
/// (31/02) dropped.
#[must_use]
pub fn find_dates(text: &str) -> Vec<DateHit> {
    find_dates_with::<true>(text)
}

/// `find_dates`; `QUICK` false asks `WORDS` and `TIME` of every text,
/// without the cheap checks that tell they cannot match (for the tests,
/// which compare the two).
fn find_dates_with<const QUICK: bool>(text: &str) -> Vec<DateHit> {
    let mut hits = Vec::new();
    // Most short texts hold no digit at all.
    if !any_byte(text.as_bytes(), is_digit) {
        return hits;
    }
    let span = |(start, end): (usize, usize)| &text[start..end];
    // Day-first dates, then dates in words, then ISO dates: the order the
    // three were first searched for in, which decides between overlapping
    // dates that start at the same byte.
    let mut iso = Vec::new();
    for_each_date_shape(text, |shaped| {
        let Some(date) = ymd(span(shaped.year), span(shaped.month), span(shaped.day)) else {
            return;
        };
        let found = hit::<QUICK>(text, date, shaped.whole.0, shaped.whole.1);
        match shaped.shape {
            Shape::Numeric => hits.push(found),
            Shape::Iso => iso.push(found),
        }
    });
    // One set of capture slots for every match: `captures_iter` would
    // allocate one per match.
    let mut groups = WORDS.capture_locations();
    let mut at = 0;
    let words = !QUICK || may_hold_words_date(text.as_bytes());
    while let Some(whole) = words
        .then(|| WORDS.captures_read_at(&mut groups, text, at))
        .flatten()
    {
        at = whole.end();
        let (Some(d), Some(m), Some(y)) = (groups.get(1), groups.get(2), groups.get(3)) else {
            continue;
        };
        if let Some(date) = ymd(span(y), span(m), span(d)) {
            hits.push(hit::<QUICK>(text, date, whole.start(), whole.end()));
        }
    }
    if words {
        hits.extend(months_in_words::<QUICK>(text));
    }
    hits.append(&mut iso);
    hits.sort_by_key(|h| h.start);
    hits.dedup_by(|a, b| a.start < b.end && b.start < a.end);
    hits
}

/// Whether `bytes` holds "thá" or "THÁ" in any case: a date in words has
/// "tháng", and most texts hold no such syllable. The search for one costs
/// less than a call to `WORDS` on a short text (a listed post's row).
/// Comparisons joined without branches, as in `fold::may_start_space`, so
/// that `any_byte` asks a block of bytes at once.
#[allow(clippy::needless_bitwise_bool)]
fn may_hold_words_date(bytes: &[u8]) -> bool {
    // "há" in any case: `h`/`H`, then á (C3 A1) or Á (C3 81).
    let ha = |a: u8, b: u8, c: u8| (a | 0x20 == b'h') & (b == 0xC3) & ((c == 0xA1) | (c == 0x81));
    any_byte(bytes, ha)
        && bytes
            .windows(4)
            .any(|w| w[0] | 0x20 == b't' && ha(w[1], w[2], w[3]))
}

/// The longest text read as a relative stamp, in bytes: "Đăng lúc: 3 ngày
/// trước · Tin hoạt động" fits, a sentence does not.
pub const RELATIVE_MAX: usize = 64;

/// Words besides the relative date itself that a stamp may hold: a label
/// ("Đăng", "lúc"), a clock time, a section name.
const RELATIVE_OTHER_WORDS: usize = 6;

/// The day a short stamp written relative to the day it was read names:
/// "5 giờ trước", "3 ngày trước", "2 tuần trước", "1 tháng trước", "Hôm
/// qua 16:40", "Hôm nay", "Vừa xong", or in English "3 days ago",
/// "Yesterday". `today` is the day the page was read (the audit's as-of
/// date). A week is 7 days, a month 30, a year 365.
///
/// Only a short text counts (at most `RELATIVE_MAX` bytes and a few words
/// besides the date: a list's "3 ngày trước · Tin hoạt động"): in a
/// sentence "3 ngày trước khi khai mạc" says nothing of when the page went
/// up. "Cập nhật 4 ngày trước" is an update, not a stamp.
#[must_use]
pub fn relative_stamp(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    if text.len() > RELATIVE_MAX || !may_hold_relative(text.as_bytes()) {
        return None;
    }
    let folded = super::fold(text);
    let words: Vec<&str> = folded.split(' ').collect();
    let (days, len, worded) = relative_words(&words)?;
    // An update is not a stamp; a text with a date of its own ("Hôm nay:
    // Thứ Sáu, 20/11/2026", a header clock) is read by that date.
    if words.len() - len > RELATIVE_OTHER_WORDS
        || folded.contains("cap nhat")
        || folded.contains("updated")
        || !find_dates(text).is_empty()
    {
        return None;
    }
    // "Hôm nay: 214", "Hôm qua: 1.234" count visitors; a stamp's number is
    // a clock time ("Hôm qua lúc 16:40").
    if worded && any_byte(text.as_bytes(), is_digit) && !TIME.is_match(text) {
        return None;
    }
    today.checked_sub_signed(chrono::TimeDelta::days(days))
}

/// The first relative date in folded words: how many days back it reaches,
/// how many words it takes, and whether it is said in words ("hôm qua")
/// rather than counted ("3 ngày trước").
fn relative_words(words: &[&str]) -> Option<(i64, usize, bool)> {
    let number = |w: &str| w.parse::<i64>().ok().filter(|n| (0..1000).contains(n));
    let counted = |i: usize| {
        let n = number(words[i])?;
        let (days, ago) = match *words.get(i + 1)? {
            "giay" | "phut" | "gio" | "tieng" => (0, "truoc"),
            "ngay" => (n, "truoc"),
            "tuan" => (7 * n, "truoc"),
            "thang" => (30 * n, "truoc"),
            "nam" => (365 * n, "truoc"),
            "second" | "seconds" | "sec" | "secs" | "minute" | "minutes" | "min" | "mins"
            | "hour" | "hours" | "hr" | "hrs" => (0, "ago"),
            "day" | "days" => (n, "ago"),
            "week" | "weeks" => (7 * n, "ago"),
            "month" | "months" => (30 * n, "ago"),
            "year" | "years" => (365 * n, "ago"),
            _ => return None,
        };
        // "2 ngày trước khi khai mạc", "… trước Tết", "… trước ngày bầu
        // cử": a time before something, not before today.
        let before_something = matches!(
            words.get(i + 3).copied(),
            Some(
                "khi"
                    | "do"
                    | "day"
                    | "ngay"
                    | "thoi"
                    | "han"
                    | "ky"
                    | "tet"
                    | "le"
                    | "so"
                    | "ke"
                    | "hoi"
                    | "dai"
                    | "phien"
                    | "cuoc"
                    | "buoi"
                    | "the"
            )
        );
        (words.get(i + 2) == Some(&ago) && !before_something).then_some((days, 3, false))
    };
    // "Hôm qua" and its like only open the stamp, after a label at most: at
    // the end of a short title ("Tân An hôm nay") they are no stamp.
    let labels = words
        .iter()
        .take_while(|w| matches!(**w, "dang" | "luc" | "ngay" | "posted" | "published" | "on"))
        .count();
    let opening = words.get(labels).copied().unwrap_or("");
    let next = words.get(labels + 1).copied().unwrap_or("");
    let worded = match (opening, next) {
        ("hom", "qua") => Some((1, 2 + labels, true)),
        ("hom", "nay") | ("vua", "xong") | ("just", "now") => Some((0, 2 + labels, true)),
        ("yesterday", _) => Some((1, 1 + labels, true)),
        ("today", _) => Some((0, 1 + labels, true)),
        _ => None,
    };
    worded.or_else(|| (0..words.len()).find_map(counted))
}

/// Whether `bytes` may hold a relative date: "trư"/"tru" (trước), "ho"/"hô"
/// (hôm), "ago", "day" (today, yesterday), "xon" (xong), "now", in any case.
/// Most short texts of a list (titles, sections) are passed over without
/// being folded.
#[allow(clippy::needless_bitwise_bool)]
fn may_hold_relative(bytes: &[u8]) -> bool {
    let hit = |a: u8, b: u8, c: u8| {
        let (a, lb, lc) = (a | 0x20, b | 0x20, c | 0x20);
        ((a == b't') & (lb == b'r') & ((c == 0xC6) | (lc == b'u')))
            | ((a == b'h') & ((lb == b'o') | ((b == 0xC3) & ((c == 0xB4) | (c == 0x94)))))
            | ((a == b'a') & (lb == b'g') & (lc == b'o'))
            | ((a == b'd') & (lb == b'a') & (lc == b'y'))
            | ((a == b'x') & (lb == b'o') & (lc == b'n'))
            | ((a == b'n') & (lb == b'o') & (lc == b'w'))
    };
    any_byte(bytes, hit)
}

/// Parses the date part of an ISO 8601 stamp (`2026-11-18T08:30:00+07:00`).
#[must_use]
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let span = |(start, end): (usize, usize)| &s[start..end];
    let mut date = None;
    for_each_date_shape(s, |found| {
        if found.shape == Shape::Iso && date.is_none() {
            date = ymd(span(found.year), span(found.month), span(found.day));
        }
    });
    date
}

/// The two numeric shapes of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Day first: `04/11/2022`, `1/5/1947`, `17 - 05 - 2024`, `30.05.2020`:
    /// one or two digits, a separator (`/`, `.` or `-`, with at most one
    /// white-space character on each side), one or two digits, a
    /// separator, and a year from 1900 to 2099.
    Numeric,
    /// `2024-05-17`, `2024-5-7`: a year from 1900 to 2099, `-`, one or two
    /// digits, `-`, one or two digits.
    Iso,
}

/// A date-shaped run of a text, by byte ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shaped {
    shape: Shape,
    day: (usize, usize),
    month: (usize, usize),
    year: (usize, usize),
    whole: (usize, usize),
}

/// Calls `found` with every date-shaped run of `text` that no digit
/// touches before or after ("112/11/2026" holds none), in order. The two
/// shapes are read independently, each going on after the last one it
/// found.
///
/// These were regular expressions; a scan reads them the same way (the
/// expressions are kept in the tests and compared with it on every short
/// mix of digits, separators and spaces) and passes over text without
/// digits a block at a time. A date starts with a digit that follows no
/// digit, so only the starts of runs of digits are looked at, and each
/// shape is read greedily there: taking one digit of two, or no space,
/// would leave the next element looking at a digit or a space, which it
/// never accepts.
fn for_each_date_shape(text: &str, mut found: impl FnMut(Shaped)) {
    let bytes = text.as_bytes();
    let (mut numeric_from, mut iso_from) = (0, 0);
    let mut quiet = QuietBlocks::default();
    let mut i = 0;
    while i < bytes.len() {
        i = quiet.pass(bytes, i, is_digit);
        if digit_at(bytes, i) && (i == 0 || !digit_at(bytes, i - 1)) {
            let bounded = |date: &Shaped| !digit_at(bytes, date.whole.1);
            if i >= numeric_from {
                if let Some(date) = numeric_at(text, i).filter(bounded) {
                    numeric_from = date.whole.1;
                    found(date);
                }
            }
            if i >= iso_from {
                if let Some(date) = iso_at(bytes, i).filter(bounded) {
                    iso_from = date.whole.1;
                    found(date);
                }
            }
        }
        i += 1;
    }
}

/// A date in `Shape::Numeric` starting at `at`.
fn numeric_at(text: &str, at: usize) -> Option<Shaped> {
    let bytes = text.as_bytes();
    let sep = |i: usize| matches!(bytes.get(i), Some(b'/' | b'.' | b'-'));
    let day_end = one_or_two_digits(bytes, at)?;
    let i = past_one_space(text, day_end);
    if !sep(i) {
        return None;
    }
    let month = past_one_space(text, i + 1);
    let month_end = one_or_two_digits(bytes, month)?;
    let i = past_one_space(text, month_end);
    if !sep(i) {
        return None;
    }
    let year = past_one_space(text, i + 1);
    let year_end = year_at(bytes, year)?;
    Some(Shaped {
        shape: Shape::Numeric,
        day: (at, day_end),
        month: (month, month_end),
        year: (year, year_end),
        whole: (at, year_end),
    })
}

/// A date in `Shape::Iso` starting at `at`.
fn iso_at(bytes: &[u8], at: usize) -> Option<Shaped> {
    let dash = |i: usize| bytes.get(i) == Some(&b'-');
    let year_end = year_at(bytes, at)?;
    if !dash(year_end) {
        return None;
    }
    let month_end = one_or_two_digits(bytes, year_end + 1)?;
    if !dash(month_end) {
        return None;
    }
    let day_end = one_or_two_digits(bytes, month_end + 1)?;
    Some(Shaped {
        shape: Shape::Iso,
        day: (month_end + 1, day_end),
        month: (year_end + 1, month_end),
        year: (at, year_end),
        whole: (at, day_end),
    })
}

/// Where one or two ASCII digits at `at` end (two when there are two).
fn one_or_two_digits(bytes: &[u8], at: usize) -> Option<usize> {
    match (digit_at(bytes, at), digit_at(bytes, at + 1)) {
        (true, true) => Some(at + 2),
        (true, false) => Some(at + 1),
        _ => None,
    }
}

/// Whether an ASCII digit stands at `i` (not past the end).
fn digit_at(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_some_and(u8::is_ascii_digit)
}

/// The question `text::bytes` asks of each byte: is it a digit?
fn is_digit(b: u8, _: u8, _: u8) -> bool {
    b.is_ascii_digit()
}

/// Where a year from 1900 to 2099 at `at` ends.
fn year_at(bytes: &[u8], at: usize) -> Option<usize> {
    let year = bytes.get(at..at + 4)?;
    let century = matches!(&year[..2], b"19" | b"20");
    (century && year[2].is_ascii_digit() && year[3].is_ascii_digit()).then_some(at + 4)
}

/// Past one white-space character at `at` (`\s?`), if there is one there.
fn past_one_space(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .filter(|c| c.is_whitespace())
        .map_or(at, |c| at + c.len_utf8())
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn hit<const QUICK: bool>(text: &str, date: NaiveDate, start: usize, end: usize) -> DateHit {
    let gap = |s: &str| s.len() <= TIME_REACH && !s.chars().any(char::is_alphanumeric);
    let mut from = start.saturating_sub(TIME_REACH + 12);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    // A time next to the date ends (before) or starts (after) with a digit
    // at most `TIME_REACH` bytes away, and has a `:` or an `h`: without
    // those, `TIME` is not asked. Most dates in lists stand alone.
    let bytes = text.as_bytes();
    let clock_mark = |s: &[u8]| s.iter().any(|b| matches!(b, b':' | b'h' | b'H'));
    let digit_in = |s: &[u8]| s.iter().any(u8::is_ascii_digit);
    let before = (!QUICK
        || digit_in(&bytes[start.saturating_sub(TIME_REACH + 1).max(from)..start])
            && clock_mark(&bytes[from..start]))
        && TIME
            .find_iter(&text[from..start])
            .last()
            .is_some_and(|t| gap(&text[from + t.end()..start]));
    let mut to = (end + TIME_REACH + 12).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let after = (!QUICK
        || digit_in(&bytes[end..(end + TIME_REACH + 1).min(to)]) && clock_mark(&bytes[end..to]))
        && TIME
            .find(&text[end..to])
            .is_some_and(|t| gap(&text[end..end + t.start()]));
    let has_time = before || after;
    DateHit {
        date,
        start,
        end,
        has_time,
        month_named: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dates(text: &str) -> Vec<NaiveDate> {
        find_dates(text).into_iter().map(|h| h.date).collect()
    }

    #[test]
    fn glossary_formats() {
        assert_eq!(dates("04/11/2022 09:54:43"), [d(2022, 11, 4)]);
        assert_eq!(
            dates("Đăng lúc: 17:00:00 02/01/2024 (GMT+7)"),
            [d(2024, 1, 2)]
        );
        assert_eq!(dates("Thursday, 31/12/2020, 08:18 AM"), [d(2020, 12, 31)]);
        assert_eq!(dates("Đăng ngày 17 - 05 - 2024"), [d(2024, 5, 17)]);
        assert_eq!(dates("Chủ nhật - 24/02/2019 15:09"), [d(2019, 2, 24)]);
        assert_eq!(dates("13:39 - 01/08/2022"), [d(2022, 8, 1)]);
        assert_eq!(dates("ngày 01 tháng 3 năm 2019"), [d(2019, 3, 1)]);
        assert_eq!(dates("Ngày 01 tháng 3\nnăm 2019"), [d(2019, 3, 1)]);
        assert_eq!(dates("thành lập 01/5/1947"), [d(1947, 5, 1)]);
        assert_eq!(dates("/portal/Pages/2024-5-17/TIN.aspx"), [d(2024, 5, 17)]);
        assert_eq!(dates("Ngày 30.05.2020"), [d(2020, 5, 30)]);
    }

    #[test]
    fn reads_months_in_words_as_wordpress_writes_them() {
        assert_eq!(dates("18 Tháng mười một, 2026"), [d(2026, 11, 18)]);
        assert_eq!(dates("Tháng Mười Một 18, 2026"), [d(2026, 11, 18)]);
        assert_eq!(dates("8 Tháng Mười, 2026"), [d(2026, 10, 8)]);
        assert_eq!(
            dates("12 Tháng Năm, 2025 | 1 Tháng Bảy, 2025"),
            [d(2025, 5, 12), d(2025, 7, 1)]
        );
        assert_eq!(dates("THÁNG MƯỜI HAI 31, 2026"), [d(2026, 12, 31)]);
        assert_eq!(dates("Tháng 11 18, 2026"), [d(2026, 11, 18)]);
        assert_eq!(dates("(20 tháng tư, 2026)"), [d(2026, 4, 20)]);
        // A date in words the old way is read once.
        assert_eq!(dates("ngày 5 tháng 11 năm 2026"), [d(2026, 11, 5)]);
        // No such day, digits running on, a month with no year.
        assert!(dates("31 Tháng Hai, 2026").is_empty());
        assert!(dates("318 Tháng Mười, 2026").is_empty());
        assert!(dates("8 Tháng Mười, 20261").is_empty());
        assert!(dates("Tháng Mười 18").is_empty());
        assert!(dates("13 tháng mười ba, 2026").is_empty());
    }

    #[test]
    fn records_an_adjacent_clock_time() {
        let hits = find_dates("04/11/2022 09:54:43 and later 05/11/2022 alone in prose");
        assert!(hits[0].has_time);
        assert!(!hits[1].has_time);
        assert!(find_dates("14/07/2019 10h06")[0].has_time);
    }

    #[test]
    fn rejects_impossible_dates_and_phone_like_numbers() {
        assert!(dates("31/02/2024").is_empty());
        assert!(dates("0220.3882.123").is_empty());
        assert!(dates("Số 123/2024/QĐ-UBND").is_empty());
    }

    #[test]
    fn a_date_is_a_whole_group_of_digits() {
        assert!(dates("112/11/2026").is_empty());
        assert!(dates("12/11/20261").is_empty());
        assert!(dates("2026-11-185").is_empty());
        // Two dates one space apart are both read (the space is not used up
        // by the first).
        assert_eq!(
            dates("01/02/2026 03/04/2026"),
            [d(2026, 2, 1), d(2026, 4, 3)]
        );
        assert_eq!(dates("(1/2/2026-3/4/2026)"), [d(2026, 2, 1), d(2026, 4, 3)]);
    }

    /// The regular expressions the scan replaced, as they were used: each
    /// match that a digit touches is dropped and the search goes on one byte
    /// after its start.
    fn by_regex(text: &str) -> Vec<Shaped> {
        static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"([0-9]{1,2})\s?([/.\-])\s?([0-9]{1,2})\s?[/.\-]\s?((?:19|20)[0-9]{2})")
                .unwrap()
        });
        static ISO: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"((?:19|20)[0-9]{2})-([0-9]{1,2})-([0-9]{1,2})").unwrap());
        let bytes = text.as_bytes();
        let touches =
            |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
        let mut out = Vec::new();
        // The groups of day, month and year.
        for (shape, re, [day, month, year]) in [
            (Shape::Numeric, &*NUMERIC, [1, 3, 4]),
            (Shape::Iso, &*ISO, [3, 2, 1]),
        ] {
            let mut groups = re.capture_locations();
            let mut at = 0;
            while let Some(whole) = re.captures_read_at(&mut groups, text, at) {
                if touches(whole.start().checked_sub(1)) || touches(Some(whole.end())) {
                    at = whole.start() + 1;
                    continue;
                }
                let group = |i: usize| groups.get(i).unwrap();
                out.push(Shaped {
                    shape,
                    day: group(day),
                    month: group(month),
                    year: group(year),
                    whole: (whole.start(), whole.end()),
                });
                at = whole.end();
            }
        }
        out
    }

    fn by_scan(text: &str) -> Vec<Shaped> {
        let mut found = Vec::new();
        for_each_date_shape(text, |date| found.push(date));
        // The regular expressions were run one after the other.
        found.sort_by_key(|date| date.shape == Shape::Iso);
        found
    }

    #[test]
    fn the_scan_reads_dates_as_the_regular_expressions_did() {
        let pieces = ["7", "12", "/", "-", ".", " ", "\u{a0}", "2024"];
        crate::text::each_concatenation(&pieces, 5, |text| {
            assert_eq!(by_scan(text), by_regex(text), "{text:?}");
        });
        // Longer texts, near-dates joined by anything, drawn from a fixed
        // pseudo-random sequence.
        let numbers = [
            "0", "1", "7", "12", "31", "123", "19", "20", "2024", "1999", "2100", "20241",
        ];
        let spaces = ["", "", " ", "\u{a0}", "\u{2003}", "  ", "\n"];
        let separators = ["/", ".", "-", "-", "x", ""];
        let joiners = ["", " ", "-", "/", "a", "ạ", "(", "\n"];
        let mut x: u32 = 2_463_534_242;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as usize
        };
        let mut matched = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..=next() % 3 {
                text.push_str(joiners[next() % joiners.len()]);
                for part in 0..5 {
                    text.push_str(spaces[next() % spaces.len()]);
                    if part % 2 == 0 {
                        text.push_str(numbers[next() % numbers.len()]);
                    } else {
                        text.push_str(separators[next() % separators.len()]);
                    }
                }
            }
            let expected = by_regex(&text);
            matched += expected.len();
            assert_eq!(by_scan(&text), expected, "{text:?}");
        }
        // 768 with this sequence: the rest are near misses, compared too.
        assert!(matched > 500, "the random texts hold dates: {matched}");
    }

    #[test]
    fn the_quick_checks_change_no_hit() {
        // Pieces of dates in words and of clock times, and what stands
        // near them; every join of up to four, then longer draws.
        let pieces = [
            "ngày 5 tháng 11 năm 2026",
            "NGÀY 05 THÁNG 11, NĂM 2026",
            "8 Tháng Mười, 2026",
            "thá",
            "Th",
            "12/11/2026",
            "2026-11-12",
            "09:54",
            "10h06",
            "8 H 30",
            ":",
            "h",
            "7",
            " ",
            "ạ",
            "- ",
        ];
        let same = |text: &str| {
            assert_eq!(
                find_dates_with::<true>(text),
                find_dates_with::<false>(text),
                "{text:?}"
            );
        };
        crate::text::each_concatenation(&pieces, 4, same);
        let mut x: u32 = 88_675_123;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as usize
        };
        let (mut timed, mut in_words) = (0, 0);
        for _ in 0..20_000 {
            let text: String = (0..3 + next() % 6)
                .map(|_| pieces[next() % pieces.len()])
                .collect();
            let hits = find_dates_with::<false>(&text);
            timed += hits.iter().filter(|h| h.has_time).count();
            in_words +=
                usize::from(text[hits.first().map_or(0, |h| h.start)..].starts_with(['n', 'N']));
            assert_eq!(find_dates_with::<true>(&text), hits, "{text:?}");
        }
        // The draws hold clock times and dates in words, not only misses.
        assert!(timed > 1_000 && in_words > 1_000, "{timed} {in_words}");
    }

    #[test]
    fn relative_stamps_are_read_against_the_day_the_page_was_read() {
        let today = d(2026, 11, 20);
        let read = |text: &str| relative_stamp(text, today);
        assert_eq!(read("5 giờ trước"), Some(today));
        assert_eq!(read("30 phút trước"), Some(today));
        assert_eq!(read("Hôm qua"), Some(d(2026, 11, 19)));
        assert_eq!(read("Hôm qua lúc 16:40"), Some(d(2026, 11, 19)));
        assert_eq!(
            read("Đăng 3 ngày trước · Tin hoạt động"),
            Some(d(2026, 11, 17))
        );
        assert_eq!(read("Tin hoạt động · 3 ngày trước"), Some(d(2026, 11, 17)));
        assert_eq!(read("2 TUẦN TRƯỚC"), Some(d(2026, 11, 6)));
        assert_eq!(read("1 tháng trước"), Some(d(2026, 10, 21)));
        assert_eq!(read("2 năm trước"), Some(d(2024, 11, 20)));
        assert_eq!(read("3 ngay truoc"), Some(d(2026, 11, 17)));
        assert_eq!(read("Vừa xong"), Some(today));
        assert_eq!(read("Posted 3 days ago"), Some(d(2026, 11, 17)));
        assert_eq!(read("Yesterday"), Some(d(2026, 11, 19)));
        // Decomposed marks (NFD) fold the same.
        assert_eq!(
            read("3 nga\u{300}y tr\u{1b0}o\u{301}c"),
            Some(d(2026, 11, 17))
        );
    }

    #[test]
    fn sentences_titles_updates_and_clocks_are_no_relative_stamp() {
        let today = d(2026, 11, 20);
        let read = |text: &str| relative_stamp(text, today);
        // In a sentence, and past the length of a stamp.
        assert_eq!(
            read("Đoàn kiểm tra đến 3 ngày trước khi khai mạc lễ hội truyền thống của phường"),
            None
        );
        // "Hôm nay" and "hôm qua" open a stamp; at the end of a title they
        // are part of it.
        assert_eq!(read("2 ngày trước khi khai mạc"), None);
        assert_eq!(read("5 ngày trước Tết"), None);
        assert_eq!(read("Tân An hôm nay"), None);
        assert_eq!(read("Tân An hôm qua và hôm nay"), None);
        assert_eq!(read("Cập nhật 4 ngày trước"), None);
        assert_eq!(read("Updated 2 hours ago"), None);
        assert_eq!(read("Hôm nay: Thứ Sáu, 20/11/2026"), None);
        // A visitor counter.
        assert_eq!(read("Hôm nay: 214"), None);
        assert_eq!(read("Hôm qua: 1.234"), None);
        assert_eq!(read("Today: 57"), None);
        assert_eq!(read("Hôm qua, 16h40"), Some(d(2026, 11, 19)));
        // A count that is no count of days, and words that only look alike.
        assert_eq!(read("1234 ngày trước"), None);
        assert_eq!(read("3 ngày"), None);
        assert_eq!(read("Trước bạ nhà đất"), None);
        assert_eq!(read("Hướng dẫn thủ tục"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn parses_iso_meta_stamps() {
        assert_eq!(
            parse_iso("2026-11-18T08:30:00+07:00"),
            Some(d(2026, 11, 18))
        );
        assert_eq!(parse_iso("yesterday"), None);
    }
}
