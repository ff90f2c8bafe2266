//! `schedule`: working hours, or a weekly schedule that is current.
//!
//! "Lịch làm việc" is met either by a standing statement of the office's or
//! desk's hours ("Sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 …", "từ
//! thứ Hai đến thứ Sáu") anywhere in a page's content, or by a weekly
//! schedule ("Tuần thứ 47 từ ngày 16/11/2026 đến ngày 20/11/2026", "THỨ HAI
//! (16/11/2026)", "THỨ BA, NGÀY 28/5:") on a page about the topic whose newest
//! day lies within `current_days` of the audit date and, with `weeks_back`,
//! no earlier than that many weeks before the audit's week (1: last week's
//! schedule is still current, the week before last's is not, whatever the
//! day of the week the audit runs on). An older schedule is
//! `partial` (stale), and so is a current one that is only an attachment: a
//! page listing "Lịch công tác tuần 47 (từ ngày 16/11 đến ngày 22/11/2026)"
//! beside a PDF, with no day's entries ("Sáng: …", "8h00: …") of its own.
//! A current week shown on the page as an image (a scan whose alt text,
//! caption or file name dates it) is on the page, not attached.
//! Days written without a year take the audit date's year. A week numbered
//! with its year ("LCT-tuan-47-2026.pdf") stands for its Friday.
//! Hours the site prints on every page (a "Thời gian làm việc" box in the
//! sidebar, a footer line) are read from the start page's chrome: they are
//! published, on every page.
//!
//! ```toml
//! [[signal]]
//! kind = "schedule"
//! current_days = 14
//! weeks_back = 1
//! ```
//!
//! Evidence: the line with the hours, or the newest schedule day, `hours` or
//! `schedule=YYYY-MM-DD`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;
use serde::Deserialize;

use super::{Finding, Level, PageCtx, evidence};
use crate::crawl::facts::{role_of, snippet_around};
use crate::crawl::{DateRole, DocCheck, LinkKind, Media, PageFacts, Region, same_page};
use crate::lang::Lang;
use crate::text::bytes::QuietBlocks;
use crate::text::dates::find_dates;
use crate::text::fold::{self, fold};
use crate::text::lines;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// How many days from the audit date the newest schedule day may be.
    pub current_days: i64,
    /// How many weeks before the audit's week (Monday to Sunday) the
    /// newest schedule day may fall in; no limit but `current_days` when
    /// absent.
    #[serde(default)]
    pub weeks_back: Option<u32>,
}

impl Schedule {
    /// A schedule day close enough to the audit date, either side, and not
    /// from a week before the weeks allowed.
    fn is_current(&self, day: NaiveDate, as_of: NaiveDate) -> bool {
        let monday = as_of.week(Weekday::Mon).first_day();
        let earliest = self
            .weeks_back
            .and_then(|weeks| monday.checked_sub_days(chrono::Days::new(7 * u64::from(weeks))));
        (as_of - day).num_days().abs() <= self.current_days && earliest.is_none_or(|e| day >= e)
    }

    pub(super) fn describe(&self) -> String {
        let weeks = match self.weeks_back {
            Some(0) => " và thuộc tuần kiểm tra".to_owned(),
            Some(n) => format!(" và không sớm hơn {n} tuần trước tuần kiểm tra"),
            None => String::new(),
        };
        format!(
            "giờ làm việc (sáng … giờ, chiều … giờ; từ thứ Hai đến thứ Sáu) hoặc lịch công tác tuần có ngày cách ngày kiểm tra không quá {} ngày{weeks}; lịch cũ hơn: chưa đầy đủ",
            self.current_days
        )
    }
}

/// A range of clock times, folded: "7 gio 30 den 11 gio 30", "7h30 11h30"
/// (the dash folds away), "07 gio 00 toi 11 gio". A range, not a single time:
/// "SÁNG: 8h00 họp giao ban" is a schedule entry, not office hours.
const RANGE: &str =
    r"\b\d{1,2} ?(?:gio|h) ?(?:\d{1,2}\b)? ?(?:phut )?(?:den |toi )?\d{1,2} ?(?:gio|h)(?:\d|\b)";

/// "sáng từ 7 giờ 30 đến 11 giờ 30" and "chiều 13h30 – 17h" (folded).
static MORNING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\bsang\b.{{0,40}}?{RANGE}")).expect("valid regex"));
static AFTERNOON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\bchieu\b.{{0,40}}?{RANGE}")).expect("valid regex"));
static ANY_RANGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(RANGE).expect("valid regex"));
/// "từ thứ Hai đến thứ Sáu", "thứ 2 – thứ 6" (folded: the dash is gone).
static WEEKDAYS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bthu (?:hai|2) (?:den |toi )?thu (?:sau|bay|6|7)\b").expect("valid regex")
});
/// A weekday followed by a day and month, the year optional: "THỨ BA, NGÀY 28/5".
static WEEKDAY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật)[^0-9\n]{0,14}(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?")
        .expect("valid regex")
});

/// A week by its number and year: "Tuần 47 năm 2026", "tuần thứ 47/2026",
/// "LCT-tuan-47-2026.pdf". Without a year a week number is not read: last
/// year's week 47 would pass for this year's.
static WEEK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^\p{L}\p{N}])tu(?:ầ|â|a)n[\s_-]*(?:(?:thứ|thu|số|so)[\s_-]*)?([0-9]{1,2})[\s_/,.-]*(?:(?:năm|nam)[\s_-]*)?((?:19|20)[0-9]{2})(?:[^0-9]|$)",
    )
    .expect("valid regex")
});

#[must_use]
pub fn schedule(p: &Schedule, page: &PageFacts, ctx: &PageCtx<'_>) -> Option<Finding> {
    if let Some(line) = hours_line(&page.text) {
        return Some(Finding {
            level: Level::Pass,
            strength: 0.8,
            detail: ctx
                .lang
                .pick("có giờ làm việc", "office hours given")
                .into(),
            evidence: vec![evidence(page, &line, "hours".into())],
        });
    }
    // The chrome is the same on every page: read once, on the start page.
    let chrome_hours = (page.depth == 0)
        .then(|| hours_line(&page.chrome_text))
        .flatten();
    if let Some(line) = chrome_hours {
        return Some(Finding {
            level: Level::Pass,
            strength: 0.75,
            detail: ctx
                .lang
                .pick(
                    "có giờ làm việc ở phần chung của trang (cột bên, chân trang)",
                    "office hours given in the part every page shows (sidebar, footer)",
                )
                .into(),
            evidence: vec![evidence(page, &line, "hours".into())],
        });
    }
    if !ctx.on_topic {
        return None;
    }
    // A page about schedules only through a later heading (a home page's
    // "Lịch công tác" box beside its news) is dated by the sections under
    // such headings: the news list's dates are not days of a schedule.
    let text = ctx
        .topic_sections(page)
        .map_or(Cow::Borrowed(page.text.as_str()), |lines| {
            Cow::Owned(lines.join("\n"))
        });
    let in_text = newest_day(&without_page_links(page, &text), ctx.as_of);
    let image = shown_as_image(page, p, ctx);
    let scanned = image.is_some();
    // A scan of the current week beside an older week written out (or
    // files of older weeks) dates the page by the scan.
    let (newest, snippet) = match (in_text, image) {
        (Some(text), Some(scan)) if !p.is_current(text.0, ctx.as_of) => scan,
        (Some(text), _) => text,
        (None, scan) => scan?,
    };
    let current = p.is_current(newest, ctx.as_of);
    let attached =
        current && !scanned && (only_attached(page, ctx) || !current_without_files(page, p, ctx));
    let pass = current && !attached;
    Some(Finding {
        level: if pass { Level::Pass } else { Level::Partial },
        strength: if pass { 0.85 } else { 0.7 },
        detail: {
            let day = newest.format("%d/%m/%Y");
            match (current, attached, ctx.lang) {
                (true, false, Lang::Vi) => format!("lịch công tác có ngày {day}"),
                (true, false, Lang::En) => format!("work schedule dated {day}"),
                (true, true, Lang::Vi) => {
                    format!("lịch công tác ngày {day} chỉ có trong tệp đính kèm")
                }
                (true, true, Lang::En) => {
                    format!("work schedule dated {day} only as an attached file")
                }
                (false, _, Lang::Vi) => format!("lịch công tác mới nhất ngày {day}, đã cũ"),
                (false, _, Lang::En) => format!("newest work schedule dated {day}, out of date"),
            }
        },
        evidence: vec![evidence(page, &snippet, format!("schedule={newest}"))],
    })
}

/// `text` (the page's, or a part of it) less the words of the page's links
/// to other pages: "Lịch công tác tuần 47 (từ 16/11 đến 22/11/2026)" in a
/// list of the other weeks under week 46's schedule dates the page it leads
/// to, which is judged on its own, not this one. Links to files stay: an attached week is told apart
/// by `current_without_files`.
fn without_page_links<'t>(page: &PageFacts, text: &'t str) -> Cow<'t, str> {
    let dated: Vec<&str> = page
        .links
        .iter()
        .filter(|l| {
            l.region == Region::Main
                && l.kind == LinkKind::Page
                && l.text.bytes().any(|b| b.is_ascii_digit())
                && !same_page(&l.url, &page.url)
        })
        .map(|l| l.text.as_str())
        .collect();
    if dated.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut text = text.to_owned();
    for link in dated {
        text = text.replace(link, "");
    }
    Cow::Owned(text)
}

/// A day's entry of a schedule, folded: a line opening with a part of the
/// day ("Sáng:", "Buổi chiều"), or a clock time ("8h00", "14 giờ").
static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*(?:buoi )?(?:sang|chieu|toi)\b|\b\d{1,2} ?(?:h|gio)(?: ?\d{2})?\b")
        .expect("valid regex")
});

/// Whether the page is current without the names of its files: "Lịch công
/// tác tuần 47 (từ ngày 16/11 …).pdf" under a schedule of week 38 is the
/// current week only as an attachment.
fn current_without_files(page: &PageFacts, p: &Schedule, ctx: &PageCtx<'_>) -> bool {
    let files = document_texts(page);
    if files.is_empty() {
        return true;
    }
    let own: String = lines(&page.text)
        .filter(|l| !files.contains(l))
        .collect::<Vec<_>>()
        .join("\n");
    newest_day(&own, ctx.as_of).is_some_and(|(day, _)| p.is_current(day, ctx.as_of))
}

/// The current week is shown on the page as an image (a scan, captioned
/// "Lịch công tác tuần 47 (từ ngày 16/11 đến ngày 22/11/2026)"): the image's
/// own words, its alt text, caption or file name, date it in the current
/// weeks. The heading above an image says nothing of the image itself, nor
/// does a file's link read as its caption (the block after the image), nor
/// does a long block of text around a small picture: a star icon in a
/// scrolling line of announcements ("Chào mừng … 20/11/2026 … Lịch tiếp
/// công dân …") is not a scan of the week. The image's own words must say
/// it is a schedule or a week ("lịch", "tuần").
fn shown_as_image(
    page: &PageFacts,
    p: &Schedule,
    ctx: &PageCtx<'_>,
) -> Option<(NaiveDate, String)> {
    /// Longer than this, the text around an image is not its caption.
    const CAPTION_CHARS: usize = 160;
    let files = document_texts(page);
    // An image that does not load shows nothing.
    let shown = |m: &&Media| !m.is_frame && m.check.as_ref().is_none_or(DocCheck::exists);
    page.media.iter().filter(shown).find_map(|m| {
        let caption = page
            .headings
            .iter()
            .find_map(|h| m.context.strip_prefix(h.as_str()))
            .unwrap_or(&m.context)
            .trim();
        // The line of a file's link ("File đính kèm: LCT_tuan_47_2026.doc",
        // a document icon before it) speaks of the file.
        let of_a_file = files.iter().any(|f| !f.is_empty() && caption.contains(f));
        let caption = if of_a_file || caption.chars().count() > CAPTION_CHARS {
            ""
        } else {
            caption
        };
        let [alt, _, file] = m.label_parts();
        let own = format!("{alt}\n{caption}\n{file}");
        let says_schedule = || {
            let folded = fold(&own);
            folded.contains("lich") || folded.contains("tuan")
        };
        newest_day(&own, ctx.as_of)
            .filter(|(day, _)| p.is_current(*day, ctx.as_of) && says_schedule())
    })
}

/// The texts of the links to files in the page's content.
fn document_texts(page: &PageFacts) -> HashSet<&str> {
    page.links
        .iter()
        .filter(|l| l.region == Region::Main && l.kind == LinkKind::Document)
        .map(|l| l.text.as_str())
        .collect()
}

/// The page lists the week's schedule as a file to download: a document
/// link in its content, and no day's entries in its text.
fn only_attached(page: &PageFacts, ctx: &PageCtx<'_>) -> bool {
    page.links
        .iter()
        .any(|l| l.region == Region::Main && l.kind == LinkKind::Document)
        && !ENTRY.is_match(ctx.folded_text.get())
}

/// A statement of working hours: on one line, or spread over up to three
/// consecutive lines ("Từ thứ Hai đến thứ Sáu." / "Buổi sáng: …" / "Buổi chiều: …").
fn hours_line(text: &str) -> Option<String> {
    if !may_give_hours(text) {
        return None;
    }
    let lines: Vec<&str> = lines(text).collect();
    // Each line folded once; a window joins three folded lines.
    let folded: Vec<String> = lines.iter().map(|l| fold(l)).collect();
    // Most pages state no hours. What a window of lines states, the whole
    // page states too, so one look at the page rules most of them out.
    if !states_hours(&folded.join(" ")) {
        return None;
    }
    (0..lines.len()).find_map(|i| {
        let end = (i + 3).min(lines.len());
        states_hours(&folded[i..end].join(" ")).then(|| lines[i..end].join(" "))
    })
}

/// Whether `text` may hold a `RANGE`, read without folding it (folding every
/// line of every page was most of this rule's cost). Every statement of
/// hours has one, and every `RANGE` starts with a number, then "gio" or "h"
/// (after at most separators), then a separator, a digit, or the "p", "d",
/// "t" of "phut", "den", "toi". A text with no such place states no hours.
fn may_give_hours(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Most of a page is passed over here: whole blocks of letters, then a
    // byte at a time in the blocks that hold a digit or another character
    // that may be a number.
    let may_start = |b: u8, next: u8, _| !(passed_over(b) | extended_latin(b, next));
    let mut quiet = QuietBlocks::default();
    let mut i = 0;
    while i < bytes.len() {
        i = quiet.pass(bytes, i, may_start);
        if PASSED_OVER[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let b = bytes[i];
        let number = if b.is_ascii_digit() {
            // A walk from the number's first digit covers the rest of it.
            i == 0 || !bytes[i - 1].is_ascii_digit()
        } else if extended_latin(b, bytes.get(i + 1).copied().unwrap_or(0)) {
            false
        } else {
            text[i..].chars().next().is_some_and(char::is_numeric)
        };
        if number && hours_follow(&text[i..]) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether the bytes `b`, `next` lead a letter of Latin Extended Additional
/// (ạ, ế, ữ …), none of which is numeric. Without branches, as
/// `passed_over`.
#[allow(clippy::needless_bitwise_bool)]
fn extended_latin(b: u8, next: u8) -> bool {
    (b == 0xE1) & (0xB8..=0xBB).contains(&next)
}

/// Whether byte `b` cannot start a number: ASCII other than digits, UTF-8
/// continuation bytes, and the lead bytes of the Latin letters U+00C0–U+024F
/// (0xC3–0xC9), none of which is numeric. Comparisons joined without
/// branches (`|`, not `||`), so that a block of bytes is asked at once.
#[allow(clippy::needless_bitwise_bool)]
const fn passed_over(b: u8) -> bool {
    (b.is_ascii() & !b.is_ascii_digit()) | ((b >= 0x80) & (b < 0xC0)) | ((b >= 0xC3) & (b <= 0xC9))
}

/// `passed_over` of every byte: one look-up costs less than the
/// comparisons in a byte-by-byte loop.
const PASSED_OVER: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = passed_over(b as u8);
        b += 1;
    }
    table
};

/// Whether the folded `text`, which starts with a number, goes on as a
/// `RANGE` may (see `may_give_hours`).
fn hours_follow(text: &str) -> bool {
    #[derive(Clone, Copy)]
    enum Seen {
        Number,
        /// A number and separators after it.
        Apart,
        /// A number, then the first letters of "gio" or "h" (how many).
        Unit(usize),
        /// A number and a whole unit.
        Hour,
    }
    let mut seen = Seen::Number;
    for (_, folded) in fold::fold_chars(text) {
        seen = match (seen, folded) {
            (Seen::Hour, Some(c)) => return c.is_numeric() || matches!(c, 'p' | 'd' | 't'),
            (Seen::Hour, None) => return true,
            (Seen::Number, Some(c)) if c.is_numeric() => Seen::Number,
            (Seen::Number | Seen::Apart, None) => Seen::Apart,
            (Seen::Number | Seen::Apart, Some('h')) | (Seen::Unit(2), Some('o')) => Seen::Hour,
            (Seen::Number | Seen::Apart, Some('g')) => Seen::Unit(1),
            (Seen::Unit(1), Some('i')) => Seen::Unit(2),
            // A digit after separators starts another number, which
            // `may_give_hours` walks from on its own: going on here would
            // walk a run of numbers ("1 2 3 … 95", a pager) once per number.
            _ => return false,
        };
    }
    false
}

/// Morning and afternoon hours, or a weekday range with hours (folded text).
fn states_hours(f: &str) -> bool {
    (MORNING.is_match(f) && AFTERNOON.is_match(f))
        || (WEEKDAYS.is_match(f) && ANY_RANGE.is_match(f))
}

/// The newest schedule day on the page, not later than a week after `as_of`.
fn newest_day(text: &str, as_of: NaiveDate) -> Option<(NaiveDate, String)> {
    let horizon = as_of + chrono::Days::new(7);
    // A date with its month in words is a post's ("18 Tháng mười một,
    // 2026" under the title), not a day of the schedule; nor is one labelled
    // as when the page was posted or updated ("Ngày cập nhật: 19/11/2026" on
    // a week long past). A date beside a clock time alone stays: schedules
    // give the hours of their days.
    let mut days: Vec<(NaiveDate, usize, usize)> = find_dates(text)
        .into_iter()
        .filter(|h| !h.month_named)
        .filter(|h| {
            !matches!(
                role_of(text, h),
                (DateRole::Updated, _) | (DateRole::Stamp, false)
            )
        })
        .map(|h| (h.date, h.start, h.end))
        .collect();
    let named: Vec<NamedDay> = WEEKDAY_DATE
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0).expect("group 0 always exists");
            Some(NamedDay {
                weekday: weekday(&caps[1])?,
                day: caps[2].parse().ok()?,
                month: caps[3].parse().ok()?,
                year: caps.get(4).and_then(|y| y.as_str().parse().ok()),
                span: (whole.start(), whole.end()),
            })
        })
        .collect();
    // A numbered week stands for its Friday, the last working day its
    // schedule covers (weeks as ISO 8601 counts them).
    for caps in WEEK.captures_iter(text) {
        let (Ok(week), Ok(year)) = (caps[1].parse(), caps[2].parse()) else {
            continue;
        };
        if let Some(friday) = NaiveDate::from_isoywd_opt(year, week, Weekday::Fri) {
            let whole = caps.get(0).expect("group 0 always exists");
            days.push((friday, whole.start(), whole.end()));
        }
    }
    let year = year_of_unnumbered(&named, as_of, horizon);
    for d in &named {
        let Some(mut date) = NaiveDate::from_ymd_opt(d.year.unwrap_or(year), d.month, d.day) else {
            continue;
        };
        // "28/5" read in January is last May, not next.
        if d.year.is_none() && date > horizon {
            date = NaiveDate::from_ymd_opt(year - 1, d.month, d.day).unwrap_or(date);
        }
        days.push((date, d.span.0, d.span.1));
    }
    days.into_iter()
        .filter(|(d, _, _)| *d <= horizon)
        .max_by_key(|(d, _, _)| *d)
        .map(|(d, s, e)| (d, snippet_around(text, s, e)))
}

/// A day named with its weekday: "THỨ SÁU (21/11)", "Thứ 2, ngày 16/11/2026".
struct NamedDay {
    weekday: Weekday,
    day: u32,
    month: u32,
    year: Option<i32>,
    span: (usize, usize),
}

/// The weekday a Vietnamese name stands for: "thứ hai" or "thứ 2" is
/// Monday, "chủ nhật" Sunday.
fn weekday(name: &str) -> Option<Weekday> {
    let folded = fold(name);
    if folded == "chu nhat" {
        return Some(Weekday::Sun);
    }
    match folded.strip_prefix("thu")?.trim() {
        "hai" | "2" => Some(Weekday::Mon),
        "ba" | "3" => Some(Weekday::Tue),
        "tu" | "4" => Some(Weekday::Wed),
        "nam" | "5" => Some(Weekday::Thu),
        "sau" | "6" => Some(Weekday::Fri),
        "bay" | "7" => Some(Weekday::Sat),
        _ => None,
    }
}

/// Years back a schedule's days are matched against their weekdays.
const YEARS_BACK: i32 = 6;

/// The year of the page's days written without one. The audit date's year,
/// unless at least two of them fall on their weekdays only in an earlier
/// year: last year's schedule of the same week ("THỨ SÁU (21/11)" is a
/// Friday in 2025, a Saturday in 2026) is not this week's. One day whose
/// weekday does not fit is more likely a slip than an old page.
fn year_of_unnumbered(named: &[NamedDay], as_of: NaiveDate, horizon: NaiveDate) -> i32 {
    let fits = |year: i32| {
        named
            .iter()
            .filter(|d| d.year.is_none())
            .filter(|d| {
                NaiveDate::from_ymd_opt(year, d.month, d.day)
                    .is_some_and(|date| date <= horizon && date.weekday() == d.weekday)
            })
            .count()
    };
    let this_year = fits(as_of.year());
    (as_of.year() - YEARS_BACK..as_of.year())
        .rev()
        .map(|year| (year, fits(year)))
        .filter(|&(_, n)| n >= 2 && n > this_year)
        .max_by_key(|&(year, n)| (n, year))
        .map_or(as_of.year(), |(year, _)| year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::bytes::BLOCK;

    #[test]
    fn recognises_working_hours() {
        let f = fold(
            "Sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ, từ thứ Hai đến thứ Sáu",
        );
        assert!(MORNING.is_match(&f) && AFTERNOON.is_match(&f));
        let f = fold("Buổi sáng: 7h30 – 11h30; Buổi chiều: 13h30 – 17h00");
        assert!(MORNING.is_match(&f) && AFTERNOON.is_match(&f));
        assert!(!MORNING.is_match(&fold("Sáng ngày 12/11, đoàn công tác đến thăm")));
        assert!(MORNING.is_match(&fold("Buổi sáng: từ 07 giờ 00’ đến 11 giờ 30’;")));
        assert!(WEEKDAYS.is_match(&fold("Từ thứ Hai – thứ Sáu hằng tuần")));
        // Schedule entries give single times, not a range.
        assert!(!MORNING.is_match(&fold(
            "* SÁNG: 8h00 họp giao ban; 9h30 làm việc với Công an"
        )));
    }

    #[test]
    fn the_quick_look_passes_every_text_that_has_a_range() {
        let pieces = [
            "7", "30", " ", " – ", "giờ", "GIỜ", "h", "H", "o\u{300}", "phút", "đến", "hội", "g",
            "i",
        ];
        // Long enough for the blocks passed over whole, at every offset.
        let words = "Ủy ban nhân dân phường tổ chức hội nghị triển khai nhiệm vụ ";
        let mut ranges = 0;
        crate::text::each_concatenation(&pieces, 5, |text| {
            if ANY_RANGE.is_match(&fold(text)) {
                ranges += 1;
                assert!(may_give_hours(text), "{text:?}");
                for offset in [0, 1, 5, BLOCK - 1] {
                    let long = format!("{}{words}{text}{words}", "x".repeat(offset));
                    assert!(may_give_hours(&long), "{long:?}");
                }
            }
        });
        assert!(ranges > 500, "{ranges}");
        for text in [
            "Ngày 20/11/2026 hội nghị",
            "năm 2026 học sinh",
            "có 5 gia đình",
        ] {
            assert!(!may_give_hours(text), "{text}");
        }
    }

    #[test]
    fn the_quick_look_walks_each_number_only_to_the_next() {
        // A pager "1 2 3 … 95" was walked to its end from every number.
        assert!(!hours_follow("1 2 3 4 5 6 giờ"));
        assert!(hours_follow("6 giờ 30"));
        assert!(may_give_hours("1 2 3 4 5 6 giờ 30"));
        let pager = (1..=2000)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(!may_give_hours(&pager));
    }

    #[test]
    fn reads_days_without_a_year() {
        let as_of = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        let (d, _) = newest_day("THỨ TƯ, NGÀY 28/5: họp giao ban", as_of).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2025, 5, 28).unwrap());
        // One day whose weekday fits only 2024 is a slip, not a 2024 page.
        let (d, _) = newest_day("THỨ BA, NGÀY 28/5: họp giao ban", as_of).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2025, 5, 28).unwrap());
    }

    #[test]
    fn a_week_numbered_with_its_year_stands_for_its_friday() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let day = |text: &str| newest_day(text, as_of).map(|(d, _)| d.to_string());
        // ISO week 47 of 2026 is Monday 16/11 to Sunday 22/11.
        for text in [
            "LCT-tuan-47-2026.pdf",
            "Lịch công tác Tuần 47 năm 2026",
            "LỊCH CÔNG TÁC TUẦN THỨ 47/2026",
            "lich_cong_tac_tuan_47_2026.docx",
        ] {
            assert_eq!(day(text).as_deref(), Some("2026-11-20"), "{text}");
        }
        assert_eq!(day("LCT tuần 46 - 2026").as_deref(), Some("2026-11-13"));
        // A post's date in words is not a day of the schedule.
        assert_eq!(
            day("Lịch công tác tuần 38 năm 2026\n18 Tháng mười một, 2026").as_deref(),
            Some("2026-09-18")
        );
        // No year: last year's week 47 would pass for this year's. A week
        // number that runs on, a year too long, a word ending in "tuan".
        for text in [
            "Lịch công tác tuần 47",
            "tuần 470 2026",
            "Tuần 47 năm 20261",
            "Hội thi Tuấn 47 2026",
            "ketuan 47 2026",
        ] {
            assert_eq!(day(text), None, "{text}");
        }
    }

    #[test]
    fn last_years_week_is_told_by_its_weekdays() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        // Week 47 of 2025: Monday 17/11 to Friday 21/11, no year on the days.
        let last_year = "LỊCH CÔNG TÁC TUẦN 47\nTHỨ HAI (17/11)\n8h00: Giao ban\n\
            THỨ TƯ (19/11)\n14h00: Họp\nThứ 6 (21/11)\n8h00: Tiếp dân";
        let (d, _) = newest_day(last_year, as_of).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2025, 11, 21).unwrap());
        // The same week of 2026 (Monday 16/11 to Friday 20/11), one weekday
        // slipped: this year's.
        let this_year = "THỨ HAI (16/11)\n8h00: Giao ban\nTHỨ BA (18/11)\n14h00: Họp\n\
            CHỦ NHẬT (22/11)\nTrực\nThứ 6 (20/11)\n8h00: Tiếp dân";
        let (d, _) = newest_day(this_year, as_of).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    }
}
