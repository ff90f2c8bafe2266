//! The built-in demo sites give exactly the verdicts they were written for.

use ward_audit::demo::embedded_sites;
use ward_audit::rules::RuleSet;

use crate::common::{audit_site, demo_date, expected, quick_settings};

#[test]
fn every_demo_site_yields_its_expected_verdicts() {
    let rules = RuleSet::embedded().unwrap();
    let sites = embedded_sites().unwrap();
    assert!(sites.len() >= 4, "the demo needs at least 4 wards");
    let mut mismatches = Vec::new();
    for site in sites {
        let id = site.id.clone();
        let want = expected(&site);
        let result = audit_site(site, &quick_settings(), demo_date());
        assert!(
            result.crawl.error.is_none(),
            "{id}: {:?}",
            result.crawl.error
        );
        let ids: Vec<&str> = result.verdicts.iter().map(|v| v.id.as_str()).collect();
        let rule_ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, rule_ids, "{id}: one verdict per rule, in rule order");
        for v in &result.verdicts {
            let Some(w) = want.get(&v.id) else { continue };
            if v.status.as_str() != w {
                mismatches.push(format!(
                    "{id} {}: got {} want {w} — {}",
                    v.id,
                    v.status.as_str(),
                    v.summary
                ));
            }
            if v.status.as_str() == "pass" {
                assert!(
                    !v.evidence.is_empty(),
                    "{id} {}: a pass needs evidence",
                    v.id
                );
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn demo_sites_cover_pass_partial_and_fail_for_every_rule() {
    let rules = RuleSet::embedded().unwrap();
    let sites = embedded_sites().unwrap();
    for rule in &rules.rules {
        for status in ["pass", "partial", "fail"] {
            assert!(
                sites
                    .iter()
                    .any(|s| expected(s).get(&rule.id).map(String::as_str) == Some(status)),
                "no demo site is written to give {} = {status}",
                rule.id
            );
        }
    }
}

#[test]
fn a_site_folder_is_named_by_where_it_is_even_through_dot_dot() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/xa-bac-an");
    let tmp = tempfile::tempdir().unwrap();
    let site_dir = tmp.path().join("xa-bac-an");
    std::fs::create_dir_all(site_dir.join("sub")).unwrap();
    for entry in std::fs::read_dir(&fixture).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, site_dir.join(path.file_name().unwrap())).unwrap();
    }
    // As `serve .` or `serve sub/..` give it: a path with no last name.
    let site = ward_audit::demo::SiteFiles::from_dir(&site_dir.join("sub").join("..")).unwrap();
    assert_eq!(site.id, "xa-bac-an");
    assert!(site.routes.contains_key("/"));
    let missing = tmp.path().join("no-such-site");
    let err = ward_audit::demo::SiteFiles::from_dir(&missing).unwrap_err();
    assert!(format!("{err:#}").contains("no-such-site"), "{err:#}");
}
