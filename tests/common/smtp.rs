//! A real SMTP server on loopback (`tests/smtp_sink.py`, aiosmtpd) and what it received.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

/// One message the sink accepted.
#[derive(Debug, Clone, Deserialize)]
pub struct Received {
    /// Envelope sender.
    pub mail_from: String,
    /// Envelope recipients.
    pub rcpt_tos: Vec<String>,
    /// Decoded subject.
    pub subject: String,
    /// The `Message-ID` header.
    pub message_id: String,
    /// Plain-text body, line ends as `\n`.
    pub body: String,
    /// The message as received.
    pub raw: String,
}

/// A running sink; stopped (SIGKILL) when dropped.
pub struct SmtpSink {
    child: Option<Child>,
    /// The loopback port it listens on.
    pub port: u16,
    dir: PathBuf,
    _owned_dir: Option<tempfile::TempDir>,
}

/// A loopback port that nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

impl SmtpSink {
    /// A sink on a free port, writing to a fresh directory.
    pub fn start() -> SmtpSink {
        SmtpSink::start_failing(0)
    }

    /// A sink that refuses its first `n` messages with a 451.
    pub fn start_failing(n: u32) -> SmtpSink {
        let dir = tempfile::tempdir().expect("sink dir");
        let mut sink = SmtpSink::start_at(free_port(), dir.path(), n);
        sink._owned_dir = Some(dir);
        sink
    }

    /// A sink on `port` writing to `dir` (which the caller keeps), e.g. a server coming back.
    pub fn start_at(port: u16, dir: &Path, fail_first: u32) -> SmtpSink {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp_sink.py");
        // A file, not a pipe: a pipe nobody reads would block the sink once full.
        let log_path = dir.join(format!("sink-{port}.log"));
        let log = std::fs::File::create(&log_path).expect("sink log file");
        let mut child = Command::new("python3")
            .arg(&script)
            .args(["--port", &port.to_string()])
            .arg("--dir")
            .arg(dir)
            .args(["--fail-first", &fail_first.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("python3 runs (tests/smtp_sink.py needs `pip install aiosmtpd`)");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("sink stdout");
        let _ = BufReader::new(stdout).read_line(&mut line);
        if !line.starts_with("smtp sink listening on") {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "SMTP sink did not start (is aiosmtpd installed? `pip install aiosmtpd`): {line}{}",
                std::fs::read_to_string(&log_path).unwrap_or_default()
            );
        }
        SmtpSink {
            child: Some(child),
            port,
            dir: dir.to_path_buf(),
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

    /// Stops the server now (SIGKILL); what it received stays in its directory.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
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
    // Arrival order: the sink numbers files; after a restart the modification time decides.
    files.sort_by_key(|p| {
        (
            std::fs::metadata(p).and_then(|m| m.modified()).ok(),
            p.clone(),
        )
    });
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read received message");
            serde_json::from_str(&text).expect("sink writes JSON")
        })
        .collect()
}
