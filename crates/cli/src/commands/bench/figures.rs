//! The figures a benchmark reports: printed as a table, or as JSON with `--format json`.

use anyhow::Result;
use serde_json::{Value, json};

use crate::output::Format;

/// Named measurements of one benchmark run.
#[derive(Debug, Default)]
pub struct Figures {
    rows: Vec<(String, f64, &'static str)>,
    notes: Vec<String>,
}

impl Figures {
    /// Records `value` (in `unit`) under `name`.
    pub fn add(&mut self, name: impl Into<String>, value: f64, unit: &'static str) {
        self.rows.push((name.into(), value, unit));
    }

    /// Records a remark (e.g. why a peer was not measured).
    pub fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }

    /// Prints the figures in `format` (CSV prints as the table).
    pub fn print(&self, title: &str, format: Format) -> Result<()> {
        if format == Format::Json {
            let figures: Vec<Value> = self
                .rows
                .iter()
                .map(|(name, value, unit)| json!({"name": name, "value": value, "unit": unit}))
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(
                    &json!({"benchmark": title, "figures": figures, "notes": self.notes})
                )?
            );
            return Ok(());
        }
        println!("{title}");
        let width = self.rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
        for (name, value, unit) in &self.rows {
            let shown = if value.abs() >= 100.0 || value.fract() == 0.0 {
                format!("{value:.0}")
            } else {
                format!("{value:.3}")
            };
            println!("  {name:<width$}  {shown:>12} {unit}");
        }
        for note in &self.notes {
            println!("  note: {note}");
        }
        Ok(())
    }
}
