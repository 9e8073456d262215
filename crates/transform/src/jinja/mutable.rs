//! Lists and dicts that Jinja code can change in place (`{% do fields.append(x) %}`,
//! `{% do config.update(…) %}`), as dbt's Jinja (Python's) allows and dbt packages rely on.
//! minijinja's own sequences and maps are immutable, so empty literals (`[]`, `{}`) inside
//! Jinja tags are rewritten to these objects before a template is compiled.

use std::sync::{Arc, LazyLock, Mutex};

use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::{Error, ErrorKind, State, Value};
use regex::Regex;

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}").expect("valid regex"));

/// The template with the list and dict literals of its Jinja tags made mutable: `[a, b]`
/// becomes `__lakeforge_list(a, b)` and `{}` becomes `__lakeforge_dict()` (a dict literal
/// with entries stays as it is: `.update()` on one is rare). Subscripts (`x[0]`) and text
/// outside tags are untouched.
pub fn rewrite(source: &str) -> String {
    TAG.replace_all(source, |caps: &regex::Captures| rewrite_tag(&caps[0]))
        .into_owned()
}

fn rewrite_tag(tag: &str) -> String {
    let chars: Vec<char> = tag.chars().collect();
    let mut out = String::with_capacity(tag.len() + 16);
    // For each open `[`, whether it began a list literal (so its `]` becomes `)`).
    let mut brackets: Vec<bool> = Vec::new();
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' && i + 1 < chars.len() {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            if c == q {
                quote = None;
                previous = c;
            }
            i += 1;
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                out.push(c);
            }
            '[' => {
                let literal = !(previous.is_alphanumeric()
                    || matches!(previous, '_' | ')' | ']' | '}' | '\'' | '"'));
                brackets.push(literal);
                out.push_str(if literal { "__lakeforge_list(" } else { "[" });
            }
            ']' => out.push(if brackets.pop() == Some(true) {
                ')'
            } else {
                ']'
            }),
            '{' if i > 1
                && chars.get(i + 1).is_some_and(|n| *n == '}')
                && !matches!(chars.get(i.wrapping_sub(1)), Some('{')) =>
            {
                out.push_str("__lakeforge_dict()");
                i += 2;
                previous = ')';
                continue;
            }
            _ => out.push(c),
        }
        if !c.is_whitespace() {
            previous = c;
        }
        i += 1;
    }
    out
}

/// A JSON value (a test's arguments from YAML) as Jinja sees it, with lists mutable.
pub fn from_json(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Array(items) => Value::from_object(MutableList(Mutex::new(
            items.iter().map(from_json).collect(),
        ))),
        other => super::to_value(other),
    }
}

/// `items[index]` as Python reads it: a negative index counts from the end.
pub fn item_at(items: &[Value], index: i64) -> Option<Value> {
    let index = if index < 0 {
        items.len() as i64 + index
    } else {
        index
    };
    items.get(usize::try_from(index).ok()?).cloned()
}

/// The distinct values, in first-seen order.
pub fn distinct(values: impl IntoIterator<Item = Value>) -> Vec<Value> {
    let mut seen: Vec<Value> = Vec::new();
    for value in values {
        if !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A list with `append`, `extend`, `insert`, `pop`, `remove`, `index`, `count`.
#[derive(Debug, Default)]
pub struct MutableList(Mutex<Vec<Value>>);

impl MutableList {
    /// A list of `items` as a value.
    pub fn value(items: minijinja::value::Rest<Value>) -> Value {
        Value::from_object(Self(Mutex::new(items.0)))
    }
}

impl Object for MutableList {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        item_at(&lock(&self.0), key.as_i64()?)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(lock(&self.0).clone())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(lock(&self.0).len())
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        let mut items = lock(&self.0);
        let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
        match method {
            "append" => items.push(arg(0)),
            "extend" => items.extend(arg(0).try_iter()?),
            "insert" => {
                let at = arg(0).as_usize().unwrap_or(0).min(items.len());
                items.insert(at, arg(1));
            }
            "pop" => {
                let at = match args.first().and_then(Value::as_i64) {
                    Some(i) if i < 0 => items.len().checked_sub(i.unsigned_abs() as usize),
                    Some(i) => Some(i as usize),
                    None => items.len().checked_sub(1),
                };
                return match at.filter(|&i| i < items.len()) {
                    Some(i) => Ok(items.remove(i)),
                    None => Err(Error::new(
                        ErrorKind::InvalidOperation,
                        "pop from an empty list",
                    )),
                };
            }
            "remove" => {
                if let Some(i) = items.iter().position(|v| v == &arg(0)) {
                    items.remove(i);
                }
            }
            "index" => {
                return items
                    .iter()
                    .position(|v| v == &arg(0))
                    .map(Value::from)
                    .ok_or_else(|| {
                        Error::new(ErrorKind::InvalidOperation, "value is not in the list")
                    });
            }
            "count" => return Ok(Value::from(items.iter().filter(|v| *v == &arg(0)).count())),
            "copy" => return Ok(Value::from(items.clone())),
            _ => {
                return Err(Error::new(
                    ErrorKind::UnknownMethod,
                    format!("list has no method `{method}`"),
                ));
            }
        }
        Ok(Value::from(()))
    }
}

/// A dict with `update`, `pop`, `setdefault`, `get`, `items`, `keys`, `values`.
#[derive(Debug, Default)]
pub struct MutableDict(Mutex<Vec<(Value, Value)>>);

impl MutableDict {
    /// A new empty dict as a value.
    pub fn value() -> Value {
        Value::from_object(Self::default())
    }

    /// A dict of `pairs` as a value.
    pub fn from_pairs(pairs: Vec<(String, Value)>) -> Value {
        Value::from_object(Self(Mutex::new(
            pairs
                .into_iter()
                .map(|(k, v)| (Value::from(k), v))
                .collect(),
        )))
    }

    fn set(entries: &mut Vec<(Value, Value)>, key: Value, value: Value) {
        match entries.iter_mut().find(|(k, _)| k == &key) {
            Some(entry) => entry.1 = value,
            None => entries.push((key, value)),
        }
    }
}

impl Object for MutableDict {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        lock(&self.0)
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(lock(&self.0).iter().map(|(k, _)| k.clone()).collect())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(lock(&self.0).len())
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        let mut entries = lock(&self.0);
        let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
        match method {
            "update" => {
                for source in args {
                    for key in source.try_iter()? {
                        let value = source.get_item(&key)?;
                        Self::set(&mut entries, key, value);
                    }
                }
                Ok(Value::from(()))
            }
            "setdefault" => {
                if let Some((_, v)) = entries.iter().find(|(k, _)| k == &arg(0)) {
                    return Ok(v.clone());
                }
                entries.push((arg(0), arg(1)));
                Ok(arg(1))
            }
            "pop" => match entries.iter().position(|(k, _)| k == &arg(0)) {
                Some(i) => Ok(entries.remove(i).1),
                None => Ok(arg(1)),
            },
            "get" => Ok(entries
                .iter()
                .find(|(k, _)| k == &arg(0))
                .map(|(_, v)| v.clone())
                .unwrap_or(arg(1))),
            "keys" => Ok(Value::from(
                entries.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
            )),
            "values" => Ok(Value::from(
                entries.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>(),
            )),
            "items" => Ok(Value::from(
                entries
                    .iter()
                    .map(|(k, v)| Value::from(vec![k.clone(), v.clone()]))
                    .collect::<Vec<_>>(),
            )),
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("dict has no method `{method}`"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_in_tags_become_mutable_and_the_rest_is_untouched() {
        let source = "select '[]' as x {% set fields = [] %}{% set c = {} %}{{ f(a=[1, [2]], b=x[0], s='[') }} {} []";
        assert_eq!(
            rewrite(source),
            "select '[]' as x {% set fields = __lakeforge_list() %}{% set c = __lakeforge_dict() %}{{ f(a=__lakeforge_list(1, __lakeforge_list(2)), b=x[0], s='[') }} {} []"
        );
        assert_eq!(rewrite("{{ {'a': 1}['a'] }}"), "{{ {'a': 1}['a'] }}");
    }

    #[test]
    fn lists_append_and_dicts_update_in_place() {
        let mut env = minijinja::Environment::new();
        env.add_function("__lakeforge_list", MutableList::value);
        env.add_function("__lakeforge_dict", MutableDict::value);
        let template = rewrite(
            "{% set xs = [] %}{% do xs.append(1) %}{% do xs.extend([2, 3]) %}{{ xs | join(',') }}|{{ xs | length }}\
             {% set d = {} %}{% do d.update({'a': 1}) %}|{{ d.a }}|{{ 'a' in d }}\
             {% set ys = ['b'] %}{% do ys.append('c') %}|{{ ys[1] }}{{ ys[-1] }}|{{ 'b' in ys }}|{{ ys | sort | first }}",
        );
        assert_eq!(
            env.render_str(&template, ()).unwrap(),
            "1,2,3|3|1|True|cc|True|b"
        );
    }
}
