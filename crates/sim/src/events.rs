//! Clickstream events and the batches in which the simulation hands events
//! and OLTP changes to the outputs.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::oltp::Change;
use crate::texts::ChatTopic;
use crate::world::World;

/// What a visitor did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// Looked at a page: the home page (no product) or a product page.
    View,
    /// Searched; the event carries the query and the results shown.
    Search,
    /// Put a product in the cart (or one more of it).
    AddToCart,
    /// Took a product out of the cart.
    RemoveFromCart,
    /// Ordered the cart.
    Checkout,
    /// Reviewed a delivered product.
    Rate,
    /// Wrote to customer support.
    SupportChat,
    /// Registered an account (with name, email, phone).
    Register,
}

impl EventKind {
    /// Its name in the clickstream: `view`, `search`, `add_to_cart`,
    /// `remove_from_cart`, `checkout`, `rate`, `support_chat` or `register`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::View => "view",
            EventKind::Search => "search",
            EventKind::AddToCart => "add_to_cart",
            EventKind::RemoveFromCart => "remove_from_cart",
            EventKind::Checkout => "checkout",
            EventKind::Rate => "rate",
            EventKind::SupportChat => "support_chat",
            EventKind::Register => "register",
        }
    }
}

/// Where a session happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Platform {
    /// A web browser.
    Web,
    /// The iOS app.
    Ios,
    /// The Android app.
    Android,
}

impl Platform {
    /// All platforms, in the order of a person's platform weights.
    pub const ALL: [Platform; 3] = [Platform::Web, Platform::Ios, Platform::Android];

    /// Its name in outputs: `web`, `ios` or `android`.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Web => "web",
            Platform::Ios => "ios",
            Platform::Android => "android",
        }
    }
}

/// What was typed into the search box: a subcategory, maybe with a brand or
/// a modifier ("cheap", "best", a style).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Query {
    /// The subcategory searched for.
    pub(crate) subcategory: u16,
    /// A brand named in the query.
    pub(crate) brand: Option<u16>,
    /// A word added to the query.
    pub(crate) modifier: QueryModifier,
}

/// A word added to a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QueryModifier {
    /// Nothing.
    None,
    /// "cheap …".
    Cheap,
    /// "best …".
    Best,
    /// A style, e.g. "vintage …".
    Style(u8),
}

/// One line of an order, as shown in a checkout event's `items`.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Line {
    /// The product.
    pub product_id: u32,
    /// How many.
    pub quantity: u16,
    /// The price paid per item.
    pub unit_price: f64,
}

/// The text an event carries: a review or a chat message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Text {
    /// A review of the event's product with the event's rating.
    Review {
        /// The template number.
        template: u8,
    },
    /// A support chat message.
    Chat {
        /// The chat's id (`support_chat.chat_id`).
        chat_id: u64,
        /// What it is about.
        topic: ChatTopic,
        /// The template number.
        template: u8,
        /// Whether support solved the problem.
        resolved: bool,
    },
}

/// A run of entries in one of a batch's lists (search results or order lines).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    /// The first entry.
    pub(crate) start: u32,
    /// How many entries.
    pub(crate) len: u32,
}

impl Span {
    /// The entries of `list` in this span.
    pub(crate) fn of<T>(self, list: &[T]) -> &[T] {
        let start = self.start as usize;
        list.get(start..start + self.len as usize)
            .unwrap_or_default()
    }
}

/// One clickstream event. Render it with [`BatchView::write_event_json`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Event {
    /// Unique, increasing with time over the run.
    pub id: u64,
    /// When it happened, milliseconds since the Unix epoch (UTC).
    pub timestamp_ms: i64,
    /// What happened.
    pub kind: EventKind,
    /// Where.
    pub platform: Platform,
    /// The account (`customer.customer_id`) whose device it is.
    pub customer_id: u32,
    /// Whether the visitor was registered (then the event's `user_id` is the customer id).
    pub signed_in: bool,
    /// The session.
    pub session_id: u64,
    /// The product concerned.
    pub product_id: Option<u32>,
    /// The product's price at the time.
    pub price: Option<f64>,
    /// How many items (add to cart).
    pub quantity: Option<u16>,
    /// The cart concerned.
    pub cart_id: Option<u64>,
    /// The order concerned.
    pub order_id: Option<u64>,
    /// The search query.
    pub query: Option<Query>,
    /// The stars given (rate).
    pub rating: Option<u8>,
    /// Search results or order lines, in the batch's lists.
    pub(crate) list: Span,
    /// A review or chat message.
    pub(crate) text: Option<Text>,
}

/// What the simulation produced for one day (or for the initial load and
/// the closing update): clickstream events and OLTP changes, each in time order.
#[derive(Debug)]
pub struct Batch {
    /// The world the events refer to.
    pub(crate) world: Arc<World>,
    /// The simulated day (from 0); none for the initial load and the closing update.
    pub(crate) day: Option<u32>,
    /// The date of the day (the start date for the initial load, the day
    /// after the end for the closing update).
    pub(crate) date: NaiveDate,
    /// The events, by time.
    pub(crate) events: Vec<Event>,
    /// Search results of the events (product ids).
    pub(crate) results: Vec<u32>,
    /// Order lines of the events.
    pub(crate) lines: Vec<Line>,
    /// The OLTP changes, by time.
    pub(crate) changes: Vec<Change>,
}

impl Batch {
    /// An empty batch for `day` (or none) on `date`.
    pub(crate) fn new(world: Arc<World>, day: Option<u32>, date: NaiveDate) -> Batch {
        Batch {
            world,
            day,
            date,
            events: Vec::new(),
            results: Vec::new(),
            lines: Vec::new(),
            changes: Vec::new(),
        }
    }

    /// All of the batch.
    pub fn view(&self) -> BatchView<'_> {
        BatchView {
            batch: self,
            events: &self.events,
            changes: &self.changes,
        }
    }

    /// The part of the batch from `events` and `changes` (index ranges).
    pub(crate) fn slice(
        &self,
        events: std::ops::Range<usize>,
        changes: std::ops::Range<usize>,
    ) -> BatchView<'_> {
        BatchView {
            batch: self,
            events: &self.events[events],
            changes: &self.changes[changes],
        }
    }
}

/// A batch, or a time slice of one (when writing in real time), as given to
/// an output.
#[derive(Clone, Copy, Debug)]
pub struct BatchView<'a> {
    /// The whole batch (for its lists and world).
    pub(crate) batch: &'a Batch,
    /// The events of this view.
    events: &'a [Event],
    /// The changes of this view.
    changes: &'a [Change],
}

impl<'a> BatchView<'a> {
    /// The simulated day (from 0); none for the initial load and the closing update.
    pub fn day(&self) -> Option<u32> {
        self.batch.day
    }

    /// The simulated date.
    pub fn date(&self) -> NaiveDate {
        self.batch.date
    }

    /// The clickstream events, by time.
    pub fn events(&self) -> &'a [Event] {
        self.events
    }

    /// The OLTP changes, by time.
    pub fn changes(&self) -> &'a [Change] {
        self.changes
    }

    /// The product ids a search event showed, best first (empty for other events).
    pub fn search_results(&self, event: &Event) -> &'a [u32] {
        match event.kind {
            EventKind::Search => event.list.of(&self.batch.results),
            _ => &[],
        }
    }

    /// The lines a checkout event ordered (empty for other events).
    pub fn items(&self, event: &Event) -> &'a [Line] {
        match event.kind {
            EventKind::Checkout => event.list.of(&self.batch.lines),
            _ => &[],
        }
    }

    /// The visitor (anonymous cookie) id of an event: the stream's partition key.
    pub fn visitor_id(&self, event: &Event) -> &'a str {
        (event.customer_id as usize)
            .checked_sub(1)
            .and_then(|index| self.batch.world.accounts.get(index))
            .map_or("", |account| account.anonymous_id.as_str())
    }

    /// Appends the event as one line of JSON (with its newline): the
    /// clickstream format, see [`crate::outputs::clickstream`].
    pub fn write_event_json(&self, event: &Event, out: &mut Vec<u8>) {
        crate::outputs::clickstream::write_json(self, event, out);
    }
}
