//! People and their customer accounts: personas, tastes, budgets, devices,
//! and the second accounts some of them will open.

use rand::RngExt;
use rand::seq::IndexedRandom;
use rand_distr::{Distribution, LogNormal};

use super::names::Profile;
use super::persona::Persona;
use super::products::{CATEGORY_COUNT, Catalog, pick_weighted};
use crate::seed::{self, Purpose, SimRng};

/// Share of people registered before the simulation starts.
const REGISTERED_SHARE: f64 = 0.7;

/// What drives one person's choices.
#[derive(Clone, Debug)]
pub(crate) struct Traits {
    /// How much they like each top-level category, 0 to 1.
    pub(crate) likings: [f64; CATEGORY_COUNT],
    /// Their favourite brands (brand indices).
    pub(crate) favourite_brands: [u16; 2],
    /// How much price puts them off.
    pub(crate) price_sensitivity: f64,
    /// How much their favourite brands attract them.
    pub(crate) brand_sensitivity: f64,
    /// Budget per item, as a multiple of the category's typical price.
    pub(crate) budget_factor: f64,
    /// How often they use web, iOS and Android.
    pub(crate) platform_weights: [f64; 3],
    /// Mean sessions per ordinary day.
    pub(crate) visits_per_day: f64,
}

/// When a person opens a second account.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DuplicatePlan {
    /// The second account's index.
    pub(crate) account: u32,
    /// The day (from 0) they register it.
    pub(crate) day: u32,
}

/// A simulated person (the entity behind one or two accounts).
#[derive(Clone, Debug)]
pub(crate) struct Person {
    /// Their persona.
    pub(crate) persona: Persona,
    /// Their tastes and habits.
    pub(crate) traits: Traits,
    /// Their first account's index.
    pub(crate) primary: u32,
    /// Their second account, if they will open one.
    pub(crate) duplicate: Option<DuplicatePlan>,
}

/// A customer account (a row of `customer`), as first created.
#[derive(Clone, Debug)]
pub(crate) struct Account {
    /// The `customer_id` (1-based; the account index + 1).
    pub(crate) customer_id: u32,
    /// The cookie/device id seen before registration.
    pub(crate) anonymous_id: String,
    /// The id the support system knows the customer by.
    pub(crate) support_id: String,
    /// The details given at registration.
    pub(crate) profile: Profile,
    /// Whether the account is registered when the simulation starts.
    pub(crate) registered: bool,
    /// Age in years.
    pub(crate) age: u8,
    /// `F`, `M` or `X`.
    pub(crate) gender: &'static str,
    /// Which browser/app build the account uses.
    pub(crate) agent: u8,
    /// The account's usual IP address, as a number.
    pub(crate) ip: u32,
}

/// Builds `count` people and their accounts: account `i` belongs to person
/// `i`; planned second accounts follow, in person order.
pub(crate) fn generate(
    seed: u64,
    count: u32,
    days: u32,
    duplicate_rate: f64,
    catalog: &Catalog,
) -> (Vec<Person>, Vec<Account>) {
    let mut people = Vec::with_capacity(count as usize);
    let mut accounts = Vec::with_capacity(count as usize + count as usize / 10);
    let mut duplicates = Vec::new();
    for index in 0..count {
        let mut rng = seed::rng(seed, Purpose::People, u64::from(index), 0);
        let persona =
            Persona::ALL[pick_weighted(&mut rng, Persona::ALL.iter().map(|p| p.profile().share))];
        let traits = traits(persona, catalog, &mut rng);
        let account = new_account(seed, index, Profile::random(&mut rng), &mut rng);
        let duplicate = (account.registered && rng.random_bool(duplicate_rate)).then(|| {
            let copy = Account {
                anonymous_id: if rng.random_bool(0.5) {
                    account.anonymous_id.clone()
                } else {
                    anonymous_id(&mut rng)
                },
                profile: account.profile.duplicate(&mut rng),
                agent: rng.random_range(0..u8::MAX),
                ..account.clone()
            };
            (copy, rng.random_range(0..days))
        });
        accounts.push(account);
        people.push(Person {
            persona,
            traits,
            primary: index,
            duplicate: None,
        });
        if let Some(plan) = duplicate {
            duplicates.push((index, plan));
        }
    }
    for (person, (mut copy, day)) in duplicates {
        let index = accounts.len() as u32;
        copy.customer_id = index + 1;
        copy.support_id = support_id(index + 1);
        copy.ip = ip(seed, index);
        accounts.push(copy);
        people[person as usize].duplicate = Some(DuplicatePlan {
            account: index,
            day,
        });
    }
    (people, accounts)
}

/// Draws a persona's tastes.
fn traits(persona: Persona, catalog: &Catalog, rng: &mut SimRng) -> Traits {
    let profile = persona.profile();
    let mut likings = [0.0; CATEGORY_COUNT];
    for liking in &mut likings {
        *liking = rng.random_range(0.05..0.4);
    }
    let favourites: Vec<usize> = (0..rng.random_range(1..=3))
        .map(|_| rng.random_range(0..CATEGORY_COUNT))
        .collect();
    for &category in &favourites {
        likings[category] = rng.random_range(0.7..1.0);
    }
    let mut favourite_brands = [0; 2];
    for brand in &mut favourite_brands {
        let category = *favourites.choose(rng).unwrap_or(&0);
        *brand = *catalog.brands_of[category].choose(rng).unwrap_or(&0);
    }
    let mut platform_weights = [0.1; 3];
    platform_weights[pick_weighted(rng, [0.45, 0.30, 0.25].into_iter())] = 0.8;
    Traits {
        likings,
        favourite_brands,
        price_sensitivity: rng
            .random_range(profile.price_sensitivity.0..profile.price_sensitivity.1),
        brand_sensitivity: rng
            .random_range(profile.brand_sensitivity.0..=profile.brand_sensitivity.1),
        budget_factor: rng.random_range(profile.budget_factor.0..profile.budget_factor.1),
        platform_weights,
        visits_per_day: profile.visits_per_day
            * LogNormal::new(0.0, 0.4).map_or(1.0, |d| d.sample(rng)),
    }
}

/// The first account of person `index` (account index `index`).
fn new_account(seed: u64, index: u32, profile: Profile, rng: &mut SimRng) -> Account {
    let age = (18.0 + 57.0 * rng.random::<f64>().powf(1.4)) as u8;
    let gender = match rng.random_range(0..100) {
        0..48 => "F",
        48..96 => "M",
        _ => "X",
    };
    Account {
        customer_id: index + 1,
        anonymous_id: anonymous_id(rng),
        support_id: support_id(index + 1),
        profile,
        registered: rng.random_bool(REGISTERED_SHARE),
        age,
        gender,
        agent: rng.random_range(0..u8::MAX),
        ip: ip(seed, index),
    }
}

/// A random UUID-shaped cookie id.
fn anonymous_id(rng: &mut SimRng) -> String {
    let bits: u128 = rng.random();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        (bits >> 96) as u32,
        (bits >> 80) as u16,
        (bits >> 68) as u16 & 0xfff,
        (bits >> 52) as u16,
        bits as u64 & 0xffff_ffff_ffff
    )
}

/// The support system's id for a customer: unique, but not the customer id.
fn support_id(customer_id: u32) -> String {
    format!("CS-{:08X}", customer_id.wrapping_mul(2_654_435_761))
}

/// An account's usual IP address (public-looking, never a real target).
fn ip(seed: u64, index: u32) -> u32 {
    let bits = seed::hash(&[seed, 0x1b, u64::from(index)]) as u32;
    // First octet 11..=222 avoids 0, 10, 127 and multicast ranges.
    (11 + (bits >> 24) % 212) << 24 | (bits & 0x00ff_ffff)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn people_accounts_and_duplicates_line_up() {
        let catalog = Catalog::generate(5, 50);
        let (people, accounts) = generate(5, 2000, 30, 0.1, &catalog);
        assert_eq!(people.len(), 2000);
        let duplicates: Vec<_> = people.iter().filter_map(|p| p.duplicate).collect();
        assert!(duplicates.len() > 60, "{}", duplicates.len());
        assert_eq!(accounts.len(), 2000 + duplicates.len());
        for (index, account) in accounts.iter().enumerate() {
            assert_eq!(account.customer_id as usize, index + 1);
        }
        for (index, person) in people.iter().enumerate() {
            assert_eq!(person.primary as usize, index);
            if let Some(plan) = person.duplicate {
                let copy = &accounts[plan.account as usize];
                assert!(copy.registered && plan.day < 30);
                assert_ne!(copy.profile, accounts[index].profile);
            }
        }
        let support: HashSet<_> = accounts.iter().map(|a| &a.support_id).collect();
        assert_eq!(support.len(), accounts.len());
    }
}
