//! HTTPS between laptop and hub: one request per connection over rustls, parsed with
//! `httparse`. The hub's calls are few, bodies are JSON with a length, so a server
//! framework would add build time and nothing the hub uses (tiny_http's TLS pins an old
//! rustls and a second ring build).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{
    ClientConfig, ClientConnection, RootCertStore, ServerConfig, ServerConnection, StreamOwned,
};

/// The largest request or answer either end reads (a 14-day backlog is a few MB).
pub const MAX_BODY: usize = 256 << 20;
const MAX_HEAD: usize = 16 << 10;
/// Connections served at once; more wait in the listen queue.
const MAX_CONNECTIONS: usize = 64;
const IO_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// The hub cannot be reached now: the laptop is offline, or the hub is down.
    #[error("hub unreachable: {0}")]
    Unreachable(String),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("{0}")]
    Protocol(String),
}

/// A request as the hub's handler sees it.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The path with its query (`/v1/pull?since=3`).
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Response {
    /// A one-line plain-text answer: what the laptop shows the rep.
    pub fn text(status: u16, line: &str) -> Response {
        Response {
            status,
            body: line.as_bytes().to_vec(),
        }
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    // ring, as the IMAP client: no cmake or assembler in the build.
    #[allow(deprecated)]
    Arc::new(rustls::crypto::ring::default_provider())
}

fn read_pem(path: &Path) -> Result<Vec<u8>, HttpError> {
    crate::input::read_path(path).map_err(|e| HttpError::Tls(e.to_string()))
}

/// The server's TLS: its certificate chain and key, both PEM.
pub fn server_tls(cert: &Path, key: &Path) -> Result<Arc<ServerConfig>, HttpError> {
    let certs = CertificateDer::pem_slice_iter(&read_pem(cert)?)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| HttpError::Tls(format!("{}: {e}", cert.display())))?;
    if certs.is_empty() {
        return Err(HttpError::Tls(format!(
            "{}: no certificate",
            cert.display()
        )));
    }
    let key = PrivateKeyDer::from_pem_slice(&read_pem(key)?)
        .map_err(|e| HttpError::Tls(format!("{}: {e}", key.display())))?;
    let config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| HttpError::Tls(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| HttpError::Tls(e.to_string()))?;
    Ok(Arc::new(config))
}

/// The laptop's TLS: trust the firm's own authority (`ca`), or the public roots for a
/// hub with a bought certificate.
pub fn client_tls(ca: Option<&Path>) -> Result<Arc<ClientConfig>, HttpError> {
    let mut roots = RootCertStore::empty();
    match ca {
        Some(path) => {
            for c in CertificateDer::pem_slice_iter(&read_pem(path)?) {
                let c = c.map_err(|e| HttpError::Tls(format!("{}: {e}", path.display())))?;
                roots
                    .add(c)
                    .map_err(|e| HttpError::Tls(format!("{}: {e}", path.display())))?;
            }
            if roots.is_empty() {
                return Err(HttpError::Tls(format!(
                    "{}: no PEM certificate in the file",
                    path.display()
                )));
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    let config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| HttpError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Read one HTTP message head and its body from `s`; `parse` fills the head and says
/// how long it was.
fn read_message<S: Read>(
    s: &mut S,
    mut parse: impl FnMut(&[u8]) -> Result<Option<(usize, usize)>, String>,
) -> Result<(Vec<u8>, usize), HttpError> {
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 16 << 10];
    let (head, length) = loop {
        let n = s
            .read(&mut chunk)
            .map_err(|e| HttpError::Unreachable(e.to_string()))?;
        if n == 0 {
            return Err(HttpError::Protocol("connection closed mid-message".into()));
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(done) = parse(&buf).map_err(HttpError::Protocol)? {
            break done;
        }
        if buf.len() > MAX_HEAD {
            return Err(HttpError::Protocol("message head too long".into()));
        }
    };
    if length > MAX_BODY {
        return Err(HttpError::Protocol(format!(
            "message of {length} bytes is over the {MAX_BODY}-byte limit"
        )));
    }
    let mut body = buf.split_off(head);
    if body.len() < length {
        let mut rest = vec![0u8; length - body.len()];
        s.read_exact(&mut rest)
            .map_err(|e| HttpError::Unreachable(e.to_string()))?;
        body.extend_from_slice(&rest);
    }
    body.truncate(length);
    Ok((body, head))
}

/// Head and body in one buffer, written with one call: written apart (with Nagle's
/// algorithm on) the body's segment waited for the peer's delayed ACK of the head's,
/// up to 40 ms per message.
fn one_message(head: String, body: &[u8]) -> Vec<u8> {
    let mut message = head.into_bytes();
    message.extend_from_slice(body);
    message
}

fn content_length<'a>(headers: impl Iterator<Item = (&'a str, &'a [u8])>) -> Result<usize, String> {
    for (k, v) in headers {
        if k.eq_ignore_ascii_case("content-length") {
            return std::str::from_utf8(v)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| "bad Content-Length".to_string());
        }
    }
    Ok(0)
}

/// The hub's listener; [`Server::run`] serves until [`Stopper::stop`].
pub struct Server {
    listener: TcpListener,
    tls: Arc<ServerConfig>,
    stop: Arc<AtomicBool>,
}

/// Stops a running [`Server`] from another thread.
#[derive(Clone)]
pub struct Stopper {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl Stopper {
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

pub type Handler = Arc<dyn Fn(Request) -> Response + Send + Sync>;

impl Server {
    pub fn bind(addr: &str, tls: Arc<ServerConfig>) -> std::io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind(addr)?,
            tls,
            stop: Arc::new(AtomicBool::new(false)),
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn stopper(&self) -> std::io::Result<Stopper> {
        let mut addr = self.local_addr()?;
        if addr.ip().is_unspecified() {
            addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
        }
        Ok(Stopper {
            addr,
            stop: self.stop.clone(),
        })
    }

    /// Serve, one thread per connection (at most [`MAX_CONNECTIONS`] at once), until stopped.
    pub fn run(self, handler: Handler) {
        let live = Arc::new(AtomicUsize::new(0));
        for stream in self.listener.incoming() {
            if self.stop.load(Ordering::SeqCst) {
                break;
            }
            let Ok(stream) = stream else { continue };
            while live.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                std::thread::sleep(Duration::from_millis(5));
            }
            live.fetch_add(1, Ordering::SeqCst);
            let (tls, handler, live) = (self.tls.clone(), handler.clone(), live.clone());
            std::thread::spawn(move || {
                let _ = serve_one(stream, tls, &handler);
                live.fetch_sub(1, Ordering::SeqCst);
            });
        }
    }
}

fn serve_one(
    stream: TcpStream,
    tls: Arc<ServerConfig>,
    handler: &Handler,
) -> Result<(), HttpError> {
    stream
        .set_read_timeout(Some(IO_TIMEOUT))
        .and_then(|_| stream.set_write_timeout(Some(IO_TIMEOUT)))
        .and_then(|_| stream.set_nodelay(true))
        .map_err(|e| HttpError::Unreachable(e.to_string()))?;
    let conn = ServerConnection::new(tls).map_err(|e| HttpError::Tls(e.to_string()))?;
    let mut s = StreamOwned::new(conn, stream);
    let mut head = (String::new(), String::new(), Vec::new());
    let read = read_message(&mut s, |buf| {
        let mut hs = [httparse::EMPTY_HEADER; 32];
        let mut req = httparse::Request::new(&mut hs);
        match req.parse(buf).map_err(|e| e.to_string())? {
            httparse::Status::Partial => Ok(None),
            httparse::Status::Complete(n) => {
                head = (
                    req.method.unwrap_or("").to_string(),
                    req.path.unwrap_or("").to_string(),
                    req.headers
                        .iter()
                        .map(|h| {
                            (
                                h.name.to_string(),
                                String::from_utf8_lossy(h.value).into_owned(),
                            )
                        })
                        .collect(),
                );
                let len = content_length(req.headers.iter().map(|h| (h.name, h.value)))?;
                Ok(Some((n, len)))
            }
        }
    });
    let response = match read {
        Ok((body, _)) => handler(Request {
            method: head.0,
            target: head.1,
            headers: head.2,
            body,
        }),
        Err(HttpError::Protocol(e)) => Response::text(400, &e),
        Err(e) => return Err(e),
    };
    let reason = match response.status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        409 => "Conflict",
        _ => "Error",
    };
    let head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Length: {}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
        response.status,
        response.body.len()
    );
    s.write_all(&one_message(head, &response.body))
        .and_then(|_| s.flush())
        .map_err(|e| HttpError::Unreachable(e.to_string()))?;
    s.conn.send_close_notify();
    let _ = s.flush();
    Ok(())
}

/// Where the hub is: `https://host[:port]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubUrl {
    pub host: String,
    pub port: u16,
}

impl HubUrl {
    pub fn parse(url: &str) -> Result<HubUrl, String> {
        let rest = url
            .trim()
            .strip_prefix("https://")
            .ok_or_else(|| format!("[sync] url {url:?}: must start with https://"))?;
        let rest = rest.trim_end_matches('/');
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (
                h,
                p.parse()
                    .map_err(|_| format!("[sync] url {url:?}: bad port {p:?}"))?,
            ),
            _ => (rest, 443),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || host.contains('/') {
            return Err(format!("[sync] url {url:?}: no host"));
        }
        Ok(HubUrl {
            host: host.to_string(),
            port,
        })
    }
}

/// The laptop's side: one HTTPS request per call.
#[derive(Clone)]
pub struct Client {
    url: HubUrl,
    tls: Arc<ClientConfig>,
    timeout: Duration,
}

impl Client {
    pub fn new(url: HubUrl, tls: Arc<ClientConfig>, timeout: Duration) -> Client {
        Client { url, tls, timeout }
    }

    /// Send one request; the answer's status and body.
    pub fn call(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<(u16, Vec<u8>), HttpError> {
        let host = &self.url.host;
        let addrs: Vec<_> = (host.as_str(), self.url.port)
            .to_socket_addrs()
            .map_err(|e| HttpError::Unreachable(format!("{host}: {e}")))?
            .collect();
        let mut tcp = Err(HttpError::Unreachable(format!("{host}: no address")));
        for a in &addrs {
            match TcpStream::connect_timeout(a, self.timeout) {
                Ok(s) => {
                    tcp = Ok(s);
                    break;
                }
                Err(e) => tcp = Err(HttpError::Unreachable(format!("{host}: {e}"))),
            }
        }
        let tcp = tcp?;
        tcp.set_read_timeout(Some(IO_TIMEOUT))
            .and_then(|_| tcp.set_write_timeout(Some(IO_TIMEOUT)))
            .and_then(|_| tcp.set_nodelay(true))
            .map_err(|e| HttpError::Unreachable(e.to_string()))?;
        let name = ServerName::try_from(host.clone())
            .map_err(|e| HttpError::Tls(format!("{host}: {e}")))?;
        let conn = ClientConnection::new(self.tls.clone(), name)
            .map_err(|e| HttpError::Tls(e.to_string()))?;
        let mut s = StreamOwned::new(conn, tcp);
        let mut head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        s.write_all(&one_message(head, body))
            .and_then(|_| s.flush())
            .map_err(tls_or_unreachable)?;
        let mut status = 0;
        let (body, _) = read_message(&mut s, |buf| {
            let mut hs = [httparse::EMPTY_HEADER; 32];
            let mut res = httparse::Response::new(&mut hs);
            match res.parse(buf).map_err(|e| e.to_string())? {
                httparse::Status::Partial => Ok(None),
                httparse::Status::Complete(n) => {
                    status = res.code.unwrap_or(0);
                    let len = content_length(res.headers.iter().map(|h| (h.name, h.value)))?;
                    Ok(Some((n, len)))
                }
            }
        })
        .map_err(|e| match e {
            HttpError::Unreachable(m) if m.contains("certificate") || m.contains("Certificate") => {
                HttpError::Tls(m)
            }
            e => e,
        })?;
        Ok((status, body))
    }
}

/// A certificate the laptop does not trust is not "offline": say so.
fn tls_or_unreachable(e: std::io::Error) -> HttpError {
    let m = e.to_string();
    if e.kind() == std::io::ErrorKind::InvalidData {
        HttpError::Tls(m)
    } else {
        HttpError::Unreachable(m)
    }
}
