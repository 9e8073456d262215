//! The OLTP schema (the seed's MySQL schema `c360`): seven tables, each with a
//! single-column primary key so that change data capture can follow them.

/// A table of the OLTP schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// One row describing the run (parameters, status).
    Simulation,
    /// Customer accounts; anonymous visitors have no name or email until they register.
    Customer,
    /// The catalogue; prices change with promotions, ratings with reviews.
    Product,
    /// Open shopping carts, one row per line; lines are deleted when removed or checked out.
    CartItems,
    /// Ordered items with their status (`placed`, `shipped`, `delivered`).
    OrderItems,
    /// Product reviews.
    ProductRating,
    /// Support chats, keyed by the support system's customer id.
    SupportChat,
}

/// A column's SQL type, mapped to each database by [`crate::oltp`]'s dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// A 64-bit id.
    Key,
    /// A 32-bit integer.
    Int,
    /// A floating-point number.
    Real,
    /// An amount of money with two decimals.
    Money,
    /// Text of at most this many characters.
    Text(u16),
    /// Free text.
    LongText,
    /// True or false.
    Bool,
    /// A date and time (UTC, milliseconds).
    Timestamp,
    /// A calendar date.
    Date,
}

/// One column of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// Its name.
    pub name: &'static str,
    /// Its type.
    pub kind: ColumnKind,
    /// Whether it may be NULL.
    pub nullable: bool,
    /// Whether its values are unique.
    pub unique: bool,
}

/// A foreign key: `column` refers to `target_column` of `target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The referring column.
    pub column: &'static str,
    /// The referred table.
    pub target: Table,
    /// The referred column (a key or a unique column).
    pub target_column: &'static str,
}

/// A non-null, non-unique column.
const fn col(name: &'static str, kind: ColumnKind) -> Column {
    Column {
        name,
        kind,
        nullable: false,
        unique: false,
    }
}

/// A nullable column.
const fn opt(name: &'static str, kind: ColumnKind) -> Column {
    Column {
        name,
        kind,
        nullable: true,
        unique: false,
    }
}

use ColumnKind::{Bool, Date, Int, Key, LongText, Money, Real, Text, Timestamp};

const SIMULATION: &[Column] = &[
    col("simulation_id", Key),
    col("seed", Text(20)),
    col("customers", Int),
    col("products", Int),
    col("days", Int),
    col("start_date", Date),
    col("search_quality", Real),
    col("recommendation_quality", Real),
    col("status", Text(16)),
    col("started_at", Timestamp),
    col("updated_at", Timestamp),
];

const CUSTOMER: &[Column] = &[
    col("customer_id", Key),
    col("anonymous_id", Text(36)),
    Column {
        name: "customer_support_id",
        kind: Text(16),
        nullable: false,
        unique: true,
    },
    col("is_registered", Bool),
    opt("name", Text(100)),
    opt("email", Text(120)),
    opt("phone", Text(32)),
    opt("address", Text(200)),
    col("age", Int),
    col("gender", Text(1)),
    col("preferred_platform", Text(8)),
    col("created_at", Timestamp),
    opt("registered_at", Timestamp),
    col("updated_at", Timestamp),
];

const PRODUCT: &[Column] = &[
    col("product_id", Key),
    col("name", Text(120)),
    col("category_l1", Text(40)),
    col("category_l2", Text(40)),
    col("price", Money),
    col("discounted_price", Money),
    col("brand", Text(40)),
    col("rating", Real),
    col("rating_count", Int),
    col("style", Text(20)),
    col("image_count", Int),
    col("image_quality", Real),
    col("detail_word_count", Int),
    col("delivery_days", Int),
    col("percent_discount_avg_market_price", Real),
    col("updated_at", Timestamp),
];

const CART_ITEMS: &[Column] = &[
    col("cart_item_id", Key),
    col("cart_id", Key),
    col("customer_id", Key),
    col("product_id", Key),
    col("quantity", Int),
    col("unit_price", Money),
    col("added_at", Timestamp),
    col("updated_at", Timestamp),
];

const ORDER_ITEMS: &[Column] = &[
    col("order_item_id", Key),
    col("order_id", Key),
    col("customer_id", Key),
    col("product_id", Key),
    col("quantity", Int),
    col("unit_price", Money),
    col("status", Text(16)),
    col("ordered_at", Timestamp),
    col("promised_delivery_date", Date),
    opt("shipped_at", Timestamp),
    opt("delivered_at", Timestamp),
    col("updated_at", Timestamp),
];

const PRODUCT_RATING: &[Column] = &[
    col("rating_id", Key),
    col("customer_id", Key),
    col("product_id", Key),
    col("order_id", Key),
    col("rating", Int),
    col("review_text", LongText),
    col("created_at", Timestamp),
];

const SUPPORT_CHAT: &[Column] = &[
    col("chat_id", Key),
    col("customer_support_id", Text(16)),
    opt("order_id", Key),
    col("topic", Text(32)),
    col("transcript", LongText),
    col("resolved", Bool),
    col("created_at", Timestamp),
    opt("resolved_at", Timestamp),
    col("updated_at", Timestamp),
];

/// `column` refers to `target`'s key or unique column `target_column`.
const fn reference(column: &'static str, target: Table, target_column: &'static str) -> Reference {
    Reference {
        column,
        target,
        target_column,
    }
}

const TO_CUSTOMER_AND_PRODUCT: &[Reference] = &[
    reference("customer_id", Table::Customer, "customer_id"),
    reference("product_id", Table::Product, "product_id"),
];

const TO_SUPPORT_ID: &[Reference] = &[reference(
    "customer_support_id",
    Table::Customer,
    "customer_support_id",
)];

impl Table {
    /// All tables, referred tables before the tables that refer to them.
    pub const ALL: [Table; 7] = [
        Table::Simulation,
        Table::Customer,
        Table::Product,
        Table::CartItems,
        Table::OrderItems,
        Table::ProductRating,
        Table::SupportChat,
    ];

    /// The table's name (without schema).
    pub fn name(self) -> &'static str {
        match self {
            Table::Simulation => "simulation",
            Table::Customer => "customer",
            Table::Product => "product",
            Table::CartItems => "cart_items",
            Table::OrderItems => "order_items",
            Table::ProductRating => "product_rating",
            Table::SupportChat => "support_chat",
        }
    }

    /// The columns, primary key first.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Simulation => SIMULATION,
            Table::Customer => CUSTOMER,
            Table::Product => PRODUCT,
            Table::CartItems => CART_ITEMS,
            Table::OrderItems => ORDER_ITEMS,
            Table::ProductRating => PRODUCT_RATING,
            Table::SupportChat => SUPPORT_CHAT,
        }
    }

    /// The primary key column's name.
    pub fn key(self) -> &'static str {
        self.columns()[0].name
    }

    /// The column called `name`.
    pub fn column(self, name: &str) -> Option<&'static Column> {
        self.columns().iter().find(|column| column.name == name)
    }

    /// The table's foreign keys.
    pub fn references(self) -> &'static [Reference] {
        match self {
            Table::Simulation | Table::Customer | Table::Product => &[],
            Table::CartItems | Table::OrderItems | Table::ProductRating => TO_CUSTOMER_AND_PRODUCT,
            Table::SupportChat => TO_SUPPORT_ID,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_point_at_earlier_tables_and_real_columns() {
        for (position, table) in Table::ALL.iter().enumerate() {
            assert_eq!(table.columns()[0].kind, ColumnKind::Key, "{table:?} key");
            for reference in table.references() {
                assert!(table.column(reference.column).is_some());
                let target = reference.target.column(reference.target_column).unwrap();
                assert!(target.unique || reference.target_column == reference.target.key());
                assert!(
                    Table::ALL
                        .iter()
                        .position(|t| *t == reference.target)
                        .unwrap()
                        < position
                );
            }
        }
    }
}
