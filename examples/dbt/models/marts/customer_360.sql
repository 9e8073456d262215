with orders as (
    select
        customer_id,
        count(distinct order_id) as orders,
        sum(amount) as revenue,
        min(ordered_at) as first_order_at,
        max(ordered_at) as last_order_at
    from {{ ref('stg_order_items') }}
    where status <> 'cancelled'
    group by customer_id
),
sessions as (
    select user_id as customer_id, count(*) as sessions, sum(case when converted then 1 else 0 end) as converting_sessions
    from {{ ref('sessions') }}
    where user_id is not null
    group by user_id
),
chats as (
    select customer_support_id, count(*) as support_chats
    from {{ ref('stg_support_chats') }}
    group by customer_support_id
)
select
    c.customer_id,
    c.name,
    c.preferred_platform,
    c.is_registered,
    coalesce(o.orders, 0) as orders,
    coalesce(o.revenue, 0) as revenue,
    o.first_order_at,
    o.last_order_at,
    coalesce(s.sessions, 0) as sessions,
    coalesce(s.converting_sessions, 0) as converting_sessions,
    coalesce(ch.support_chats, 0) as support_chats,
    rank() over (order by coalesce(o.revenue, 0) desc) as revenue_rank
from {{ ref('stg_customers') }} c
left join orders o on o.customer_id = c.customer_id
left join sessions s on s.customer_id = c.customer_id
left join chats ch on ch.customer_support_id = c.customer_support_id
