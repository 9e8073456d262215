{{ config(materialized='ephemeral') }}
-- depends_on: {{ ref('raw_orders') }}
select
    order_id,
    method,
    {{ cents_to_dollars('amount_cents') }} as amount
from {{ ref('raw_payments') }}
