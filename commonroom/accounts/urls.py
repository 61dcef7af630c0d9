from django.urls import path

from commonroom.accounts import views

urlpatterns = [path("", views.account_home, name="account-home")]
