from commonroom.communities import urls_communities, urls_membership

# Membership routes first: they are longer paths under a community's slug.
urlpatterns = [*urls_membership.urlpatterns, *urls_communities.urlpatterns]
