//! Dates as Vietnamese sites write them.
//!
//! Day first always: `04/11/2022`, unpadded `01/5/1947`, `17 - 05 - 2024`,
//! `30.05.2020`, `ngày 01 tháng 3 năm 2019`, and ISO `2024-05-17` in meta tags
//! and URLs. Each hit records whether a clock time (`09:54`, `10h06`) stands
//! next to it, which marks a publication stamp rather than a date in prose.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{CaptureLocations, Regex};

/// One date found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateHit {
    pub date: NaiveDate,
    /// Byte range of the match in the searched text.
    pub start: usize,
    pub end: usize,
    /// A clock time stands within a few characters of the date.
    pub has_time: bool,
}

// Digits are ASCII: `\d` means every script's digits, which makes the
// automaton larger and slower, and ward sites write none else. The numeric
// patterns start and end with a digit and `digit_bounded` checks that no
// digit touches them: a pattern that began with "a non-digit or the start"
// would match at every position and could not skip ahead to the digits,
// which made it ten times slower.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{1,2})\s?([/.\-])\s?([0-9]{1,2})\s?[/.\-]\s?((?:19|20)[0-9]{2})")
        .expect("valid regex")
});
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s*(?:,\s*)?năm\s+((?:19|20)[0-9]{2})",
    )
    .expect("valid regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)[0-9]{2})-([0-9]{1,2})-([0-9]{1,2})").expect("valid regex")
});
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
    let mut hits = Vec::new();
    // Most short texts hold no digit at all.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return hits;
    }
    let span = |(start, end): (usize, usize)| &text[start..end];
    digit_bounded(&NUMERIC, text, |c| {
        let (Some(d), Some(m), Some(y)) = (c.get(1), c.get(3), c.get(4)) else {
            return;
        };
        if let Some(date) = ymd(span(y), span(m), span(d)) {
            hits.push(hit(text, date, d.0, y.1));
        }
    });
    // One set of capture slots for every match: `captures_iter` would
    // allocate one per match.
    let mut groups = WORDS.capture_locations();
    let mut at = 0;
    while let Some(whole) = WORDS.captures_read_at(&mut groups, text, at) {
        at = whole.end();
        let (Some(d), Some(m), Some(y)) = (groups.get(1), groups.get(2), groups.get(3)) else {
            continue;
        };
        if let Some(date) = ymd(span(y), span(m), span(d)) {
            hits.push(hit(text, date, whole.start(), whole.end()));
        }
    }
    digit_bounded(&ISO, text, |c| {
        let (Some(y), Some(m), Some(d)) = (c.get(1), c.get(2), c.get(3)) else {
            return;
        };
        if let Some(date) = ymd(span(y), span(m), span(d)) {
            hits.push(hit(text, date, y.0, d.1));
        }
    });
    hits.sort_by_key(|h| h.start);
    hits.dedup_by(|a, b| a.start < b.end && b.start < a.end);
    hits
}

/// Parses the date part of an ISO 8601 stamp (`2026-11-18T08:30:00+07:00`).
#[must_use]
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let mut date = None;
    digit_bounded(&ISO, s, |c| {
        if let (None, Some(y), Some(m), Some(d)) = (date, c.get(1), c.get(2), c.get(3)) {
            date = ymd(&s[y.0..y.1], &s[m.0..m.1], &s[d.0..d.1]);
        }
    });
    date
}

/// Calls `found` with the groups of each match of `re` in `text` that has no
/// digit right before or after it: "112/11/2026" holds no date.
fn digit_bounded(re: &Regex, text: &str, mut found: impl FnMut(&CaptureLocations)) {
    let bytes = text.as_bytes();
    let touches = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
    let mut groups = re.capture_locations();
    let mut at = 0;
    while let Some(whole) = re.captures_read_at(&mut groups, text, at) {
        if touches(whole.start().checked_sub(1)) || touches(Some(whole.end())) {
            // The match starts with an ASCII digit: one byte on is a
            // character boundary, where a shorter match may start.
            at = whole.start() + 1;
            continue;
        }
        found(&groups);
        at = whole.end();
    }
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn hit(text: &str, date: NaiveDate, start: usize, end: usize) -> DateHit {
    let gap = |s: &str| s.len() <= TIME_REACH && !s.chars().any(char::is_alphanumeric);
    let mut from = start.saturating_sub(TIME_REACH + 12);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = TIME
        .find_iter(&text[from..start])
        .last()
        .is_some_and(|t| gap(&text[from + t.end()..start]));
    let mut to = (end + TIME_REACH + 12).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let after = TIME
        .find(&text[end..to])
        .is_some_and(|t| gap(&text[end..end + t.start()]));
    let has_time = before || after;
    DateHit {
        date,
        start,
        end,
        has_time,
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

    #[test]
    fn parses_iso_meta_stamps() {
        assert_eq!(
            parse_iso("2026-11-18T08:30:00+07:00"),
            Some(d(2026, 11, 18))
        );
        assert_eq!(parse_iso("yesterday"), None);
    }
}
