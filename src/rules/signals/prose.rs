//! `prose`: a substantial text — a page on the locality's history.
//!
//! Local history (lịch sử địa phương) is a page of several paragraphs about
//! how the ward was formed and its traditions, not one sentence in a news
//! item. On a page about the topic, the main text must reach `min_chars`
//! characters in at least `min_paragraphs` paragraphs (lines of 80 characters
//! or more) to pass; a shorter text of at least `partial_chars` is partial.
//! Length alone does not say what a text is about: "Giới thiệu chung" pages
//! are often all geography and figures. With `cues`, a pass needs
//! `min_cues` different ones in the text ("thành lập", "kháng chiến", "di
//! tích"…) and a partial at least one; a text with none gives nothing.
//!
//! ```toml
//! [[signal]]
//! kind = "prose"
//! min_chars = 1500
//! min_paragraphs = 4
//! partial_chars = 100
//! cues = ["thành lập", "lịch sử", "kháng chiến"]
//! min_cues = 2
//! ```
//!
//! Evidence: the page, its opening words, `prose=N chars`.

use crate::lang::Lang;
use serde::Deserialize;
use std::fmt::Write as _;

use super::{Finding, Level, PageCtx, Phrases, evidence};
use crate::crawl::{DateRole, PageFacts};
use crate::text;
use chrono::NaiveDate;

/// A line this long is a paragraph, not a label or a menu entry.
const PARAGRAPH_CHARS: usize = 80;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prose {
    pub min_chars: usize,
    pub min_paragraphs: usize,
    pub partial_chars: usize,
    /// Phrases that show the text is about the subject.
    #[serde(default)]
    pub cues: Phrases,
    /// Different cues a passing text needs (when `cues` is given).
    #[serde(default = "super::one")]
    pub min_cues: usize,
    /// A text posted before this day (by its own stamp) tells of the units
    /// before a reorganisation: `partial` at most.
    #[serde(default)]
    pub posted_after: Option<NaiveDate>,
}

impl Prose {
    pub(super) fn validate(&self) -> Result<(), (&'static str, String)> {
        super::thresholds(
            self.min_chars,
            self.partial_chars,
            ("min_chars", "partial_chars"),
        )?;
        if !self.cues.is_empty() && !(1..=self.cues.0.len()).contains(&self.min_cues) {
            return Err((
                "min_cues",
                format!("must be 1 … {} (the number of cues)", self.cues.0.len()),
            ));
        }
        Ok(())
    }

    pub(super) fn describe(&self) -> String {
        let mut out = format!(
            "bài viết dài ít nhất {} ký tự trong {} đoạn trở lên; từ {} ký tự: chưa đầy đủ",
            self.min_chars, self.min_paragraphs, self.partial_chars
        );
        if !self.cues.is_empty() {
            let _ = write!(
                out,
                "; bài đạt phải có ít nhất {} trong các cụm từ: {} (không có cụm nào: không tính)",
                self.min_cues, self.cues
            );
        }
        if let Some(after) = self.posted_after {
            let _ = write!(
                out,
                "; bài đăng trước ngày {}: chưa đầy đủ",
                after.format("%d/%m/%Y")
            );
        }
        out
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
    // Every cue counts once, so a long text is not a history for saying
    // "lịch sử" ten times.
    let (cues, enough_cues) = if p.cues.is_empty() {
        (0, true)
    } else {
        let folded = ctx.folded_text.get();
        let n = p.cues.0.iter().filter(|c| c.is_in(folded)).count();
        if n == 0 {
            return None;
        }
        (n, n >= p.min_cues)
    };
    let level = if chars >= p.min_chars && paragraphs >= p.min_paragraphs && enough_cues {
        Level::Pass
    } else if page.text.chars().count() >= p.partial_chars {
        Level::Partial
    } else {
        return None;
    };
    // The page's own stamp, the day it was posted.
    let posted = page
        .dates
        .iter()
        .find(|d| matches!(d.role, DateRole::Stamp | DateRole::Meta))
        .map(|d| d.date);
    let before = posted.filter(|day| p.posted_after.is_some_and(|after| *day < after));
    let level = if before.is_some() {
        Level::Partial
    } else {
        level
    };
    let mut detail = match ctx.lang {
        Lang::Vi => format!("bài viết {paragraphs} đoạn, {chars} ký tự"),
        Lang::En => format!("an article of {paragraphs} paragraphs, {chars} characters"),
    };
    if let Some(day) = before {
        let day = day.format("%d/%m/%Y");
        let _ = match ctx.lang {
            Lang::Vi => write!(
                detail,
                ", đăng ngày {day}, trước khi sắp xếp đơn vị hành chính"
            ),
            Lang::En => write!(
                detail,
                ", posted on {day}, before the reorganisation of units"
            ),
        };
    }
    let opening: String = page.text.chars().take(200).collect();
    Some(Finding {
        level,
        strength: if level == Level::Pass { 0.8 } else { 0.6 },
        detail,
        evidence: vec![evidence(
            page,
            &opening,
            if p.cues.is_empty() {
                format!("prose={chars} chars/{paragraphs} paragraphs")
            } else {
                format!("prose={chars} chars/{paragraphs} paragraphs/{cues} cues")
            },
        )],
    })
}
