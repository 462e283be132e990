"""Search over live articles and FAQ entries (placeholder: substring match; see issue 5)."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from blog.models import Article
from faq.models import Entry

MAX_QUERY_LENGTH = 200


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = []
    if query:
        articles = Article.objects.published().filter(
            Q(live_version__title__icontains=query)
            | Q(live_version__summary__icontains=query)
            | Q(live_version__body__icontains=query)
        )
        entries = Entry.objects.published().filter(
            Q(live_version__question__icontains=query) | Q(live_version__answer__icontains=query)
        )
        results = [
            {"url": a.get_absolute_url(), "title": a.live_version.title, "kind": "Article",
             "snippet": a.live_version.summary[:200]}
            for a in articles
        ] + [
            {"url": e.get_absolute_url(), "title": e.live_version.question, "kind": "FAQ",
             "snippet": ""}
            for e in entries
        ]  # fmt: skip
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(
        request,
        "search.html",
        {"search_query": query, "results": page.object_list, "page_obj": page,
         "paginator": page.paginator},
    )  # fmt: skip
