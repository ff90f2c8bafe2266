//! `people`: named people with their positions.
//!
//! Receiving staff and the organisational structure are only published when
//! the page names people: "Đồng chí Nguyễn Văn A – Chủ tịch UBND", a table
//! row `Trần Thị B | Công chức Tư pháp – Hộ tịch | 0912…`, or a leader card
//! with the name on one line and the position on the next. A name is a
//! Vietnamese family name followed by one to four capitalised syllables; a
//! position is one of the rule's phrases. Unit names and links alone, or prose
//! that mentions one official, do not reach the threshold.
//!
//! People listed on a page with a heading of a unit that no longer exists
//! ("Lãnh đạo xã Quang Trung (cũ)", after the 2025 merger) are out of date:
//! at most `partial`. `former_unit` holds such marks, matched in lower case
//! as written (not folded: "(cũ)" folded would be "cu", as "cử" is). So are
//! people of a term of office that has ended: with `ended_term`, a page
//! whose latest "nhiệm kỳ 2015 – 2020" ended before the audit date's year.
//! And with `updated_after`, a page that says it was last updated before
//! that day ("Cập nhật tháng 3/2024" over a desk's staff list, "Ngày cập
//! nhật: 12/03/2024"), or was posted before it and not updated since (its
//! publication date in its markup): it lists the staff of before a
//! reorganisation.
//!
//! ```toml
//! [[signal]]
//! kind = "people"
//! positions = ["chủ tịch", "phó chủ tịch", "bí thư", "công chức"]
//! min_pass = 3
//! min_partial = 1
//! former_unit = ["(cũ)"]
//! ended_term = true
//! updated_after = "2025-07-01"
//! ```
//!
//! Evidence: the page, the first person lines, `people=N`.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::Deserialize;

use crate::lang::Lang;

use super::{Finding, Level, PageCtx, Phrases, counted, evidence, out_of_date};
use crate::crawl::{DateRole, PageFacts};
use crate::text::{self, fold};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct People {
    /// Position phrases: a line with a name and one of these is a person.
    pub positions: Phrases,
    pub min_pass: usize,
    #[serde(default = "super::one")]
    pub min_partial: usize,
    #[serde(default)]
    pub anywhere: bool,
    /// Marks in a heading that name a former unit, in lower case.
    #[serde(default)]
    pub former_unit: Vec<String>,
    /// People of a term of office that has ended are out of date.
    #[serde(default)]
    pub ended_term: bool,
    /// People on a page last updated (or posted and not updated) before
    /// this day are out of date.
    #[serde(default)]
    pub updated_after: Option<NaiveDate>,
}

impl People {
    pub(super) fn validate(&self) -> Result<(), (&'static str, String)> {
        super::thresholds(self.min_pass, self.min_partial, ("min_pass", "min_partial"))?;
        super::lower_case_marks("former_unit", &self.former_unit, "a mark")
    }

    /// A heading of the page names a former unit.
    fn names_former_unit(&self, page: &PageFacts) -> bool {
        !self.former_unit.is_empty()
            && page.headings.iter().any(|h| {
                let h = h.to_lowercase();
                self.former_unit.iter().any(|m| h.contains(m.as_str()))
            })
    }

    pub(super) fn describe(&self) -> String {
        format!(
            "ít nhất {} người có họ tên kèm chức vụ (một trong: {}); {}–{} người: chưa đầy đủ",
            self.min_pass,
            self.positions,
            self.min_partial,
            self.min_pass.saturating_sub(1)
        )
    }
}

#[must_use]
pub fn people(p: &People, page: &PageFacts, ctx: &PageCtx<'_>) -> Option<Finding> {
    let mut names: Vec<String> = Vec::new();
    let mut shown: Vec<String> = Vec::new();
    let mut note = |name: String, line: String| {
        if !names.contains(&name) {
            names.push(name);
            if shown.len() < 3 {
                shown.push(line);
            }
        }
    };
    // A person's line is short; a long one (a layout row holding the whole
    // page) pairs a name from one corner with a position from another.
    // (Fewer bytes than a word and a space each cannot make too many.)
    let short = |l: &str| {
        l.len() <= 2 * MAX_PERSON_WORDS || l.split_whitespace().nth(MAX_PERSON_WORDS).is_none()
    };
    // Whether a line names a position, asked first: most lines of most
    // pages name none, and looking for a name costs more. The signal runs
    // on every page for rules that look for people anywhere.
    let mut folded = String::new();
    let mut placed = |l: &str| {
        text::fold_into(l, &mut folded);
        p.positions.any_in(&folded)
    };
    // A page about the rule only through a later heading ("Lãnh đạo UBND
    // phường", one panel of a phone directory) is judged on the sections
    // under such headings: the rest is about something else. A signal that
    // reads every page (`anywhere`) reads it whole.
    let sections = if p.anywhere {
        None
    } else {
        ctx.topic_sections(page)
    };
    let section_lines: Option<HashSet<&str>> = sections
        .as_ref()
        .map(|lines| lines.iter().copied().collect());
    // A row of a section has each of its cells on a line of it.
    let in_sections = |row: &str| {
        section_lines
            .as_ref()
            .is_none_or(|set| row.split(" | ").all(|cell| set.contains(cell.trim())))
    };
    // Only a short line's position counts (below, a name is looked for on
    // short lines, and a card's position line is shorter still), so only
    // short lines are folded: a page's long paragraphs, most of an
    // article, are not.
    // A long line that lists people one after another ("bà Phạm Thị Thu Hà
    // – Phó Giám đốc; ông Vũ Đức Thắng – công chức Tư pháp; …", a group
    // photo's caption) is read a clause at a time, on a standing page. In a
    // dated post such a list tells who took part in something.
    let post = page
        .dates
        .iter()
        .any(|d| matches!(d.role, DateRole::Stamp | DateRole::Meta));
    let mut lines: Vec<&str> = Vec::new();
    let judged: Box<dyn Iterator<Item = &str>> = match &sections {
        Some(lines) => Box::new(lines.iter().copied()),
        None => Box::new(text::lines(&page.text)),
    };
    for line in judged {
        if !post && memchr::memchr_iter(b';', line.as_bytes()).nth(1).is_some() && !short(line) {
            lines.extend(line.split(';').map(str::trim).filter(|c| !c.is_empty()));
        } else {
            lines.push(line);
        }
    }
    let positioned: Vec<bool> = lines.iter().map(|l| short(l) && placed(l)).collect();
    // A list item is most often a line of the text as well (a news list's
    // rows): its answer is known. Only short lines were asked; a long
    // item's answer is `false` without asking.
    let known: HashMap<&str, bool> = if page.items.is_empty() {
        HashMap::new()
    } else {
        lines
            .iter()
            .copied()
            .zip(positioned.iter().copied())
            .filter(|&(line, _)| short(line))
            .collect()
    };
    for item in page
        .items
        .iter()
        .map(String::as_str)
        .filter(|r| in_sections(r))
    {
        let item_placed = match known.get(item) {
            Some(&answer) => answer,
            None => short(item) && placed(item),
        };
        if item_placed {
            if let Some(name) = find_name(item) {
                note(name, item.to_owned());
            }
        }
    }
    // The name on each short line that is asked about below: a line with a
    // position, or the line before one (a card's name line).
    let names_on: Vec<Option<String>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let asked = positioned[i] || positioned.get(i + 1) == Some(&true);
            if asked && short(l) {
                find_name(l)
            } else {
                None
            }
        })
        .collect();
    for (i, line) in lines.iter().enumerate() {
        if let (true, Some(name)) = (positioned[i], &names_on[i]) {
            note(name.clone(), (*line).to_owned());
        }
    }
    // Cards: a short name line followed by a short position line.
    for i in 1..lines.len() {
        let (first, second) = (lines[i - 1], lines[i]);
        if !positioned[i]
            || first.split_whitespace().count() > 8
            || second.split_whitespace().count() > 14
        {
            continue;
        }
        if let (Some(name), None) = (&names_on[i - 1], &names_on[i]) {
            note(name.clone(), format!("{first} – {second}"));
        }
    }
    let count = names.len();
    if count < p.min_partial && ctx.on_topic {
        // Names say more than a list of departments does.
        return names_only(&lines, page, ctx.lang).or_else(|| units_only(p, page, ctx.lang));
    }
    let mut found = counted(
        count,
        (p.min_pass, p.min_partial),
        ctx,
        match ctx.lang {
            Lang::Vi => format!("{count} người có họ tên và chức vụ"),
            Lang::En if count == 1 => "1 person named with a position".to_owned(),
            Lang::En => format!("{count} people named with their positions"),
        },
        evidence(page, &shown.join(" … "), format!("people={count}")),
    )?;
    if found.level == Level::Pass && p.names_former_unit(page) {
        out_of_date(
            &mut found,
            ctx.lang.pick(
                ", của đơn vị cũ (trước sắp xếp)",
                ", of a former unit (before the merger)",
            ),
        );
    }
    let ended = p
        .ended_term
        .then(|| latest_term(ctx.folded_text.get()))
        .flatten()
        .filter(|(_, end)| *end < ctx.as_of.year());
    super::out_of_date_if_updated_before(&mut found, p.updated_after, page, ctx);
    if let (Level::Pass, Some((start, end))) = (found.level, ended) {
        let why = match ctx.lang {
            Lang::Vi => format!(", của nhiệm kỳ {start}–{end} đã kết thúc"),
            Lang::En => format!(", of the {start}–{end} term, which has ended"),
        };
        out_of_date(&mut found, &why);
    }
    Some(found)
}

/// "nhiệm kỳ 2015 – 2020" in folded text (the dash is a space by then).
static TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bnhiem ky (?:\w+ ){0,3}((?:19|20)\d\d) (?:den )?((?:19|20)\d\d)\b")
        .expect("valid regex")
});

/// The term of office named on the page that ends last: its first and last
/// years.
fn latest_term(folded: &str) -> Option<(i32, i32)> {
    TERM.captures_iter(folded)
        .filter_map(|caps| Some((caps[1].parse().ok()?, caps[2].parse().ok()?)))
        .filter(|(start, end)| start < end)
        .max_by_key(|&(_, end)| end)
}

/// Words on a line that names one person, at most.
const MAX_PERSON_WORDS: usize = 40;

/// Lines that name units or positions but no person, on a page about the
/// topic: a structure given as a list of departments.
const MIN_UNIT_LINES: usize = 3;

fn units_only(p: &People, page: &PageFacts, lang: Lang) -> Option<Finding> {
    // A list item is a line of the text too: each counts once.
    let mut seen = HashSet::new();
    let units: Vec<&str> = page
        .items
        .iter()
        .map(String::as_str)
        .chain(text::lines(&page.text))
        .filter(|l| l.split_whitespace().count() <= 16 && p.positions.any_in(&fold(l)))
        .filter(|l| seen.insert(*l))
        .collect();
    if units.len() < MIN_UNIT_LINES {
        return None;
    }
    Some(Finding {
        level: Level::Partial,
        strength: 0.55,
        detail: lang
            .pick(
                "chỉ có tên các bộ phận, chức danh, chưa có họ tên người",
                "only departments and positions, no names of people",
            )
            .into(),
        evidence: vec![evidence(
            page,
            &units[..units.len().min(3)].join(" … "),
            format!("units={}", units.len()),
        )],
    })
}

/// Lines that are only a person's name, on a page about the topic: staff
/// shown by photo and name, with no position.
const MIN_NAME_LINES: usize = 3;

/// A line that is a full name and nothing else ("Cù Văn Đạt" under a
/// photo): three syllables at least, as officials' names nearly all are,
/// and two-syllable street names ("Lê Lợi") are not.
fn bare_name(line: &str) -> Option<String> {
    let words = line.split_whitespace().count();
    if words > MAX_NAME_WORDS {
        return None;
    }
    let name = find_name(line)?;
    let syllables = name.split(' ').count();
    // Only a title ("Ông", "Đồng chí") may stand beside the name.
    (syllables >= 3 && words <= syllables + 2).then_some(name)
}

fn names_only(lines: &[&str], page: &PageFacts, lang: Lang) -> Option<Finding> {
    let mut names: Vec<String> = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    for line in lines {
        if let Some(name) = bare_name(line) {
            if !names.contains(&name) {
                names.push(name);
                shown.push(line);
            }
        }
    }
    if names.len() < MIN_NAME_LINES {
        return None;
    }
    Some(Finding {
        level: Level::Partial,
        strength: 0.55,
        detail: match lang {
            Lang::Vi => format!("{} người chỉ có họ tên, chưa có chức vụ", names.len()),
            Lang::En => format!("{} people named without their positions", names.len()),
        },
        evidence: vec![evidence(
            page,
            &shown[..shown.len().min(3)].join(" … "),
            format!("names={}", names.len()),
        )],
    })
}

/// Syllables of a full name at most, with a title ("Bà", "Đồng chí").
const MAX_NAME_WORDS: usize = 6;

/// Vietnamese family names, folded. Covers the great majority of officials.
const FAMILY_NAMES: &[&str] = &[
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "dao", "dinh", "mai", "trinh", "truong", "luong", "luu", "ta",
    "cao", "vuong", "ha", "phung", "to", "thai", "quach", "khong", "la", "lam", "doan", "chu",
    "kieu", "trieu", "tang", "doan", "nghiem", "lai", "mac", "tong", "hua", "giang", "au", "nong",
    "than", "luc", "diep", "ninh", "bach", "dong", "kim", "khuc", "vi", "hau", "quan", "trinh",
    "ton", "phi", "dam", "nhu", "be", "cu", "cung", "doi", "ong", "tu", "vien", "han", "lo",
    "phuong", "hoa", "tieu", "son", "van", "khuat", "ung", "thach", "an", "banh",
];

/// Family names whose folded form is also a common capitalised word, as
/// the name is written: "Tổ Tài chính – Kế hoạch" is a team, Tô a family.
const WRITTEN_FAMILY_NAMES: &[(&str, &str)] = &[("to", "tô")];

/// Whether a word that folds to a family name is another word written
/// with other marks.
fn not_family(family: &str, word: &str) -> bool {
    WRITTEN_FAMILY_NAMES
        .iter()
        .any(|(folded, written)| *folded == family && word.to_lowercase() != *written)
}

/// Words that start with a capital but begin titles, not names.
const NOT_GIVEN: &[&str] = &["ubnd", "hdnd", "uy", "ban", "dang", "phuong", "xa", "phong"];

/// Words before a capitalised run that make it a place, not a person:
/// "phường Hoàng Tân" is a ward. "Cơ" makes "Quan" a word, not a family
/// name: "CÁC CƠ QUAN CHUYÊN MÔN" is a heading.
const PLACE_WORDS: &[&str] = &[
    "phuong", "xa", "pho", "tinh", "huyen", "thon", "khu", "duong", "to", "ap", "ban", "quan",
    "den", "chua", "dinh", "nui", "song", "cau", "cho", "truong", "co",
];

/// The first Vietnamese personal name in `line`, folded, if any.
#[must_use]
pub fn find_name(line: &str) -> Option<String> {
    // A name never spans punctuation: "Trần Văn Hùng – Bí thư".
    line.split([',', ':', '|', '(', ')', '–', '-', ';', '.', '/'])
        .find_map(|segment| name_in(&segment.split_whitespace().collect::<Vec<_>>()))
}

fn name_in(words: &[&str]) -> Option<String> {
    // An upper-case heading ("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ") reads like a
    // run of capitalised syllables; an upper-case name stands in a short cell.
    let shouting = words.iter().all(|w| !w.chars().any(char::is_lowercase));
    if shouting && words.len() > MAX_NAME_WORDS {
        return None;
    }
    let mut i = 0;
    while i < words.len() {
        // A name starts with a capitalised word, and a title only matters
        // when one stands after it: the rest is passed over unfolded.
        if !is_capitalised(words[i]) {
            i += 1;
            continue;
        }
        let family = fold(words[i]);
        // Titles before a name: "Ông", "Bà", "Đồng chí", "Đ/c".
        if matches!(family.as_str(), "ong" | "ba" | "anh" | "chi" | "dc") {
            i += 1;
            continue;
        }
        if family == "dong" && words.get(i + 1).is_some_and(|w| fold(w) == "chi") {
            i += 2;
            continue;
        }
        let after_place = i > 0 && PLACE_WORDS.contains(&fold(words[i - 1]).as_str());
        if !after_place && FAMILY_NAMES.contains(&family.as_str()) && !not_family(&family, words[i])
        {
            let mut j = i + 1;
            while j < words.len()
                && j - i <= 4
                && is_capitalised(words[j])
                && !NOT_GIVEN.contains(&fold(words[j]).as_str())
            {
                j += 1;
            }
            // Family name plus one to four given syllables.
            if j - i >= 2 {
                return Some(fold(&words[i..j].join(" ")));
            }
        }
        i += 1;
    }
    None
}

/// `Hùng` or `HÙNG`, but not `UBND`-style acronyms of consonants only.
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || !word.chars().all(char::is_alphabetic) {
        return false;
    }
    let folded = fold(word);
    folded.len() <= 7
        && folded
            .chars()
            .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_term_named_is_read() {
        let f = fold(
            "Ban Thường vụ Đảng ủy nhiệm kỳ 2010 – 2015 … NHIỆM KỲ 2015-2020; Khóa XX (2016 - 2021)",
        );
        assert_eq!(latest_term(&f), Some((2015, 2020)));
        assert_eq!(
            latest_term(&fold("HĐND xã nhiệm kỳ 2021 đến 2026")),
            Some((2021, 2026))
        );
        assert_eq!(
            latest_term(&fold("Nhiệm kỳ Đại hội XII 2020 - 2025")),
            Some((2020, 2025))
        );
        assert_eq!(
            latest_term(&fold("nhiệm kỳ mới, năm 2026 có 2 kỳ họp")),
            None
        );
    }

    #[test]
    fn finds_vietnamese_names() {
        assert_eq!(
            find_name("Đồng chí Trần Văn Hùng – Bí thư Đảng ủy").as_deref(),
            Some("tran van hung")
        );
        assert_eq!(
            find_name("Bà NGUYỄN THỊ HẠNH, công chức").as_deref(),
            Some("nguyen thi hanh")
        );
        assert_eq!(find_name("Chủ tịch UBND phường"), None);
        assert_eq!(find_name("Phòng Văn hóa – Xã hội"), None);
        assert_eq!(find_name("Chủ tịch UBND phường Hoàng Tân"), None);
        assert_eq!(find_name("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"), None);
        // "Quan" is a family name, but not after "cơ".
        assert_eq!(find_name("CÁC CƠ QUAN CHUYÊN MÔN"), None);
        assert_eq!(
            find_name("Ông Quan Văn Lực, công chức").as_deref(),
            Some("quan van luc")
        );
        // A team of the committee, not the family Tô.
        assert_eq!(find_name("Tổ Tài chính – Kế hoạch"), None);
        assert_eq!(find_name("TỔ QUẢN LÝ XÂY DỰNG"), None);
        assert_eq!(
            find_name("Ông Tô Văn Lâm, công chức Tư pháp").as_deref(),
            Some("to van lam")
        );
        assert_eq!(find_name("TÔ THỊ HẰNG").as_deref(), Some("to thi hang"));
        // Rare family names.
        assert_eq!(
            find_name("Ông Tạ Quang Khải – Chủ tịch UBND xã").as_deref(),
            Some("ta quang khai")
        );
        assert_eq!(
            find_name("Ông PHẠM VĂN DŨNG").as_deref(),
            Some("pham van dung")
        );
        assert_eq!(
            find_name("ĐỒNG CHÍ TRẦN VĂN HÙNG").as_deref(),
            Some("tran van hung")
        );
        assert_eq!(
            find_name("Bà Nguyễn Thị Hạnh").as_deref(),
            Some("nguyen thi hanh")
        );
    }
}
