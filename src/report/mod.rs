//! Reports: audit.json, audit.csv, a summary page and one page per ward for
//! a run, and the history page over all runs.
//!
//! Every file is written to a temporary name and renamed, and a run's folder
//! is assembled under a temporary name and renamed into place, so an
//! interrupted run never leaves a half report over a good one.

pub mod csv;
pub mod html;
pub mod json;
pub mod strings;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use handlebars::Handlebars;
use serde::Serialize;

use json::AuditDoc;

/// Templates are files in the tree, embedded, registered one per line.
fn templates() -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_partial("style", include_str!("templates/style.css"))
        .expect("style partial is valid");
    hb.register_partial("sort_script", include_str!("templates/sort.js"))
        .expect("sort script is valid");
    hb.register_template_string("run", include_str!("templates/run.hbs"))
        .expect("run template is valid");
    hb.register_template_string("ward", include_str!("templates/ward.hbs"))
        .expect("ward template is valid");
    hb.register_template_string("history", include_str!("templates/history.hbs"))
        .expect("history template is valid");
    hb
}

fn render<T: Serialize>(hb: &Handlebars<'_>, name: &str, data: &T) -> Result<String> {
    hb.render(name, data)
        .with_context(|| format!("rendering the {name} page"))
}

/// Picks the run id: the as-of date, then `-2`, `-3` … when taken.
#[must_use]
pub fn next_run_id(out: &Path, as_of: chrono::NaiveDate) -> String {
    let base = as_of.to_string();
    if !out.join(&base).exists() {
        return base;
    }
    let mut n = 2;
    loop {
        let id = format!("{base}-{n}");
        if !out.join(&id).exists() {
            return id;
        }
        n += 1;
    }
}

/// Writes `content` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    let tmp = path.with_file_name(format!(
        ".{}.tmp-{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("report"),
        std::process::id()
    ));
    fs::write(&tmp, content).with_context(|| format!("cannot write {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("cannot move {} into place", path.display()))
}

/// The hidden folder a run is assembled in, next to where it will be moved.
#[must_use]
pub fn staging_dir(out: &Path, id: &str) -> PathBuf {
    out.join(format!(".{id}.tmp-{}", std::process::id()))
}

/// Staging folders left by runs that did not finish (killed, or the machine
/// stopped), other than this process's own.
#[must_use]
pub fn interrupted_runs(out: &Path) -> Vec<PathBuf> {
    let own = format!(".tmp-{}", std::process::id());
    let Ok(entries) = fs::read_dir(out) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with('.') && name.contains(".tmp-") && !name.ends_with(&own) && p.is_dir()
        })
        .collect();
    found.sort();
    found
}

/// Creates a run's staging folder, empty, before the crawl starts: the
/// archive is written there as pages arrive, and a run killed part-way
/// leaves it there, readable, without touching any finished run.
pub fn stage(out: &Path, id: &str) -> Result<PathBuf> {
    fs::create_dir_all(out)
        .with_context(|| format!("cannot create the report folder {}", out.display()))?;
    let dir = staging_dir(out, id);
    if dir.exists() {
        fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

/// The folder stored copies of evidence pages are written to.
pub const COPIES: &str = "pages";

/// Writes the stored copy of every archived evidence page into the staging
/// folder; returns the offsets of the records copied. An archive that
/// cannot be read costs the copies, never the report.
fn write_copies(staging: &Path, doc: &AuditDoc) -> BTreeSet<u64> {
    let mut copied = BTreeSet::new();
    let Some(archive) = &doc.run.archive else {
        return copied;
    };
    let archive = staging.join(archive);
    let offsets: BTreeSet<u64> = doc
        .wards
        .iter()
        .flat_map(|w| &w.requirements)
        .flat_map(|r| &r.evidence)
        .filter_map(|e| e.record.as_ref().map(|r| r.offset))
        .collect();
    if offsets.is_empty() || fs::create_dir_all(staging.join(COPIES)).is_err() {
        return copied;
    }
    for offset in offsets {
        let copy = crate::archive::warc::read_at(&archive, offset)
            .ok()
            .and_then(|record| crate::archive::copy::render(&record, doc.run.lang));
        match copy {
            Some(page) if fs::write(staging.join(html::copy_page(offset)), &page).is_ok() => {
                copied.insert(offset);
            }
            _ => eprintln!(
                "cannot make the stored copy of record {offset} of {}",
                archive.display()
            ),
        }
    }
    copied
}

/// Writes a run's folder under `out` and refreshes `out/index.html`.
/// The folder is assembled in the staging folder (`stage`, made here when
/// the caller has not) and renamed into place. With `replace`, a folder of
/// the same id is replaced (the demo does this). Returns the run folder.
pub fn write_run(out: &Path, doc: &AuditDoc, replace: bool) -> Result<PathBuf> {
    fs::create_dir_all(out)
        .with_context(|| format!("cannot create the report folder {}", out.display()))?;
    let hb = templates();
    let final_dir = out.join(&doc.run.id);
    let tmp_dir = staging_dir(out, &doc.run.id);
    if !tmp_dir.exists() {
        stage(out, &doc.run.id)?;
    }
    let copies = write_copies(&tmp_dir, doc);

    let files: Vec<(String, Vec<u8>)> = {
        let mut files = vec![
            (
                "audit.json".to_owned(),
                serde_json::to_vec_pretty(doc).context("serialising audit.json")?,
            ),
            ("audit.csv".to_owned(), csv::render(doc).into_bytes()),
            (
                "summary.csv".to_owned(),
                csv::render_summary(doc).into_bytes(),
            ),
            (
                "index.html".to_owned(),
                render(&hb, "run", &html::run_view(doc))?.into_bytes(),
            ),
        ];
        for ward in &doc.wards {
            files.push((
                html::ward_page(&ward.id),
                render(&hb, "ward", &html::ward_view(doc, ward, &copies))?.into_bytes(),
            ));
        }
        files
    };
    for (name, content) in &files {
        fs::write(tmp_dir.join(name), content)
            .with_context(|| format!("cannot write {}", tmp_dir.join(name).display()))?;
    }
    if final_dir.exists() && replace {
        let old = out.join(format!(".{}.old-{}", doc.run.id, std::process::id()));
        fs::rename(&final_dir, &old)
            .with_context(|| format!("cannot move aside {}", final_dir.display()))?;
        fs::rename(&tmp_dir, &final_dir)
            .with_context(|| format!("cannot move the run into {}", final_dir.display()))?;
        fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))?;
    } else {
        fs::rename(&tmp_dir, &final_dir)
            .with_context(|| format!("cannot move the run into {}", final_dir.display()))?;
    }
    write_history(out, &hb)?;
    Ok(final_dir)
}

/// The latest run under `out` before `run` (by as-of date, then start time).
#[must_use]
pub fn previous_run(out: &Path, run: &json::RunInfo) -> Option<AuditDoc> {
    read_runs(out).into_iter().find(|d| {
        d.run.id != run.id && (&d.run.as_of, &d.run.started_at) < (&run.as_of, &run.started_at)
    })
}

/// Reads every run's audit.json under `out`, newest first.
#[must_use]
pub fn read_runs(out: &Path) -> Vec<AuditDoc> {
    let Ok(entries) = fs::read_dir(out) else {
        return Vec::new();
    };
    let mut docs: Vec<AuditDoc> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| fs::read(e.path().join("audit.json")).ok())
        .filter_map(|bytes| serde_json::from_slice(&bytes).ok())
        .collect();
    docs.sort_by(|a, b| (&b.run.as_of, &b.run.started_at).cmp(&(&a.run.as_of, &a.run.started_at)));
    docs
}

fn write_history(out: &Path, hb: &Handlebars<'_>) -> Result<()> {
    let view = html::HistoryView::new(&read_runs(out));
    write_atomic(
        &out.join("index.html"),
        render(hb, "history", &view)?.as_bytes(),
    )
}
