"""Signals core sends, for the apps above it to act on.

Core imports no app above it; where one of its views does something an app
must remember, it says so here and the app listens.
"""

from django.dispatch import Signal

# Someone chose the interface language (``core.views.switch_language``):
# sent with ``request`` and ``language_code``. Accounts keeps it as the
# person's preference, which their emails follow.
language_chosen = Signal()
