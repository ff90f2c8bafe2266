//! The HTML pages, each rendered from one view struct built from the
//! `AuditDoc`. Views carry display-ready values (labels, symbols, safe links)
//! so templates stay free of logic. Everything from crawled pages is escaped
//! by handlebars; links are only made live for http(s) addresses.

use std::fmt::Write as _;

use serde::Serialize;

use super::json::{AuditDoc, RequirementDoc, RuleInfo, RunInfo, Tool, WardDoc};
use crate::rules::Status;

fn status_of(s: &str) -> Status {
    match s {
        "pass" => Status::Pass,
        "partial" => Status::Partial,
        "fail" => Status::Fail,
        _ => Status::Error,
    }
}

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

fn error_text(ward: &WardDoc) -> Option<String> {
    ward.crawl.error.as_ref().map(|e| {
        let kind = crate::crawl::FailureKind::from_name(&e.kind);
        let mut text = kind.explain_vi().to_owned();
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

#[derive(Serialize)]
pub struct RunView<'a> {
    run: &'a RunInfo,
    tool: &'a Tool,
    rules: &'a [RuleInfo],
    ward_count: usize,
    wards: Vec<WardRow>,
    totals: Vec<Total>,
}

#[derive(Serialize)]
struct WardRow {
    name: String,
    page: String,
    score: String,
    error: Option<String>,
    accepted_invalid_certs: bool,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct Cell {
    status: &'static str,
    symbol: &'static str,
    label: &'static str,
    summary: String,
}

#[derive(Serialize)]
struct Total {
    pass: usize,
    of: usize,
}

#[must_use]
pub fn run_view(doc: &AuditDoc) -> RunView<'_> {
    let wards = doc
        .wards
        .iter()
        .map(|w| WardRow {
            name: w.name.clone(),
            page: ward_page(&w.id),
            score: score_text(w.score),
            error: error_text(w),
            accepted_invalid_certs: w.crawl.accepted_invalid_certs,
            cells: w
                .requirements
                .iter()
                .map(|r| {
                    let s = status_of(&r.status);
                    Cell {
                        status: s.as_str(),
                        symbol: s.symbol(),
                        label: s.label_vi(),
                        summary: r.summary.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    let totals = doc
        .rules
        .iter()
        .enumerate()
        .map(|(i, _)| Total {
            pass: doc
                .wards
                .iter()
                .filter(|w| w.requirements.get(i).is_some_and(|r| r.status == "pass"))
                .count(),
            of: doc.wards.len(),
        })
        .collect();
    RunView {
        run: &doc.run,
        tool: &doc.tool,
        rules: &doc.rules,
        ward_count: doc.wards.len(),
        wards,
        totals,
    }
}

#[derive(Serialize)]
pub struct WardView<'a> {
    run: &'a RunInfo,
    tool: &'a Tool,
    name: &'a str,
    url: &'a str,
    href: Option<String>,
    score: String,
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
}

#[derive(Serialize)]
struct RequirementView {
    title: String,
    clause: String,
    status: &'static str,
    symbol: &'static str,
    label: &'static str,
    summary: String,
    fix: String,
    show_fix: bool,
    confidence: u32,
    evidence: Vec<EvidenceView>,
}

#[derive(Serialize)]
struct EvidenceView {
    href: Option<String>,
    url: String,
    snippet: String,
}

#[derive(Serialize)]
struct FailureView {
    url: String,
    reason: String,
}

fn robots_vi(status: &str) -> &'static str {
    match status {
        "allowed" => "robots.txt cho phép",
        "restricted" => "robots.txt cấm một số đường dẫn",
        "disallowed" => "robots.txt cấm toàn bộ",
        "missing" => "không có robots.txt",
        _ => "không đọc được robots.txt",
    }
}

#[must_use]
pub fn ward_view<'a>(doc: &'a AuditDoc, ward: &'a WardDoc) -> WardView<'a> {
    let mut counts = Counts::default();
    let requirements = ward
        .requirements
        .iter()
        .zip(&doc.rules)
        .map(|(r, rule): (&RequirementDoc, &RuleInfo)| {
            let s = status_of(&r.status);
            match s {
                Status::Pass => counts.pass += 1,
                Status::Partial => counts.partial += 1,
                Status::Fail => counts.fail += 1,
                Status::Error => counts.error += 1,
            }
            RequirementView {
                title: rule.title.clone(),
                clause: rule.clause.clone(),
                status: s.as_str(),
                symbol: s.symbol(),
                label: s.label_vi(),
                summary: r.summary.clone(),
                fix: r.fix.clone(),
                show_fix: s != Status::Pass,
                confidence: (r.confidence * 100.0).round() as u32,
                evidence: r
                    .evidence
                    .iter()
                    .map(|e| EvidenceView {
                        href: safe_href(&e.url),
                        url: e.url.clone(),
                        snippet: e.snippet.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    WardView {
        run: &doc.run,
        tool: &doc.tool,
        name: &ward.name,
        url: &ward.url,
        href: safe_href(&ward.url),
        score: score_text(ward.score),
        counts,
        error: error_text(ward),
        error_fix: ward.crawl.error.as_ref().map(|e| {
            crate::crawl::FailureKind::from_name(&e.kind)
                .fix_vi()
                .to_owned()
        }),
        cut_short: ward.crawl.cut_short,
        accepted_invalid_certs: ward.crawl.accepted_invalid_certs,
        requirements,
        crawl: &ward.crawl,
        robots: robots_vi(&ward.crawl.robots),
        seconds: format!("{:.1}", ward.crawl.duration_ms as f64 / 1000.0),
        failures: ward
            .crawl
            .failures
            .iter()
            .map(|f| FailureView {
                url: f.url.clone(),
                reason: format!(
                    "{} ({})",
                    crate::crawl::FailureKind::from_name(&f.error.kind).explain_vi(),
                    f.error.message
                ),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct HistoryView {
    pub version: &'static str,
    pub runs: Vec<HistoryRow>,
}

#[derive(Serialize)]
pub struct HistoryRow {
    pub id: String,
    pub as_of: String,
    pub wards: usize,
    pub mean_score: String,
    pub rules_version: String,
}

impl HistoryRow {
    #[must_use]
    pub fn from_doc(doc: &AuditDoc) -> Self {
        let scores: Vec<f64> = doc.wards.iter().filter_map(|w| w.score).collect();
        let mean = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
        Self {
            id: doc.run.id.clone(),
            as_of: doc.run.as_of.clone(),
            wards: doc.wards.len(),
            mean_score: score_text(mean),
            rules_version: doc.run.rules_version.clone(),
        }
    }
}
