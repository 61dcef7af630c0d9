from django.urls import path

from commonroom.core import views

urlpatterns = [
    path("<str:language_code>/", views.switch_language, name="language-switch"),
]
