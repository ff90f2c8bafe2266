//! Reports: escaping of crawled content, the audit.json contract, CSV, and
//! run folders.

use std::fs;

use chrono::{FixedOffset, TimeZone};
use ward_audit::audit::WardResult;
use ward_audit::report::{self, json};
use ward_audit::rules::RuleSet;

use crate::common::{audit_site, demo_date, fixture_dir, hostile_site, quick_settings};

fn meta(id: &str) -> json::RunMeta {
    let t = FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
        .unwrap();
    json::RunMeta {
        id: id.into(),
        as_of: demo_date(),
        started_at: t,
        finished_at: t,
    }
}

fn hostile_doc() -> (json::AuditDoc, Vec<WardResult>) {
    let rules = RuleSet::embedded().unwrap();
    let result = audit_site(hostile_site(), &quick_settings(), demo_date());
    let results = vec![result];
    (
        json::document(&meta("2026-11-20"), &rules, &results),
        results,
    )
}

#[test]
fn crawled_markup_is_escaped_everywhere() {
    let (mut doc, _) = hostile_doc();
    assert_eq!(
        doc.wards[0].requirements[4].status, "pass",
        "{:?}",
        doc.wards[0].requirements[4]
    );
    // A hostile evidence address must never become a live link.
    doc.wards[0].requirements[0]
        .evidence
        .push(json::EvidenceDoc {
            url: "javascript:alert(6)".into(),
            snippet: "\"><script>alert(7)</script>".into(),
            signal: "test".into(),
        });
    let out = tempfile::tempdir().unwrap();
    let dir = report::write_run(out.path(), &doc, false).unwrap();
    for name in ["index.html", "phuong-thu.html"] {
        let html = fs::read_to_string(dir.join(name)).unwrap();
        assert!(!html.contains("<script"), "{name} has a live script tag");
        assert!(!html.contains("<img src=x"), "{name} has an injected image");
        assert!(
            !html.contains("href=\"javascript:"),
            "{name} has a javascript: link"
        );
        assert!(html.contains("<html lang=\"vi\">"));
    }
    let ward = fs::read_to_string(dir.join("phuong-thu.html")).unwrap();
    let at = ward.find("alert(2)").map_or(0, |i| i.saturating_sub(40));
    assert!(
        ward.contains("&lt;script&gt;alert(2)"),
        "the snippet is shown, escaped: {}",
        &ward[at..(at + 80).min(ward.len())]
    );
}

#[test]
fn audit_json_matches_the_documented_schema() {
    let (doc, _) = hostile_doc();
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(fixture_dir("../../docs/audit.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let value = serde_json::to_value(&doc).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The fields DESIGN.md names, spelled exactly.
    let ward = &value["wards"][0];
    for key in [
        "pages_fetched",
        "pages_failed",
        "robots",
        "duration_ms",
        "error",
    ] {
        assert!(ward["crawl"].get(key).is_some(), "crawl.{key}");
    }
    assert_eq!(value["schema_version"], 1);
    assert_eq!(
        ward["requirements"].as_array().unwrap().len(),
        value["rules"].as_array().unwrap().len()
    );
}

#[test]
fn the_schema_rejects_a_wrong_document() {
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(fixture_dir("../../docs/audit.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (doc, _) = hostile_doc();
    let mut value = serde_json::to_value(&doc).unwrap();
    value["wards"][0]["requirements"][0]["status"] = "ok".into();
    assert!(!validator.is_valid(&value));
}

#[test]
fn csv_opens_in_excel_with_vietnamese_intact() {
    let (doc, _) = hostile_doc();
    let csv = report::csv::render(&doc);
    assert!(csv.starts_with('\u{feff}'), "UTF-8 BOM for Excel");
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(
        lines.len(),
        1 + doc.rules.len(),
        "header + one row per ward × requirement"
    );
    assert!(lines[5].contains("\"Danh bạ điện thoại\""), "{}", lines[5]);
}

#[test]
fn reruns_get_a_suffix_and_history_lists_every_run() {
    let (doc, _) = hostile_doc();
    let out = tempfile::tempdir().unwrap();
    let first = report::next_run_id(out.path(), demo_date());
    assert_eq!(first, "2026-11-20");
    let mut d1 = doc.clone();
    d1.run.id = first;
    report::write_run(out.path(), &d1, false).unwrap();
    let second = report::next_run_id(out.path(), demo_date());
    assert_eq!(second, "2026-11-20-2");
    let mut d2 = doc;
    d2.run.id = second;
    report::write_run(out.path(), &d2, false).unwrap();
    let history = fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(
        history.contains("2026-11-20-2/index.html")
            && history.contains("\"2026-11-20/index.html\"")
    );
    // No temporary folders or files are left behind.
    let leftovers: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
