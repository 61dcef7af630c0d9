from django.urls import path

from commonroom.content import views

urlpatterns = [
    path("<slug:slug>/", views.tag_page, name="tag-page"),
]
