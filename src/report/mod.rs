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

use json::{AuditDoc, PastRun, WardDoc};

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

/// Writes the stored copies of one ward's archived evidence pages into the
/// staging folder, adding the offsets copied to `copied`. An archive that
/// cannot be read costs the copies, never the report.
fn write_copies(staging: &Path, doc: &AuditDoc, ward: &WardDoc, copied: &mut BTreeSet<u64>) {
    let Some(archive) = &doc.run.archive else {
        return;
    };
    let archive = staging.join(archive);
    let offsets: BTreeSet<u64> = ward
        .requirements
        .iter()
        .flat_map(|r| &r.evidence)
        .filter_map(|e| e.record.as_ref().map(|r| r.offset))
        .filter(|o| !copied.contains(o))
        .collect();
    if offsets.is_empty() || fs::create_dir_all(staging.join(COPIES)).is_err() {
        return;
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
}

/// Writes a run's folder as its wards finish: each ward's page and stored
/// copies as soon as it is judged, then the summary, audit.json and the
/// CSV files once all are in. Only the wards' documents are kept in
/// between, so a run of thousands of wards holds no rendered page. The
/// folder is assembled in the staging folder and renamed into place by
/// `finish`; until then no finished run is touched.
pub struct RunWriter {
    out: PathBuf,
    staging: PathBuf,
    hb: Handlebars<'static>,
    /// The run's facts and rules; its wards are filled in by `finish`.
    doc: AuditDoc,
    wards: Vec<Option<WardDoc>>,
    copied: BTreeSet<u64>,
    replace: bool,
}

impl RunWriter {
    /// Starts the run described by `header` (its `wards` are ignored) with
    /// room for `wards` wards. With `replace`, a finished run of the same id
    /// is replaced (the demo does this).
    pub fn new(out: &Path, mut header: AuditDoc, wards: usize, replace: bool) -> Result<Self> {
        let staging = staging_dir(out, &header.run.id);
        if !staging.exists() {
            stage(out, &header.run.id)?;
        }
        header.wards = Vec::new();
        Ok(Self {
            out: out.to_owned(),
            staging,
            hb: templates(),
            doc: header,
            wards: (0..wards).map(|_| None).collect(),
            copied: BTreeSet::new(),
            replace,
        })
    }

    /// The run's facts, as the ward pages show them.
    #[must_use]
    pub fn run(&self) -> &AuditDoc {
        &self.doc
    }

    /// Writes ward number `index`'s page and stored copies, and keeps its
    /// document for the summary.
    pub fn add(&mut self, index: usize, ward: WardDoc) -> Result<()> {
        let mut copied = std::mem::take(&mut self.copied);
        write_copies(&self.staging, &self.doc, &ward, &mut copied);
        let page = render(
            &self.hb,
            "ward",
            &html::ward_view(&self.doc, &ward, &copied),
        )?;
        self.copied = copied;
        let path = self.staging.join(html::ward_page(&ward.id));
        fs::write(&path, page).with_context(|| format!("cannot write {}", path.display()))?;
        let slot = self
            .wards
            .get_mut(index)
            .with_context(|| format!("ward number {index} is beyond the run's wards"))?;
        *slot = Some(ward);
        Ok(())
    }

    /// Writes the summary and the machine-readable files, moves the run into
    /// place and refreshes the history page. `finished_at` is the run's end.
    pub fn finish(mut self, finished_at: String) -> Result<(AuditDoc, PathBuf)> {
        self.doc.run.finished_at = finished_at;
        self.doc.wards = self.wards.into_iter().flatten().collect();
        let doc = self.doc;
        let tmp_dir = self.staging;
        let json_path = tmp_dir.join("audit.json");
        let file = fs::File::create(&json_path)
            .with_context(|| format!("cannot write {}", json_path.display()))?;
        let mut writer = std::io::BufWriter::new(file);
        serde_json::to_writer_pretty(&mut writer, &doc).context("serialising audit.json")?;
        std::io::Write::flush(&mut writer)
            .with_context(|| format!("cannot write {}", json_path.display()))?;
        drop(writer);
        for (name, content) in [
            ("audit.csv", csv::render(&doc)),
            ("summary.csv", csv::render_summary(&doc)),
            (
                "index.html",
                render(&self.hb, "run", &html::run_view(&doc))?,
            ),
        ] {
            fs::write(tmp_dir.join(name), content)
                .with_context(|| format!("cannot write {}", tmp_dir.join(name).display()))?;
        }
        let out = self.out;
        let final_dir = out.join(&doc.run.id);
        if final_dir.exists() && self.replace {
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
        write_history(&out, &self.hb)?;
        Ok((doc, final_dir))
    }
}

/// Writes a whole run's folder under `out` at once (see `RunWriter`) and
/// refreshes `out/index.html`. Returns the run folder.
pub fn write_run(out: &Path, doc: &AuditDoc, replace: bool) -> Result<PathBuf> {
    let mut writer = RunWriter::new(out, doc.clone(), doc.wards.len(), replace)?;
    for (i, ward) in doc.wards.iter().enumerate() {
        writer.add(i, ward.clone())?;
    }
    let (_, dir) = writer.finish(doc.run.finished_at.clone())?;
    Ok(dir)
}

/// The latest run under `out` before `run` (by as-of date, then start time).
#[must_use]
pub fn previous_run(out: &Path, run: &json::RunInfo) -> Option<PastRun> {
    read_runs(out).into_iter().find(|d| {
        d.run.id != run.id && (&d.run.as_of, &d.run.started_at) < (&run.as_of, &run.started_at)
    })
}

/// Reads every run's audit.json under `out`, newest first, keeping only what
/// comparisons and the history page need.
#[must_use]
pub fn read_runs(out: &Path) -> Vec<PastRun> {
    let Ok(entries) = fs::read_dir(out) else {
        return Vec::new();
    };
    let mut runs: Vec<PastRun> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| fs::File::open(e.path().join("audit.json")).ok())
        .filter_map(|f| serde_json::from_reader(std::io::BufReader::new(f)).ok())
        .collect();
    runs.sort_by(|a, b| (&b.run.as_of, &b.run.started_at).cmp(&(&a.run.as_of, &a.run.started_at)));
    runs
}

fn write_history(out: &Path, hb: &Handlebars<'_>) -> Result<()> {
    let view = html::HistoryView::new(&read_runs(out));
    write_atomic(
        &out.join("index.html"),
        render(hb, "history", &view)?.as_bytes(),
    )
}
