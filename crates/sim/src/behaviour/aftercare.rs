//! Errands around shopping: reviews of delivered items, support chats,
//! profile edits and registering a second account.

use rand::RngExt;
use rand_distr::{Distribution, Normal};

use super::session::Session;
use super::state::ReviewDue;
use crate::events::{EventKind, Text};
use crate::oltp::rows;
use crate::texts::{self, ChatTopic, TEMPLATES};

/// Stars lost when the order came late.
const LATE_PENALTY_STARS: f64 = 1.0;
/// Frustration added by an unresolved chat (times touchiness).
const UNRESOLVED_FRUSTRATION: f64 = 0.3;
/// Frustration taken away by a resolved chat.
const RESOLVED_RELIEF: f64 = 0.1;
/// How long support takes to answer, ms (from, to).
const CHAT_MS: (i64, i64) = (60_000, 900_000);

impl Session<'_> {
    /// Writes the reviews that are due: items this account ordered that
    /// were delivered before now.
    pub(super) fn write_reviews(&mut self) {
        let (now, account) = (self.now, self.account);
        let mut due = Vec::new();
        self.state.reviews_due.retain(|review| {
            let ready = review.after <= now && review.account == account;
            if ready {
                due.push(*review);
            }
            !ready
        });
        for review in due {
            self.rate(review);
        }
    }

    /// Rates a delivered item: its true quality plus noise, less for a late order.
    fn rate(&mut self, review: ReviewDue) {
        let ctx = self.ctx;
        let product = &ctx.world.catalog.products[review.product as usize];
        let noise = Normal::new(0.0, 0.7).map_or(0.0, |normal| normal.sample(self.rng));
        let late = if review.late { LATE_PENALTY_STARS } else { 0.0 };
        let stars = (1.0 + 4.0 * product.quality + noise - late)
            .round()
            .clamp(1.0, 5.0) as u8;
        let template = self.rng.random_range(0..TEMPLATES);
        let subcategory = ctx.world.catalog.subcategories[usize::from(product.subcategory)].name;
        let id = self.out.ids.rating();
        let text = texts::review(stars, template, subcategory);
        self.record(rows::rating(
            id,
            self.account + 1,
            product.id,
            review.order_id,
            stars,
            text,
            self.now,
        ));
        self.out.reviews.push((review.product, stars));
        let mut event = self.event(EventKind::Rate);
        event.product_id = Some(product.id);
        event.order_id = Some(review.order_id);
        event.rating = Some(stars);
        event.text = Some(Text::Review { template });
        self.emit(event);
    }

    /// Chats with support about `topic`; a solved problem soothes, an
    /// unsolved one frustrates.
    pub(super) fn support_chat(&mut self, topic: ChatTopic, order_id: Option<u64>) {
        let ctx = self.ctx;
        let id = self.out.ids.chat();
        let template = self.rng.random_range(0..TEMPLATES);
        let resolved = self.rng.random_bool(ctx.params.support_resolution_rate);
        let opening = format!("Customer: {}", texts::chat(topic, template, order_id));
        let support_id = &ctx.world.accounts[self.account as usize].support_id;
        self.record(rows::chat(
            id,
            support_id,
            order_id,
            topic,
            opening.clone(),
            self.now,
        ));
        let mut event = self.event(EventKind::SupportChat);
        event.order_id = order_id;
        event.text = Some(Text::Chat {
            chat_id: id,
            topic,
            template,
            resolved,
        });
        self.emit(event);
        self.now += self.rng.random_range(CHAT_MS.0..CHAT_MS.1);
        let transcript = format!("{opening}\n{}", texts::agent_reply(resolved));
        self.record(rows::chat_answered(id, transcript, resolved, self.now));
        self.state.frustration = if resolved {
            (self.state.frustration - RESOLVED_RELIEF).max(0.0)
        } else {
            self.state.frustration
                + UNRESOLVED_FRUSTRATION * self.person.persona.profile().touchiness
        };
    }

    /// A registered customer changes their address, phone or email.
    pub(super) fn edit_profile(&mut self) {
        let account = &mut self.accounts[self.account as usize];
        let field = account.profile.edit(self.rng);
        let value = match field {
            "address" => &account.profile.address,
            "phone" => &account.profile.phone,
            _ => &account.profile.email,
        };
        let change = rows::customer_edited(self.account + 1, field, value, self.now);
        self.record(change);
    }

    /// Registers this session's account as a second account of the person,
    /// with slightly different details.
    pub(super) fn open_second_account(&mut self) {
        let account = &self.ctx.world.accounts[self.account as usize];
        self.state.second_account_open = true;
        self.accounts[self.account as usize].registered = true;
        self.record(rows::customer(account, true, self.platform, self.now));
        let event = self.event(EventKind::Register);
        self.emit(event);
    }
}
