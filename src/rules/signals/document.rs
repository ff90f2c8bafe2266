//! `document`: a linked document or image file labelled as the item.
//!
//! Wards often attach what they should publish: "Danh mục TTHC.pdf", "Tải
//! về bản đồ hành chính (JPG)". A link in a page's own content to a document
//! or image file counts when its text, its nearest heading or its file name
//! carries one of the rule's phrases. How much it is worth is the rule's
//! choice: a labelled map file is the map (`pass`); a procedure list only as an
//! attachment is `partial`. The file is recorded, not downloaded.
//!
//! ```toml
//! [[signal]]
//! kind = "document"
//! phrases = ["bản đồ hành chính", "bando"]
//! level = "pass"
//! ```
//!
//! Evidence: the document address, its link text, `document`.

use serde::Deserialize;

use super::media::checked;
use super::{Finding, Level, PageCtx, Phrases};
use crate::crawl::{DocCheck, LinkKind, PageFacts, Region};
use crate::rules::Evidence;
use crate::text::fold;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub phrases: Phrases,
    #[serde(default)]
    pub exclude: Phrases,
    pub level: Level,
}

impl Document {
    pub(super) fn describe(&self) -> String {
        format!(
            "tệp đính kèm (PDF, DOC, ảnh…) có tên hoặc nhãn chứa: {} (tính là {})",
            self.phrases,
            if self.level == Level::Pass {
                "đạt"
            } else {
                "chưa đầy đủ"
            }
        )
    }
}

#[must_use]
pub fn document(p: &Document, page: &PageFacts, ctx: &PageCtx<'_>) -> Option<Finding> {
    let link = page.links.iter().find(|l| {
        if l.region != Region::Main || l.kind == LinkKind::Page {
            return false;
        }
        let label = fold(&l.label());
        // A file that is not there is no evidence.
        p.phrases.any_in(&label)
            && !p.exclude.any_in(&label)
            && l.check.as_ref().is_none_or(DocCheck::exists)
    })?;
    Some(Finding {
        level: p.level,
        strength: if p.level == Level::Pass { 0.75 } else { 0.6 },
        detail: format!(
            "{} «{}»",
            ctx.lang.pick("tệp đính kèm", "attached file"),
            if link.text.is_empty() {
                link.url.as_str()
            } else {
                &link.text
            }
        ),
        evidence: vec![Evidence {
            url: link.url.to_string(),
            snippet: format!(
                "«{}» {} {}{}",
                link.text,
                ctx.lang.pick("trên trang", "on page"),
                page.url,
                checked(link.check.as_ref(), ctx.lang)
            ),
            signal: "document".into(),
            record: page.record.clone(),
        }],
    })
}
