//! `audit.json`, `schema_version` 1: the contract other programs read.
//!
//! The types here are the document exactly as written; they also read earlier
//! runs back for the history page. Fields may be added, never renamed or
//! removed, without raising `SCHEMA_VERSION`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::audit::WardResult;
use crate::lang::Lang;
use crate::rules::{RuleSet, Status, Verdict};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditDoc {
    pub schema_version: u32,
    pub tool: Tool,
    pub run: RunInfo,
    pub rules: Vec<RuleInfo>,
    pub wards: Vec<WardDoc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunInfo {
    pub id: String,
    pub as_of: String,
    pub started_at: String,
    pub finished_at: String,
    /// The rule set's version (`rules/ruleset.toml`).
    #[serde(default)]
    pub rules_version: String,
    /// `embedded` or the rules directory given with `--rules`.
    #[serde(default)]
    pub rules_source: String,
    /// The run this one is compared with: the latest earlier run in the
    /// same reports folder.
    #[serde(default)]
    pub previous_run: Option<String>,
    /// The language of the run's texts (`vi`, or `en` with `--lang en`):
    /// summaries, fixes, explanations and the HTML pages.
    #[serde(default)]
    pub lang: Lang,
    /// The WARC file holding the pages this run judged, relative to the run
    /// folder (`archive.warc.gz`, or the original run's for a re-audit);
    /// `null` with `--no-archive`.
    #[serde(default)]
    pub archive: Option<String>,
    /// For a re-audit: the run whose archive was judged again.
    #[serde(default)]
    pub reaudit_of: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleInfo {
    pub id: String,
    pub title: String,
    pub clause: String,
    pub weight: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WardDoc {
    pub id: String,
    pub name: String,
    pub url: String,
    /// 0–100; `null` when the site could not be audited.
    pub score: Option<f64>,
    /// The CMS family its markup points to, or `unknown`.
    #[serde(default = "unknown")]
    pub platform: String,
    /// The score in the previous run, when the ward was in it.
    #[serde(default)]
    pub previous_score: Option<f64>,
    pub crawl: CrawlDoc,
    pub requirements: Vec<RequirementDoc>,
}

fn unknown() -> String {
    "unknown".into()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CrawlDoc {
    pub pages_fetched: usize,
    pub pages_failed: usize,
    /// allowed | restricted | disallowed | missing | unavailable
    pub robots: String,
    pub duration_ms: u64,
    /// Why the site could not be audited; `null` when it could.
    pub error: Option<ErrorDoc>,
    #[serde(default)]
    pub pages_skipped_robots: usize,
    /// The per-ward deadline ran out.
    #[serde(default)]
    pub cut_short: bool,
    /// Stopped before the page budget because every rule was decided.
    #[serde(default)]
    pub stopped_early: bool,
    /// Rule id → pages fetched when its evidence was found (`null`: never).
    #[serde(default)]
    pub found_after_pages: BTreeMap<String, Option<usize>>,
    #[serde(default)]
    pub failures: Vec<FailureDoc>,
    /// Pages read in another charset than the one their server (or, without
    /// a header, their `<meta>`) declares: a browser shows them garbled.
    #[serde(default)]
    pub pages_wrong_charset: usize,
    /// The first few of them.
    #[serde(default)]
    pub wrong_charset: Vec<WrongCharsetDoc>,
    /// Links not followed: past the depth limit, or one URL shape too often.
    #[serde(default)]
    pub links_dropped: usize,
    /// Pages whose `rel=canonical` named a page already read.
    #[serde(default)]
    pub pages_duplicate: usize,
    /// URLs listed in the site's sitemaps.
    #[serde(default)]
    pub sitemap_urls: usize,
    /// The site's invalid HTTPS certificate was accepted to audit it anyway.
    #[serde(default)]
    pub accepted_invalid_certs: bool,
    /// The ward's part of a city portal the crawl kept to (`/phuong-chi-linh/`,
    /// `?ward=xakinhmon`); absent when it read the whole host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorDoc {
    /// The failure's name, see `FailureKind` (`dns`, `connect_refused`, `timeout` …).
    pub kind: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// What the kind means, in the run's language.
    #[serde(default)]
    pub explanation: String,
    /// What to do about it, in the run's language.
    #[serde(default)]
    pub fix: String,
}

impl ErrorDoc {
    /// Rewrites the explanation and fix in `lang`.
    pub fn explain_in(&mut self, lang: Lang) {
        let kind = crate::crawl::FailureKind::from_name(&self.kind);
        kind.explain(lang).clone_into(&mut self.explanation);
        kind.fix(lang).clone_into(&mut self.fix);
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FailureDoc {
    pub url: String,
    #[serde(flatten)]
    pub error: ErrorDoc,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WrongCharsetDoc {
    pub url: String,
    /// The declared charset, as `encoding_rs` names it (`UTF-8`, `windows-1252`).
    pub declared: String,
    /// The charset the page is written in and was read in.
    pub read_as: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RequirementDoc {
    pub id: String,
    /// pass | partial | fail | error
    pub status: String,
    pub confidence: f64,
    pub summary: String,
    pub fix: String,
    pub evidence: Vec<EvidenceDoc>,
    /// The status in the previous run, when there was one.
    #[serde(default)]
    pub previous_status: Option<String>,
    /// Set when `waivers.toml` waives the requirement for this ward: it is
    /// then shown as waived and left out of the score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<WaiverDoc>,
}

/// A waiver as audit.json records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaiverDoc {
    pub reason: String,
    /// The last day the waiver applies (YYYY-MM-DD).
    pub until: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvidenceDoc {
    pub url: String,
    pub snippet: String,
    pub signal: String,
    /// The archived page the evidence was seen on: the `WARC-Record-ID` of its
    /// response record and the byte offset of that record in the archive.
    #[serde(default)]
    pub record: Option<crate::archive::RecordRef>,
}

/// When a run happened and what it is called.
#[derive(Debug, Clone)]
pub struct RunMeta {
    pub id: String,
    pub as_of: chrono::NaiveDate,
    pub started_at: chrono::DateTime<chrono::FixedOffset>,
    pub finished_at: chrono::DateTime<chrono::FixedOffset>,
}

fn kind_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn error_doc(f: &crate::crawl::Failure, lang: Lang) -> ErrorDoc {
    ErrorDoc {
        kind: kind_name(&f.kind),
        message: f.message.clone(),
        status: f.status,
        explanation: f.kind.explain(lang).to_owned(),
        fix: f.kind.fix(lang).to_owned(),
    }
}

/// Builds the document of a run.
#[must_use]
pub fn document(meta: &RunMeta, rules: &RuleSet, results: &[WardResult]) -> AuditDoc {
    let mut doc = AuditDoc {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "ward-audit".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        run: RunInfo {
            id: meta.id.clone(),
            as_of: meta.as_of.to_string(),
            started_at: meta
                .started_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            finished_at: meta
                .finished_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            rules_version: rules.version.clone(),
            rules_source: rules.source.clone(),
            previous_run: None,
            lang: rules.lang,
            archive: None,
            reaudit_of: None,
        },
        rules: rule_infos(rules),
        wards: results
            .iter()
            .map(|r| unscored_ward_doc(r, rules))
            .collect(),
    };
    rescore(&mut doc);
    doc
}

/// The rules as audit.json lists them.
#[must_use]
pub fn rule_infos(rules: &RuleSet) -> Vec<RuleInfo> {
    rules
        .rules
        .iter()
        .map(|r| RuleInfo {
            id: r.id.clone(),
            title: r.title.clone(),
            clause: r.clause.clone(),
            weight: r.weight,
        })
        .collect()
}

/// Sets every ward's score from its requirements: 0–100 over the rules'
/// weights, pass 1 and partial ½. Waived requirements count neither way;
/// `null` when the site could not be audited.
pub fn rescore(doc: &mut AuditDoc) {
    for ward in &mut doc.wards {
        rescore_ward(ward, &doc.rules);
    }
}

/// `rescore` for one ward.
pub fn rescore_ward(ward: &mut WardDoc, rules: &[RuleInfo]) {
    if ward.crawl.error.is_some() {
        ward.score = None;
        return;
    }
    let (mut total, mut earned) = (0.0, 0.0);
    for (req, rule) in ward.requirements.iter().zip(rules) {
        if req.waiver.is_some() {
            continue;
        }
        total += rule.weight;
        earned += rule.weight * Status::from_name(&req.status).credit();
    }
    ward.score = Some(if total > 0.0 {
        ((earned / total) * 1000.0).round() / 10.0
    } else {
        100.0
    });
}

/// The verdicts as audit.json lists them.
#[must_use]
pub fn requirement_docs(verdicts: &[Verdict]) -> Vec<RequirementDoc> {
    verdicts
        .iter()
        .map(|v| RequirementDoc {
            id: v.id.clone(),
            status: v.status.as_str().into(),
            confidence: v.confidence,
            summary: v.summary.clone(),
            fix: v.fix.clone(),
            evidence: v
                .evidence
                .iter()
                .map(|e| EvidenceDoc {
                    url: e.url.clone(),
                    snippet: e.snippet.clone(),
                    signal: e.signal.clone(),
                    record: e.record.clone(),
                })
                .collect(),
            previous_status: None,
            waiver: None,
        })
        .collect()
}

/// One ward's part of the document, scored.
#[must_use]
pub fn ward_doc(r: &WardResult, rules: &RuleSet) -> WardDoc {
    let mut ward = unscored_ward_doc(r, rules);
    rescore_ward(&mut ward, &rule_infos(rules));
    ward
}

fn unscored_ward_doc(r: &WardResult, rules: &RuleSet) -> WardDoc {
    let c = &r.crawl;
    WardDoc {
        id: r.ward.id.clone(),
        name: r.ward.name.clone(),
        url: r.ward.url.to_string(),
        // Set by `rescore` once the document is whole.
        score: None,
        platform: c.platform.unwrap_or("unknown").to_owned(),
        previous_score: None,
        crawl: CrawlDoc {
            pages_fetched: c.pages_fetched,
            pages_failed: c.pages_failed,
            robots: kind_name(&c.robots),
            duration_ms: c.duration_ms,
            error: c.error.as_ref().map(|e| error_doc(e, rules.lang)),
            pages_skipped_robots: c.pages_skipped_robots,
            cut_short: c.cut_short,
            stopped_early: c.stopped_early,
            found_after_pages: r.found_after.iter().cloned().collect(),
            failures: c
                .failures
                .iter()
                .map(|f| FailureDoc {
                    url: f.url.clone(),
                    error: error_doc(&f.failure, rules.lang),
                })
                .collect(),
            pages_wrong_charset: c.pages_wrong_charset,
            wrong_charset: c
                .wrong_charset
                .iter()
                .map(|w| WrongCharsetDoc {
                    url: w.url.clone(),
                    declared: w.declared.to_owned(),
                    read_as: w.read_as.to_owned(),
                })
                .collect(),
            links_dropped: c.links_dropped,
            pages_duplicate: c.pages_duplicate,
            sitemap_urls: c.sitemap_urls,
            accepted_invalid_certs: c.accepted_invalid_certs,
            scope: c.scope.clone(),
        },
        requirements: requirement_docs(&r.verdicts),
    }
}

/// Fills in what the previous run said of the same wards and requirements.
pub fn compare_with(doc: &mut AuditDoc, previous: &PastRun) {
    doc.run.previous_run = Some(previous.run.id.clone());
    for ward in &mut doc.wards {
        previous.compare(ward);
    }
}

/// What later runs need of an earlier one: its facts, and per ward the
/// score and verdicts. Read from audit.json without the evidence, crawl
/// facts and texts, so the history of thousands of wards stays small.
#[derive(Debug, Clone, Deserialize)]
pub struct PastRun {
    pub run: RunInfo,
    pub wards: Vec<PastWard>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PastWard {
    pub id: String,
    pub name: String,
    pub score: Option<f64>,
    pub requirements: Vec<PastRequirement>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PastRequirement {
    pub id: String,
    pub status: String,
}

impl PastRun {
    /// Fills in what this run said of the ward and its requirements.
    pub fn compare(&self, ward: &mut WardDoc) {
        let Some(before) = self.wards.iter().find(|w| w.id == ward.id) else {
            return;
        };
        ward.previous_score = before.score;
        for req in &mut ward.requirements {
            req.previous_status = before
                .requirements
                .iter()
                .find(|r| r.id == req.id)
                .map(|r| r.status.clone());
        }
    }
}

impl From<&AuditDoc> for PastRun {
    fn from(doc: &AuditDoc) -> Self {
        Self {
            run: doc.run.clone(),
            wards: doc
                .wards
                .iter()
                .map(|w| PastWard {
                    id: w.id.clone(),
                    name: w.name.clone(),
                    score: w.score,
                    requirements: w
                        .requirements
                        .iter()
                        .map(|r| PastRequirement {
                            id: r.id.clone(),
                            status: r.status.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
