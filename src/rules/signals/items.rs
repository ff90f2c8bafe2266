//! `items`: a list of many entries of one kind — procedure names in a TTHC list.
//!
//! The list of administrative procedures is usually a long table
//! (`STT | Tên thủ tục hành chính | Lĩnh vực`) or a list of links, one per
//! procedure. This counts the distinct table rows, list items and content links
//! whose text contains one of the rule's phrases ("đăng ký", "chứng thực",
//! "cấp giấy" …). A page that names two procedures in prose is not a list.
//!
//! ```toml
//! [[signal]]
//! kind = "items"
//! phrases = ["đăng ký", "chứng thực", "cấp giấy"]
//! noun = "thủ tục"   # what one entry is called in the summary
//! min_pass = 10
//! min_partial = 1
//! ```
//!
//! Sites also split the list by field, one page each ("Thủ tục hành chính
//! lĩnh vực Hộ tịch", "… Đất đai"): the entries of pages that are about the
//! topic as a whole (title, first heading or the link that led there) are
//! added up over the site, and `min_pass` distinct ones over such pages
//! pass too.
//!
//! Lists are grouped by field ("II. LĨNH VỰC CHỨNG THỰC"). A group the
//! site shows empty — a group line followed by "Đang cập nhật", or a
//! group's own page saying "Không có nội dung." or gone — means the list is
//! incomplete however long the other groups are: `group_words` names the
//! word that starts a group line, and such lines are never entries, nor is
//! a table's header row ("STT | Tên thủ tục hành chính").
//!
//! Evidence: the page, the first entries, `items=N`; for a list over
//! several pages, the first pages and `items=N pages=M`; for an empty
//! group, the page that shows it, `empty-group`.

use crate::lang::Lang;
use serde::Deserialize;

use std::collections::HashSet;

use super::{Finding, Level, PageCtx, Phrases, SiteState, counted, evidence};
use crate::crawl::{PageFacts, Region};
use crate::rules::Evidence;
use crate::rules::evaluate::{says_gone, says_updating};
use crate::text::{self, FoldOnce, fold};

/// At most this many entries, and pages, are remembered per ward.
const MAX_ENTRIES: usize = 2_000;
/// Empty groups, and pages that may be one, remembered per ward.
const MAX_GROUPS: usize = 50;
/// Words a group line has at most after its group word ("thành lập và
/// hoạt động của hộ kinh doanh" is nine).
const MAX_GROUP_NAME_WORDS: usize = 12;
/// Words a group line may have before its group word ("Thủ tục hành chính
/// lĩnh vực …", "II. …").
const MAX_GROUP_LEAD_WORDS: usize = 4;
/// Characters at most of a group line, and of the line under it that says
/// the group is empty.
const GROUP_LINE_CHARS: usize = 100;
/// What a group shown empty says, besides "Đang cập nhật" (folded).
const NO_CONTENT: &[&str] = &[
    "khong co noi dung",
    "khong co du lieu",
    "khong co thu tuc",
    "chua co thu tuc",
];
/// First cells of a table's header row (folded).
const HEADER_CELLS: &[&str] = &["stt", "tt", "so tt", "so thu tu"];
/// Pages a list over several pages names as its evidence.
const SHOWN_PAGES: usize = 3;

/// The entries of a list split over several pages.
#[derive(Debug, Default)]
pub struct EntryLog {
    entries: HashSet<String>,
    /// The pages that gave entries.
    pages: HashSet<String>,
    /// The first of them, as evidence.
    shown: Vec<Evidence>,
    /// Groups shown empty on pages about the topic.
    empty_groups: Vec<EmptyGroup>,
    /// Group pages shown empty or gone that were not about the topic
    /// themselves, with the texts of the links that led there (folded):
    /// they count once a page about the topic links to them.
    group_pages: Vec<(EmptyGroup, Vec<String>)>,
    /// The texts of the main links of pages about the topic, folded.
    topic_links: HashSet<String>,
}

/// A group of the list shown empty.
#[derive(Debug)]
struct EmptyGroup {
    /// Its name, folded ("chung thuc").
    name: String,
    /// The line that names it, as written ("II. Lĩnh vực Chứng thực").
    label: String,
    found: Evidence,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Items {
    pub phrases: Phrases,
    /// What one entry is called, for the summary ("thủ tục").
    pub noun: String,
    /// The same in English, for `--lang en` ("procedures").
    #[serde(default)]
    pub noun_en: Option<String>,
    pub min_pass: usize,
    #[serde(default = "super::one")]
    pub min_partial: usize,
    #[serde(default)]
    pub anywhere: bool,
    /// The field labels of a page about one entry ("Mã thủ tục", "Trình tự
    /// thực hiện", "Thành phần hồ sơ"): a page with at least
    /// `one_entry_min` rows that start with one describes a single
    /// procedure, and its rows are not entries of a list.
    #[serde(default)]
    pub one_entry_fields: Phrases,
    #[serde(default = "three")]
    pub one_entry_min: usize,
    /// Words that start a line naming a group of entries ("lĩnh vực"):
    /// such lines are not entries, and a group shown empty makes the list
    /// incomplete.
    #[serde(default)]
    pub group_words: Phrases,
}

fn three() -> usize {
    3
}

impl Items {
    pub(super) fn validate(&self) -> Result<(), (&'static str, String)> {
        super::thresholds(self.min_pass, self.min_partial, ("min_pass", "min_partial"))?;
        // With 0, every page would describe one procedure and list none.
        if !self.one_entry_fields.is_empty() && self.one_entry_min == 0 {
            return Err((
                "one_entry_min",
                "must be at least 1 (rows starting with a field label)".into(),
            ));
        }
        Ok(())
    }

    pub(super) fn describe(&self) -> String {
        let groups = if self.group_words.is_empty() {
            String::new()
        } else {
            format!(
                "; danh sách chia theo nhóm ({}) mà có nhóm ghi «đang cập nhật», «không có nội dung» hoặc trang của nhóm không tồn tại: chưa đầy đủ",
                self.group_words
            )
        };
        format!(
            "danh sách ít nhất {} mục «{}» (dòng bảng, mục danh sách hoặc liên kết chứa: {}); {}–{} mục: chưa đầy đủ{groups}",
            self.min_pass,
            self.noun,
            self.phrases,
            self.min_partial,
            self.min_pass.saturating_sub(1)
        )
    }
}

/// Judges one page, and adds its entries to the site's when the page is
/// about the topic as a whole (and not another unit's).
#[must_use]
pub fn items(
    p: &Items,
    page: &PageFacts,
    ctx: &PageCtx<'_>,
    state: &mut SiteState,
) -> Option<Finding> {
    let (entries, shown) = entries(p, page);
    let count = entries.len();
    if !ctx.another_unit && !p.group_words.is_empty() {
        let log = &mut state.entries;
        note_links(log, page);
        for group in empty_groups(p, page, count, ctx.folded_text.get()) {
            if log.empty_groups.len() < MAX_GROUPS
                && log.empty_groups.iter().all(|g| g.name != group.name)
            {
                log.empty_groups.push(group);
            }
        }
    }
    let found = evidence(page, &shown.join(" … "), format!("items={count}"));
    if ctx.primary && !ctx.another_unit && count >= p.min_partial {
        record(&mut state.entries, page, entries, &found);
    }
    counted(
        count,
        (p.min_pass, p.min_partial),
        ctx,
        format!("{count} {}", noun(p, ctx.lang)),
        found,
    )
}

fn noun(p: &Items, lang: Lang) -> &str {
    match (lang, &p.noun_en) {
        (Lang::En, Some(en)) => en,
        _ => &p.noun,
    }
}

/// Notes a page off the topic that names one group and shows it empty, or
/// is gone ("Bài viết không tồn tại" where "II. Lĩnh vực Chứng thực" led):
/// it counts if a page about the topic links to it. `folded_text` is the
/// page's main text, folded when first asked.
pub fn off_topic(p: &Items, page: &PageFacts, folded_text: &FoldOnce<'_>, state: &mut SiteState) {
    if p.group_words.is_empty() || state.entries.group_pages.len() >= MAX_GROUPS {
        return;
    }
    let via: Vec<String> = page.via.iter().map(|v| fold(v)).collect();
    // The group the page is about: its first heading names it, or a link
    // that led here did.
    let named = page
        .headings
        .first()
        .map(|h| (h, fold(h)))
        .into_iter()
        .chain(page.via.iter().zip(via.iter().cloned()))
        .find_map(|(label, folded)| {
            group_name(p, &folded).map(|name| (label.clone(), name.to_owned()))
        });
    let Some((label, name)) = named else {
        return;
    };
    let folded = folded_text.get();
    if !(says_empty(folded) || says_gone(folded)) || !entries(p, page).0.is_empty() {
        return;
    }
    let found = evidence(page, &page.text.replace('\n', " "), "empty-group".into());
    let group = EmptyGroup { name, label, found };
    state.entries.group_pages.push((group, via));
}

/// Remembers the texts of the main links of a page about the topic, which
/// tell the group pages it offers.
fn note_links(log: &mut EntryLog, page: &PageFacts) {
    for link in page.links.iter().filter(|l| l.region == Region::Main) {
        if log.topic_links.len() >= MAX_ENTRIES {
            break;
        }
        log.topic_links.insert(fold(&link.text));
    }
}

/// Whether folded text says there is nothing there (yet).
fn says_empty(folded: &str) -> bool {
    says_updating(folded) || NO_CONTENT.iter().any(|n| folded.contains(n))
}

/// The group a folded line names ("ii linh vuc chung thuc" → "chung
/// thuc"), when it is a group line: a group word among its first words,
/// and a short name after it.
fn group_name<'f>(p: &Items, folded: &'f str) -> Option<&'f str> {
    if folded.len() > 2 * GROUP_LINE_CHARS {
        return None;
    }
    p.group_words.0.iter().find_map(|group| {
        let mut rest = folded;
        for _ in 0..=MAX_GROUP_LEAD_WORDS {
            if let Some(name) = rest
                .strip_prefix(group.folded())
                .and_then(|r| r.strip_prefix(' '))
            {
                return (name.split(' ').count() <= MAX_GROUP_NAME_WORDS).then_some(name);
            }
            rest = &rest[rest.find(' ')? + 1..];
        }
        None
    })
}

/// The groups a page about the topic shows empty, by folded name, with the
/// lines that show it: the page names one group and says it is empty, or
/// a group line is followed by a line saying so.
fn empty_groups(p: &Items, page: &PageFacts, count: usize, folded: &str) -> Vec<EmptyGroup> {
    let group = |name: &str, label: &str, snippet: &str| EmptyGroup {
        name: name.to_owned(),
        label: label.to_owned(),
        found: evidence(page, snippet, "empty-group".into()),
    };
    if let Some(heading) = page.headings.first() {
        let name = fold(heading);
        if let Some(name) = group_name(p, &name) {
            if count == 0 && says_empty(folded) {
                return vec![group(name, heading, &page.text.replace('\n', " "))];
            }
        }
    }
    let lines: Vec<&str> = text::lines(&page.text).collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.len() > 2 * GROUP_LINE_CHARS || line.chars().count() > GROUP_LINE_CHARS {
            continue;
        }
        let folded_line = fold(line);
        let Some(name) = group_name(p, &folded_line) else {
            continue;
        };
        let next = lines.get(i + 1).copied().unwrap_or("");
        if says_empty(name) {
            found.push(group(name, line, line));
        } else if next.chars().count() <= GROUP_LINE_CHARS && says_empty(&fold(next)) {
            found.push(group(name, line, &format!("{line} {next}")));
        }
    }
    found
}

/// The groups the site shows empty: on pages about the topic, and on
/// group pages such a page links to. Each group once, as evidence.
fn shown_empty(log: &EntryLog) -> Vec<&EmptyGroup> {
    let mut groups: Vec<&EmptyGroup> = log.empty_groups.iter().collect();
    for (page, via) in &log.group_pages {
        let linked =
            via.iter().any(|v| log.topic_links.contains(v)) || log.topic_links.contains(&page.name);
        if linked && groups.iter().all(|g| g.name != page.name) {
            groups.push(page);
        }
    }
    groups
}

/// The list is incomplete: some of its groups are shown empty. Returns
/// what to add to a passing finding's detail, and the evidence.
#[must_use]
pub fn gaps(p: &Items, state: &SiteState, lang: Lang) -> Option<(String, Vec<Evidence>)> {
    if p.group_words.is_empty() {
        return None;
    }
    let groups = shown_empty(&state.entries);
    if groups.is_empty() {
        return None;
    }
    let names: Vec<String> = groups
        .iter()
        .take(SHOWN_PAGES)
        .map(|g| format!("«{}»", crate::crawl::facts::truncate(&g.label, 80)))
        .collect();
    let more = if groups.len() > SHOWN_PAGES {
        ", …"
    } else {
        ""
    };
    let detail = match lang {
        // "2 lĩnh vực chưa có thủ tục", in the rule file's words.
        Lang::Vi => format!(
            "{} {} chưa có {}: {}{more}",
            groups.len(),
            p.group_words
                .0
                .first()
                .map_or("nhóm", |g| g.source.as_str()),
            p.noun,
            names.join(", ")
        ),
        Lang::En => format!(
            "{} groups have no {}: {}{more}",
            groups.len(),
            noun(p, lang),
            names.join(", ")
        ),
    };
    let evidence = groups
        .iter()
        .take(SHOWN_PAGES)
        .map(|g| g.found.clone())
        .collect();
    Some((detail, evidence))
}

/// Whether `gaps` finds any, cheaply: this runs after every page.
#[must_use]
pub fn has_gaps(p: &Items, state: &SiteState) -> bool {
    !p.group_words.is_empty() && !shown_empty(&state.entries).is_empty()
}

/// Whether the page describes one entry, field by field: rows whose first
/// cell is a field label ("Mã thủ tục | 1.001193").
fn about_one_entry(p: &Items, page: &PageFacts) -> bool {
    if p.one_entry_fields.is_empty() {
        return false;
    }
    let labelled = page
        .items
        .iter()
        .filter(|row| {
            let first = row.split(" | ").next().unwrap_or(row);
            first.split_whitespace().count() <= MAX_LABEL_WORDS
                && p.one_entry_fields.any_in(&fold(first))
        })
        .count();
    labelled >= p.one_entry_min
}

/// Words in a field label cell at most.
const MAX_LABEL_WORDS: usize = 6;

/// The page's distinct entries, folded, and the first three as written.
fn entries<'p>(p: &Items, page: &'p PageFacts) -> (Vec<String>, Vec<&'p str>) {
    if about_one_entry(p, page) {
        return (Vec::new(), Vec::new());
    }
    let link_texts = page
        .links
        .iter()
        .filter(|l| l.region == Region::Main)
        .map(|l| l.text.as_str());
    let mut seen: Vec<String> = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    for text in page.items.iter().map(String::as_str).chain(link_texts) {
        let folded = fold(text);
        // A header row, or a line naming a group, is no entry.
        if header_row(text) || group_name(p, &folded).is_some() {
            continue;
        }
        // A row's text contains its links' texts; count each entry once.
        if folded.is_empty()
            || seen
                .iter()
                .any(|s| s.contains(&folded) || folded.contains(s.as_str()))
        {
            continue;
        }
        if p.phrases.any_in(&folded) {
            seen.push(folded);
            if shown.len() < 3 {
                shown.push(text);
            }
        }
    }
    (seen, shown)
}

/// Whether a table row is its header: "STT | Tên thủ tục hành chính | …".
fn header_row(row: &str) -> bool {
    row.split_once(" | ")
        .is_some_and(|(first, _)| first.len() <= 12 && HEADER_CELLS.contains(&fold(first).as_str()))
}

/// Adds a page's entries, and the page, to the site's list.
fn record(log: &mut EntryLog, page: &PageFacts, entries: Vec<String>, found: &Evidence) {
    for entry in entries {
        if log.entries.len() >= MAX_ENTRIES {
            break;
        }
        log.entries.insert(entry);
    }
    let new_page = log.pages.len() < MAX_ENTRIES && log.pages.insert(page.url.to_string());
    if new_page && log.shown.len() < SHOWN_PAGES {
        log.shown.push(found.clone());
    }
}

/// A list split over several pages about the topic. (One page holding the
/// whole list passes on its own, with a stronger finding.)
#[must_use]
pub fn across_pages(p: &Items, state: &SiteState, lang: Lang) -> Option<Finding> {
    let log = &state.entries;
    let count = log.entries.len();
    if count < p.min_pass {
        return None;
    }
    let pages = log.pages.len();
    Some(Finding {
        level: Level::Pass,
        strength: 0.75,
        detail: match lang {
            Lang::Vi => format!("{count} {} trên {pages} trang", noun(p, lang)),
            Lang::En => format!("{count} {} over {pages} pages", noun(p, lang)),
        },
        evidence: log
            .shown
            .iter()
            .map(|e| Evidence {
                signal: format!("items={count} pages={pages}"),
                ..e.clone()
            })
            .collect(),
    })
}
