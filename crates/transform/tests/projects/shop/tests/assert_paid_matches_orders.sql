-- Payments never exceed the orders' amounts by more than a cent.
select customer_id
from {{ ref('customers') }}
where paid_amount > completed_amount + 1000
