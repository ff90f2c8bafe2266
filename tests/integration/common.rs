//! Shared helpers: fixture sites, local servers, one-ward audits.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use ward_audit::audit::{self, WardResult};
use ward_audit::config::Ward;
use ward_audit::crawl::{Scope, Settings, fetch};
use ward_audit::demo::server::{self, Server};
use ward_audit::demo::{Response, SiteFiles};
use ward_audit::rules::RuleSet;

pub fn fixture_dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A site whose pages try to break out of the report (scripts, attributes,
/// `javascript:` links).
pub fn hostile_site() -> SiteFiles {
    SiteFiles::from_dir(&fixture_dir("hostile")).expect("hostile fixture loads")
}

/// A site made of full HTML pages given inline.
pub fn inline_site(pages: &[(&str, &str)]) -> SiteFiles {
    let routes: BTreeMap<String, Response> = pages
        .iter()
        .map(|(path, body)| {
            let content_type = if path.to_ascii_lowercase().ends_with(".txt") {
                "text/plain"
            } else {
                "text/html; charset=utf-8"
            };
            (
                (*path).to_owned(),
                Response::ok(content_type, body.as_bytes()),
            )
        })
        .collect();
    SiteFiles {
        id: "inline".into(),
        name: "Phường Thử".into(),
        platform: "test".into(),
        start: "/".into(),
        routes,
        expected: None,
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

pub fn quick_settings() -> Settings {
    Settings {
        delay_ms: 0,
        deadline_s: 30,
        backoff_ms: 50,
        ..Settings::default()
    }
}

pub fn ward_for(url: url::Url) -> Ward {
    Ward {
        id: "phuong-thu".into(),
        name: "Phường Thử".into(),
        url,
        start: vec![],
        aliases: vec![],
        accept_invalid_certs: false,
        scope: None,
    }
}

pub fn demo_date() -> NaiveDate {
    ward_audit::demo::as_of()
}

/// Serves `site` and audits it once with the built-in rules, as the ward
/// it is named for.
pub fn audit_site(site: SiteFiles, settings: &Settings, as_of: NaiveDate) -> WardResult {
    audit_site_scoped(site, None, &[], settings, as_of)
}

/// The same, with `scope` as wards.toml would give it.
pub fn audit_site_scoped(
    site: SiteFiles,
    scope: Option<Scope>,
    extra_start: &[&str],
    settings: &Settings,
    as_of: NaiveDate,
) -> WardResult {
    runtime().block_on(async {
        let name = site.name.clone();
        let server: Server = server::serve(site).await.unwrap();
        let start = server.start_url();
        let ward = Ward {
            name,
            scope,
            start: extra_start.iter().map(|p| start.join(p).unwrap()).collect(),
            ..ward_for(start)
        };
        audit_ward(&ward, settings, as_of).await
    })
}

pub async fn audit_url(url: url::Url, settings: &Settings, as_of: NaiveDate) -> WardResult {
    audit_ward(&ward_for(url), settings, as_of).await
}

async fn audit_ward(ward: &Ward, settings: &Settings, as_of: NaiveDate) -> WardResult {
    let rules = RuleSet::embedded().unwrap();
    let client = fetch::client(settings).unwrap();
    audit::audit_ward(&client, ward, settings, &rules, as_of, None).await
}

/// Audits each site as a ward named and identified like the site, in order.
pub fn audit_as_wards(sites: Vec<SiteFiles>) -> Vec<WardResult> {
    sites
        .into_iter()
        .map(|site| {
            let (id, name) = (site.id.clone(), site.name.clone());
            let mut result = audit_site(site, &quick_settings(), demo_date());
            result.ward.id = id;
            result.ward.name = name;
            result
        })
        .collect()
}

/// The status of one rule in a result.
pub fn status(result: &WardResult, id: &str) -> &'static str {
    result
        .verdicts
        .iter()
        .find(|v| v.id == id)
        .map(|v| v.status.as_str())
        .expect("rule is judged")
}

/// `expected.toml` of a site: rule id → status.
pub fn expected(site: &SiteFiles) -> BTreeMap<String, String> {
    let table: toml::Table =
        toml::from_str(site.expected.as_deref().expect("site has expected.toml")).unwrap();
    table
        .into_iter()
        .map(|(id, v)| {
            (
                id,
                v.get("status").and_then(|s| s.as_str()).unwrap().to_owned(),
            )
        })
        .collect()
}

/// What `docs/audit.schema.json` finds wrong with an audit.json document.
pub fn schema_errors(value: &serde_json::Value) -> Vec<String> {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture_dir("../../docs/audit.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Runs `ward-audit demo --quiet` into a fresh folder; returns the folder
/// (kept alive by the caller) and the demo run inside it.
pub fn demo_run() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("ward-audit")
        .unwrap()
        .args(["demo", "--quiet", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let run = out.path().join("2026-11-20");
    (out, run)
}
