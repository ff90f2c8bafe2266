//! The HTTP side: one client per run, one bounded GET per page, charset
//! decoding, and failures sorted into named reasons.

use std::error::Error as _;
use std::time::Duration;

use encoding_rs::Encoding;
use reqwest::{Client, StatusCode, header};
use serde::Serialize;
use url::Url;

use super::Settings;
use crate::lang::Lang;

/// Why a request or a whole site failed. Reports explain each kind in
/// Vietnamese with a fix; `audit.json` carries the `snake_case` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    Dns,
    ConnectRefused,
    /// Another connection failure: reset, unreachable network.
    Connect,
    Timeout,
    /// A TLS failure other than expiry: wrong host name, unknown issuer,
    /// self-signed, or a server that does not speak TLS.
    TlsInvalidCert,
    TlsExpired,
    HttpStatus,
    RedirectLoop,
    TooLarge,
    NotHtml,
    RobotsDisallowAll,
    EmptySite,
    Other,
}

impl FailureKind {
    /// The kind named by its audit.json form; unknown names read as `Other`.
    #[must_use]
    pub fn from_name(name: &str) -> Self {
        serde_json::from_value(serde_json::Value::String(name.to_owned()))
            .unwrap_or(FailureKind::Other)
    }

    /// What happened, for office staff.
    #[must_use]
    pub fn explain(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            FailureKind::Dns => (
                "không tìm thấy tên miền (lỗi DNS)",
                "the domain name was not found (DNS error)",
            ),
            FailureKind::ConnectRefused => (
                "máy chủ từ chối kết nối",
                "the server refused the connection",
            ),
            FailureKind::Connect => (
                "không kết nối được tới máy chủ",
                "could not connect to the server",
            ),
            FailureKind::Timeout => (
                "máy chủ không trả lời trong thời gian cho phép",
                "the server did not answer in time",
            ),
            FailureKind::TlsInvalidCert => (
                "chứng thư bảo mật (HTTPS) không hợp lệ",
                "the HTTPS certificate is not valid",
            ),
            FailureKind::TlsExpired => (
                "chứng thư bảo mật (HTTPS) đã hết hạn",
                "the HTTPS certificate has expired",
            ),
            FailureKind::HttpStatus => (
                "máy chủ trả về mã lỗi HTTP",
                "the server answered with an HTTP error",
            ),
            FailureKind::RedirectLoop => (
                "trang chuyển hướng vòng lặp hoặc quá nhiều lần",
                "the page redirects in a loop or too many times",
            ),
            FailureKind::TooLarge => ("trang quá lớn", "the page is too large"),
            FailureKind::NotHtml => (
                "địa chỉ không trả về trang web (HTML)",
                "the address does not return a web page (HTML)",
            ),
            FailureKind::RobotsDisallowAll => (
                "robots.txt cấm truy cập toàn bộ trang",
                "robots.txt forbids the whole site",
            ),
            FailureKind::EmptySite => (
                "không đọc được trang HTML nào",
                "no HTML page could be read",
            ),
            FailureKind::Other => ("lỗi khi tải trang", "the page could not be loaded"),
        };
        lang.pick(vi, en)
    }

    /// What the ward or its web host should do, in one line.
    #[must_use]
    pub fn fix(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            FailureKind::Dns => (
                "Kiểm tra tên miền trong danh sách (wards.toml) và việc gia hạn, cấu hình DNS của tên miền.",
                "Check the domain in the list (wards.toml), its renewal and its DNS settings.",
            ),
            FailureKind::ConnectRefused | FailureKind::Connect => (
                "Đề nghị đơn vị quản trị kiểm tra máy chủ web đang chạy và mở cổng 80/443 ra Internet.",
                "Ask the site's host to check that the web server runs and ports 80/443 are open to the Internet.",
            ),
            FailureKind::Timeout => (
                "Đề nghị đơn vị quản trị kiểm tra tốc độ và tải của máy chủ web.",
                "Ask the site's host to check the web server's speed and load.",
            ),
            FailureKind::TlsInvalidCert => (
                "Cài chứng thư HTTPS hợp lệ, đúng tên miền, do tổ chức được tin cậy cấp.",
                "Install a valid HTTPS certificate for the domain, issued by a trusted authority.",
            ),
            FailureKind::TlsExpired => (
                "Gia hạn chứng thư HTTPS của trang web.",
                "Renew the site's HTTPS certificate.",
            ),
            FailureKind::HttpStatus => (
                "Kiểm tra địa chỉ trang chủ và lỗi của máy chủ web.",
                "Check the home page address and the web server's errors.",
            ),
            FailureKind::RedirectLoop => (
                "Sửa cấu hình chuyển hướng (redirect) của trang web.",
                "Fix the site's redirect settings.",
            ),
            FailureKind::TooLarge => (
                "Giảm dung lượng trang; đưa tài liệu lớn thành tệp đính kèm.",
                "Make the page smaller; publish large documents as attachments.",
            ),
            FailureKind::NotHtml => (
                "Kiểm tra địa chỉ trang chủ trong danh sách (wards.toml).",
                "Check the home page address in the list (wards.toml).",
            ),
            FailureKind::RobotsDisallowAll => (
                "Cho phép công cụ kiểm tra truy cập trong robots.txt (User-agent: ward-audit).",
                "Allow the audit in robots.txt (User-agent: ward-audit).",
            ),
            FailureKind::EmptySite => (
                "Kiểm tra trang chủ có nội dung HTML đọc được.",
                "Check that the home page has readable HTML content.",
            ),
            FailureKind::Other => (
                "Thử lại; nếu lỗi lặp lại, đề nghị đơn vị quản trị kiểm tra trang web.",
                "Try again; if it happens again, ask the site's host to check the site.",
            ),
        };
        lang.pick(vi, en)
    }

    /// Whether trying again later may succeed.
    #[must_use]
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            FailureKind::Timeout | FailureKind::Connect | FailureKind::Other
        )
    }
}

/// A failed request, with its named reason and the underlying message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub kind: FailureKind,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// A 429 or 503's `Retry-After`, when the server sent one.
    #[serde(skip)]
    pub retry_after: Option<Duration>,
}

impl Failure {
    #[must_use]
    pub fn new(kind: FailureKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            status: None,
            retry_after: None,
        }
    }
}

/// A fetched response, decoded when it is HTML.
#[derive(Debug)]
pub struct Fetched {
    /// Where the redirects ended.
    pub url: Url,
    /// The decoded document.
    pub html: String,
    /// The charset the page declares is not the one it is written in.
    pub misdeclared: Option<Misdeclared>,
    /// The response as served, for the archive: status, HTTP version,
    /// headers and the body's bytes (after content decoding).
    pub status: u16,
    pub version: &'static str,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// How long an idle connection is kept for reuse. A ward's crawl reuses its
/// connections; once it is done they are never used again, and each holds
/// buffers sized to the pages it read, so a run of thousands of wards keeps
/// the connections of every ward that finished within this time (3,321
/// wards × 50 pages peaked at 246 MiB with 5 s, 175 MiB with 1 s). Long
/// enough to outlast the pause before a connection's next request
/// (`per_host` requests spaced by the delay), and a second more; a longer
/// `Crawl-delay` costs a new connection now and then.
fn idle_connection(settings: &Settings) -> Duration {
    let per_host = u64::try_from(settings.per_host).unwrap_or(u64::MAX);
    let reuse = settings.delay_ms.saturating_mul(per_host);
    Duration::from_millis(reuse.saturating_add(1_000))
}

/// The client every ward of a run shares.
pub fn client(settings: &Settings) -> reqwest::Result<Client> {
    Client::builder()
        .user_agent(settings.user_agent())
        .connect_timeout(Duration::from_secs(settings.connect_timeout_s))
        .read_timeout(Duration::from_secs(settings.read_timeout_s))
        .timeout(Duration::from_secs(settings.request_timeout_s))
        .redirect(reqwest::redirect::Policy::limited(settings.max_redirects))
        .danger_accept_invalid_certs(settings.accept_invalid_certs)
        .pool_idle_timeout(idle_connection(settings))
        .build()
}

/// GETs one page, reading at most `max_body` bytes.
pub async fn fetch(client: &Client, url: Url, max_body: usize) -> Result<Fetched, Failure> {
    let mut response = client
        .get(url.clone())
        .header(
            header::ACCEPT,
            "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        )
        .header(header::ACCEPT_LANGUAGE, "vi,en;q=0.5")
        .send()
        .await
        .map_err(|e| classify(&e))?;
    let status = response.status();
    let final_url = response.url().clone();
    let version = match response.version() {
        reqwest::Version::HTTP_09 => "HTTP/0.9",
        reqwest::Version::HTTP_10 => "HTTP/1.0",
        reqwest::Version::HTTP_2 => "HTTP/2",
        reqwest::Version::HTTP_3 => "HTTP/3",
        _ => "HTTP/1.1",
    };
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    if !status.is_success() {
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        return Err(Failure {
            kind: FailureKind::HttpStatus,
            message: format!("HTTP {status} for {final_url}"),
            status: Some(status.as_u16()),
            retry_after,
        });
    }
    let content_type = content_type(&response);
    let is_html = content_type.is_empty() || content_type.contains("html");
    if !is_html {
        return Err(Failure::new(
            FailureKind::NotHtml,
            format!("{final_url} is {content_type}, not HTML"),
        ));
    }
    if response
        .content_length()
        .is_some_and(|n| n > max_body as u64)
    {
        return Err(Failure::new(
            FailureKind::TooLarge,
            format!("{final_url} declares more than {max_body} bytes"),
        ));
    }
    let mut body = body_buffer(&response);
    while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e))? {
        if body.len() + chunk.len() > max_body {
            return Err(Failure::new(
                FailureKind::TooLarge,
                format!("{final_url} is larger than {max_body} bytes"),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    // Binary data served as text/html: NUL bytes never occur in real pages.
    if body.iter().take(4096).any(|&b| b == 0) && Encoding::for_bom(&body).is_none() {
        return Err(Failure::new(
            FailureKind::NotHtml,
            format!("{final_url} is binary data labelled as HTML"),
        ));
    }
    let (html, misdeclared) = decode_checked(&body, &content_type);
    Ok(Fetched {
        html,
        misdeclared,
        url: final_url,
        status: status.as_u16(),
        version,
        headers,
        body,
    })
}

/// A buffer for the body of `response`, sized to its declared length (a
/// body arrives in many chunks) up to 512 KiB: the declaration may be a lie.
fn body_buffer(response: &reqwest::Response) -> Vec<u8> {
    const MOST: u64 = 512 * 1024;
    let declared = response.content_length().unwrap_or(0).min(MOST);
    Vec::with_capacity(usize::try_from(declared).unwrap_or(0))
}

/// What a HEAD request (or a one-byte ranged GET) says about a linked
/// document or image that a rule may use as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DocCheck {
    pub status: Option<u16>,
    pub content_type: String,
    pub size: Option<u64>,
    /// Why the check failed, when no status came back.
    pub failure: Option<FailureKind>,
}

impl DocCheck {
    /// The file is there: a success status came back.
    #[must_use]
    pub fn exists(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }

    /// A short description: "HTTP 200, image/jpeg, 245 KB".
    #[must_use]
    pub fn describe(&self, lang: Lang) -> String {
        let Some(status) = self.status else {
            return format!(
                "{}: {}",
                lang.pick("không kiểm tra được", "not checked"),
                self.failure.unwrap_or(FailureKind::Other).explain(lang)
            );
        };
        let mut parts = vec![format!("HTTP {status}")];
        if !self.content_type.is_empty() {
            parts.push(self.content_type.clone());
        }
        if let Some(size) = self.size {
            parts.push(format!("{} KB", size.div_ceil(1024)));
        }
        parts.join(", ")
    }
}

/// Confirms a document exists without downloading it: HEAD, or a ranged GET
/// of one byte where HEAD is refused.
pub async fn check_document(client: &Client, url: &Url) -> DocCheck {
    let failed = |e: &reqwest::Error| DocCheck {
        status: None,
        content_type: String::new(),
        size: None,
        failure: Some(classify(e).kind),
    };
    let mut response = match client.head(url.clone()).send().await {
        Ok(r) => r,
        Err(e) => return failed(&e),
    };
    if matches!(response.status().as_u16(), 405 | 501 | 403) {
        response = match client
            .get(url.clone())
            .header(header::RANGE, "bytes=0-0")
            .send()
            .await
        {
            Ok(r) => r,
            Err(e) => return failed(&e),
        };
    }
    let headers = response.headers();
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
            .unwrap_or("")
    };
    // A ranged answer gives the full size after the slash: "bytes 0-0/245760".
    let size = text(header::CONTENT_RANGE)
        .rsplit_once('/')
        .and_then(|(_, total)| total.parse().ok())
        .or_else(|| text(header::CONTENT_LENGTH).parse().ok());
    DocCheck {
        status: Some(response.status().as_u16()),
        content_type: text(header::CONTENT_TYPE)
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_owned(),
        size,
        failure: None,
    }
}

/// A small auxiliary file (robots.txt, a sitemap): its status, content
/// type and at most `max` bytes of its body; the rest is not read.
pub struct Small {
    pub status: StatusCode,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// GETs an auxiliary file, reading at most `max` bytes.
pub async fn get_small(client: &Client, url: Url, max: usize) -> Result<Small, Failure> {
    let mut response = client.get(url).send().await.map_err(|e| classify(&e))?;
    let status = response.status();
    let content_type = content_type(&response);
    let mut body = body_buffer(&response);
    while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e))? {
        let room = max - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() >= max {
            break;
        }
    }
    Ok(Small {
        status,
        content_type,
        body,
    })
}

/// The response's `Content-Type`, lower case, or empty.
fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// `Retry-After` in seconds or as an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(secs) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value.trim()).ok()?;
    let secs = (when.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_seconds();
    Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
}

/// Decodes a body by its BOM, its header charset, its `<meta>` charset, or as UTF-8.
#[must_use]
pub fn decode(body: &[u8], content_type: &str) -> String {
    decode_checked(body, content_type).0
}

/// A page whose declared charset is not the one its bytes are written in:
/// read correctly here, but a browser follows the declaration and shows
/// the Vietnamese letters garbled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Misdeclared {
    /// The charset the server's header (or, without one, the page's
    /// `<meta>`) names.
    pub declared: &'static str,
    /// The charset the page was read in.
    pub read_as: &'static str,
}

/// [`decode`], also telling when the declared charset was overruled.
#[must_use]
pub fn decode_checked(body: &[u8], content_type: &str) -> (String, Option<Misdeclared>) {
    let from_header = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .find_map(|c| Encoding::for_label(c.trim_matches(['"', '\'']).as_bytes()));
    let from_bom = Encoding::for_bom(body).map(|(e, _)| e);
    let declared = from_bom.or(from_header).or_else(|| meta_charset(body));
    let as_utf8 = simdutf8::basic::from_utf8(body).ok();
    let valid_utf8 = as_utf8.is_some();
    let encoding = match declared {
        // Servers often label UTF-8 pages with their default Latin charset;
        // Vietnamese text in valid UTF-8 is not windows-1252 by accident.
        Some(e)
            if e != encoding_rs::UTF_8
                && valid_utf8
                && !body.is_ascii()
                && !is_vietnamese_legacy(e) =>
        {
            encoding_rs::UTF_8
        }
        // Labelled UTF-8 by the server, but not UTF-8, and the page's own
        // `<meta>` names another charset: an old page (a FrontPage file in
        // windows-1258) served under the site's default label. Decoded as
        // UTF-8 every Vietnamese letter would be lost.
        Some(e) if e == encoding_rs::UTF_8 && !valid_utf8 => meta_charset(body)
            .filter(|m| *m != encoding_rs::UTF_8)
            .unwrap_or(e),
        Some(e) => e,
        None if valid_utf8 => encoding_rs::UTF_8,
        // Undeclared and not UTF-8: the Vietnamese legacy charset is likeliest.
        None => encoding_rs::WINDOWS_1258,
    };
    // A byte-order mark overrules every label in a browser too.
    let misdeclared = declared
        .filter(|&d| from_bom.is_none() && d != encoding)
        .map(|d| Misdeclared {
            declared: d.name(),
            read_as: encoding.name(),
        });
    if let (true, Some(text)) = (encoding == encoding_rs::UTF_8, as_utf8) {
        // Already checked: copy it rather than validate it a second time.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_owned();
        return (text, misdeclared);
    }
    let (text, _, _) = encoding.decode(body);
    (text.into_owned(), misdeclared)
}

/// Legacy charsets that Vietnamese pages really use; their labels are
/// trusted even when the bytes also happen to be valid UTF-8.
fn is_vietnamese_legacy(e: &'static Encoding) -> bool {
    e == encoding_rs::WINDOWS_1258
}

/// The charset a `<meta>` tag declares in the first 2 KiB.
fn meta_charset(body: &[u8]) -> Option<&'static Encoding> {
    // Bytes, not text: the label is ASCII, and the head need not be valid
    // in any charset to be searched.
    let head = body[..body.len().min(2048)].to_ascii_lowercase();
    // Only inside a `<meta …>` tag: a comment or a script may say
    // "charset=" too.
    let in_meta = |at: usize| {
        memchr::memrchr(b'<', &head[..at]).is_some_and(|lt| {
            head[lt..].starts_with(b"<meta") && memchr::memchr(b'>', &head[lt..at]).is_none()
        })
    };
    let at =
        memchr::memmem::find_iter(&head, b"charset=").find(|&at| in_meta(at))? + b"charset=".len();
    let label = &head[at..];
    let label = &label[label
        .iter()
        .take_while(|&&b| b == b'"' || b == b'\'')
        .count()..];
    let end = label
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .unwrap_or(label.len());
    Encoding::for_label(&label[..end])
}

/// The rustls error inside `e`, bare or wrapped in (nested) `io::Error`s.
fn rustls_error<'e>(mut e: &'e (dyn std::error::Error + 'static)) -> Option<&'e rustls::Error> {
    loop {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        e = e.downcast_ref::<std::io::Error>()?.get_ref()?;
    }
}

/// An expired certificate, or any other TLS failure.
fn tls_kind(e: &rustls::Error) -> FailureKind {
    use rustls::CertificateError::{Expired, ExpiredContext};
    match e {
        rustls::Error::InvalidCertificate(Expired | ExpiredContext { .. }) => {
            FailureKind::TlsExpired
        }
        _ => FailureKind::TlsInvalidCert,
    }
}

/// Sorts a client error into a named reason, reading the whole cause chain.
#[must_use]
pub fn classify(e: &reqwest::Error) -> Failure {
    let mut chain = e.to_string();
    let mut tls: Option<FailureKind> = None;
    let mut source = e.source();
    while let Some(s) = source {
        chain.push_str(": ");
        chain.push_str(&s.to_string());
        if let Some(e) = rustls_error(s) {
            tls = Some(tls_kind(e));
        }
        source = s.source();
    }
    let lower = chain.to_ascii_lowercase();
    let kind = if e.is_timeout() || lower.contains("timed out") {
        FailureKind::Timeout
    } else if e.is_redirect() {
        FailureKind::RedirectLoop
    } else if lower.contains("dns error")
        || lower.contains("failed to lookup")
        || lower.contains("name or service not known")
    {
        FailureKind::Dns
    } else if let Some(kind) = tls {
        kind
    } else if lower.contains("certificate") || lower.contains("handshake") {
        FailureKind::TlsInvalidCert
    } else if lower.contains("connection refused") {
        FailureKind::ConnectRefused
    } else if e.is_connect() {
        FailureKind::Connect
    } else {
        FailureKind::Other
    };
    let status = e.status().map(|s: StatusCode| s.as_u16());
    Failure {
        kind,
        message: chain,
        status,
        retry_after: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_connections_outlast_the_pause_before_their_next_request_only() {
        for (delay_ms, per_host) in [(0, 4), (250, 2), (1_000, 1), (2_000, 3)] {
            let settings = Settings {
                per_host,
                delay_ms,
                ..Settings::default()
            };
            let idle = idle_connection(&settings);
            let pause = Duration::from_millis(delay_ms * per_host as u64);
            assert!(idle > pause, "{delay_ms} ms × {per_host}");
            // Not the 90 s default: finished wards' connections go soon.
            assert!(
                idle <= pause + Duration::from_secs(1),
                "{delay_ms} ms × {per_host}"
            );
        }
    }

    #[test]
    fn a_meta_charset_is_read_from_bytes_in_any_case_and_quoting() {
        let find = |head: &[u8]| meta_charset(head).map(Encoding::name);
        assert_eq!(
            find(b"<p>\xF2\xFD</p><META CHARSET=\"Windows-1258\">"),
            Some("windows-1258")
        );
        assert_eq!(find(b"<meta charset='utf-8'/>"), Some("UTF-8"));
        assert_eq!(
            find(b"<meta content=\"text/html; charset=windows-1258\">"),
            Some("windows-1258")
        );
        assert_eq!(find(b"<meta charset=\"\">"), None);
        // Not in a comment or text before the tag.
        assert_eq!(
            find(b"<!-- sent as charset=utf-8 --><p>charset=koi8-r</p><meta charset=\"windows-1258\">"),
            Some("windows-1258")
        );
        assert_eq!(find(b"<meta name=\"x\">"), None);
        // Only the first 2 KiB are read.
        let mut late = vec![b' '; 2048];
        late.extend_from_slice(b"<meta charset=\"windows-1258\">");
        assert_eq!(find(&late), None);
    }

    #[test]
    fn decodes_windows_1258_from_meta() {
        // "Lịch sử phường" as windows-1258 writes it: tone marks combining
        // (0xF2 dot below, 0xD2 hook above, 0xCC grave), ư = 0xFD, ơ = 0xF5.
        let bytes = b"Li\xF2ch s\xFD\xD2 ph\xFD\xF5\xCCng";
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">"
                .to_vec();
        page.extend_from_slice(bytes);
        let text = decode(&page, "text/html");
        assert!(
            crate::text::normalize(&text).ends_with("Lịch sử phường"),
            "{text}"
        );
        // The server's "utf-8" label is wrong when the bytes are not UTF-8
        // and the page names its charset.
        let text = decode(&page, "text/html; charset=utf-8");
        assert!(
            crate::text::normalize(&text).ends_with("Lịch sử phường"),
            "{text}"
        );
        // Without a `<meta>` to say otherwise, the label stands.
        let text = decode(bytes, "text/html; charset=utf-8");
        assert!(text.contains('\u{fffd}'), "{text}");
    }

    #[test]
    fn expired_certificates_are_told_apart() {
        use rustls::CertificateError;
        assert_eq!(
            tls_kind(&rustls::Error::InvalidCertificate(
                CertificateError::Expired
            )),
            FailureKind::TlsExpired
        );
        assert_eq!(
            tls_kind(&rustls::Error::InvalidCertificate(
                CertificateError::UnknownIssuer
            )),
            FailureKind::TlsInvalidCert
        );
        let wrapped = std::io::Error::other(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(CertificateError::Expired),
        ));
        assert_eq!(
            rustls_error(&wrapped).map(tls_kind),
            Some(FailureKind::TlsExpired)
        );
    }

    #[test]
    fn utf8_labelled_latin1_is_read_as_utf8() {
        assert_eq!(
            decode("Phường Sao Đỏ".as_bytes(), "text/html; charset=iso-8859-1"),
            "Phường Sao Đỏ"
        );
    }

    #[test]
    fn undeclared_legacy_bytes_are_read_as_windows_1258() {
        assert_eq!(
            crate::text::normalize(&decode(b"Li\xF2ch s\xFD\xD2", "text/html")),
            "Lịch sử"
        );
    }

    #[test]
    fn an_overruled_declaration_is_reported() {
        let misdeclared = |body: &[u8], content_type| {
            decode_checked(body, content_type)
                .1
                .map(|m| (m.declared, m.read_as))
        };
        // windows-1258 bytes under the server's "utf-8", the page's meta right.
        let mut page = b"<meta charset=\"windows-1258\">".to_vec();
        page.extend_from_slice(b"Li\xF2ch s\xFD\xD2");
        assert_eq!(
            misdeclared(&page, "text/html; charset=utf-8"),
            Some(("UTF-8", "windows-1258"))
        );
        assert_eq!(misdeclared(&page, "text/html"), None);
        // UTF-8 under a Latin label, from the header or from the page.
        let utf8 = "Phường Sao Đỏ".as_bytes();
        assert_eq!(
            misdeclared(utf8, "text/html; charset=iso-8859-1"),
            Some(("windows-1252", "UTF-8"))
        );
        let mut meta_latin = b"<meta charset=\"iso-8859-1\">".to_vec();
        meta_latin.extend_from_slice(utf8);
        assert_eq!(
            misdeclared(&meta_latin, "text/html"),
            Some(("windows-1252", "UTF-8"))
        );
        // Right declarations, plain ASCII, a byte-order mark, no declaration.
        assert_eq!(misdeclared(utf8, "text/html; charset=utf-8"), None);
        assert_eq!(
            misdeclared(b"Phuong", "text/html; charset=iso-8859-1"),
            None
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(utf8);
        assert_eq!(misdeclared(&bom, "text/html; charset=iso-8859-1"), None);
        assert_eq!(misdeclared(b"Li\xF2ch", "text/html"), None);
    }

    #[test]
    fn header_charset_wins_over_utf8_default() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("café");
        assert_eq!(decode(&bytes, "text/html; charset=ISO-8859-1"), "café");
    }
}
