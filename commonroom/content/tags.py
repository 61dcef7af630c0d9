"""Reading a comma-separated list of tags typed by a person.

Used wherever people type tags (community topics, profile expertise). Each use
supplies its own limits and wording; the parsing rules are the same.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class TagListRules:
    max_count: int
    max_length: int
    too_long: str  # with %(name)s and %(limit)d
    too_many: str  # lazy ngettext with %(limit)d
    code_prefix: str  # error codes: <prefix>_too_long, ...


def parse_tag_list(text: str, rules: TagListRules) -> list[str]:
    """Comma-separated names, tidied, without repeats (by slug).

    Raises ``ValidationError`` with every problem found.
    """
    names: dict[str, str] = {}
    errors: list[ValidationError] = []
    for part in text.split(","):
        name = re.sub(r"\s+", " ", part).strip()
        if not name:
            continue
        if len(name) > rules.max_length:
            errors.append(
                ValidationError(
                    rules.too_long,
                    code=f"{rules.code_prefix}_too_long",
                    params={"name": name[:20], "limit": rules.max_length},
                )
            )
            continue
        slug = slugify(name)
        if not slug:
            errors.append(
                ValidationError(
                    _("“%(name)s” must include letters or numbers"),
                    code=f"{rules.code_prefix}_without_letters",
                    params={"name": name},
                )
            )
            continue
        names.setdefault(slug, name)
    if len(names) > rules.max_count:
        errors.append(
            ValidationError(
                rules.too_many,
                code=f"too_many_{rules.code_prefix}s",
                params={"limit": rules.max_count},
            )
        )
    if errors:
        raise ValidationError(errors)
    return list(names.values())
