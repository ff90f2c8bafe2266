//! `media`: an image or embedded frame labelled as the item — a boundary map.
//!
//! A boundary map is usually an `<img>` under a heading "Bản đồ hành chính
//! phường …" with an empty or file-name `alt`, sometimes a GIS frame. An image
//! counts when its label, caption, nearest heading or file name carries one of
//! the rule's phrases and none of its `exclude` phrases. Frames (a Google Maps
//! embed) earn at most `frame_level`: a map of the office's location is not a
//! map of the ward's boundaries. A frame from a service that draws a map for
//! the ward (Google My Maps, a GIS portal: `drawn_map_sources`, address
//! substrings) whose label also says it is the boundary map
//! (`drawn_map_phrases`) is that map, and earns a pass; so is a map the
//! page's own script draws with an outline on it (Leaflet or OpenLayers with
//! the ward's GeoJSON), labelled the same way.
//!
//! ```toml
//! [[signal]]
//! kind = "media"
//! phrases = ["bản đồ hành chính", "bản đồ địa giới", "bando"]
//! exclude = ["trụ sở", "đường đi"]
//! frame_level = "partial"
//! drawn_map_sources = ["google.com/maps/d/", "arcgis.com"]
//! drawn_map_phrases = ["địa giới", "ranh giới"]
//! ```
//!
//! Evidence: the image or frame address, its label or heading, `media`.

use crate::lang::Lang;
use serde::Deserialize;
use std::fmt::Write as _;

use super::{Finding, Level, PageCtx, Phrases};
use crate::crawl::{Media as MediaFacts, PageFacts};
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
    /// Lower-case substrings of the address of a frame that shows a map drawn
    /// for the ward rather than a place on a street map.
    #[serde(default)]
    pub drawn_map_sources: Vec<String>,
    /// What such a frame's label must also say to earn a pass.
    #[serde(default)]
    pub drawn_map_phrases: Phrases,
}

fn partial() -> Level {
    Level::Partial
}

impl Media {
    pub(super) fn describe(&self) -> String {
        let mut out = format!(
            "hình ảnh (hoặc khung nhúng, tối đa «{}») có nhãn, chú thích, tiêu đề gần nhất hoặc tên tệp chứa: {}",
            if self.frame_level == Level::Pass {
                "đạt"
            } else {
                "chưa đầy đủ"
            },
            self.phrases
        );
        if !self.drawn_map_sources.is_empty() {
            let _ = write!(
                out,
                "; khung bản đồ vẽ riêng ({}), hoặc bản đồ do trang tự vẽ có đường ranh giới, có nhãn chứa {} thì đạt",
                self.drawn_map_sources.join(", "),
                self.drawn_map_phrases
            );
        }
        out
    }

    pub(super) fn validate(&self) -> Result<(), (&'static str, String)> {
        if self.drawn_map_sources.is_empty() != self.drawn_map_phrases.is_empty() {
            let field = if self.drawn_map_sources.is_empty() {
                "drawn_map_sources"
            } else {
                "drawn_map_phrases"
            };
            return Err((
                field,
                "drawn_map_sources and drawn_map_phrases go together: list both or neither".into(),
            ));
        }
        super::lower_case_marks(
            "drawn_map_sources",
            &self.drawn_map_sources,
            "a part of an address",
        )
    }

    /// A frame showing a map drawn for the ward, labelled as the boundary
    /// map: from a map service, or drawn with its outline by the page's own
    /// script.
    fn is_drawn_map(&self, m: &MediaFacts, label: &str) -> bool {
        if self.drawn_map_sources.is_empty() {
            return false;
        }
        let address = m.url.as_str().to_ascii_lowercase();
        (m.drawn
            || self
                .drawn_map_sources
                .iter()
                .any(|s| address.contains(s.as_str())))
            && self.drawn_map_phrases.any_in(label)
    }
}

/// ", of «phường Hòa Khánh Bắc», not of this ward", for a finding's detail.
pub(super) fn of_another_unit(other: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(", của «{other}», không phải của đơn vị này"),
        Lang::En => format!(", of «{other}», not of this ward"),
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
    // A street-map frame labelled only "Bản đồ" on a page about an excluded
    // subject (the contact page, "Liên hệ") shows where the office is.
    let excluded_page = std::cell::OnceCell::new();
    let on_excluded_page = || *excluded_page.get_or_init(|| p.exclude.name_page(page));
    // A post's thumbnail in a list stands for the post, read on its own.
    for m in page.media.iter().filter(|m| !m.teaser) {
        let label = fold(&m.label());
        let Some(phrase) = p.phrases.first_in(&label) else {
            continue;
        };
        // A file that is not there is no evidence.
        if p.exclude.any_in(&label) || m.check.as_ref().is_some_and(|c| !c.exists()) {
            continue;
        }
        let street_map = m.is_frame && !p.is_drawn_map(m, &label);
        let names_topic = ctx.topic.iter().any(|t| t.is_in(&label));
        if street_map && !names_topic && on_excluded_page() {
            continue;
        }
        let level = if street_map {
            p.frame_level
        } else {
            Level::Pass
        };
        // A map of another unit (a ward merged into this one) is not this
        // ward's map.
        let other = ctx
            .own_unit
            .and_then(|own| super::other_unit_named(&m.label_parts(), own));
        let level = if other.is_some() {
            Level::Partial
        } else {
            level
        };
        let mut detail = if m.drawn {
            format!(
                "{} «{}»",
                ctx.lang
                    .pick("bản đồ vẽ trên trang", "map drawn on the page"),
                phrase.source
            )
        } else if m.is_frame {
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
        };
        if let Some(other) = &other {
            let _ = write!(detail, "{}", of_another_unit(other, ctx.lang));
        }
        let finding = Finding {
            level,
            strength: if level == Level::Pass { 0.85 } else { 0.6 },
            detail,
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
                signal: if m.drawn {
                    "drawn-map".into()
                } else if m.is_frame {
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
