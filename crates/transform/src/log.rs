//! dbt's log lines: `HH:MM:SS  1 of 12 START sql table model gold.customers .... [RUN]`.

use std::io::Write;
use std::sync::Mutex;

/// Where an invocation's lines go.
pub struct Log {
    out: Mutex<Box<dyn Write + Send>>,
    quiet: bool,
}

/// Width of a line before its `[STATUS]`.
const LINE_WIDTH: usize = 80;

impl Log {
    /// Lines to `out`; with `quiet`, only errors.
    pub fn new(out: Box<dyn Write + Send>, quiet: bool) -> Self {
        Self {
            out: Mutex::new(out),
            quiet,
        }
    }

    /// An information line.
    pub fn info(&self, message: &str) {
        if !self.quiet {
            self.line(message);
        }
    }

    /// An error line (shown even with `--quiet`).
    pub fn error(&self, message: &str) {
        self.line(message);
    }

    fn line(&self, message: &str) {
        let time = chrono::Local::now().format("%H:%M:%S");
        let mut out = self.out.lock().expect("log lock is never poisoned");
        for line in message.lines() {
            let _ = writeln!(out, "{time}  {line}");
        }
        if message.is_empty() {
            let _ = writeln!(out, "{time}  ");
        }
        let _ = out.flush();
    }

    /// Lines as they are, without a time (what `ls` prints).
    pub fn print_raw(&self, text: &str) {
        let mut out = self.out.lock().expect("log lock is never poisoned");
        if !text.is_empty() {
            let _ = writeln!(out, "{text}");
        }
        let _ = out.flush();
    }

    /// `1 of 12 START sql table model gold.customers ....... [RUN]`.
    pub fn progress(&self, index: usize, total: usize, text: &str, status: &str) {
        self.info(&dotted(index, total, text, status));
    }

    /// A progress line for a failure (shown even with `--quiet`).
    pub fn progress_error(&self, index: usize, total: usize, text: &str, status: &str) {
        self.error(&dotted(index, total, text, status));
    }
}

/// The text padded with dots to dbt's width, then the status in brackets.
pub fn dotted(index: usize, total: usize, text: &str, status: &str) -> String {
    let head = format!("{index} of {total} {text} ");
    let dots = LINE_WIDTH.saturating_sub(head.chars().count());
    format!("{head}{} [{status}]", ".".repeat(dots))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_padded_like_dbt() {
        let line = dotted(1, 11, "START seed file lf_ref.raw_customers", "RUN");
        assert_eq!(
            line,
            "1 of 11 START seed file lf_ref.raw_customers ................................... [RUN]"
        );
    }
}
