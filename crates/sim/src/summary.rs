//! What a run reports: progress per simulated day and the summary at the end.

use std::fmt;
use std::time::Duration;

use chrono::NaiveDate;

/// Progress after one simulated day has been written to every sink.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DayProgress {
    /// Days done (1 after the first day).
    pub days_done: u32,
    /// Days in the run.
    pub days: u32,
    /// The date just simulated.
    pub date: NaiveDate,
    /// Events so far.
    pub events: u64,
    /// Orders so far.
    pub orders: u64,
    /// Revenue so far.
    pub revenue: f64,
}

/// Totals of a finished run. Everything but `duration` is determined by the
/// parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SimSummary {
    /// Simulated days.
    pub days: u32,
    /// Simulated people.
    pub people: u32,
    /// Customer accounts in the database at the end (people plus second accounts).
    pub customers: u32,
    /// Sessions.
    pub sessions: u64,
    /// Clickstream events.
    pub events: u64,
    /// Orders.
    pub orders: u64,
    /// Revenue of the orders.
    pub revenue: f64,
    /// People who churned.
    pub churned_customers: u64,
    /// OLTP rows inserted.
    pub inserts: u64,
    /// OLTP rows updated.
    pub updates: u64,
    /// OLTP rows deleted.
    pub deletes: u64,
    /// Wall-clock time of the run.
    pub duration: Duration,
}

impl SimSummary {
    /// Orders per session.
    pub fn conversion_rate(&self) -> f64 {
        if self.sessions == 0 {
            0.0
        } else {
            self.orders as f64 / self.sessions as f64
        }
    }

    /// Events generated per wall-clock second.
    pub fn events_per_second(&self) -> f64 {
        self.events as f64 / self.duration.as_secs_f64().max(1e-9)
    }
}

impl fmt::Display for SimSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} days, {} people ({} customer accounts): {} sessions, {} events, {} orders ({:.1}% conversion), \
             revenue {:.2}, {} churned; OLTP {} inserts, {} updates, {} deletes; in {:.2} s",
            self.days,
            self.people,
            self.customers,
            self.sessions,
            self.events,
            self.orders,
            100.0 * self.conversion_rate(),
            self.revenue,
            self.churned_customers,
            self.inserts,
            self.updates,
            self.deletes,
            self.duration.as_secs_f64()
        )
    }
}
