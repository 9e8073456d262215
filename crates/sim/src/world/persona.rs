//! Personas: the kinds of shopper that drive behaviour.

use std::fmt;

/// A kind of shopper. Every simulated person has one; it sets how often they
/// come, what they look for, how price- and brand-sensitive they are, and how
/// much bad experiences push them away. Part of the ground truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Persona {
    /// Hunts for discounts and promotions; very price-sensitive.
    BargainHunter,
    /// Sticks to one or two favourite brands.
    BrandLoyal,
    /// Comes rarely, searches for something specific, buys it.
    OccasionalGifter,
    /// Comes often, buys a lot, reviews often.
    PowerShopper,
    /// Browses a lot and rarely buys.
    WindowShopper,
}

/// How a persona behaves. Ranges are drawn per person.
#[derive(Debug)]
pub(crate) struct PersonaProfile {
    /// Share of people with this persona.
    pub(crate) share: f64,
    /// Mean sessions per day on an ordinary weekday.
    pub(crate) visits_per_day: f64,
    /// Chance that a step of a session is a search (else a recommendation).
    pub(crate) search_share: f64,
    /// Price sensitivity range.
    pub(crate) price_sensitivity: (f64, f64),
    /// Brand sensitivity range.
    pub(crate) brand_sensitivity: (f64, f64),
    /// Budget per item range, as a multiple of the category's typical price.
    pub(crate) budget_factor: (f64, f64),
    /// Utility a product needs to be put in the cart.
    pub(crate) buy_threshold: f64,
    /// Base chance to check out a cart at the end of a session.
    pub(crate) checkout_rate: f64,
    /// Chance to keep shopping after putting something in the cart.
    pub(crate) multi_item: f64,
    /// Most product views in one session.
    pub(crate) max_views: u8,
    /// Chance to review a delivered item.
    pub(crate) review_rate: f64,
    /// How much a bad experience adds to frustration.
    pub(crate) touchiness: f64,
    /// Daily chance to leave for good with no frustration.
    pub(crate) base_churn: f64,
    /// Extra visits on promotion days (1.0: none).
    pub(crate) promo_response: f64,
}

impl Persona {
    /// All personas.
    pub const ALL: [Persona; 5] = [
        Persona::BargainHunter,
        Persona::BrandLoyal,
        Persona::OccasionalGifter,
        Persona::PowerShopper,
        Persona::WindowShopper,
    ];

    /// Its name in outputs: `bargain_hunter`, `brand_loyal`, `occasional_gifter`,
    /// `power_shopper` or `window_shopper`.
    pub fn as_str(self) -> &'static str {
        match self {
            Persona::BargainHunter => "bargain_hunter",
            Persona::BrandLoyal => "brand_loyal",
            Persona::OccasionalGifter => "occasional_gifter",
            Persona::PowerShopper => "power_shopper",
            Persona::WindowShopper => "window_shopper",
        }
    }

    /// How this persona behaves.
    pub(crate) fn profile(self) -> &'static PersonaProfile {
        match self {
            Persona::BargainHunter => &BARGAIN_HUNTER,
            Persona::BrandLoyal => &BRAND_LOYAL,
            Persona::OccasionalGifter => &OCCASIONAL_GIFTER,
            Persona::PowerShopper => &POWER_SHOPPER,
            Persona::WindowShopper => &WINDOW_SHOPPER,
        }
    }
}

impl fmt::Display for Persona {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

const BARGAIN_HUNTER: PersonaProfile = PersonaProfile {
    share: 0.26,
    visits_per_day: 0.30,
    search_share: 0.6,
    price_sensitivity: (1.2, 2.0),
    brand_sensitivity: (0.0, 0.3),
    budget_factor: (0.6, 1.1),
    buy_threshold: 1.7,
    checkout_rate: 0.25,
    multi_item: 0.3,
    max_views: 12,
    review_rate: 0.20,
    touchiness: 1.0,
    base_churn: 0.0025,
    promo_response: 1.8,
};

const BRAND_LOYAL: PersonaProfile = PersonaProfile {
    share: 0.20,
    visits_per_day: 0.22,
    search_share: 0.7,
    price_sensitivity: (0.3, 0.8),
    brand_sensitivity: (0.8, 1.5),
    budget_factor: (1.0, 2.0),
    buy_threshold: 1.9,
    checkout_rate: 0.3,
    multi_item: 0.2,
    max_views: 8,
    review_rate: 0.30,
    touchiness: 1.3,
    base_churn: 0.0015,
    promo_response: 1.1,
};

const OCCASIONAL_GIFTER: PersonaProfile = PersonaProfile {
    share: 0.20,
    visits_per_day: 0.08,
    search_share: 0.8,
    price_sensitivity: (0.5, 1.0),
    brand_sensitivity: (0.2, 0.6),
    budget_factor: (1.0, 2.2),
    buy_threshold: 1.6,
    checkout_rate: 0.35,
    multi_item: 0.1,
    max_views: 8,
    review_rate: 0.15,
    touchiness: 0.8,
    base_churn: 0.003,
    promo_response: 1.2,
};

const POWER_SHOPPER: PersonaProfile = PersonaProfile {
    share: 0.12,
    visits_per_day: 0.6,
    search_share: 0.5,
    price_sensitivity: (0.3, 0.9),
    brand_sensitivity: (0.3, 0.8),
    budget_factor: (1.3, 2.6),
    buy_threshold: 1.5,
    checkout_rate: 0.35,
    multi_item: 0.5,
    max_views: 16,
    review_rate: 0.35,
    touchiness: 1.0,
    base_churn: 0.001,
    promo_response: 1.3,
};

const WINDOW_SHOPPER: PersonaProfile = PersonaProfile {
    share: 0.22,
    visits_per_day: 0.35,
    search_share: 0.4,
    price_sensitivity: (0.8, 1.5),
    brand_sensitivity: (0.1, 0.5),
    budget_factor: (0.5, 1.0),
    buy_threshold: 2.1,
    checkout_rate: 0.12,
    multi_item: 0.2,
    max_views: 10,
    review_rate: 0.05,
    touchiness: 0.7,
    base_churn: 0.004,
    promo_response: 1.4,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_and_names_are_distinct() {
        let total: f64 = Persona::ALL.iter().map(|p| p.profile().share).sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
        let mut names: Vec<_> = Persona::ALL.iter().map(|p| p.as_str()).collect();
        names.dedup();
        assert_eq!(names.len(), 5);
    }
}
