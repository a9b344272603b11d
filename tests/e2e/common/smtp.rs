//! A real SMTP server on loopback, run inside the test process, and what it received.
//!
//! The protocol is `mailin`'s (a maintained SMTP server state machine) over real TCP sockets;
//! messages are decoded with `mail-parser`. Nothing outside the Rust toolchain is needed. Every
//! accepted message is written to the sink's directory as one JSON file, atomically, so a sink
//! started again on the same port and directory (a mail server coming back) keeps the record.

use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::net::{IpAddr, Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use mailin::{Action, Handler, Response, SessionBuilder};
use serde::{Deserialize, Serialize};

/// One message the sink accepted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Received {
    /// Envelope sender.
    pub mail_from: String,
    /// Envelope recipients.
    pub rcpt_tos: Vec<String>,
    /// Decoded subject.
    pub subject: String,
    /// The `Message-ID` header, angle brackets included.
    pub message_id: String,
    /// Plain-text body, line ends as `\n`.
    pub body: String,
    /// The message as received.
    pub raw: String,
}

/// A running sink; stopped when dropped.
pub struct SmtpSink {
    /// The loopback port it listens on.
    pub port: u16,
    dir: PathBuf,
    running: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
    sessions: Arc<Mutex<Vec<JoinHandle<()>>>>,
    _owned_dir: Option<tempfile::TempDir>,
}

/// A loopback port that nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// What every session of one sink shares.
struct Shared {
    dir: PathBuf,
    fail_left: AtomicU32,
    counter: AtomicU64,
}

impl SmtpSink {
    /// A sink on a free port, writing to a fresh directory.
    pub fn start() -> SmtpSink {
        SmtpSink::start_failing(0)
    }

    /// A sink that refuses its first `n` messages with a 451 (a temporary failure) at DATA.
    pub fn start_failing(n: u32) -> SmtpSink {
        let dir = tempfile::tempdir().expect("sink dir");
        let mut sink = SmtpSink::start_at(free_port(), dir.path(), n);
        sink._owned_dir = Some(dir);
        sink
    }

    /// A sink on `port` writing to `dir` (which the caller keeps), e.g. a server coming back.
    pub fn start_at(port: u16, dir: &Path, fail_first: u32) -> SmtpSink {
        std::fs::create_dir_all(dir).expect("sink dir");
        let listener = bind(port);
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let running = Arc::new(AtomicBool::new(true));
        let sessions: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let shared = Arc::new(Shared {
            dir: dir.to_path_buf(),
            fail_left: AtomicU32::new(fail_first),
            counter: AtomicU64::new(0),
        });
        let acceptor = {
            let running = running.clone();
            let sessions = sessions.clone();
            std::thread::spawn(move || {
                while running.load(Ordering::SeqCst) {
                    match listener.accept() {
                        Ok((stream, peer)) => {
                            let (running, shared) = (running.clone(), shared.clone());
                            let h = std::thread::spawn(move || {
                                serve(stream, peer.ip(), &running, &shared);
                            });
                            sessions.lock().expect("sessions").push(h);
                        }
                        Err(e) if e.kind() == ErrorKind::WouldBlock => {
                            std::thread::sleep(Duration::from_millis(5));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
                // The listener is dropped here: the port refuses connections from now on.
            })
        };
        SmtpSink {
            port,
            dir: dir.to_path_buf(),
            running,
            acceptor: Some(acceptor),
            sessions,
            _owned_dir: None,
        }
    }

    /// `smtp://127.0.0.1:PORT`, for `CORRIDOR_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Where it writes what it receives.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Everything received so far, in order of arrival.
    pub fn received(&self) -> Vec<Received> {
        received_in(&self.dir)
    }

    /// Waits until at least `n` messages have arrived (panics after `timeout`).
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let start = Instant::now();
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            if start.elapsed() > timeout {
                panic!("expected {n} messages, the sink has {}", got.len());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server now: the port is closed and open sessions are cut; what it received
    /// stays in its directory.
    pub fn stop(&mut self) {
        self.running.store(false, Ordering::SeqCst);
        if let Some(a) = self.acceptor.take() {
            let _ = a.join();
        }
        let sessions: Vec<_> = std::mem::take(&mut *self.sessions.lock().expect("sessions"));
        for s in sessions {
            let _ = s.join();
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Binds `port` on loopback, waiting briefly for a sink stopped a moment ago to let go of it.
fn bind(port: u16) -> TcpListener {
    let start = Instant::now();
    loop {
        match TcpListener::bind(("127.0.0.1", port)) {
            Ok(l) => return l,
            Err(_) if start.elapsed() < Duration::from_secs(10) => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => panic!("SMTP sink cannot listen on 127.0.0.1:{port}: {e}"),
        }
    }
}

/// One SMTP session: lines in, `mailin`'s answers out, until the client quits or the sink stops.
fn serve(stream: TcpStream, peer: IpAddr, running: &AtomicBool, shared: &Arc<Shared>) {
    // Short reads so that a stopped sink notices within a tick, as a killed server would.
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(50)));
    let Ok(mut out) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let mut session = SessionBuilder::new("corridor-test-sink").build(
        peer,
        Message {
            shared: shared.clone(),
            from: String::new(),
            to: Vec::new(),
            data: Vec::new(),
        },
    );
    if session.greeting().write_to(&mut out).is_err() {
        return;
    }
    let mut line = Vec::new();
    while running.load(Ordering::SeqCst) {
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(_) if line.ends_with(b"\n") => {
                let response = session.process(&line);
                line.clear();
                match response.action {
                    Action::NoReply => {}
                    Action::Close => {
                        let _ = response.write_to(&mut out);
                        let _ = out.shutdown(Shutdown::Both);
                        return;
                    }
                    Action::Reply | Action::UpgradeTls => {
                        if response.write_to(&mut out).is_err() {
                            return;
                        }
                        let _ = out.flush();
                    }
                }
            }
            // A partial line (timeout mid-line): keep it and read on.
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return,
        }
    }
    let _ = out.shutdown(Shutdown::Both);
}

/// The message of one transaction as it arrives.
struct Message {
    shared: Arc<Shared>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Message {
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        // Refused at DATA rather than after the message: `mailin` keeps a session in its data
        // state after an error at the final dot, so the client's RSET would read as content.
        let refuse = self
            .shared
            .fail_left
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        if refuse {
            return Response::custom(451, "4.3.0 Sink told to fail: try again later".into());
        }
        self.from = from.to_string();
        self.to = to.to_vec();
        self.data.clear();
        mailin::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let record = decode(&self.from, &self.to, &self.data);
        match store(&self.shared, &record) {
            Ok(()) => mailin::response::OK,
            Err(_) => mailin::response::INTERNAL_ERROR,
        }
    }
}

/// Decodes what arrived into what the tests read.
fn decode(from: &str, to: &[String], raw: &[u8]) -> Received {
    let parsed = mail_parser::MessageParser::default().parse(raw);
    let header = |name: &str| {
        parsed
            .as_ref()
            .and_then(|m| m.header_raw(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    Received {
        mail_from: from.to_string(),
        rcpt_tos: to.to_vec(),
        subject: parsed
            .as_ref()
            .and_then(|m| m.subject().map(str::to_string))
            .unwrap_or_default(),
        message_id: header("Message-ID"),
        body: parsed
            .as_ref()
            .and_then(|m| m.body_text(0).map(|b| b.replace("\r\n", "\n")))
            .unwrap_or_default(),
        raw: String::from_utf8_lossy(raw).into_owned(),
    }
}

/// Writes one record atomically; names sort in order of arrival, across restarts too.
fn store(shared: &Shared, record: &Received) -> std::io::Result<()> {
    let n = shared.counter.fetch_add(1, Ordering::SeqCst);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let name = format!("{nanos:024}-{n:06}.json");
    let tmp = shared.dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, serde_json::to_vec(record)?)?;
    std::fs::rename(tmp, shared.dir.join(name))
}

/// The messages written to `dir`, in order of arrival.
pub fn received_in(dir: &Path) -> Vec<Received> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read received message");
            serde_json::from_str(&text).expect("sink writes JSON")
        })
        .collect()
}
