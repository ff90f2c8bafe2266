//! Sitemaps: the URLs listed in `/sitemap.xml` and in the sitemaps that
//! robots.txt names, plain or gzip, sitemap indexes followed one level.
//! A site whose menu is built by script still gets audited through them.
//!
//! `<loc>` elements are read with a pattern rather than a full XML parser:
//! sitemaps are flat, and a broken one should yield what it can.

use std::io::Read;
use std::sync::LazyLock;

use regex::Regex;
use reqwest::Client;
use url::Url;

use super::fetch;

/// Sitemap files read per ward at most (an index and its children).
const MAX_FILES: usize = 10;
/// Bytes read per sitemap file, after decompression.
const MAX_BYTES: usize = 10 * 1024 * 1024;
/// URLs taken from sitemaps per ward at most.
const MAX_URLS: usize = 5_000;

static LOC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<loc>\s*(?:<!\[CDATA\[)?\s*(.*?)\s*(?:\]\]>)?\s*</loc>").expect("valid regex")
});

/// The page URLs listed in the site's sitemaps.
pub(super) async fn urls(client: &Client, start: &Url, listed: &[Url]) -> Vec<Url> {
    let mut queue: Vec<Url> = listed.to_vec();
    if let Ok(default) = start.join("/sitemap.xml") {
        if !queue.contains(&default) {
            queue.push(default);
        }
    }
    let mut read = Vec::new();
    let mut pages = Vec::new();
    while let Some(url) = queue.pop() {
        if read.len() >= MAX_FILES || pages.len() >= MAX_URLS {
            break;
        }
        if read.contains(&url) {
            continue;
        }
        read.push(url.clone());
        let Ok(file) = fetch::get_small(client, url.clone(), MAX_BYTES).await else {
            continue;
        };
        if !file.status.is_success() {
            continue;
        }
        let text = decompress(&file.body);
        let locs = parse(&text, &url);
        if is_index(&text) {
            queue.extend(locs);
        } else {
            pages.extend(locs.into_iter().take(MAX_URLS - pages.len()));
        }
    }
    pages
}

fn is_index(text: &str) -> bool {
    text.contains("<sitemapindex")
}

/// Gunzips a `.xml.gz` body (bounded); other bodies pass through.
fn decompress(body: &[u8]) -> String {
    if body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        let decoder = flate2::read::GzDecoder::new(body);
        // A gzip bomb stops at the cap.
        if decoder.take(MAX_BYTES as u64).read_to_end(&mut out).is_ok() || !out.is_empty() {
            return String::from_utf8_lossy(&out).into_owned();
        }
        return String::new();
    }
    String::from_utf8_lossy(body).into_owned()
}

/// The `<loc>` URLs of a sitemap (pages, or sitemaps in an index),
/// resolved against its own address.
fn parse(text: &str, base: &Url) -> Vec<Url> {
    LOC.captures_iter(text)
        .filter_map(|c| base.join(&unescape(&c[1])).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_locs_with_entities_and_cdata() {
        let base = Url::parse("http://w.test/sitemap.xml").unwrap();
        let xml = r#"<?xml version="1.0"?><urlset><url><loc>http://w.test/Default.aspx?tabid=1&amp;lang=vi</loc></url>
            <url><loc><![CDATA[ http://w.test/gioi-thieu ]]></loc></url><url><loc>javascript:x</loc></url></urlset>"#;
        let locs = parse(xml, &base);
        let got: Vec<&str> = locs.iter().map(Url::as_str).collect();
        assert_eq!(
            got,
            [
                "http://w.test/Default.aspx?tabid=1&lang=vi",
                "http://w.test/gioi-thieu"
            ]
        );
        assert!(!is_index(xml));
    }

    #[test]
    fn gunzips_and_stops_a_bomb_at_the_cap() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b' '; MAX_BYTES + 1000]).unwrap();
        let gz = enc.finish().unwrap();
        assert!(gz.len() < 100_000);
        assert_eq!(decompress(&gz).len(), MAX_BYTES);
    }
}
