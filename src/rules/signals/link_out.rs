//! `link_out`: a link to an outside portal that holds the content.
//!
//! Many wards publish their procedures only on the province's or the
//! nation's online-services portal (`dichvucong.<province>.gov.vn`,
//! `dichvucong.gov.vn`) and link to it. The law intends that integration, so
//! the link is real evidence, but weaker than a list on the ward's own site:
//! by default it earns `partial`. Counted are links in a page's own content on
//! a page about the topic, and links anywhere whose text is one of the rule's
//! menu labels.
//!
//! ```toml
//! [[signal]]
//! kind = "link_out"
//! hosts = ["dichvucong", "thutuchanhchinh"]   # words in the target host
//! level = "partial"                          # or "pass"
//! ```
//!
//! Evidence: the link target, its anchor text, `link_out`.

use serde::Deserialize;

use super::{Finding, Level, PageCtx};
use crate::crawl::{PageFacts, Region};
use crate::rules::Evidence;
use crate::text::fold;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkOut {
    /// Words that appear in the target's host name.
    pub hosts: Vec<String>,
    #[serde(default = "partial")]
    pub level: Level,
}

fn partial() -> Level {
    Level::Partial
}

impl LinkOut {
    pub(super) fn describe(&self) -> String {
        format!(
            "liên kết tới cổng bên ngoài có tên miền chứa {} (chỉ tính là {})",
            self.hosts
                .iter()
                .map(|h| format!("«{h}»"))
                .collect::<Vec<_>>()
                .join(", "),
            if self.level == Level::Pass {
                "đạt"
            } else {
                "chưa đầy đủ"
            }
        )
    }
}

#[must_use]
pub fn link_out(p: &LinkOut, page: &PageFacts, ctx: &PageCtx<'_>) -> Option<Finding> {
    // The address first: it rules out nearly every link without folding
    // its text. Most links stay on the site; a URL's host is already in
    // lower case.
    let link = page.links.iter().find(|l| {
        let host = l.url.host_str().unwrap_or("");
        if host == page.url.host_str().unwrap_or("")
            || !p.hosts.iter().any(|h| host.contains(h.as_str()))
        {
            return false;
        }
        (l.region == Region::Main && ctx.on_topic) || {
            let text = fold(&l.text);
            ctx.anchors.iter().chain(ctx.topic).any(|a| a.is_in(&text))
        }
    })?;
    Some(Finding {
        level: p.level,
        strength: 0.7,
        detail: format!(
            "{} {}",
            ctx.lang.pick("chỉ có liên kết tới", "only a link to"),
            link.url.host_str().unwrap_or("")
        ),
        evidence: vec![Evidence {
            url: link.url.to_string(),
            snippet: format!(
                "«{}» {} {}",
                link.text,
                ctx.lang.pick("trên trang", "on page"),
                page.url
            ),
            signal: "link_out".into(),
            record: page.record.clone(),
        }],
    })
}
