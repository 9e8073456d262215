//! One visit to the shop: searching and browsing recommendations, looking
//! through what is shown, and the end-of-session errands (cart, reviews,
//! support, profile). Cart and aftercare steps live in their own modules.

use rand::RngExt;

use super::preference::{add_chance, utility};
use super::ranking::rank;
use super::state::{AccountState, ChatDue, PersonState};
use super::{DayContext, Output};
use crate::events::{Event, EventKind, Platform, Query, QueryModifier, Span};
use crate::oltp::Change;
use crate::seed::SimRng;
use crate::texts::ChatTopic;
use crate::world::customers::Person;
use crate::world::persona::Persona;
use crate::world::products::{CATEGORY_COUNT, STYLES, pick_weighted};

/// Results on a search page.
const SEARCH_RESULTS: usize = 10;
/// Products from anywhere that a search engine of quality 0 mixes into the
/// candidates (fewer as quality rises).
const STRAY_RESULTS: usize = 20;
/// Recommendations shown at once.
const RECOMMENDATIONS: usize = 6;
/// Products considered for recommendations.
const RECOMMENDATION_CANDIDATES: usize = 24;
/// Chance to look at the next result after one.
const KEEP_SCANNING: f64 = 0.65;
/// How much less a product is wanted when it is not what was searched for.
const OFF_QUERY: f64 = 2.0;
/// Mean pause between two actions, ms.
const THINK_MS: f64 = 25_000.0;
/// Chance per session of a question to support.
const QUESTION_CHANCE: f64 = 0.015;
/// Chance per session that a registered customer edits their profile.
const PROFILE_EDIT_CHANCE: f64 = 0.02;

/// Why a person comes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Visit {
    /// To shop.
    Shop,
    /// To chat with support about something.
    Support(ChatDue),
    /// To register a second account (given by index), then shop.
    OpenSecondAccount(u32),
}

/// A session in progress.
pub(crate) struct Session<'s> {
    /// Today.
    pub(super) ctx: &'s DayContext<'s>,
    /// Who.
    pub(super) person: &'s Person,
    /// Their state.
    pub(super) state: &'s mut PersonState,
    /// All accounts' state.
    pub(super) accounts: &'s mut [AccountState],
    /// Where events and changes go.
    pub(super) out: &'s mut Output,
    /// The person's random stream for today.
    pub(super) rng: &'s mut SimRng,
    /// The account used (index).
    pub(super) account: u32,
    /// The platform used.
    pub(super) platform: Platform,
    /// `session_id`.
    pub(super) id: u64,
    /// The session's clock, ms since the Unix epoch.
    pub(super) now: i64,
    /// Product pages seen so far.
    pub(super) views: u8,
}

impl<'s> Session<'s> {
    /// A session of `person` (not started yet).
    pub(crate) fn new(
        ctx: &'s DayContext<'s>,
        person: &'s Person,
        state: &'s mut PersonState,
        accounts: &'s mut [AccountState],
        out: &'s mut Output,
        rng: &'s mut SimRng,
    ) -> Session<'s> {
        Session {
            ctx,
            person,
            state,
            accounts,
            out,
            rng,
            account: person.primary,
            platform: Platform::Web,
            id: 0,
            now: 0,
            views: 0,
        }
    }

    /// Runs the session from `start`.
    pub(crate) fn run(mut self, visit: Visit, start: i64) {
        self.now = start;
        self.id = self.out.ids.session();
        self.platform =
            Platform::ALL[pick_weighted(self.rng, self.person.traits.platform_weights.into_iter())];
        self.account = match visit {
            Visit::Shop => match self.person.duplicate {
                Some(plan) if self.state.second_account_open && self.rng.random_bool(0.5) => {
                    plan.account
                }
                _ => self.person.primary,
            },
            Visit::Support(chat) => chat.account,
            Visit::OpenSecondAccount(account) => account,
        };
        self.state.sessions += 1;
        self.out.stats.sessions += 1;
        match visit {
            Visit::Shop => {
                self.view_page();
                self.shop();
            }
            Visit::Support(chat) => {
                self.view_page();
                self.support_chat(chat.topic, chat.order_id);
            }
            Visit::OpenSecondAccount(_) => {
                self.open_second_account();
                self.shop();
            }
        }
        self.state.busy_until = self.now;
    }

    /// Searches and browses for a while, then deals with the cart and errands.
    fn shop(&mut self) {
        let profile = self.person.persona.profile();
        let resume_cart = self.cart_lines() > 0 && self.rng.random_bool(0.5);
        if !resume_cart {
            loop {
                let added = if self.rng.random_bool(profile.search_share) {
                    self.search()
                } else {
                    self.browse()
                };
                let go_on = if added { 0.35 } else { 0.6 };
                if self.views >= profile.max_views || !self.rng.random_bool(go_on) {
                    break;
                }
            }
        }
        self.consider_cart();
        self.write_reviews();
        if self.rng.random_bool(QUESTION_CHANCE) {
            let topic = if self.rng.random_bool(0.7) {
                ChatTopic::ProductQuestion
            } else {
                ChatTopic::AccountHelp
            };
            self.support_chat(topic, None);
        }
        if self.accounts[self.account as usize].registered
            && self.rng.random_bool(PROFILE_EDIT_CHANCE)
        {
            self.edit_profile();
        }
    }

    /// Searches a subcategory from a liked category and looks through the
    /// results. Returns whether something went into the cart.
    fn search(&mut self) -> bool {
        let (ctx, person) = (self.ctx, self.person);
        let catalog = &ctx.world.catalog;
        let traits = &person.traits;
        let on_sale = ctx
            .promotion
            .map(|promotion| usize::from(promotion.category));
        let category = pick_weighted(
            self.rng,
            (0..CATEGORY_COUNT)
                .map(|c| traits.likings[c] * if on_sale == Some(c) { 2.0 } else { 1.0 }),
        );
        let subcategories = &catalog.subcategories_of[category];
        let subcategory = subcategories[self.rng.random_range(0..subcategories.len())];
        let query = Query {
            subcategory,
            ..self.query_words(category)
        };
        let relevance = |index: u32| {
            let product = &catalog.products[index as usize];
            let kind = if product.subcategory == subcategory {
                0.0
            } else {
                -OFF_QUERY
            };
            let brand = if query.brand == Some(product.brand) {
                0.8
            } else {
                0.0
            };
            let words = match query.modifier {
                QueryModifier::Style(style) if style == product.style => 0.4,
                QueryModifier::Cheap => {
                    -0.5 * ctx.products[index as usize].price
                        / catalog.typical_price(product.category)
                }
                QueryModifier::Best => 0.3 * (ctx.products[index as usize].rating - 3.5),
                _ => 0.0,
            };
            utility(catalog, traits, index, &ctx.products[index as usize]) + kind + brand + words
        };
        // A poor engine also retrieves products from anywhere in the shop.
        let scratch = &mut self.out.scratch;
        scratch.candidates.clear();
        scratch
            .candidates
            .extend_from_slice(&catalog.by_category[category]);
        let strays = ((1.0 - ctx.params.search_quality) * STRAY_RESULTS as f64).round() as usize;
        for _ in 0..strays {
            scratch
                .candidates
                .push(self.rng.random_range(0..catalog.products.len() as u32));
        }
        rank(
            &scratch.candidates,
            SEARCH_RESULTS,
            ctx.params.search_quality,
            relevance,
            self.rng,
            &mut scratch.scored,
            &mut scratch.shown,
        );
        let results = &mut self.out.batch.results;
        let list = Span {
            start: results.len() as u32,
            len: scratch.shown.len() as u32,
        };
        results.extend_from_slice(&scratch.shown);
        let mut event = self.event(EventKind::Search);
        event.query = Some(query);
        event.list = list;
        self.emit(event);
        self.look_through_shown(Some(subcategory))
    }

    /// The brand and modifier a person adds to a query in `category`.
    fn query_words(&mut self, category: usize) -> Query {
        let none = Query {
            subcategory: 0,
            brand: None,
            modifier: QueryModifier::None,
        };
        match self.person.persona {
            Persona::BargainHunter if self.rng.random_bool(0.4) => Query {
                modifier: QueryModifier::Cheap,
                ..none
            },
            Persona::BrandLoyal if self.rng.random_bool(0.6) => {
                let catalog = &self.ctx.world.catalog;
                let brand =
                    self.person.traits.favourite_brands.into_iter().find(|&b| {
                        usize::from(catalog.brands[usize::from(b)].category) == category
                    });
                Query { brand, ..none }
            }
            _ => match self.rng.random_range(0..10) {
                0 => Query {
                    modifier: QueryModifier::Best,
                    ..none
                },
                1 | 2 => Query {
                    modifier: QueryModifier::Style(self.rng.random_range(0..STYLES.len() as u8)),
                    ..none
                },
                _ => none,
            },
        }
    }

    /// Looks at recommendations (mostly from liked categories) and looks
    /// through them. Returns whether something went into the cart.
    fn browse(&mut self) -> bool {
        let (ctx, person) = (self.ctx, self.person);
        let catalog = &ctx.world.catalog;
        let traits = &person.traits;
        let scratch = &mut self.out.scratch;
        scratch.candidates.clear();
        for _ in 0..RECOMMENDATION_CANDIDATES {
            let category = pick_weighted(self.rng, traits.likings.into_iter());
            let listed = &catalog.by_category[category];
            let product = if listed.is_empty() || self.rng.random_bool(0.3) {
                self.rng.random_range(0..catalog.products.len() as u32)
            } else {
                listed[self.rng.random_range(0..listed.len())]
            };
            scratch.candidates.push(product);
        }
        scratch.candidates.sort_unstable();
        scratch.candidates.dedup();
        let relevance = |index: u32| utility(catalog, traits, index, &ctx.products[index as usize]);
        rank(
            &scratch.candidates,
            RECOMMENDATIONS,
            ctx.params.recommendation_quality,
            relevance,
            self.rng,
            &mut scratch.scored,
            &mut scratch.shown,
        );
        self.look_through_shown(None)
    }

    /// Goes down the list just shown, viewing products and putting the ones
    /// wanted in the cart, until bored, out of views or satisfied. After a
    /// search for `sought` (a subcategory), other products are wanted less.
    fn look_through_shown(&mut self, sought: Option<u16>) -> bool {
        let shown = std::mem::take(&mut self.out.scratch.shown);
        let profile = self.person.persona.profile();
        let mut added = false;
        for (position, &product) in shown.iter().enumerate() {
            if self.views >= profile.max_views
                || (position > 0 && !self.rng.random_bool(KEEP_SCANNING))
            {
                break;
            }
            self.view_product(product);
            let catalog = &self.ctx.world.catalog;
            let off_query = sought
                .is_some_and(|sought| catalog.products[product as usize].subcategory != sought);
            let wanted = utility(
                catalog,
                &self.person.traits,
                product,
                &self.ctx.products[product as usize],
            ) - if off_query { OFF_QUERY } else { 0.0 };
            if self
                .rng
                .random_bool(add_chance(wanted, profile.buy_threshold))
            {
                self.add_to_cart(product);
                added = true;
                if !self.rng.random_bool(profile.multi_item) {
                    break;
                }
            }
        }
        self.out.scratch.shown = shown;
        added
    }

    /// Views the home page.
    fn view_page(&mut self) {
        let event = self.event(EventKind::View);
        self.emit(event);
    }

    /// Views a product page.
    fn view_product(&mut self, product: u32) {
        let mut event = self.event(EventKind::View);
        event.product_id = Some(product + 1);
        event.price = Some(self.ctx.products[product as usize].price);
        self.views += 1;
        self.emit(event);
    }

    /// A new event of `kind` now, in this session.
    pub(super) fn event(&self, kind: EventKind) -> Event {
        Event {
            id: 0,
            timestamp_ms: self.now,
            kind,
            platform: self.platform,
            customer_id: self.account + 1,
            signed_in: self.accounts[self.account as usize].registered,
            session_id: self.id,
            product_id: None,
            price: None,
            quantity: None,
            cart_id: None,
            order_id: None,
            query: None,
            rating: None,
            list: Span::default(),
            text: None,
        }
    }

    /// Records `event`, then lets time pass before the next action.
    pub(super) fn emit(&mut self, event: Event) {
        self.out.batch.events.push(event);
        let wait: f64 = self.rng.random();
        self.now += 2_000 + (-(1.0 - wait).ln() * THINK_MS) as i64;
    }

    /// Records an OLTP change.
    pub(super) fn record(&mut self, change: Change) {
        self.out.batch.changes.push(change);
    }
}
