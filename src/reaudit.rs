//! `ward-audit reaudit`: judges a run's archived pages again with the
//! current rules, without any network access.
//!
//! The archive is read twice. The first pass collects the document checks
//! and how many judged pages each ward has; the second hands each ward's
//! pages, in the order they were fetched, to `crawl::replay` as soon as the
//! last of them has been read, so only the wards whose records interleave
//! are held at once.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use crate::archive::warc::{self, ReadRecord};
use crate::archive::{self, Meta, RecordRef};
use crate::audit::next_step;
use crate::crawl::{self, ArchivedPage, DocCheck, fetch};
use crate::report::json::{self, AuditDoc};
use crate::rules::evaluate::error_verdicts;
use crate::rules::{Evaluator, RuleSet, Verdict};

/// A finished run to judge again.
#[derive(Debug)]
pub struct Source {
    pub dir: PathBuf,
    pub doc: AuditDoc,
    pub archive: PathBuf,
}

impl Source {
    /// Reads `<dir>/audit.json` and finds the archive it names.
    pub fn open(dir: &Path) -> Result<Self> {
        let path = dir.join("audit.json");
        let text = std::fs::read(&path).with_context(|| {
            format!(
                "cannot read {} (is {} a run folder?)",
                path.display(),
                dir.display()
            )
        })?;
        let doc: AuditDoc = serde_json::from_slice(&text)
            .with_context(|| format!("{} is not an audit.json ward-audit reads", path.display()))?;
        let Some(name) = &doc.run.archive else {
            bail!(
                "run {} has no archive (it was made with --no-archive), so it cannot be judged again",
                doc.run.id
            );
        };
        let archive = dir.join(name);
        if !archive.is_file() {
            bail!(
                "the archive {} of run {} is missing",
                archive.display(),
                doc.run.id
            );
        }
        Ok(Self {
            dir: dir.to_owned(),
            doc,
            archive,
        })
    }

    pub fn as_of(&self) -> Result<NaiveDate> {
        NaiveDate::parse_from_str(&self.doc.run.as_of, "%Y-%m-%d")
            .with_context(|| format!("run.as_of `{}` is not a date", self.doc.run.as_of))
    }
}

/// One ward's new verdicts.
#[derive(Debug)]
pub struct Judged {
    pub verdicts: Vec<Verdict>,
    pub found_after: Vec<(String, Option<usize>)>,
}

/// What the first pass learns: per ward, the document checks and the number
/// of pages still to come.
#[derive(Default)]
struct Plan {
    checks: HashMap<String, HashMap<String, DocCheck>>,
    pages: HashMap<String, usize>,
}

fn meta_of(record: &ReadRecord) -> Option<Meta> {
    (record.kind() == "metadata")
        .then(|| serde_json::from_slice(&record.block).ok())
        .flatten()
}

fn records(path: &Path) -> Result<warc::Reader<std::fs::File>> {
    warc::Reader::open(path).with_context(|| format!("cannot open the archive {}", path.display()))
}

fn plan(path: &Path) -> Result<Plan> {
    let mut plan = Plan::default();
    for record in records(path)? {
        let record = record.with_context(|| format!("reading {}", path.display()))?;
        match meta_of(&record) {
            Some(Meta::Page {
                ward,
                skipped: None,
                ..
            }) => *plan.pages.entry(ward).or_default() += 1,
            Some(Meta::DocCheck { ward, url, check }) => {
                plan.checks.entry(ward).or_default().insert(url, check);
            }
            _ => {}
        }
    }
    Ok(plan)
}

/// Judges every ward of `source` that its archive holds pages of.
pub fn judge(
    source: &Source,
    rules: &RuleSet,
    exhaustive: bool,
) -> Result<BTreeMap<String, Judged>> {
    let as_of = source.as_of()?;
    let mut plan = plan(&source.archive)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("cannot start the runtime")?;
    let mut judged = BTreeMap::new();
    // Responses waiting for the metadata record that says whose they are.
    let mut responses: HashMap<String, ReadRecord> = HashMap::new();
    let mut pages: HashMap<String, Vec<ArchivedPage>> = HashMap::new();
    for record in records(&source.archive)? {
        let record = record.with_context(|| format!("reading {}", source.archive.display()))?;
        if record.kind() == "response" {
            responses.insert(record.id().to_owned(), record);
            continue;
        }
        let Some(Meta::Page {
            ward,
            depth,
            via,
            skipped,
            ..
        }) = meta_of(&record)
        else {
            continue;
        };
        let Some(response) = record
            .field("WARC-Refers-To")
            .and_then(|id| responses.remove(id))
        else {
            continue;
        };
        if skipped.is_some() {
            continue;
        }
        let Some(page) = archived_page(&response, depth, via) else {
            continue;
        };
        pages.entry(ward.clone()).or_default().push(page);
        let left = plan.pages.entry(ward.clone()).or_default();
        *left = left.saturating_sub(1);
        if *left == 0 {
            let ward_pages = pages.remove(&ward).unwrap_or_default();
            let checks = plan.checks.remove(&ward).unwrap_or_default();
            let name = source
                .doc
                .wards
                .iter()
                .find(|w| w.id == ward)
                .map_or("", |w| w.name.as_str());
            let result = rt.block_on(judge_ward(
                ward_pages,
                checks,
                rules.hints(),
                Evaluator::new(rules, as_of).for_unit(name),
                exhaustive,
                as_of,
            ));
            judged.insert(ward, result);
        }
    }
    Ok(judged)
}

fn archived_page(response: &ReadRecord, depth: u32, via: Vec<String>) -> Option<ArchivedPage> {
    let http = warc::parse_http(&response.block)?;
    let content_type = http
        .header("content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    Some(ArchivedPage {
        url: url::Url::parse(response.field("WARC-Target-URI")?).ok()?,
        depth,
        via,
        html: fetch::decode(http.body, &content_type),
        record: RecordRef {
            id: response.id().to_owned(),
            offset: response.offset,
        },
    })
}

async fn judge_ward(
    pages: Vec<ArchivedPage>,
    checks: HashMap<String, DocCheck>,
    hints: &crawl::Hints,
    mut evaluator: Evaluator<'_>,
    exhaustive: bool,
    // The original run's as-of date, against which its live crawl read
    // relative dates.
    as_of: NaiveDate,
) -> Judged {
    let patience = crawl::Settings::default().patience;
    crawl::replay(pages, checks, hints, exhaustive, as_of, |page| {
        evaluator.observe(&page);
        next_step(&evaluator, patience)
    })
    .await;
    Judged {
        found_after: evaluator.found_after(),
        verdicts: evaluator.finish(),
    }
}

/// The new run's document: the original's wards, crawl facts and waivers,
/// the new rules and verdicts. `archive` is the original archive as the new run
/// folder reaches it.
#[must_use]
pub fn document(
    source: &Source,
    rules: &RuleSet,
    mut judged: BTreeMap<String, Judged>,
    meta: &json::RunMeta,
    archive: String,
) -> AuditDoc {
    let mut doc = source.doc.clone();
    let fresh = json::document(meta, rules, &[]);
    doc.tool = fresh.tool;
    doc.run = fresh.run;
    doc.run.archive = Some(archive);
    doc.run.reaudit_of = Some(source.doc.run.id.clone());
    doc.rules = fresh.rules;
    for ward in &mut doc.wards {
        ward.previous_score = None;
        let (verdicts, found_after) = match (&mut ward.crawl.error, judged.remove(&ward.id)) {
            (Some(error), _) => {
                error.explain_in(rules.lang);
                (error_verdicts(rules, &error.explanation), Vec::new())
            }
            (None, Some(j)) => (j.verdicts, j.found_after),
            // Audited, but no page of it in the archive (it was cut off):
            // the rules judge nothing.
            (None, None) => (Evaluator::new(rules, meta.as_of).finish(), Vec::new()),
        };
        for failure in &mut ward.crawl.failures {
            failure.error.explain_in(rules.lang);
        }
        ward.crawl.found_after_pages = found_after.into_iter().collect();
        // The original run's waivers still apply; `--waivers` replaces them.
        let mut requirements = json::requirement_docs(&verdicts);
        for req in &mut requirements {
            req.waiver = ward
                .requirements
                .iter()
                .find(|old| old.id == req.id)
                .and_then(|old| old.waiver.clone());
        }
        ward.requirements = requirements;
    }
    json::rescore(&mut doc);
    doc
}

/// How a new run folder in `out` reaches the source's archive: relative
/// when the archive's run folder sits in `out` too, else absolute.
#[must_use]
pub fn archive_path(source: &Source, out: &Path) -> String {
    let archive = source
        .archive
        .canonicalize()
        .unwrap_or_else(|_| source.archive.clone());
    let run_folder = archive.parent();
    match (run_folder, out.canonicalize()) {
        (Some(run), Ok(out)) if run.parent() == Some(out.as_path()) => format!(
            "../{}/{}",
            run.file_name().unwrap_or_default().to_string_lossy(),
            archive::FILE_NAME
        ),
        _ => archive.display().to_string(),
    }
}
