//! Accuracy on the labelled corpus: every site under `tests/fixtures/sites/`
//! and the demo sites, each with an `expected.toml` giving the verdict a
//! careful person reaches for every requirement.
//!
//! Fails below 95% agreement or on any false `pass` (the worst mistake: it
//! hides a gap from the office). Prints a per-requirement table; with
//! `UPDATE_ACCURACY=1` it also rewrites `ACCURACY.md`:
//!
//!     UPDATE_ACCURACY=1 cargo test --test integration accuracy

use std::collections::BTreeMap;
use std::fmt::Write as _;

use ward_audit::demo::{SiteFiles, embedded_sites};
use ward_audit::rules::RuleSet;

use crate::common::{audit_site, demo_date, expected, fixture_dir, quick_settings};

/// The corpus: fixture sites, then the demo sites.
fn corpus() -> Vec<(String, SiteFiles)> {
    let dir = fixture_dir("sites");
    let mut sites: Vec<(String, SiteFiles)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("site.toml").is_file())
        .map(|e| {
            (
                "fixture".to_owned(),
                SiteFiles::from_dir(&e.path()).unwrap(),
            )
        })
        .collect();
    sites.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    sites.extend(
        embedded_sites()
            .unwrap()
            .into_iter()
            .map(|s| ("demo".to_owned(), s)),
    );
    sites
}

#[derive(Default)]
struct Tally {
    agree: usize,
    total: usize,
    false_pass: usize,
    false_fail: usize,
}

#[test]
fn accuracy_on_the_labelled_corpus() {
    let rules = RuleSet::embedded().unwrap();
    let mut tallies: BTreeMap<usize, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut site_rows = Vec::new();
    let sites = corpus();
    assert!(
        sites.len() >= 12,
        "the corpus needs at least 12 sites, has {}",
        sites.len()
    );
    for (origin, site) in sites {
        let id = site.id.clone();
        let platform = site.platform.clone();
        let labels = expected(&site);
        let result = audit_site(site, &quick_settings(), demo_date());
        let mut agree_here = 0;
        for (i, rule) in rules.rules.iter().enumerate() {
            let want = labels
                .get(&rule.id)
                .unwrap_or_else(|| panic!("{id}: no label for {}", rule.id));
            let got = result.verdicts[i].status.as_str();
            let t = tallies.entry(i).or_default();
            t.total += 1;
            if got == want {
                t.agree += 1;
                agree_here += 1;
            } else {
                t.false_pass += usize::from(got == "pass");
                t.false_fail += usize::from(got == "fail");
                misses.push(format!(
                    "| {id} | {} | {want} | {got} | {} |",
                    rule.id,
                    result.verdicts[i].summary.replace('|', "/")
                ));
            }
        }
        site_rows.push(format!(
            "| {id} | {origin} | {platform} | {agree_here}/{} |",
            rules.rules.len()
        ));
    }
    let (agree, total, false_pass): (usize, usize, usize) =
        tallies.values().fold((0, 0, 0), |(a, t, f), x| {
            (a + x.agree, t + x.total, f + x.false_pass)
        });
    let mut table = String::from(
        "| requirement | agree/total | false pass | false fail |\n|---|---|---|---|\n",
    );
    for (i, t) in &tallies {
        let _ = writeln!(
            table,
            "| `{}` | {}/{} | {} | {} |",
            rules.rules[*i].id, t.agree, t.total, t.false_pass, t.false_fail
        );
    }
    let pct = 100.0 * agree as f64 / total as f64;
    let _ = writeln!(
        table,
        "| **all** | **{agree}/{total} ({pct:.1}%)** | **{false_pass}** | |"
    );
    println!("{table}");
    for m in &misses {
        println!("{m}");
    }
    if std::env::var_os("UPDATE_ACCURACY").is_some() {
        write_report(&table, &site_rows, &misses);
    }
    assert_eq!(false_pass, 0, "false passes:\n{}", misses.join("\n"));
    assert!(
        pct >= 95.0,
        "agreement {pct:.1}% is below 95%:\n{}",
        misses.join("\n")
    );
}

fn write_report(table: &str, sites: &[String], misses: &[String]) {
    let mut out = String::from(
        "# Accuracy\n\nVerdicts of the built-in rules against the labelled corpus: the fixture sites in\n\
         `tests/fixtures/sites/` and the demo sites in `demo/sites/`, each with an `expected.toml` giving\n\
         the verdict a careful person reaches. Audit date 2026-11-20.\n\n\
         Regenerate with `UPDATE_ACCURACY=1 cargo test --test integration accuracy`.\n\
         The test fails below 95% agreement or on any false `pass`.\n\n## Per requirement\n\n",
    );
    out.push_str(table);
    out.push_str("\n## Per site\n\n| site | corpus | platform | agree |\n|---|---|---|---|\n");
    for row in sites {
        out.push_str(row);
        out.push('\n');
    }
    out.push_str("\n## Disagreements\n\n");
    if misses.is_empty() {
        out.push_str("None.\n");
    } else {
        out.push_str("| site | requirement | label | verdict | summary |\n|---|---|---|---|---|\n");
        for m in misses {
            out.push_str(m);
            out.push('\n');
        }
    }
    std::fs::write(fixture_dir("../../ACCURACY.md"), out).unwrap();
}
