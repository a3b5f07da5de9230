"""SQL query budgets per page: exact, so asserted in tests."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_home_page_with_all_sections_filled_stays_within_12_queries(client, demo, url, django_assert_max_num_queries):
    client.get(url)  # renditions are created on the first view; the budget is for every view after it
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert b'id="partners-heading"' in response.content
