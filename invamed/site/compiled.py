"""
SQL compiled once per process, for querysets whose shape never changes and whose values do
(search's queries, an article's related articles).

Building and compiling such a queryset costs the Python side more than the database spends
running it. So it is built once from slot values that no real value can be (a negative id, a
private-use character), and each run puts its own values in the slots' places among the
parameters: the same SQL and parameters as the queryset built anew. PostgreSQL only, where a
list of ids is one array parameter (any_of), so the SQL is the same whatever their number.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import BigIntegerField, BooleanField, F, Func, Value
from django.db.models.functions import Cast

# (database alias, *key) -> SQL and parameters.
COMPILED = {}


class IsAnyOf(Func):
    """`value = ANY(array)`: with an array from a subquery, computed once, PostgreSQL fetches
    those rows by their index; `pk__in=subquery` lets it choose to scan the whole table."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def id_array(ids):
    """`ids` as one parameter, an array of bigint."""
    return Cast(Value(ids), ArrayField(BigIntegerField()))


def any_of(field, ids):
    """`field` is one of `ids`, given as one array parameter."""
    return IsAnyOf(F(field), id_array(ids))


def rows(key, build, slots):
    """The rows of `build()`'s queryset, compiled once per process and database for `key`,
    run with each (slot, value) of `slots` in the slot's places."""
    key = (connection.alias, *key)
    if key not in COMPILED:
        COMPILED[key] = build().query.get_compiler(connection.alias).as_sql()
    sql, params = COMPILED[key]
    with connection.cursor() as cursor:
        cursor.execute(sql, [filled(param, slots) for param in params])
        return cursor.fetchall()


def filled(param, slots):
    for slot, value in slots:
        if isinstance(param, type(slot)) and param == slot:
            return value
    return param
