from django.db import migrations, models
from django.utils.text import slugify

# A frozen copy of commonroom.profiles.handles as it was when this migration was
# written, so later changes there cannot change what this migration does.
_BASE_MAX_LENGTH = 34


def _handle_base(full_name: str) -> str:
    base = slugify(full_name).replace("_", "-")
    base = "-".join(part for part in base.split("-") if part)
    return base[:_BASE_MAX_LENGTH].strip("-") or "member"


def _first_free(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def fill_handles(apps, schema_editor):
    """Give every existing profile a handle: oldest first, so they get the plain one."""
    Profile = apps.get_model("profiles", "Profile")
    taken = set(Profile.objects.exclude(handle=None).values_list("handle", flat=True))
    changed = []
    for profile in (
        Profile.objects.filter(handle=None)
        .select_related("user")
        .only("pk", "handle", "user__full_name")
        .order_by("pk")
        .iterator(chunk_size=500)
    ):
        profile.handle = _first_free(_handle_base(profile.user.full_name), taken)
        taken.add(profile.handle)
        changed.append(profile)
    Profile.objects.bulk_update(changed, ["handle"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0002_profile_expertise_profile_photo_profile_privacy_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="handle",
            field=models.SlugField(
                blank=True,
                editable=False,
                max_length=40,
                null=True,
                unique=True,
                verbose_name="mention name",
            ),
        ),
        migrations.RunPython(fill_handles, migrations.RunPython.noop),
    ]
