"""
SQL compiled once per process, for querysets whose shape never changes and whose values do
(search's queries, an article's related articles, an item's page found by its address).

Building and compiling such a queryset costs the Python side more than the database spends
running it. So it is built once from slot values that no real value can be (a negative id, a
private-use character), and each run puts its own values in the slots' places among the
parameters: the same SQL and parameters as the queryset built anew. PostgreSQL only, where a
list of ids is one array parameter (any_of), so the SQL is the same whatever their number;
objects() builds the queryset anew on other databases.
"""

import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cached_property

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BigIntegerField, BooleanField, F, Func, Q, Value
from django.db.models.functions import Cast

# (database alias and name, *key) -> what was compiled, the most recently used last. Bounded: a
# list's pages are compiled one by one (their LIMIT and OFFSET are part of the SQL). The SQL
# holds the content types' ids of generic relations, as Django's own cache of them does.
COMPILED = OrderedDict()
MAX_COMPILED = 4096
_compiling = threading.Lock()


def once(key, compile):
    """What `compile()` made for `key` in this process and database, made once."""
    key = (connection.alias, connection.settings_dict["NAME"], *key)
    with _compiling:
        found = COMPILED.get(key)
        if found is not None:
            COMPILED.move_to_end(key)
            return found
    found = compile()
    with _compiling:
        COMPILED[key] = found
        while len(COMPILED) > MAX_COMPILED:
            COMPILED.popitem(last=False)
    return found


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


def is_one_of(field, ids):
    """`field` is one of `ids`: on PostgreSQL one array parameter (any_of), so that SQL
    compiled once serves any number of them."""
    if connection.vendor == "postgresql":
        return any_of(field, ids)
    return Q(**{f"{field}__in": ids})


def forget(**_signal):
    """Drop what was compiled: after the content types may have been numbered anew (a
    migrate or a flush, restore_site)."""
    with _compiling:
        COMPILED.clear()


def rows(key, build, slots):
    """The rows (tuples) of `build(*values)`'s queryset of values_list() rows: on PostgreSQL
    compiled once per process for `key` from the slots, and run with each (slot, value) of
    `slots` in the slot's places; elsewhere built from the values each time."""
    if connection.vendor != "postgresql":
        return list(build(*values_of(slots)))
    sql, params = once(key, lambda: sql_of(build(*slots_of(slots))))
    if sql is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, [filled(param, slots) for param in params])
        return cursor.fetchall()


def sql_of(queryset):
    """The queryset's SQL and parameters; (None, ()) for one that is empty whatever its values
    (a slice [0:0]), which has no SQL."""
    try:
        return queryset.query.get_compiler(connection.alias).as_sql()
    except EmptyResultSet:
        return None, ()


def slots_of(slots):
    return [slot for slot, _value in slots]


def values_of(slots):
    return [value for _slot, value in slots]


def filled(param, slots):
    for slot, value in slots:
        if isinstance(param, type(slot)) and param == slot:
            return value
    return param


def objects(key, build, slots):
    """The model instances `build(*values)`'s queryset gives, its select_related objects in
    place and its only() or defer() fields deferred, read in one query.

    `slots` are (slot, value) pairs. On PostgreSQL the queryset is built from the slots and
    compiled once per process for `key`, then run with the values; elsewhere it is built from
    the values each time. Either way it is read as rows, and the instances are made as
    Django's own loading makes them (Model.from_db).
    """
    return loaded(key, build, slots).instances()


def items(key, build, slots):
    """objects()' instances as Items: each made only when asked for."""
    return Items(loaded(key, build, slots))


def loaded(key, build, slots):
    """objects()' rows, read but not yet made into instances (a Loaded)."""
    if connection.vendor != "postgresql":
        queryset = build(*values_of(slots))
        shape = Shape(queryset)
        return Loaded(shape, list(queryset.values_list(*shape.names)), converted=True)

    def compile():
        queryset = build(*slots_of(slots))
        shape = Shape(queryset)
        return sql_of(queryset.values_list(*shape.names)), shape

    (sql, params), shape = once(("objects", *key), compile)
    if sql is None:
        return Loaded(shape, [], converted=True)
    with connection.cursor() as cursor:
        cursor.execute(sql, [filled(param, slots) for param in params])
        return Loaded(shape, cursor.fetchall(), converted=False)


class Loaded:
    """The rows of a queryset of objects(), as read. Making the instances is most of the cost
    of reading them, so a caller that needs only some columns (the key of a kept piece) reads
    those, and makes instances only of the rows it must."""

    def __init__(self, shape, rows, *, converted):
        self.shape, self.rows, self.converted = shape, rows, converted

    def __len__(self):
        return len(self.rows)

    @property
    def model(self):
        return self.shape.parts[0].model

    def column(self, name):
        """Each row's value of `name`, a field's path as in values_list() ("live_version__id"),
        as the database gave it: for fields without from_db_value (ids, text, dates)."""
        index = self.shape.names.index(name)
        return [row[index] for row in self.rows]

    def part(self, positions):
        """A Loaded of the rows at `positions` only."""
        return Loaded(self.shape, [self.rows[i] for i in positions], converted=self.converted)

    def instances(self):
        return self.shape.instances(self.rows, converted=self.converted)


class Items(Sequence):
    """The instances of a Loaded's rows, made only when first asked for: a list of kept pieces
    is keyed by some columns of its rows (columns()) and makes instances only of the rows whose
    piece must be rendered (some())."""

    def __init__(self, loaded):
        self.loaded = loaded

    @cached_property
    def made(self):
        return self.loaded.instances()

    def __len__(self):
        return len(self.loaded)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Items(self.loaded.part(range(len(self))[index]))
        return self.made[index]


def columns(items, names):
    """Each item's values of `names`, field paths as in values_list() ("live_version__id"):
    from the rows of Items (see Loaded.column for which fields), from the instances of a list."""
    if isinstance(items, Items):
        return list(zip(*(items.loaded.column(name) for name in names), strict=True))
    return [tuple(path_value(item, name) for name in names) for item in items]


def path_value(obj, name):
    for attribute in name.split("__"):
        obj = getattr(obj, attribute)
    return obj


def some(items, positions):
    """The instances of `items` (Items, or a list) at `positions`, made only for them."""
    if isinstance(items, Items):
        return items.loaded.part(positions).instances()
    return [items[position] for position in positions]


class Shape:
    """Which columns of a row belong to which model of a queryset and its select_related joins,
    and which of their fields it loads (all but its defer() fields, or only its only() ones)."""

    def __init__(self, queryset):
        joins = list(flattened(queryset.query.select_related))
        names, deferring = queryset.query.deferred_loading
        models = {"": queryset.model}
        self.parts, self.names = [], []
        for path in ("", *joins):
            parent, _, name = path.rpartition("__")
            relation = models[parent]._meta.get_field(name) if path else None
            model = models[path] = relation.related_model if path else queryset.model
            concrete = model._meta.concrete_fields
            if deferring:
                fields = [f for f in concrete if joined(path, f.name) not in names]
            else:
                fields = [
                    f for f in concrete if f.primary_key or joined(path, f.name) in (*names, *joins)
                ]
            self.parts.append(Part(model, path, relation, fields, len(self.names)))
            self.names += [joined(path, field.attname) for field in fields]

    def instances(self, rows, *, converted):
        """Instances made from `rows`; `converted`: whether the values already went through
        their fields' from_db_value (a values_list does it, a cursor does not)."""
        alias = connection.alias
        found = []
        for row in rows:
            made = {}
            for part in self.parts:
                parent = made.get(part.parent) if part.path else None
                if part.path and parent is None:
                    made[part.path] = None  # under a missing object: nothing to attach it to
                    continue
                values = row[part.start : part.stop]
                if values[part.pk] is None:
                    obj = None
                else:
                    if not converted and part.converters:
                        values = list(values)
                        for i, convert in part.converters:
                            if values[i] is not None:
                                values[i] = convert(values[i], None, connection)
                    obj = part.model.from_db(alias, part.attnames, values)
                made[part.path] = obj
                if part.path and (obj is not None or part.forward):
                    setattr(parent, part.name, obj)
            found.append(made[""])
        return found


class Part:
    """One model's columns in a Shape's rows (`fields`, from column `start`), and where its
    object goes: on the object of the `parent` path, as `name` (reached by `relation`)."""

    def __init__(self, model, path, relation, fields, start):
        self.model, self.path, self.start, self.stop = model, path, start, start + len(fields)
        self.parent, _, self.name = path.rpartition("__")
        self.attnames = [field.attname for field in fields]
        self.pk = fields.index(model._meta.pk)
        self.converters = [
            (i, field.from_db_value)
            for i, field in enumerate(fields)
            if hasattr(field, "from_db_value")
        ]
        # A missing forward relation is set to None; a missing reverse one-to-one is left
        # unread, as no public API says "none" to its descriptor.
        self.forward = relation is not None and not relation.auto_created


def flattened(select_related, path=""):
    """The paths of a queryset's select_related, each after the one it goes through."""
    if select_related is True:
        raise ValueError("select_related() without fields: name the relations to read")
    for name, inner in (select_related or {}).items():
        yield joined(path, name)
        yield from flattened(inner, joined(path, name))


def joined(path, name):
    return f"{path}__{name}" if path else name
