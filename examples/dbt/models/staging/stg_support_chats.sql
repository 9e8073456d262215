select
    chat_id,
    customer_support_id,
    topic,
    resolved = 1 as resolved,
    cast(created_at as timestamp) as created_at
from {{ source('shop', 'support_chat') }}
