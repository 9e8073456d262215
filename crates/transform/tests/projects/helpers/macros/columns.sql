{# Lists the columns of a relation except some, with a mutable list as dbt packages build them. #}
{% macro columns_except(relation, except=[]) -%}
    {{ return(adapter.dispatch('columns_except', 'helpers')(relation, except)) }}
{%- endmacro %}

{% macro default__columns_except(relation, except) -%}
    {%- set kept = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- if column.name not in except -%}
            {%- do kept.append(column.quoted) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(kept) }}
{%- endmacro %}

{% macro distinct_values(relation, column) -%}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- set result = run_query('select distinct ' ~ column ~ ' from ' ~ relation ~ ' order by 1') -%}
    {{ return(result.columns[0].values()) }}
{%- endmacro %}

{% macro row_count(relation) -%}
    {%- call statement('row_count', fetch_result=True) -%}
        select count(*) from {{ relation }}
    {%- endcall -%}
    {%- set loaded = load_result('row_count') -%}
    {{ return(loaded['data'][0][0] if execute and loaded else 0) }}
{%- endmacro %}

{# Reads keyword arguments it does not declare, through Jinja's implicit `kwargs`. #}
{% macro labelled(name) -%}
    {{ name }}{{ kwargs.get('suffix', '') }}
{%- endmacro %}
