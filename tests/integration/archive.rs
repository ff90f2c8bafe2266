//! The evidence archive and what rests on it: the WARC file read by a second,
//! independent reader (and by `warcio`), stored copies, the offline
//! re-audit, and a run killed part-way.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use crate::common::{demo_run, runtime, schema_errors};

fn bin() -> Command {
    Command::cargo_bin("ward-audit").unwrap()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

/// A WARC record as the second reader sees it.
#[derive(Debug)]
struct Rec {
    fields: BTreeMap<String, String>,
    block: Vec<u8>,
}

/// A WARC reader written apart from `ward_audit::archive`: the whole file
/// through one multi-member gzip decoder, records cut by `Content-Length`.
fn independent_read(path: &Path) -> Vec<Rec> {
    let mut data = Vec::new();
    flate2::read::MultiGzDecoder::new(fs::File::open(path).unwrap())
        .read_to_end(&mut data)
        .unwrap();
    let mut records = Vec::new();
    let mut at = 0;
    while at < data.len() {
        let head_end = at + find(&data[at..], b"\r\n\r\n").expect("record header ends");
        let head = std::str::from_utf8(&data[at..head_end]).unwrap();
        let mut lines = head.split("\r\n");
        assert_eq!(lines.next(), Some("WARC/1.1"));
        let fields: BTreeMap<String, String> = lines
            .map(|l| {
                let (n, v) = l.split_once(": ").expect("name: value");
                (n.to_owned(), v.to_owned())
            })
            .collect();
        let length: usize = fields["Content-Length"].parse().unwrap();
        let start = head_end + 4;
        let block = data[start..start + length].to_vec();
        assert_eq!(&data[start + length..start + length + 4], b"\r\n\r\n");
        at = start + length + 4;
        records.push(Rec { fields, block });
    }
    records
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The status and body of a `response` record's HTTP block.
fn http(block: &[u8]) -> (u16, Vec<u8>) {
    let end = find(block, b"\r\n\r\n").unwrap();
    let head = std::str::from_utf8(&block[..end]).unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, block[end + 4..].to_vec())
}

/// Serves the embedded Sao Đỏ demo site on 127.0.0.1; keep the runtime.
pub fn serve_sao_do() -> (
    tokio::runtime::Runtime,
    ward_audit::demo::server::Server,
    ward_audit::demo::SiteFiles,
) {
    let site = ward_audit::demo::embedded_sites()
        .unwrap()
        .into_iter()
        .find(|s| s.id == "phuong-sao-do")
        .unwrap();
    let rt = runtime();
    let server = rt
        .block_on(ward_audit::demo::server::serve(site.clone()))
        .unwrap();
    (rt, server, site)
}

fn check(url: &str, out: &Path, extra: &[&str]) {
    bin()
        .args([
            "check",
            url,
            "--quiet",
            "--delay-ms",
            "0",
            "--as-of",
            "2026-11-20",
        ])
        .args(["--config", "no-such-wards.toml", "--out"])
        .arg(out)
        .args(extra)
        .assert()
        .success();
}

#[test]
fn the_archive_holds_exactly_what_was_fetched() {
    let (_rt, server, site) = serve_sao_do();
    let out = tempfile::tempdir().unwrap();
    check(server.url().as_str(), out.path(), &[]);
    let run = out.path().join("2026-11-20");
    let doc = read_json(&run.join("audit.json"));
    assert_eq!(doc["run"]["archive"], "archive.warc.gz");
    let errors = schema_errors(&doc);
    assert!(errors.is_empty(), "{errors:#?}");
    let records = independent_read(&run.join("archive.warc.gz"));
    assert_eq!(records[0].fields["WARC-Type"], "warcinfo");
    let mut responses = BTreeMap::new();
    for r in records
        .iter()
        .filter(|r| r.fields["WARC-Type"] == "response")
    {
        let url = url::Url::parse(&r.fields["WARC-Target-URI"]).unwrap();
        let mut path = url.path().to_owned();
        if let Some(q) = url.query() {
            path = format!("{path}?{q}");
        }
        let (status, body) = http(&r.block);
        let route = &site.routes[&path];
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            body, route.body,
            "{path}: the stored body is what was served"
        );
        assert!(r.fields["WARC-Record-ID"].starts_with("<urn:uuid:"));
        responses.insert(r.fields["WARC-Record-ID"].clone(), path);
    }
    assert!(responses.len() >= 5, "{responses:?}");
    // Every page's crawl context names its response.
    let contexts: Vec<&Rec> = records
        .iter()
        .filter(|r| {
            r.fields["WARC-Type"] == "metadata" && r.block.starts_with(br#"{"kind":"page""#)
        })
        .collect();
    assert_eq!(contexts.len(), responses.len());
    for c in contexts {
        assert!(responses.contains_key(&c.fields["WARC-Refers-To"]));
    }
    // Each piece of evidence names its record; the record starts at the
    // offset given, and its stored copy is linked from the ward page.
    let archive = fs::read(run.join("archive.warc.gz")).unwrap();
    let ward_file = format!("{}.html", doc["wards"][0]["id"].as_str().unwrap());
    let ward_page = fs::read_to_string(run.join(ward_file)).unwrap();
    let mut named = 0;
    for req in doc["wards"][0]["requirements"].as_array().unwrap() {
        for e in req["evidence"].as_array().unwrap() {
            let record = &e["record"];
            let offset = usize::try_from(record["offset"].as_u64().unwrap()).unwrap();
            let mut member = String::new();
            flate2::read::GzDecoder::new(&archive[offset..])
                .read_to_string(&mut member)
                .unwrap();
            assert!(member.contains(&format!(
                "WARC-Record-ID: {}",
                record["id"].as_str().unwrap()
            )));
            assert!(member.contains("WARC-Type: response"));
            let copy = format!("pages/{offset}.html");
            assert!(
                ward_page.contains(&format!("href=\"{copy}\"")),
                "{copy} not linked"
            );
            let stored = fs::read_to_string(run.join(&copy)).unwrap();
            assert!(!stored.to_ascii_lowercase().contains("<script"));
            named += 1;
        }
    }
    assert!(named >= 5, "evidence with records: {named}");
}

#[test]
fn reaudit_with_the_same_rules_gives_identical_verdicts_and_evidence() {
    // The demo's servers stop when it exits: the re-audit has nothing to
    // reach, so identical verdicts can only come from the archive.
    let (out, _) = demo_run();
    bin()
        .args(["reaudit", "--quiet"])
        .arg(out.path().join("2026-11-20"))
        .assert()
        .success();
    let before = read_json(&out.path().join("2026-11-20/audit.json"));
    let after = read_json(&out.path().join("2026-11-20-2/audit.json"));
    assert_eq!(after["run"]["reaudit_of"], "2026-11-20");
    let errors = schema_errors(&after);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(after["run"]["archive"], "../2026-11-20/archive.warc.gz");
    assert_eq!(after["run"]["as_of"], before["run"]["as_of"]);
    assert_eq!(after["rules"], before["rules"]);
    let wards = |doc: &Value| -> Vec<Value> {
        doc["wards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                let mut w = w.clone();
                // Only what a comparison with the previous run adds differs.
                w.as_object_mut().unwrap().remove("previous_score");
                for r in w["requirements"].as_array_mut().unwrap() {
                    r.as_object_mut().unwrap().remove("previous_status");
                }
                w
            })
            .collect()
    };
    assert_eq!(wards(&after), wards(&before));
    let summary = fs::read_to_string(out.path().join("2026-11-20-2/index.html")).unwrap();
    assert!(summary.contains("từ bản lưu của lần chạy 2026-11-20"));
    // The re-audit's stored copies come from the original archive.
    let page = fs::read_to_string(out.path().join("2026-11-20-2/phuong-sao-do.html")).unwrap();
    assert!(page.contains("href=\"pages/"));
}

#[test]
fn reaudit_with_changed_rules_judges_the_archive_again() {
    let (_rt, server, _site) = serve_sao_do();
    let out = tempfile::tempdir().unwrap();
    check(server.url().as_str(), out.path(), &[]);
    // Ask for 50 phone numbers where the site lists fewer.
    let rules = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = fs::read_to_string(&path)
                .unwrap()
                .replace("min_pass = 5\n", "min_pass = 50\n");
            fs::write(rules.path().join(path.file_name().unwrap()), text).unwrap();
        }
    }
    drop(server);
    bin()
        .args(["reaudit", "--quiet", "--rules"])
        .arg(rules.path())
        .arg(out.path().join("2026-11-20"))
        .assert()
        .success();
    let before = read_json(&out.path().join("2026-11-20/audit.json"));
    let after = read_json(&out.path().join("2026-11-20-2/audit.json"));
    let phone = |doc: &Value| {
        doc["wards"][0]["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "phone-directory")
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(phone(&before), "pass");
    assert_eq!(phone(&after), "partial");
    assert_eq!(
        after["wards"][0]["requirements"][4]["previous_status"],
        "pass"
    );
}

#[test]
fn without_an_archive_reaudit_says_why() {
    let (_rt, server, _site) = serve_sao_do();
    let out = tempfile::tempdir().unwrap();
    check(server.url().as_str(), out.path(), &["--no-archive"]);
    let run = out.path().join("2026-11-20");
    assert!(!run.join("archive.warc.gz").exists());
    assert!(read_json(&run.join("audit.json"))["run"]["archive"].is_null());
    bin()
        .arg("reaudit")
        .arg(&run)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--no-archive"));
    bin()
        .arg("reaudit")
        .arg(out.path().join("no-such-run"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("audit.json"));
}

/// Answers `/` at once with links to pages that answer only after a minute.
async fn half_fast_server() -> std::net::SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let Ok(n) = stream.read(&mut buf).await else {
                    return;
                };
                let request = String::from_utf8_lossy(&buf[..n]).into_owned();
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let (status, body) = match path.as_str() {
                    "/" => ("200 OK", "<html><head><title>Trang chủ</title></head><body><h1>UBND phường Thử</h1><ul><li><a href=\"/danh-ba\">Danh bạ điện thoại</a></li><li><a href=\"/co-cau\">Cơ cấu tổ chức</a></li></ul></body></html>".to_owned()),
                    "/robots.txt" | "/sitemap.xml" => ("404 Not Found", String::new()),
                    _ => {
                        tokio::time::sleep(Duration::from_secs(60)).await;
                        ("200 OK", "<html><body>late</body></html>".to_owned())
                    }
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(body.as_bytes()).await;
            });
        }
    });
    addr
}

fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn a_run_killed_part_way_leaves_earlier_reports_and_a_readable_archive() {
    let (_rt, server, _site) = serve_sao_do();
    let out = tempfile::tempdir().unwrap();
    bin()
        .args(["check", server.url().as_str(), "--quiet", "--delay-ms", "0"])
        .args(["--as-of", "2026-11-19", "--config", "none.toml", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let earlier = files_under(out.path());

    let rt = runtime();
    let addr = rt.block_on(half_fast_server());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ward-audit"))
        .args([
            "check",
            &format!("http://{addr}/"),
            "--quiet",
            "--delay-ms",
            "0",
        ])
        .args(["--as-of", "2026-11-20", "--config", "none.toml", "--out"])
        .arg(out.path())
        .spawn()
        .unwrap();
    let staging = out.path().join(format!(".2026-11-20.tmp-{}", child.id()));
    let archive = staging.join("archive.warc.gz");
    // Wait until the home page is archived (warcinfo, response, metadata).
    let started = Instant::now();
    loop {
        let records = fs::read(&archive)
            .map(|bytes| {
                let mut n = 0;
                let mut rest = &bytes[..];
                while !rest.is_empty() {
                    let mut d = flate2::bufread::GzDecoder::new(rest);
                    if std::io::copy(&mut d, &mut std::io::sink()).is_err() {
                        break;
                    }
                    rest = d.into_inner();
                    n += 1;
                }
                n
            })
            .unwrap_or_default();
        if records >= 3 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "nothing archived"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // The earlier run and the history page are byte for byte as they were,
    // and no half run was moved into place.
    let now: BTreeMap<PathBuf, Vec<u8>> = files_under(out.path())
        .into_iter()
        .filter(|(p, _)| !p.starts_with(&staging))
        .collect();
    assert_eq!(now, earlier);
    assert!(!out.path().join("2026-11-20").exists());
    // The killed run's archive reads to its last whole record.
    let records = independent_read(&archive);
    let home = records
        .iter()
        .find(|r| r.fields["WARC-Type"] == "response")
        .expect("the home page is archived");
    assert_eq!(home.fields["WARC-Target-URI"], format!("http://{addr}/"));
    assert!(String::from_utf8_lossy(&http(&home.block).1).contains("UBND phường Thử"));
    // The next run points the left-over folder out.
    bin()
        .args(["check", server.url().as_str(), "--delay-ms", "0", "--json"])
        .args(["--as-of", "2026-11-21", "--config", "none.toml", "--out"])
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("did not finish"));
}

#[test]
#[ignore = "needs Python's warcio; .ci/run installs it and runs this with --ignored"]
fn warcio_reads_the_archive() {
    let (_rt, server, site) = serve_sao_do();
    let out = tempfile::tempdir().unwrap();
    check(server.url().as_str(), out.path(), &[]);
    let archive = out.path().join("2026-11-20/archive.warc.gz");
    let python = std::env::var("WARCIO_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/warcio_check.py");
    let output = std::process::Command::new(python)
        .arg(script)
        .arg(&archive)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pages: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert!(pages.len() >= 5);
    for page in pages {
        let url = url::Url::parse(page["uri"].as_str().unwrap()).unwrap();
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        let body = &site.routes[&path].body;
        assert_eq!(page["status"], "200");
        assert_eq!(page["length"], body.len(), "{path}");
        assert_eq!(
            page["sha1"].as_str().unwrap(),
            sha1_hex(body),
            "{path}: warcio reads the body that was served"
        );
    }
}

fn sha1_hex(data: &[u8]) -> String {
    let out = std::process::Command::new("sha1sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(data)?;
            child.wait_with_output()
        })
        .unwrap();
    String::from_utf8(out.stdout).unwrap()[..40].to_owned()
}
