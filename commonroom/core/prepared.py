"""Querysets compiled to SQL once per process, run again with new values.

Django builds and compiles a queryset's SQL afresh on every request: for the
thread page's thread (seven tables joined) and its replies that is a few
milliseconds of Python each time, more than the database takes to answer. A
``PreparedQuery`` builds the queryset once for each *shape* (the few things,
such as whether the reader facilitates, that change the SQL itself), compiles
it, and on each call binds the new values into the same SQL and hands the rows
to Django's own iterable, so the objects are exactly what the queryset gives.

It finds where each value goes by building the queryset twice with two sets
of stand-in values and comparing the compiled SQL and parameters. A value
Django writes into the SQL as it is (a slice's offset and limit) becomes a
parameter there. Anything the queryset does to a value (``first + 19``, a
``LIKE`` pattern, a list whose length changes the SQL) shows as a difference
and is refused at once, so a prepared query can only ever run the SQL its
builder would have built. Values are ints, strings and non-empty lists of ints (for
``__in``); ``None`` and model instances belong in the shape or the builder. A
list is padded, by repeating its last item, to the next power of two, so a page
of 1 to 32 items compiles at most six times rather than 32.
"""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Q, QuerySet

# Two sets of stand-ins, inside every integer column's range (Django treats a
# value outside a column's range as matching nothing, which would change the SQL).
_INT_STANDINS = (1_234_500_000, 1_876_500_000)
# Each value's stand-ins start this far apart, so a list of up to this many ids
# never runs into the next value's (and 250 values stay inside both ranges).
_STANDIN_SPACING = 1 << 20


def _standin(kind, name: str, index: int, round_: int):
    if kind is int:
        return _INT_STANDINS[round_] + index * _STANDIN_SPACING
    if kind is str:
        return f"prepared-standin-{round_}-{index}-{name}"
    _, length = kind
    if length > _STANDIN_SPACING:
        raise ValueError(
            f"Prepared query value {name}: a list of over {_STANDIN_SPACING:,} ids"
        )
    start = _INT_STANDINS[round_] + index * _STANDIN_SPACING
    return [start + item for item in range(length)]


@dataclass(frozen=True)
class _Compiled:
    query: object
    compiler: object
    iterable_class: type
    fields: tuple[str, ...] | None
    sql: str
    # For each parameter: the value's name, or None for a constant.
    names: tuple[str | None, ...]
    constants: tuple
    types: dict[str, type]


class PreparedQuery:
    """``build(shape, **values) -> QuerySet``, compiled once per shape.

    ``query(shape, **values)`` returns the list the queryset would.
    """

    def __init__(self, build: Callable[..., QuerySet], *, using: str = "default"):
        self.build = build
        self.using = using
        self._compiled: dict[tuple, _Compiled] = {}
        self._lock = threading.Lock()

    def __call__(self, shape: Hashable = (), **values) -> list:
        types = {name: _kind(name, value) for name, value in values.items()}
        flat = {}
        for name, value in values.items():
            if isinstance(value, int | str):
                flat[name] = value
            else:
                _, length = types[name]
                padded = [*value, *[value[-1]] * (length - len(value))]
                for item, each in enumerate(padded):
                    flat[f"{name}[{item}]"] = each
        vendor = connections[self.using].vendor
        key = (vendor, shape, tuple(sorted(types.items(), key=lambda item: item[0])))
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key) or self._compile(shape, types)
                self._compiled[key] = compiled
        params = [
            constant if name is None else flat[name]
            for name, constant in zip(compiled.names, compiled.constants, strict=True)
        ]
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connections[self.using]
        sql = compiled.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        bound = _BoundQuerySet(compiled.query, compiler, self.using, compiled.fields)
        return list(compiled.iterable_class(bound))

    def _compile(self, shape: Hashable, types: dict) -> _Compiled:
        names = sorted(types)
        rounds = []
        for round_ in (0, 1):
            standins = {
                name: _standin(types[name], name, index, round_)
                for index, name in enumerate(names)
            }
            queryset = self.build(shape, **standins)
            if queryset._prefetch_related_lookups:
                raise TypeError("A prepared query cannot prefetch_related().")
            compiler = queryset.query.get_compiler(using=self.using)
            sql, params = compiler.as_sql()
            rounds.append((queryset, compiler, sql, tuple(params), standins))
        queryset, compiler, sql, params, standins = rounds[0]
        _, _, sql_b, params_b, standins_b = rounds[1]
        flat_a, flat_b = _flatten(standins), _flatten(standins_b)
        if sql != sql_b:
            # Django writes a slice's offset and limit into the SQL: bind them.
            sql, params, sql_b, params_b = (
                *_bind_literals(sql, params, flat_a),
                *_bind_literals(sql_b, params_b, flat_b),
            )
        if sql != sql_b or len(params) != len(params_b):
            raise ValueError(
                f"{self.build.__qualname__}: a value changes the SQL itself; "
                "make it part of the shape."
            )
        name_of = {value: name for name, value in flat_a.items()}
        slots, constants, seen = [], [], set()
        for value_a, value_b in zip(params, params_b, strict=True):
            name = name_of.get(value_a) if _hashable(value_a) else None
            if name is not None and flat_b[name] == value_b:
                slots.append(name)
                constants.append(None)
                seen.add(name)
            elif value_a == value_b and type(value_a) is type(value_b):
                slots.append(None)
                constants.append(value_a)
            else:
                raise ValueError(
                    f"{self.build.__qualname__}: the queryset changes a value "
                    f"({value_a!r}) before it reaches the SQL; pass what it needs."
                )
        if unused := set(flat_a) - seen:
            raise ValueError(
                f"{self.build.__qualname__}: {', '.join(sorted(unused))} never "
                "reaches the SQL."
            )
        return _Compiled(
            query=queryset.query,
            compiler=compiler,
            iterable_class=queryset._iterable_class,
            fields=queryset._fields,
            sql=sql,
            names=tuple(slots),
            constants=tuple(constants),
            types=types,
        )


_PLACEHOLDER = re.compile(r"%%|%s|\x00(?P<name>[^\x00]+)\x00")


def _bind_literals(sql: str, params: tuple, standins: dict) -> tuple[str, tuple]:
    """``sql`` with each int stand-in written into it (a slice's ``LIMIT`` or
    ``OFFSET``) made a parameter, in its place among the others."""
    for name, value in standins.items():
        if isinstance(value, int):
            sql = re.sub(rf"(?<![\w.]){value}(?![\w.])", f"\x00{name}\x00", sql)
    bound, out, taken = [], [], 0
    position = 0
    for match in _PLACEHOLDER.finditer(sql):
        out.append(sql[position : match.start()])
        position = match.end()
        if match.group() == "%%":
            out.append("%%")
        elif match.group() == "%s":
            out.append("%s")
            bound.append(params[taken])
            taken += 1
        else:
            out.append("%s")
            bound.append(standins[match.group("name")])
    out.append(sql[position:])
    return "".join(out), tuple(bound)


def _kind(name: str, value):
    if isinstance(value, int | str) and not isinstance(value, bool):
        return int if isinstance(value, int) else str
    if (
        isinstance(value, list | tuple)
        and value
        and all(isinstance(item, int) and not isinstance(item, bool) for item in value)
    ):
        return ("ints", 1 << (len(value) - 1).bit_length())
    raise TypeError(
        f"Prepared query value {name}={value!r}: only ints, strings and non-empty "
        "lists of ints bind; put anything else in the shape."
    )


def _flatten(standins: dict) -> dict:
    """Each stand-in value by its parameter name: ``ids[3]`` for a list's."""
    flat = {}
    for name, value in standins.items():
        if isinstance(value, list):
            for item, each in enumerate(value):
                flat[f"{name}[{item}]"] = each
        else:
            flat[name] = value
    return flat


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


class _BoundQuery:
    """The compiled query, answering ``get_compiler`` with the bound compiler."""

    def __init__(self, query, compiler):
        self._query = query
        self._compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._query, name)


class _BoundQuerySet:
    """What Django's iterables read from a queryset, and no more."""

    _known_related_objects: dict = {}

    def __init__(self, query, compiler, using: str, fields):
        self.query = _BoundQuery(query, compiler)
        self.model = query.model
        self.db = using
        self._fields = fields


# Items of several kinds, by (content type, object id) -------------------------


def by_content_type(wanted: dict[int, list[int]]) -> dict:
    """The values for ``items_condition``: ``{content type id: [ids]}`` as
    ``type0``/``ids0``, ``type1``/``ids1``... in content type order."""
    values = {}
    for index, (content_type_id, ids) in enumerate(sorted(wanted.items())):
        values[f"type{index}"] = content_type_id
        values[f"ids{index}"] = list(ids)
    return values


def items_condition(values: dict) -> Q:
    """Rows whose ``content_type_id``/``object_id`` are among ``values``
    (built by ``by_content_type``)."""
    condition = Q()
    for index in range(len(values) // 2):
        condition |= Q(
            content_type_id=values[f"type{index}"],
            object_id__in=values[f"ids{index}"],
        )
    return condition
