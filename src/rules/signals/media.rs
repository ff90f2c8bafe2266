//! `media`: an image or embedded frame labelled as the item — a boundary map.
//!
//! A boundary map is usually an `<img>` under a heading "Bản đồ hành chính
//! phường …" with an empty or file-name `alt`, sometimes a GIS frame. An image
//! counts when its label, caption, nearest heading or file name carries one of
//! the rule's phrases and none of its `exclude` phrases. Frames (a Google Maps
//! embed) earn at most `frame_level`: a map of the office's location is not a
//! map of the ward's boundaries.
//!
//! ```toml
//! [[signal]]
//! kind = "media"
//! phrases = ["bản đồ hành chính", "bản đồ địa giới", "bando"]
//! exclude = ["trụ sở", "đường đi"]
//! frame_level = "partial"
//! ```
//!
//! Evidence: the image or frame address, its label or heading, `media`.

use crate::lang::Lang;
use serde::Deserialize;

use super::{Finding, Level, PageCtx, Phrases};
use crate::crawl::PageFacts;
use crate::rules::Evidence;
use crate::text::fold;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Media {
    pub phrases: Phrases,
    #[serde(default)]
    pub exclude: Phrases,
    #[serde(default = "partial")]
    pub frame_level: Level,
}

fn partial() -> Level {
    Level::Partial
}

impl Media {
    pub(super) fn describe(&self) -> String {
        format!(
            "hình ảnh (hoặc khung nhúng, tối đa «{}») có nhãn, chú thích, tiêu đề gần nhất hoặc tên tệp chứa: {}",
            if self.frame_level == Level::Pass {
                "đạt"
            } else {
                "chưa đầy đủ"
            },
            self.phrases
        )
    }
}

/// " (HTTP 200, image/jpeg, 1 KB)" when the file was checked.
pub(super) fn checked(check: Option<&crate::crawl::DocCheck>, lang: Lang) -> String {
    check
        .map(|c| format!(" ({})", c.describe(lang)))
        .unwrap_or_default()
}

#[must_use]
pub fn media(p: &Media, page: &PageFacts, ctx: &PageCtx<'_>) -> Option<Finding> {
    let mut best: Option<Finding> = None;
    for m in &page.media {
        let label = fold(&m.label());
        let Some(phrase) = p.phrases.first_in(&label) else {
            continue;
        };
        // A file that is not there is no evidence.
        if p.exclude.any_in(&label) || m.check.as_ref().is_some_and(|c| !c.exists()) {
            continue;
        }
        let level = if m.is_frame {
            p.frame_level
        } else {
            Level::Pass
        };
        let finding = Finding {
            level,
            strength: if level == Level::Pass { 0.85 } else { 0.6 },
            detail: if m.is_frame {
                format!(
                    "{} «{}»",
                    ctx.lang.pick("khung bản đồ nhúng", "embedded map frame"),
                    phrase.source
                )
            } else {
                format!(
                    "{} «{}»",
                    ctx.lang.pick("hình ảnh", "image"),
                    if m.context.is_empty() {
                        &m.label
                    } else {
                        &m.context
                    }
                )
            },
            evidence: vec![Evidence {
                url: m.url.to_string(),
                snippet: format!(
                    "{} — {} {}{}",
                    if m.context.is_empty() {
                        &m.label
                    } else {
                        &m.context
                    },
                    ctx.lang.pick("trên trang", "on page"),
                    page.url,
                    checked(m.check.as_ref(), ctx.lang)
                ),
                signal: if m.is_frame {
                    "frame".into()
                } else {
                    "image".into()
                },
                record: page.record.clone(),
            }],
        };
        if best.as_ref().is_none_or(|b| finding.beats(b)) {
            best = Some(finding);
        }
    }
    best
}
