//! Column-level lineage read off a DataFusion logical plan, as the OpenLineage `columnLineage`
//! facet describes it: for each output column the input columns it is computed from (DIRECT:
//! IDENTITY, TRANSFORMATION, AGGREGATION) or that shape it (INDIRECT: WINDOW, CONDITIONAL), and
//! the input columns that decide which rows there are (INDIRECT, dataset-wide: JOIN, FILTER,
//! GROUP_BY, SORT).
//!
//! The plan is walked bottom-up. Each node yields, per output position, the set of real input
//! columns behind that column and how they are used; expressions resolve their column
//! references against the schemas of their node's inputs (and, in correlated subqueries, of the
//! enclosing query). CTEs and subqueries in `FROM` are `SubqueryAlias` nodes in an unoptimized
//! plan, so lineage always names the tables they read, never their aliases. DataFusion plans a
//! view the same way (its plan under an alias of its name), so a view named with its schema
//! that resolves to a dataset is read as that dataset, like a table; other views are followed.
//! Through several steps the direct subtype is the strongest (IDENTITY < TRANSFORMATION <
//! AGGREGATION), masking sticks, and indirect uses pass on as they are.

use std::collections::{BTreeMap, BTreeSet};

use datafusion::arrow::datatypes::Fields;
use datafusion::common::tree_node::{TreeNode, TreeNodeRecursion};
use datafusion::common::{Column, DFSchema, ResolvedTableReference, TableReference};
use datafusion::logical_expr::expr::{AggregateFunction, WindowFunction};
use datafusion::logical_expr::utils::grouping_set_to_exprlist;
use datafusion::logical_expr::{
    Distinct, Expr, LogicalPlan, Subquery, SubqueryAlias, TableScan, WindowFunctionDefinition,
};

use crate::facets::{ColumnInputs, ColumnLineage, InputField, Transformation};
use crate::naming::DatasetId;

/// Column lineage of one query plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanLineage {
    /// The columnLineage facet body for the plan's output.
    pub lineage: ColumnLineage,
    /// Every dataset the plan reads (deduplicated, sorted), as resolved.
    pub inputs: Vec<DatasetId>,
}

/// Reads column lineage off `plan`. `resolve` maps a table the plan scans (fully resolved with the
/// session's default catalog and schema: pass them in) to its dataset; a table it does not
/// resolve whose source is a view (`TableSource::get_logical_plan()` returns Some) is followed
/// into the view's plan; any other unresolved table is left out. A view the SQL planner inlined
/// is offered to `resolve` by the name it was written with, when that name is qualified.
///
/// Output columns with the same name share one entry in `fields`; output columns drawn from no
/// input column (literals, unresolved tables) have none.
pub fn plan_lineage(
    plan: &LogicalPlan,
    default_catalog: &str,
    default_schema: &str,
    resolve: &dyn Fn(&ResolvedTableReference) -> Option<DatasetId>,
) -> PlanLineage {
    let mut walker = Walker {
        default_catalog,
        default_schema,
        resolve,
        inputs: BTreeSet::new(),
        dataset: Edges::new(),
        work_tables: Vec::new(),
    };
    let columns = walker.plan(plan, None);
    let mut fields: BTreeMap<String, Edges> = BTreeMap::new();
    for (field, edges) in plan.schema().fields().iter().zip(columns) {
        if !edges.is_empty() {
            fields
                .entry(field.name().clone())
                .or_default()
                .extend(edges);
        }
    }
    let fields = fields
        .into_iter()
        .map(|(name, edges)| {
            let input_fields = input_fields(&edges);
            (name, ColumnInputs { input_fields })
        })
        .collect();
    PlanLineage {
        lineage: ColumnLineage {
            fields,
            dataset: input_fields(&walker.dataset),
        },
        inputs: walker.inputs.into_iter().collect(),
    }
}

/// A column of an input dataset.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Source {
    dataset: DatasetId,
    field: String,
}

/// The input columns behind one output column (or behind the whole output), each with a use.
type Edges = BTreeSet<(Source, Use)>;

/// How an output draws on an input column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Use {
    /// The column's value flows into the output; `true` when a hash masks it.
    Direct(Direct, bool),
    /// The column affects the output without its value flowing into it.
    Indirect(Indirect),
}

/// Subtypes of a direct use, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Direct {
    Identity,
    Transformation,
    Aggregation,
}

/// Subtypes of an indirect use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Indirect {
    Join,
    GroupBy,
    Filter,
    Sort,
    Window,
    Conditional,
}

impl Use {
    const IDENTITY: Use = Use::Direct(Direct::Identity, false);
    const TRANSFORMATION: Use = Use::Direct(Direct::Transformation, false);
    const AGGREGATION: Use = Use::Direct(Direct::Aggregation, false);

    /// The use of a column that `inner` uses, by an output that uses it as `self`: an indirect
    /// use makes everything beneath it that use; a direct one keeps indirect uses beneath it as
    /// they are and strengthens direct ones.
    fn compose(self, inner: Use) -> Use {
        match (self, inner) {
            (Use::Indirect(_), _) => self,
            (Use::Direct(..), Use::Indirect(_)) => inner,
            (Use::Direct(outer, outer_masked), Use::Direct(inner, inner_masked)) => {
                Use::Direct(outer.max(inner), outer_masked || inner_masked)
            }
        }
    }

    /// As the facet writes it.
    fn transformation(self) -> Transformation {
        let (kind, subtype, masking) = match self {
            Use::Direct(direct, masked) => ("DIRECT", direct.name(), masked),
            Use::Indirect(indirect) => ("INDIRECT", indirect.name(), false),
        };
        Transformation {
            kind: kind.to_string(),
            subtype: Some(subtype.to_string()),
            masking,
        }
    }
}

impl Direct {
    fn name(self) -> &'static str {
        match self {
            Direct::Identity => "IDENTITY",
            Direct::Transformation => "TRANSFORMATION",
            Direct::Aggregation => "AGGREGATION",
        }
    }
}

impl Indirect {
    fn name(self) -> &'static str {
        match self {
            Indirect::Join => "JOIN",
            Indirect::GroupBy => "GROUP_BY",
            Indirect::Filter => "FILTER",
            Indirect::Sort => "SORT",
            Indirect::Window => "WINDOW",
            Indirect::Conditional => "CONDITIONAL",
        }
    }
}

/// Functions whose result masks their input.
fn is_hash(function: &str) -> bool {
    matches!(
        function,
        "md5" | "sha224" | "sha256" | "sha384" | "sha512" | "digest"
    )
}

/// `edges` as used by an output that uses them as `usage`.
fn used(usage: Use, edges: &Edges) -> impl Iterator<Item = (Source, Use)> + '_ {
    edges
        .iter()
        .map(move |(source, inner)| (source.clone(), usage.compose(*inner)))
}

/// The facet's input fields: one per input column, sorted, with their sorted transformations.
fn input_fields(edges: &Edges) -> Vec<InputField> {
    let mut by_source: BTreeMap<&Source, BTreeSet<Transformation>> = BTreeMap::new();
    for (source, usage) in edges {
        by_source
            .entry(source)
            .or_default()
            .insert(usage.transformation());
    }
    by_source
        .into_iter()
        .map(|(source, transformations)| InputField {
            namespace: source.dataset.namespace.clone(),
            name: source.dataset.name.clone(),
            field: source.field.clone(),
            transformations: transformations.into_iter().collect(),
        })
        .collect()
}

/// The columns an expression may name: those of its node's inputs, then (for correlated
/// subqueries) those of the enclosing query.
struct Scope<'s> {
    inputs: Vec<(&'s DFSchema, &'s [Edges])>,
    outer: Option<&'s Scope<'s>>,
}

impl<'s> Scope<'s> {
    /// The columns of `inputs` (plans and their columns), then those of `outer`.
    fn of(
        inputs: impl IntoIterator<Item = (&'s LogicalPlan, &'s [Edges])>,
        outer: Option<&'s Scope<'s>>,
    ) -> Self {
        let inputs = inputs
            .into_iter()
            .map(|(plan, columns)| (plan.schema().as_ref(), columns))
            .collect();
        Scope { inputs, outer }
    }

    /// `column` among the node's inputs.
    fn column(&self, column: &Column) -> Option<&Edges> {
        self.inputs.iter().find_map(|(schema, columns)| {
            let index = schema.maybe_index_of_column(column)?;
            columns.get(index)
        })
    }

    /// `column` among the node's inputs, else in the enclosing queries.
    fn lookup(&self, column: &Column) -> Option<&Edges> {
        self.column(column)
            .or_else(|| self.outer.and_then(|outer| outer.lookup(column)))
    }

    /// The columns of `schema` found by qualifier and name among the node's inputs.
    fn by_name(&self, schema: &DFSchema) -> Vec<Edges> {
        schema
            .iter()
            .map(|(qualifier, field)| {
                let column = Column::new(qualifier.cloned(), field.name());
                self.column(&column).cloned().unwrap_or_default()
            })
            .collect()
    }
}

/// Walks a plan, collecting the datasets it reads and its dataset-wide indirect uses.
struct Walker<'r> {
    default_catalog: &'r str,
    default_schema: &'r str,
    resolve: &'r dyn Fn(&ResolvedTableReference) -> Option<DatasetId>,
    /// Every dataset scanned.
    inputs: BTreeSet<DatasetId>,
    /// Uses that affect the whole output (of the query or subquery being walked).
    dataset: Edges,
    /// Recursive CTEs being walked: name and the columns of their static term.
    work_tables: Vec<(String, Vec<Edges>)>,
}

impl Walker<'_> {
    /// The input columns behind each output column of `plan`.
    fn plan(&mut self, plan: &LogicalPlan, outer: Option<&Scope>) -> Vec<Edges> {
        match plan {
            LogicalPlan::TableScan(scan) => self.scan(scan),
            LogicalPlan::Projection(projection) => {
                let input = self.plan(&projection.input, outer);
                let scope = Scope::of([(&*projection.input, &input[..])], outer);
                self.exprs(&projection.expr, Use::IDENTITY, &scope)
            }
            LogicalPlan::Filter(filter) => {
                let input = self.plan(&filter.input, outer);
                let scope = Scope::of([(&*filter.input, &input[..])], outer);
                self.affect([&filter.predicate], Indirect::Filter, &scope);
                input
            }
            LogicalPlan::Sort(sort) => {
                let input = self.plan(&sort.input, outer);
                let scope = Scope::of([(&*sort.input, &input[..])], outer);
                self.affect(sort.expr.iter().map(|s| &s.expr), Indirect::Sort, &scope);
                input
            }
            LogicalPlan::Aggregate(aggregate) => {
                let input = self.plan(&aggregate.input, outer);
                let scope = Scope::of([(&*aggregate.input, &input[..])], outer);
                let keys = grouping_set_to_exprlist(&aggregate.group_expr)
                    .unwrap_or_else(|_| aggregate.group_expr.iter().collect());
                self.affect(keys.iter().copied(), Indirect::GroupBy, &scope);
                let mut columns = self.exprs(keys, Use::IDENTITY, &scope);
                // A grouping set adds its grouping id after the keys.
                let keys_len = aggregate
                    .schema
                    .fields()
                    .len()
                    .saturating_sub(aggregate.aggr_expr.len());
                columns.resize(keys_len, Edges::new());
                columns.extend(self.exprs(&aggregate.aggr_expr, Use::IDENTITY, &scope));
                columns
            }
            LogicalPlan::Window(window) => {
                let input = self.plan(&window.input, outer);
                let scope = Scope::of([(&*window.input, &input[..])], outer);
                let windows = self.exprs(&window.window_expr, Use::IDENTITY, &scope);
                let mut columns = input;
                columns.extend(windows);
                columns
            }
            LogicalPlan::Join(join) => {
                let left = self.plan(&join.left, outer);
                let right = self.plan(&join.right, outer);
                let scope = Scope::of(
                    [(&*join.left, &left[..]), (&*join.right, &right[..])],
                    outer,
                );
                let keys = join.on.iter().flat_map(|(l, r)| [l, r]);
                self.affect(keys.chain(&join.filter), Indirect::Join, &scope);
                scope.by_name(&join.schema)
            }
            LogicalPlan::Distinct(Distinct::On(distinct)) => {
                let input = self.plan(&distinct.input, outer);
                let scope = Scope::of([(&*distinct.input, &input[..])], outer);
                self.affect(&distinct.on_expr, Indirect::GroupBy, &scope);
                let sorts = distinct.sort_expr.iter().flatten().map(|s| &s.expr);
                self.affect(sorts, Indirect::Sort, &scope);
                self.exprs(&distinct.select_expr, Use::IDENTITY, &scope)
            }
            LogicalPlan::Union(union) => self.union(union.inputs.iter().map(AsRef::as_ref), outer),
            LogicalPlan::RecursiveQuery(recursive) => {
                let first = self.plan(&recursive.static_term, outer);
                self.work_tables
                    .push((recursive.name.clone(), first.clone()));
                let next = self.plan(&recursive.recursive_term, outer);
                self.work_tables.pop();
                union_columns(first, next)
            }
            LogicalPlan::SubqueryAlias(alias) => match self.view(alias) {
                Some(columns) => columns,
                None => self.plan(&alias.input, outer),
            },
            LogicalPlan::Subquery(subquery) => self.plan(&subquery.subquery, outer),
            LogicalPlan::Limit(limit) => self.plan(&limit.input, outer),
            LogicalPlan::Distinct(Distinct::All(input)) => self.plan(input, outer),
            _ => {
                let children = plan.inputs();
                let columns: Vec<Vec<Edges>> = children
                    .iter()
                    .map(|child| self.plan(child, outer))
                    .collect();
                let inputs = children.into_iter().zip(columns.iter().map(Vec::as_slice));
                Scope::of(inputs, outer).by_name(plan.schema())
            }
        }
    }

    /// A table: its dataset's columns when resolved, a view's lineage when it is one, else none.
    fn scan(&mut self, scan: &TableScan) -> Vec<Edges> {
        let schema = scan.source.schema();
        let table = scan
            .table_name
            .clone()
            .resolve(self.default_catalog, self.default_schema);
        let columns = if let Some(columns) = self.work_table(&scan.table_name) {
            columns
        } else if let Some(dataset) = (self.resolve)(&table) {
            self.read(dataset, schema.fields())
        } else if let Some(view) = scan.source.get_logical_plan() {
            self.plan(&view, None)
        } else {
            vec![Edges::new(); schema.fields().len()]
        };
        // Filters pushed into the scan (optimized plans) name the table's columns.
        for column in scan.filters.iter().flat_map(Expr::column_refs) {
            if let Some(edges) = schema
                .index_of(&column.name)
                .ok()
                .and_then(|i| columns.get(i))
            {
                self.dataset
                    .extend(used(Use::Indirect(Indirect::Filter), edges));
            }
        }
        match &scan.projection {
            Some(indices) => indices
                .iter()
                .map(|&i| columns.get(i).cloned().unwrap_or_default())
                .collect(),
            None => columns,
        }
    }

    /// A view the SQL planner inlined (its plan under an alias of the view's name), read as
    /// a dataset when `resolve` knows that name; `None` to follow its plan. Only a qualified
    /// alias is taken for a view's name: those of CTEs, subqueries in `FROM` and table aliases
    /// are bare, so a view named without its schema is followed too.
    fn view(&mut self, alias: &SubqueryAlias) -> Option<Vec<Edges>> {
        if matches!(alias.alias, TableReference::Bare { .. }) {
            return None;
        }
        let table = alias
            .alias
            .clone()
            .resolve(self.default_catalog, self.default_schema);
        let dataset = (self.resolve)(&table)?;
        Some(self.read(dataset, alias.schema.fields()))
    }

    /// A dataset read whole: each of its `fields` is an identity of that column.
    fn read(&mut self, dataset: DatasetId, fields: &Fields) -> Vec<Edges> {
        let columns = fields
            .iter()
            .map(|field| {
                let source = Source {
                    dataset: dataset.clone(),
                    field: field.name().clone(),
                };
                Edges::from([(source, Use::IDENTITY)])
            })
            .collect();
        self.inputs.insert(dataset);
        columns
    }

    /// The static term's columns when `table` is the work table of a recursive CTE being walked.
    fn work_table(&self, table: &TableReference) -> Option<Vec<Edges>> {
        let TableReference::Bare { table } = table else {
            return None;
        };
        self.work_tables
            .iter()
            .rev()
            .find(|(name, _)| name.as_str() == table.as_ref())
            .map(|(_, columns)| columns.clone())
    }

    /// Output column `i` draws on column `i` of every plan.
    fn union<'p>(
        &mut self,
        plans: impl IntoIterator<Item = &'p LogicalPlan>,
        outer: Option<&Scope>,
    ) -> Vec<Edges> {
        plans.into_iter().fold(Vec::new(), |columns, plan| {
            let next = self.plan(plan, outer);
            union_columns(columns, next)
        })
    }

    /// Each expression's input columns.
    fn exprs<'e>(
        &mut self,
        exprs: impl IntoIterator<Item = &'e Expr>,
        usage: Use,
        scope: &Scope,
    ) -> Vec<Edges> {
        exprs
            .into_iter()
            .map(|expr| {
                let mut edges = Edges::new();
                self.expr(expr, usage, scope, &mut edges);
                edges
            })
            .collect()
    }

    /// Records the columns of `exprs` as dataset-wide `indirect` uses.
    fn affect<'e>(
        &mut self,
        exprs: impl IntoIterator<Item = &'e Expr>,
        indirect: Indirect,
        scope: &Scope,
    ) {
        for expr in exprs {
            let mut edges = Edges::new();
            self.expr(expr, Use::Indirect(indirect), scope, &mut edges);
            self.dataset.extend(edges);
        }
    }

    /// Adds the input columns of `expr`, used by the output as `usage`, to `out`.
    fn expr(&mut self, expr: &Expr, usage: Use, scope: &Scope, out: &mut Edges) {
        match expr {
            Expr::Alias(alias) => self.expr(&alias.expr, usage, scope, out),
            Expr::Column(column) => {
                if let Some(edges) = scope.lookup(column) {
                    out.extend(used(usage, edges));
                }
            }
            Expr::OuterReferenceColumn(_, column) => {
                if let Some(edges) = scope.outer.and_then(|outer| outer.lookup(column)) {
                    out.extend(used(usage, edges));
                }
            }
            Expr::Case(case) => {
                let condition = usage.compose(Use::Indirect(Indirect::Conditional));
                let conditions = case
                    .expr
                    .iter()
                    .chain(case.when_then_expr.iter().map(|w| &w.0));
                for expr in conditions {
                    self.expr(expr, condition, scope, out);
                }
                let result = usage.compose(Use::TRANSFORMATION);
                let results = case.when_then_expr.iter().map(|w| &w.1);
                for expr in results.chain(&case.else_expr) {
                    self.expr(expr, result, scope, out);
                }
            }
            Expr::AggregateFunction(AggregateFunction { params, .. }) => {
                self.call(
                    usage.compose(Use::AGGREGATION),
                    &params.args,
                    params.filter.as_deref(),
                    usage,
                    scope,
                    out,
                );
                let sort = usage.compose(Use::Indirect(Indirect::Sort));
                for order in &params.order_by {
                    self.expr(&order.expr, sort, scope, out);
                }
            }
            Expr::WindowFunction(window) => {
                let WindowFunction { fun, params } = window.as_ref();
                let argument = match fun {
                    WindowFunctionDefinition::AggregateUDF(_) => Use::AGGREGATION,
                    WindowFunctionDefinition::WindowUDF(_) => Use::TRANSFORMATION,
                };
                self.call(
                    usage.compose(argument),
                    &params.args,
                    params.filter.as_deref(),
                    usage,
                    scope,
                    out,
                );
                let window = usage.compose(Use::Indirect(Indirect::Window));
                let orders = params.order_by.iter().map(|order| &order.expr);
                for expr in params.partition_by.iter().chain(orders) {
                    self.expr(expr, window, scope, out);
                }
            }
            Expr::ScalarSubquery(subquery) => self.subquery(subquery, true, usage, scope, out),
            Expr::Exists(exists) => self.subquery(&exists.subquery, false, usage, scope, out),
            Expr::InSubquery(in_subquery) => {
                let usage = usage.compose(Use::TRANSFORMATION);
                self.expr(&in_subquery.expr, usage, scope, out);
                self.subquery(&in_subquery.subquery, true, usage, scope, out);
            }
            Expr::SetComparison(comparison) => {
                let usage = usage.compose(Use::TRANSFORMATION);
                self.expr(&comparison.expr, usage, scope, out);
                self.subquery(&comparison.subquery, true, usage, scope, out);
            }
            _ => {
                let masked = matches!(expr, Expr::ScalarFunction(f) if is_hash(f.name()));
                let usage = usage.compose(Use::Direct(Direct::Transformation, masked));
                // The closure never fails.
                let _ = expr.apply_children(|child| {
                    self.expr(child, usage, scope, out);
                    Ok(TreeNodeRecursion::Continue)
                });
            }
        }
    }

    /// An aggregate or window function's arguments, used as `argument`, and its `FILTER`
    /// columns, conditions of the output used as `usage`.
    fn call(
        &mut self,
        argument: Use,
        args: &[Expr],
        filter: Option<&Expr>,
        usage: Use,
        scope: &Scope,
        out: &mut Edges,
    ) {
        for arg in args {
            self.expr(arg, argument, scope, out);
        }
        let condition = usage.compose(Use::Indirect(Indirect::Conditional));
        if let Some(filter) = filter {
            self.expr(filter, condition, scope, out);
        }
    }

    /// A subquery in an expression: its first column when it yields a `value`, and the columns
    /// that affect its rows, used as `usage`. It may name the columns of `scope`.
    fn subquery(
        &mut self,
        subquery: &Subquery,
        value: bool,
        usage: Use,
        scope: &Scope,
        out: &mut Edges,
    ) {
        let enclosing = std::mem::take(&mut self.dataset);
        let columns = self.plan(&subquery.subquery, Some(scope));
        let rows = std::mem::replace(&mut self.dataset, enclosing);
        let value = columns.first().filter(|_| value);
        for edges in value.into_iter().chain([&rows]) {
            out.extend(used(usage, edges));
        }
    }
}

/// Column `i` of the result draws on column `i` of both.
fn union_columns(mut columns: Vec<Edges>, next: Vec<Edges>) -> Vec<Edges> {
    if columns.len() < next.len() {
        columns.resize(next.len(), Edges::new());
    }
    for (column, edges) in columns.iter_mut().zip(next) {
        column.extend(edges);
    }
    columns
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
    use datafusion::datasource::MemTable;
    use datafusion::logical_expr::{ColumnarValue, Volatility, create_udf};
    use datafusion::prelude::{SessionConfig, SessionContext};

    use super::*;

    /// `retail.silver.{orders,customers}` and the view `retail.silver.paid_orders`, the view
    /// `retail.gold.big_orders` and the table `retail.gold.scratch` (neither resolves), and
    /// `md5` (this build has no crypto functions).
    async fn context() -> SessionContext {
        let config = SessionConfig::new().with_default_catalog_and_schema("retail", "silver");
        let ctx = SessionContext::new_with_config(config);
        ctx.sql("CREATE SCHEMA retail.gold").await.unwrap();
        let timestamp = DataType::Timestamp(TimeUnit::Microsecond, None);
        let tables = [
            (
                "retail.silver.orders",
                vec![
                    ("order_id", DataType::Int64),
                    ("customer_id", DataType::Int64),
                    ("amount", DataType::Float64),
                    ("status", DataType::Utf8),
                    ("ordered_at", timestamp),
                ],
            ),
            (
                "retail.silver.customers",
                vec![
                    ("customer_id", DataType::Int64),
                    ("email", DataType::Utf8),
                    ("country", DataType::Utf8),
                ],
            ),
            (
                "retail.gold.scratch",
                vec![("order_id", DataType::Int64), ("note", DataType::Utf8)],
            ),
        ];
        for (name, columns) in tables {
            let fields: Vec<_> = columns
                .into_iter()
                .map(|(column, data_type)| Field::new(column, data_type, true))
                .collect();
            let table = MemTable::try_new(Arc::new(Schema::new(fields)), vec![vec![]]).unwrap();
            ctx.register_table(name, Arc::new(table)).unwrap();
        }
        ctx.register_udf(create_udf(
            "md5",
            vec![DataType::Utf8],
            DataType::Utf8,
            Volatility::Immutable,
            Arc::new(|args: &[ColumnarValue]| Ok(args[0].clone())),
        ));
        ctx.sql(
            "CREATE VIEW retail.gold.big_orders AS \
             SELECT order_id, customer_id, amount FROM retail.silver.orders WHERE amount > 100",
        )
        .await
        .unwrap();
        ctx.sql(
            "CREATE VIEW retail.silver.paid_orders AS \
             SELECT order_id, amount * 2 AS doubled FROM retail.silver.orders WHERE status = 'paid'",
        )
        .await
        .unwrap();
        ctx
    }

    /// The lake's silver tables and views; the rest stays unresolved.
    fn resolve(table: &ResolvedTableReference) -> Option<DatasetId> {
        (&*table.catalog == "retail" && &*table.schema == "silver").then(|| DatasetId {
            namespace: "file".to_string(),
            name: format!("/lake/retail/silver/{}", table.table),
        })
    }

    async fn lineage(sql: &str) -> PlanLineage {
        let ctx = context().await;
        let plan = ctx.state().create_logical_plan(sql).await.unwrap();
        plan_lineage(&plan, "retail", "silver", &resolve)
    }

    /// `inputs` as `table.column KIND/SUBTYPE[ masked]`, in the facet's order.
    fn edges(inputs: &[InputField]) -> Vec<String> {
        let mut edges = Vec::new();
        for input in inputs {
            assert_eq!(input.namespace, "file");
            let table = input.name.strip_prefix("/lake/retail/silver/").unwrap();
            for t in &input.transformations {
                let masked = if t.masking { " masked" } else { "" };
                let subtype = t.subtype.as_deref().unwrap();
                edges.push(format!(
                    "{table}.{} {}/{subtype}{masked}",
                    input.field, t.kind
                ));
            }
        }
        edges
    }

    /// The inputs of output column `column`.
    fn field(lineage: &PlanLineage, column: &str) -> Vec<String> {
        let inputs = &lineage.lineage.fields[column].input_fields;
        edges(inputs)
    }

    /// The dataset-wide inputs.
    fn dataset(lineage: &PlanLineage) -> Vec<String> {
        edges(&lineage.lineage.dataset)
    }

    /// The output columns with inputs.
    fn outputs(lineage: &PlanLineage) -> Vec<&str> {
        lineage.lineage.fields.keys().map(String::as_str).collect()
    }

    fn dataset_id(table: &str) -> DatasetId {
        DatasetId {
            namespace: "file".to_string(),
            name: format!("/lake/retail/silver/{table}"),
        }
    }

    #[tokio::test]
    async fn plain_and_aliased_columns_are_identities() {
        let l = lineage("SELECT order_id, amount AS total FROM orders").await;
        assert_eq!(field(&l, "order_id"), ["orders.order_id DIRECT/IDENTITY"]);
        assert_eq!(field(&l, "total"), ["orders.amount DIRECT/IDENTITY"]);
        assert_eq!(outputs(&l), ["order_id", "total"]);
        assert!(l.lineage.dataset.is_empty());
        assert_eq!(l.inputs, [dataset_id("orders")]);
        let input = &l.lineage.fields["total"].input_fields[0];
        assert_eq!(
            (input.name.as_str(), input.field.as_str()),
            ("/lake/retail/silver/orders", "amount")
        );
    }

    #[tokio::test]
    async fn functions_arithmetic_and_casts_are_transformations() {
        let l = lineage(
            "SELECT upper(status) AS shouted, amount * 2 AS doubled, \
             CAST(order_id AS VARCHAR) AS id_text, 1 AS one FROM orders",
        )
        .await;
        assert_eq!(
            field(&l, "shouted"),
            ["orders.status DIRECT/TRANSFORMATION"]
        );
        assert_eq!(
            field(&l, "doubled"),
            ["orders.amount DIRECT/TRANSFORMATION"]
        );
        assert_eq!(
            field(&l, "id_text"),
            ["orders.order_id DIRECT/TRANSFORMATION"]
        );
        // A literal draws on no input.
        assert_eq!(outputs(&l), ["doubled", "id_text", "shouted"]);
    }

    #[tokio::test]
    async fn hashes_mask() {
        let l =
            lineage("SELECT md5(email) AS email_hash, upper(email) AS email FROM customers").await;
        assert_eq!(
            field(&l, "email_hash"),
            ["customers.email DIRECT/TRANSFORMATION masked"]
        );
        assert_eq!(
            field(&l, "email"),
            ["customers.email DIRECT/TRANSFORMATION"]
        );
    }

    #[tokio::test]
    async fn aggregates_group_keys_and_having() {
        let l = lineage(
            "SELECT customer_id, sum(amount) AS total, count(order_id) AS n, count(*) AS rows \
             FROM orders GROUP BY customer_id HAVING sum(amount) > 1000",
        )
        .await;
        assert_eq!(
            field(&l, "customer_id"),
            ["orders.customer_id DIRECT/IDENTITY"]
        );
        assert_eq!(field(&l, "total"), ["orders.amount DIRECT/AGGREGATION"]);
        assert_eq!(field(&l, "n"), ["orders.order_id DIRECT/AGGREGATION"]);
        assert_eq!(outputs(&l), ["customer_id", "n", "total"]);
        assert_eq!(
            dataset(&l),
            [
                "orders.amount INDIRECT/FILTER",
                "orders.customer_id INDIRECT/GROUP_BY"
            ]
        );
    }

    #[tokio::test]
    async fn joins_filters_and_sorts_affect_the_dataset() {
        let l = lineage(
            "SELECT o.order_id, c.email FROM orders o JOIN customers c \
             ON o.customer_id = c.customer_id WHERE c.country = 'DE' ORDER BY o.ordered_at",
        )
        .await;
        assert_eq!(field(&l, "order_id"), ["orders.order_id DIRECT/IDENTITY"]);
        assert_eq!(field(&l, "email"), ["customers.email DIRECT/IDENTITY"]);
        assert_eq!(
            dataset(&l),
            [
                "customers.country INDIRECT/FILTER",
                "customers.customer_id INDIRECT/JOIN",
                "orders.customer_id INDIRECT/JOIN",
                "orders.ordered_at INDIRECT/SORT",
            ]
        );
        assert_eq!(l.inputs, [dataset_id("customers"), dataset_id("orders")]);
    }

    #[tokio::test]
    async fn join_using_and_left_join_filters_name_both_sides() {
        let l = lineage(
            "SELECT customer_id, email, amount FROM orders \
             LEFT JOIN customers USING (customer_id)",
        )
        .await;
        assert_eq!(
            field(&l, "customer_id"),
            ["orders.customer_id DIRECT/IDENTITY"]
        );
        assert_eq!(field(&l, "email"), ["customers.email DIRECT/IDENTITY"]);
        assert_eq!(
            dataset(&l),
            [
                "customers.customer_id INDIRECT/JOIN",
                "orders.customer_id INDIRECT/JOIN"
            ]
        );
    }

    #[tokio::test]
    async fn cte_chains_name_the_real_table() {
        let l = lineage(
            "WITH a AS (SELECT customer_id, amount FROM orders WHERE status = 'paid'), \
             b AS (SELECT customer_id AS cid, amount FROM a) SELECT cid, amount FROM b",
        )
        .await;
        assert_eq!(field(&l, "cid"), ["orders.customer_id DIRECT/IDENTITY"]);
        assert_eq!(field(&l, "amount"), ["orders.amount DIRECT/IDENTITY"]);
        assert_eq!(dataset(&l), ["orders.status INDIRECT/FILTER"]);
        assert_eq!(l.inputs, [dataset_id("orders")]);
    }

    #[tokio::test]
    async fn subqueries_in_from_are_followed() {
        let l = lineage("SELECT t.c FROM (SELECT upper(country) AS c FROM customers) t").await;
        assert_eq!(field(&l, "c"), ["customers.country DIRECT/TRANSFORMATION"]);
    }

    #[tokio::test]
    async fn scalar_and_in_subqueries_in_where_filter() {
        let l = lineage(
            "SELECT order_id FROM orders WHERE amount > (SELECT avg(amount) FROM orders) \
             AND customer_id IN (SELECT customer_id FROM customers WHERE country = 'DE')",
        )
        .await;
        assert_eq!(field(&l, "order_id"), ["orders.order_id DIRECT/IDENTITY"]);
        assert_eq!(
            dataset(&l),
            [
                "customers.country INDIRECT/FILTER",
                "customers.customer_id INDIRECT/FILTER",
                "orders.amount INDIRECT/FILTER",
                "orders.customer_id INDIRECT/FILTER",
            ]
        );
        assert_eq!(l.inputs, [dataset_id("customers"), dataset_id("orders")]);
    }

    #[tokio::test]
    async fn correlated_exists_resolves_outer_columns() {
        let l = lineage(
            "SELECT o.order_id FROM orders o WHERE EXISTS \
             (SELECT 1 FROM customers c WHERE c.customer_id = o.customer_id AND c.email LIKE '%@x')",
        )
        .await;
        assert_eq!(
            dataset(&l),
            [
                "customers.customer_id INDIRECT/FILTER",
                "customers.email INDIRECT/FILTER",
                "orders.customer_id INDIRECT/FILTER",
            ]
        );
    }

    #[tokio::test]
    async fn scalar_subqueries_in_select_feed_the_column() {
        let l = lineage(
            "SELECT order_id, (SELECT max(c.country) FROM customers c \
             WHERE c.customer_id = o.customer_id) AS country FROM orders o",
        )
        .await;
        assert_eq!(
            field(&l, "country"),
            [
                "customers.country DIRECT/AGGREGATION",
                "customers.customer_id INDIRECT/FILTER",
                "orders.customer_id INDIRECT/FILTER",
            ]
        );
        assert!(l.lineage.dataset.is_empty());
    }

    #[tokio::test]
    async fn union_all_merges_columns_by_position() {
        let l = lineage(
            "SELECT customer_id AS id FROM orders UNION ALL SELECT customer_id FROM customers",
        )
        .await;
        assert_eq!(
            field(&l, "id"),
            [
                "customers.customer_id DIRECT/IDENTITY",
                "orders.customer_id DIRECT/IDENTITY"
            ]
        );
    }

    #[tokio::test]
    async fn window_partitions_and_orders_are_window_inputs() {
        let l = lineage(
            "SELECT order_id, \
             row_number() OVER (PARTITION BY customer_id ORDER BY ordered_at) AS rn, \
             sum(amount) OVER (PARTITION BY customer_id) AS customer_total FROM orders",
        )
        .await;
        assert_eq!(
            field(&l, "rn"),
            [
                "orders.customer_id INDIRECT/WINDOW",
                "orders.ordered_at INDIRECT/WINDOW"
            ]
        );
        assert_eq!(
            field(&l, "customer_total"),
            [
                "orders.amount DIRECT/AGGREGATION",
                "orders.customer_id INDIRECT/WINDOW"
            ]
        );
        assert!(l.lineage.dataset.is_empty());
    }

    #[tokio::test]
    async fn case_conditions_and_aggregate_filters_are_conditional() {
        let l = lineage(
            "SELECT CASE WHEN status = 'paid' THEN amount ELSE 0 END AS paid_amount, \
             sum(amount) FILTER (WHERE status = 'paid') AS paid_total FROM orders \
             GROUP BY CASE WHEN status = 'paid' THEN amount ELSE 0 END",
        )
        .await;
        assert_eq!(
            field(&l, "paid_amount"),
            [
                "orders.amount DIRECT/TRANSFORMATION",
                "orders.status INDIRECT/CONDITIONAL"
            ]
        );
        assert_eq!(
            field(&l, "paid_total"),
            [
                "orders.amount DIRECT/AGGREGATION",
                "orders.status INDIRECT/CONDITIONAL"
            ]
        );
        // A column only used to group on, in a condition, groups the output.
        assert_eq!(
            dataset(&l),
            [
                "orders.amount INDIRECT/GROUP_BY",
                "orders.status INDIRECT/GROUP_BY"
            ]
        );
    }

    #[tokio::test]
    async fn select_star_expands_to_every_column() {
        let l = lineage("SELECT * FROM customers").await;
        assert_eq!(outputs(&l), ["country", "customer_id", "email"]);
        for column in ["country", "customer_id", "email"] {
            assert_eq!(
                field(&l, column),
                [format!("customers.{column} DIRECT/IDENTITY")]
            );
        }
    }

    #[tokio::test]
    async fn views_are_followed_to_their_tables() {
        let l = lineage("SELECT order_id, amount * 2 AS doubled FROM retail.gold.big_orders").await;
        assert_eq!(field(&l, "order_id"), ["orders.order_id DIRECT/IDENTITY"]);
        assert_eq!(
            field(&l, "doubled"),
            ["orders.amount DIRECT/TRANSFORMATION"]
        );
        assert_eq!(dataset(&l), ["orders.amount INDIRECT/FILTER"]);
        assert_eq!(l.inputs, [dataset_id("orders")]);
    }

    #[tokio::test]
    async fn views_that_resolve_are_datasets_like_tables() {
        // The SQL planner inlines a view's plan: lineage stops at the view all the same, and
        // the view's own filter is the view's lineage, not this query's.
        let l = lineage(
            "SELECT p.order_id, sum(p.doubled) AS total FROM retail.silver.paid_orders p \
             GROUP BY p.order_id",
        )
        .await;
        assert_eq!(
            field(&l, "order_id"),
            ["paid_orders.order_id DIRECT/IDENTITY"]
        );
        assert_eq!(
            field(&l, "total"),
            ["paid_orders.doubled DIRECT/AGGREGATION"]
        );
        assert_eq!(dataset(&l), ["paid_orders.order_id INDIRECT/GROUP_BY"]);
        assert_eq!(l.inputs, [dataset_id("paid_orders")]);
    }

    #[tokio::test]
    async fn unresolved_tables_are_left_out() {
        let l = lineage(
            "SELECT s.note, o.order_id FROM retail.gold.scratch s \
             JOIN orders o ON s.order_id = o.order_id",
        )
        .await;
        assert_eq!(outputs(&l), ["order_id"]);
        assert_eq!(field(&l, "order_id"), ["orders.order_id DIRECT/IDENTITY"]);
        assert_eq!(dataset(&l), ["orders.order_id INDIRECT/JOIN"]);
        assert_eq!(l.inputs, [dataset_id("orders")]);
    }

    #[tokio::test]
    async fn the_strongest_direct_use_wins_through_steps() {
        let l = lineage(
            "WITH totals AS (SELECT customer_id, sum(amount) AS total FROM orders \
             GROUP BY customer_id), \
             hashed AS (SELECT md5(email) AS h FROM customers) \
             SELECT t.total * 2 AS doubled, upper(h.h) AS shouted FROM totals t, hashed h",
        )
        .await;
        assert_eq!(field(&l, "doubled"), ["orders.amount DIRECT/AGGREGATION"]);
        assert_eq!(
            field(&l, "shouted"),
            ["customers.email DIRECT/TRANSFORMATION masked"]
        );
        assert_eq!(dataset(&l), ["orders.customer_id INDIRECT/GROUP_BY"]);
    }

    #[tokio::test]
    async fn indirect_uses_pass_on_and_filters_on_them_filter() {
        let l = lineage(
            "WITH ranked AS (SELECT customer_id, amount, \
             row_number() OVER (PARTITION BY customer_id ORDER BY ordered_at) AS rn FROM orders) \
             SELECT customer_id, rn FROM ranked WHERE rn = 1",
        )
        .await;
        assert_eq!(
            field(&l, "rn"),
            [
                "orders.customer_id INDIRECT/WINDOW",
                "orders.ordered_at INDIRECT/WINDOW"
            ]
        );
        assert_eq!(
            dataset(&l),
            [
                "orders.customer_id INDIRECT/FILTER",
                "orders.ordered_at INDIRECT/FILTER"
            ]
        );
    }

    #[tokio::test]
    async fn recursive_ctes_read_their_static_term() {
        let l = lineage(
            "WITH RECURSIVE chain AS (SELECT customer_id, amount FROM orders \
             UNION ALL SELECT customer_id, amount * 2 FROM chain WHERE amount < 1000) \
             SELECT customer_id, amount FROM chain",
        )
        .await;
        assert_eq!(
            field(&l, "customer_id"),
            ["orders.customer_id DIRECT/IDENTITY"]
        );
        assert_eq!(
            field(&l, "amount"),
            [
                "orders.amount DIRECT/IDENTITY",
                "orders.amount DIRECT/TRANSFORMATION"
            ]
        );
        assert_eq!(dataset(&l), ["orders.amount INDIRECT/FILTER"]);
        assert_eq!(l.inputs, [dataset_id("orders")]);
    }

    #[tokio::test]
    async fn optimized_plans_with_pruned_scans_read_the_same() {
        let sql = "SELECT c.email, sum(o.amount) AS total FROM orders o \
                   JOIN customers c ON o.customer_id = c.customer_id \
                   WHERE c.country = 'DE' GROUP BY c.email";
        let ctx = context().await;
        let plan = ctx.state().create_logical_plan(sql).await.unwrap();
        let optimized = ctx.state().optimize(&plan).unwrap();
        // The optimizer prunes the scans to the columns they need.
        assert!(
            optimized
                .display_indent()
                .to_string()
                .contains("projection=")
        );
        let unoptimized = plan_lineage(&plan, "retail", "silver", &resolve);
        let l = plan_lineage(&optimized, "retail", "silver", &resolve);
        assert_eq!(l, unoptimized);
        assert_eq!(field(&l, "total"), ["orders.amount DIRECT/AGGREGATION"]);
        assert_eq!(
            dataset(&l),
            [
                "customers.country INDIRECT/FILTER",
                "customers.customer_id INDIRECT/JOIN",
                "customers.email INDIRECT/GROUP_BY",
                "orders.customer_id INDIRECT/JOIN",
            ]
        );
    }

    #[tokio::test]
    async fn values_read_nothing() {
        let l = lineage("SELECT column1 FROM (VALUES (1), (2))").await;
        assert_eq!(l, PlanLineage::default());
    }
}
