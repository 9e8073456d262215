//! Orders on their way: shipping, delivery (on time or late), and what a
//! delivery leads to — satisfaction or frustration, reviews, support chats.

use rand::RngExt;

use super::state::{ChatDue, Moment, PersonState, ReviewDue, Shipment};
use super::{DayContext, Output};
use crate::oltp::rows;
use crate::seed::SimRng;
use crate::texts::ChatTopic;
use crate::world::customers::Person;

/// Frustration added by a late delivery (times touchiness).
const LATE_FRUSTRATION: f64 = 0.5;
/// What an on-time delivery leaves of frustration.
const ON_TIME_RELIEF: f64 = 0.8;
/// Chance of contacting support about a late delivery.
const LATE_CHAT_CHANCE: f64 = 0.6;

/// Ships and delivers the person's orders due today.
pub(crate) fn advance(
    ctx: &DayContext<'_>,
    person: &Person,
    state: &mut PersonState,
    out: &mut Output,
    rng: &mut SimRng,
) {
    let mut index = 0;
    while index < state.shipments.len() {
        let shipment = &mut state.shipments[index];
        if !shipment.shipped && shipment.ship.day <= ctx.day {
            shipment.shipped = true;
            for &(line, _) in &shipment.lines {
                out.batch
                    .changes
                    .push(rows::order_item_status(line, "shipped", shipment.ship.at));
            }
        }
        if shipment.deliver.day <= ctx.day {
            let shipment = state.shipments.remove(index);
            deliver(ctx, person, state, shipment, out, rng);
        } else {
            index += 1;
        }
    }
}

/// Delivers `shipment`: on time soothes; late frustrates and may bring a
/// support chat. Some items will be reviewed.
fn deliver(
    ctx: &DayContext<'_>,
    person: &Person,
    state: &mut PersonState,
    shipment: Shipment,
    out: &mut Output,
    rng: &mut SimRng,
) {
    let at = shipment.deliver.at;
    for &(line, _) in &shipment.lines {
        out.batch
            .changes
            .push(rows::order_item_status(line, "delivered", at));
    }
    if state.churned_on.is_some() {
        return;
    }
    let profile = person.persona.profile();
    if shipment.late {
        state.late_deliveries += 1;
        state.frustration += LATE_FRUSTRATION * profile.touchiness;
        if rng.random_bool(LATE_CHAT_CHANCE) {
            let chat_at = at + rng.random_range(3_600_000..3 * 3_600_000);
            state.chats_due.push(ChatDue {
                account: shipment.account,
                topic: ChatTopic::LateDelivery,
                order_id: Some(shipment.order_id),
                at: Moment {
                    day: ctx.calendar.day_of(chat_at),
                    at: chat_at,
                },
            });
        }
    } else {
        state.frustration *= ON_TIME_RELIEF;
    }
    for &(_, product) in &shipment.lines {
        if rng.random_bool(profile.review_rate) {
            state.reviews_due.push(ReviewDue {
                account: shipment.account,
                product,
                order_id: shipment.order_id,
                late: shipment.late,
                after: at,
            });
        }
    }
}
