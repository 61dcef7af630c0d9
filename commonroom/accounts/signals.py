"""Signals accounts sends, for the apps above it to act on.

Accounts sits below profiles and communities, which keep what follows from a
person's account: the organisation their profile names, the communities they
were invited to. Accounts imports neither; its services say what happened and
those apps listen (``signal_handlers.py`` in each). Every signal is sent inside
the service's transaction, so what the receivers write commits or rolls back
with the account change.
"""

from django.dispatch import Signal

# A person finished registering (``services.register_member``): sent with
# ``user`` and ``organisation``, the organisation their address is allowlisted
# for, or None. Profiles makes their profile, naming that organisation.
member_registered = Signal()

# A platform administrator let a pending person in (``services.approve_sign_up``):
# sent with ``user`` and ``organisation``, the one the administrator linked them
# to, or None. Profiles names it on their profile; communities accepts the
# invitations that waited until the person could take part.
member_approved = Signal()
