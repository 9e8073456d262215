select
    platform,
    count(*) as sessions,
    sum(case when views > 0 then 1 else 0 end) as viewed,
    sum(case when add_to_carts > 0 then 1 else 0 end) as added_to_cart,
    sum(case when converted then 1 else 0 end) as checked_out,
    round(100.0 * sum(case when converted then 1 else 0 end) / count(*), 1) as conversion_pct
from {{ ref('sessions') }}
group by platform
