//! HTTPS with an invalid certificate: an `error` by default, audited with
//! `accept_invalid_certs`, and the report says so. The server is a
//! self-signed TLS endpoint on 127.0.0.1.

use std::fs;
use std::sync::Arc;

use assert_cmd::Command;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use ward_audit::crawl::{FailureKind, Settings};

use crate::common::{audit_url, demo_date, quick_settings, runtime, status};

const DIRECTORY: &str = "<html><head><title>Danh bạ điện thoại</title></head><body><div id=\"content\"><h1>Danh bạ điện thoại</h1><table>\
    <tr><td>Ông Nguyễn Văn An</td><td>0912.345.601</td></tr><tr><td>Bà Trần Thị Bình</td><td>0912.345.602</td></tr>\
    <tr><td>Ông Lê Văn Cường</td><td>0912.345.603</td></tr><tr><td>Ông Phạm Văn Dũng</td><td>0912.345.604</td></tr>\
    <tr><td>Bà Hoàng Thị Hoa</td><td>0912.345.605</td></tr></table></div></body></html>";

/// A self-signed HTTPS server answering every page with the directory.
async fn self_signed_server() -> (std::net::SocketAddr, tokio::task::JoinHandle<()>) {
    let cert =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.signing_key.serialize_der()));
    let provider = Arc::new(tokio_rustls::rustls::crypto::aws_lc_rs::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.cert.der().clone()], key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buf = vec![0u8; 8192];
                let Ok(n) = tls.read(&mut buf).await else {
                    return;
                };
                let request = String::from_utf8_lossy(&buf[..n]).into_owned();
                let path = request.split_whitespace().nth(1).unwrap_or("/");
                let (status, body) = if path == "/" {
                    ("200 OK", DIRECTORY)
                } else {
                    ("404 Not Found", "")
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = tls.write_all(head.as_bytes()).await;
                let _ = tls.write_all(body.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (addr, task)
}

#[test]
fn a_self_signed_certificate_is_an_error_unless_accepted() {
    let rt = runtime();
    let (strict, lenient) = rt.block_on(async {
        let (addr, task) = self_signed_server().await;
        let url = url::Url::parse(&format!("https://{addr}/")).unwrap();
        let strict = audit_url(url.clone(), &quick_settings(), demo_date()).await;
        let lenient = audit_url(
            url,
            &Settings {
                accept_invalid_certs: true,
                ..quick_settings()
            },
            demo_date(),
        )
        .await;
        task.abort();
        (strict, lenient)
    });
    let error = strict.crawl.error.as_ref().expect("refused");
    assert_eq!(error.kind, FailureKind::TlsInvalidCert, "{}", error.message);
    assert!(strict.verdicts.iter().all(|v| v.status.as_str() == "error"));
    assert!(lenient.crawl.error.is_none(), "{:?}", lenient.crawl.error);
    assert!(lenient.crawl.accepted_invalid_certs);
    assert_eq!(status(&lenient, "phone-directory"), "pass");
}

#[test]
fn a_ward_can_accept_its_invalid_certificate_in_wards_toml_and_the_report_says_so() {
    let rt = runtime();
    let (addr, task) = rt.block_on(self_signed_server());
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("wards.toml");
    fs::write(
        &config,
        format!(
            "[crawl]\ndelay_ms = 0\n\n[[ward]]\nname = \"Phường Cũ\"\nurl = \"https://{addr}/\"\naccept_invalid_certs = true\n\n\
             [[ward]]\nname = \"Phường Chặt\"\nurl = \"https://{addr}/\"\n"
        ),
    )
    .unwrap();
    let out = dir.path().join("reports");
    let output = Command::cargo_bin("ward-audit")
        .unwrap()
        .args(["run", "--json", "--as-of", "2026-11-20", "--config"])
        .arg(&config)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    task.abort();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let (accepted, strict) = (&doc["wards"][0], &doc["wards"][1]);
    assert_eq!(accepted["crawl"]["accepted_invalid_certs"], true);
    assert!(accepted["crawl"]["error"].is_null());
    assert_eq!(strict["crawl"]["error"]["kind"], "tls_invalid_cert");
    assert!(
        strict["crawl"]["error"]["fix"]
            .as_str()
            .unwrap()
            .contains("chứng thư")
    );
    let page = fs::read_to_string(out.join("2026-11-20/phuong-cu.html")).unwrap();
    assert!(page.contains("Chứng thư bảo mật (HTTPS) của trang web không hợp lệ"));
}
