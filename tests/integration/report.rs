//! Reports: escaping of crawled content, the audit.json contract, CSV, and
//! run folders.

use std::fs;

use chrono::{FixedOffset, TimeZone};
use ward_audit::audit::WardResult;
use ward_audit::report::{self, json};
use ward_audit::rules::RuleSet;

use crate::common::{
    audit_site, demo_date, fixture_dir, hostile_site, inline_site, quick_settings, schema_errors,
};

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
            record: None,
        });
    let out = tempfile::tempdir().unwrap();
    let dir = report::write_run(out.path(), &doc, false).unwrap();
    for (name, own_scripts) in [("index.html", 1), ("phuong-thu.html", 0)] {
        let html = fs::read_to_string(dir.join(name)).unwrap();
        // The summary carries one script of ours (table sorting); nothing else.
        assert_eq!(
            html.matches("<script").count(),
            own_scripts,
            "{name} has a live script tag"
        );
        assert!(
            !html.contains("<script>alert"),
            "{name} runs crawled script"
        );
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
    let value = serde_json::to_value(&doc).unwrap();
    let errors = schema_errors(&value);
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

#[test]
fn the_next_run_says_what_changed_and_a_site_that_is_down_is_not_a_regression() {
    let (doc, _) = hostile_doc();
    let out = tempfile::tempdir().unwrap();
    // Last month: the directory failed, the map passed.
    let mut last = doc.clone();
    last.run.id = "2026-10-20".into();
    last.run.as_of = "2026-10-20".into();
    last.wards[0].requirements[4].status = "fail".into();
    last.wards[0].score = Some(12.5);
    report::write_run(out.path(), &last, false).unwrap();
    // This month, a second ward that was down.
    let mut now = doc.clone();
    let mut down = now.wards[0].clone();
    down.id = "phuong-sap".into();
    down.name = "Phường Sập".into();
    down.score = None;
    for r in &mut down.requirements {
        r.status = "error".into();
    }
    now.wards.push(down);
    let mut down_last = last.wards[0].clone();
    down_last.id = "phuong-sap".into();
    last.wards.push(down_last);
    std::fs::write(
        out.path().join("2026-10-20/audit.json"),
        serde_json::to_vec(&last).unwrap(),
    )
    .unwrap();

    let previous = report::previous_run(out.path(), &now.run).expect("last month's run");
    json::compare_with(&mut now, &previous);
    assert_eq!(now.run.previous_run.as_deref(), Some("2026-10-20"));
    assert_eq!(
        now.wards[0].requirements[4].previous_status.as_deref(),
        Some("fail")
    );
    let dir = report::write_run(out.path(), &now, false).unwrap();
    let summary = fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(
        summary.contains("↑ 1 mục tốt lên"),
        "one requirement improved"
    );
    assert!(
        summary.contains("↓ 0 mục giảm"),
        "the ward that was down is not a regression"
    );
    assert!(summary.contains("chưa kiểm tra được"));
    let ward = fs::read_to_string(dir.join("phuong-thu.html")).unwrap();
    assert!(ward.contains("So với lần kiểm tra trước (2026-10-20)"));
    assert!(ward.contains("↑ lần trước: Không đạt"));
    // audit.json carries the comparison for machines.
    let written: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("audit.json")).unwrap()).unwrap();
    assert_eq!(written["wards"][0]["previous_score"], 12.5);
    // The history page draws each ward's scores over the two runs.
    let history = fs::read_to_string(out.path().join("index.html")).unwrap();
    let y = |score: f64| (32.0 - score * 0.28).round();
    let expected = format!(
        "<polyline points=\"4,{} 156,{}\"",
        y(12.5),
        y(now.wards[0].score.unwrap())
    );
    assert!(history.contains(&expected), "{expected} in {history}");
    assert!(history.contains("2026-10-20: 12.5"));
}

#[test]
fn summary_csv_has_one_row_per_ward() {
    let (doc, _) = hostile_doc();
    let csv = report::csv::render_summary(&doc);
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + doc.wards.len());
    assert!(
        lines[1].starts_with("\"phuong-thu\",\"Phường Thử Nghiệm\""),
        "{}",
        lines[1]
    );
}

#[test]
fn the_platform_is_recognised_and_failures_are_grouped_by_it() {
    let rules = RuleSet::embedded().unwrap();
    let sites = ward_audit::demo::embedded_sites().unwrap();
    let results = crate::common::audit_as_wards(sites);
    let doc = json::document(&meta("2026-11-20"), &rules, &results);
    let platform = |id: &str| {
        doc.wards
            .iter()
            .find(|w| w.id == id)
            .unwrap()
            .platform
            .clone()
    };
    assert_eq!(platform("phuong-van-an"), "DotNetNuke");
    assert_eq!(platform("phuong-pha-lai"), "Liferay");
    assert_eq!(platform("phuong-co-thanh"), "NukeViet");
    assert_eq!(platform("xa-hung-dao"), "WordPress");
    assert_eq!(platform("phuong-sao-do"), "Cổng TTĐT Hải Dương");
    let out = tempfile::tempdir().unwrap();
    let dir = report::write_run(out.path(), &doc, false).unwrap();
    let summary = fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(summary.contains("<th scope=\"row\">DotNetNuke</th>"));
    let ward = fs::read_to_string(dir.join("phuong-van-an.html")).unwrap();
    assert!(ward.contains("Nền tảng: DotNetNuke"));
}

#[test]
fn a_page_in_another_charset_than_declared_is_read_and_reported() {
    let mut site = inline_site(&[(
        "/",
        "<html><head><title>Phường Thử</title></head><body><main><a href=\"/lich-su?a=1&b=2\">Lịch sử</a></main></body></html>",
    )]);
    // UTF-8 bytes that the server calls Latin-1: a browser shows "PhÆ°á»ng".
    site.routes.insert(
        "/lich-su?a=1&b=2".into(),
        ward_audit::demo::Response::ok(
            "text/html; charset=iso-8859-1",
            "<html><head><title>Lịch sử hình thành</title></head><body><main><h1>Lịch sử hình thành phường</h1></main></body></html>",
        ),
    );
    let result = audit_site(site, &quick_settings(), demo_date());
    assert_eq!(result.crawl.pages_wrong_charset, 1, "{:?}", result.crawl);
    let wrong = &result.crawl.wrong_charset[0];
    assert!(wrong.url.contains("/lich-su"), "{}", wrong.url);
    assert_eq!((wrong.declared, wrong.read_as), ("windows-1252", "UTF-8"));

    let doc = json::document(
        &meta("2026-11-20"),
        &RuleSet::embedded().unwrap(),
        &[result],
    );
    let value = serde_json::to_value(&doc).unwrap();
    let errors = schema_errors(&value);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(value["wards"][0]["crawl"]["pages_wrong_charset"], 1);
    assert_eq!(
        value["wards"][0]["crawl"]["wrong_charset"][0]["read_as"],
        "UTF-8"
    );
    let out = tempfile::tempdir().unwrap();
    let dir = report::write_run(out.path(), &doc, false).unwrap();
    let ward = fs::read_to_string(dir.join(format!("{}.html", doc.wards[0].id))).unwrap();
    assert!(
        ward.contains("Các trang khai báo sai bảng mã ký tự (1)"),
        "{ward}"
    );
    assert!(ward.contains("khai báo windows-1252, thực tế là UTF-8"));
    // The address came from a crawled page: escaped.
    assert!(!ward.contains("?a=1&b=2"), "{ward}");
    // Read in its real charset: the evidence is proper Vietnamese.
    assert!(ward.contains("«Lịch sử hình thành phường»"), "{ward}");
}
