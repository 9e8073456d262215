//! The clickstream's JSON format. One object per event, every field always
//! present (null when it does not apply), so that schema inference downstream
//! sees one stable schema:
//!
//! `event_id`, `event_type` (and `action`, the seed's name for it),
//! `timestamp` (ISO 8601, UTC), `visitor_id` (the anonymous cookie id),
//! `user_id` (the customer id once registered), `session_id`, `platform`,
//! `browser_agent`, `ip_address`, `url`, `query`, `search_results` (product
//! ids shown), `product_id`, `price`, `quantity`, `cart_id`, `order_id`,
//! `items` (`[{product_id, quantity, unit_price}]` on checkout), `rating`,
//! `review`, `chat` (`{chat_id, topic, message, resolved}`).

use std::fmt::{self, Display, Write as _};

use serde::{Serialize, Serializer};

use crate::events::{BatchView, Event, EventKind, Line, Platform, Query, QueryModifier, Text};
use crate::texts;
use crate::timefmt::Timestamp;
use crate::world::World;
use crate::world::products::STYLES;

/// Desktop browsers of web sessions; an account uses one of them.
const WEB_AGENTS: &[&str] = &[
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Edg/131.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5; rv:133.0) Gecko/20100101 Firefox/133.0",
];

/// Appends `event` as one line of JSON.
pub(crate) fn write_json(view: &BatchView<'_>, event: &Event, out: &mut Vec<u8>) {
    let world = &view.batch.world;
    let account = (event.customer_id as usize)
        .checked_sub(1)
        .and_then(|index| world.accounts.get(index));
    let subcategory = event
        .product_id
        .and_then(|id| world.catalog.products.get((id as usize).checked_sub(1)?))
        .map_or("", |product| {
            world.catalog.subcategories[usize::from(product.subcategory)].name
        });
    let json = ClickEvent {
        event_id: event.id,
        event_type: event.kind.as_str(),
        action: event.kind.as_str(),
        timestamp: Shown(Timestamp::iso(event.timestamp_ms)),
        visitor_id: view.visitor_id(event),
        user_id: event.signed_in.then_some(event.customer_id),
        session_id: event.session_id,
        platform: event.platform.as_str(),
        browser_agent: Shown(Agent {
            platform: event.platform,
            build: account.map_or(0, |a| a.agent),
        }),
        ip_address: Shown(Ip(account.map_or(0, |a| a.ip))),
        url: Shown(Url { event, world }),
        query: event.query.map(|query| Shown(QueryText { query, world })),
        search_results: (event.kind == EventKind::Search).then(|| view.search_results(event)),
        product_id: event.product_id,
        price: event.price,
        quantity: event.quantity,
        cart_id: event.cart_id,
        order_id: event.order_id,
        items: (event.kind == EventKind::Checkout).then(|| view.items(event)),
        rating: event.rating,
        review: match event.text {
            Some(Text::Review { template }) => Some(texts::review(
                event.rating.unwrap_or(3),
                template,
                subcategory,
            )),
            _ => None,
        },
        chat: match event.text {
            Some(Text::Chat {
                chat_id,
                topic,
                template,
                resolved,
            }) => Some(ChatJson {
                chat_id,
                topic: topic.as_str(),
                message: texts::chat(topic, template, event.order_id),
                resolved,
            }),
            _ => None,
        },
    };
    // Serializing plain values into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &json);
    out.push(b'\n');
}

/// The JSON object of one event.
#[derive(Serialize)]
struct ClickEvent<'a> {
    event_id: u64,
    event_type: &'static str,
    action: &'static str,
    timestamp: Shown<Timestamp>,
    visitor_id: &'a str,
    user_id: Option<u32>,
    session_id: u64,
    platform: &'static str,
    browser_agent: Shown<Agent>,
    ip_address: Shown<Ip>,
    url: Shown<Url<'a>>,
    query: Option<Shown<QueryText<'a>>>,
    search_results: Option<&'a [u32]>,
    product_id: Option<u32>,
    price: Option<f64>,
    quantity: Option<u16>,
    cart_id: Option<u64>,
    order_id: Option<u64>,
    items: Option<&'a [Line]>,
    rating: Option<u8>,
    review: Option<String>,
    chat: Option<ChatJson>,
}

/// The `chat` object of a support chat event.
#[derive(Serialize)]
struct ChatJson {
    chat_id: u64,
    topic: &'static str,
    message: String,
    resolved: bool,
}

/// Serializes a [`Display`] value as a JSON string without an extra allocation.
struct Shown<T>(T);

impl<T: Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// The user agent of an account on a platform.
struct Agent {
    platform: Platform,
    build: u8,
}

impl Display for Agent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let build = self.build;
        match self.platform {
            Platform::Web => f.write_str(WEB_AGENTS[usize::from(build) % WEB_AGENTS.len()]),
            Platform::Ios => write!(
                f,
                "LakeforgeShop/5.{} (iPhone; iOS 17.{})",
                build % 8,
                build % 6
            ),
            Platform::Android => write!(
                f,
                "LakeforgeShop/5.{} (Linux; Android {})",
                build % 8,
                12 + build % 4
            ),
        }
    }
}

/// An IPv4 address.
struct Ip(u32);

impl Display for Ip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.0.to_be_bytes();
        write!(f, "{a}.{b}.{c}.{d}")
    }
}

/// The page an event happened on.
struct Url<'a> {
    event: &'a Event,
    world: &'a World,
}

impl Display for Url<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let product = self.event.product_id.unwrap_or(0);
        match self.event.kind {
            EventKind::View if self.event.product_id.is_some() => write!(f, "/product/{product}"),
            EventKind::View => f.write_str("/"),
            EventKind::Search => match self.event.query {
                Some(query) => {
                    f.write_str("/search?q=")?;
                    let text = QueryText {
                        query,
                        world: self.world,
                    }
                    .to_string();
                    f.write_str(&text.replace(' ', "+").replace('&', "%26"))
                }
                None => f.write_str("/search"),
            },
            EventKind::AddToCart => write!(f, "/cart/add/{product}"),
            EventKind::RemoveFromCart => write!(f, "/cart/remove/{product}"),
            EventKind::Checkout => f.write_str("/checkout"),
            EventKind::Rate => write!(f, "/product/{product}/review"),
            EventKind::SupportChat => f.write_str("/support/chat"),
            EventKind::Register => f.write_str("/register"),
        }
    }
}

/// The text of a query, lower case: `[cheap|best|<style>] [<brand>] <subcategory>`.
struct QueryText<'a> {
    query: Query,
    world: &'a World,
}

impl Display for QueryText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let catalog = &self.world.catalog;
        match self.query.modifier {
            QueryModifier::None => {}
            QueryModifier::Cheap => f.write_str("cheap ")?,
            QueryModifier::Best => f.write_str("best ")?,
            QueryModifier::Style(style) => {
                write!(f, "{} ", STYLES[usize::from(style) % STYLES.len()])?
            }
        }
        if let Some(brand) = self
            .query
            .brand
            .and_then(|b| catalog.brands.get(usize::from(b)))
        {
            write_lower(f, brand.name)?;
            f.write_char(' ')?;
        }
        let subcategory = catalog
            .subcategories
            .get(usize::from(self.query.subcategory))
            .map_or("", |s| s.name);
        write_lower(f, subcategory)
    }
}

/// Writes `text` in lower case.
fn write_lower(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    text.chars()
        .try_for_each(|c| f.write_char(c.to_ascii_lowercase()))
}
