select
    customer_id,
    name,
    email,
    age,
    gender,
    preferred_platform,
    is_registered = 1 as is_registered,
    customer_support_id,
    cast(created_at as timestamp) as created_at
from {{ source('shop', 'customer') }}
