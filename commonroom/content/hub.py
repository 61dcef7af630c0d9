"""The community hub's topics and tag cloud, loaded together in one query
(the cloud is the tags most used on what is live in the community, which
only content knows). Communities asks for it through ``communities.hub``."""

from commonroom.communities.hub import register_topic_cloud
from commonroom.content import selectors

register_topic_cloud(selectors.topic_cloud)
