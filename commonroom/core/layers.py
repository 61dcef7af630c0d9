"""The order Commonroom's apps are layered in: each imports only apps in
layers below its own, so no two apps import each other, directly or round a
circle. ``core/tests/test_import_layers.py`` reads every module's imports
(module-level and inside functions alike: a late import is still a
dependency) and fails on any that climbs.

Lower layers that need something from a higher one are handed it at start-up,
in the higher app's ``AppConfig.ready()``, through a ``register_*`` function
the lower one defines:

- core's Markdown renderer gets a mention resolver from profiles;
- ``tags_for`` asks the tag sources communities, profiles and content
  register, and ``demo_data`` the checks each app's demo module registers;
- organisations list and count their members through profiles
  (``organisations.members``);
- the access kernel reads a kind's container through the lookup the content
  registry hands it (``communities.access.register_container_field``);
- the community hub shows the slots content kinds register, the topics and
  tag cloud content registers, and the count of reports moderation registers
  (``communities/hub.py``);
- content writes the moderation log with the writer moderation registers.

Where one thing that happens has several consequences above, the lower app
sends a signal from inside its service's transaction and the apps above
receive it in their ``signal_handlers.py``: accounts' ``member_registered`` and
``member_approved`` (profiles names the organisation, communities accepts
waiting invitations), core's ``language_chosen``.
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

# Imports that still climb, each a circle still to be broken, with why. The
# layer test fails on any climb not listed here, and on any listed that no
# longer happens, so the list only shrinks. None are left: keep it that way.
KNOWN_CLIMBS: dict[tuple[str, str], str] = {}


def layer_of(app: str) -> int:
    for number, apps in enumerate(LAYERS):
        if app in apps:
            return number
    raise LookupError(f"{app} is in no layer: add it to core.layers.LAYERS")
