"""Workers forked after gunicorn's warm-up start with the content and templates ready."""

import logging

import pytest
from django.db import OperationalError

from backpop_site import warmup
from triage import content


@pytest.fixture
def closed_connections(monkeypatch):
    """Record the warm-up closing the database connections (the test's own must stay open)."""
    calls = []
    monkeypatch.setattr(warmup.connections, "close_all", lambda: calls.append("closed"))
    return calls


@pytest.mark.django_db
def test_after_warm_up_the_first_patient_page_asks_the_database_only_for_the_version(
    client, monkeypatch, closed_connections, django_assert_num_queries
):
    monkeypatch.setattr(content, "_cached", None)

    warmup.warm_up()

    with django_assert_num_queries(1):
        assert client.get("/").status_code == 200
    assert closed_connections == ["closed"]


def test_warm_up_without_a_database_lets_the_server_start_and_says_why(
    monkeypatch, closed_connections, caplog
):
    def unreachable():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(warmup, "current_content", unreachable)

    with caplog.at_level(logging.WARNING, logger="backpop_site.warmup"):
        warmup.warm_up()

    assert "Content not preloaded" in caplog.text
    assert "could not connect to server" in caplog.text
    assert closed_connections == ["closed"]
