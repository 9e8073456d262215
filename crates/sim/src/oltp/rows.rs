//! The row changes the shop makes, one constructor each, so that every
//! table's column order lives next to its schema and nowhere else.

use chrono::NaiveDate;

use super::schema::Table;
use super::{Change, Op, Value};
use crate::events::Platform;
use crate::params::SimParams;
use crate::texts::ChatTopic;
use crate::world::customers::Account;
use crate::world::names::Profile;
use crate::world::products::{Catalog, Product};

/// The `simulation` row's key.
const SIMULATION_ID: i64 = 1;

/// An insert of `values` (one per column) into `table`.
fn insert(timestamp_ms: i64, table: Table, values: Vec<Value>) -> Change {
    debug_assert_eq!(values.len(), table.columns().len(), "{table:?}");
    Change {
        timestamp_ms,
        table,
        op: Op::Insert(values),
    }
}

/// An update of the row `key` of `table`; `updated_at` is set too when the table has it.
fn update(
    timestamp_ms: i64,
    table: Table,
    key: u64,
    mut set: Vec<(&'static str, Value)>,
) -> Change {
    if table.column("updated_at").is_some() {
        set.push(("updated_at", Value::Timestamp(timestamp_ms)));
    }
    debug_assert!(
        set.iter().all(|(name, _)| table.column(name).is_some()),
        "{table:?} {set:?}"
    );
    Change {
        timestamp_ms,
        table,
        op: Op::Update {
            key: key as i64,
            set,
        },
    }
}

/// Text.
fn text(value: impl Into<String>) -> Value {
    Value::Text(value.into())
}

/// An integer.
fn int(value: impl Into<i64>) -> Value {
    Value::Int(value.into())
}

/// A 64-bit id.
fn key(value: u64) -> Value {
    Value::Int(value as i64)
}

/// The run's parameters, status `running`.
pub(crate) fn simulation(params: &SimParams, at: i64) -> Change {
    insert(
        at,
        Table::Simulation,
        vec![
            int(SIMULATION_ID),
            text(params.seed.to_string()),
            int(params.customers),
            int(params.products),
            int(params.days),
            Value::Date(params.start_date),
            Value::Real(params.search_quality),
            Value::Real(params.recommendation_quality),
            text("running"),
            Value::Timestamp(at),
            Value::Timestamp(at),
        ],
    )
}

/// The run has finished.
pub(crate) fn simulation_finished(at: i64) -> Change {
    update(
        at,
        Table::Simulation,
        SIMULATION_ID as u64,
        vec![("status", text("finished"))],
    )
}

/// A new customer account; anonymous ones have no name, email, phone or address.
pub(crate) fn customer(account: &Account, registered: bool, platform: Platform, at: i64) -> Change {
    let detail = |value: &str| if registered { text(value) } else { Value::Null };
    insert(
        at,
        Table::Customer,
        vec![
            int(account.customer_id),
            text(&account.anonymous_id),
            text(&account.support_id),
            Value::Bool(registered),
            detail(&account.profile.name),
            detail(&account.profile.email),
            detail(&account.profile.phone),
            detail(&account.profile.address),
            int(account.age),
            text(account.gender),
            text(platform.as_str()),
            Value::Timestamp(at),
            if registered {
                Value::Timestamp(at)
            } else {
                Value::Null
            },
            Value::Timestamp(at),
        ],
    )
}

/// An anonymous account registers with `profile`.
pub(crate) fn customer_registered(customer_id: u32, profile: &Profile, at: i64) -> Change {
    update(
        at,
        Table::Customer,
        u64::from(customer_id),
        vec![
            ("is_registered", Value::Bool(true)),
            ("name", text(&profile.name)),
            ("email", text(&profile.email)),
            ("phone", text(&profile.phone)),
            ("address", text(&profile.address)),
            ("registered_at", Value::Timestamp(at)),
        ],
    )
}

/// A customer edits one detail (`address`, `phone` or `email`).
pub(crate) fn customer_edited(
    customer_id: u32,
    field: &'static str,
    value: &str,
    at: i64,
) -> Change {
    update(
        at,
        Table::Customer,
        u64::from(customer_id),
        vec![(field, text(value))],
    )
}

/// A product as first listed.
pub(crate) fn product(product: &Product, catalog: &Catalog, at: i64) -> Change {
    insert(
        at,
        Table::Product,
        vec![
            int(product.id),
            text(&product.name),
            text(catalog.category_name(product.category)),
            text(catalog.subcategories[usize::from(product.subcategory)].name),
            Value::Real(product.price),
            Value::Real(product.base_price()),
            text(catalog.brands[usize::from(product.brand)].name),
            Value::Real(product.rating),
            int(product.rating_count),
            text(crate::world::products::STYLES[usize::from(product.style)]),
            int(product.image_count),
            Value::Real(product.image_quality),
            int(product.detail_word_count),
            int(product.delivery_days),
            Value::Real(product.percent_discount_avg_market_price),
            Value::Timestamp(at),
        ],
    )
}

/// A product's price changes (a promotion starts or ends).
pub(crate) fn product_price(product_id: u32, discounted_price: f64, at: i64) -> Change {
    update(
        at,
        Table::Product,
        u64::from(product_id),
        vec![("discounted_price", Value::Real(discounted_price))],
    )
}

/// A product's rating is recomputed.
pub(crate) fn product_rating(product_id: u32, rating: f64, rating_count: u32, at: i64) -> Change {
    update(
        at,
        Table::Product,
        u64::from(product_id),
        vec![
            ("rating", Value::Real(rating)),
            ("rating_count", int(rating_count)),
        ],
    )
}

/// What a cart line holds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CartItem {
    /// `cart_item_id`.
    pub(crate) id: u64,
    /// `cart_id`.
    pub(crate) cart_id: u64,
    /// `customer_id`.
    pub(crate) customer_id: u32,
    /// `product_id`.
    pub(crate) product_id: u32,
    /// `quantity`.
    pub(crate) quantity: u16,
    /// `unit_price`.
    pub(crate) unit_price: f64,
}

/// A product is put in a cart.
pub(crate) fn cart_item(item: CartItem, at: i64) -> Change {
    insert(
        at,
        Table::CartItems,
        vec![
            key(item.id),
            key(item.cart_id),
            int(item.customer_id),
            int(item.product_id),
            int(item.quantity),
            Value::Real(item.unit_price),
            Value::Timestamp(at),
            Value::Timestamp(at),
        ],
    )
}

/// A cart line's quantity changes.
pub(crate) fn cart_item_quantity(id: u64, quantity: u16, at: i64) -> Change {
    update(at, Table::CartItems, id, vec![("quantity", int(quantity))])
}

/// A cart line is removed (or checked out).
pub(crate) fn cart_item_removed(id: u64, at: i64) -> Change {
    Change {
        timestamp_ms: at,
        table: Table::CartItems,
        op: Op::Delete { key: id as i64 },
    }
}

/// An ordered line, status `placed`.
pub(crate) fn order_item(line: CartItem, order_id: u64, promised: NaiveDate, at: i64) -> Change {
    insert(
        at,
        Table::OrderItems,
        vec![
            key(line.id),
            key(order_id),
            int(line.customer_id),
            int(line.product_id),
            int(line.quantity),
            Value::Real(line.unit_price),
            text("placed"),
            Value::Timestamp(at),
            Value::Date(promised),
            Value::Null,
            Value::Null,
            Value::Timestamp(at),
        ],
    )
}

/// An ordered line moves on: `shipped` (sets `shipped_at`) or `delivered` (sets `delivered_at`).
pub(crate) fn order_item_status(id: u64, status: &'static str, at: i64) -> Change {
    let when = if status == "shipped" {
        "shipped_at"
    } else {
        "delivered_at"
    };
    update(
        at,
        Table::OrderItems,
        id,
        vec![("status", text(status)), (when, Value::Timestamp(at))],
    )
}

/// A review of `product_id` by `customer_id`.
pub(crate) fn rating(
    id: u64,
    customer_id: u32,
    product_id: u32,
    order_id: u64,
    stars: u8,
    review: String,
    at: i64,
) -> Change {
    insert(
        at,
        Table::ProductRating,
        vec![
            key(id),
            int(customer_id),
            int(product_id),
            key(order_id),
            int(stars),
            text(review),
            Value::Timestamp(at),
        ],
    )
}

/// A support chat opens with the customer's message.
pub(crate) fn chat(
    id: u64,
    support_id: &str,
    order_id: Option<u64>,
    topic: ChatTopic,
    message: String,
    at: i64,
) -> Change {
    insert(
        at,
        Table::SupportChat,
        vec![
            key(id),
            text(support_id),
            order_id.map_or(Value::Null, key),
            text(topic.as_str()),
            text(message),
            Value::Bool(false),
            Value::Timestamp(at),
            Value::Null,
            Value::Timestamp(at),
        ],
    )
}

/// Support answers: the transcript grows; a solved chat is marked resolved.
pub(crate) fn chat_answered(id: u64, transcript: String, resolved: bool, at: i64) -> Change {
    let mut set = vec![("transcript", text(transcript))];
    if resolved {
        set.extend([
            ("resolved", Value::Bool(true)),
            ("resolved_at", Value::Timestamp(at)),
        ]);
    }
    update(at, Table::SupportChat, id, set)
}
