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
//! Evidence: the page, the first entries, `items=N`.

use crate::lang::Lang;
use serde::Deserialize;

use super::{Finding, PageCtx, Phrases, counted, evidence};
use crate::crawl::{PageFacts, Region};
use crate::text::fold;

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
}

impl Items {
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

#[must_use]
pub fn items(p: &Items, page: &PageFacts, ctx: &PageCtx<'_>) -> Option<Finding> {
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
    let count = seen.len();
    counted(
        count,
        (p.min_pass, p.min_partial),
        ctx,
        format!(
            "{count} {}",
            match (ctx.lang, &p.noun_en) {
                (Lang::En, Some(en)) => en,
                _ => &p.noun,
            }
        ),
        evidence(page, &shown.join(" … "), format!("items={count}")),
    )
}
