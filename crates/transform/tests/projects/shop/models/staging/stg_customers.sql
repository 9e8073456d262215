select
    id as customer_id,
    first_name || ' ' || last_name as full_name,
    coalesce(country, 'unknown') as country,
    signup_date
from {{ ref('raw_customers') }}
