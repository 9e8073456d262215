with orders as (
    select * from {{ ref('stg_orders') }}
),
payments as (
    select * from {{ ref('stg_payments') }}
),
per_customer as (
    select
        o.customer_id,
        count(distinct o.order_id) as order_count,
        sum(case when o.status = 'completed' then o.amount else 0 end) as completed_amount,
        min(o.order_date) as first_order_date,
        max(o.order_date) as last_order_date,
        sum(case when o.amount >= {{ var('big_order_amount') }} then 1 else 0 end) as big_orders
    from orders o
    group by o.customer_id
),
paid as (
    select o.customer_id, sum(p.amount) as paid_amount
    from orders o
    join payments p on p.order_id = o.order_id
    group by o.customer_id
)
select
    c.customer_id,
    c.full_name,
    c.country,
    coalesce(pc.order_count, 0) as order_count,
    coalesce(pc.completed_amount, 0) as completed_amount,
    coalesce(paid.paid_amount, 0) as paid_amount,
    pc.first_order_date,
    pc.last_order_date,
    coalesce(pc.big_orders, 0) as big_orders,
    rank() over (order by coalesce(paid.paid_amount, 0) desc) as value_rank
from {{ ref('stg_customers') }} c
left join per_customer pc on pc.customer_id = c.customer_id
left join paid on paid.customer_id = c.customer_id
