//! Shop-wide changes: promotion prices each morning and the nightly
//! recomputation of product ratings from the day's reviews.

use super::state::ProductState;
use crate::calendar::Promotion;
use crate::events::Batch;
use crate::oltp::rows;
use crate::world::products::{Catalog, Product, round2};

/// A product's price under `promotion` (or none).
fn price_on(product: &Product, promotion: Option<Promotion>) -> f64 {
    match promotion {
        Some(promotion) if promotion.category == product.category => {
            round2(product.base_price() * (1.0 - promotion.discount))
        }
        _ => product.base_price(),
    }
}

/// The products' state when first listed (before any promotion).
pub(crate) fn opening_state(catalog: &Catalog) -> Vec<ProductState> {
    catalog
        .products
        .iter()
        .map(|product| ProductState {
            price: product.base_price(),
            rating: product.rating,
            rating_count: product.rating_count,
        })
        .collect()
}

/// Sets today's prices at `at` (midnight): promotions start and end.
pub(crate) fn reprice(
    catalog: &Catalog,
    promotion: Option<Promotion>,
    products: &mut [ProductState],
    batch: &mut Batch,
    at: i64,
) {
    for (product, state) in catalog.products.iter().zip(products) {
        let price = price_on(product, promotion);
        if price != state.price {
            state.price = price;
            batch
                .changes
                .push(rows::product_price(product.id, price, at));
        }
    }
}

/// Folds the day's `reviews` (product index, stars) into the products'
/// ratings at `at`, one update per reviewed product.
pub(crate) fn fold_reviews(
    catalog: &Catalog,
    reviews: &mut Vec<(u32, u8)>,
    products: &mut [ProductState],
    batch: &mut Batch,
    at: i64,
) {
    reviews.sort_unstable();
    for group in reviews.chunk_by(|a, b| a.0 == b.0) {
        let index = group[0].0 as usize;
        let state = &mut products[index];
        let stars: f64 = group.iter().map(|&(_, stars)| f64::from(stars)).sum();
        let count = state.rating_count + group.len() as u32;
        state.rating = (state.rating * f64::from(state.rating_count) + stars) / f64::from(count);
        state.rating_count = count;
        batch.changes.push(rows::product_rating(
            catalog.products[index].id,
            round2(state.rating),
            count,
            at,
        ));
    }
    reviews.clear();
}
