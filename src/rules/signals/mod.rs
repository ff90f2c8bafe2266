//! The signal kinds: small, pure checks of one kind of evidence.
//!
//! Every kind is one variant of `SignalSpec` and one arm in each `match`
//! below, so adding a kind does not compile until every place knows it (see
//! CONTRIBUTING.md, "Adding a signal kind"). A check reads `PageFacts` and
//! returns a `Finding` or nothing; it never fetches and never panics on page
//! content.

pub mod document;
pub mod freshness;
pub mod items;
pub mod link_out;
pub mod media;
pub mod people;
pub mod phones;
pub mod prose;
pub mod schedule;

use std::fmt;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::{Deserialize, Deserializer};

use crate::crawl::{DateRole, PageFacts};
use crate::lang::Lang;
use crate::rules::Evidence;
use crate::text::{FoldOnce, Phrase, fold};

/// One `[[signal]]` table of a rule file, tagged by `kind`.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SignalSpec {
    Phones(phones::Phones),
    People(people::People),
    Items(items::Items),
    LinkOut(link_out::LinkOut),
    Media(media::Media),
    Document(document::Document),
    Prose(prose::Prose),
    Schedule(schedule::Schedule),
    Freshness(freshness::Freshness),
}

impl SignalSpec {
    /// The kind's name as rule files write it.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            SignalSpec::Phones(_) => "phones",
            SignalSpec::People(_) => "people",
            SignalSpec::Items(_) => "items",
            SignalSpec::LinkOut(_) => "link_out",
            SignalSpec::Media(_) => "media",
            SignalSpec::Document(_) => "document",
            SignalSpec::Prose(_) => "prose",
            SignalSpec::Schedule(_) => "schedule",
            SignalSpec::Freshness(_) => "freshness",
        }
    }

    /// Checks that go beyond the types: thresholds in order, and so on.
    /// Returns the offending field and what is wrong with it.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        match self {
            SignalSpec::Phones(p) => {
                thresholds(p.min_pass, p.min_partial, ("min_pass", "min_partial"))
            }
            SignalSpec::People(p) => p.validate(),
            SignalSpec::Items(p) => p.validate(),
            SignalSpec::Prose(p) => p.validate(),
            SignalSpec::Freshness(p) => p.validate(),
            SignalSpec::Media(p) => p.validate(),
            SignalSpec::LinkOut(_) | SignalSpec::Document(_) | SignalSpec::Schedule(_) => Ok(()),
        }
    }

    /// What the signal looks for, in one Vietnamese sentence.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            SignalSpec::Phones(p) => p.describe(),
            SignalSpec::People(p) => p.describe(),
            SignalSpec::Items(p) => p.describe(),
            SignalSpec::LinkOut(p) => p.describe(),
            SignalSpec::Media(p) => p.describe(),
            SignalSpec::Document(p) => p.describe(),
            SignalSpec::Prose(p) => p.describe(),
            SignalSpec::Schedule(p) => p.describe(),
            SignalSpec::Freshness(p) => p.describe(),
        }
    }

    /// Whether the signal may find pass-level evidence on a page that is not
    /// about the rule's topic. Partial-level evidence always needs a page on
    /// topic: a stray number in a news item is not "a directory, incomplete".
    #[must_use]
    pub fn anywhere(&self) -> bool {
        match self {
            SignalSpec::Phones(p) => p.anywhere,
            SignalSpec::People(p) => p.anywhere,
            SignalSpec::Items(p) => p.anywhere,
            SignalSpec::Prose(_) => false,
            SignalSpec::LinkOut(_)
            | SignalSpec::Media(_)
            | SignalSpec::Document(_)
            | SignalSpec::Schedule(_)
            | SignalSpec::Freshness(_) => true,
        }
    }

    /// Whether the kind judges the whole site rather than single pages
    /// (freshness): an empty page about the topic then says nothing.
    #[must_use]
    pub fn site_wide(&self) -> bool {
        match self {
            SignalSpec::Freshness(_) => true,
            SignalSpec::Phones(_)
            | SignalSpec::People(_)
            | SignalSpec::Items(_)
            | SignalSpec::LinkOut(_)
            | SignalSpec::Media(_)
            | SignalSpec::Document(_)
            | SignalSpec::Prose(_)
            | SignalSpec::Schedule(_) => false,
        }
    }

    /// Judges one page. Site-wide kinds (freshness) record into `state` and
    /// find nothing here; `items` records a list split over pages there too.
    #[must_use]
    pub fn observe(
        &self,
        page: &PageFacts,
        ctx: &PageCtx<'_>,
        state: &mut SiteState,
    ) -> Option<Finding> {
        match self {
            SignalSpec::Phones(p) => phones::phones(p, page, ctx),
            SignalSpec::People(p) => people::people(p, page, ctx),
            SignalSpec::Items(p) => items::items(p, page, ctx, state),
            SignalSpec::LinkOut(p) => link_out::link_out(p, page, ctx),
            SignalSpec::Media(p) => media::media(p, page, ctx),
            SignalSpec::Document(p) => document::document(p, page, ctx),
            SignalSpec::Prose(p) => prose::prose(p, page, ctx),
            SignalSpec::Schedule(p) => schedule::schedule(p, page, ctx),
            SignalSpec::Freshness(p) => {
                freshness::record(p, page, state);
                None
            }
        }
    }

    /// Notes a page not about the rule's topic, for kinds that read such
    /// pages only as part of what pages about it link to (`items`' empty
    /// groups).
    pub fn off_topic(&self, page: &PageFacts, folded_text: &FoldOnce<'_>, state: &mut SiteState) {
        match self {
            SignalSpec::Items(p) => items::off_topic(p, page, folded_text, state),
            SignalSpec::Phones(_)
            | SignalSpec::People(_)
            | SignalSpec::LinkOut(_)
            | SignalSpec::Media(_)
            | SignalSpec::Document(_)
            | SignalSpec::Prose(_)
            | SignalSpec::Schedule(_)
            | SignalSpec::Freshness(_) => {}
        }
    }

    /// Gaps the site shows in what passes (`items`: groups of the list
    /// shown empty): what to add to the finding's detail, and the evidence.
    #[must_use]
    pub fn gaps(&self, state: &SiteState, lang: Lang) -> Option<(String, Vec<Evidence>)> {
        match self {
            SignalSpec::Items(p) => items::gaps(p, state, lang),
            SignalSpec::Phones(_)
            | SignalSpec::People(_)
            | SignalSpec::LinkOut(_)
            | SignalSpec::Media(_)
            | SignalSpec::Document(_)
            | SignalSpec::Prose(_)
            | SignalSpec::Schedule(_)
            | SignalSpec::Freshness(_) => None,
        }
    }

    /// Whether `gaps` finds any, cheaply.
    #[must_use]
    pub fn has_gaps(&self, state: &SiteState) -> bool {
        match self {
            SignalSpec::Items(p) => items::has_gaps(p, state),
            SignalSpec::Phones(_)
            | SignalSpec::People(_)
            | SignalSpec::LinkOut(_)
            | SignalSpec::Media(_)
            | SignalSpec::Document(_)
            | SignalSpec::Prose(_)
            | SignalSpec::Schedule(_)
            | SignalSpec::Freshness(_) => false,
        }
    }

    /// Judges what site-wide kinds recorded, once the crawl is over.
    #[must_use]
    pub fn conclude(&self, state: &SiteState, as_of: NaiveDate, lang: Lang) -> Option<Finding> {
        match self {
            SignalSpec::Freshness(p) => freshness::freshness(p, state, as_of, lang),
            SignalSpec::Items(p) => items::across_pages(p, state, lang),
            SignalSpec::Phones(_)
            | SignalSpec::People(_)
            | SignalSpec::LinkOut(_)
            | SignalSpec::Media(_)
            | SignalSpec::Document(_)
            | SignalSpec::Prose(_)
            | SignalSpec::Schedule(_) => None,
        }
    }
}

/// Marks a signal matches in lower case as written (not folded): each must
/// be lower case and not empty.
fn lower_case_marks(
    field: &'static str,
    marks: &[String],
    what: &str,
) -> Result<(), (&'static str, String)> {
    match marks
        .iter()
        .find(|m| m.trim().is_empty() || m.chars().any(char::is_uppercase))
    {
        Some(m) => Err((
            field,
            format!("«{m}»: write {what}, not empty, in lower case"),
        )),
        None => Ok(()),
    }
}

/// The partial threshold must lie between 1 and the pass threshold.
fn thresholds(
    pass: usize,
    partial: usize,
    (pass_field, partial_field): (&'static str, &'static str),
) -> Result<(), (&'static str, String)> {
    if partial == 0 || partial > pass {
        return Err((
            partial_field,
            format!("must be between 1 and {pass_field} ({pass}), not {partial}"),
        ));
    }
    Ok(())
}

/// What the evaluator knows about a page beyond its facts.
#[derive(Debug)]
pub struct PageCtx<'a> {
    /// The page's title, headings or the link that led to it name the rule's topic.
    pub on_topic: bool,
    /// The page as a whole is about the topic: its title, first heading or a
    /// link that led to it names it.
    pub primary: bool,
    /// The page's headings after the first that name the topic (indexes
    /// into `PageFacts::headings`).
    pub topic_headings: &'a [usize],
    /// The audited ward's name without its unit, folded ("hoa khanh"), when
    /// known.
    pub own_unit: Option<&'a str>,
    /// The page names another unit's organs, and the rule asks for the
    /// ward's own: what it lists is not added to the ward's.
    pub another_unit: bool,
    /// The rule's menu labels, for signals that judge links by their text.
    pub anchors: &'a [Phrase],
    /// The rule's topic phrases.
    pub topic: &'a [Phrase],
    /// The page's main text, folded when a signal first asks.
    pub folded_text: &'a FoldOnce<'a>,
    pub as_of: NaiveDate,
    /// The language findings are described in.
    pub lang: Lang,
}

impl PageCtx<'_> {
    /// The lines under the headings that name the topic, when the page is
    /// about it only through them ("Lãnh đạo UBND phường" on a home page,
    /// its "Lịch công tác" box): the rest of the page is about something
    /// else. `None` when the page as a whole is about it.
    #[must_use]
    pub fn topic_sections<'p>(&self, page: &'p PageFacts) -> Option<Vec<&'p str>> {
        (!self.primary && !self.topic_headings.is_empty()).then(|| {
            self.topic_headings
                .iter()
                .flat_map(|&i| page.section(i))
                .collect()
        })
    }
}

/// How strong a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Partial,
    Pass,
}

/// What a signal found.
#[derive(Debug, Clone)]
pub struct Finding {
    pub level: Level,
    /// 0..1: how sure the finding is, shown as the verdict's confidence.
    pub strength: f64,
    /// What was found, in the rule set's language, appended to the rule's summary.
    pub detail: String,
    pub evidence: Vec<Evidence>,
}

impl Finding {
    /// Whether `self` is better evidence than `other`. Between equals, the
    /// one whose evidence has the address that sorts first: several pages
    /// are fetched at once, so they arrive in a different order on every
    /// run, and the same site must give the same report.
    #[must_use]
    pub fn beats(&self, other: &Finding) -> bool {
        let first_url = |f: &Finding| f.evidence.first().map(|e| e.url.clone());
        match (self.level, self.strength).partial_cmp(&(other.level, other.strength)) {
            Some(std::cmp::Ordering::Greater) => true,
            Some(std::cmp::Ordering::Equal) => first_url(self) < first_url(other),
            _ => false,
        }
    }
}

/// "cập nhật tháng 3/2024", "cập nhật: 03/2024" in folded text (the
/// slash is a space by then): a month and year.
static UPDATED_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bcap nhat (?:(?:lan cuoi|den|ngay|luc) )?(?:thang )?(\d{1,2}) ((?:19|20)\d\d)\b")
        .expect("valid regex")
});

/// A pass on a page that says it was last updated before `after` (an update
/// date in its text, "Ngày cập nhật: 12/03/2024", or a month, "Cập nhật
/// tháng 3/2024"), or was posted before it and not updated since (its
/// publication date in its markup, a blog post of 11/03/2024), lists what
/// was there before a reorganisation: it becomes `partial`, saying when.
/// The latest such date is the one weighed. Asked only of a pass, since it
/// folds the whole page.
pub(super) fn out_of_date_if_updated_before(
    found: &mut Finding,
    after: Option<NaiveDate>,
    page: &PageFacts,
    ctx: &PageCtx<'_>,
) {
    let Some(after) = after.filter(|_| found.level == Level::Pass) else {
        return;
    };
    let days = page.dates.iter().filter_map(|d| match d.role {
        DateRole::Updated => Some((d.date, Said::Updated)),
        DateRole::Meta => Some((d.date, Said::Posted)),
        _ => None,
    });
    let months = UPDATED_MONTH
        .captures_iter(ctx.folded_text.get())
        .filter_map(|caps| {
            let (month, year) = (caps[1].parse().ok()?, caps[2].parse().ok()?);
            // The first of the month; the day is not known.
            Some((NaiveDate::from_ymd_opt(year, month, 1)?, Said::UpdatedMonth))
        });
    let Some((day, said)) = days
        .chain(months)
        .max_by_key(|&(day, _)| day)
        .filter(|&(day, _)| day < after)
    else {
        return;
    };
    out_of_date(found, &before_reorganisation(day, said, ctx.lang));
}

/// How a page dates what it lists.
#[derive(Clone, Copy)]
pub(super) enum Said {
    Updated,
    Posted,
    UpdatedMonth,
}

/// Why a page dated `day` shows what was there before the reorganisation of
/// units: ", đăng ngày 11/03/2024, trước khi sắp xếp đơn vị hành chính".
pub(super) fn before_reorganisation(day: NaiveDate, said: Said, lang: Lang) -> String {
    let when = match (lang, said) {
        (Lang::Vi, Said::Updated) => format!(", cập nhật ngày {}", day.format("%d/%m/%Y")),
        (Lang::Vi, Said::Posted) => format!(", đăng ngày {}", day.format("%d/%m/%Y")),
        (Lang::Vi, Said::UpdatedMonth) => format!(", cập nhật tháng {}", day.format("%-m/%Y")),
        (Lang::En, Said::Updated) => format!(", updated on {}", day.format("%d/%m/%Y")),
        (Lang::En, Said::Posted) => format!(", posted on {}", day.format("%d/%m/%Y")),
        (Lang::En, Said::UpdatedMonth) => format!(", updated in {}", day.format("%-m/%Y")),
    };
    when + lang.pick(
        ", trước khi sắp xếp đơn vị hành chính",
        ", before the reorganisation of units",
    )
}

/// Evidence found, but out of date: `partial` at most, saying why.
pub(super) fn out_of_date(found: &mut Finding, why: &str) {
    found.level = Level::Partial;
    found.strength = 0.6;
    found.detail += why;
}

/// What site-wide signals accumulate over the crawl.
#[derive(Debug, Default)]
pub struct SiteState {
    pub posts: freshness::PostLog,
    pub entries: items::EntryLog,
}

/// A list of phrases, folded when the rule file is read.
#[derive(Debug, Clone, Default)]
pub struct Phrases(pub Vec<Phrase>);

impl Phrases {
    #[must_use]
    pub fn first_in(&self, folded: &str) -> Option<&Phrase> {
        self.0.iter().find(|p| p.is_in(folded))
    }

    #[must_use]
    pub fn any_in(&self, folded: &str) -> bool {
        self.first_in(folded).is_some()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the page's title or first heading, what the page as a whole
    /// is about, holds one of these.
    #[must_use]
    pub fn name_page(&self, page: &PageFacts) -> bool {
        std::iter::once(&page.title)
            .chain(page.headings.first())
            .any(|t| self.any_in(&fold(t)))
    }
}

impl fmt::Display for Phrases {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quoted: Vec<String> = self.0.iter().map(|p| format!("«{}»", p.source)).collect();
        f.write_str(&quoted.join(", "))
    }
}

impl<'de> Deserialize<'de> for Phrases {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Vec::<String>::deserialize(d)?;
        raw.iter()
            .map(|s| {
                Phrase::new(s).ok_or_else(|| {
                    serde::de::Error::custom(format!("phrase {s:?} has no letters or digits"))
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Phrases)
    }
}

/// Words that, after a ward's name, make another unit's: the parts of a
/// ward split or merged ("Hòa Khánh Bắc", "Hòa Khánh 2"). Lower-case, they
/// are read only when they cannot be an everyday word ("năm", "hạ" can).
const NAME_PARTS: &[&str] = &["bac", "nam", "dong", "tay", "trung", "thuong", "ha"];
const LOWER_CASE_PARTS: &[&str] = &["bac", "dong", "tay", "trung", "thuong"];
/// Capitalised words after "phường" or "xã" that start no name ("Xã Mới",
/// "phường Năm 2025"), as written.
const NOT_NAMES: &[&str] = &[
    "năm", "mới", "cũ", "và", "các", "sau", "trước", "thuộc", "tỉnh", "huyện", "quận",
];

/// The unit a label names ("Bản đồ hành chính phường Hòa Khánh Bắc, quận
/// Liên Chiểu") when that is not the audited ward (`own`, folded: "hoa
/// khanh"): a map of a ward merged into it, or of a neighbour. The label
/// comes in `parts` (alt text, caption, heading, file name), each read on
/// its own. `None` when a part names `own`, or none names a unit it can
/// tell: a name is read after "phường", "xã" or "thị trấn", capitalised, or
/// as `own`'s words followed by a part ("Bắc", "2"), as in a file name.
#[must_use]
pub fn other_unit_named(parts: &[&str], own: &str) -> Option<String> {
    let mut other = None;
    for part in parts {
        match unit_named(part, own) {
            Named::Own => return None,
            Named::Other(name) => other = Some(name),
            Named::Nothing => {}
        }
    }
    other
}

/// What one part of a label names.
enum Named {
    Own,
    Other(String),
    Nothing,
}

fn unit_named(label: &str, own: &str) -> Named {
    let own: Vec<&str> = own.split(' ').collect();
    let words: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut other = Named::Nothing;
    for i in 0..words.len() {
        let start = match folded[i].as_str() {
            "phuong" | "xa" => i + 1,
            "thi" if folded.get(i + 1).is_some_and(|w| w == "tran") => i + 2,
            _ => continue,
        };
        let rest = &folded[start.min(words.len())..];
        if rest.len() >= own.len() && rest.iter().zip(&own).all(|(a, b)| a.as_str() == *b) {
            let next = start + own.len();
            let part = words.get(next).filter(|w| {
                let f = folded[next].as_str();
                w.bytes().all(|b| b.is_ascii_digit())
                    || (NAME_PARTS.contains(&f) && w.chars().next().is_some_and(char::is_uppercase))
                    || (LOWER_CASE_PARTS.contains(&f) && !w.chars().any(char::is_uppercase))
            });
            match part {
                None => return Named::Own,
                Some(part) => {
                    other = Named::Other(format!("{} {part}", words[start..next].join(" ")));
                }
            }
            continue;
        }
        // Title case only: in a label in capitals every word looks a name.
        let name: Vec<&str> = words[start.min(words.len())..]
            .iter()
            .take_while(|w| {
                let mut chars = w.chars();
                chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase)
            })
            .take(4)
            .copied()
            .collect();
        let not_a_name = name
            .first()
            .is_some_and(|w| NOT_NAMES.contains(&w.to_lowercase().as_str()));
        if !name.is_empty() && !not_a_name {
            other = Named::Other(name.join(" "));
        }
    }
    other
}

/// Evidence from one line of a page.
#[must_use]
pub fn evidence(page: &PageFacts, snippet: &str, signal: String) -> Evidence {
    Evidence {
        url: page.url.to_string(),
        snippet: crate::crawl::facts::truncate(snippet, 300),
        signal,
        record: page.record.clone(),
    }
}

/// A finding from a count against pass and partial thresholds: pass at
/// `min_pass`, partial from `min_partial` but only on a page about the topic.
#[must_use]
pub fn counted(
    count: usize,
    (min_pass, min_partial): (usize, usize),
    ctx: &PageCtx<'_>,
    detail: String,
    evidence: Evidence,
) -> Option<Finding> {
    if count < min_partial || (count < min_pass && !ctx.on_topic) {
        return None;
    }
    let pass = count >= min_pass;
    Some(Finding {
        level: if pass { Level::Pass } else { Level::Partial },
        strength: if pass { strength(count, min_pass) } else { 0.6 },
        detail,
        evidence: vec![evidence],
    })
}

/// The default `min_partial`: one is already something.
fn one() -> usize {
    1
}

/// Confidence that grows with how far a count clears its threshold.
#[must_use]
pub fn strength(count: usize, threshold: usize) -> f64 {
    let over = count.saturating_sub(threshold) as f64;
    (0.75 + over * 0.03).min(0.95)
}

#[cfg(test)]
mod tests {
    use super::other_unit_named;

    #[test]
    fn a_label_naming_another_unit_is_told_from_the_wards_own() {
        let other = |parts: &[&str]| other_unit_named(parts, "hoa khanh");
        let caption = "Bản đồ hành chính phường Hòa Khánh Bắc, quận Liên Chiểu (năm 2019)";
        assert_eq!(other(&[caption]).as_deref(), Some("Hòa Khánh Bắc"));
        assert_eq!(
            other(&["", "", "ban-do-hc-phuong-hoa-khanh-bac-2019.pdf"]).as_deref(),
            Some("hoa khanh bac")
        );
        assert_eq!(
            other(&["Bản đồ hành chính xã Tân Phú"]).as_deref(),
            Some("Tân Phú")
        );
        // The ward's own, in any case, with its neighbours, or after a year.
        for own in [
            "Bản đồ hành chính phường Hòa Khánh",
            "BẢN ĐỒ HÀNH CHÍNH PHƯỜNG HÒA KHÁNH",
            "Bản Đồ Hành Chính Phường Hòa Khánh Thành Phố Đà Nẵng",
            "Bản đồ phường Hòa Khánh năm 2025",
            "ban-do-phuong-hoa-khanh.jpg",
        ] {
            assert_eq!(other(&[own]), None, "{own}");
        }
        assert_eq!(
            other(&[caption, "Bản đồ hành chính phường Hòa Khánh"]),
            None
        );
        // Nothing told: no name, a word that starts none, capitals, parts
        // read apart ("… xã" then a heading).
        for nothing in [
            "Tải về bản đồ địa giới hành chính xã",
            "Bản đồ hành chính xã Mới",
            "BẢN ĐỒ HÀNH CHÍNH XÃ TÂN PHÚ",
            "ban-do-xa-tan-phu.jpg",
        ] {
            assert_eq!(other(&[nothing]), None, "{nothing}");
        }
        assert_eq!(other(&["Tải về bản đồ xã", "Tài liệu"]), None);
    }
}
