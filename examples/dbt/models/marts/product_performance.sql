with views as (
    select product_id, count(*) as views, count(distinct session_id) as sessions
    from {{ ref('stg_events') }}
    where event_type = 'view' and product_id is not null
    group by product_id
),
sales as (
    select product_id, sum(quantity) as units, sum(amount) as revenue
    from {{ ref('stg_order_items') }}
    where status <> 'cancelled'
    group by product_id
)
select
    p.product_id,
    p.name,
    p.category,
    p.brand,
    coalesce(v.views, 0) as views,
    coalesce(s.units, 0) as units_sold,
    coalesce(s.revenue, 0) as revenue,
    case when coalesce(v.sessions, 0) = 0 then null else cast(coalesce(s.units, 0) as double) / v.sessions end as units_per_viewing_session
from {{ ref('stg_products') }} p
left join views v on v.product_id = p.product_id
left join sales s on s.product_id = p.product_id
