from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from commonroom.accounts import services


class AccountAdapter(DefaultAccountAdapter):
    """Commonroom's hooks into django-allauth."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.save()
        details = form.cleaned_data
        return services.register_member(
            user=user,
            full_name=details["full_name"],
            chosen_organisation=details.get("organisation"),
            organisation_name=details.get("organisation_other", ""),
            request=request,
        )

    def get_login_redirect_url(self, request):
        if request.user.is_authenticated and not request.user.is_approved:
            return reverse("account-pending")
        return super().get_login_redirect_url(request)
