{# dbt's cross-database macros for lakeforge's SQL (DataFusion, PostgreSQL semantics). #}

{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
    ({{ from_date_or_timestamp }} + cast(concat(cast({{ interval }} as varchar), ' {{ datepart }}') as interval))
{%- endmacro %}

{% macro default__datediff(first_date, second_date, datepart) -%}
    {%- set part = datepart | lower -%}
    {%- if part in ('year', 'quarter', 'month') -%}
        {%- set months = "((date_part('year', " ~ second_date ~ ") - date_part('year', " ~ first_date ~ ")) * 12 + date_part('month', " ~ second_date ~ ") - date_part('month', " ~ first_date ~ "))" -%}
        {%- if part == 'year' -%}cast(date_part('year', {{ second_date }}) - date_part('year', {{ first_date }}) as bigint)
        {%- elif part == 'quarter' -%}cast(((date_part('year', {{ second_date }}) - date_part('year', {{ first_date }})) * 4 + date_part('quarter', {{ second_date }}) - date_part('quarter', {{ first_date }})) as bigint)
        {%- else -%}cast({{ months }} as bigint){%- endif -%}
    {%- else -%}
        {%- set seconds = {'week': 604800, 'day': 86400, 'hour': 3600, 'minute': 60, 'second': 1}[part] -%}
        {%- set unit = 'day' if part == 'week' else part -%}
        cast((date_part('epoch', date_trunc('{{ unit }}', cast({{ second_date }} as timestamp))) - date_part('epoch', date_trunc('{{ unit }}', cast({{ first_date }} as timestamp)))) / {{ seconds }} as bigint)
    {%- endif -%}
{%- endmacro %}

{% macro default__date_trunc(datepart, date) -%}
    date_trunc('{{ datepart }}', {{ date }})
{%- endmacro %}

{% macro default__last_day(date, datepart) -%}
    cast(date_trunc('{{ datepart }}', {{ date }}) + interval '1 {{ datepart }}' - interval '1 day' as date)
{%- endmacro %}

{% macro default__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro default__cast(field, type) -%}
    cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro default__type_string() %}varchar{% endmacro %}
{% macro default__type_int() %}integer{% endmacro %}
{% macro default__type_bigint() %}bigint{% endmacro %}
{% macro default__type_float() %}double{% endmacro %}
{% macro default__type_numeric() %}numeric(28,6){% endmacro %}
{% macro default__type_timestamp() %}timestamp{% endmacro %}
{% macro default__type_boolean() %}boolean{% endmacro %}

{% macro default__concat(fields) -%}
    {{ fields | join(' || ') }}
{%- endmacro %}

{% macro default__hash(field) -%}
    md5(cast({{ field }} as varchar))
{%- endmacro %}

{% macro default__split_part(string_text, delimiter_text, part_number) -%}
    split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- endmacro %}

{% macro default__replace(field, old_chars, new_chars) -%}
    replace({{ field }}, {{ old_chars }}, {{ new_chars }})
{%- endmacro %}

{% macro default__length(expression) -%}
    length({{ expression }})
{%- endmacro %}

{% macro default__position(substring_text, string_text) -%}
    strpos({{ string_text }}, {{ substring_text }})
{%- endmacro %}

{% macro default__right(string_text, length_expression) -%}
    right({{ string_text }}, {{ length_expression }})
{%- endmacro %}

{% macro default__listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
    {%- if limit_num -%}
    array_to_string(array_slice(array_agg({{ measure }} {{ order_by_clause or '' }}), 1, {{ limit_num }}), {{ delimiter_text }})
    {%- else -%}
    string_agg({{ measure }}, {{ delimiter_text }} {{ order_by_clause or '' }})
    {%- endif -%}
{%- endmacro %}

{% macro default__any_value(expression) -%}
    min({{ expression }})
{%- endmacro %}

{% macro default__bool_or(expression) -%}
    bool_or({{ expression }})
{%- endmacro %}

{% macro default__string_literal(value) -%}
    '{{ value }}'
{%- endmacro %}

{% macro default__escape_single_quotes(expression) -%}
    {{ expression | replace("'", "''") }}
{%- endmacro %}

{% macro default__current_timestamp() -%}
    now()
{%- endmacro %}

{% macro default__current_timestamp_backcompat() -%}
    now()
{%- endmacro %}

{% macro default__date(year, month, day) -%}
    make_date({{ year }}, {{ month }}, {{ day }})
{%- endmacro %}

{% macro default__date_spine(datepart, start_date, end_date) -%}
    select cast(d as timestamp) as date_{{ datepart }}
    from (
        select unnest(generate_series(
            cast({{ start_date }} as timestamp),
            cast({{ end_date }} as timestamp) - interval '1 {{ datepart }}',
            interval '1 {{ datepart }}'
        )) as d
    ) spine
{%- endmacro %}

{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
    {%- call statement('get_intervals_between', fetch_result=True) %}
        select {{ datediff(start_date, end_date, datepart) }}
    {%- endcall -%}
    {%- set result = load_result('get_intervals_between')['data'][0][0] if execute else 1 -%}
    {{ return(result | int) }}
{%- endmacro %}

{% macro default__except() %}except{% endmacro %}
{% macro default__intersect() %}intersect{% endmacro %}
