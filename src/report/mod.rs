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

/// Writes a run's folder under `out` and refreshes `out/index.html`.
/// With `replace`, a folder of the same id is replaced (the demo does this).
/// Returns the run folder.
pub fn write_run(out: &Path, doc: &AuditDoc, replace: bool) -> Result<PathBuf> {
    fs::create_dir_all(out)
        .with_context(|| format!("cannot create the report folder {}", out.display()))?;
    let hb = templates();
    let final_dir = out.join(&doc.run.id);
    let tmp_dir = out.join(format!(".{}.tmp-{}", doc.run.id, std::process::id()));
    if tmp_dir.exists() {
        fs::remove_dir_all(&tmp_dir)
            .with_context(|| format!("cannot clear {}", tmp_dir.display()))?;
    }
    fs::create_dir_all(&tmp_dir).with_context(|| format!("cannot create {}", tmp_dir.display()))?;

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
                render(&hb, "ward", &html::ward_view(doc, ward))?.into_bytes(),
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
