//! A stored copy of an archived page that is safe to open from a report:
//! the page's text and tables as the auditor saw them, with scripts, styles,
//! frames, forms and images removed and every link made plain text, inside a
//! page whose Content-Security-Policy allows nothing to load.

use std::sync::OnceLock;

use handlebars::html_escape;

use super::warc::{ReadRecord, parse_http};
use crate::crawl::fetch::decode;
use crate::lang::Lang;

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.rm_tags(["img"])
            .rm_tag_attributes("a", ["href", "hreflang"])
            .link_rel(None)
            .strip_comments(true);
        b
    })
}

/// The stored copy of a `response` record, or `None` when the record holds
/// no HTTP response.
#[must_use]
pub fn render(record: &ReadRecord, lang: Lang) -> Option<String> {
    let http = parse_http(&record.block)?;
    let html = decode(
        http.body,
        &http
            .header("content-type")
            .unwrap_or("")
            .to_ascii_lowercase(),
    );
    let clean = sanitizer().clean(&html).to_string();
    let url = html_escape(record.field("WARC-Target-URI").unwrap_or(""));
    let date = html_escape(record.field("WARC-Date").unwrap_or(""));
    let id = html_escape(record.id());
    let (title, note) = match lang {
        Lang::Vi => (
            "Bản lưu trang",
            "Đây là bản lưu nội dung trang tại thời điểm kiểm tra, lấy từ tệp archive.warc.gz. Đã bỏ script, hình ảnh và liên kết.",
        ),
        Lang::En => (
            "Stored copy of",
            "The page's content as the audit read it, from archive.warc.gz. Scripts, images and links are removed.",
        ),
    };
    Some(format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <title>{title} {url}</title>\n\
         <style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}}\
         .stored{{background:#fff4d6;border:1px solid #c9a227;padding:.5rem .75rem;margin-bottom:1rem}}\
         table{{border-collapse:collapse;display:block;overflow-x:auto}}td,th{{border:1px solid #ccc;padding:.2rem .4rem}}</style>\n\
         </head>\n<body>\n<div class=\"stored\"><strong>{title}</strong> {url}<br>{date} · {id}<br>{note}</div>\n{clean}\n</body>\n</html>\n",
        lang = lang.code(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::warc::http_head;

    #[test]
    fn a_stored_copy_runs_nothing_and_links_nowhere() {
        let body = r#"<html><head><script>alert(1)</script><style>p{}</style></head><body>
            <h1 onclick="alert(2)">Danh bạ điện thoại</h1>
            <p>Ông An: 0912.345.678 <a href="javascript:alert(3)">x</a> <a href="http://w.test/a">trang</a></p>
            <img src="http://w.test/i.png" onerror="alert(4)"><iframe src="http://evil.test"></iframe>
            <form action="http://evil.test"><input name=a></form>
            <table><tr><td>Chủ tịch</td></tr></table></body></html>"#;
        let record = ReadRecord {
            offset: 0,
            fields: vec![
                ("WARC-Type".into(), "response".into()),
                ("WARC-Target-URI".into(), "http://w.test/\"><script>".into()),
            ],
            block: [
                http_head(
                    200,
                    "HTTP/1.1",
                    &[("Content-Type".into(), "text/html".into())],
                ),
                body.as_bytes().to_vec(),
            ]
            .concat(),
        };
        let page = render(&record, Lang::Vi).unwrap();
        assert!(page.contains("Danh bạ điện thoại") && page.contains("0912.345.678"));
        assert!(page.contains("<td>Chủ tịch</td>"));
        let lower = page.to_ascii_lowercase();
        assert_eq!(lower.matches("<script").count(), 0, "{page}");
        for banned in [
            "onclick",
            "onerror",
            "javascript:",
            "href=",
            "<img",
            "<iframe",
            "<form",
            "src=",
        ] {
            assert!(!lower.contains(banned), "{banned} in {page}");
        }
        assert!(page.contains("http://w.test/&quot;&gt;&lt;script&gt;"));
    }
}
