from django.contrib import admin

from commonroom.organisations.models import Organisation, OrganisationDomain


class OrganisationDomainInline(admin.TabularInline):
    model = OrganisationDomain
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "member_count"]
    list_filter = ["kind", "nation", "region"]
    search_fields = ["name", "domains__domain"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["member_count"]
    inlines = [OrganisationDomainInline]
