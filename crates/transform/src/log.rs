//! dbt's log lines: `HH:MM:SS  1 of 12 START sql table model gold.customers .... [RUN]`.

use std::io::Write;
use std::sync::Mutex;

/// Where an invocation's lines go; on a terminal, with a progress line under them.
pub struct Log {
    out: Mutex<Box<dyn Write + Send>>,
    quiet: bool,
    /// Whether to show a progress line (standard error is a terminal and not quiet).
    progress: bool,
    bar: Mutex<Option<indicatif::ProgressBar>>,
}

/// Width of a line before its `[STATUS]`.
const LINE_WIDTH: usize = 80;

impl Log {
    /// Lines to `out`; with `quiet`, only errors. `progress` shows a progress line on
    /// standard error while nodes run.
    pub fn new(out: Box<dyn Write + Send>, quiet: bool, progress: bool) -> Self {
        Self {
            out: Mutex::new(out),
            quiet,
            progress: progress && !quiet,
            bar: Mutex::new(None),
        }
    }

    /// Starts the progress line for `total` nodes.
    pub fn start_progress(&self, total: usize) {
        if !self.progress {
            return;
        }
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} nodes, {elapsed} {msg}")
                .expect("a valid progress template"),
        );
        *self.bar.lock().expect("progress lock is never poisoned") = Some(bar);
    }

    /// Counts a finished node on the progress line.
    pub fn advance(&self, node: &str) {
        if let Some(bar) = self
            .bar
            .lock()
            .expect("progress lock is never poisoned")
            .as_ref()
        {
            bar.set_message(node.to_string());
            bar.inc(1);
        }
    }

    /// Removes the progress line.
    pub fn finish_progress(&self) {
        if let Some(bar) = self
            .bar
            .lock()
            .expect("progress lock is never poisoned")
            .take()
        {
            bar.finish_and_clear();
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
        let write = || {
            let mut out = self.out.lock().expect("log lock is never poisoned");
            for line in message.lines() {
                let _ = writeln!(out, "{time}  {line}");
            }
            if message.is_empty() {
                let _ = writeln!(out, "{time}  ");
            }
            let _ = out.flush();
        };
        // The progress line steps aside while a line is written.
        match self
            .bar
            .lock()
            .expect("progress lock is never poisoned")
            .as_ref()
        {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
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

    #[derive(Clone, Default)]
    struct Buffer(std::sync::Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_pass_the_progress_line_and_quiet_keeps_errors_only() {
        let buffer = Buffer::default();
        let log = Log::new(Box::new(buffer.clone()), false, true);
        log.start_progress(2);
        log.progress(1, 2, "START sql table model gold.a", "RUN");
        log.advance("a");
        log.finish_progress();
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        assert!(
            text.contains("1 of 2 START sql table model gold.a"),
            "{text}"
        );
        let quiet = Buffer::default();
        let log = Log::new(Box::new(quiet.clone()), true, true);
        log.info("hidden");
        log.error("shown");
        let text = String::from_utf8(quiet.0.lock().unwrap().clone()).unwrap();
        assert!(!text.contains("hidden") && text.contains("shown"), "{text}");
    }

    #[test]
    fn lines_are_padded_like_dbt() {
        let line = dotted(1, 11, "START seed file lf_ref.raw_customers", "RUN");
        assert_eq!(
            line,
            "1 of 11 START seed file lf_ref.raw_customers ................................... [RUN]"
        );
    }
}
