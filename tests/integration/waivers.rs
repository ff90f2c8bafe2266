//! Waivers, and a ward's own `check` agreeing with the city's `run`.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use ward_audit::report::json;
use ward_audit::rules::RuleSet;

use crate::archive::serve_sao_do;
use crate::common::{audit_as_wards, demo_date, demo_run, schema_errors};

fn bin() -> Command {
    Command::cargo_bin("ward-audit").unwrap()
}

fn requirement<'a>(ward: &'a Value, id: &str) -> &'a Value {
    ward["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()
}

#[test]
fn a_waived_requirement_is_shown_with_its_reason_and_left_out_of_the_score() {
    let (_out, run) = demo_run();
    let doc: Value = serde_json::from_slice(&fs::read(run.join("audit.json")).unwrap()).unwrap();
    let errors = schema_errors(&doc);
    assert!(errors.is_empty(), "{errors:#?}");
    let sao_do = doc["wards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == "phuong-sao-do")
        .unwrap();
    let map = requirement(sao_do, "boundary-map");
    // The verdict stays what the auditor saw; the waiver rides along.
    assert_eq!(map["status"], "fail");
    assert_eq!(map["waiver"]["until"], "2027-03-31");
    // Seven requirements pass, the eighth is waived: a full score.
    assert_eq!(sao_do["score"], 100.0);
    let page = fs::read_to_string(run.join("phuong-sao-do.html")).unwrap();
    assert!(page.contains("– Miễn") && page.contains("Bản đồ địa giới mới đang chờ phê duyệt"));
    assert!(page.contains("31/03/2027"));
    let summary = fs::read_to_string(run.join("index.html")).unwrap();
    assert!(summary.contains("st-waived"));
    let csv = fs::read_to_string(run.join("audit.csv")).unwrap();
    assert!(csv.contains("\"Bản đồ địa giới mới đang chờ phê duyệt"));
}

#[test]
fn a_waiver_lapses_on_its_own_after_its_date() {
    let rules = RuleSet::embedded().unwrap();
    let results = audit_as_wards(vec![
        ward_audit::demo::embedded_sites()
            .unwrap()
            .into_iter()
            .find(|s| s.id == "phuong-sao-do")
            .unwrap(),
    ]);
    let now = chrono::Utc::now().fixed_offset();
    let meta = json::RunMeta {
        id: "x".into(),
        as_of: demo_date(),
        started_at: now,
        finished_at: now,
    };
    let waivers = ward_audit::demo::waivers(&rules).unwrap();
    let mut doc = json::document(&meta, &rules, &results);
    let unwaived = doc.wards[0].score;
    waivers.apply(&mut doc, "2027-03-31".parse().unwrap());
    assert!(
        doc.wards[0].requirements[5].waiver.is_some(),
        "valid on its last day"
    );
    assert_eq!(doc.wards[0].score, Some(100.0));
    waivers.apply(&mut doc, "2027-04-01".parse().unwrap());
    assert!(doc.wards[0].requirements[5].waiver.is_none());
    assert_eq!(doc.wards[0].score, unwaived);
    assert!(unwaived < Some(100.0));
}

#[test]
fn a_waiver_for_an_unknown_ward_or_rule_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let wards = dir.path().join("wards.toml");
    fs::write(
        &wards,
        "[[ward]]\nid = \"phuong-thu\"\nname = \"Phường Thử\"\nurl = \"http://127.0.0.1:9/\"\n",
    )
    .unwrap();
    for (body, field) in [
        (
            "ward = \"phuong-khac\"\nrequirement = \"boundary-map\"",
            "waiver[0].ward",
        ),
        (
            "ward = \"phuong-thu\"\nrequirement = \"ban-do\"",
            "waiver[0].requirement",
        ),
    ] {
        let waivers = dir.path().join("waivers.toml");
        fs::write(
            &waivers,
            format!("[[waiver]]\n{body}\nreason = \"Sáp nhập\"\nuntil = 2027-01-01\n"),
        )
        .unwrap();
        bin()
            .args(["run", "--quiet", "--config"])
            .arg(&wards)
            .arg("--waivers")
            .arg(&waivers)
            .arg("--out")
            .arg(dir.path().join("reports"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("waivers.toml:").and(predicate::str::contains(field)));
    }
    assert!(!dir.path().join("reports").exists(), "nothing was crawled");
}

#[test]
fn check_agrees_with_run_on_the_same_site() {
    let (_rt, server, _site) = serve_sao_do();
    let dir = tempfile::tempdir().unwrap();
    let wards = dir.path().join("wards.toml");
    fs::write(
        &wards,
        format!(
            "[crawl]\ndelay_ms = 0\n\n[[ward]]\nid = \"phuong-sao-do\"\nname = \"Phường Sao Đỏ\"\nurl = \"{}\"\n",
            server.url()
        ),
    )
    .unwrap();
    let waivers = dir.path().join("waivers.toml");
    fs::write(
        &waivers,
        "[[waiver]]\nward = \"phuong-sao-do\"\nrequirement = \"boundary-map\"\nreason = \"Sáp nhập\"\nuntil = 2027-01-01\n",
    )
    .unwrap();
    let common = ["--quiet", "--as-of", "2026-11-20", "--waivers"];
    bin()
        .arg("run")
        .args(common)
        .arg(&waivers)
        .arg("--config")
        .arg(&wards)
        .arg("--out")
        .arg(dir.path().join("city"))
        .assert()
        .success();
    // The ward checks itself by its address only.
    bin()
        .args(["check", server.url().as_str()])
        .args(common)
        .arg(&waivers)
        .arg("--config")
        .arg(&wards)
        .arg("--out")
        .arg(dir.path().join("ward"))
        .assert()
        .success();
    let read = |who: &str| -> Value {
        serde_json::from_slice(
            &fs::read(dir.path().join(who).join("2026-11-20/audit.json")).unwrap(),
        )
        .unwrap()
    };
    let (city, ward) = (read("city"), read("ward"));
    assert_eq!(ward["run"]["rules_version"], city["run"]["rules_version"]);
    assert_eq!(ward["tool"], city["tool"]);
    let (a, b) = (&city["wards"][0], &ward["wards"][0]);
    assert_eq!(
        b["id"], "phuong-sao-do",
        "check finds the ward in wards.toml"
    );
    assert_eq!(b["name"], a["name"]);
    assert_eq!(b["score"], a["score"]);
    assert!(requirement(b, "boundary-map")["waiver"].is_object());
    for (x, y) in a["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .zip(b["requirements"].as_array().unwrap())
    {
        assert_eq!(x["status"], y["status"]);
        assert_eq!(x["summary"], y["summary"]);
        let urls = |r: &Value| -> Vec<Value> {
            r["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["url"].clone())
                .collect()
        };
        assert_eq!(urls(x), urls(y));
    }
    // The ward's page names the rule set and the tool that judged it.
    let page = fs::read_to_string(dir.path().join("ward/2026-11-20/phuong-sao-do.html")).unwrap();
    let footer = &page[page.find("<footer>").unwrap()..];
    assert!(footer.contains(env!("CARGO_PKG_VERSION")));
    assert!(footer.contains(city["run"]["rules_version"].as_str().unwrap()));
}

#[test]
fn check_takes_a_wards_file_with_only_crawl_settings() {
    let (_rt, server, _site) = serve_sao_do();
    let dir = tempfile::tempdir().unwrap();
    let wards = dir.path().join("wards.toml");
    fs::write(&wards, "[crawl]\nmax_pages = 3\ndelay_ms = 0\n").unwrap();
    bin()
        .args([
            "check",
            server.url().as_str(),
            "--quiet",
            "--as-of",
            "2026-11-20",
        ])
        .arg("--config")
        .arg(&wards)
        .arg("--out")
        .arg(dir.path().join("out"))
        .assert()
        .success();
    let doc: Value =
        serde_json::from_slice(&fs::read(dir.path().join("out/2026-11-20/audit.json")).unwrap())
            .unwrap();
    // The file's [crawl] table applies: at most 3 pages.
    let pages = doc["wards"][0]["crawl"]["pages_fetched"].as_u64().unwrap();
    assert!((1..=3).contains(&pages), "{pages}");
}
