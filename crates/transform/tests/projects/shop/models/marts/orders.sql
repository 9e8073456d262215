{{ config(materialized='incremental', unique_key='order_id', on_schema_change='append_new_columns') }}
select
    order_id,
    customer_id,
    order_date,
    status,
    amount,
    amount * 100 / 100 as amount_again,
    {{ dbt.dateadd('day', 7, 'order_date') }} as due_date
from {{ ref('stg_orders') }}
{% if is_incremental() %}
where order_date >= (select max(order_date) from {{ this }})
{% endif %}
