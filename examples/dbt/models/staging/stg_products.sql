select
    product_id,
    name,
    category_l1 as category,
    category_l2 as subcategory,
    brand,
    price,
    discounted_price,
    rating
from {{ source('shop', 'product') }}
