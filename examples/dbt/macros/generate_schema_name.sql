{# Custom schemas are zones: `+schema: gold` lands in gold (dbt's default would write
   `silver_gold`). #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
