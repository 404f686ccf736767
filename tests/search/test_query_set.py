"""The query set of issue 22 (queries.yml) in Chromium on the built example: every query's best
item in the top 3, every Telex, VNI, unaccented or NFD form giving the accented query's ranked
list, and a name no story has never shown as a hit."""
from __future__ import annotations

import pytest

import query_set
from lantoa.search import SEARCH_PAGE_URL

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUERIES = query_set.load()


def test_the_set_covers_every_class_with_forty_queries_or_more():
    assert len(QUERIES) >= 40
    classes = {q.klass for q in QUERIES}
    assert {"accented", "unaccented", "telex", "vni", "typo", "name", "place", "question"} <= classes


@pytest.mark.parametrize("query", QUERIES, ids=[q.typed for q in QUERIES])
def test_query(page, example_url, query):
    url = f"{example_url}/{SEARCH_PAGE_URL}"
    found, full = query_set.lantoa_search(page, url, query.text)
    if query.absent:
        assert full == 0, found
        assert page.text_content("[data-lantoa-status]").startswith("Không có bài nào nhắc đến")
        return
    outcome = query_set.Outcome(query, found, full)
    assert outcome.best_rank and outcome.best_rank <= 3, found
    if query.same_as:
        expected, _ = query_set.lantoa_search(page, url, query.same_as)
        assert found == expected
