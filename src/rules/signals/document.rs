//! `document`: a linked document or image file labelled as the item.
//!
//! Wards often attach what they should publish: "Danh mục TTHC.pdf", "Tải
//! về bản đồ hành chính (JPG)". A link in a page's own content to a document
//! or image file counts when its text, its nearest heading or its file name
//! carries one of the rule's phrases. How much it is worth is the rule's
//! choice: a labelled map file is the map (`pass`); a procedure list only as an
//! attachment is `partial`. The file is recorded, not downloaded.
//!
//! A document shown in a frame on the page instead (a Google Sheets or Docs
//! embed, Google Drive's or Office's viewer, a PDF) is the same attachment,
//! shown rather than linked, and counts the same way, labelled by its
//! `title`, its nearest heading or its file name.
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

use super::media::{checked, of_another_unit};
use super::{Finding, Level, PageCtx, Phrases, other_unit_named};
use crate::crawl::{DocCheck, Link, LinkKind, PageFacts, Region};
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
            "tệp đính kèm (PDF, DOC, ảnh…) hoặc tài liệu nhúng (Google Sheets, PDF…) có tên hoặc nhãn chứa: {} (tính là {})",
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
    let mut files = page.links.iter().filter(|l| {
        if l.region != Region::Main || l.kind == LinkKind::Page {
            return false;
        }
        let label = fold(&l.label());
        // A file that is not there is no evidence.
        p.phrases.any_in(&label)
            && !p.exclude.any_in(&label)
            && l.check.as_ref().is_none_or(DocCheck::exists)
    });
    // The first of the ward's own; a file of another unit (a ward merged
    // into this one) only when there is none.
    let other_unit = |l: &Link| {
        ctx.own_unit
            .and_then(|own| other_unit_named(&l.label_parts(), own))
    };
    let Some(first) = files.next() else {
        return document_frame(p, page, ctx);
    };
    let (link, other) = match other_unit(first) {
        None => (first, None),
        Some(other) => files
            .find(|l| other_unit(l).is_none())
            .map_or((first, Some(other)), |own| (own, None)),
    };
    let level = if other.is_some() {
        p.level.min(Level::Partial)
    } else {
        p.level
    };
    let mut detail = format!(
        "{} «{}»",
        ctx.lang.pick("tệp đính kèm", "attached file"),
        if link.text.is_empty() {
            link.url.as_str()
        } else {
            &link.text
        }
    );
    if let Some(other) = &other {
        detail.push_str(&of_another_unit(other, ctx.lang));
    }
    let file = Shown {
        url: &link.url,
        text: &link.text,
        check: link.check.as_ref(),
        signal: "document",
    };
    Some(found(level, detail, &file, page, ctx))
}

/// A document as the evidence shows it.
struct Shown<'a> {
    url: &'a url::Url,
    /// Its link text or label.
    text: &'a str,
    check: Option<&'a DocCheck>,
    signal: &'static str,
}

/// The finding for a document on `page`.
fn found(
    level: Level,
    detail: String,
    doc: &Shown<'_>,
    page: &PageFacts,
    ctx: &PageCtx<'_>,
) -> Finding {
    Finding {
        level,
        strength: if level == Level::Pass { 0.75 } else { 0.6 },
        detail,
        evidence: vec![Evidence {
            url: doc.url.to_string(),
            snippet: format!(
                "«{}» {} {}{}",
                doc.text,
                ctx.lang.pick("trên trang", "on page"),
                page.url,
                checked(doc.check, ctx.lang)
            ),
            signal: doc.signal.into(),
            record: page.record.clone(),
        }],
    }
}

/// Where a frame shows a document rather than a web page or a street map:
/// viewers by host, and files by their ending.
const DOCUMENT_VIEWERS: &[&str] = &[
    "docs.google.com",
    "drive.google.com",
    "onedrive.live.com",
    "view.officeapps.live.com",
];
const DOCUMENT_ENDINGS: &[&str] = &[".pdf", ".doc", ".docx", ".xls", ".xlsx"];

fn shows_document(url: &url::Url) -> bool {
    let host = url.host_str().unwrap_or("");
    let path = url.path().to_ascii_lowercase();
    DOCUMENT_VIEWERS.contains(&host)
        || DOCUMENT_ENDINGS.iter().any(|e| path.ends_with(e))
        // A PDF.js viewer: `/viewer.html?file=/files/danh-muc.pdf`.
        || url
            .query_pairs()
            .any(|(k, v)| k == "file" && DOCUMENT_ENDINGS.iter().any(|e| v.to_ascii_lowercase().ends_with(e)))
}

/// A document shown in a frame of the page's content, labelled as the item.
fn document_frame(p: &Document, page: &PageFacts, ctx: &PageCtx<'_>) -> Option<Finding> {
    let frame = page.media.iter().find(|m| {
        if !m.is_frame || m.drawn || !shows_document(&m.url) {
            return false;
        }
        let label = fold(&m.label());
        p.phrases.any_in(&label)
            && !p.exclude.any_in(&label)
            && ctx
                .own_unit
                .and_then(|own| other_unit_named(&m.label_parts(), own))
                .is_none()
    })?;
    let shown = if frame.label.is_empty() {
        &frame.context
    } else {
        &frame.label
    };
    let detail = format!(
        "{} «{shown}»",
        ctx.lang.pick("tài liệu nhúng", "embedded document")
    );
    let shown = Shown {
        url: &frame.url,
        text: shown,
        check: None,
        signal: "document-frame",
    };
    Some(found(p.level, detail, &shown, page, ctx))
}
