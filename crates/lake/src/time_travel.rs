//! Time travel in SQL: `FROM t VERSION AS OF 3` and `FROM t TIMESTAMP AS OF '2026-01-01T00:00:00Z'`.
//!
//! DataFusion's default dialect does not parse these clauses, so the query text is rewritten
//! before planning: the clause is removed and the table's last name part becomes the quoted
//! name `"t@v3"` (or `"t@t<timestamp>"`), which the lake's schemas resolve to that version.
//! The original name is kept as an alias so `t.column` still works.

use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::keywords::Keyword;
use datafusion::sql::sqlparser::tokenizer::{Token, Tokenizer, Word};

use crate::TableVersion;

/// Rewrites every time-travel clause of `sql`. Text without such a clause comes back unchanged.
pub(crate) fn rewrite(sql: &str) -> Result<String, String> {
    let lower = sql.to_ascii_lowercase();
    if !lower.contains(" as of") {
        return Ok(sql.to_string());
    }
    let mut tokens = Tokenizer::new(&GenericDialect {}, sql)
        .tokenize()
        .map_err(|e| e.to_string())?;
    let mut i = 0;
    while i < tokens.len() {
        if let Some(clause) = clause_at(&tokens, i)? {
            let table_at = previous_significant(&tokens, i)
                .filter(|&t| matches!(tokens[t], Token::Word(_)))
                .ok_or("VERSION AS OF / TIMESTAMP AS OF must follow a table name")?;
            let Token::Word(word) = &tokens[table_at] else {
                unreachable!("checked above")
            };
            let name = match word.quote_style {
                Some(_) => word.value.clone(),
                None => word.value.to_ascii_lowercase(),
            };
            let has_alias =
                next_significant(&tokens, clause.end).is_some_and(|t| match &tokens[t] {
                    Token::Word(w) => w.keyword == Keyword::AS || w.keyword == Keyword::NoKeyword,
                    _ => false,
                });
            let mut replacement = vec![quoted(&clause.version.suffixed(&name))];
            if !has_alias {
                replacement.extend([
                    Token::Whitespace(datafusion::sql::sqlparser::tokenizer::Whitespace::Space),
                    Token::make_keyword("AS"),
                    Token::Whitespace(datafusion::sql::sqlparser::tokenizer::Whitespace::Space),
                    quoted(&name),
                ]);
            }
            let inserted = replacement.len();
            tokens.splice(table_at..clause.end, replacement);
            i = table_at + inserted;
        } else {
            i += 1;
        }
    }
    Ok(tokens.iter().map(ToString::to_string).collect())
}

/// A time-travel clause found in the token list: the version and the index just past it.
struct Clause {
    version: TableVersion,
    end: usize,
}

/// Recognises `VERSION AS OF <number>` or `TIMESTAMP AS OF '<text>'` starting at `i`.
fn clause_at(tokens: &[Token], i: usize) -> Result<Option<Clause>, String> {
    let Token::Word(first) = &tokens[i] else {
        return Ok(None);
    };
    if first.keyword != Keyword::VERSION && first.keyword != Keyword::TIMESTAMP {
        return Ok(None);
    }
    let mut at = i;
    for keyword in [Keyword::AS, Keyword::OF] {
        match next_significant(tokens, at + 1) {
            Some(n) if matches!(&tokens[n], Token::Word(w) if w.keyword == keyword) => at = n,
            _ => return Ok(None),
        }
    }
    let value_at =
        next_significant(tokens, at + 1).ok_or("VERSION AS OF / TIMESTAMP AS OF needs a value")?;
    let version = match (&first.keyword, &tokens[value_at]) {
        (Keyword::VERSION, Token::Number(n, _)) => TableVersion::Version(
            n.parse()
                .map_err(|_| format!("`{n}` is not a table version number"))?,
        ),
        (Keyword::TIMESTAMP, Token::SingleQuotedString(s)) => TableVersion::Timestamp(s.clone()),
        (Keyword::VERSION, other) => {
            return Err(format!("VERSION AS OF takes a number, found `{other}`"));
        }
        (_, other) => {
            return Err(format!(
                "TIMESTAMP AS OF takes a quoted RFC 3339 time such as '2026-01-01T00:00:00Z', found `{other}`"
            ));
        }
    };
    Ok(Some(Clause {
        version,
        end: value_at + 1,
    }))
}

fn quoted(name: &str) -> Token {
    Token::Word(Word {
        value: name.to_string(),
        quote_style: Some('"'),
        keyword: Keyword::NoKeyword,
    })
}

fn next_significant(tokens: &[Token], from: usize) -> Option<usize> {
    (from..tokens.len()).find(|&i| !matches!(tokens[i], Token::Whitespace(_)))
}

fn previous_significant(tokens: &[Token], before: usize) -> Option<usize> {
    (0..before)
        .rev()
        .find(|&i| !matches!(tokens[i], Token::Whitespace(_)))
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn version_clause_becomes_a_suffixed_name_with_alias() {
        assert_eq!(
            rewrite("SELECT * FROM retail.bronze.orders VERSION AS OF 2 WHERE id = 1").unwrap(),
            r#"SELECT * FROM retail.bronze."orders@v2" AS "orders" WHERE id = 1"#
        );
    }

    #[test]
    fn an_existing_alias_is_kept() {
        assert_eq!(
            rewrite("select o.id from Orders version as of 0 as o").unwrap(),
            r#"select o.id from "orders@v0" as o"#
        );
    }

    #[test]
    fn timestamp_clause_is_rewritten() {
        assert_eq!(
            rewrite("SELECT 1 FROM t TIMESTAMP AS OF '2026-01-01T00:00:00Z'").unwrap(),
            r#"SELECT 1 FROM "t@t2026-01-01T00:00:00Z" AS "t""#
        );
    }

    #[test]
    fn other_sql_is_untouched_and_bad_values_are_errors() {
        let plain = "SELECT CAST(x AS TIMESTAMP) FROM t";
        assert_eq!(rewrite(plain).unwrap(), plain);
        assert!(rewrite("SELECT * FROM t VERSION AS OF 'x'").is_err());
    }
}
