from django.urls import path

from commonroom.profiles import views

urlpatterns = [
    path("", views.people_finder, name="people-finder"),
    path("me/edit/", views.profile_edit, name="profile-edit"),
    path("contacts/", views.contact_list, name="contact-list"),
    path("<id:user_id>/", views.person_profile, name="person-profile"),
    path("<id:user_id>/contact/", views.person_contact, name="person-contact"),
    path("<id:user_id>/photo/", views.person_photo, name="person-photo"),
]
