//! The byte stream under an IMAP session: TCP with one deadline for the whole run, turned
//! to TLS (from the first byte or by STARTTLS) with the public roots plus any `ca_file`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

use super::imap::ImapError;

/// The TCP stream under TLS: every read and write waits at most the per-read timeout and never
/// past the run's deadline, so a server trickling a byte every few seconds is cut off.
pub(crate) struct Deadlined {
    pub(crate) tcp: TcpStream,
    pub(crate) timeout: Duration,
    pub(crate) deadline: Instant,
    pub(crate) seconds: u64,
}

impl Deadlined {
    fn wait(&self) -> std::io::Result<Duration> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                DeadlinePassed(self.seconds),
            ));
        }
        Ok(left.min(self.timeout))
    }
}

/// The error a read carries when the deadline passed, to be told apart from a lost connection.
#[derive(Debug)]
struct DeadlinePassed(u64);

impl std::fmt::Display for DeadlinePassed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "deadline of {} s passed", self.0)
    }
}

impl std::error::Error for DeadlinePassed {}

impl Read for Deadlined {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let wait = self.wait()?;
        self.tcp.set_read_timeout(Some(wait))?;
        self.tcp.read(buf)
    }
}

impl Write for Deadlined {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let wait = self.wait()?;
        self.tcp.set_write_timeout(Some(wait))?;
        self.tcp.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tcp.flush()
    }
}

/// A two-way byte stream: TLS over TCP, or a scripted one in tests and fuzzing.
pub trait Duplex: Read + Write + Send {}
impl<T: Read + Write + Send> Duplex for T {}

/// What the session reads and writes: TCP before STARTTLS, TLS over TCP, or a scripted
/// stream in tests and fuzzing.
pub(crate) enum Link {
    Plain(Deadlined),
    Tls(Box<StreamOwned<ClientConnection, Deadlined>>),
    Other(Box<dyn Duplex>),
    /// Only while STARTTLS swaps the plain stream for TLS.
    Swapping,
}

impl Link {
    fn io(&mut self) -> std::io::Result<&mut dyn Duplex> {
        match self {
            Link::Plain(s) => Ok(s),
            Link::Tls(s) => Ok(s.as_mut()),
            Link::Other(s) => Ok(s.as_mut()),
            Link::Swapping => Err(std::io::ErrorKind::NotConnected.into()),
        }
    }
}

impl Read for Link {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.io()?.read(buf)
    }
}

impl Write for Link {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.io()?.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.io()?.flush()
    }
}

/// The trust anchors: the public web roots, plus the PEM certificates of `ca_file` (a company
/// server with its own authority, or the test server's self-signed certificate), read through
/// the bounded reader.
pub fn tls_config(ca_file: Option<&Path>) -> Result<Arc<ClientConfig>, ImapError> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = ca_file {
        let pem = crate::input::read_path(path).map_err(|e| ImapError::Tls(e.to_string()))?;
        let certs = CertificateDer::pem_slice_iter(&pem);
        let mut n = 0;
        for c in certs {
            let c = c.map_err(|e| ImapError::Tls(format!("{}: {e}", path.display())))?;
            roots
                .add(c)
                .map_err(|e| ImapError::Tls(format!("{}: {e}", path.display())))?;
            n += 1;
        }
        if n == 0 {
            return Err(ImapError::Tls(format!(
                "{}: no PEM certificate in the file",
                path.display()
            )));
        }
    }
    // ring rather than aws-lc-rs: no cmake or assembler in the build. rustls marks it
    // deprecated only for lacking post-quantum key exchange, which IMAP servers do not offer yet.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ImapError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// A read or write error, told as the deadline when that is what ended it (the last wait was
/// cut to the time left, so it timed out at the deadline).
pub(crate) fn io_error(e: std::io::Error, seconds: u64, deadline: Instant) -> ImapError {
    let timed_out = matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    );
    if e.get_ref().is_some_and(|i| i.is::<DeadlinePassed>())
        || (timed_out && Instant::now() >= deadline)
    {
        return ImapError::Deadline(seconds);
    }
    ImapError::Io(e)
}

/// Whole seconds from now to `deadline`, for the error that names it.
pub(crate) fn seconds_until(deadline: Instant) -> u64 {
    deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64()
        .ceil() as u64
}
