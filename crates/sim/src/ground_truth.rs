//! The ground truth of a run — who each customer really is, their persona,
//! when they left, which accounts are the same person, and what they spent —
//! so that the use cases (churn, lifetime value, entity resolution,
//! segmentation) can be scored later.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::behaviour::state::PersonState;
use crate::calendar::Calendar;
use crate::error::SimError;
use crate::world::World;
use crate::world::persona::Persona;

/// The truth about one simulated person.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonTruth {
    /// 1-based; also the id of their duplicate-identity cluster.
    pub person_id: u32,
    /// Their persona.
    pub persona: Persona,
    /// Their customer accounts that exist, first account first. Two ids: the
    /// person registered twice.
    pub customer_ids: Vec<u32>,
    /// The first day they no longer came (they churned), if they did.
    pub churn_date: Option<NaiveDate>,
    /// Revenue from their orders over the run (realised lifetime value).
    pub lifetime_value: f64,
    /// Orders placed.
    pub orders: u32,
    /// Sessions.
    pub sessions: u32,
    /// Orders delivered late.
    pub late_deliveries: u32,
}

/// The ground truth of a run, one entry per person.
#[derive(Clone, Debug, PartialEq)]
pub struct GroundTruth {
    /// Every person, by id.
    pub persons: Vec<PersonTruth>,
}

impl GroundTruth {
    /// The truth at the end of a run.
    pub(crate) fn collect(
        world: &World,
        states: &[PersonState],
        calendar: &Calendar,
    ) -> GroundTruth {
        let persons = world
            .people
            .iter()
            .zip(states)
            .enumerate()
            .map(|(index, (person, state))| {
                let mut customer_ids = vec![person.primary + 1];
                if let Some(plan) = person.duplicate.filter(|_| state.second_account_open) {
                    customer_ids.push(plan.account + 1);
                }
                PersonTruth {
                    person_id: index as u32 + 1,
                    persona: person.persona,
                    customer_ids,
                    churn_date: state.churned_on.map(|day| calendar.date(day)),
                    lifetime_value: (state.lifetime_value * 100.0).round() / 100.0,
                    orders: state.orders,
                    sessions: state.sessions,
                    late_deliveries: state.late_deliveries,
                }
            })
            .collect();
        GroundTruth { persons }
    }

    /// The duplicate-identity clusters: customer ids of each person with
    /// more than one account.
    pub fn duplicate_clusters(&self) -> Vec<&[u32]> {
        self.persons
            .iter()
            .filter(|person| person.customer_ids.len() > 1)
            .map(|person| &person.customer_ids[..])
            .collect()
    }

    /// People who churned.
    pub fn churned(&self) -> usize {
        self.persons
            .iter()
            .filter(|person| person.churn_date.is_some())
            .count()
    }

    /// Writes `persons.csv` (one row per person) and `customers.csv` (one
    /// row per existing account, with its person — the cluster — persona,
    /// churn date and the person's lifetime value) into `dir`.
    pub fn write_csv(&self, dir: impl AsRef<Path>) -> Result<(), SimError> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(SimError::io("create folder", dir))?;
        let mut persons = String::from(
            "person_id,persona,churn_date,lifetime_value,orders,sessions,late_deliveries,customer_ids\n",
        );
        let mut customers =
            String::from("customer_id,person_id,persona,is_duplicate,churn_date,lifetime_value\n");
        for person in &self.persons {
            let churn = person
                .churn_date
                .map(|date| date.to_string())
                .unwrap_or_default();
            let ids: Vec<String> = person.customer_ids.iter().map(u32::to_string).collect();
            let _ = writeln!(
                persons,
                "{},{},{churn},{:.2},{},{},{},{}",
                person.person_id,
                person.persona,
                person.lifetime_value,
                person.orders,
                person.sessions,
                person.late_deliveries,
                ids.join(";")
            );
            for (position, id) in person.customer_ids.iter().enumerate() {
                let _ = writeln!(
                    customers,
                    "{id},{},{},{},{churn},{:.2}",
                    person.person_id,
                    person.persona,
                    position > 0,
                    person.lifetime_value
                );
            }
        }
        for (name, text) in [("persons.csv", persons), ("customers.csv", customers)] {
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(SimError::io("write", &path))?;
        }
        Ok(())
    }
}
