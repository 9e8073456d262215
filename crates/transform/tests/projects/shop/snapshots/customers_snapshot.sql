{% snapshot customers_snapshot %}
{{ config(target_schema='silver', unique_key='customer_id', strategy='check', check_cols=['country', 'full_name']) }}
select customer_id, full_name, country from {{ ref('stg_customers') }}
{% endsnapshot %}
