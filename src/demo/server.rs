//! A small static HTTP/1.1 server on 127.0.0.1 for the demo and the tests.
//!
//! One connection, one request (`Connection: close`). Paths are matched
//! exactly as requested, query string included, because real CMSs put a
//! page's identity there (`/Default.aspx?tabid=1689`).

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::SiteFiles;

/// A running server; it stops when dropped.
#[derive(Debug)]
pub struct Server {
    pub addr: SocketAddr,
    pub site: Arc<SiteFiles>,
    task: JoinHandle<()>,
}

impl Server {
    /// The root of the site's host.
    #[must_use]
    pub fn url(&self) -> url::Url {
        url::Url::parse(&format!("http://{}/", self.addr)).expect("socket address makes a URL")
    }

    /// Where an audit of the site starts.
    #[must_use]
    pub fn start_url(&self) -> url::Url {
        self.url()
            .join(&self.site.start)
            .expect("a route path joins onto the root")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `site` on an ephemeral port of 127.0.0.1.
pub async fn serve(site: SiteFiles) -> std::io::Result<Server> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let site = Arc::new(site);
    let shared = site.clone();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let site = shared.clone();
            tokio::spawn(async move {
                // A client that goes away mid-request is not our problem.
                let _ = answer(stream, &site).await;
            });
        }
    });
    Ok(Server { addr, site, task })
}

/// Requests larger than this are refused.
const MAX_REQUEST: usize = 16 * 1024;

async fn answer(mut stream: TcpStream, site: &SiteFiles) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await?;
        if n == 0 || buf.len() > MAX_REQUEST {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        // A TLS handshake sent to this plain-HTTP port: answer as web
        // servers do, in plain HTTP, which the client reads as a TLS failure.
        if buf.first() == Some(&0x16) {
            stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
                .await?;
            return stream.shutdown().await;
        }
    }
    let head = String::from_utf8_lossy(&buf);
    let mut parts = head.lines().next().unwrap_or("").split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let not_found = super::Response {
        status: 404,
        location: None,
        content_type: "text/html; charset=utf-8".into(),
        body: b"<!DOCTYPE html><html lang=\"vi\"><head><title>404</title></head><body><h1>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y trang</h1></body></html>".to_vec(),
    };
    let response = site.routes.get(target).unwrap_or(&not_found);
    let reason = match response.status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
    // `{origin}` in a redirect target names this server, whose port is only
    // known once it runs.
    let origin = stream
        .local_addr()
        .map(|a| format!("http://{a}"))
        .unwrap_or_default();
    let location = response
        .location
        .as_deref()
        .map(|l| format!("Location: {}\r\n", l.replace("{origin}", &origin)))
        .unwrap_or_default();
    let header = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{location}Connection: close\r\n\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    stream.write_all(header.as_bytes()).await?;
    if method != "HEAD" {
        stream.write_all(&response.body).await?;
    }
    stream.shutdown().await
}
