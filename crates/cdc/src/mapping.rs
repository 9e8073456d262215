//! Table selection and naming: DMS-style include/exclude patterns (`c360.%`) and the
//! schema rename (`c360` → `c360raw`).

use lakeforge_spec::CdcIngestion;

use crate::schema::TableId;

/// Which source tables are captured, and under which landed schema name.
#[derive(Clone, Debug)]
pub struct TableMapping {
    include: Vec<(String, String)>,
    exclude: Vec<(String, String)>,
    renames: Vec<(String, String)>,
}

impl TableMapping {
    /// The spec's patterns and renames.
    pub fn new(spec: &CdcIngestion) -> Self {
        let split = |patterns: &[String]| {
            patterns
                .iter()
                .map(|p| match p.split_once('.') {
                    Some((schema, table)) => (schema.to_owned(), table.to_owned()),
                    None => (p.clone(), "%".to_owned()),
                })
                .collect()
        };
        Self {
            include: split(&spec.include),
            exclude: split(&spec.exclude),
            renames: spec
                .rename_schema
                .iter()
                .map(|(from, to)| (from.clone(), to.clone()))
                .collect(),
        }
    }

    /// Whether `table` is captured: it matches an include pattern and no exclude pattern.
    pub fn selects(&self, table: &TableId) -> bool {
        let matches = |(schema, name): &(String, String)| {
            like(schema, &table.schema) && like(name, &table.table)
        };
        self.include.iter().any(matches) && !self.exclude.iter().any(matches)
    }

    /// Whether some table of `schema` could be captured (its name matches an include
    /// pattern's schema part).
    pub fn selects_schema(&self, schema: &str) -> bool {
        !schema.is_empty()
            && self
                .include
                .iter()
                .any(|(pattern, _)| like(pattern, schema))
    }

    /// The landed schema name of a source schema.
    pub fn landed_schema<'a>(&'a self, schema: &'a str) -> &'a str {
        self.renames
            .iter()
            .find(|(from, _)| from == schema)
            .map_or(schema, |(_, to)| to.as_str())
    }
}

/// SQL `LIKE` matching: `%` any run, `_` one character; case-sensitive.
fn like(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    let (mut p, mut t) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == '_' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == '%' {
            star = Some(p);
            mark = t;
            p += 1;
        } else if let Some(s) = star {
            p = s + 1;
            mark += 1;
            t = mark;
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '%')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns() {
        assert!(like("c360", "c360"));
        assert!(like("%", "anything"));
        assert!(like("cart_%", "cart_items"));
        assert!(like("c_60", "c360"));
        assert!(!like("c360", "c3600"));
        assert!(like("%items", "order_items"));
    }

    #[test]
    fn include_exclude_and_rename() {
        let spec = CdcIngestion::default()
            .include(["c360.%"])
            .exclude(["c360.simulation"])
            .rename_schema("c360", "c360raw");
        let mapping = TableMapping::new(&spec);
        assert!(mapping.selects(&TableId::new("c360", "customer")));
        assert!(!mapping.selects(&TableId::new("c360", "simulation")));
        assert!(!mapping.selects(&TableId::new("other", "customer")));
        assert_eq!(mapping.landed_schema("c360"), "c360raw");
        assert_eq!(mapping.landed_schema("x"), "x");
    }
}
