//! The simulated world's fixed part: the catalogue, the people and their accounts.

pub(crate) mod customers;
pub(crate) mod names;
pub(crate) mod persona;
pub(crate) mod products;

use self::customers::{Account, Person};
use self::products::Catalog;
use crate::params::SimParams;

/// The parts of the world that never change during a run: products as first
/// listed, people with their tastes, and every customer account that may be
/// opened. Shared read-only with the outputs, which use it to render events.
#[derive(Debug)]
pub struct World {
    /// The catalogue.
    pub(crate) catalog: Catalog,
    /// People, index = person id - 1.
    pub(crate) people: Vec<Person>,
    /// Accounts, index = customer id - 1 (first accounts, then second ones).
    pub(crate) accounts: Vec<Account>,
}

impl World {
    /// Builds the world `params` describe (deterministic in the seed).
    pub(crate) fn generate(params: &SimParams) -> World {
        let catalog = Catalog::generate(params.seed, params.products);
        let (people, accounts) = customers::generate(
            params.seed,
            params.customers,
            params.days,
            params.duplicate_rate,
            &catalog,
        );
        World {
            catalog,
            people,
            accounts,
        }
    }

    /// The number of products.
    pub fn products(&self) -> usize {
        self.catalog.products.len()
    }

    /// The number of customer accounts that may be opened (people plus
    /// planned second accounts).
    pub fn accounts(&self) -> usize {
        self.accounts.len()
    }
}
