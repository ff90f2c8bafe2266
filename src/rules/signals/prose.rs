//! `prose`: a substantial text — a page on the locality's history.
//!
//! Local history (lịch sử địa phương) is a page of several paragraphs about
//! how the ward was formed and its traditions, not one sentence in a news
//! item. On a page about the topic, the main text must reach `min_chars`
//! characters in at least `min_paragraphs` paragraphs (lines of 80 characters
//! or more) to pass; a shorter text of at least `partial_chars` is partial.
//!
//! ```toml
//! [[signal]]
//! kind = "prose"
//! min_chars = 1500
//! min_paragraphs = 4
//! partial_chars = 100
//! ```
//!
//! Evidence: the page, its opening words, `prose=N chars`.

use crate::lang::Lang;
use serde::Deserialize;

use super::{Finding, Level, PageCtx, evidence};
use crate::crawl::PageFacts;
use crate::text;

/// A line this long is a paragraph, not a label or a menu entry.
const PARAGRAPH_CHARS: usize = 80;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prose {
    pub min_chars: usize,
    pub min_paragraphs: usize,
    pub partial_chars: usize,
}

impl Prose {
    pub(super) fn describe(&self) -> String {
        format!(
            "bài viết dài ít nhất {} ký tự trong {} đoạn trở lên; từ {} ký tự: chưa đầy đủ",
            self.min_chars, self.min_paragraphs, self.partial_chars
        )
    }
}

#[must_use]
pub fn prose(p: &Prose, page: &PageFacts, ctx: &PageCtx<'_>) -> Option<Finding> {
    if !ctx.on_topic {
        return None;
    }
    let chars: usize = text::lines(&page.text)
        .filter(|l| l.chars().count() >= PARAGRAPH_CHARS)
        .map(|l| l.chars().count())
        .sum();
    let paragraphs = page.paragraphs(PARAGRAPH_CHARS);
    let level = if chars >= p.min_chars && paragraphs >= p.min_paragraphs {
        Level::Pass
    } else if page.text.chars().count() >= p.partial_chars {
        Level::Partial
    } else {
        return None;
    };
    let opening: String = page.text.chars().take(200).collect();
    Some(Finding {
        level,
        strength: if level == Level::Pass { 0.8 } else { 0.6 },
        detail: match ctx.lang {
            Lang::Vi => format!("bài viết {paragraphs} đoạn, {chars} ký tự"),
            Lang::En => format!("an article of {paragraphs} paragraphs, {chars} characters"),
        },
        evidence: vec![evidence(
            page,
            &opening,
            format!("prose={chars} chars/{paragraphs} paragraphs"),
        )],
    })
}
