{# A generic test whose macro sets its own fail_calc at parse time. #}
{% test total_at_most(model, column_name, max_total) %}
    {{ config(fail_calc='coalesce(max(excess), 0)') }}
    select sum({{ column_name }}) - {{ max_total }} as excess
    from {{ model }}
    having sum({{ column_name }}) > {{ max_total }}
{% endtest %}
