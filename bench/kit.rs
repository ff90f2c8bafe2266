//! The benchmark kit: writes synthetic ward sites to disk and serves them on
//! 127.0.0.1, one port per site, with an optional added latency.
//!
//! ```sh
//! cargo run --release --example bench-kit -- gen --out /tmp/sites --sites 19 --pages 300
//! cargo run --release --example bench-kit -- serve --dir /tmp/sites --wards 19 --port-base 21000 --latency-ms 50
//! ```
//!
//! `page-cost --page FILE --step parse|parse-light|facts|all --times N` does one step
//! of reading a page N times; `bench/run.sh` runs it under callgrind, whose
//! instruction counts do not depend on what else the machine is doing.
//!
//! `gen` also writes `wards.toml` for `ward-audit run`, listing `--wards`
//! sites on consecutive ports from `--port-base`. `serve` serves ward `i` from
//! generated site `i mod N`, so thousands of wards need only a few sites on
//! disk. `GET /__requests` on a port answers how many requests that port
//! served (the bench counts what the audit needed). `bench/run.sh` drives it.

#[path = "synth.rs"]
mod synth;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn num(args: &[String], name: &str, default: usize) -> usize {
    arg(args, name).map_or(default, |v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name} wants a number, not {v}"))
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen") => generate(&args),
        Some("serve") => serve(&args),
        Some("page-cost") => page_cost(&args),
        _ => {
            eprintln!(
                "usage: bench-kit gen --out DIR --sites N --pages M [--wards W --port-base P]\n       bench-kit serve --dir DIR [--wards W] [--port-base P] [--latency-ms L]\n       bench-kit page-cost --page FILE --step parse|parse-light|facts|all [--times N]"
            );
            std::process::exit(2);
        }
    }
}

/// Reads one page `--times` times, to `--step`: `parse` (a bare `scraper`
/// parse, the floor), `facts` (parse and `PageFacts`) or `all` (and every
/// rule). The page's address does not matter to the cost.
fn page_cost(args: &[String]) {
    let page = PathBuf::from(arg(args, "--page").expect("--page FILE"));
    let step = arg(args, "--step").expect("--step parse|parse-light|facts|all");
    let times = num(args, "--times", 10);
    let html = std::fs::read_to_string(&page).expect("a readable UTF-8 page");
    let url = url::Url::parse("http://127.0.0.1:8000/page.html").expect("static URL");
    let rules = ward_audit::rules::RuleSet::embedded().expect("built-in rules");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("static date");
    let mut kept = 0usize;
    for _ in 0..times {
        kept += match step.as_str() {
            "parse" => scraper::Html::parse_document(&html).tree.nodes().count(),
            // The parse ward-audit does: scripts' and styles' content dropped first.
            "parse-light" => scraper::Html::parse_document(
                &ward_audit::crawl::rawtext::without_scripts_and_styles(&html),
            )
            .tree
            .nodes()
            .count(),
            "facts" => ward_audit::crawl::facts::extract_alone(&url, 1, vec![], &html, as_of)
                .links
                .len(),
            "all" => {
                let facts = ward_audit::crawl::facts::extract_alone(&url, 1, vec![], &html, as_of);
                let mut evaluator = ward_audit::rules::Evaluator::new(&rules, as_of);
                evaluator.observe(&facts);
                usize::from(evaluator.all_decided())
            }
            other => panic!("--step is parse, facts or all, not {other}"),
        };
    }
    std::hint::black_box(kept);
}

fn site_dir(root: &Path, i: usize) -> PathBuf {
    root.join(format!("site-{i:04}"))
}

fn generate(args: &[String]) {
    let out = PathBuf::from(arg(args, "--out").expect("--out DIR"));
    let sites = num(args, "--sites", 1);
    let pages = num(args, "--pages", 300);
    let wards = num(args, "--wards", sites);
    let port_base = num(args, "--port-base", 21000);
    let mut bytes = 0usize;
    let mut html_pages = 0usize;
    for i in 0..sites {
        let site = synth::site(i, pages);
        let dir = site_dir(&out, i);
        for (path, (content_type, body)) in &site.files {
            let file = dir.join(path.trim_start_matches('/'));
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, body).unwrap();
            if content_type.starts_with("text/html") {
                bytes += body.len();
                html_pages += 1;
            }
        }
    }
    let mut toml = String::from(
        "# Synthetic wards for benchmarks (bench/kit.rs); serve them with `bench-kit serve`.\n[crawl]\ndelay_ms = 0\n",
    );
    for w in 0..wards {
        let _ = write!(
            toml,
            "\n[[ward]]\nid = \"w{w:04}\"\nname = \"Phường Thử Nghiệm {}\"\nurl = \"http://127.0.0.1:{}/\"\n",
            w + 1,
            port_base + w
        );
    }
    std::fs::write(out.join("wards.toml"), toml).unwrap();
    eprintln!(
        "{sites} sites, {html_pages} HTML pages, mean {} KB a page, in {}",
        bytes / html_pages.max(1) / 1024,
        out.display()
    );
}

fn serve(args: &[String]) {
    let dir = PathBuf::from(arg(args, "--dir").expect("--dir DIR"));
    let port_base = num(args, "--port-base", 21000);
    let latency = Duration::from_millis(num(args, "--latency-ms", 0) as u64);
    let sites = (0..100_000)
        .take_while(|i| site_dir(&dir, *i).is_dir())
        .count()
        .max(1);
    let wards = num(args, "--wards", sites);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        for w in 0..wards {
            let root = Arc::new(site_dir(&dir, w % sites));
            let listener = TcpListener::bind(("127.0.0.1", (port_base + w) as u16))
                .await
                .unwrap_or_else(|e| panic!("port {}: {e}", port_base + w));
            let count = Arc::new(AtomicU64::new(0));
            tokio::spawn(async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let _ = stream.set_nodelay(true);
                    let (root, count) = (root.clone(), count.clone());
                    tokio::spawn(answer(stream, root, count, latency));
                }
            });
        }
        eprintln!("serving {wards} wards from {sites} sites on ports {port_base}…");
        std::future::pending::<()>().await;
    });
}

/// Answers the requests of one connection (keep-alive), each after `latency`.
async fn answer(
    mut stream: TcpStream,
    root: Arc<PathBuf>,
    count: Arc<AtomicU64>,
    latency: Duration,
) {
    let mut buf = Vec::with_capacity(4096);
    loop {
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break end;
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        buf.drain(..head_end + 4);
        let mut parts = head.split_whitespace();
        let method = parts.next().unwrap_or("GET").to_owned();
        let path = parts.next().unwrap_or("/").to_owned();
        let path = path.split('?').next().unwrap_or("/").to_owned();
        if path == "/__requests" {
            let body = count.load(Ordering::SeqCst).to_string();
            let _ = reply(
                &mut stream,
                "200 OK",
                "text/plain",
                body.len(),
                body.as_bytes(),
            )
            .await;
            continue;
        }
        count.fetch_add(1, Ordering::SeqCst);
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
        let file = if path == "/" {
            root.join("index.html")
        } else {
            root.join(path.trim_start_matches('/'))
        };
        let inside = !path.contains("..");
        let (status, content_type, body) = match tokio::fs::read(&file).await {
            Ok(body) if inside => ("200 OK", content_type(&file), body),
            _ => (
                "404 Not Found",
                "text/html; charset=utf-8",
                b"<h1>404</h1>".to_vec(),
            ),
        };
        let length = body.len();
        let body = if method == "HEAD" { &[][..] } else { &body[..] };
        if reply(&mut stream, status, content_type, length, body)
            .await
            .is_err()
        {
            return;
        }
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("jpg") => "image/jpeg",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    }
}

/// Writes a response; `length` is the body's length even for a HEAD
/// request, whose `body` is empty.
async fn reply(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    length: usize,
    body: &[u8],
) -> std::io::Result<()> {
    // One write: a head and a body sent apart meet Nagle's algorithm and the
    // client's delayed ACK, 40 ms a response.
    let mut response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\nConnection: keep-alive\r\n\r\n"
    )
    .into_bytes();
    response.extend_from_slice(body);
    stream.write_all(&response).await
}
