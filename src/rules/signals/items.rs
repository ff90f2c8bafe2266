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
//! Evidence: the page, the first entries, `items=N`; for a list over
//! several pages, the first pages and `items=N pages=M`.

use crate::lang::Lang;
use serde::Deserialize;

use std::collections::HashSet;

use super::{Finding, Level, PageCtx, Phrases, SiteState, counted, evidence};
use crate::crawl::{PageFacts, Region};
use crate::rules::Evidence;
use crate::text::fold;

/// At most this many entries, and pages, are remembered per ward.
const MAX_ENTRIES: usize = 2_000;
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
        format!(
            "danh sách ít nhất {} mục «{}» (dòng bảng, mục danh sách hoặc liên kết chứa: {}); {}–{} mục: chưa đầy đủ",
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
