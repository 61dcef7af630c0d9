"""The order Commonroom's apps are layered in: each imports only apps in
layers below its own, so no two apps import each other, directly or round a
circle. ``core/tests/test_import_layers.py`` reads every module's imports
(module-level and inside functions alike: a late import is still a
dependency) and fails on any that climbs.

Lower layers that need something from a higher one are handed it instead:
the Markdown renderer gets a mention resolver from profiles, ``tags_for``
asks the tag sources communities, profiles and content register, and
``demo_data`` asks the checks each app's demo module registers.
"""

LAYERS: list[set[str]] = [
    {"core"},
    {"tags", "audit", "activity"},
    {"organisations"},
    {"accounts"},
    {"communities"},
    # Who may see a profile's details depends on shared communities.
    {"profiles"},
    {"content"},
    {"moderation"},
    {"forums"},
    {"search", "home", "help", "administration"},
    # The load benchmark seeds and measures every page, so it sits on top.
    {"benchmarks"},
]

# Imports that still climb, each a circle still to be broken. The layer test
# fails on any climb not listed here, and on any listed that no longer
# happens, so the list only shrinks.
KNOWN_CLIMBS: dict[tuple[str, str], str] = {
}


def layer_of(app: str) -> int:
    for number, apps in enumerate(LAYERS):
        if app in apps:
            return number
    raise LookupError(f"{app} is in no layer: add it to core.layers.LAYERS")
