import pytest
from allauth.mfa.models import Authenticator

from commonroom.accounts.tests.factories import UserFactory


@pytest.fixture
def administrator():
    """A platform administrator with two-factor authentication set up.

    Administrators without it are sent to set it up before anything else.
    """
    user = UserFactory(is_staff=True)
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "not-used"}
    )
    return user
