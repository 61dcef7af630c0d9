from django.urls import path

from commonroom.content import views

urlpatterns = [
    path("", views.tag_cloud, name="tag-cloud"),
    path("<slug:slug>/", views.tag_page, name="tag-page"),
]
