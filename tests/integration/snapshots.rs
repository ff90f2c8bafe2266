//! Snapshots of the rendered reports on the demo sites at their fixed date,
//! so a template change is reviewed as a diff. Ports, times and durations
//! vary from run to run and are masked.

use std::fs;

use regex::Regex;
use ward_audit::report::{self, json};
use ward_audit::rules::RuleSet;

use crate::common::{audit_as_wards, demo_date};

fn masked(html: &str) -> String {
    let port = Regex::new(r"127\.0\.0\.1:\d+").unwrap();
    let time = Regex::new(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}").unwrap();
    let seconds = Regex::new(r"\d+\.\d giây").unwrap();
    let html = port.replace_all(html, "127.0.0.1:PORT");
    let html = time.replace_all(&html, "TIME");
    seconds.replace_all(&html, "N giây").into_owned()
}

#[test]
fn demo_reports_render_as_reviewed() {
    let rules = RuleSet::embedded().unwrap();
    let results = audit_as_wards(ward_audit::demo::embedded_sites().unwrap());
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T08:00:00+07:00").unwrap();
    let meta = json::RunMeta {
        id: "2026-11-20".into(),
        as_of: demo_date(),
        started_at: at,
        finished_at: at,
    };
    let mut doc = json::document(&meta, &rules, &results);
    // The demo's waiver, so a waived card is under review too.
    ward_audit::demo::waivers(&rules)
        .unwrap()
        .apply(&mut doc, demo_date());
    let out = tempfile::tempdir().unwrap();
    let dir = report::write_run(out.path(), &doc, false).unwrap();
    for (snapshot, file) in [
        ("run_summary", "index.html"),
        ("ward_sao_do", "phuong-sao-do.html"),
        ("ward_hung_dao", "xa-hung-dao.html"),
    ] {
        insta::assert_snapshot!(
            snapshot,
            masked(&fs::read_to_string(dir.join(file)).unwrap())
        );
    }
}
