//! Personal details: names, emails, phones, addresses; the slightly different
//! details people give when they register twice; and profile edits.

use rand::RngExt;
use rand::seq::IndexedRandom;

use crate::seed::SimRng;

/// First names, each with a common nickname (or itself).
const FIRST_NAMES: &[(&str, &str)] = &[
    ("James", "Jim"),
    ("Mary", "Molly"),
    ("Robert", "Bob"),
    ("Patricia", "Pat"),
    ("John", "Jack"),
    ("Jennifer", "Jen"),
    ("Michael", "Mike"),
    ("Linda", "Lindy"),
    ("William", "Bill"),
    ("Elizabeth", "Liz"),
    ("David", "Dave"),
    ("Barbara", "Barb"),
    ("Richard", "Rick"),
    ("Susan", "Sue"),
    ("Joseph", "Joe"),
    ("Jessica", "Jess"),
    ("Thomas", "Tom"),
    ("Sarah", "Sally"),
    ("Charles", "Charlie"),
    ("Karen", "Karen"),
    ("Daniel", "Dan"),
    ("Nancy", "Nan"),
    ("Matthew", "Matt"),
    ("Margaret", "Maggie"),
    ("Anthony", "Tony"),
    ("Sandra", "Sandy"),
    ("Mark", "Mark"),
    ("Ashley", "Ash"),
    ("Steven", "Steve"),
    ("Kimberly", "Kim"),
    ("Andrew", "Andy"),
    ("Emily", "Em"),
    ("Joshua", "Josh"),
    ("Michelle", "Shelly"),
    ("Kenneth", "Ken"),
    ("Amanda", "Mandy"),
    ("Aisha", "Aisha"),
    ("Wei", "Wei"),
    ("Priya", "Priya"),
    ("Carlos", "Carlos"),
    ("Sofia", "Sofi"),
    ("Mateo", "Teo"),
    ("Fatima", "Fatima"),
    ("Hiroshi", "Hiro"),
    ("Olga", "Olya"),
    ("Ahmed", "Ahmed"),
    ("Lucia", "Lucy"),
    ("Noah", "Noah"),
    ("Chloe", "Chloe"),
    ("Liam", "Liam"),
];

const LAST_NAMES: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Patel",
    "Kim",
    "Chen",
    "Singh",
    "Novak",
    "Kowalski",
    "Schmidt",
    "Rossi",
    "Dubois",
    "Tanaka",
];

const EMAIL_DOMAINS: &[&str] = &[
    "mailbox.example",
    "inbox.example",
    "post.example",
    "webmail.example",
    "fastmail.example",
];

const STREETS: &[&str] = &[
    "Oak",
    "Maple",
    "Cedar",
    "Pine",
    "Elm",
    "Washington",
    "Lake",
    "Hill",
    "Sunset",
    "Park",
    "River",
    "Church",
    "Highland",
    "Mill",
    "Forest",
    "Meadow",
    "Spring",
    "Valley",
    "Ridge",
    "Harbor",
];

/// Street suffixes, each with its abbreviation.
const SUFFIXES: &[(&str, &str)] = &[
    ("Street", "St"),
    ("Avenue", "Ave"),
    ("Road", "Rd"),
    ("Lane", "Ln"),
    ("Drive", "Dr"),
];

const CITIES: &[(&str, &str)] = &[
    ("Springfield", "IL"),
    ("Riverside", "CA"),
    ("Franklin", "TN"),
    ("Greenville", "SC"),
    ("Madison", "WI"),
    ("Georgetown", "TX"),
    ("Salem", "OR"),
    ("Fairview", "NJ"),
    ("Clinton", "IA"),
    ("Arlington", "VA"),
    ("Ashland", "KY"),
    ("Burlington", "VT"),
    ("Dover", "DE"),
    ("Hudson", "NY"),
    ("Marion", "OH"),
];

/// What a customer told the shop about themselves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Profile {
    /// Full name.
    pub(crate) name: String,
    /// Email address.
    pub(crate) email: String,
    /// Phone number.
    pub(crate) phone: String,
    /// Postal address.
    pub(crate) address: String,
}

impl Profile {
    /// A new random person's details.
    pub(crate) fn random(rng: &mut SimRng) -> Profile {
        let &(first, _) = FIRST_NAMES.choose(rng).unwrap_or(&FIRST_NAMES[0]);
        let last = *LAST_NAMES.choose(rng).unwrap_or(&LAST_NAMES[0]);
        Profile {
            name: format!("{first} {last}"),
            email: email(&format!("{first}.{last}"), rng),
            phone: phone(rng),
            address: address(rng),
        }
    }

    /// The details the same person gives when registering a second time:
    /// a nickname or typo, another email, another phone format, an abbreviated street.
    pub(crate) fn duplicate(&self, rng: &mut SimRng) -> Profile {
        let (first, last) = self.name.split_once(' ').unwrap_or((&self.name, ""));
        let name = match rng.random_range(0..3) {
            0 => format!("{} {last}", nickname(first)),
            1 => format!("{first} {}", typo(last, rng)),
            _ => format!(
                "{first} {}. {last}",
                char::from(b'A' + rng.random_range(0..26u8))
            ),
        };
        let local = self.email.split('@').next().unwrap_or_default();
        let email = match rng.random_range(0..3) {
            0 => format!(
                "{local}@{}",
                EMAIL_DOMAINS.choose(rng).unwrap_or(&EMAIL_DOMAINS[0])
            ),
            1 => email(
                &format!("{}{last}", first.chars().next().unwrap_or('x')),
                rng,
            ),
            _ => format!(
                "{}{}@{}",
                local.replace('.', ""),
                rng.random_range(1..100),
                self.email.split('@').nth(1).unwrap_or_default()
            ),
        };
        let digits: String = self.phone.chars().filter(char::is_ascii_digit).collect();
        let phone = match rng.random_range(0..3) {
            0 => format!("+1 {} {} {}", &digits[..3], &digits[3..6], &digits[6..]),
            1 => self.phone.clone(),
            _ => {
                let position = rng.random_range(3..10);
                let mut changed = digits.into_bytes();
                changed[position] = b'0' + (changed[position] - b'0' + 1) % 10;
                let changed = String::from_utf8(changed).unwrap_or_default();
                format!("{}-{}-{}", &changed[..3], &changed[3..6], &changed[6..])
            }
        };
        let address = SUFFIXES
            .iter()
            .find(|(long, _)| self.address.contains(long))
            .map_or_else(
                || self.address.clone(),
                |(long, short)| self.address.replace(long, short),
            );
        Profile {
            name,
            email,
            phone,
            address,
        }
    }

    /// A profile edit: a move, a new phone or a new email. Returns the edited
    /// field's name.
    pub(crate) fn edit(&mut self, rng: &mut SimRng) -> &'static str {
        match rng.random_range(0..3) {
            0 => {
                self.address = address(rng);
                "address"
            }
            1 => {
                self.phone = phone(rng);
                "phone"
            }
            _ => {
                let local = self.email.split('@').next().unwrap_or_default().to_owned();
                self.email = format!(
                    "{local}@{}",
                    EMAIL_DOMAINS.choose(rng).unwrap_or(&EMAIL_DOMAINS[0])
                );
                "email"
            }
        }
    }
}

/// `local` lower-cased at a random domain, sometimes with digits.
fn email(local: &str, rng: &mut SimRng) -> String {
    let domain = EMAIL_DOMAINS.choose(rng).unwrap_or(&EMAIL_DOMAINS[0]);
    let local = local.to_ascii_lowercase().replace(' ', "");
    if rng.random_bool(0.4) {
        format!("{local}{}@{domain}", rng.random_range(1..1000))
    } else {
        format!("{local}@{domain}")
    }
}

/// A phone number written `AAA-BBB-CCCC`.
fn phone(rng: &mut SimRng) -> String {
    format!(
        "{}-{}-{:04}",
        rng.random_range(201..990),
        rng.random_range(200..1000),
        rng.random_range(0..10_000)
    )
}

/// A street address with city, state and ZIP code.
fn address(rng: &mut SimRng) -> String {
    let street = STREETS.choose(rng).unwrap_or(&STREETS[0]);
    let (suffix, _) = SUFFIXES.choose(rng).unwrap_or(&SUFFIXES[0]);
    let (city, state) = CITIES.choose(rng).unwrap_or(&CITIES[0]);
    format!(
        "{} {street} {suffix}, {city}, {state} {:05}",
        rng.random_range(1..9999),
        rng.random_range(1000..99_999)
    )
}

/// The usual nickname of a first name (or the name itself).
fn nickname(first: &str) -> &str {
    FIRST_NAMES
        .iter()
        .find(|(name, _)| *name == first)
        .map_or(first, |(_, nick)| nick)
}

/// `word` with two neighbouring letters swapped, or its last letter doubled
/// when a swap would change nothing.
fn typo(word: &str, rng: &mut SimRng) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() >= 3 {
        let position = rng.random_range(1..chars.len() - 1);
        chars.swap(position, position + 1);
    }
    let swapped: String = chars.into_iter().collect();
    if swapped == word {
        format!("{word}{}", word.chars().last().unwrap_or('e'))
    } else {
        swapped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{self, Purpose};

    #[test]
    fn duplicates_differ_but_stay_close() {
        for person in 0..200 {
            let mut rng = seed::rng(3, Purpose::People, person, 0);
            let original = Profile::random(&mut rng);
            let copy = original.duplicate(&mut rng);
            assert_ne!(original, copy, "a duplicate must differ somewhere");
            let last = original.name.rsplit(' ').next().unwrap();
            let last_copy = copy.name.rsplit(' ').next().unwrap();
            assert_eq!(
                last.chars().next(),
                last_copy.chars().next(),
                "{original:?} {copy:?}"
            );
            let digits = |p: &str| p.chars().filter(char::is_ascii_digit).count();
            assert!((10..=11).contains(&digits(&copy.phone)), "{copy:?}");
        }
    }

    #[test]
    fn edits_change_one_field() {
        let mut rng = seed::rng(3, Purpose::People, 1, 0);
        let mut profile = Profile::random(&mut rng);
        let before = profile.clone();
        let field = profile.edit(&mut rng);
        assert_eq!(profile.name, before.name);
        assert!(["address", "phone", "email"].contains(&field));
    }
}
