//! The binary: exit codes and messages, as scheduled jobs see them.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common::{demo_run, hostile_site, runtime};

fn bin() -> Command {
    Command::cargo_bin("ward-audit").unwrap()
}

#[test]
fn demo_writes_the_report_layout_and_exits_0() {
    let out = tempfile::tempdir().unwrap();
    bin()
        .args(["demo", "--out"])
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("index.html"))
        .stdout(predicate::str::contains("Phường Sao Đỏ"));
    let run = out.path().join("2026-11-20");
    for name in [
        "index.html",
        "audit.json",
        "audit.csv",
        "phuong-sao-do.html",
        "xa-hung-dao.html",
    ] {
        assert!(run.join(name).is_file(), "{name} missing");
    }
    assert!(out.path().join("index.html").is_file());
    // A second demo replaces its run instead of piling up copies.
    bin()
        .args(["demo", "--quiet", "--out"])
        .arg(out.path())
        .assert()
        .success()
        .stdout("");
    assert!(!out.path().join("2026-11-20-2").exists());
}

#[test]
fn lang_en_writes_english_reports() {
    let out = tempfile::tempdir().unwrap();
    bin()
        .args(["demo", "--lang", "en", "--out"])
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("✔ Pass"))
        .stdout(predicate::str::contains("Report:"));
    let run = out.path().join("2026-11-20");
    let doc: serde_json::Value =
        serde_json::from_slice(&fs::read(run.join("audit.json")).unwrap()).unwrap();
    assert_eq!(doc["run"]["lang"], "en");
    assert_eq!(
        doc["rules"][0]["title"],
        "List of administrative procedures"
    );
    let sao_do = &doc["wards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == "phuong-sao-do")
        .unwrap();
    // The evaluator's own words follow the language too.
    let summaries: Vec<&str> = sao_do["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["summary"].as_str().unwrap())
        .collect();
    assert!(
        summaries
            .iter()
            .any(|s| s.contains("different phone numbers")),
        "{summaries:?}"
    );
    let summary = fs::read_to_string(run.join("index.html")).unwrap();
    let ward = fs::read_to_string(run.join("phuong-sao-do.html")).unwrap();
    let history = fs::read_to_string(out.path().join("index.html")).unwrap();
    for page in [&summary, &ward, &history] {
        assert!(page.contains(r#"<html lang="en">"#));
    }
    assert!(summary.contains("Overview") && summary.contains("Wards passing"));
    assert!(ward.contains("How to fix:") || ward.contains("Evidence:"));
    assert!(history.contains("Mean score"));
    // None of the Vietnamese page chrome is left.
    for vietnamese in [
        "Bảng tổng hợp",
        "Cách khắc phục",
        "Bằng chứng",
        "Căn cứ",
        "Đạt",
    ] {
        assert!(
            !summary.contains(vietnamese) && !ward.contains(vietnamese),
            "{vietnamese}"
        );
    }
}

#[test]
fn reports_are_vietnamese_by_default() {
    let (_out, run) = demo_run();
    let doc: serde_json::Value =
        serde_json::from_slice(&fs::read(run.join("audit.json")).unwrap()).unwrap();
    assert_eq!(doc["run"]["lang"], "vi");
    assert_eq!(doc["rules"][0]["title"], "Danh mục thủ tục hành chính");
    let summary = fs::read_to_string(run.join("index.html")).unwrap();
    assert!(summary.contains(r#"<html lang="vi">"#) && summary.contains("Bảng tổng hợp"));
}

#[test]
fn json_flag_prints_audit_json() {
    let out = tempfile::tempdir().unwrap();
    let output = bin()
        .args(["demo", "--json", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["run"]["as_of"], "2026-11-20");
    assert_eq!(doc["wards"].as_array().unwrap().len(), 5);
}

#[test]
fn broken_wards_toml_exits_2_naming_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("wards.toml");
    fs::write(&config, "[[ward]]\nname = \"Phường A\"\nurl = \"https://a.example.vn/\"\n\n[[ward]]\nname = \"Phường B\"\nurl = \"b.example.vn\"\n").unwrap();
    bin()
        .args(["run", "--config"])
        .arg(&config)
        .arg("--out")
        .arg(dir.path().join("reports"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "wards.toml:7: field `ward[1].url`",
        ))
        .stderr(predicate::str::contains("is not a URL"));
    assert!(
        !dir.path().join("reports").exists(),
        "nothing is written before the input is valid"
    );
}

#[test]
fn broken_rule_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ruleset.toml"), "version = \"x\"\n").unwrap();
    fs::write(dir.path().join("01-x.toml"), "id = \"x\"\ntitle = \"X\"\n").unwrap();
    bin()
        .args(["rules", "check"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("01-x.toml"))
        .stderr(predicate::str::contains("clause"));
    bin()
        .args(["rules", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("8 rules OK"));
    bin().args(["rules", "explain", "nope"]).assert().code(2);
}

#[test]
fn check_rejects_a_url_that_is_not_a_url() {
    bin()
        .args(["check", "saodo dot vn"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a URL"));
    bin().args(["check", "ftp://saodo.vn/"]).assert().code(2);
    bin()
        .args(["run", "--as-of", "26/11/2026"])
        .assert()
        .code(2);
}

#[test]
fn check_audits_one_site_and_fail_under_sets_exit_1() {
    let rt = runtime();
    let server = rt
        .block_on(ward_audit::demo::server::serve(hostile_site()))
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let url = server.url().to_string();
    bin()
        .args([
            "check",
            &url,
            "--name",
            "Phường Thử",
            "--as-of",
            "2026-11-20",
            "--delay-ms",
            "0",
            "--config",
            "none.toml",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .success();
    assert!(out.path().join("2026-11-20/phuong-thu.html").is_file());
    bin()
        .args([
            "check",
            &url,
            "--as-of",
            "2026-11-20",
            "--delay-ms",
            "0",
            "--fail-under",
            "90",
            "--quiet",
            "--config",
            "none.toml",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .code(1);
    // The rerun got its own folder; the first report is still there.
    assert!(out.path().join("2026-11-20-2").is_dir());
    assert!(out.path().join("2026-11-20/phuong-thu.html").is_file());
}

#[test]
fn an_unreachable_ward_is_a_finding_not_a_failed_run() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("wards.toml");
    fs::write(&config, format!("[crawl]\ndelay_ms = 0\n\n[[ward]]\nname = \"Phường Sập\"\nurl = \"http://127.0.0.1:{port}/\"\n")).unwrap();
    let output = bin()
        .args(["run", "--json", "--as-of", "2026-11-20", "--config"])
        .arg(&config)
        .arg("--out")
        .arg(dir.path().join("r"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ward = &doc["wards"][0];
    assert_eq!(ward["crawl"]["error"]["kind"], "connect_refused");
    assert!(ward["score"].is_null());
    assert!(
        ward["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "error")
    );
}

#[test]
fn unwritable_output_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("reports");
    fs::write(&blocker, "a file where the report folder should be").unwrap();
    bin()
        .args(["demo", "--quiet", "--out"])
        .arg(&blocker)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("report folder"));
}
