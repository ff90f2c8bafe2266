//! The reports in a real browser: Debian's headless chromium loads every page
//! of a demo run in both languages (plus the hostile fixture) from a 127.0.0.1 server that
//! injects a checker script. The test fails on a script error, on text that
//! overflows its box (at phone and desktop widths), and on any element or
//! handler injected from crawled content.
//!
//! It needs `/usr/bin/chromium`, which `.ci/run` installs, so it is ignored
//! by a plain `cargo test` and run with
//! `cargo test --test integration browser -- --ignored`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use ward_audit::archive::warc;
use ward_audit::demo::{Response, SiteFiles};
use ward_audit::lang::Lang;
use ward_audit::report::{self, json};
use ward_audit::rules::RuleSet;

use crate::common::{audit_as_wards, demo_date, hostile_site, runtime};

/// Runs in the page before anything else; writes what it found into
/// `<pre id="browser-check">` once the page has loaded.
const CHECKER: &str = r#"<script data-check>
(function () {
  var problems = [];
  window.addEventListener("error", function (e) { problems.push("script error: " + e.message); });
  window.addEventListener("load", function () {
    document.querySelectorAll("script").forEach(function (s) {
      if (!s.hasAttribute("data-check") && !s.hasAttribute("data-ward-audit")) problems.push("foreign script: " + s.outerHTML.slice(0, 80));
    });
    document.querySelectorAll("img, iframe, object, embed").forEach(function (e) { problems.push("foreign element: " + e.outerHTML.slice(0, 80)); });
    document.querySelectorAll("*").forEach(function (el) {
      for (var i = 0; i < el.attributes.length; i++) {
        if (/^on/i.test(el.attributes[i].name)) problems.push("event handler " + el.attributes[i].name + " on " + el.tagName);
      }
      if (el.tagName === "A" && /^\s*javascript:/i.test(el.getAttribute("href") || "")) problems.push("javascript: link");
      var style = getComputedStyle(el);
      var box = el.getBoundingClientRect();
      var insideScroller = el.closest(".scroll, svg");
      if (!insideScroller && box.width > 0 && el.scrollWidth > el.clientWidth + 1 && style.overflowX === "visible" && el.clientWidth > 0) {
        problems.push("overflow: " + el.tagName + " " + (el.textContent || "").trim().slice(0, 50));
      }
      if (!insideScroller && box.right > document.documentElement.clientWidth + 1) {
        problems.push("wider than the page: " + el.tagName + " " + (el.textContent || "").trim().slice(0, 50));
      }
    });
    var pre = document.createElement("pre");
    pre.id = "browser-check";
    pre.textContent = JSON.stringify(problems);
    document.body.appendChild(pre);
  });
})();
</script>"#;

/// Every file under a reports folder as a route, the checker put into each
/// page.
fn report_site(root: &Path) -> SiteFiles {
    let mut routes = BTreeMap::new();
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let body = fs::read(&path).unwrap();
            let response = if path.extension().is_some_and(|e| e == "html") {
                let html = String::from_utf8(body).unwrap().replacen(
                    "<head>",
                    &format!("<head>{CHECKER}"),
                    1,
                );
                Response::ok("text/html; charset=utf-8", html)
            } else {
                Response::ok("application/octet-stream", body)
            };
            routes.insert(format!("/{name}"), response);
        }
    }
    SiteFiles {
        id: "report".into(),
        name: "report".into(),
        platform: "test".into(),
        start: "/".into(),
        routes,
        expected: None,
    }
}

fn problems_in(url: &str, width: u32) -> Vec<String> {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=3000",
            &format!("--window-size={width},900"),
            &format!("--user-data-dir={}", profile.path().display()),
            "--dump-dom",
            url,
        ])
        .output()
        .expect("chromium runs (install Debian's chromium, as .ci/run does)");
    let dom = String::from_utf8_lossy(&output.stdout);
    let start = dom.find("<pre id=\"browser-check\">").unwrap_or_else(|| {
        panic!(
            "{url}: the checker never reported:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let rest = &dom[start + "<pre id=\"browser-check\">".len()..];
    let json = rest[..rest.find("</pre>").unwrap()]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap()
}

#[test]
#[ignore = "needs Debian's chromium; .ci/run runs it with --ignored"]
fn reports_load_cleanly_in_a_real_browser() {
    let rules = RuleSet::embedded().unwrap();
    let mut sites = ward_audit::demo::embedded_sites().unwrap();
    sites.push(hostile_site());
    let results = audit_as_wards(sites);
    let now = chrono::Utc::now().fixed_offset();
    let meta = json::RunMeta {
        id: "2026-11-20".into(),
        as_of: demo_date(),
        started_at: now,
        finished_at: now,
    };
    let doc = json::document(&meta, &rules, &results);
    let out = tempfile::tempdir().unwrap();
    report::write_run(out.path(), &doc, false).unwrap();
    // The same run in English, whose words are longer.
    let english = json::RunMeta {
        id: "2026-11-20-en".into(),
        ..meta
    };
    let doc = json::document(&english, &rules.in_lang(Lang::En), &results);
    report::write_run(out.path(), &doc, false).unwrap();
    // A stored copy of every hostile page, as a ward page links them.
    let archive = out.path().join("hostile.warc.gz");
    let writer = warc::Writer::create(&archive, &[]).unwrap();
    let copies = out.path().join("2026-11-20/pages");
    fs::create_dir_all(&copies).unwrap();
    let hostile = hostile_site();
    for (path, response) in hostile
        .routes
        .iter()
        .filter(|(_, r)| r.content_type.contains("html"))
    {
        let head = warc::http_head(
            200,
            "HTTP/1.1",
            &[("Content-Type".into(), response.content_type.clone())],
        );
        let at = writer
            .append(&warc::Record {
                kind: "response",
                target_uri: Some(&format!("http://hostile.test{path}")),
                refers_to: None,
                content_type: "application/http;msgtype=response",
                block: &[&head, &response.body],
                payload: Some(&response.body),
            })
            .unwrap();
        let record = warc::read_at(&archive, at.offset).unwrap();
        let page = ward_audit::archive::copy::render(&record, Lang::Vi).unwrap();
        fs::write(copies.join(format!("{}.html", at.offset)), page).unwrap();
    }
    let rt = runtime();
    let server = rt
        .block_on(ward_audit::demo::server::serve(report_site(out.path())))
        .unwrap();
    let mut pages: Vec<String> = server
        .site
        .routes
        .keys()
        .filter(|p| Path::new(p).extension().is_some_and(|e| e == "html"))
        .cloned()
        .collect();
    pages.sort();
    // Two runs of 6 wards and a summary each, the history page, and the
    // stored copies of the hostile pages.
    assert!(pages.len() >= 17, "{pages:?}");
    let mut failures = Vec::new();
    for page in &pages {
        for width in [390, 1280] {
            let url = format!("{}{}", server.url(), page.trim_start_matches('/'));
            for problem in problems_in(&url, width) {
                failures.push(format!("{page} at {width}px: {problem}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "needs Debian's chromium; .ci/run runs it with --ignored"]
fn the_checker_catches_what_it_looks_for() {
    // A page with each fault, to prove the checker is not blind.
    let bad = format!(
        "<!DOCTYPE html><html><head>{CHECKER}</head><body style=\"width:300px\">\
         <p style=\"width:100px\">{}</p><img src=\"x\" onerror=\"void 0\"><script>undefinedFunction();</script>\
         <a href=\"javascript:void(0)\">x</a></body></html>",
        "MộtChuỗiRấtDàiKhôngCóKhoảngTrắngNàoCả".repeat(5)
    );
    let mut routes = BTreeMap::new();
    routes.insert(
        "/bad.html".to_owned(),
        Response::ok("text/html; charset=utf-8", bad),
    );
    let site = SiteFiles {
        id: "bad".into(),
        name: "bad".into(),
        platform: "test".into(),
        start: "/".into(),
        routes,
        expected: None,
    };
    let rt = runtime();
    let server = rt.block_on(ward_audit::demo::server::serve(site)).unwrap();
    let problems = problems_in(&format!("{}bad.html", server.url()), 1280).join("\n");
    for expected in [
        "script error",
        "foreign script",
        "foreign element",
        "event handler onerror",
        "javascript: link",
        "overflow: P",
    ] {
        assert!(
            problems.contains(expected),
            "missing «{expected}» in:\n{problems}"
        );
    }
}
