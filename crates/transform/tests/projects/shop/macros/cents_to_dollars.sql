{% macro cents_to_dollars(column_name, scale=2) -%}
    cast({{ column_name }} as numeric(16, {{ scale }})) / 100
{%- endmacro %}

{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
