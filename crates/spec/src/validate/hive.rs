//! Glue (Hive) column types, as Glue tables and Firehose's record format
//! conversion take them: primitives, `decimal(p,s)`, `char(n)`,
//! `varchar(n)`, `array<T>`, `map<K,V>` and `struct<name:T,…>`.

/// The primitive types, lowercase.
pub(crate) const PRIMITIVES: &[&str] = &[
    "boolean",
    "tinyint",
    "smallint",
    "int",
    "integer",
    "bigint",
    "float",
    "double",
    "decimal",
    "string",
    "char",
    "varchar",
    "date",
    "timestamp",
    "binary",
];

/// `Ok` when `text` is a Glue column type; else why not, phrased to follow "it …".
pub(crate) fn column_type(text: &str) -> Result<(), String> {
    let mut parser = Parser { text, at: 0 };
    parser.ty()?;
    parser.space();
    match parser.rest().chars().next() {
        None => Ok(()),
        Some(_) => Err(format!("it has `{}` after a complete type", parser.rest())),
    }
}

/// Whether `name` is a Glue column name: lowercase letter or `_` first, then
/// lowercase letters, digits or `_`, at most 255 characters.
pub(crate) fn column_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    match chars.next() {
        None => return Err("it is empty".to_owned()),
        Some(c) if !(c.is_ascii_lowercase() || c == '_') => {
            return Err("it does not start with a lowercase letter or `_`".to_owned());
        }
        Some(_) => {}
    }
    if let Some(c) = chars.find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')) {
        return Err(format!("it contains `{}`", c.escape_default()));
    }
    if name.len() > 255 {
        return Err("it is longer than 255 characters".to_owned());
    }
    Ok(())
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn space(&mut self) {
        let skipped = self.rest().len() - self.rest().trim_start().len();
        self.at += skipped;
    }

    /// A word of letters, digits and `_`.
    fn word(&mut self) -> &str {
        self.space();
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(self.rest().len());
        let start = self.at;
        self.at += len;
        &self.text[start..self.at]
    }

    /// Consumes `c` (after spaces) when it comes next.
    fn eat(&mut self, c: char) -> bool {
        self.space();
        if self.rest().starts_with(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char, context: &str) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(match self.rest().chars().next() {
                Some(found) => format!("it has `{found}` where {context} needs `{c}`"),
                None => format!("it ends where {context} needs `{c}`"),
            })
        }
    }

    fn number(&mut self, what: &str) -> Result<u32, String> {
        let word = self.word();
        word.parse()
            .map_err(|_| format!("it has `{word}` where {what} needs a number"))
    }

    fn ty(&mut self) -> Result<(), String> {
        let word = self.word().to_owned();
        match word.as_str() {
            "" => Err(match self.rest().chars().next() {
                Some(c) => format!("it has `{c}` where a type is expected"),
                None => "it ends where a type is expected".to_owned(),
            }),
            "array" => {
                self.expect('<', "array")?;
                self.ty()?;
                self.expect('>', "array")
            }
            "map" => {
                self.expect('<', "map")?;
                let key = self.word().to_owned();
                if !PRIMITIVES.contains(&key.as_str())
                    || matches!(key.as_str(), "decimal" | "char" | "varchar")
                {
                    return Err(format!(
                        "its map key type `{key}` is not a plain primitive type"
                    ));
                }
                self.expect(',', "map")?;
                self.ty()?;
                self.expect('>', "map")
            }
            "struct" => {
                self.expect('<', "struct")?;
                loop {
                    let field = self.word().to_owned();
                    column_name(&field).map_err(|why| {
                        format!("its struct field name `{field}` is invalid: {why}")
                    })?;
                    self.expect(':', "a struct field")?;
                    self.ty()?;
                    if !self.eat(',') {
                        break;
                    }
                }
                self.expect('>', "struct")
            }
            "decimal" => {
                if self.eat('(') {
                    let precision = self.number("decimal(precision, scale)")?;
                    let scale = if self.eat(',') {
                        self.number("decimal(precision, scale)")?
                    } else {
                        0
                    };
                    self.expect(')', "decimal")?;
                    if !(1..=38).contains(&precision) || scale > precision {
                        return Err(format!(
                            "its decimal({precision},{scale}) is out of range: precision 1 to 38, scale at most the precision"
                        ));
                    }
                }
                Ok(())
            }
            "char" | "varchar" => {
                let max = if word == "char" { 255 } else { 65_535 };
                self.expect('(', &word)?;
                let length = self.number(&word)?;
                self.expect(')', &word)?;
                if !(1..=max).contains(&length) {
                    return Err(format!("its {word}({length}) is out of range: 1 to {max}"));
                }
                Ok(())
            }
            primitive if PRIMITIVES.contains(&primitive) => Ok(()),
            other => Err(format!("`{other}` is not a Glue type")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glue_types_are_accepted() {
        for ok in [
            "string",
            "bigint",
            "timestamp",
            "decimal",
            "decimal(10,2)",
            "decimal(38)",
            "varchar(65535)",
            "char(1)",
            "array<bigint>",
            "map<string,array<int>>",
            "struct<a:int,b_2:struct<c:string>>",
            "array<struct<product_id:bigint, quantity:int, unit_price:double>>",
            " array < string > ",
        ] {
            assert_eq!(column_type(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn other_text_is_refused_with_a_reason() {
        for (bad, why) in [
            ("strng", "`strng` is not a Glue type"),
            ("String", "`String` is not a Glue type"),
            ("", "it ends where a type is expected"),
            ("array<>", "it has `>` where a type is expected"),
            ("array<int", "it ends where array needs `>`"),
            (
                "map<array<int>,int>",
                "its map key type `array` is not a plain primitive type",
            ),
            ("struct<A:int>", "its struct field name `A` is invalid"),
            ("decimal(39,2)", "precision 1 to 38"),
            ("decimal(4,5)", "scale at most the precision"),
            ("varchar", "it ends where varchar needs `(`"),
            ("char(256)", "its char(256) is out of range: 1 to 255"),
            ("int int", "it has `int` after a complete type"),
        ] {
            let error = column_type(bad).unwrap_err();
            assert!(error.contains(why), "{bad}: {error}");
        }
    }

    #[test]
    fn column_names_are_lowercase_identifiers() {
        assert!(column_name("event_id").is_ok() && column_name("_x1").is_ok());
        assert!(column_name("EventId").unwrap_err().contains("lowercase"));
        assert!(column_name("a-b").unwrap_err().contains("`-`"));
        assert!(column_name("").is_err() && column_name(&"a".repeat(256)).is_err());
    }
}
