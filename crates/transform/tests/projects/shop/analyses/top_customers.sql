select * from {{ ref('customers') }} order by value_rank limit 3
