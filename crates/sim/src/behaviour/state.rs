//! What changes during a run: people's moods, carts and orders in flight;
//! accounts' registration and details; product prices and ratings; id counters.

use crate::texts::ChatTopic;
use crate::world::names::Profile;

/// A person's changing state.
#[derive(Clone, Debug, Default)]
pub(crate) struct PersonState {
    /// Accumulated bad experience; raises the churn risk, fades slowly.
    pub(crate) frustration: f64,
    /// The day they left for good.
    pub(crate) churned_on: Option<u32>,
    /// When their last session ended (sessions never overlap).
    pub(crate) busy_until: i64,
    /// Their open cart.
    pub(crate) cart: Option<Cart>,
    /// Orders not yet delivered.
    pub(crate) shipments: Vec<Shipment>,
    /// Delivered items they mean to review.
    pub(crate) reviews_due: Vec<ReviewDue>,
    /// Support chats they will start.
    pub(crate) chats_due: Vec<ChatDue>,
    /// Whether their second account exists.
    pub(crate) second_account_open: bool,
    /// Revenue from their orders so far.
    pub(crate) lifetime_value: f64,
    /// Orders placed.
    pub(crate) orders: u32,
    /// Sessions started.
    pub(crate) sessions: u32,
    /// Orders delivered late.
    pub(crate) late_deliveries: u32,
}

/// An account's changing state.
#[derive(Clone, Debug)]
pub(crate) struct AccountState {
    /// Registered (name, email and phone known).
    pub(crate) registered: bool,
    /// Current details.
    pub(crate) profile: Profile,
}

/// A product's changing state.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ProductState {
    /// The price today (with the everyday discount and any promotion).
    pub(crate) price: f64,
    /// Average rating.
    pub(crate) rating: f64,
    /// Number of ratings.
    pub(crate) rating_count: u32,
}

/// An open cart.
#[derive(Clone, Debug)]
pub(crate) struct Cart {
    /// `cart_id`.
    pub(crate) id: u64,
    /// The account (index) it belongs to.
    pub(crate) account: u32,
    /// Its lines.
    pub(crate) lines: Vec<CartLine>,
}

/// A line of a cart (a `cart_items` row).
#[derive(Clone, Copy, Debug)]
pub(crate) struct CartLine {
    /// `cart_item_id`.
    pub(crate) id: u64,
    /// Product index.
    pub(crate) product: u32,
    /// How many.
    pub(crate) quantity: u16,
    /// Price per item when added.
    pub(crate) unit_price: f64,
}

/// An order on its way.
#[derive(Clone, Debug)]
pub(crate) struct Shipment {
    /// `order_id`.
    pub(crate) order_id: u64,
    /// The ordering account (index).
    pub(crate) account: u32,
    /// `(order_item_id, product index)` of each line.
    pub(crate) lines: Vec<(u64, u32)>,
    /// When it leaves the warehouse.
    pub(crate) ship: Moment,
    /// When it arrives.
    pub(crate) deliver: Moment,
    /// Whether it arrives after the promised date.
    pub(crate) late: bool,
    /// Whether it has left the warehouse.
    pub(crate) shipped: bool,
}

/// A point in simulated time: the day and the exact millisecond.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Moment {
    /// The day (from 0).
    pub(crate) day: u32,
    /// Milliseconds since the Unix epoch.
    pub(crate) at: i64,
}

/// A review a person will write in their next session.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReviewDue {
    /// The reviewing account (index).
    pub(crate) account: u32,
    /// Product index.
    pub(crate) product: u32,
    /// `order_id`.
    pub(crate) order_id: u64,
    /// Whether the order came late.
    pub(crate) late: bool,
    /// Not before this time (the delivery).
    pub(crate) after: i64,
}

/// A support chat a person will start.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ChatDue {
    /// The account (index) writing.
    pub(crate) account: u32,
    /// What about.
    pub(crate) topic: ChatTopic,
    /// The order concerned.
    pub(crate) order_id: Option<u64>,
    /// When.
    pub(crate) at: Moment,
}

/// Counters handing out ids; each starts at 1.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ids {
    last_session: u64,
    last_cart: u64,
    last_cart_item: u64,
    last_order: u64,
    last_order_item: u64,
    last_rating: u64,
    last_chat: u64,
    last_event: u64,
}

/// Generates one `next_…` method per counter.
macro_rules! next_id {
    ($($name:ident => $field:ident),* $(,)?) => {
        impl Ids {
            $(
                #[doc = concat!("A new `", stringify!($field), "` id.")]
                pub(crate) fn $name(&mut self) -> u64 {
                    self.$field += 1;
                    self.$field
                }
            )*
        }
    };
}

next_id! {
    session => last_session,
    cart => last_cart,
    cart_item => last_cart_item,
    order => last_order,
    order_item => last_order_item,
    rating => last_rating,
    chat => last_chat,
    event => last_event,
}
