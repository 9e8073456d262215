//! Real-time mode: batches are written in time slices, each when the wall
//! clock reaches its simulated time (scaled by the speed).

use std::time::Duration;

use tokio::time::Instant;

use crate::error::SimError;
use crate::events::Batch;
use crate::outputs::Sink;
use crate::simulation::write_all;

/// Paces writes to the simulated clock.
#[derive(Debug)]
pub(crate) struct Pacer {
    /// Simulated seconds per wall-clock second.
    speed: f64,
    /// The simulated time at which pacing started.
    origin_ms: i64,
    /// When pacing started.
    started: Instant,
    /// Simulated milliseconds per slice (about 0.2 s of wall time, 1 s to 1 h).
    slice_ms: i64,
}

impl Pacer {
    /// Paces at `speed` from simulated time `origin_ms`, starting now.
    pub(crate) fn new(speed: f64, origin_ms: i64) -> Pacer {
        Pacer {
            speed,
            origin_ms,
            started: Instant::now(),
            slice_ms: ((speed * 200.0) as i64).clamp(1_000, 3_600_000),
        }
    }

    /// Writes `batch` slice by slice, each once its time has come.
    pub(crate) async fn write(
        &self,
        sinks: &mut [Box<dyn Sink>],
        batch: &Batch,
    ) -> Result<(), SimError> {
        let (events, changes) = (&batch.events, &batch.changes);
        let (mut event, mut change) = (0, 0);
        while event < events.len() || change < changes.len() {
            let next_event = events.get(event).map_or(i64::MAX, |e| e.timestamp_ms);
            let next_change = changes.get(change).map_or(i64::MAX, |c| c.timestamp_ms);
            let until = next_event.min(next_change).saturating_add(self.slice_ms);
            let event_end = event + events[event..].partition_point(|e| e.timestamp_ms < until);
            let change_end = change + changes[change..].partition_point(|c| c.timestamp_ms < until);
            self.sleep_until(until).await;
            write_all(sinks, batch.slice(event..event_end, change..change_end)).await?;
            (event, change) = (event_end, change_end);
        }
        Ok(())
    }

    /// Sleeps until the wall clock matches simulated time `ms`.
    async fn sleep_until(&self, ms: i64) {
        let seconds = ((ms - self.origin_ms) as f64 / 1000.0 / self.speed).max(0.0);
        tokio::time::sleep_until(self.started + Duration::from_secs_f64(seconds.min(1e9))).await;
    }
}
