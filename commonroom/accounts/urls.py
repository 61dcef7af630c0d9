from django.urls import path

from commonroom.accounts import views

urlpatterns = [
    path("", views.account_home, name="account-home"),
    path("pending/", views.account_pending, name="account-pending"),
    path(
        "two-factor-required/",
        views.two_factor_required,
        name="account-two-factor-required",
    ),
]
