//! The servers' own command-line clients as peers of `bench cdc`: the dump tool for a
//! table (pg_dump, mysqldump) and the change client for the changes (pg_recvlogical with
//! test_decoding, mysqlbinlog), connected where the benchmark's source URL points.

use std::process::Command;

use anyhow::{Context as _, Result, bail};
use lakeforge_spec::Engine;
use sqlx::{AnyConnection, Row};

use super::peer;

/// Host, port, user, password and database of a server URL, as its clients take them.
#[derive(Clone, Debug, PartialEq)]
pub struct Login {
    host: String,
    port: Option<u16>,
    user: String,
    password: Option<String>,
    database: String,
}

impl Login {
    /// Reads `scheme://user[:password]@host[:port]/database`.
    pub fn from_url(url: &str) -> Result<Self> {
        let parsed = url::Url::parse(url).with_context(|| format!("server URL `{url}`"))?;
        let decode = |text: &str| {
            percent_encoding::percent_decode_str(text)
                .decode_utf8_lossy()
                .into_owned()
        };
        let database = parsed.path().trim_start_matches('/');
        if database.is_empty() {
            bail!("server URL `{url}` names no database (…/<database>)");
        }
        Ok(Self {
            host: parsed.host_str().unwrap_or("localhost").to_owned(),
            port: parsed.port(),
            user: decode(parsed.username()),
            password: parsed.password().map(decode),
            database: decode(database),
        })
    }
}

/// The clients of one server.
pub enum ServerClients {
    /// pg_dump and pg_recvlogical.
    Postgres(Login),
    /// mysqldump and mysqlbinlog.
    Mysql(Login),
}

impl ServerClients {
    /// The clients of the server `url` points at.
    pub fn new(engine: Engine, url: &str) -> Result<Self> {
        let login = Login::from_url(url)?;
        Ok(match engine {
            Engine::Postgres => Self::Postgres(login),
            _ => Self::Mysql(login),
        })
    }

    /// The dump tool's name.
    pub fn dump_tool(&self) -> &'static str {
        match self {
            Self::Postgres(_) => "pg_dump",
            Self::Mysql(_) => "mysqldump",
        }
    }

    /// The change client's name.
    pub fn change_tool(&self) -> &'static str {
        match self {
            Self::Postgres(_) => "pg_recvlogical",
            Self::Mysql(_) => "mysqlbinlog",
        }
    }

    /// The dump tool writing the data of `schema.table` to the file `out`, timed.
    pub fn dump(&self, schema: &str, table: &str, out: &str) -> Result<f64> {
        let mut command = self.command(self.dump_tool());
        match self {
            Self::Postgres(_) => {
                command.args(["--data-only", "-t", &format!("{schema}.{table}"), "-f", out])
            }
            Self::Mysql(_) => command.args([
                "--no-create-info",
                &format!("--result-file={out}"),
                schema,
                table,
            ]),
        };
        peer::timed(&mut command)
    }

    /// Where the change client will start: a new test_decoding slot named `slot`
    /// (PostgreSQL) or the binlog position (MariaDB), taken before the changes.
    pub async fn change_start(&self, conn: &mut AnyConnection, slot: &str) -> Result<String> {
        match self {
            Self::Postgres(_) => {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT pg_create_logical_replication_slot('{slot}', 'test_decoding')::text"
                )))
                .fetch_one(&mut *conn)
                .await?;
                Ok(slot.to_owned())
            }
            Self::Mysql(_) => {
                let row = sqlx::query("SHOW MASTER STATUS")
                    .fetch_one(&mut *conn)
                    .await?;
                let file: String = row.try_get(0)?;
                let offset: i64 = row.try_get(1)?;
                Ok(format!("{file}\t{offset}"))
            }
        }
    }

    /// The change client reading the changes from `start` to the server's current end,
    /// decoded to text in the file `out`, timed.
    pub async fn changes(&self, conn: &mut AnyConnection, start: &str, out: &str) -> Result<f64> {
        let mut command = self.command(self.change_tool());
        match self {
            Self::Postgres(_) => {
                let end: String = sqlx::query("SELECT pg_current_wal_lsn()::text")
                    .fetch_one(&mut *conn)
                    .await?
                    .try_get(0)?;
                command.args([
                    "--slot",
                    start,
                    "--start",
                    "--no-loop",
                    "--endpos",
                    &end,
                    "-f",
                    out,
                ])
            }
            Self::Mysql(_) => {
                let (file, offset) = start.split_once('\t').context("binlog start")?;
                command.args([
                    "--read-from-remote-server",
                    "--base64-output=decode-rows",
                    "--verbose",
                    "--to-last-log",
                    &format!("--start-position={offset}"),
                    &format!("--result-file={out}"),
                    file,
                ])
            }
        };
        peer::timed(&mut command)
    }

    /// `program` with the connection options and the password in its environment.
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        match self {
            Self::Postgres(login) => {
                command.args(["-h", &login.host, "-U", &login.user, "-d", &login.database]);
                if let Some(port) = login.port {
                    command.args(["-p", &port.to_string()]);
                }
                if let Some(password) = &login.password {
                    command.env("PGPASSWORD", password);
                }
            }
            Self::Mysql(login) => {
                command.args(["-h", &login.host, "-u", &login.user]);
                if let Some(port) = login.port {
                    command.args(["-P", &port.to_string()]);
                }
                if let Some(password) = &login.password {
                    command.env("MYSQL_PWD", password);
                }
            }
        }
        command
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_is_read_from_the_url() {
        let login = Login::from_url("postgres://ana%40x:p%2Fw@db.example:6543/sales").unwrap();
        assert_eq!(
            login,
            Login {
                host: "db.example".into(),
                port: Some(6543),
                user: "ana@x".into(),
                password: Some("p/w".into()),
                database: "sales".into(),
            }
        );
        let login = Login::from_url("mysql://root@127.0.0.1/test").unwrap();
        assert_eq!((login.port, login.password), (None, None));
        assert!(Login::from_url("mysql://root@127.0.0.1").is_err());
    }

    #[test]
    fn the_clients_connect_where_the_url_points() {
        let clients =
            ServerClients::new(Engine::Mariadb, "mysql://bench:secret@10.1.2.3:3307/shop").unwrap();
        let command = clients.command("mysqldump");
        let args: Vec<_> = command.get_args().map(|a| a.to_str().unwrap()).collect();
        assert_eq!(args, ["-h", "10.1.2.3", "-u", "bench", "-P", "3307"]);
        let env: Vec<_> = command.get_envs().collect();
        assert_eq!(env, [("MYSQL_PWD".as_ref(), Some("secret".as_ref()))]);

        let clients =
            ServerClients::new(Engine::Postgres, "postgres://root@127.0.0.1:5432/test").unwrap();
        let command = clients.command("pg_dump");
        let args: Vec<_> = command.get_args().map(|a| a.to_str().unwrap()).collect();
        assert_eq!(
            args,
            ["-h", "127.0.0.1", "-U", "root", "-d", "test", "-p", "5432"]
        );
    }
}
