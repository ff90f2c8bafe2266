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
//! What text is judged depends on what names the subject:
//!
//! - the page's title or first heading names it (not only by one of the
//!   `broad` phrases): the whole page;
//! - otherwise, headings further down name it ("Lịch sử hình thành", one tab
//!   of a "Giới thiệu chung" page): the sections under them, each up to the
//!   next heading of the same or a higher rank;
//! - otherwise, a link that led here names it: the whole page;
//! - otherwise (only `broad` phrases, "Tổng quan"): the paragraphs that hold
//!   a cue. An introduction's geography and figures are not its history.
//!
//! ```toml
//! [[signal]]
//! kind = "prose"
//! min_chars = 1500
//! min_paragraphs = 4
//! partial_chars = 100
//! cues = ["thành lập", "lịch sử", "kháng chiến"]
//! min_cues = 2
//! broad = ["giới thiệu chung", "tổng quan"]
//! ```
//!
//! Evidence: the page, its opening words, `prose=N chars`.

use crate::lang::Lang;
use serde::Deserialize;
use std::fmt::Write as _;

use super::{Finding, Level, PageCtx, Phrases, evidence};
use crate::crawl::{DateRole, PageFacts};
use crate::text::{self, Phrase, fold};
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
    /// Topic phrases that name a page broader than the subject (an
    /// introduction), which may hold it in one section or not at all.
    #[serde(default)]
    pub broad: Phrases,
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

/// The part of a page judged (see the module's documentation).
enum Judged {
    Page,
    /// The sections under these headings (indexes into `headings`).
    Sections(Vec<usize>),
    /// The paragraphs that hold a cue.
    Cued,
}

impl Prose {
    /// Whether `field` names the topic by a phrase that is not `broad`.
    fn names_subject(&self, topic: &[Phrase], field: &str) -> bool {
        let folded = fold(field);
        topic
            .iter()
            .filter(|t| !self.broad.0.iter().any(|b| b.folded() == t.folded()))
            .any(|t| t.is_in(&folded))
    }

    fn judged(&self, page: &PageFacts, ctx: &PageCtx<'_>) -> Judged {
        let named = |field: &String| self.names_subject(ctx.topic, field);
        if ctx.primary
            && std::iter::once(&page.title)
                .chain(page.headings.first())
                .any(named)
        {
            return Judged::Page;
        }
        let sections: Vec<usize> = ctx
            .topic_headings
            .iter()
            .copied()
            .filter(|&i| named(&page.headings[i]))
            .collect();
        if !sections.is_empty() {
            Judged::Sections(sections)
        } else if ctx.primary && (self.broad.is_empty() || page.via.iter().any(named)) {
            Judged::Page
        } else {
            Judged::Cued
        }
    }
}

#[must_use]
pub fn prose(p: &Prose, page: &PageFacts, ctx: &PageCtx<'_>) -> Option<Finding> {
    if !ctx.on_topic {
        return None;
    }
    let judged = p.judged(page, ctx);
    // The lines judged, and their text folded.
    let (lines, folded): (Vec<&str>, std::borrow::Cow<'_, str>) = match &judged {
        Judged::Page => (
            text::lines(&page.text).collect(),
            ctx.folded_text.get().into(),
        ),
        Judged::Sections(headings) => {
            let lines: Vec<&str> = headings.iter().flat_map(|&i| page.section(i)).collect();
            let folded = fold(&lines.join("\n"));
            (lines, folded.into())
        }
        Judged::Cued => {
            let lines: Vec<&str> = text::lines(&page.text)
                .filter(|l| p.cues.any_in(&fold(l)))
                .collect();
            let folded = fold(&lines.join("\n"));
            (lines, folded.into())
        }
    };
    let long = || {
        lines
            .iter()
            .filter(|l| l.chars().count() >= PARAGRAPH_CHARS)
    };
    let chars: usize = long().map(|l| l.chars().count()).sum();
    let paragraphs = long().count();
    // Every cue counts once, so a long text is not a history for saying
    // "lịch sử" ten times.
    let (cues, enough_cues) = if p.cues.is_empty() {
        (0, true)
    } else {
        let n = p.cues.0.iter().filter(|c| c.is_in(&folded)).count();
        if n == 0 {
            return None;
        }
        (n, n >= p.min_cues)
    };
    let all_chars: usize = lines.iter().map(|l| l.chars().count()).sum();
    let level = if chars >= p.min_chars && paragraphs >= p.min_paragraphs && enough_cues {
        Level::Pass
    } else if all_chars >= p.partial_chars {
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
    let mut detail = match (&judged, ctx.lang) {
        (Judged::Page, Lang::Vi) => format!("bài viết {paragraphs} đoạn, {chars} ký tự"),
        (Judged::Page, Lang::En) => {
            format!("an article of {paragraphs} paragraphs, {chars} characters")
        }
        (Judged::Sections(h), Lang::Vi) => format!(
            "mục «{}» của trang: {paragraphs} đoạn, {chars} ký tự",
            page.headings[h[0]]
        ),
        (Judged::Sections(h), Lang::En) => format!(
            "the page's section «{}»: {paragraphs} paragraphs, {chars} characters",
            page.headings[h[0]]
        ),
        (Judged::Cued, Lang::Vi) => format!(
            "những đoạn liên quan trên trang giới thiệu chung: {paragraphs} đoạn, {chars} ký tự"
        ),
        (Judged::Cued, Lang::En) => format!(
            "the related paragraphs of an introduction page: {paragraphs} paragraphs, {chars} characters"
        ),
    };
    if let Some(day) = before {
        detail += &super::before_reorganisation(day, super::Said::Posted, ctx.lang);
    }
    let opening: String = match judged {
        Judged::Page => page.text.chars().take(200).collect(),
        _ => lines.join("\n").chars().take(200).collect(),
    };
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
