//! Behaviour over simulated days: each person's day (deliveries, churn,
//! sessions), driven by their persona, tastes and experiences.

pub(crate) mod aftercare;
pub(crate) mod cart;
pub(crate) mod fulfilment;
pub(crate) mod preference;
pub(crate) mod ranking;
pub(crate) mod session;
pub(crate) mod shop;
pub(crate) mod state;

use rand::RngExt;
use rand_distr::{Distribution, Poisson};

use self::session::{Session, Visit};
use self::state::{AccountState, Ids, PersonState, ProductState};
use crate::calendar::{Calendar, Promotion};
use crate::events::Batch;
use crate::params::SimParams;
use crate::seed::{self, Purpose, SimRng};
use crate::world::World;
use crate::world::customers::Person;

/// Daily fading of frustration.
const FRUSTRATION_DECAY: f64 = 0.98;
/// How much frustration multiplies the churn risk.
const FRUSTRATION_CHURN: f64 = 6.0;
/// The most sessions a person has in a day.
const MAX_SESSIONS: u32 = 6;
/// The shortest gap between two sessions of one person.
const SESSION_GAP_MS: i64 = 60_000;

/// What every person sees on one day.
#[derive(Debug)]
pub(crate) struct DayContext<'a> {
    /// The world.
    pub(crate) world: &'a World,
    /// The run's parameters (knobs, seed).
    pub(crate) params: &'a SimParams,
    /// The calendar.
    pub(crate) calendar: &'a Calendar,
    /// The day (from 0).
    pub(crate) day: u32,
    /// Midnight starting the day, ms since the Unix epoch.
    pub(crate) day_start: i64,
    /// Today's promotion.
    pub(crate) promotion: Option<Promotion>,
    /// Product prices and ratings as of this morning.
    pub(crate) products: &'a [ProductState],
}

/// Running totals of one day.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct DayStats {
    /// Sessions started.
    pub(crate) sessions: u64,
    /// Orders placed.
    pub(crate) orders: u64,
    /// Revenue of those orders.
    pub(crate) revenue: f64,
    /// People who left for good.
    pub(crate) churned: u64,
}

/// Reusable buffers for rankings.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Candidate products.
    pub(crate) candidates: Vec<u32>,
    /// Scored candidates.
    pub(crate) scored: Vec<(f64, u32)>,
    /// The products shown.
    pub(crate) shown: Vec<u32>,
    /// Today's visits of the current person.
    pub(crate) visits: Vec<(i64, Visit)>,
}

/// Where the day's activity goes, plus the id counters and buffers that
/// last across days.
#[derive(Debug)]
pub(crate) struct Output {
    /// The day's events and changes.
    pub(crate) batch: Batch,
    /// Today's reviews `(product index, stars)`, folded into ratings overnight.
    pub(crate) reviews: Vec<(u32, u8)>,
    /// Today's totals.
    pub(crate) stats: DayStats,
    /// Id counters.
    pub(crate) ids: Ids,
    /// Buffers.
    pub(crate) scratch: Scratch,
}

/// Lives one day of person `index`: deliveries, then (unless they have left)
/// the churn decision and their sessions.
pub(crate) fn live_day(
    ctx: &DayContext<'_>,
    index: u32,
    state: &mut PersonState,
    accounts: &mut [AccountState],
    out: &mut Output,
) {
    let person = &ctx.world.people[index as usize];
    let mut rng = seed::rng(
        ctx.params.seed,
        Purpose::PersonDay,
        u64::from(index),
        u64::from(ctx.day),
    );
    fulfilment::advance(ctx, person, state, out, &mut rng);
    if state.churned_on.is_some() {
        return;
    }
    if leaves_today(person, state, &mut rng) {
        state.churned_on = Some(ctx.day);
        state.reviews_due.clear();
        state.chats_due.clear();
        out.stats.churned += 1;
        return;
    }
    let mut visits = std::mem::take(&mut out.scratch.visits);
    plan_visits(ctx, person, state, &mut rng, &mut visits);
    for &(start, visit) in &visits {
        let start = start.max(state.busy_until + SESSION_GAP_MS);
        Session::new(ctx, person, state, accounts, out, &mut rng).run(visit, start);
    }
    visits.clear();
    out.scratch.visits = visits;
}

/// Whether the person leaves for good today; frustration fades first.
fn leaves_today(person: &Person, state: &mut PersonState, rng: &mut SimRng) -> bool {
    state.frustration *= FRUSTRATION_DECAY;
    let hazard =
        person.persona.profile().base_churn * (1.0 + FRUSTRATION_CHURN * state.frustration);
    rng.random_bool(hazard.min(1.0))
}

/// Today's visits, by start time: shopping sessions (seasonal, more on
/// promotions, fewer when frustrated), due support chats, and the
/// registration of a second account.
fn plan_visits(
    ctx: &DayContext<'_>,
    person: &Person,
    state: &mut PersonState,
    rng: &mut SimRng,
    visits: &mut Vec<(i64, Visit)>,
) {
    let traits = &person.traits;
    let promo = ctx.promotion.map_or(1.0, |promotion| {
        let response = person.persona.profile().promo_response - 1.0;
        if traits.likings[usize::from(promotion.category)] > 0.5 {
            1.0 + response
        } else {
            1.0 + 0.3 * response
        }
    });
    let rate =
        traits.visits_per_day * ctx.calendar.demand(ctx.day) * promo / (1.0 + state.frustration);
    let sessions = Poisson::new(rate).map_or(0.0, |poisson| poisson.sample(rng)) as u32;
    for _ in 0..sessions.min(MAX_SESSIONS) {
        visits.push((ctx.day_start + ctx.calendar.time_of_day(rng), Visit::Shop));
    }
    state.chats_due.retain(|chat| {
        let today = chat.at.day == ctx.day;
        if today {
            visits.push((chat.at.at, Visit::Support(*chat)));
        }
        !today
    });
    if let Some(plan) = person.duplicate
        && plan.day == ctx.day
        && !state.second_account_open
    {
        visits.push((
            ctx.day_start + ctx.calendar.time_of_day(rng),
            Visit::OpenSecondAccount(plan.account),
        ));
    }
    visits.sort_by_key(|&(start, _)| start);
}
