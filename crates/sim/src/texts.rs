//! The words customers write: review texts by rating and support chat
//! transcripts by topic. Events store a template number; the text is rendered
//! when written, identically for the clickstream and the database.

/// Review templates per star rating (index 0 = 1 star); `{item}` is the
/// product's subcategory in lower case.
const REVIEWS: [[&str; 3]; 5] = [
    [
        "Terrible {item}. Broke after two days, want my money back.",
        "Do not buy this {item}, nothing like the pictures.",
        "Very disappointed with this {item}.",
    ],
    [
        "The {item} is poor quality for the price.",
        "Not great. The {item} does the job but barely.",
        "Expected more from this {item}, would not buy again.",
    ],
    [
        "Average {item}, nothing special.",
        "The {item} is okay for the price.",
        "Decent {item} but delivery took a while.",
    ],
    [
        "Good {item}, works as described.",
        "Happy with this {item}, would recommend.",
        "Nice {item}, good value.",
    ],
    [
        "Excellent {item}! Exactly what I wanted.",
        "Love this {item}, best purchase this year.",
        "Perfect {item}, arrived quickly and works great.",
    ],
];

/// What a support chat is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChatTopic {
    /// An order arrived late (or has not arrived).
    LateDelivery,
    /// A question about a product before buying.
    ProductQuestion,
    /// Help with login, password or details.
    AccountHelp,
}

impl ChatTopic {
    /// The topic's name in outputs.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ChatTopic::LateDelivery => "late_delivery",
            ChatTopic::ProductQuestion => "product_question",
            ChatTopic::AccountHelp => "account_help",
        }
    }

    /// The templates of this topic; `{order}` is the order id.
    fn templates(self) -> &'static [&'static str; 3] {
        match self {
            ChatTopic::LateDelivery => &[
                "Hi, my order {order} is late. Where is it?",
                "Order {order} still has not arrived, this is the second time.",
                "I was promised delivery days ago for order {order}. Please help.",
            ],
            ChatTopic::ProductQuestion => &[
                "Hi, does this come in other colours?",
                "Is this compatible with the previous model?",
                "What is the warranty on this product?",
            ],
            ChatTopic::AccountHelp => &[
                "I cannot log in to my account.",
                "How do I change my delivery address?",
                "I did not get the password reset email.",
            ],
        }
    }
}

/// The number of templates per rating or topic.
pub(crate) const TEMPLATES: u8 = 3;

/// The text of a `rating`-star review of a product of subcategory `item`.
pub(crate) fn review(rating: u8, template: u8, item: &str) -> String {
    let rating = usize::from(rating.clamp(1, 5)) - 1;
    REVIEWS[rating][usize::from(template % TEMPLATES)].replace("{item}", &item.to_lowercase())
}

/// The customer's message of a chat about `topic`.
pub(crate) fn chat(topic: ChatTopic, template: u8, order: Option<u64>) -> String {
    let text = topic.templates()[usize::from(template % TEMPLATES)];
    match order {
        Some(order) => text.replace("{order}", &order.to_string()),
        None => text.to_owned(),
    }
}

/// Support's answer, solved or not.
pub(crate) fn agent_reply(resolved: bool) -> &'static str {
    if resolved {
        "Agent: Sorry about that! I have sorted it out for you, anything else?"
    } else {
        "Agent: I am afraid I cannot help with that right now, we will get back to you."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_fill_their_placeholders() {
        assert_eq!(
            review(5, 0, "Headphones"),
            "Excellent headphones! Exactly what I wanted."
        );
        assert!(review(1, 7, "Tea").contains("tea"));
        assert!(chat(ChatTopic::LateDelivery, 0, Some(42)).contains("order 42"));
        assert!(!chat(ChatTopic::AccountHelp, 1, None).contains('{'));
    }
}
