"""What the search page shows of a search: its rows, the kind links and, when
nothing matched, what to try instead.

Everything a reader may or may not see has been settled by the selector
(``search.selectors.search``); a byline here follows the profile rule (name
and organisation for every reader, job title only where the reader may see
the author's details: ``profiles.permissions.details_visible_among``), as the
post cards do.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from commonroom.profiles.permissions import details_visible_among
from commonroom.search.forms import COMMUNITY, PERSON, SearchForm, kind_choices
from commonroom.search.selectors import SearchFilters

# The filters a "remove" link can take away, with how the page names each.
FILTER_NAMES = ("kind", "community", "author", "organisation", "tag", "after", "before")


def filters_from(form: SearchForm) -> SearchFilters:
    data = form.cleaned_data
    return SearchFilters(
        kinds=(data["kind"],) if data.get("kind") else (),
        community_id=form.community_obj.pk if form.community_obj else None,
        author_id=form.author_obj.pk if form.author_obj else None,
        organisation_id=form.organisation_obj.pk if form.organisation_obj else None,
        tag_slug=form.tag_obj.slug if form.tag_obj else "",
        after=data.get("after"),
        before=data.get("before"),
    )


def _url(query: QueryDict, **changes) -> str:
    """This search's address with ``changes`` (None removes a value); back to
    the first page."""
    query = query.copy()
    query.pop("page", None)
    for name, value in changes.items():
        if value is None or value == "":
            query.pop(name, None)
        else:
            query[name] = value
    return f"?{query.urlencode()}"


def clear_filters_url(query: QueryDict, search_url: str) -> str:
    """The same words, no filters (the order is kept)."""
    return search_url + _url(query, **dict.fromkeys(FILTER_NAMES))


def rows(viewer, hits) -> list[dict]:
    """One dict of plain values per hit, for the result fragment
    (``search/search/_result.html``, kept by ``core.fragments``): one query at
    most, for bylines (whose details the reader may see)."""
    authors = [hit.author for hit in hits if hit.author is not None]
    visible = details_visible_among(viewer, authors) if authors else set()
    # One reversal per community shown, not one per row.
    community_urls = {
        hit.community.slug: reverse("community-detail", args=[hit.community.slug])
        for hit in hits
        if hit.community is not None and hit.kind != COMMUNITY
    }
    shown = []
    for hit in hits:
        author = hit.author
        profile = getattr(author, "profile", None) if author is not None else None
        # Search loads each author with their profile and organisation.
        organisation = profile.organisation if profile is not None else None
        community = hit.community if hit.kind != COMMUNITY else None
        shown.append(
            {
                "kind": hit.kind,
                "kind_label": str(hit.kind_label),
                "title": str(hit.title),
                "url": hit.url,
                "snippet": hit.snippet,
                "community_name": community.name if community else None,
                "community_url": community_urls.get(community.slug)
                if community
                else None,
                "created_at": hit.created_at,
                "has_byline": hit.kind not in (PERSON, COMMUNITY),
                "author_id": author.pk if author is not None else None,
                "author_name": author.full_name if author is not None else None,
                "job_title": profile.job_title
                if profile is not None and author.pk in visible
                else "",
                "organisation_name": organisation.name if organisation else "",
            }
        )
    return shown


@dataclass(frozen=True)
class KindLink:
    label: str
    count: int
    url: str
    current: bool


def kind_links(query: QueryDict, found) -> list[KindLink]:
    """ "Everything (40)", "Discussions (12)" ...: each narrows this search to
    one kind (kinds with no matches are left out, except the current one)."""
    current = query.get("kind", "")
    links = [
        KindLink(
            _("Everything"),
            sum(found.kind_counts.values()),
            _url(query, kind=None),
            current == "",
        )
    ]
    for name, label in kind_choices():
        count = found.kind_counts.get(name, 0)
        if count or name == current:
            links.append(
                KindLink(str(label), count, _url(query, kind=name), name == current)
            )
    return links


@dataclass(frozen=True)
class Suggestion:
    text: str
    url: str = ""


def suggestions(query: QueryDict, form: SearchForm, parsed) -> dict:
    """What to try when nothing matched, with links that do it."""
    words = form.cleaned_data["q"].split()
    fewer = None
    if len(words) > 1:
        shorter = " ".join(words[:-1])
        fewer = Suggestion(shorter, _url(query, q=shorter))
    removals = []
    for name in FILTER_NAMES:
        value = form.cleaned_data.get(name)
        if not value:
            continue
        if name == "community" and form.community_obj is not None:
            value = form.community_obj.name
        elif name == "kind":
            value = dict(kind_choices()).get(value, value)
        elif name in ("after", "before"):
            value = value.isoformat()
        if name == "kind":
            text = _("show everything, not only %(kind)s") % {"kind": value.lower()}
        else:
            text = _("remove %(filter)s: %(value)s") % {
                "filter": str(form.fields[name].label).lower(),
                "value": value,
            }
        removals.append(Suggestion(text, _url(query, **{name: None})))
    remove_all = _url(query, **dict.fromkeys(FILTER_NAMES)) if len(removals) > 1 else ""
    plain = list(parsed.words())
    any_of = None
    if len(plain) > 1 and "OR" not in words:
        text = " OR ".join(plain)
        any_of = Suggestion(text, _url(query, q=text))
    prefix = None
    long_words = [w for w in plain if len(w) > 5]
    if long_words:
        stem = long_words[0][: max(4, len(long_words[0]) - 3)] + "*"
        prefix = Suggestion(stem, _url(query, q=stem))
    return {
        "fewer": fewer,
        "removals": removals,
        "remove_all": remove_all,
        "any_of": any_of,
        "prefix": prefix,
    }
