select
    date_trunc('month', order_date) as month,
    status,
    count(*) as orders,
    sum(amount) as revenue,
    sum(amount) / count(*) as average_amount,
    count(*) / 2 as half_orders
from {{ ref('stg_orders') }}
group by 1, 2
having count(*) > 0
