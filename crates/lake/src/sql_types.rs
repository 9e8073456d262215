//! SQL types as the lake plans them. `TIMESTAMP` (without time zone) is a microsecond
//! timestamp, as Delta stores it, rather than DataFusion's nanoseconds that end in 2262:
//! warehouse SQL (dbt snapshots, SCD code) uses sentinels such as `9999-12-31`.

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, FieldRef, TimeUnit};
use datafusion::error::Result;
use datafusion::logical_expr::planner::TypePlanner;
use datafusion::sql::sqlparser::ast::{DataType as SqlType, TimezoneInfo};

/// Plans `TIMESTAMP` and `TIMESTAMP WITHOUT TIME ZONE` (no precision given) as
/// microsecond timestamps; every other type as DataFusion does.
#[derive(Debug, Default)]
pub(crate) struct LakeTypes;

impl TypePlanner for LakeTypes {
    fn plan_type_field(&self, sql_type: &SqlType) -> Result<Option<FieldRef>> {
        Ok(match sql_type {
            SqlType::Timestamp(None, TimezoneInfo::None | TimezoneInfo::WithoutTimeZone) => {
                Some(Arc::new(Field::new(
                    "",
                    DataType::Timestamp(TimeUnit::Microsecond, None),
                    true,
                )))
            }
            _ => None,
        })
    }
}
