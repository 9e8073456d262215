//! `modules.datetime`, `modules.re` and `run_started_at`: the parts of Python's modules dbt
//! projects reach for.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use minijinja::value::{Object, ObjectRepr};
use minijinja::{Error, ErrorKind, State, Value};
use regex::Regex;

use super::functions::error;

/// A point in time with Python's datetime methods (`strftime`, `isoformat`, `timestamp`).
#[derive(Debug)]
pub struct DateTimeValue(pub DateTime<Utc>);

impl Object for DateTimeValue {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        use chrono::{Datelike, Timelike};
        let t = &self.0;
        Some(Value::from(match key.as_str()? {
            "year" => t.year() as i64,
            "month" => t.month() as i64,
            "day" => t.day() as i64,
            "hour" => t.hour() as i64,
            "minute" => t.minute() as i64,
            "second" => t.second() as i64,
            _ => return None,
        }))
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        match method {
            "strftime" => {
                let format = args
                    .first()
                    .and_then(Value::as_str)
                    .unwrap_or("%Y-%m-%d %H:%M:%S")
                    .replace("%f", "%6f");
                let items: Vec<chrono::format::Item> =
                    chrono::format::StrftimeItems::new(&format).collect();
                if items
                    .iter()
                    .any(|i| matches!(i, chrono::format::Item::Error))
                {
                    return Err(error(format!("strftime: `{format}` is not a valid format")));
                }
                Ok(Value::from(
                    self.0.format_with_items(items.into_iter()).to_string(),
                ))
            }
            "isoformat" => Ok(Value::from(
                self.0.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string(),
            )),
            "timestamp" => Ok(Value::from(self.0.timestamp_micros() as f64 / 1e6)),
            "date" | "astimezone" | "replace" => Ok(Value::from_object(DateTimeValue(self.0))),
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("datetime has no method `{method}` in lakeforge"),
            )),
        }
    }

    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d %H:%M:%S%.6f+00:00"))
    }
}

/// `modules`: `datetime` and `re`.
#[derive(Debug)]
pub struct Modules;

impl Object for Modules {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        match key.as_str()? {
            "datetime" => Some(Value::from_object(DatetimeModule)),
            "re" => Some(Value::from_object(ReModule)),
            _ => None,
        }
    }
}

/// `modules.datetime`: `datetime.now()`, `datetime.utcnow()`, `date.today()`.
#[derive(Debug)]
struct DatetimeModule;

impl Object for DatetimeModule {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        matches!(key.as_str()?, "datetime" | "date").then(|| Value::from_object(DatetimeModule))
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        _args: &[Value],
    ) -> Result<Value, Error> {
        match method {
            "now" | "utcnow" | "today" => Ok(Value::from_object(DateTimeValue(Utc::now()))),
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("modules.datetime has no `{method}` in lakeforge"),
            )),
        }
    }
}

/// `modules.re`: `search`, `match`, `fullmatch`, `sub`, `findall`, `split`, `escape`.
#[derive(Debug)]
struct ReModule;

impl Object for ReModule {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        let text = |i: usize| args.get(i).map(|v| v.to_string()).unwrap_or_default();
        if method == "escape" {
            return Ok(Value::from(regex::escape(&text(0))));
        }
        let pattern = match method {
            "match" => format!("^(?:{})", text(0)),
            "fullmatch" => format!("^(?:{})$", text(0)),
            _ => text(0),
        };
        let regex = Regex::new(&pattern).map_err(|e| error(format!("modules.re: {e}")))?;
        match method {
            "search" | "match" | "fullmatch" => {
                let subject = text(1);
                Ok(match regex.captures(&subject) {
                    Some(caps) => Value::from(
                        caps.iter()
                            .map(|m| Value::from(m.map(|m| m.as_str().to_string())))
                            .collect::<Vec<_>>(),
                    ),
                    None => Value::from(()),
                })
            }
            "sub" => Ok(Value::from(
                regex
                    .replace_all(&text(2), python_replacement(&text(1)).as_str())
                    .into_owned(),
            )),
            "findall" => Ok(Value::from(
                regex
                    .find_iter(&text(1))
                    .map(|m| Value::from(m.as_str().to_string()))
                    .collect::<Vec<_>>(),
            )),
            "split" => Ok(Value::from(
                regex
                    .split(&text(1))
                    .map(|s| Value::from(s.to_string()))
                    .collect::<Vec<_>>(),
            )),
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("modules.re has no `{method}` in lakeforge"),
            )),
        }
    }
}

/// A Python `re.sub` replacement (`\\1`) in the regex crate's syntax (`${1}`).
fn python_replacement(replacement: &str) -> String {
    let escaped = replacement.replace('$', "$$");
    let group = Regex::new(r"\\(\d+)").expect("valid regex");
    group.replace_all(&escaped, "$${${1}}").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_back_references_become_groups() {
        assert_eq!(python_replacement(r"\1b-$"), "${1}b-$$");
        let regex = Regex::new("(a)").unwrap();
        assert_eq!(
            regex.replace_all("xa", python_replacement(r"\1b").as_str()),
            "xab"
        );
    }
}
