//! WARC 1.1 (ISO 28500:2017) records: writing, one gzip member per record,
//! and reading them back.
//!
//! Each record is compressed on its own and appended with one write, so a
//! run killed part-way leaves every record written before the kill readable,
//! and a record can be read alone from its offset (`warcio extract FILE
//! OFFSET` does the same).

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{SecondsFormat, Utc};
use flate2::{Compress, Compression, FlushCompress, Status};
use serde::{Deserialize, Serialize};
use sha1::Digest as _;

/// A record's identity and where its gzip member starts in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRef {
    /// `WARC-Record-ID`, e.g. `<urn:uuid:…>`.
    pub id: String,
    /// Byte offset of the record's gzip member in `archive.warc.gz`.
    pub offset: u64,
}

/// One record to write.
#[derive(Debug)]
pub struct Record<'a> {
    /// `warcinfo`, `response`, `metadata` …
    pub kind: &'static str,
    pub target_uri: Option<&'a str>,
    /// `WARC-Concurrent-To` / `WARC-Refers-To`: the record this one describes.
    pub refers_to: Option<&'a str>,
    pub content_type: &'a str,
    /// The block, in parts that follow one another: a response's HTTP head
    /// and then its body, which is not copied to join them.
    pub block: &'a [&'a [u8]],
    /// The part of the block that is the payload (an HTTP body), for
    /// `WARC-Payload-Digest`. A record with a payload carries that digest
    /// only; one without has `WARC-Block-Digest`.
    pub payload: Option<&'a [u8]>,
}

/// A fresh `WARC-Record-ID`.
#[must_use]
pub fn new_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}

/// A record compressed and ready to write: one gzip member and its id.
/// Encoding (digests and deflate) is most of a record's cost and needs no
/// lock, so callers may do it anywhere and write the result in their order.
#[derive(Debug)]
pub struct Encoded {
    id: String,
    member: Vec<u8>,
}

impl Encoded {
    /// The record's `WARC-Record-ID`, known before it is written.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    #[must_use]
    pub fn new(record: &Record<'_>) -> Self {
        let id = new_id();
        let date = Utc::now();
        let mut head = format!(
            "WARC/1.1\r\nWARC-Type: {}\r\nWARC-Record-ID: {id}\r\nWARC-Date: {}\r\n",
            record.kind,
            date.to_rfc3339_opts(SecondsFormat::Secs, true)
        );
        if let Some(uri) = record.target_uri {
            let _ = write!(head, "WARC-Target-URI: {}\r\n", one_line(uri));
        }
        if let Some(other) = record.refers_to {
            let _ = write!(head, "WARC-Refers-To: {other}\r\n");
        }
        // One digest a record, both fields being optional (WARC 1.1, 5.8
        // and 5.9). A response's payload digest is the one archive indexes
        // read (the CDX digest); a digest of its whole block would only
        // detect damage to the stored bytes, which the gzip member's CRC-32
        // already covers, and cost a second SHA-1 of every page.
        match record.payload {
            Some(payload) => {
                let _ = write!(head, "WARC-Payload-Digest: {}\r\n", digest(&[payload]));
            }
            None => {
                let _ = write!(head, "WARC-Block-Digest: {}\r\n", digest(record.block));
            }
        }
        let length: usize = record.block.iter().map(|part| part.len()).sum();
        let _ = write!(
            head,
            "Content-Type: {}\r\nContent-Length: {length}\r\n\r\n",
            record.content_type,
        );
        let mut parts = Vec::with_capacity(record.block.len() + 2);
        parts.push(head.as_bytes());
        parts.extend_from_slice(record.block);
        parts.push(b"\r\n\r\n");
        Encoded {
            id,
            member: gzip_member(&parts),
        }
    }
}

thread_local! {
    /// One deflate state per thread, reset between records: setting up a
    /// new one costs more than compressing a small record.
    static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), false));
}

/// Records smaller than this are stored in their gzip member, not
/// compressed. Resetting the deflate state clears a 128 KiB table, which
/// cost more than all the rest of writing a page's ~500-byte metadata record
/// (2.8% of a judged crawl's CPU); deflate saved 15% of such a record,
/// because its id and digest do not compress (the archive is 1% larger).
const STORED_BELOW: usize = 1024;

/// `parts`, one after the other, as one gzip member (RFC 1952).
fn gzip_member(parts: &[&[u8]]) -> Vec<u8> {
    // Magic, deflate, no flags, no time, no extra flags, unknown OS.
    const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let stored = total < STORED_BELOW;
    // Header, block header, CRC and size around the bytes when stored; room
    // for a third of them, to grow from, when deflated.
    let mut out = Vec::with_capacity(if stored { total + 23 } else { total / 3 + 256 });
    out.extend_from_slice(&HEADER);
    if stored {
        // One final stored block (RFC 1951, 3.2.4): its length and the
        // length's complement, then the bytes.
        let mut crc = crc32fast::Hasher::new();
        let length = u16::try_from(total).expect("below STORED_BELOW");
        out.push(1);
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(&(!length).to_le_bytes());
        for part in parts {
            crc.update(part);
            out.extend_from_slice(part);
        }
        out.extend_from_slice(&crc.finalize().to_le_bytes());
        out.extend_from_slice(&u32::from(length).to_le_bytes());
        return out;
    }
    let mut crc = crc32fast::Hasher::new();
    DEFLATE.with_borrow_mut(|z| {
        z.reset();
        for (i, part) in parts.iter().enumerate() {
            crc.update(part);
            let last = i + 1 == parts.len();
            let flush = if last {
                FlushCompress::Finish
            } else {
                FlushCompress::None
            };
            let mut input = *part;
            loop {
                if out.capacity() - out.len() < 64 {
                    out.reserve(out.capacity().max(4096));
                }
                let before = z.total_in();
                // Compressing in memory has no failure but a bug.
                let status = z
                    .compress_vec(input, &mut out, flush)
                    .expect("deflate in memory");
                let read = usize::try_from(z.total_in() - before).expect("within the input");
                input = &input[read..];
                let done = if last {
                    status == Status::StreamEnd
                } else {
                    input.is_empty()
                };
                if done {
                    break;
                }
            }
        }
    });
    out.extend_from_slice(&crc.finalize().to_le_bytes());
    // ISIZE is the length modulo 2^32.
    #[allow(clippy::cast_possible_truncation)]
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out
}

/// `sha1:` and the SHA-1 of `parts`, one after the other, in base 32, as web
/// archives write digests.
fn digest(parts: &[&[u8]]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut sha1 = sha1::Sha1::new();
    for part in parts {
        sha1.update(part);
    }
    let bytes: [u8; 20] = sha1.finalize().into();
    // 160 bits are exactly 32 characters of 5 bits.
    let mut out = String::with_capacity(37);
    out.push_str("sha1:");
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    out
}

/// A header value on one line: a URL from a page never carries a line break
/// into the record's header.
fn one_line(s: &str) -> Cow<'_, str> {
    if s.contains(['\r', '\n']) {
        Cow::Owned(s.replace(['\r', '\n'], ""))
    } else {
        Cow::Borrowed(s)
    }
}

/// The head of an HTTP response (status line, headers, blank line): a
/// `response` record's block is this head and then the body.
#[must_use]
pub fn http_head(status: u16, version: &str, headers: &[(String, String)]) -> Vec<u8> {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut out = format!("{version} {status} {reason}\r\n").into_bytes();
    for (name, value) in headers {
        // Writing to a `Vec` cannot fail.
        let _ = write!(out, "{name}: {}\r\n", one_line(value));
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// Appends records to `archive.warc.gz`. Shared by every ward of a run;
/// records are compressed before the lock is taken, so the lock only covers
/// one write.
#[derive(Debug)]
pub struct Writer {
    path: PathBuf,
    /// The file and the offset its next record starts at; `None` after a
    /// write failed (the run goes on without an archive).
    file: Mutex<Option<(File, u64)>>,
}

impl Writer {
    /// Creates the file and writes its `warcinfo` record.
    pub fn create(path: &Path, fields: &[(&str, &str)]) -> io::Result<Self> {
        let file = File::create(path)?;
        let writer = Self {
            path: path.to_owned(),
            file: Mutex::new(Some((file, 0))),
        };
        let mut info = String::new();
        for (name, value) in fields {
            let _ = write!(info, "{name}: {}\r\n", one_line(value));
        }
        writer
            .append(&Record {
                kind: "warcinfo",
                target_uri: None,
                refers_to: None,
                content_type: "application/warc-fields",
                block: &[info.as_bytes()],
                payload: None,
            })
            .ok_or_else(|| io::Error::other("cannot write the warcinfo record"))?;
        Ok(writer)
    }

    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes one record. `None` when the archive could not be written: the
    /// first failure is reported on stderr and later records are dropped,
    /// because an audit must finish even when its archive cannot.
    pub fn append(&self, record: &Record<'_>) -> Option<RecordRef> {
        self.write(Encoded::new(record))
    }

    /// Writes a record encoded earlier; as `append`.
    pub fn write(&self, record: Encoded) -> Option<RecordRef> {
        let [written] = self.write_together([record])?;
        Some(written)
    }

    /// Writes records encoded earlier, one after the other and with one
    /// system call where the system takes them whole (a page's response and
    /// its metadata); as `append`.
    pub fn write_together<const N: usize>(&self, records: [Encoded; N]) -> Option<[RecordRef; N]> {
        let mut guard = self
            .file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (file, offset) = guard.as_mut()?;
        let mut slices = records.each_ref().map(|r| io::IoSlice::new(&r.member));
        match write_all_vectored(file, &mut slices).and_then(|()| file.flush()) {
            Ok(()) => Some(records.map(|Encoded { id, member }| {
                let at = *offset;
                *offset += member.len() as u64;
                RecordRef { id, offset: at }
            })),
            Err(e) => {
                eprintln!(
                    "cannot write the archive {}: {e}; the run goes on without it",
                    self.path.display()
                );
                *guard = None;
                None
            }
        }
    }

    /// Whether every record so far was written.
    #[must_use]
    pub fn is_whole(&self) -> bool {
        self.file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .is_some()
    }
}

/// `Write::write_all` for slices in order (`write_all_vectored` is not
/// stable).
fn write_all_vectored(out: &mut impl Write, mut slices: &mut [io::IoSlice<'_>]) -> io::Result<()> {
    // Drops leading empty slices: writing only those would write zero bytes.
    io::IoSlice::advance_slices(&mut slices, 0);
    while !slices.is_empty() {
        match out.write_vectored(slices) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => io::IoSlice::advance_slices(&mut slices, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A record read back.
#[derive(Debug)]
pub struct ReadRecord {
    pub offset: u64,
    /// The WARC header fields, in order.
    pub fields: Vec<(String, String)>,
    pub block: Vec<u8>,
}

impl ReadRecord {
    /// A header field by name, ignoring case.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    #[must_use]
    pub fn kind(&self) -> &str {
        self.field("WARC-Type").unwrap_or("")
    }

    #[must_use]
    pub fn id(&self) -> &str {
        self.field("WARC-Record-ID").unwrap_or("")
    }
}

/// Largest record block read back; ours are at most a page body and headers.
const MAX_BLOCK: u64 = 256 * 1024 * 1024;

/// Counts the bytes read through it, for record offsets.
struct Counting<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// Reads the records of a `.warc.gz`, one gzip member at a time.
pub struct Reader<R: Read> {
    input: BufReader<Counting<R>>,
    /// A broken record ends the reading: what follows cannot be trusted.
    broken: bool,
}

impl Reader<File> {
    pub fn open(path: &Path) -> io::Result<Self> {
        Ok(Self::new(File::open(path)?))
    }
}

impl<R: Read> Reader<R> {
    pub fn new(inner: R) -> Self {
        Self {
            input: BufReader::new(Counting { inner, count: 0 }),
            broken: false,
        }
    }

    fn offset_now(&self) -> u64 {
        self.input.get_ref().count - self.input.buffer().len() as u64
    }

    /// The next record; `None` at the end. A record cut off by a killed run
    /// is an error, and ends the reading.
    pub fn next_record(&mut self) -> Option<io::Result<ReadRecord>> {
        if self.broken {
            return None;
        }
        match self.input.fill_buf() {
            Ok([]) => return None,
            Ok(_) => {}
            Err(e) => return Some(Err(e)),
        }
        let offset = self.offset_now();
        let mut member = Vec::new();
        let read = flate2::bufread::GzDecoder::new(&mut self.input)
            .take(MAX_BLOCK)
            .read_to_end(&mut member);
        let record = read.and_then(|_| parse(offset, &member));
        self.broken = record.is_err();
        Some(record)
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = io::Result<ReadRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

/// Reads the one record whose gzip member starts at `offset`.
pub fn read_at(path: &Path, offset: u64) -> io::Result<ReadRecord> {
    use std::io::Seek as _;
    let mut file = File::open(path)?;
    file.seek(io::SeekFrom::Start(offset))?;
    let mut reader = Reader::new(file);
    let mut record = reader
        .next_record()
        .unwrap_or_else(|| Err(io::Error::new(io::ErrorKind::UnexpectedEof, "no record")))?;
    record.offset = offset;
    Ok(record)
}

fn invalid(offset: u64, what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("WARC record at byte {offset}: {what}"),
    )
}

fn parse(offset: u64, member: &[u8]) -> io::Result<ReadRecord> {
    let end = member
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| invalid(offset, "no end of the header"))?;
    let head =
        std::str::from_utf8(&member[..end]).map_err(|_| invalid(offset, "header not UTF-8"))?;
    let mut lines = head.split("\r\n");
    if !lines.next().is_some_and(|v| v.starts_with("WARC/1.")) {
        return Err(invalid(offset, "no WARC/1.x version line"));
    }
    let fields: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = fields
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.parse().ok())
        .ok_or_else(|| invalid(offset, "no Content-Length"))?;
    let start = end + 4;
    let block = member
        .get(start..start + length)
        .ok_or_else(|| invalid(offset, "block shorter than its Content-Length"))?
        .to_vec();
    Ok(ReadRecord {
        offset,
        fields,
        block,
    })
}

/// An HTTP response read from a `response` record's block.
#[derive(Debug)]
pub struct HttpResponse<'a> {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: &'a [u8],
}

impl HttpResponse<'_> {
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Splits a `response` block into status, headers and body.
#[must_use]
pub fn parse_http(block: &[u8]) -> Option<HttpResponse<'_>> {
    let end = block.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&block[..end]);
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Some(HttpResponse {
        status,
        headers,
        body: &block[end + 4..],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_standard_gzip_whatever_their_size_and_order() {
        // Incompressible bytes larger than the first output buffer, then
        // records on either side of the size below which they are stored,
        // each compressed one on the same (reset) deflate state.
        let mut noise = Vec::with_capacity(300_000);
        let mut x: u32 = 2_463_534_242;
        while noise.len() < 300_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            noise.extend_from_slice(&x.to_le_bytes());
        }
        let json = "{\"via\":[\"Lịch công tác\"]}".repeat(60);
        for parts in [
            vec![b"head ".as_slice(), &noise, b"\r\n\r\n"],
            vec![b"{}".as_slice(), b"", b"\r\n\r\n"],
            vec![&json.as_bytes()[..STORED_BELOW - 5], b"\r\n\r\n"],
            vec![&json.as_bytes()[..STORED_BELOW - 4], b"\r\n\r\n"],
            vec![b"head ".as_slice(), &noise[..5000], json.as_bytes()],
            vec![b"head ".as_slice(), json.as_bytes(), json.as_bytes()],
        ] {
            let member = gzip_member(&parts);
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(member.as_slice())
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, parts.concat());
            // Header, block header and lengths, CRC and size around the
            // bytes themselves.
            let stored = back.len() + 10 + 5 + 8;
            if back.len() < STORED_BELOW {
                assert_eq!(member.len(), stored);
            }
        }
        let twice = gzip_member(&[json.as_bytes(), json.as_bytes()]);
        assert!(
            twice.len() < json.len() / 2,
            "larger records are compressed"
        );
    }

    #[test]
    fn records_round_trip_and_can_be_read_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.warc.gz");
        let writer = Writer::create(&path, &[("software", "ward-audit test")]).unwrap();
        let body = "<p>Danh bạ điện thoại</p>".as_bytes();
        let head = http_head(
            200,
            "HTTP/1.1",
            &[("Content-Type".into(), "text/html; charset=utf-8".into())],
        );
        let page = writer
            .append(&Record {
                kind: "response",
                target_uri: Some("http://w.test/danh-ba\r\nX-Evil: 1"),
                refers_to: None,
                content_type: "application/http;msgtype=response",
                block: &[&head, body],
                payload: Some(body),
            })
            .unwrap();
        let meta = writer
            .append(&Record {
                kind: "metadata",
                target_uri: Some("http://w.test/danh-ba"),
                refers_to: Some(&page.id),
                content_type: "application/json",
                block: &[b"{}"],
                payload: None,
            })
            .unwrap();
        let all: Vec<ReadRecord> = Reader::open(&path).unwrap().map(Result::unwrap).collect();
        assert_eq!(
            all.iter().map(ReadRecord::kind).collect::<Vec<_>>(),
            ["warcinfo", "response", "metadata"]
        );
        assert_eq!(all[1].offset, page.offset);
        assert_eq!(all[2].offset, meta.offset);
        assert_eq!(
            all[1].field("WARC-Target-URI"),
            Some("http://w.test/danh-baX-Evil: 1")
        );
        assert_eq!(all[2].field("WARC-Refers-To"), Some(page.id.as_str()));
        // A response's digest covers its body as read back; a record
        // without a payload has its whole block digested.
        assert_eq!(
            all[1].field("WARC-Payload-Digest"),
            Some(digest(&[body]).as_str())
        );
        assert_eq!(all[1].field("WARC-Block-Digest"), None);
        assert_eq!(
            all[2].field("WARC-Block-Digest"),
            Some(digest(&[&all[2].block]).as_str())
        );
        assert_eq!(all[2].field("WARC-Payload-Digest"), None);
        let alone = read_at(&path, page.offset).unwrap();
        assert_eq!(alone.id(), page.id);
        let http = parse_http(&alone.block).unwrap();
        assert_eq!(http.status, 200);
        assert_eq!(
            http.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(http.body, body);
    }

    #[test]
    fn records_written_together_keep_their_own_offsets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.warc.gz");
        let writer = Writer::create(&path, &[]).unwrap();
        let record = |text: &'static str| {
            Encoded::new(&Record {
                kind: "metadata",
                target_uri: None,
                refers_to: None,
                content_type: "application/json",
                block: &[text.as_bytes()],
                payload: None,
            })
        };
        let [a, b] = writer
            .write_together([record("{\"a\":1}"), record("{\"b\":2}")])
            .unwrap();
        assert!(a.offset < b.offset);
        assert_eq!(read_at(&path, a.offset).unwrap().block, b"{\"a\":1}");
        assert_eq!(read_at(&path, b.offset).unwrap().block, b"{\"b\":2}");
        assert_eq!(read_at(&path, b.offset).unwrap().id(), b.id);
    }

    /// Takes at most three bytes a call, and is interrupted every other call.
    struct Trickle {
        out: Vec<u8>,
        calls: usize,
    }

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls % 2 == 0 {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(3);
            self.out.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn slices_are_written_whole_and_in_order_however_little_a_write_takes() {
        let mut out = Trickle {
            out: Vec::new(),
            calls: 0,
        };
        let parts: [&[u8]; 4] = [b"", b"WARC/1.1\r\n", b"", b"{}\r\n\r\n"];
        let mut slices = parts.map(io::IoSlice::new);
        write_all_vectored(&mut out, &mut slices).unwrap();
        assert_eq!(out.out, parts.concat());
    }

    #[test]
    fn digests_are_sha1_in_base32() {
        // The digest of the empty string, as other web archives write it.
        assert_eq!(digest(&[]), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
        // Parts are digested as the bytes they make one after the other.
        let whole = digest(&[b"HTTP/1.1 200 OK\r\n\r\n<p>Danh b\xe1\xba\xa1</p>"]);
        assert_eq!(
            digest(&[
                b"HTTP/1.1 200 OK\r\n\r\n",
                b"",
                b"<p>Danh b\xe1\xba\xa1</p>"
            ]),
            whole
        );
        assert_ne!(digest(&[b"HTTP/1.1 200 OK\r\n\r\n"]), whole);
    }

    #[test]
    fn a_record_cut_off_is_an_error_after_the_whole_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.warc.gz");
        let writer = Writer::create(&path, &[]).unwrap();
        let last = writer
            .append(&Record {
                kind: "metadata",
                target_uri: None,
                refers_to: None,
                content_type: "application/json",
                block: &[&[b'x'; 10_000]],
                payload: None,
            })
            .unwrap();
        drop(writer);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 5]).unwrap();
        let read: Vec<io::Result<ReadRecord>> = Reader::open(&path).unwrap().collect();
        assert!(read[0].is_ok());
        assert!(
            read[1].is_err(),
            "a truncated member must not read as whole"
        );
        assert!(last.offset > 0);
    }
}
