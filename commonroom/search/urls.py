from django.urls import path

from commonroom.search import views

urlpatterns = [path("", views.search, name="search")]
