{{ config(materialized='table', post_hook="select count(*) from {{ this }}") }}
{%- set statuses = helpers.distinct_values(ref('stg_orders'), 'status') -%}
{%- set settings = {} -%}
{%- do settings.update({'factor': var('factor', 2)}) -%}
select
    {{ helpers.columns_except(ref('stg_orders'), except=['amount', 'order_date']) | join(', ') }},
    amount * {{ settings.factor }} as scaled,
    {% for status in statuses -%}
    case when status = '{{ status }}' then 1 else 0 end as is_{{ status }},
    {% endfor -%}
    {{ helpers.row_count(ref('stg_orders')) }} as orders_in_total,
    '{{ env_var('LAKEFORGE_TEST_GREETING', 'hello') }}' as greeting,
    '{{ helpers.labelled('x', suffix='!') }}' as labelled,
    {{ run_query('select count(*) as total from ' ~ ref('stg_orders')).rows[0]['total'] if execute else 0 }} as by_name,
    '{{ target.name }}/{{ target.schema }}/{{ this.identifier }}' as built_where,
    {{ dbt.datediff("cast('2026-03-01' as date)", 'order_date', 'day') }} as days_since_march,
    {{ dbt.safe_cast("'x'", dbt.type_int()) }} as not_a_number
from {{ ref('stg_orders') }}
