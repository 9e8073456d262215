//! [`Simulation`]: builds the world, simulates day after day, and hands each
//! day's batch to the sinks.

use std::sync::Arc;
use std::time::Instant;

use tracing::{debug, info};

use crate::behaviour::state::{AccountState, PersonState, ProductState};
use crate::behaviour::{self, DayContext, DayStats, Output, Scratch, shop};
use crate::calendar::{Calendar, DAY_MS};
use crate::error::SimError;
use crate::events::{Batch, BatchView, Platform};
use crate::ground_truth::GroundTruth;
use crate::oltp::{Op, rows};
use crate::outputs::Sink;
use crate::pacing::Pacer;
use crate::params::SimParams;
use crate::summary::{DayProgress, SimSummary};
use crate::world::World;

/// A deterministic retail simulation: the same parameters (seed included)
/// give identical events, changes and ground truth, whatever the machine or
/// runtime. Each person's day draws from its own random stream derived from
/// the seed, the person and the day.
#[derive(Debug)]
pub struct Simulation {
    params: SimParams,
    world: Arc<World>,
    calendar: Calendar,
    people: Vec<PersonState>,
    accounts: Vec<AccountState>,
    products: Vec<ProductState>,
    out: Output,
    ran: bool,
    truth: Option<GroundTruth>,
}

/// Running totals over the batches written.
#[derive(Debug, Default)]
struct Totals {
    days: DayStats,
    events: u64,
    inserts: u64,
    updates: u64,
    deletes: u64,
}

impl Totals {
    /// Adds a batch.
    fn count(&mut self, batch: &Batch) {
        self.events += batch.events.len() as u64;
        for change in &batch.changes {
            match change.op {
                Op::Insert(_) => self.inserts += 1,
                Op::Update { .. } => self.updates += 1,
                Op::Delete { .. } => self.deletes += 1,
            }
        }
    }

    /// Adds a day's stats.
    fn add_day(&mut self, stats: DayStats) {
        self.days.sessions += stats.sessions;
        self.days.orders += stats.orders;
        self.days.revenue += stats.revenue;
        self.days.churned += stats.churned;
    }
}

impl Simulation {
    /// Validates `params` and builds the world (catalogue, people, accounts).
    pub fn new(params: SimParams) -> Result<Simulation, SimError> {
        params.validate()?;
        let world = Arc::new(World::generate(&params));
        let calendar = Calendar::new(params.seed, params.start_date, params.days);
        let accounts = world
            .accounts
            .iter()
            .map(|account| AccountState {
                registered: account.registered,
                profile: account.profile.clone(),
            })
            .collect();
        let out = Output {
            batch: Batch::new(Arc::clone(&world), None, params.start_date),
            reviews: Vec::new(),
            stats: DayStats::default(),
            ids: Default::default(),
            scratch: Scratch::default(),
        };
        Ok(Simulation {
            people: vec![PersonState::default(); world.people.len()],
            products: shop::opening_state(&world.catalog),
            accounts,
            calendar,
            world,
            params,
            out,
            ran: false,
            truth: None,
        })
    }

    /// The parameters.
    pub fn params(&self) -> &SimParams {
        &self.params
    }

    /// The world (catalogue, people, accounts).
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The ground truth, once [`Simulation::run`] has finished.
    pub fn ground_truth(&self) -> Option<&GroundTruth> {
        self.truth.as_ref()
    }

    /// Runs the simulation once: writes the initial load (simulation row,
    /// catalogue, customers), every day, and the closing update to all
    /// `sinks` (concurrently), calling `progress` after each day; then gives
    /// every sink the ground truth. In real-time mode each day is written in
    /// slices paced to the simulated clock.
    pub async fn run(
        &mut self,
        sinks: &mut [Box<dyn Sink>],
        mut progress: impl FnMut(&DayProgress),
    ) -> Result<SimSummary, SimError> {
        if self.ran {
            return Err(SimError::AlreadyRan);
        }
        self.ran = true;
        let started = Instant::now();
        let outputs: Vec<String> = sinks.iter().map(|sink| sink.describe()).collect();
        info!(
            customers = self.params.customers,
            products = self.params.products,
            days = self.params.days,
            seed = self.params.seed,
            ?outputs,
            "simulation starting"
        );
        let mut totals = Totals::default();
        let opening = self.opening_batch();
        totals.count(&opening);
        write_all(sinks, opening.view()).await?;
        let pacer = self
            .params
            .realtime_speed
            .map(|speed| Pacer::new(speed, self.calendar.day_start_ms(0)));
        for day in 0..self.params.days {
            let batch = self.simulate_day(day);
            totals.count(&batch);
            totals.add_day(self.out.stats);
            match &pacer {
                Some(pacer) => pacer.write(sinks, &batch).await?,
                None => write_all(sinks, batch.view()).await?,
            }
            debug!(
                day,
                events = batch.events.len(),
                changes = batch.changes.len(),
                "day written"
            );
            progress(&DayProgress {
                days_done: day + 1,
                days: self.params.days,
                date: batch.date,
                events: totals.events,
                orders: totals.days.orders,
                revenue: totals.days.revenue,
            });
        }
        let closing = self.closing_batch();
        totals.count(&closing);
        write_all(sinks, closing.view()).await?;
        let truth = GroundTruth::collect(&self.world, &self.people, &self.calendar);
        for sink in sinks.iter_mut() {
            sink.finish(&truth).await?;
        }
        let customers = truth
            .persons
            .iter()
            .map(|person| person.customer_ids.len() as u32)
            .sum();
        self.truth = Some(truth);
        let summary = SimSummary {
            days: self.params.days,
            people: self.params.customers,
            customers,
            sessions: totals.days.sessions,
            events: totals.events,
            orders: totals.days.orders,
            revenue: (totals.days.revenue * 100.0).round() / 100.0,
            churned_customers: totals.days.churned,
            inserts: totals.inserts,
            updates: totals.updates,
            deletes: totals.deletes,
            duration: started.elapsed(),
        };
        info!(%summary, "simulation finished");
        Ok(summary)
    }

    /// The initial load: the simulation row, the catalogue and every first
    /// account, just before the first day.
    fn opening_batch(&self) -> Batch {
        let at = self.calendar.day_start_ms(0) - 60_000;
        let mut batch = Batch::new(Arc::clone(&self.world), None, self.params.start_date);
        batch.changes.push(rows::simulation(&self.params, at));
        let catalog = &self.world.catalog;
        batch.changes.extend(
            catalog
                .products
                .iter()
                .map(|product| rows::product(product, catalog, at)),
        );
        for person in &self.world.people {
            let account = &self.world.accounts[person.primary as usize];
            let weights = person.traits.platform_weights;
            let main = weights
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .map_or(0, |(index, _)| index);
            batch.changes.push(rows::customer(
                account,
                account.registered,
                Platform::ALL[main],
                at,
            ));
        }
        batch
    }

    /// Simulates day `day`: morning prices, every person's day, overnight ratings.
    fn simulate_day(&mut self, day: u32) -> Batch {
        let day_start = self.calendar.day_start_ms(day);
        self.out.batch = Batch::new(Arc::clone(&self.world), Some(day), self.calendar.date(day));
        self.out.stats = DayStats::default();
        let promotion = self.calendar.promotion(day);
        shop::reprice(
            &self.world.catalog,
            promotion,
            &mut self.products,
            &mut self.out.batch,
            day_start,
        );
        let ctx = DayContext {
            world: &self.world,
            params: &self.params,
            calendar: &self.calendar,
            day,
            day_start,
            promotion,
            products: &self.products,
        };
        for (index, state) in self.people.iter_mut().enumerate() {
            behaviour::live_day(&ctx, index as u32, state, &mut self.accounts, &mut self.out);
        }
        let overnight = day_start + DAY_MS - 1000;
        shop::fold_reviews(
            &self.world.catalog,
            &mut self.out.reviews,
            &mut self.products,
            &mut self.out.batch,
            overnight,
        );
        let mut batch = std::mem::replace(
            &mut self.out.batch,
            Batch::new(Arc::clone(&self.world), None, self.params.start_date),
        );
        batch.events.sort_by_key(|event| event.timestamp_ms);
        for event in &mut batch.events {
            event.id = self.out.ids.event();
        }
        batch.changes.sort_by_key(|change| change.timestamp_ms);
        batch
    }

    /// The closing update: the simulation row is marked finished.
    fn closing_batch(&self) -> Batch {
        let end = self.calendar.day_start_ms(self.params.days);
        let mut batch = Batch::new(
            Arc::clone(&self.world),
            None,
            self.calendar.date(self.params.days),
        );
        batch.changes.push(rows::simulation_finished(end));
        batch
    }
}

/// Writes one view to every sink, concurrently.
pub(crate) async fn write_all(
    sinks: &mut [Box<dyn Sink>],
    view: BatchView<'_>,
) -> Result<(), SimError> {
    futures::future::try_join_all(sinks.iter_mut().map(|sink| sink.write(view))).await?;
    Ok(())
}
