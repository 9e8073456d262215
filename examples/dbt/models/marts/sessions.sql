select
    session_id,
    min(user_id) as user_id,
    min(platform) as platform,
    min(event_at) as started_at,
    max(event_at) as ended_at,
    count(*) as events,
    sum(case when event_type = 'view' then 1 else 0 end) as views,
    sum(case when event_type = 'add_to_cart' then 1 else 0 end) as add_to_carts,
    sum(case when event_type = 'checkout' then 1 else 0 end) as checkouts,
    max(case when event_type = 'checkout' then 1 else 0 end) = 1 as converted
from {{ ref('stg_events') }}
group by session_id
