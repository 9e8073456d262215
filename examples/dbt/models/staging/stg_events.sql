select
    event_id,
    session_id,
    user_id,
    visitor_id,
    event_type,
    platform,
    product_id,
    cast("timestamp" as timestamp) as event_at
from {{ source('clickstream', 'clickstream') }}
