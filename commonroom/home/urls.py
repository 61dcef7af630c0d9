from django.urls import path

from commonroom.home import views

urlpatterns = [
    path("", views.landing, name="home"),
]
