//! The HTML pages, each rendered from one view struct built from the
//! `AuditDoc`. Views carry display-ready values (labels, symbols, safe links)
//! so templates stay free of logic. Everything from crawled pages is escaped
//! by handlebars; links are only made live for http(s) addresses.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Serialize;

use super::json::{AuditDoc, PastRun, RequirementDoc, RuleInfo, RunInfo, Tool, WardDoc};
use super::strings::{Strings, with_n, with_s};
use crate::crawl::FailureKind;
use crate::lang::Lang;
use crate::rules::Status;

/// A link target only when it is an http(s) URL: a `javascript:` address
/// from a hostile page must never become a live link.
#[must_use]
pub fn safe_href(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "–".into(), |s| format!("{s:.1}"))
}

fn error_text(ward: &WardDoc, lang: Lang) -> Option<String> {
    ward.crawl.error.as_ref().map(|e| {
        let mut text = FailureKind::from_name(&e.kind).explain(lang).to_owned();
        if let Some(status) = e.status {
            let _ = write!(text, " ({status})");
        }
        text
    })
}

/// The file name of a ward's page inside the run folder.
#[must_use]
pub fn ward_page(id: &str) -> String {
    format!("{id}.html")
}

/// The stored copy of the archive record at `offset`, inside the run folder.
#[must_use]
pub fn copy_page(offset: u64) -> String {
    format!("{}/{offset}.html", super::COPIES)
}

#[derive(Serialize)]
pub struct RunView<'a> {
    t: &'static Strings,
    run: &'a RunInfo,
    tool: &'a Tool,
    rules: &'a [RuleInfo],
    ward_count: usize,
    wards: Vec<WardRow>,
    totals: Vec<Total>,
    platforms: Vec<PlatformRow>,
    changes: ChangeCounts,
}

#[derive(Serialize)]
struct WardRow {
    name: String,
    page: String,
    score: String,
    /// For sorting in the browser.
    score_value: f64,
    platform: String,
    change: String,
    change_class: &'static str,
    error: Option<String>,
    accepted_invalid_certs: bool,
    cells: Vec<Cell>,
}

/// How a requirement is marked on a page: its class (the verdict, or
/// `waived`), symbol and label.
#[derive(Serialize)]
struct Mark {
    status: &'static str,
    symbol: &'static str,
    label: String,
}

fn mark(r: &RequirementDoc, lang: Lang, t: &Strings) -> Mark {
    if r.waiver.is_some() {
        return Mark {
            status: "waived",
            symbol: "–",
            label: t.waived.clone(),
        };
    }
    let s = Status::from_name(&r.status);
    Mark {
        status: s.as_str(),
        symbol: s.symbol(),
        label: s.label(lang).to_owned(),
    }
}

#[derive(Serialize)]
struct Cell {
    #[serde(flatten)]
    mark: Mark,
    summary: String,
    /// "↑" or "↓" when the verdict changed since the previous run.
    moved: &'static str,
    moved_label: String,
}

#[derive(Serialize)]
struct Total {
    pass: usize,
    of: usize,
}

/// Per platform, how many wards do not pass each requirement.
#[derive(Serialize)]
struct PlatformRow {
    platform: String,
    wards: usize,
    not_passing: Vec<usize>,
}

#[derive(Serialize, Default)]
struct ChangeCounts {
    compared: bool,
    better: usize,
    worse: usize,
    same: usize,
    better_text: String,
    worse_text: String,
    same_text: String,
}

/// How a requirement's verdict moved since the previous run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Better,
    Worse,
    Same,
    /// No verdict last time to compare with.
    New,
    /// Not checked this time (the site was down): never a regression.
    NotChecked,
}

fn rank(status: &str) -> Option<u8> {
    match status {
        "pass" => Some(2),
        "partial" => Some(1),
        "fail" => Some(0),
        _ => None,
    }
}

#[must_use]
pub fn change(now: &str, before: Option<&str>) -> Change {
    let Some(now) = rank(now) else {
        return Change::NotChecked;
    };
    match before.and_then(rank) {
        None => Change::New,
        Some(b) if now > b => Change::Better,
        Some(b) if now < b => Change::Worse,
        Some(_) => Change::Same,
    }
}

fn moved(r: &RequirementDoc, lang: Lang) -> (&'static str, String) {
    if r.waiver.is_some() {
        return ("", String::new());
    }
    let before = r
        .previous_status
        .as_deref()
        .map_or("", |b| Status::from_name(b).label(lang));
    let label = with_s(&Strings::of(lang).previously, before);
    match change(&r.status, r.previous_status.as_deref()) {
        Change::Better => ("↑", label),
        Change::Worse => ("↓", label),
        _ => ("", String::new()),
    }
}

/// The ward's change in words, and a class for its colour.
fn ward_change(w: &WardDoc, compared: bool, t: &Strings) -> (String, &'static str) {
    if w.score.is_none() {
        return (t.not_checked.clone(), "st-error");
    }
    if !compared {
        return (String::new(), "");
    }
    let (Some(now), Some(before)) = (w.score, w.previous_score) else {
        return (t.new_ward.clone(), "");
    };
    let counted = || w.requirements.iter().filter(|r| r.waiver.is_none());
    let better = counted()
        .filter(|r| change(&r.status, r.previous_status.as_deref()) == Change::Better)
        .count();
    let worse = counted()
        .filter(|r| change(&r.status, r.previous_status.as_deref()) == Change::Worse)
        .count();
    let delta = now - before;
    let mut parts = Vec::new();
    if better > 0 {
        parts.push(with_n(&t.better_n, better));
    }
    if worse > 0 {
        parts.push(with_n(&t.worse_n, worse));
    }
    let detail = if parts.is_empty() {
        t.unchanged.clone()
    } else {
        parts.join(", ")
    };
    let class = if worse > 0 {
        "st-fail"
    } else if better > 0 {
        "st-pass"
    } else {
        ""
    };
    (format!("{delta:+.1} ({detail})"), class)
}

#[must_use]
pub fn run_view(doc: &AuditDoc) -> RunView<'_> {
    let lang = doc.run.lang;
    let t = Strings::of(lang);
    let compared = doc.run.previous_run.is_some();
    let mut changes = ChangeCounts {
        compared,
        ..ChangeCounts::default()
    };
    let mut wards: Vec<WardRow> = doc
        .wards
        .iter()
        .map(|w| {
            let (change_text, change_class) = ward_change(w, compared, t);
            WardRow {
                name: w.name.clone(),
                page: ward_page(&w.id),
                score: score_text(w.score),
                score_value: w.score.unwrap_or(-1.0),
                platform: w.platform.clone(),
                change: change_text,
                change_class,
                error: error_text(w, lang),
                accepted_invalid_certs: w.crawl.accepted_invalid_certs,
                cells: w
                    .requirements
                    .iter()
                    .map(|r| {
                        if let Some(waiver) = &r.waiver {
                            return Cell {
                                mark: mark(r, lang, t),
                                summary: format!("{} {}", t.waived_note, waiver.reason),
                                moved: "",
                                moved_label: String::new(),
                            };
                        }
                        match change(&r.status, r.previous_status.as_deref()) {
                            Change::Better => changes.better += 1,
                            Change::Worse => changes.worse += 1,
                            Change::Same => changes.same += 1,
                            Change::New | Change::NotChecked => {}
                        }
                        let (moved, moved_label) = moved(r, lang);
                        Cell {
                            mark: mark(r, lang, t),
                            summary: r.summary.clone(),
                            moved,
                            moved_label,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    // Highest score first; wards that could not be audited last. Works
    // without JavaScript; a small script re-sorts on a header click.
    wards.sort_by(|a, b| {
        b.score_value
            .total_cmp(&a.score_value)
            .then_with(|| a.name.cmp(&b.name))
    });
    let totals = (0..doc.rules.len())
        .map(|i| Total {
            pass: doc
                .wards
                .iter()
                .filter(|w| w.requirements.get(i).is_some_and(|r| r.status == "pass"))
                .count(),
            of: doc.wards.len(),
        })
        .collect();
    changes.better_text = with_n(&t.better_n, changes.better);
    changes.worse_text = with_n(&t.worse_n, changes.worse);
    changes.same_text = with_n(&t.same_n, changes.same);
    RunView {
        t,
        run: &doc.run,
        tool: &doc.tool,
        rules: &doc.rules,
        ward_count: doc.wards.len(),
        wards,
        totals,
        platforms: platforms(doc, t),
        changes,
    }
}

fn platforms(doc: &AuditDoc, t: &Strings) -> Vec<PlatformRow> {
    let mut names: Vec<&str> = doc.wards.iter().map(|w| w.platform.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let wards: Vec<&WardDoc> = doc
                .wards
                .iter()
                .filter(|w| w.platform == name && w.score.is_some())
                .collect();
            PlatformRow {
                platform: platform_name(name, t),
                wards: wards.len(),
                not_passing: (0..doc.rules.len())
                    .map(|i| {
                        wards
                            .iter()
                            .filter(|w| {
                                w.requirements
                                    .get(i)
                                    .is_some_and(|r| r.status != "pass" && r.waiver.is_none())
                            })
                            .count()
                    })
                    .collect(),
            }
        })
        .filter(|p| p.wards > 0)
        .collect()
}

fn platform_name(name: &str, t: &Strings) -> String {
    if name == "unknown" {
        t.unknown_platform.clone()
    } else {
        name.to_owned()
    }
}

#[derive(Serialize)]
pub struct WardView<'a> {
    t: &'static Strings,
    run: &'a RunInfo,
    tool: &'a Tool,
    name: &'a str,
    url: &'a str,
    href: Option<String>,
    score: String,
    platform: String,
    previous_run: Option<String>,
    change: String,
    change_class: &'static str,
    counts: Counts,
    error: Option<String>,
    error_fix: Option<String>,
    cut_short: bool,
    accepted_invalid_certs: bool,
    requirements: Vec<RequirementView>,
    crawl: &'a super::json::CrawlDoc,
    robots: &'static str,
    seconds: String,
    failures: Vec<FailureView>,
}

#[derive(Serialize, Default)]
struct Counts {
    pass: usize,
    partial: usize,
    fail: usize,
    error: usize,
    waived: usize,
}

#[derive(Serialize)]
struct RequirementView {
    title: String,
    clause: String,
    #[serde(flatten)]
    mark: Mark,
    /// For a waived requirement: what the audit found, the reason, the date.
    waiver: Option<WaiverView>,
    summary: String,
    fix: String,
    show_fix: bool,
    confidence: u32,
    evidence: Vec<EvidenceView>,
    moved: &'static str,
    moved_label: String,
}

#[derive(Serialize)]
struct WaiverView {
    observed: String,
    reason: String,
    until: String,
}

#[derive(Serialize)]
struct EvidenceView {
    href: Option<String>,
    /// The stored copy of the page, inside the run folder.
    copy: Option<String>,
    url: String,
    snippet: String,
    /// The snippet in pieces, the phone numbers and dates in it marked.
    segments: Vec<Segment>,
}

#[derive(Serialize, Debug, PartialEq)]
struct Segment {
    text: String,
    mark: bool,
}

/// Splits a snippet so the phone numbers and dates it carries can be
/// highlighted. Every piece is still escaped by the template.
fn segments(snippet: &str) -> Vec<Segment> {
    let mut ranges: Vec<(usize, usize)> = crate::text::phones::find_phones(snippet)
        .into_iter()
        .map(|h| (h.start, h.end))
        .chain(
            crate::text::dates::find_dates(snippet)
                .into_iter()
                .map(|h| (h.start, h.end)),
        )
        .collect();
    ranges.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in ranges {
        if start < at || !snippet.is_char_boundary(start) || !snippet.is_char_boundary(end) {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: snippet[at..start].to_owned(),
                mark: false,
            });
        }
        out.push(Segment {
            text: snippet[start..end].to_owned(),
            mark: true,
        });
        at = end;
    }
    if at < snippet.len() {
        out.push(Segment {
            text: snippet[at..].to_owned(),
            mark: false,
        });
    }
    out
}

#[derive(Serialize)]
struct FailureView {
    url: String,
    reason: String,
}

fn robots_text(status: &str, t: &'static Strings) -> &'static str {
    match status {
        "allowed" => &t.robots_allowed,
        "restricted" => &t.robots_restricted,
        "disallowed" => &t.robots_disallowed,
        "missing" => &t.robots_missing,
        _ => &t.robots_unavailable,
    }
}

#[must_use]
pub fn ward_view<'a>(doc: &'a AuditDoc, ward: &'a WardDoc, copies: &BTreeSet<u64>) -> WardView<'a> {
    let lang = doc.run.lang;
    let t = Strings::of(lang);
    let (change, change_class) = ward_change(ward, doc.run.previous_run.is_some(), t);
    let mut counts = Counts::default();
    let requirements = ward
        .requirements
        .iter()
        .zip(&doc.rules)
        .map(|(r, rule): (&RequirementDoc, &RuleInfo)| {
            let s = Status::from_name(&r.status);
            match (s, &r.waiver) {
                (_, Some(_)) => counts.waived += 1,
                (Status::Pass, None) => counts.pass += 1,
                (Status::Partial, None) => counts.partial += 1,
                (Status::Fail, None) => counts.fail += 1,
                (Status::Error, None) => counts.error += 1,
            }
            let (moved, moved_label) = moved(r, lang);
            let waiver = r.waiver.as_ref().map(|w| WaiverView {
                observed: format!("{} {}", s.symbol(), s.label(lang)),
                reason: w.reason.clone(),
                until: match lang {
                    Lang::Vi => chrono::NaiveDate::parse_from_str(&w.until, "%Y-%m-%d")
                        .map_or_else(|_| w.until.clone(), |d| d.format("%d/%m/%Y").to_string()),
                    Lang::En => w.until.clone(),
                },
            });
            RequirementView {
                moved,
                moved_label,
                title: rule.title.clone(),
                clause: rule.clause.clone(),
                mark: mark(r, lang, t),
                show_fix: s != Status::Pass && waiver.is_none(),
                waiver,
                summary: r.summary.clone(),
                fix: r.fix.clone(),
                confidence: (r.confidence * 100.0).round() as u32,
                evidence: r
                    .evidence
                    .iter()
                    .map(|e| EvidenceView {
                        href: safe_href(&e.url),
                        copy: e
                            .record
                            .as_ref()
                            .filter(|r| copies.contains(&r.offset))
                            .map(|r| copy_page(r.offset)),
                        url: e.url.clone(),
                        snippet: e.snippet.clone(),
                        segments: segments(&e.snippet),
                    })
                    .collect(),
            }
        })
        .collect();
    WardView {
        t,
        run: &doc.run,
        tool: &doc.tool,
        name: &ward.name,
        url: &ward.url,
        href: safe_href(&ward.url),
        score: score_text(ward.score),
        platform: platform_name(&ward.platform, t),
        previous_run: doc.run.previous_run.clone(),
        change,
        change_class,
        counts,
        error: error_text(ward, lang),
        error_fix: ward
            .crawl
            .error
            .as_ref()
            .map(|e| FailureKind::from_name(&e.kind).fix(lang).to_owned()),
        cut_short: ward.crawl.cut_short,
        accepted_invalid_certs: ward.crawl.accepted_invalid_certs,
        requirements,
        crawl: &ward.crawl,
        robots: robots_text(&ward.crawl.robots, t),
        seconds: format!("{:.1}", ward.crawl.duration_ms as f64 / 1000.0),
        failures: ward
            .crawl
            .failures
            .iter()
            .map(|f| FailureView {
                url: f.url.clone(),
                reason: format!(
                    "{} ({})",
                    FailureKind::from_name(&f.error.kind).explain(lang),
                    f.error.message
                ),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct HistoryView {
    t: &'static Strings,
    pub version: &'static str,
    pub runs: Vec<HistoryRow>,
    pub trends: Vec<Trend>,
}

/// One ward's score over the runs, drawn as a small inline SVG line.
#[derive(Serialize)]
pub struct Trend {
    name: String,
    latest: String,
    /// `x,y` pairs of the SVG polyline (numbers only).
    points: String,
    dots: Vec<Dot>,
    label: String,
}

#[derive(Serialize)]
struct Dot {
    x: f64,
    y: f64,
    label: String,
}

/// Chart geometry: width, height and the margin around the line.
const CHART_W: f64 = 160.0;
const CHART_H: f64 = 36.0;
const CHART_PAD: f64 = 4.0;

impl HistoryView {
    /// The history page of `docs`, newest run first.
    #[must_use]
    pub fn new(docs: &[PastRun]) -> Self {
        let oldest_first: Vec<&PastRun> = docs.iter().rev().collect();
        let step = if oldest_first.len() > 1 {
            (CHART_W - 2.0 * CHART_PAD) / (oldest_first.len() - 1) as f64
        } else {
            0.0
        };
        let trends = docs
            .first()
            .map(|newest| {
                newest
                    .wards
                    .iter()
                    .map(|ward| {
                        let marks: Vec<Dot> = oldest_first
                            .iter()
                            .enumerate()
                            .filter_map(|(i, doc)| {
                                let score = doc.wards.iter().find(|w| w.id == ward.id)?.score?;
                                Some(Dot {
                                    x: (CHART_PAD + step * i as f64).round(),
                                    y: (CHART_H
                                        - CHART_PAD
                                        - score / 100.0 * (CHART_H - 2.0 * CHART_PAD))
                                        .round(),
                                    label: format!("{}: {score:.1}", doc.run.as_of),
                                })
                            })
                            .collect();
                        let points = marks
                            .iter()
                            .map(|d| format!("{},{}", d.x, d.y))
                            .collect::<Vec<_>>()
                            .join(" ");
                        let label = marks
                            .iter()
                            .map(|d| d.label.clone())
                            .collect::<Vec<_>>()
                            .join("; ");
                        Trend {
                            name: ward.name.clone(),
                            latest: score_text(ward.score),
                            points,
                            dots: marks,
                            label,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            // The newest run's language.
            t: Strings::of(docs.first().map_or(Lang::Vi, |d| d.run.lang)),
            version: env!("CARGO_PKG_VERSION"),
            runs: docs.iter().map(HistoryRow::from_doc).collect(),
            trends,
        }
    }
}

#[derive(Serialize)]
pub struct HistoryRow {
    pub id: String,
    /// The run a re-audit judged again.
    pub reaudit_of: Option<String>,
    pub as_of: String,
    pub wards: usize,
    pub mean_score: String,
    pub rules_version: String,
}

impl HistoryRow {
    #[must_use]
    pub fn from_doc(doc: &PastRun) -> Self {
        let scores: Vec<f64> = doc.wards.iter().filter_map(|w| w.score).collect();
        let mean = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
        Self {
            id: doc.run.id.clone(),
            reaudit_of: doc.run.reaudit_of.clone(),
            as_of: doc.run.as_of.clone(),
            wards: doc.wards.len(),
            mean_score: score_text(mean),
            rules_version: doc.run.rules_version.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_dates_in_a_snippet_are_marked() {
        let got = segments("Ông An – ĐT: 0912.345.678, cập nhật 18/11/2026.");
        let marked: Vec<&str> = got
            .iter()
            .filter(|s| s.mark)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, ["0912.345.678", "18/11/2026"]);
        let whole: String = got.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(whole, "Ông An – ĐT: 0912.345.678, cập nhật 18/11/2026.");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(
            safe_href("https://w.test/a b").as_deref(),
            Some("https://w.test/a%20b")
        );
    }
}
