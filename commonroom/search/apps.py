from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "commonroom.search"
    verbose_name = _("Search")

    def ready(self):
        from commonroom.core.search_index import register_indexer
        from commonroom.forums.similar import register_similar_questions
        from commonroom.profiles.topics import register_topic_ranking
        from commonroom.search.experts import rank_topic
        from commonroom.search.indexing import index
        from commonroom.search.similar import similar_questions

        register_indexer(index)
        register_similar_questions(similar_questions)
        register_topic_ranking(rank_topic)
