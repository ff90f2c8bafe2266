//! The evidence archive: every page a run fetched, as it was served, in
//! `<run>/archive.warc.gz` (WARC 1.1, see `warc`).
//!
//! For each HTML page the crawl writes a `response` record (status, headers,
//! body) and, next to it, a `metadata` record with what the crawl knew of the
//! page: the ward, the address asked for, the link texts that led there, and
//! whether the page was judged. Each document check (the HEAD request that
//! confirms a map image or a TTHC file) is a `metadata` record too. That is
//! everything `reaudit` needs to judge the pages again with no network.

pub mod copy;
pub mod warc;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use warc::RecordRef;

use crate::crawl::DocCheck;

/// The archive's file name inside a run folder.
pub const FILE_NAME: &str = "archive.warc.gz";

/// The content of a `metadata` record: JSON, told apart by `kind`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Meta {
    /// Describes the `response` record it refers to.
    Page {
        ward: String,
        /// The address asked for; the response's target is where redirects ended.
        requested: String,
        depth: u32,
        via: Vec<String>,
        /// Why the page was not judged: `off_site` (redirected away),
        /// `already_read` (redirected to a page read before) or `duplicate`
        /// (its `rel=canonical` names a page read before).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        skipped: Option<String>,
    },
    /// A linked document or image confirmed with HEAD.
    DocCheck {
        ward: String,
        url: String,
        check: DocCheck,
    },
}

/// A page as it was served, to be archived.
#[derive(Debug)]
pub struct Response<'a> {
    pub url: &'a str,
    pub status: u16,
    pub version: &'a str,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// What the crawl knew of a page, archived beside its response.
#[derive(Debug)]
pub struct Context<'a> {
    pub requested: &'a str,
    pub depth: u32,
    pub via: &'a [String],
    pub skipped: Option<&'static str>,
}

/// A page's `response` record, compressed ahead of its turn. Digests and
/// deflate are most of what archiving a page costs; the crawl does them in
/// the page's fetch task, on any core, and writes records in crawl order.
#[derive(Debug)]
pub struct EncodedPage {
    url: String,
    record: warc::Encoded,
}

impl EncodedPage {
    #[must_use]
    pub fn new(page: &Response<'_>) -> Self {
        let mut headers: Vec<(String, String)> = page
            .headers
            .iter()
            .map(|(name, value)| {
                if WIRE_HEADERS
                    .iter()
                    .any(|wire| name.eq_ignore_ascii_case(wire))
                {
                    (format!("X-Archive-Orig-{name}"), value.clone())
                } else {
                    (name.clone(), value.clone())
                }
            })
            .collect();
        headers.push(("Content-Length".into(), page.body.len().to_string()));
        let head = warc::http_head(page.status, page.version, &headers);
        let record = warc::Encoded::new(&warc::Record {
            kind: "response",
            target_uri: Some(page.url),
            refers_to: None,
            content_type: "application/http;msgtype=response",
            block: &[&head, page.body],
            payload: Some(page.body),
        });
        Self {
            url: page.url.to_owned(),
            record,
        }
    }
}

/// Headers that described the bytes on the wire, not the body stored: the
/// body is stored decoded, so these are kept under `X-Archive-Orig-` (as
/// other web archive tools do) and a true `Content-Length` is added.
const WIRE_HEADERS: [&str; 3] = ["content-encoding", "content-length", "transfer-encoding"];

/// Writes one ward's records into the run's archive.
#[derive(Debug, Clone)]
pub struct Recorder {
    writer: Arc<warc::Writer>,
    ward: String,
}

impl Recorder {
    #[must_use]
    pub fn new(writer: Arc<warc::Writer>, ward: &str) -> Self {
        Self {
            writer,
            ward: ward.to_owned(),
        }
    }

    /// Archives a fetched page (encoded by `EncodedPage::new`) and its crawl
    /// context; returns the response record.
    pub fn page(&self, page: EncodedPage, context: &Context<'_>) -> Option<RecordRef> {
        let meta = Self::encode_meta(
            &page.url,
            Some(page.record.id()),
            &Meta::Page {
                ward: self.ward.clone(),
                requested: context.requested.to_owned(),
                depth: context.depth,
                via: context.via.to_vec(),
                skipped: context.skipped.map(str::to_owned),
            },
        );
        let [response, _meta] = self.writer.write_together([page.record, meta])?;
        Some(response)
    }

    /// Archives the answer to a document check.
    pub fn doc_check(&self, url: &str, check: &DocCheck) {
        self.meta(
            url,
            None,
            &Meta::DocCheck {
                ward: self.ward.clone(),
                url: url.to_owned(),
                check: check.clone(),
            },
        );
    }

    fn meta(&self, url: &str, refers_to: Option<&str>, meta: &Meta) {
        self.writer.write(Self::encode_meta(url, refers_to, meta));
    }

    fn encode_meta(url: &str, refers_to: Option<&str>, meta: &Meta) -> warc::Encoded {
        let json = serde_json::to_vec(meta).expect("metadata serialises");
        warc::Encoded::new(&warc::Record {
            kind: "metadata",
            target_uri: Some(url),
            refers_to,
            content_type: "application/json",
            block: &[&json],
            payload: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_keeps_its_wire_headers_aside_and_states_the_stored_length() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let writer = warc::Writer::create(&path, &[]).unwrap();
        let body = "<p>Lịch công tác tuần</p>".as_bytes();
        let headers = [
            ("content-encoding", "gzip"),
            ("Content-Length", "31"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Type", "text/html; charset=utf-8"),
            ("X-Note", "one\r\nX-Evil: 1"),
        ]
        .map(|(n, v)| (n.to_owned(), v.to_owned()));
        let page = EncodedPage::new(&Response {
            url: "http://w.test/lich",
            status: 200,
            version: "HTTP/1.1",
            headers: &headers,
            body,
        });
        let at = writer.write(page.record).unwrap();
        let record = warc::read_at(&path, at.offset).unwrap();
        let http = warc::parse_http(&record.block).unwrap();
        assert_eq!(http.body, body);
        let names: Vec<&str> = http.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "X-Archive-Orig-content-encoding",
                "X-Archive-Orig-Content-Length",
                "X-Archive-Orig-Transfer-Encoding",
                "Content-Type",
                "X-Note",
                "Content-Length",
            ]
        );
        assert_eq!(http.header("X-Archive-Orig-content-encoding"), Some("gzip"));
        assert_eq!(
            http.header("Content-Length"),
            Some(body.len().to_string().as_str())
        );
        // A value from the server never breaks a header line.
        assert_eq!(http.header("X-Note"), Some("oneX-Evil: 1"));
    }
}
