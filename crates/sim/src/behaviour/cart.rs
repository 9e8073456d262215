//! The cart: adding, removing, and checking out (with registration for
//! anonymous visitors and the order's delivery plan).

use rand::RngExt;

use super::session::Session;
use super::state::{Cart, CartLine, Moment, Shipment};
use crate::events::{EventKind, Line, Span};
use crate::oltp::rows::{self, CartItem};

/// Chance that an anonymous visitor completes the registration form at checkout.
const REGISTER_AT_CHECKOUT: f64 = 0.85;
/// Base chance to take a line out of the cart when reviewing it.
const REMOVE_CHANCE: f64 = 0.05;
/// The longest delay of a late order, days.
const MAX_DELAY_DAYS: u32 = 4;
/// Milliseconds in an hour.
const HOUR_MS: i64 = 3_600_000;

impl Session<'_> {
    /// Lines in this account's open cart.
    pub(super) fn cart_lines(&self) -> usize {
        self.state
            .cart
            .as_ref()
            .filter(|cart| cart.account == self.account)
            .map_or(0, |cart| cart.lines.len())
    }

    /// Puts one `product` (index) in the cart: a new line, or one more of it.
    pub(super) fn add_to_cart(&mut self, product: u32) {
        let price = self.ctx.products[product as usize].price;
        let (account, now) = (self.account, self.now);
        if self
            .state
            .cart
            .as_ref()
            .is_none_or(|cart| cart.account != account)
        {
            // A cart of another account is abandoned; its rows stay.
            self.state.cart = Some(Cart {
                id: self.out.ids.cart(),
                account,
                lines: Vec::new(),
            });
        }
        let Some(cart) = self.state.cart.as_mut() else {
            return;
        };
        let cart_id = cart.id;
        let (change, quantity) = match cart.lines.iter_mut().find(|line| line.product == product) {
            Some(line) => {
                line.quantity += 1;
                (
                    rows::cart_item_quantity(line.id, line.quantity, now),
                    line.quantity,
                )
            }
            None => {
                let line = CartLine {
                    id: self.out.ids.cart_item(),
                    product,
                    quantity: 1,
                    unit_price: price,
                };
                cart.lines.push(line);
                (rows::cart_item(item(cart_id, account, line), now), 1)
            }
        };
        self.record(change);
        let mut event = self.event(EventKind::AddToCart);
        event.product_id = Some(product + 1);
        event.price = Some(price);
        event.quantity = Some(quantity);
        event.cart_id = Some(cart_id);
        self.emit(event);
    }

    /// Looks at the cart: drops what is too dear (or on a whim), sometimes
    /// takes one more, then maybe checks out.
    pub(super) fn consider_cart(&mut self) {
        if self.cart_lines() == 0 {
            return;
        }
        let Some(cart) = self.state.cart.take() else {
            return;
        };
        let (ctx, person) = (self.ctx, self.person);
        let catalog = &ctx.world.catalog;
        let traits = &person.traits;
        let mut kept = Vec::with_capacity(cart.lines.len());
        for line in cart.lines {
            let product = &catalog.products[line.product as usize];
            let ratio =
                line.unit_price / (traits.budget_factor * catalog.typical_price(product.category));
            let dear = if ratio > 1.0 {
                0.25 * traits.price_sensitivity
            } else {
                0.0
            };
            if self.rng.random_bool((REMOVE_CHANCE + dear).min(1.0)) {
                self.remove_from_cart(cart.id, line);
            } else {
                kept.push(line);
            }
        }
        self.state.cart = Some(Cart {
            lines: kept,
            ..cart
        });
        if self.cart_lines() == 0 {
            self.state.cart = None;
            return;
        }
        if self.rng.random_bool(0.05)
            && let Some(product) = self
                .state
                .cart
                .as_ref()
                .and_then(|cart| cart.lines.first())
                .map(|line| line.product)
        {
            self.add_to_cart(product);
        }
        let lines = self
            .state
            .cart
            .as_ref()
            .map_or(&[][..], |cart| &cart.lines[..]);
        let longest = lines
            .iter()
            .map(|line| catalog.products[line.product as usize].delivery_days)
            .max()
            .unwrap_or(0);
        let on_sale = ctx.promotion.is_some_and(|promotion| {
            lines
                .iter()
                .any(|line| catalog.products[line.product as usize].category == promotion.category)
        });
        let chance = person.persona.profile().checkout_rate
            * if on_sale { 1.15 } else { 1.0 }
            * (-0.08 * f64::from(longest.saturating_sub(3))).exp()
            / (1.0 + 0.5 * self.state.frustration);
        if self.rng.random_bool(chance.min(1.0)) {
            self.checkout();
        }
    }

    /// Takes a line out of the cart (the caller drops it from its list).
    fn remove_from_cart(&mut self, cart_id: u64, line: CartLine) {
        self.record(rows::cart_item_removed(line.id, self.now));
        let mut event = self.event(EventKind::RemoveFromCart);
        event.product_id = Some(line.product + 1);
        event.price = Some(line.unit_price);
        event.quantity = Some(line.quantity);
        event.cart_id = Some(cart_id);
        self.emit(event);
    }

    /// Orders the cart: registers first if anonymous (some give up there),
    /// writes the order lines, empties the cart and plans the delivery.
    fn checkout(&mut self) {
        if !self.accounts[self.account as usize].registered {
            if !self.rng.random_bool(REGISTER_AT_CHECKOUT) {
                return;
            }
            self.register();
        }
        let Some(cart) = self.state.cart.take() else {
            return;
        };
        let (ctx, now, account) = (self.ctx, self.now, self.account);
        let catalog = &ctx.world.catalog;
        let order_id = self.out.ids.order();
        let promised_days = cart
            .lines
            .iter()
            .map(|line| u32::from(catalog.products[line.product as usize].delivery_days))
            .max()
            .unwrap_or(1);
        let promised = ctx.calendar.date(ctx.day + promised_days);
        let list = Span {
            start: self.out.batch.lines.len() as u32,
            len: cart.lines.len() as u32,
        };
        let mut shipped_lines = Vec::with_capacity(cart.lines.len());
        let mut total = 0.0;
        for line in &cart.lines {
            let order_line = CartLine {
                id: self.out.ids.order_item(),
                ..*line
            };
            self.record(rows::order_item(
                item(cart.id, account, order_line),
                order_id,
                promised,
                now,
            ));
            self.out.batch.lines.push(Line {
                product_id: line.product + 1,
                quantity: line.quantity,
                unit_price: line.unit_price,
            });
            shipped_lines.push((order_line.id, line.product));
            total += line.unit_price * f64::from(line.quantity);
        }
        for line in &cart.lines {
            self.record(rows::cart_item_removed(line.id, now));
        }
        let total = crate::world::products::round2(total);
        self.state.lifetime_value += total;
        self.state.orders += 1;
        self.out.stats.orders += 1;
        self.out.stats.revenue += total;
        let late = self.rng.random_bool(ctx.params.late_delivery_rate);
        let delay = if late {
            self.rng.random_range(1..=MAX_DELAY_DAYS)
        } else {
            0
        };
        let ship_day = ctx.day + 1;
        let ship_at =
            ctx.calendar.day_start_ms(ship_day) + self.rng.random_range(8 * HOUR_MS..18 * HOUR_MS);
        let deliver_day = ctx.day + promised_days + delay;
        let deliver_at = (ctx.calendar.day_start_ms(deliver_day)
            + self.rng.random_range(9 * HOUR_MS..20 * HOUR_MS))
        .max(ship_at + 2 * HOUR_MS);
        self.state.shipments.push(Shipment {
            order_id,
            account: self.account,
            lines: shipped_lines,
            ship: Moment {
                day: ship_day,
                at: ship_at,
            },
            deliver: Moment {
                day: ctx.calendar.day_of(deliver_at),
                at: deliver_at,
            },
            late,
            shipped: false,
        });
        let mut event = self.event(EventKind::Checkout);
        event.cart_id = Some(cart.id);
        event.order_id = Some(order_id);
        event.price = Some(total);
        event.list = list;
        self.emit(event);
    }

    /// An anonymous visitor registers (name, email, phone, address).
    fn register(&mut self) {
        let account = &mut self.accounts[self.account as usize];
        account.registered = true;
        let change = rows::customer_registered(self.account + 1, &account.profile, self.now);
        self.record(change);
        let event = self.event(EventKind::Register);
        self.emit(event);
    }
}

/// The `cart_items`/`order_items` row values of `line` in cart `cart_id` of `account` (index).
fn item(cart_id: u64, account: u32, line: CartLine) -> CartItem {
    CartItem {
        id: line.id,
        cart_id,
        customer_id: account + 1,
        product_id: line.product + 1,
        quantity: line.quantity,
        unit_price: line.unit_price,
    }
}
