from django.urls import path

from commonroom.profiles import views

urlpatterns = [path("", views.people_finder, name="people-finder")]
