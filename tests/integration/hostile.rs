//! A server on 127.0.0.1 that misbehaves on purpose, one behaviour per path.
//! For each: the audit finishes inside its deadline, nothing panics, the
//! failure is named, and the rest of the site is still judged.

use std::io::Write as _;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use ward_audit::audit::WardResult;
use ward_audit::crawl::{FailureKind, Settings};

use crate::common::{audit_url, demo_date, quick_settings, runtime, status};

/// A good directory page, so each test can check the audit still judged the site.
const DIRECTORY: &str = "<html><head><title>Danh bạ điện thoại</title></head><body><div id=\"content\"><h1>Danh bạ điện thoại</h1><table>\
    <tr><td>Ông Nguyễn Văn An</td><td>Chủ tịch</td><td>0912.345.601</td></tr><tr><td>Bà Trần Thị Bình</td><td>Phó Chủ tịch</td><td>0912.345.602</td></tr>\
    <tr><td>Ông Lê Văn Cường</td><td>Văn phòng</td><td>0912.345.603</td></tr><tr><td>Ông Phạm Văn Dũng</td><td>Địa chính</td><td>0912.345.604</td></tr>\
    <tr><td>Bà Hoàng Thị Hoa</td><td>Tư pháp</td><td>0912.345.605</td></tr></table></div></body></html>";

fn home(links: &[&str]) -> String {
    let anchors: String = links
        .iter()
        .map(|l| format!("<li><a href=\"{l}\">Trang {l}</a></li>"))
        .collect();
    format!(
        "<html><head><title>Trang chủ</title></head><body><div id=\"content\"><ul>{anchors}<li><a href=\"/danh-ba\">Danh bạ điện thoại</a></li></ul></div></body></html>"
    )
}

async fn head(stream: &mut TcpStream, status: &str, extra: &str) -> std::io::Result<()> {
    stream.write_all(format!("HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n{extra}Connection: close\r\n\r\n").as_bytes()).await
}

async fn respond(stream: &mut TcpStream, status: &str, body: &[u8]) -> std::io::Result<()> {
    head(
        stream,
        status,
        &format!("Content-Length: {}\r\n", body.len()),
    )
    .await?;
    stream.write_all(body).await
}

/// Serves one misbehaving site; `hits` counts requests per path prefix.
async fn serve(
    behave: fn(&str, usize) -> Behaviour,
) -> (std::net::SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let counter = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        while let Ok((mut stream, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let Ok(n) = stream.read(&mut buf).await else {
                    return;
                };
                let request = String::from_utf8_lossy(&buf[..n]).into_owned();
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let nth = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let _ = behave(&path, nth).run(&mut stream, &path).await;
            });
        }
    });
    (addr, task)
}

enum Behaviour {
    Page(String),
    Bytes(&'static str, Vec<u8>),
    Status(&'static str, &'static str),
    /// Headers, then one byte a second forever.
    Drip,
    /// A chunked body that never ends.
    Endless,
    /// Declares 50 MB.
    Huge,
    /// 20 MB of spaces gzip-compressed to about 20 KB.
    GzipBomb,
    /// Half the declared body, then the connection closes.
    Reset,
}

impl Behaviour {
    async fn run(self, s: &mut TcpStream, _path: &str) -> std::io::Result<()> {
        match self {
            Behaviour::Page(html) => respond(s, "200 OK", html.as_bytes()).await,
            Behaviour::Bytes(content_type, body) => {
                s.write_all(format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).as_bytes()).await?;
                s.write_all(&body).await
            }
            Behaviour::Status(status, extra) => {
                head(s, status, &format!("{extra}Content-Length: 0\r\n")).await
            }
            Behaviour::Drip => {
                head(s, "200 OK", "Content-Length: 100000\r\n").await?;
                loop {
                    s.write_all(b"<").await?;
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
            Behaviour::Endless => {
                head(s, "200 OK", "Transfer-Encoding: chunked\r\n").await?;
                let chunk = format!("{:x}\r\n{}\r\n", 8192, "a".repeat(8192));
                loop {
                    s.write_all(chunk.as_bytes()).await?;
                }
            }
            Behaviour::Huge => {
                head(s, "200 OK", "Content-Length: 52428800\r\n").await?;
                let block = vec![b'a'; 65536];
                for _ in 0..800 {
                    s.write_all(&block).await?;
                }
                Ok(())
            }
            Behaviour::GzipBomb => {
                let mut enc =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                let zeros = vec![b' '; 1024 * 1024];
                for _ in 0..20 {
                    enc.write_all(&zeros).unwrap();
                }
                let body = enc.finish().unwrap();
                head(
                    s,
                    "200 OK",
                    &format!(
                        "Content-Encoding: gzip\r\nContent-Length: {}\r\n",
                        body.len()
                    ),
                )
                .await?;
                s.write_all(&body).await
            }
            Behaviour::Reset => {
                head(s, "200 OK", "Content-Length: 100000\r\n").await?;
                s.write_all(&[b'a'; 5000]).await?;
                // A zero linger makes the close a real RST; it never blocks.
                #[allow(deprecated)]
                s.set_linger(Some(Duration::ZERO))?;
                Ok(())
            }
        }
    }
}

/// Audits the hostile site with a short deadline; returns the result and the time taken.
fn audit(behave: fn(&str, usize) -> Behaviour, settings: Settings) -> (WardResult, Duration) {
    let rt = runtime();
    rt.block_on(async {
        let (addr, task) = serve(behave).await;
        let started = Instant::now();
        let url = url::Url::parse(&format!("http://{addr}/")).unwrap();
        let result = audit_url(url, &settings, demo_date()).await;
        let took = started.elapsed();
        task.abort();
        (result, took)
    })
}

fn tight() -> Settings {
    Settings {
        request_timeout_s: 3,
        read_timeout_s: 2,
        deadline_s: 20,
        retries: 1,
        max_body_bytes: 2 * 1024 * 1024,
        exhaustive: true,
        ..quick_settings()
    }
}

/// One bad page beside the directory: the bad page fails with `kind`, the directory still passes.
fn assert_contained(result: &WardResult, took: Duration, bad: &str, kind: FailureKind) {
    assert!(took < Duration::from_secs(25), "took {took:?}");
    assert!(result.crawl.error.is_none(), "{:?}", result.crawl.error);
    let failure = result
        .crawl
        .failures
        .iter()
        .find(|f| f.url.ends_with(bad))
        .unwrap_or_else(|| panic!("no failure for {bad}: {:?}", result.crawl.failures));
    assert_eq!(failure.failure.kind, kind, "{}", failure.failure.message);
    assert_eq!(status(result, "phone-directory"), "pass");
}

macro_rules! one_bad_page {
    ($name:ident, $bad:literal, $behaviour:expr, $kind:expr) => {
        #[test]
        fn $name() {
            fn behave(path: &str, _: usize) -> Behaviour {
                match path {
                    "/" => Behaviour::Page(home(&[$bad])),
                    "/danh-ba" => Behaviour::Page(DIRECTORY.into()),
                    $bad => $behaviour,
                    _ => Behaviour::Status("404 Not Found", ""),
                }
            }
            let (result, took) = audit(behave, tight());
            assert_contained(&result, took, $bad, $kind);
        }
    };
}

one_bad_page!(
    a_body_that_drips_one_byte_a_second_times_out,
    "/drip",
    Behaviour::Drip,
    FailureKind::Timeout
);
one_bad_page!(
    a_body_that_never_ends_is_too_large,
    "/endless",
    Behaviour::Endless,
    FailureKind::TooLarge
);
one_bad_page!(
    a_50_mb_page_is_too_large,
    "/huge",
    Behaviour::Huge,
    FailureKind::TooLarge
);
one_bad_page!(
    a_gzip_bomb_is_too_large,
    "/bomb",
    Behaviour::GzipBomb,
    FailureKind::TooLarge
);
one_bad_page!(
    binary_data_served_as_html_is_not_html,
    "/binary",
    Behaviour::Bytes("text/html", (0..=255u8).cycle().take(50_000).collect()),
    FailureKind::NotHtml
);

#[test]
fn a_connection_reset_mid_body_is_a_page_failure() {
    fn behave(path: &str, _: usize) -> Behaviour {
        match path {
            "/" => Behaviour::Page(home(&["/reset"])),
            "/danh-ba" => Behaviour::Page(DIRECTORY.into()),
            "/reset" => Behaviour::Reset,
            _ => Behaviour::Status("404 Not Found", ""),
        }
    }
    let (result, took) = audit(behave, tight());
    assert!(took < Duration::from_secs(25));
    assert!(
        result
            .crawl
            .failures
            .iter()
            .any(|f| f.url.ends_with("/reset")),
        "{:?}",
        result.crawl.failures
    );
    assert_eq!(status(&result, "phone-directory"), "pass");
}

#[test]
fn endless_generated_links_are_capped() {
    fn behave(path: &str, _: usize) -> Behaviour {
        if path == "/danh-ba" {
            return Behaviour::Page(DIRECTORY.into());
        }
        // Every calendar page links to the next five months.
        let n: usize = path
            .rsplit('=')
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let links: Vec<String> = (1..=5).map(|k| format!("/lich?thang={}", n + k)).collect();
        let refs: Vec<&str> = links.iter().map(String::as_str).collect();
        Behaviour::Page(home(&refs))
    }
    let settings = Settings {
        max_variants: 20,
        max_pages: 300,
        ..tight()
    };
    let (result, took) = audit(behave, settings);
    assert!(took < Duration::from_secs(25));
    assert!(
        result.crawl.pages_fetched <= 23,
        "{} pages",
        result.crawl.pages_fetched
    );
    assert!(result.crawl.links_dropped > 0);
    assert_eq!(status(&result, "phone-directory"), "pass");
}

#[test]
fn a_hundred_thousand_links_on_one_page_do_not_eat_memory_or_budget() {
    fn behave(path: &str, _: usize) -> Behaviour {
        match path {
            "/" => {
                let links: String = (0..100_000)
                    .map(|i| format!("<a href=\"/p{i}\">p{i}</a>"))
                    .collect();
                Behaviour::Page(format!(
                    "<html><body><div id=\"content\"><a href=\"/danh-ba\">Danh bạ điện thoại</a>{links}</div></body></html>"
                ))
            }
            "/danh-ba" => Behaviour::Page(DIRECTORY.into()),
            _ => Behaviour::Page("<html><body><p>Trang.</p></body></html>".into()),
        }
    }
    // The page itself is about 3 MB: within the default 5 MiB.
    let settings = Settings {
        max_pages: 30,
        max_body_bytes: Settings::default().max_body_bytes,
        ..tight()
    };
    let (result, took) = audit(behave, settings);
    assert!(took < Duration::from_secs(25));
    assert!(result.crawl.pages_fetched <= 30);
    assert_eq!(
        status(&result, "phone-directory"),
        "pass",
        "the hinted link is fetched first"
    );
}

#[test]
fn flapping_5xx_are_retried() {
    fn behave(path: &str, nth: usize) -> Behaviour {
        match path {
            "/robots.txt" | "/sitemap.xml" => Behaviour::Status("404 Not Found", ""),
            // Every other request fails.
            _ if nth % 2 == 0 => Behaviour::Status("503 Service Unavailable", ""),
            "/" => Behaviour::Page(home(&[])),
            "/danh-ba" => Behaviour::Page(DIRECTORY.into()),
            _ => Behaviour::Status("404 Not Found", ""),
        }
    }
    let (result, _) = audit(
        behave,
        Settings {
            retries: 3,
            ..tight()
        },
    );
    assert!(result.crawl.error.is_none(), "{:?}", result.crawl.error);
    assert_eq!(status(&result, "phone-directory"), "pass");
}

#[test]
fn retry_after_is_honoured() {
    fn behave(path: &str, nth: usize) -> Behaviour {
        match path {
            "/" if nth < 3 => Behaviour::Status("429 Too Many Requests", "Retry-After: 1\r\n"),
            "/" => Behaviour::Page(home(&[])),
            "/danh-ba" => Behaviour::Page(DIRECTORY.into()),
            _ => Behaviour::Status("404 Not Found", ""),
        }
    }
    let (result, took) = audit(
        behave,
        Settings {
            retries: 3,
            ..tight()
        },
    );
    assert!(took >= Duration::from_secs(1), "waited {took:?}");
    assert_eq!(status(&result, "phone-directory"), "pass");
}

#[test]
fn a_robots_txt_that_is_html_or_huge_is_survived() {
    fn html_robots(path: &str, _: usize) -> Behaviour {
        match path {
            "/robots.txt" => Behaviour::Page("<html><body>Disallow: /</body></html>".into()),
            "/" => Behaviour::Page(home(&[])),
            "/danh-ba" => Behaviour::Page(DIRECTORY.into()),
            _ => Behaviour::Status("404 Not Found", ""),
        }
    }
    fn huge_robots(path: &str, _: usize) -> Behaviour {
        match path {
            "/robots.txt" => Behaviour::Bytes(
                "text/plain",
                b"User-agent: *\nDisallow: /private\n".repeat(300_000),
            ),
            "/" => Behaviour::Page(home(&[])),
            "/danh-ba" => Behaviour::Page(DIRECTORY.into()),
            _ => Behaviour::Status("404 Not Found", ""),
        }
    }
    for behave in [html_robots as fn(&str, usize) -> Behaviour, huge_robots] {
        let (result, took) = audit(behave, tight());
        assert!(took < Duration::from_secs(25));
        assert_eq!(status(&result, "phone-directory"), "pass");
    }
}

#[test]
fn a_wrong_or_missing_charset_still_reads_vietnamese() {
    fn behave(path: &str, _: usize) -> Behaviour {
        match path {
            "/" => Behaviour::Page(home(&[])),
            // UTF-8 bytes labelled as Latin-1 by the server.
            "/danh-ba" => Behaviour::Bytes(
                "text/html; charset=iso-8859-1",
                DIRECTORY.as_bytes().to_vec(),
            ),
            _ => Behaviour::Status("404 Not Found", ""),
        }
    }
    let (result, _) = audit(behave, tight());
    assert_eq!(status(&result, "phone-directory"), "pass");
    assert!(
        result.verdicts[4].evidence[0]
            .snippet
            .contains("Nguyễn Văn An"),
        "{:?}",
        result.verdicts[4].evidence
    );
}

#[test]
fn a_redirect_to_another_host_is_not_followed_into() {
    fn behave(path: &str, _: usize) -> Behaviour {
        match path {
            "/" => Behaviour::Page(home(&["/away"])),
            "/away" => Behaviour::Status("302 Found", "Location: http://localhost:9/\r\n"),
            "/danh-ba" => Behaviour::Page(DIRECTORY.into()),
            _ => Behaviour::Status("404 Not Found", ""),
        }
    }
    let (result, took) = audit(
        behave,
        Settings {
            retries: 0,
            ..tight()
        },
    );
    assert!(took < Duration::from_secs(25));
    assert_eq!(status(&result, "phone-directory"), "pass");
    assert_eq!(
        result.crawl.pages_fetched, 2,
        "/ and /danh-ba; /away left the site"
    );
}

#[test]
fn the_user_agent_names_the_tool_its_version_and_the_contact() {
    let rt = runtime();
    let agent = rt.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = url::Url::parse(&format!("http://{}/", listener.local_addr().unwrap())).unwrap();
        let catcher = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut buf = vec![0u8; 8192];
            let n = stream.read(&mut buf).await.unwrap();
            let _ = respond(&mut stream, "404 Not Found", b"").await;
            String::from_utf8_lossy(&buf[..n]).into_owned()
        });
        let settings = Settings {
            contact: Some("https://chilinh.example.gov.vn/kiem-tra".into()),
            ..tight()
        };
        let _ = audit_url(url, &settings, demo_date()).await;
        catcher.await.unwrap()
    });
    let line = agent
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("user-agent:"))
        .unwrap();
    assert!(
        line.contains(&format!("ward-audit/{}", env!("CARGO_PKG_VERSION"))),
        "{line}"
    );
    assert!(
        line.contains("https://chilinh.example.gov.vn/kiem-tra"),
        "{line}"
    );
}
