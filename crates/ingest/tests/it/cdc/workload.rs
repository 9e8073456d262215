//! The random source workload of the CDC tests: three tables (a primary key, a compound
//! key, no key) and a statement generator over them with NULLs, key changes, multi-row
//! updates and one ADD COLUMN / DROP COLUMN.

use lakeforge_spec::Engine;

use super::Db;

/// The tables of the workload and the columns compared (those of the end, after the
/// ADD COLUMN; a dropped column is not compared).
pub const TABLES: [(&str, &[&str]); 3] = [
    ("t_pk", &["id", "a", "b", "c"]),
    ("t_ck", &["k1", "k2", "v"]),
    ("t_nopk", &["x", "y"]),
];

fn word(rng: &mut fastrand::Rng) -> String {
    match rng.u8(0..10) {
        0 => "NULL".into(),
        1 => "''".into(),
        _ => format!(
            "'{}'",
            (0..rng.usize(1..12))
                .map(|_| rng.alphanumeric())
                .collect::<String>()
        ),
    }
}

fn number(rng: &mut fastrand::Rng) -> String {
    if rng.u8(0..8) == 0 {
        "NULL".into()
    } else {
        rng.i32(-1000..1000).to_string()
    }
}

/// The workload generator: ids handed out so far per table.
pub struct Workload {
    schema: String,
    pub rng: fastrand::Rng,
    next_pk: i64,
    next_ck: i64,
    /// Whether `t_pk.c` was added.
    pub added: bool,
    /// Whether `t_ck.w` was dropped.
    pub dropped: bool,
}

impl Workload {
    /// A workload over the tables in `schema`, random from `seed`.
    pub fn new(schema: &str, seed: u64) -> Self {
        Self {
            schema: schema.to_owned(),
            rng: fastrand::Rng::with_seed(seed),
            next_pk: 0,
            next_ck: 0,
            added: false,
            dropped: false,
        }
    }

    /// Adds column `c` to `t_pk`.
    pub async fn add_column(&mut self, db: &mut Db) {
        db.exec(&format!("ALTER TABLE {} ADD COLUMN c INT", self.t("t_pk")))
            .await;
        self.added = true;
    }

    /// Drops column `w` of `t_ck`.
    pub async fn drop_column(&mut self, db: &mut Db) {
        db.exec(&format!("ALTER TABLE {} DROP COLUMN w", self.t("t_ck")))
            .await;
        self.dropped = true;
    }

    /// Runs `count` random statements in transactions of 1–5 statements, one in ten
    /// rolled back.
    pub async fn transactions(&mut self, db: &mut Db, count: usize) {
        let mut done = 0;
        while done < count {
            let size = self.rng.usize(1..=5).min(count - done);
            let rollback = self.rng.u8(0..10) == 0;
            db.exec("BEGIN").await;
            for _ in 0..size {
                let sql = self.statement();
                db.exec(&sql).await;
            }
            db.exec(if rollback { "ROLLBACK" } else { "COMMIT" }).await;
            done += size;
        }
    }

    /// Inserts `rows` rows into `t_pk` with multi-row statements (a full load's worth).
    pub async fn bulk_insert(&mut self, db: &mut Db, rows: usize) {
        for chunk in (0..rows).collect::<Vec<_>>().chunks(1000) {
            let values: Vec<String> = chunk
                .iter()
                .map(|_| {
                    self.next_pk += 1;
                    let (a, b) = (number(&mut self.rng), word(&mut self.rng));
                    format!("({}, {a}, {b})", self.next_pk)
                })
                .collect();
            db.exec(&format!(
                "INSERT INTO {} (id, a, b) VALUES {}",
                self.t("t_pk"),
                values.join(", ")
            ))
            .await;
        }
    }

    fn t(&self, table: &str) -> String {
        format!("{}.{table}", self.schema)
    }

    pub fn insert_pk(&mut self) -> String {
        self.next_pk += 1;
        let (a, b) = (number(&mut self.rng), word(&mut self.rng));
        if self.added {
            let c = number(&mut self.rng);
            format!(
                "INSERT INTO {} (id, a, b, c) VALUES ({}, {a}, {b}, {c})",
                self.t("t_pk"),
                self.next_pk
            )
        } else {
            format!(
                "INSERT INTO {} (id, a, b) VALUES ({}, {a}, {b})",
                self.t("t_pk"),
                self.next_pk
            )
        }
    }

    pub fn insert_ck(&mut self) -> String {
        self.next_ck += 1;
        let k2 = ["x", "y", "z"][self.rng.usize(0..3)];
        let v = number(&mut self.rng);
        if self.dropped {
            format!(
                "INSERT INTO {} (k1, k2, v) VALUES ({}, '{k2}', {v})",
                self.t("t_ck"),
                self.next_ck
            )
        } else {
            let w = number(&mut self.rng);
            format!(
                "INSERT INTO {} (k1, k2, v, w) VALUES ({}, '{k2}', {v}, {w})",
                self.t("t_ck"),
                self.next_ck
            )
        }
    }

    pub fn insert_nopk(&mut self) -> String {
        let x = self.rng.i32(0..50);
        let y = word(&mut self.rng);
        format!("INSERT INTO {} (x, y) VALUES ({x}, {y})", self.t("t_nopk"))
    }

    /// One random statement.
    pub fn statement(&mut self) -> String {
        let pk = self.rng.i64(1..=self.next_pk.max(1));
        let ck = self.rng.i64(1..=self.next_ck.max(1));
        match self.rng.u8(0..100) {
            0..=24 => self.insert_pk(),
            25..=44 => {
                let (a, b) = (number(&mut self.rng), word(&mut self.rng));
                let c = if self.added {
                    format!(", c = {}", number(&mut self.rng))
                } else {
                    String::new()
                };
                format!(
                    "UPDATE {} SET a = {a}, b = {b}{c} WHERE id = {pk}",
                    self.t("t_pk")
                )
            }
            45..=54 => format!("DELETE FROM {} WHERE id = {pk}", self.t("t_pk")),
            55..=57 => {
                // A key change: to a fresh id.
                self.next_pk += 1;
                format!(
                    "UPDATE {} SET id = {} WHERE id = {pk}",
                    self.t("t_pk"),
                    self.next_pk
                )
            }
            58..=59 => format!(
                "UPDATE {} SET a = a + 1 WHERE id % 17 = {}",
                self.t("t_pk"),
                self.rng.u8(0..17)
            ),
            60..=71 => self.insert_ck(),
            72..=79 => format!(
                "UPDATE {} SET v = {} WHERE k1 = {ck}",
                self.t("t_ck"),
                number(&mut self.rng)
            ),
            80..=84 => format!("DELETE FROM {} WHERE k1 = {ck}", self.t("t_ck")),
            85..=91 => self.insert_nopk(),
            92..=95 => format!(
                "UPDATE {} SET y = {} WHERE x = {}",
                self.t("t_nopk"),
                word(&mut self.rng),
                self.rng.i32(0..50)
            ),
            _ => format!(
                "DELETE FROM {} WHERE x = {}",
                self.t("t_nopk"),
                self.rng.i32(0..50)
            ),
        }
    }
}

/// Creates the workload's tables in `schema`.
pub async fn create_tables(db: &mut Db, schema: &str) {
    db.exec(&format!(
        "CREATE TABLE {schema}.t_pk (id BIGINT PRIMARY KEY, a INT, b VARCHAR(40))"
    ))
    .await;
    db.exec(&format!(
        "CREATE TABLE {schema}.t_ck (k1 BIGINT NOT NULL, k2 VARCHAR(4) NOT NULL, v INT, w INT, PRIMARY KEY (k1, k2))"
    ))
    .await;
    db.exec(&format!(
        "CREATE TABLE {schema}.t_nopk (x INT, y VARCHAR(40))"
    ))
    .await;
    if db.engine() == Engine::Postgres {
        db.exec(&format!(
            "ALTER TABLE {schema}.t_nopk REPLICA IDENTITY FULL"
        ))
        .await;
    }
}
