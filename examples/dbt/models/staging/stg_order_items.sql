select
    order_item_id,
    order_id,
    customer_id,
    product_id,
    quantity,
    unit_price,
    quantity * unit_price as amount,
    status,
    cast(ordered_at as timestamp) as ordered_at
from {{ source('shop', 'order_items') }}
