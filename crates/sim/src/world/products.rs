//! The product catalogue: a fixed taxonomy of categories and brands, and
//! products with the seed's fields, generated from the seed.

use rand::RngExt;
use rand::seq::IndexedRandom;
use rand_distr::{Distribution, LogNormal, Normal};

use crate::seed::{self, Purpose, SimRng};

/// A top-level category with its subcategories, brands and price level.
struct CategoryDef {
    name: &'static str,
    subcategories: &'static [&'static str],
    brands: &'static [&'static str],
    median_price: f64,
    weight: f64,
}

/// The shop's taxonomy; `weight` is the share of products in the category.
const CATEGORIES: &[CategoryDef] = &[
    CategoryDef {
        name: "Electronics",
        subcategories: &[
            "Phones",
            "Laptops",
            "Headphones",
            "Cameras",
            "Smart Speakers",
        ],
        brands: &["Voltix", "Nexa", "Auralis", "Pixelon", "Kyro"],
        median_price: 220.0,
        weight: 0.16,
    },
    CategoryDef {
        name: "Fashion",
        subcategories: &["Sneakers", "Dresses", "Jackets", "T-Shirts", "Handbags"],
        brands: &["Urbanly", "Modena", "Threadline", "Kasa", "Northpeak"],
        median_price: 45.0,
        weight: 0.18,
    },
    CategoryDef {
        name: "Home",
        subcategories: &["Cookware", "Bedding", "Lamps", "Storage Boxes", "Rugs"],
        brands: &["Hearthly", "Casa Nova", "Lumen", "Oakden"],
        median_price: 55.0,
        weight: 0.14,
    },
    CategoryDef {
        name: "Beauty",
        subcategories: &["Moisturizers", "Lipsticks", "Shampoos", "Perfumes"],
        brands: &["Glowa", "Velvetine", "Purelle", "Aromis"],
        median_price: 22.0,
        weight: 0.12,
    },
    CategoryDef {
        name: "Sports",
        subcategories: &["Running Shoes", "Bikes", "Yoga Mats", "Tents", "Dumbbells"],
        brands: &["Stridex", "Peakform", "Trailo", "Flexa"],
        median_price: 60.0,
        weight: 0.12,
    },
    CategoryDef {
        name: "Toys",
        subcategories: &["Puzzles", "Board Games", "Dolls", "Building Sets"],
        brands: &["Playmo", "Brightblocks", "Tinkerly"],
        median_price: 28.0,
        weight: 0.10,
    },
    CategoryDef {
        name: "Books",
        subcategories: &[
            "Novels",
            "Cookbooks",
            "Travel Guides",
            "Picture Books",
            "Business Books",
        ],
        brands: &["Inkwell Press", "Harbor House", "Pageturn"],
        median_price: 16.0,
        weight: 0.10,
    },
    CategoryDef {
        name: "Grocery",
        subcategories: &["Coffee", "Snacks", "Tea", "Olive Oil"],
        brands: &["Bean & Co", "Crunchwell", "Leafy", "Verde"],
        median_price: 11.0,
        weight: 0.08,
    },
];

/// The number of top-level categories.
pub(crate) const CATEGORY_COUNT: usize = 8;

/// Product styles, also used as search modifiers.
pub(crate) const STYLES: &[&str] = &[
    "classic",
    "modern",
    "sporty",
    "minimalist",
    "vintage",
    "premium",
    "eco",
];

/// Promised delivery days and how common each is.
const DELIVERY_DAYS: &[(u8, f64)] = &[
    (1, 0.10),
    (2, 0.25),
    (3, 0.25),
    (4, 0.15),
    (5, 0.10),
    (7, 0.08),
    (10, 0.07),
];

/// A subcategory (the seed's `category_l2`).
#[derive(Clone, Debug)]
pub(crate) struct Subcategory {
    /// Its display name, e.g. "Headphones".
    pub(crate) name: &'static str,
}

/// A brand and its latent traits.
#[derive(Clone, Debug)]
pub(crate) struct Brand {
    /// Its display name.
    pub(crate) name: &'static str,
    /// Its top-level category.
    pub(crate) category: u8,
    /// Price level relative to the category (about 0.7 to 1.5).
    premium: f64,
    /// Typical product quality, 0 to 1.
    quality: f64,
}

/// One product, as first listed (ratings and prices change during the run).
#[derive(Clone, Debug)]
pub(crate) struct Product {
    /// 1-based id.
    pub(crate) id: u32,
    /// Display name.
    pub(crate) name: String,
    /// Top-level category index.
    pub(crate) category: u8,
    /// Subcategory index (into [`Catalog::subcategories`]).
    pub(crate) subcategory: u16,
    /// Brand index (into [`Catalog::brands`]).
    pub(crate) brand: u16,
    /// Style index (into [`STYLES`]).
    pub(crate) style: u8,
    /// List price.
    pub(crate) price: f64,
    /// The everyday discount off the list price, 0 to 1.
    pub(crate) base_discount: f64,
    /// Starting average rating, 1 to 5.
    pub(crate) rating: f64,
    /// Starting number of ratings.
    pub(crate) rating_count: u32,
    /// Number of images on the product page.
    pub(crate) image_count: u8,
    /// Image quality, 0 to 1.
    pub(crate) image_quality: f64,
    /// Words of product description.
    pub(crate) detail_word_count: u32,
    /// Promised delivery time in days.
    pub(crate) delivery_days: u8,
    /// How much cheaper than the market average, in percent (negative: dearer).
    pub(crate) percent_discount_avg_market_price: f64,
    /// True quality, 0 to 1 (hidden; drives ratings).
    pub(crate) quality: f64,
    /// How attractive the listing is, 0 to 1 (quality, images, details).
    pub(crate) appeal: f64,
}

impl Product {
    /// The price after the everyday discount, before promotions.
    pub(crate) fn base_price(&self) -> f64 {
        round2(self.price * (1.0 - self.base_discount))
    }
}

/// The catalogue: products plus the taxonomy and lookup lists.
#[derive(Debug)]
pub(crate) struct Catalog {
    /// Products, index = id - 1.
    pub(crate) products: Vec<Product>,
    /// All subcategories of all categories.
    pub(crate) subcategories: Vec<Subcategory>,
    /// All brands of all categories.
    pub(crate) brands: Vec<Brand>,
    /// Product indices per subcategory.
    pub(crate) by_subcategory: Vec<Vec<u32>>,
    /// Product indices per top-level category.
    pub(crate) by_category: Vec<Vec<u32>>,
    /// Subcategory indices per top-level category.
    pub(crate) subcategories_of: Vec<Vec<u16>>,
    /// Brand indices per top-level category.
    pub(crate) brands_of: Vec<Vec<u16>>,
}

impl Catalog {
    /// Builds `count` products from `seed`.
    pub(crate) fn generate(seed: u64, count: u32) -> Catalog {
        let mut subcategories = Vec::new();
        let mut brands = Vec::new();
        let mut subcategories_of = Vec::new();
        let mut brands_of = Vec::new();
        for (index, def) in CATEGORIES.iter().enumerate() {
            let category = index as u8;
            subcategories_of.push(
                (subcategories.len()..subcategories.len() + def.subcategories.len())
                    .map(|i| i as u16)
                    .collect(),
            );
            subcategories.extend(def.subcategories.iter().map(|&name| Subcategory { name }));
            brands_of.push(
                (brands.len()..brands.len() + def.brands.len())
                    .map(|i| i as u16)
                    .collect(),
            );
            for &name in def.brands {
                let mut rng = seed::rng(seed, Purpose::Products, u64::MAX - brands.len() as u64, 0);
                brands.push(Brand {
                    name,
                    category,
                    premium: rng.random_range(0.7..1.5),
                    quality: rng.random_range(0.3..0.9),
                });
            }
        }
        let mut catalog = Catalog {
            products: Vec::with_capacity(count as usize),
            by_subcategory: vec![Vec::new(); subcategories.len()],
            by_category: vec![Vec::new(); CATEGORY_COUNT],
            subcategories,
            brands,
            subcategories_of,
            brands_of,
        };
        for index in 0..count {
            let mut rng = seed::rng(seed, Purpose::Products, u64::from(index), 0);
            let product = catalog.new_product(index + 1, &mut rng);
            catalog.by_subcategory[usize::from(product.subcategory)].push(index);
            catalog.by_category[usize::from(product.category)].push(index);
            catalog.products.push(product);
        }
        catalog
    }

    /// The top-level category's name.
    pub(crate) fn category_name(&self, category: u8) -> &'static str {
        CATEGORIES[usize::from(category)].name
    }

    /// The typical (median) price in a top-level category.
    pub(crate) fn typical_price(&self, category: u8) -> f64 {
        CATEGORIES[usize::from(category)].median_price
    }

    /// One random product with id `id`.
    fn new_product(&self, id: u32, rng: &mut SimRng) -> Product {
        let category = pick_weighted(rng, CATEGORIES.iter().map(|c| c.weight)) as u8;
        let def = &CATEGORIES[usize::from(category)];
        let subcategory = *self.subcategories_of[usize::from(category)]
            .choose(rng)
            .unwrap_or(&0);
        let brand = *self.brands_of[usize::from(category)]
            .choose(rng)
            .unwrap_or(&0);
        let style = rng.random_range(0..STYLES.len()) as u8;
        let brand_info = &self.brands[usize::from(brand)];
        let quality = (brand_info.quality + Normal::new(0.0, 0.15).map_or(0.0, |n| n.sample(rng)))
            .clamp(0.05, 0.98);
        let spread = LogNormal::new(0.0, 0.45).map_or(1.0, |d| d.sample(rng));
        let raw_price = def.median_price * brand_info.premium * spread;
        let price = if raw_price > 5.0 {
            raw_price.floor() + 0.99
        } else {
            round2(raw_price.max(0.99))
        };
        let base_discount = if rng.random_bool(0.3) {
            (rng.random_range(5..=25) as f64) / 100.0
        } else {
            0.0
        };
        let rating_count =
            (LogNormal::new(3.0, 1.2).map_or(20.0, |d| d.sample(rng)) as u32).clamp(1, 5000);
        let rating = round1((1.0 + 4.0 * quality + rng.random_range(-0.4..0.4)).clamp(1.0, 5.0));
        let image_count = (1.0 + quality * 6.0 + rng.random_range(0.0..4.0)) as u8;
        let image_quality = round2((0.5 * quality + 0.5 * rng.random::<f64>()).clamp(0.0, 1.0));
        let detail_word_count = 40 + (quality * 400.0 + rng.random_range(0.0..300.0)) as u32;
        let delivery_days = DELIVERY_DAYS[pick_weighted(rng, DELIVERY_DAYS.iter().map(|d| d.1))].0;
        let percent_discount_avg_market_price =
            round1((rng.random_range(-12.0..12.0) + base_discount * 40.0).clamp(-25.0, 40.0));
        let appeal = 0.5 * quality
            + 0.2 * image_quality
            + 0.15 * (f64::from(detail_word_count) / 600.0).min(1.0)
            + 0.15 * (f64::from(image_count) / 10.0).min(1.0);
        let model = format!(
            "{}{}",
            char::from(b'A' + rng.random_range(0..26u8)),
            rng.random_range(100..1000)
        );
        let name = format!(
            "{} {} {} {model}",
            brand_info.name,
            capitalise(STYLES[usize::from(style)]),
            self.subcategories[usize::from(subcategory)].name
        );
        Product {
            id,
            name,
            category,
            subcategory,
            brand,
            style,
            price,
            base_discount,
            rating,
            rating_count,
            image_count,
            image_quality,
            detail_word_count,
            delivery_days,
            percent_discount_avg_market_price,
            quality,
            appeal,
        }
    }
}

/// An index chosen with probability proportional to its weight.
pub(crate) fn pick_weighted(rng: &mut SimRng, weights: impl Iterator<Item = f64> + Clone) -> usize {
    let total: f64 = weights.clone().sum();
    let mut target = rng.random::<f64>() * total;
    let mut last = 0;
    for (index, weight) in weights.enumerate() {
        if target < weight {
            return index;
        }
        target -= weight;
        last = index;
    }
    last
}

/// Rounds to cents.
pub(crate) fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Rounds to one decimal.
pub(crate) fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// "modern" → "Modern".
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_deterministic_and_consistent() {
        let a = Catalog::generate(1, 300);
        let b = Catalog::generate(1, 300);
        assert_eq!(a.products.len(), 300);
        for (x, y) in a.products.iter().zip(&b.products) {
            assert_eq!(x.name, y.name);
            assert_eq!(x.price, y.price);
        }
        for product in &a.products {
            assert!(product.price > 0.0 && product.base_price() <= product.price);
            assert!((1.0..=5.0).contains(&product.rating));
            assert!(
                a.subcategories_of[usize::from(product.category)].contains(&product.subcategory)
            );
            assert_eq!(
                a.brands[usize::from(product.brand)].category,
                product.category
            );
        }
        let listed: usize = a.by_subcategory.iter().map(Vec::len).sum();
        assert_eq!(listed, 300);
        assert_ne!(a.products[0].name, Catalog::generate(2, 1).products[0].name);
    }
}
