//! Crawling against local servers: robots, budget, scope, charsets, and sites
//! that are down.

use std::time::Duration;

use unicode_normalization::UnicodeNormalization;
use ward_audit::crawl::{FailureKind, RobotsStatus, Scope, Settings};
use ward_audit::demo::{SiteFiles, embedded_sites};

use crate::common::{
    audit_site, audit_site_scoped, audit_url, demo_date, fixture_dir, hostile_site, inline_site,
    quick_settings, runtime, status,
};

#[test]
fn robots_disallowed_paths_are_skipped_and_counted() {
    let result = audit_site(
        hostile_site(),
        &Settings {
            exhaustive: true,
            ..quick_settings()
        },
        demo_date(),
    );
    assert_eq!(result.crawl.robots, RobotsStatus::Restricted);
    assert!(result.crawl.pages_skipped_robots >= 1, "{:?}", result.crawl);
    assert_eq!(
        result.crawl.pages_fetched, 3,
        "/, /danh-ba and /ban-do only"
    );
}

#[test]
fn page_budget_is_respected() {
    let site = embedded_sites()
        .unwrap()
        .into_iter()
        .find(|s| s.id == "phuong-sao-do")
        .unwrap();
    let result = audit_site(
        site,
        &Settings {
            max_pages: 3,
            ..quick_settings()
        },
        demo_date(),
    );
    assert!(
        result.crawl.pages_fetched <= 3,
        "{}",
        result.crawl.pages_fetched
    );
    assert!(result.crawl.pages_fetched >= 1);
}

#[test]
fn early_stop_when_everything_is_decided_and_exhaustive_goes_on() {
    let make = || {
        embedded_sites()
            .unwrap()
            .into_iter()
            .find(|s| s.id == "phuong-sao-do")
            .unwrap()
    };
    let early = audit_site(make(), &quick_settings(), demo_date());
    let full = audit_site(
        make(),
        &Settings {
            exhaustive: true,
            ..quick_settings()
        },
        demo_date(),
    );
    assert!(full.crawl.pages_fetched >= early.crawl.pages_fetched);
    assert!(!full.crawl.stopped_early);
    // Same verdicts either way.
    let statuses =
        |r: &ward_audit::audit::WardResult| r.verdicts.iter().map(|v| v.status).collect::<Vec<_>>();
    assert_eq!(statuses(&early), statuses(&full));
}

#[test]
fn connection_refused_is_an_error_verdict_not_a_fail() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = url::Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    let result = runtime().block_on(audit_url(url, &quick_settings(), demo_date()));
    let error = result.crawl.error.as_ref().expect("site-level error");
    assert_eq!(error.kind, FailureKind::ConnectRefused, "{error:?}");
    assert!(result.verdicts.iter().all(|v| v.status.as_str() == "error"));
    assert_eq!(result.verdicts.len(), 8);
    let rules = ward_audit::rules::RuleSet::embedded().unwrap();
    let meta = ward_audit::report::json::RunMeta {
        id: "x".into(),
        as_of: demo_date(),
        started_at: chrono::Utc::now().fixed_offset(),
        finished_at: chrono::Utc::now().fixed_offset(),
    };
    let doc = ward_audit::report::json::document(&meta, &rules, &[result]);
    assert_eq!(doc.wards[0].score, None);
}

#[test]
fn a_server_that_never_answers_times_out() {
    let rt = runtime();
    let result = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = url::Url::parse(&format!("http://{}/", listener.local_addr().unwrap())).unwrap();
        // Accept and hold connections without ever answering.
        let holder = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((s, _)) = listener.accept().await {
                held.push(s);
            }
        });
        let settings = Settings {
            request_timeout_s: 1,
            read_timeout_s: 1,
            ..quick_settings()
        };
        let started = std::time::Instant::now();
        let result = audit_url(url, &settings, demo_date()).await;
        assert!(started.elapsed() < Duration::from_secs(20));
        holder.abort();
        result
    });
    assert_eq!(
        result.crawl.error.as_ref().map(|e| e.kind),
        Some(FailureKind::Timeout)
    );
}

#[test]
fn http_status_errors_are_named() {
    let mut site = inline_site(&[]);
    site.routes.clear();
    let result = audit_site(site, &quick_settings(), demo_date());
    let error = result.crawl.error.expect("no page could be read");
    assert_eq!(error.kind, FailureKind::HttpStatus);
    assert_eq!(error.status, Some(404));
}

/// Encodes Vietnamese the way windows-1258 pages do: base letters with their
/// horn, breve or circumflex precomposed, tone marks as combining characters.
fn windows_1258(text: &str) -> Vec<u8> {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut prepared = String::new();
    for c in text.chars() {
        let decomposed: String = c.to_string().nfd().collect();
        let base: String = decomposed
            .chars()
            .filter(|d| !TONES.contains(d))
            .collect::<String>()
            .nfc()
            .collect();
        prepared.push_str(&base);
        prepared.extend(decomposed.chars().filter(|d| TONES.contains(d)));
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&prepared);
    assert!(!unmappable, "test text must be encodable");
    bytes.into_owned()
}

#[test]
fn windows_1258_pages_read_as_proper_vietnamese() {
    let paragraph = "Phường Văn An được thành lập theo Nghị định của Chính phủ, trên cơ sở toàn bộ diện tích tự nhiên và dân số của xã Văn An cũ, với truyền thống cách mạng vẻ vang.";
    let body = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"><title>Lịch sử hình thành</title></head>\
         <body><div id=\"content\"><h1>Lịch sử hình thành phường Văn An</h1>{}</div></body></html>",
        format!("<p>{paragraph}</p>").repeat(12)
    );
    let mut site = inline_site(&[]);
    site.routes.insert(
        "/".into(),
        ward_audit::demo::Response::ok("text/html", windows_1258(&body)),
    );
    let result = audit_site(site, &quick_settings(), demo_date());
    assert_eq!(
        status(&result, "local-history"),
        "pass",
        "{:?}",
        result.verdicts[6]
    );
    let snippet = &result.verdicts[6].evidence[0].snippet;
    assert!(
        snippet.contains("Lịch sử hình thành phường Văn An"),
        "{snippet}"
    );
}

#[test]
fn a_menu_label_to_an_empty_page_is_partial_never_pass() {
    let chrome = |main: &str| {
        format!(
            "<html><head><title>Phường Thử</title></head><body><ul class=\"menu\"><li><a href=\"/danh-ba\">Danh bạ điện thoại</a></li>\
             <li><a href=\"/co-cau\">Cơ cấu tổ chức</a></li></ul><div id=\"content\">{main}</div>\
             <footer>Điện thoại: 0220.3882.123</footer></body></html>"
        )
    };
    let home = chrome("<p>Chào mừng đến với trang thông tin điện tử phường.</p>");
    let empty = chrome("<h1>Danh bạ điện thoại</h1><p>Đang cập nhật</p>");
    let structure = chrome("<h1>Cơ cấu tổ chức</h1>");
    let site = inline_site(&[
        ("/", home.as_str()),
        ("/danh-ba", empty.as_str()),
        ("/co-cau", structure.as_str()),
    ]);
    let result = audit_site(site, &quick_settings(), demo_date());
    assert_eq!(status(&result, "phone-directory"), "partial");
    assert!(
        result.verdicts[4].summary.contains("Đang cập nhật"),
        "{}",
        result.verdicts[4].summary
    );
    assert_eq!(status(&result, "org-structure"), "partial");
    assert_eq!(status(&result, "boundary-map"), "fail");
}

fn with_routes(routes: Vec<(&str, ward_audit::demo::Response)>) -> ward_audit::demo::SiteFiles {
    let mut site = inline_site(&[]);
    for (path, response) in routes {
        site.routes.insert(path.to_owned(), response);
    }
    site
}

#[test]
fn a_start_page_redirect_to_another_host_name_stays_in_scope() {
    use ward_audit::demo::Response;
    let page = |links: &str| {
        Response::ok(
            "text/html; charset=utf-8",
            format!("<html><body><div id=\"content\">{links}</div></body></html>"),
        )
    };
    let site = with_routes(vec![
        ("/", Response::redirect(301, "{origin}/trang-chu")),
        (
            "/trang-chu",
            page("<a href=\"/danh-ba\">Danh bạ điện thoại</a>"),
        ),
        ("/danh-ba", page("<h1>Danh bạ</h1>")),
    ]);
    let rt = runtime();
    let result = rt.block_on(async {
        let server = ward_audit::demo::server::serve(site).await.unwrap();
        // Start as "localhost"; the site answers as 127.0.0.1.
        let url = url::Url::parse(&format!("http://localhost:{}/", server.addr.port())).unwrap();
        audit_url(
            url,
            &Settings {
                exhaustive: true,
                ..quick_settings()
            },
            demo_date(),
        )
        .await
    });
    assert!(result.crawl.error.is_none(), "{:?}", result.crawl.error);
    assert_eq!(
        result.crawl.pages_fetched, 2,
        "/trang-chu and /danh-ba on 127.0.0.1"
    );
}

#[test]
fn a_redirect_loop_is_named() {
    use ward_audit::demo::Response;
    let site = with_routes(vec![
        ("/", Response::redirect(302, "/a")),
        ("/a", Response::redirect(302, "/")),
    ]);
    let result = audit_site(site, &quick_settings(), demo_date());
    assert_eq!(
        result.crawl.error.map(|e| e.kind),
        Some(FailureKind::RedirectLoop)
    );
}

#[test]
fn https_to_a_server_without_tls_is_a_tls_error() {
    let rt = runtime();
    let result = rt.block_on(async {
        let server = ward_audit::demo::server::serve(inline_site(&[("/", "<html></html>")]))
            .await
            .unwrap();
        let url = url::Url::parse(&format!("https://127.0.0.1:{}/", server.addr.port())).unwrap();
        audit_url(url, &quick_settings(), demo_date()).await
    });
    let error = result.crawl.error.expect("no page over TLS");
    assert_eq!(error.kind, FailureKind::TlsInvalidCert, "{}", error.message);
}

#[test]
fn an_oversized_page_is_a_page_failure_and_the_crawl_goes_on() {
    use ward_audit::demo::Response;
    let huge = format!("<html><body>{}</body></html>", "x".repeat(6 * 1024 * 1024));
    let home = "<html><body><div id=\"content\"><a href=\"/to\">Tin tức</a><a href=\"/nho\">Giới thiệu chung</a></div></body></html>";
    let site = with_routes(vec![
        ("/", Response::ok("text/html", home)),
        ("/to", Response::ok("text/html", huge)),
        (
            "/nho",
            Response::ok("text/html", "<html><body><p>Trang nhỏ.</p></body></html>"),
        ),
    ]);
    let result = audit_site(
        site,
        &Settings {
            exhaustive: true,
            ..quick_settings()
        },
        demo_date(),
    );
    assert!(result.crawl.error.is_none());
    assert_eq!(result.crawl.pages_fetched, 2);
    assert_eq!(result.crawl.pages_failed, 1);
    assert_eq!(result.crawl.failures[0].failure.kind, FailureKind::TooLarge);
}

fn html(title: &str, main: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><div id=\"content\">{main}</div></body></html>"
    )
}

const DIRECTORY_ROWS: &str = "<h1>Danh bạ điện thoại</h1><table><tr><td>Ông Nguyễn Văn An</td><td>0912.345.601</td></tr>\
    <tr><td>Bà Trần Thị Bình</td><td>0912.345.602</td></tr><tr><td>Ông Lê Văn Cường</td><td>0912.345.603</td></tr>\
    <tr><td>Ông Phạm Văn Dũng</td><td>0912.345.604</td></tr><tr><td>Bà Hoàng Thị Hoa</td><td>0912.345.605</td></tr></table>";

#[test]
fn a_site_whose_menu_is_built_by_script_is_audited_through_its_sitemap() {
    use ward_audit::demo::Response;
    // The menu exists only inside a script: no link the crawler can follow.
    let home = html(
        "Trang chủ",
        "<script>document.write('<a href=\"/danh-ba\">Danh bạ</a>')</script><p>Chào mừng.</p>",
    );
    let site = with_routes(vec![
        ("/", Response::ok("text/html", home)),
        // No Sitemap: line, so the default /sitemap.xml is tried; it is an index.
        (
            "/sitemap.xml",
            Response::ok(
                "application/xml",
                "<sitemapindex><sitemap><loc>/sitemap-pages.xml.gz</loc></sitemap></sitemapindex>",
            ),
        ),
        (
            "/sitemap-pages.xml.gz",
            Response::ok(
                "application/gzip",
                gzip(b"<urlset><url><loc>/danh-ba</loc></url></urlset>"),
            ),
        ),
        (
            "/danh-ba",
            Response::ok("text/html", html("Danh bạ", DIRECTORY_ROWS)),
        ),
    ]);
    let result = audit_site(site, &quick_settings(), demo_date());
    assert_eq!(result.crawl.sitemap_urls, 1);
    assert_eq!(status(&result, "phone-directory"), "pass");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn canonical_duplicates_and_session_ids_are_fetched_once() {
    use ward_audit::demo::Response;
    let home = html(
        "Trang chủ",
        "<a href=\"/tin?id=1&amp;PHPSESSID=abc\">Tin một</a><a href=\"/tin?PHPSESSID=def&amp;id=1\">Tin một (lại)</a>\
         <a href=\"/in-an/tin-1\">Bản in</a><a href=\"/tin?id=1#binh-luan\">Bình luận</a>",
    );
    let article = html("Tin một", "<p>Nội dung.</p>");
    let printable = "<html><head><link rel=\"canonical\" href=\"/tin?id=1\"></head><body><p>Nội dung.</p></body></html>";
    let site = with_routes(vec![
        ("/", Response::ok("text/html", home)),
        ("/tin?id=1", Response::ok("text/html", article)),
        ("/in-an/tin-1", Response::ok("text/html", printable)),
    ]);
    let result = audit_site(
        site,
        &Settings {
            exhaustive: true,
            ..quick_settings()
        },
        demo_date(),
    );
    assert_eq!(
        result.crawl.pages_failed, 0,
        "session ids were dropped from requests: {:?}",
        result.crawl.failures
    );
    assert_eq!(result.crawl.pages_fetched, 2, "/ and /tin?id=1");
    assert_eq!(
        result.crawl.pages_duplicate, 1,
        "the printable copy names /tin?id=1"
    );
}

#[test]
fn crawl_delay_spaces_requests() {
    use ward_audit::demo::Response;
    let home = html("Trang chủ", "<a href=\"/a\">A</a><a href=\"/b\">B</a>");
    let site = with_routes(vec![
        ("/", Response::ok("text/html", home)),
        (
            "/robots.txt",
            Response::ok("text/plain", "User-agent: *\nCrawl-delay: 1\n"),
        ),
        ("/a", Response::ok("text/html", html("A", "<p>a</p>"))),
        ("/b", Response::ok("text/html", html("B", "<p>b</p>"))),
    ]);
    let started = std::time::Instant::now();
    let result = audit_site(
        site,
        &Settings {
            exhaustive: true,
            sitemaps: false,
            ..quick_settings()
        },
        demo_date(),
    );
    assert_eq!(result.crawl.pages_fetched, 3);
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "3 requests 1 s apart took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_map_image_that_is_not_there_is_no_evidence() {
    use ward_audit::demo::Response;
    let map_page = |src: &str| {
        html(
            "Bản đồ hành chính",
            &format!("<h1>Bản đồ hành chính phường</h1><p><img src=\"{src}\" alt=\"\"></p>"),
        )
    };
    let found = with_routes(vec![
        (
            "/",
            Response::ok("text/html", map_page("/Uploads/bando.jpg")),
        ),
        (
            "/Uploads/bando.jpg",
            Response::ok("image/jpeg", vec![0xff, 0xd8, 0xff]),
        ),
    ]);
    let missing = with_routes(vec![(
        "/",
        Response::ok("text/html", map_page("/Uploads/bando.jpg")),
    )]);
    let result = audit_site(found, &quick_settings(), demo_date());
    assert_eq!(status(&result, "boundary-map"), "pass");
    assert!(
        result.verdicts[5].evidence[0]
            .snippet
            .contains("HTTP 200, image/jpeg"),
        "{:?}",
        result.verdicts[5].evidence
    );
    let result = audit_site(missing, &quick_settings(), demo_date());
    assert_ne!(
        status(&result, "boundary-map"),
        "pass",
        "{:?}",
        result.verdicts[5]
    );
}

#[test]
fn a_deadline_cuts_the_crawl_short_and_what_was_read_is_judged() {
    use ward_audit::demo::Response;
    let home = html(
        "Trang chủ",
        "<a href=\"/danh-ba\">Danh bạ điện thoại</a><a href=\"/a\">A</a><a href=\"/b\">B</a><a href=\"/c\">C</a>",
    );
    let page = |t: &str| Response::ok("text/html", html(t, "<p>x</p>"));
    let site = with_routes(vec![
        ("/", Response::ok("text/html", home)),
        (
            "/danh-ba",
            Response::ok("text/html", html("Danh bạ", DIRECTORY_ROWS)),
        ),
        ("/a", page("A")),
        ("/b", page("B")),
        ("/c", page("C")),
    ]);
    // One request every 1.5 s and a 4 s deadline: not all five pages fit.
    let settings = Settings {
        delay_ms: 1_500,
        deadline_s: 4,
        exhaustive: true,
        sitemaps: false,
        ..quick_settings()
    };
    let result = audit_site(site, &settings, demo_date());
    assert!(result.crawl.cut_short);
    assert!(result.crawl.pages_fetched < 5);
    assert_eq!(
        status(&result, "phone-directory"),
        "pass",
        "the hinted page came second and was judged"
    );
}

#[test]
fn unclosed_tags_and_broken_markup_are_read() {
    let page = "<html><head><title>Danh bạ</title><body><div id=content><h1>Danh bạ điện thoại<table><tr><td>Ông Nguyễn Văn An<td>0912.345.601\
        <tr><td>Bà Trần Thị Bình<td>0912.345.602<tr><td>Ông Lê Văn Cường<td>0912.345.603<tr><td>Ông Phạm Văn Dũng<td>0912.345.604\
        <tr><td>Bà Hoàng Thị Hoa<td>0912.345.605</b></i></span><p><p><font>";
    let result = audit_site(inline_site(&[("/", page)]), &quick_settings(), demo_date());
    assert_eq!(
        status(&result, "phone-directory"),
        "pass",
        "{:?}",
        result.verdicts[4]
    );
}

#[test]
fn a_header_clock_on_every_page_is_not_news_even_without_markup() {
    use ward_audit::demo::Response;
    // An old table layout: no header element, no telling class, and a clock
    // with a time, so the date reads like a post stamp on every page.
    let page = |body: &str| {
        format!(
            "<html><body><table><tr><td>UBND PHƯỜNG THỬ – Hôm nay: 20/11/2026 08:15</td></tr>\
             <tr><td><a href=\"/\">Trang chủ</a> <a href=\"/a\">Giới thiệu</a> <a href=\"/b\">Tin tức</a> \
             <a href=\"/c\">Liên hệ</a> <a href=\"/d\">Văn bản</a> <a href=\"/e\">Hỏi đáp</a></td></tr>\
             <tr><td>{body}</td></tr></table></body></html>"
        )
    };
    let routes: Vec<(&str, Response)> = ["/", "/a", "/b", "/c", "/d", "/e"]
        .into_iter()
        .map(|p| {
            (
                p,
                Response::ok(
                    "text/html",
                    page(&format!("<p>Nội dung trang {p}, cập nhật năm 2023.</p>")),
                ),
            )
        })
        .collect();
    let result = audit_site(
        with_routes(routes),
        &Settings {
            exhaustive: true,
            ..quick_settings()
        },
        demo_date(),
    );
    assert_eq!(result.crawl.pages_fetched, 6);
    assert_eq!(
        status(&result, "news-freshness"),
        "fail",
        "{:?}",
        result.verdicts[7]
    );
}

#[test]
fn a_site_missing_items_is_not_read_to_the_budget() {
    // A directory on the home page, then 200 news pages with nothing more.
    let mut pages: Vec<(String, String)> = vec![(
        "/".into(),
        format!(
            "<html><head><title>Trang chủ</title></head><body><div id=\"content\"><h1>Danh bạ điện thoại</h1><table>{}</table><ul>{}</ul></div></body></html>",
            (1..=6)
                .map(|i| format!(
                    "<tr><td>Ông Nguyễn Văn {i}</td><td>Cán bộ</td><td>0912.345.60{i}</td></tr>"
                ))
                .collect::<String>(),
            (0..200)
                .map(|i| format!("<li><a href=\"/tin/{i}.html\">Tin số {i}</a></li>"))
                .collect::<String>()
        ),
    )];
    for i in 0..200 {
        pages.push((
            format!("/tin/{i}.html"),
            format!("<html><head><title>Tin số {i}</title></head><body><div id=\"content\"><p>Hội nghị số {i} của khu dân cư.</p></div></body></html>"),
        ));
    }
    let borrowed: Vec<(&str, &str)> = pages
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_str()))
        .collect();
    let patient = |patience| {
        audit_site(
            inline_site(&borrowed),
            &Settings {
                patience,
                max_pages: 300,
                ..quick_settings()
            },
            demo_date(),
        )
    };
    let result = patient(30);
    assert!(result.crawl.stopped_early);
    assert!(
        (30..=40).contains(&result.crawl.pages_fetched),
        "stops about 30 pages after the last evidence: {}",
        result.crawl.pages_fetched
    );
    assert_eq!(status(&result, "phone-directory"), "pass");
    // Without patience the whole site is read.
    assert_eq!(patient(0).crawl.pages_fetched, 201);
}

/// Audits a labelled fixture site from its start page, exhaustively, with
/// `scope` as wards.toml would give it.
fn audit_portal_ward(site: &str, scope: Option<Scope>) -> ward_audit::audit::WardResult {
    audit_portal_ward_from(site, scope, &[])
}

/// The same, with more start pages, as wards.toml's `start` gives them.
fn audit_portal_ward_from(
    site: &str,
    scope: Option<Scope>,
    extra_start: &[&str],
) -> ward_audit::audit::WardResult {
    let site = SiteFiles::from_dir(&fixture_dir(&format!("sites/{site}"))).unwrap();
    let settings = Settings {
        exhaustive: true,
        ..quick_settings()
    };
    audit_site_scoped(site, scope, extra_start, &settings, demo_date())
}

/// HTML pages a site serves with 200 whose request `inside` admits.
fn pages_served(site: &str, inside: impl Fn(&str) -> bool) -> usize {
    let site = SiteFiles::from_dir(&fixture_dir(&format!("sites/{site}"))).unwrap();
    site.routes
        .iter()
        .filter(|(path, r)| {
            r.status == 200 && r.content_type.starts_with("text/html") && inside(path)
        })
        .count()
}

#[test]
fn a_ward_on_a_city_portal_is_crawled_within_the_part_its_address_names() {
    for (site, part, inside) in [
        (
            "phuong-chi-linh",
            "/phuong-chi-linh/",
            (|p: &str| p.starts_with("/phuong-chi-linh/")) as fn(&str) -> bool,
        ),
        ("xa-kinh-mon", "?ward=xakinhmon", |p: &str| {
            p.contains("ward=xakinhmon")
        }),
    ] {
        let ward_pages = pages_served(site, inside);
        let scoped = audit_portal_ward(site, None);
        assert_eq!(scoped.crawl.scope.as_deref(), Some(part), "{site}");
        assert_eq!(
            scoped.crawl.pages_fetched, ward_pages,
            "{site}: every page of the ward's part, and nothing of the city's"
        );
        // `scope = "/"` in wards.toml: the whole host, the city's pages too.
        let whole = audit_portal_ward(site, Some(Scope::Host));
        assert_eq!(whole.crawl.scope, None, "{site}");
        assert!(
            whole.crawl.pages_fetched > ward_pages,
            "{site}: {} pages",
            whole.crawl.pages_fetched
        );
        // A part named in wards.toml needs no inference.
        let named = audit_portal_ward(site, Some(Scope::parse(part).unwrap()));
        assert_eq!(named.crawl.pages_fetched, ward_pages, "{site}");
        assert_eq!(named.crawl.scope.as_deref(), Some(part), "{site}");
    }
}

#[test]
fn a_start_page_outside_the_inferred_part_is_read_but_not_followed() {
    let inside = |p: &str| p.starts_with("/phuong-chi-linh/");
    let ward_pages = pages_served("phuong-chi-linh", inside);
    // The city's directory page, named as a start page in wards.toml; it
    // links to many city pages.
    let result = audit_portal_ward_from("phuong-chi-linh", None, &["/danh-ba-dien-thoai"]);
    assert_eq!(result.crawl.scope.as_deref(), Some("/phuong-chi-linh/"));
    assert_eq!(result.crawl.pages_fetched, ward_pages + 1);
}

#[test]
fn an_address_naming_no_ward_reads_the_whole_host() {
    // The same Liferay-style folder as a ward part, but the start address
    // does not name a ward: `/web/guest/`.
    let page = |links: &str| {
        html(
            "Trang chủ",
            &format!("<h1>Ủy ban nhân dân phường</h1><ul>{links}</ul>"),
        )
    };
    let inside: String = (1..=6)
        .map(|i| format!("<li><a href=\"/web/guest/muc-{i}\">Mục {i}</a></li>"))
        .collect();
    let site = inline_site(&[
        ("/web/guest/home", &page(&inside)),
        ("/tin-tuc", &html("Tin tức", "<p>Tin tức của phường.</p>")),
    ]);
    let rt = runtime();
    let result = rt.block_on(async {
        let server = ward_audit::demo::server::serve(site).await.unwrap();
        let url = server.url().join("/web/guest/home").unwrap();
        audit_url(url, &quick_settings(), demo_date()).await
    });
    assert_eq!(result.crawl.scope, None);
}
