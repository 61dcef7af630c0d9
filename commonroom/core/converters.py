"""The ``<id:...>`` path converter, for every id in an address.

Django's ``<int:...>`` accepts any run of digits, so
``/members/999999999999999999999999999999/`` reached the database with a
number no integer column can hold: SQLite raised "Python int too large to
convert to SQLite INTEGER" and PostgreSQL "bigint out of range", a server
error. An id is a positive 64-bit integer (``BigAutoField``); any other
number is no address at all, so the pattern does not match and the page is
"not found", like any other address nobody has.
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1  # The largest value of a bigint, in SQLite and PostgreSQL.


class IdConverter:
    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= MAX_ID:
            raise ValueError("No such id")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")


def parse_id(value) -> int | None:
    """An id sent in a form (a hidden field, a button's value), or None when
    it is not one: not a number, a NUL byte, beyond what the database holds."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
