//! How much a person wants a product: their utility, which drives views,
//! cart adds and (through ranking) what search and recommendations show.

use super::state::ProductState;
use crate::world::customers::Traits;
use crate::world::products::Catalog;

/// The utility of product `index` to a person with `traits`, given today's
/// price and rating. Around 0 is "meh", above 1 is "want"; far below 0 is
/// "never" (way over budget, a disliked category).
pub(crate) fn utility(catalog: &Catalog, traits: &Traits, index: u32, state: &ProductState) -> f64 {
    let product = &catalog.products[index as usize];
    let liking = traits.likings[usize::from(product.category)];
    let brand = if traits.favourite_brands.contains(&product.brand) {
        traits.brand_sensitivity
    } else {
        0.0
    };
    let budget = traits.budget_factor * catalog.typical_price(product.category);
    let ratio = state.price / budget;
    let price = if ratio <= 1.0 {
        -0.5 * traits.price_sensitivity * ratio
    } else {
        -0.5 * traits.price_sensitivity - 1.5 * (ratio - 1.0) * (0.5 + traits.price_sensitivity)
    };
    let deal = 1.5 * traits.price_sensitivity * (1.0 - state.price / product.price);
    let rating = 0.35 * (state.rating - 3.5);
    let delivery = -0.05 * f64::from(product.delivery_days.saturating_sub(2));
    1.2 * liking + brand + price + deal + rating + 0.8 * product.appeal + delivery
}

/// The chance of putting a product of utility `utility` in the cart, for a
/// person whose threshold is `threshold`.
pub(crate) fn add_chance(utility: f64, threshold: f64) -> f64 {
    0.45 / (1.0 + (-5.0 * (utility - threshold)).exp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::products::Catalog;

    fn traits(category_liking: f64, budget_factor: f64) -> Traits {
        Traits {
            likings: [category_liking; 8],
            favourite_brands: [u16::MAX; 2],
            price_sensitivity: 1.0,
            brand_sensitivity: 1.0,
            budget_factor,
            platform_weights: [1.0, 0.0, 0.0],
            visits_per_day: 0.3,
        }
    }

    #[test]
    fn liking_budget_and_brand_move_utility_the_right_way() {
        let catalog = Catalog::generate(1, 20);
        let product = &catalog.products[0];
        let state = ProductState {
            price: product.base_price(),
            rating: product.rating,
            rating_count: 10,
        };
        let base = utility(&catalog, &traits(0.5, 1.0), 0, &state);
        assert!(utility(&catalog, &traits(0.9, 1.0), 0, &state) > base);
        assert!(utility(&catalog, &traits(0.5, 0.2), 0, &state) < base);
        let mut fan = traits(0.5, 1.0);
        fan.favourite_brands[0] = product.brand;
        assert!(utility(&catalog, &fan, 0, &state) > base);
        let cheaper = ProductState {
            price: state.price * 0.7,
            ..state
        };
        assert!(utility(&catalog, &traits(0.5, 1.0), 0, &cheaper) > base);
        assert!(add_chance(2.0, 0.5) > add_chance(0.0, 0.5));
    }
}
