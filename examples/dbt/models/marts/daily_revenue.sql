select
    cast(ordered_at as date) as day,
    count(distinct order_id) as orders,
    sum(quantity) as units,
    sum(amount) as revenue
from {{ ref('stg_order_items') }}
where status <> 'cancelled'
group by 1
