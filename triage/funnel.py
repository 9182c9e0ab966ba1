"""The questionnaire's anonymous funnel: how many journeys started, answered each page and
finished, counted per day and stage, never per journey.

Counting runs on most patient POSTs. Where sessions live in Redis (REDIS_URL, production)
the count is one HINCRBY there, so a patient's page costs no database round trip for it; the
staff dashboard and the daily purge `settle()` those counts into `JourneyCount` rows. Without
Redis (the embedded default) the count is one UPDATE of today's row.

A count that cannot be kept (Redis not answering) is logged and dropped: the funnel is a
statistic, and a patient's answer must never fail because of it.
"""

import logging
from datetime import date

import redis
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from triage.models import JourneyCount

Stage = JourneyCount.Stage
log = logging.getLogger(__name__)

_ADD = (
    f"UPDATE {JourneyCount._meta.db_table} SET count = count + %s "
    "WHERE day = %s AND stage = %s AND page = %s"
)
_clients: dict[str, redis.Redis] = {}


def count_step(stage: str, page: str = "") -> None:
    """Add one journey to today's count for `stage` (and questionnaire `page`, for "page")."""
    if stage not in Stage.values:
        raise ValueError(f"Unknown funnel stage {stage!r}; expected one of {Stage.values}.")
    if (stage == Stage.PAGE) != bool(page):
        raise ValueError('A page slug is given with the "page" stage, and only with it.')
    client = _redis()
    if client is None:
        _add(timezone.localdate(), stage, page, 1)
        return
    try:
        client.hincrby(_key(timezone.localdate()), f"{stage}:{page}", 1)
    except redis.RedisError as error:
        log.warning("A funnel count was dropped: Redis did not answer (%s).", type(error).__name__)


def settle() -> None:
    """Move the counts kept in Redis into the database (nothing to do without Redis).

    Under a lock, so that two staff opening the dashboard at once do not both move the same
    counts. Each day's counts are added in one transaction, then taken off in Redis by the
    amounts read, so journeys counted meanwhile stay for the next time. A failure between the
    two counts a day twice rather than losing it.
    """
    client = _redis()
    if client is None:
        return
    try:
        _settle(client)
    except redis.RedisError as error:  # the dashboard still shows what the database holds
        log.warning(
            "Funnel counts were not settled: Redis did not answer (%s).", type(error).__name__
        )


def _settle(client: redis.Redis) -> None:
    lock = client.lock(f"{_prefix()}:funnel-settling", timeout=60, blocking_timeout=10)
    if not lock.acquire():
        return  # another process is settling right now
    try:
        today = timezone.localdate()
        for key in client.scan_iter(match=f"{_prefix()}:funnel:*"):
            day = date.fromisoformat(key.decode().rsplit(":", 1)[1])
            read = {field.decode(): int(n) for field, n in client.hgetall(key).items()}
            with transaction.atomic():
                for field, n in read.items():
                    stage, page = field.split(":", 1)
                    if n > 0 and stage in Stage.values:
                        _add(day, stage, page, n)
            with client.pipeline() as pipe:
                for field, n in read.items():
                    pipe.hincrby(key, field, -n)
                pipe.execute()
            if day < today:  # nobody counts on a past day any more
                client.delete(key)
    finally:
        lock.release()


def _add(day: date, stage: str, page: str, n: int) -> None:
    # Plain SQL: without Redis this runs on most patient POSTs, and the ORM spent longer
    # building the statement than the database took to run it.
    with connection.cursor() as cursor:
        day_value = connection.ops.adapt_datefield_value(day)
        cursor.execute(_ADD, [n, day_value, stage, page])
        if cursor.rowcount:
            return
    rows = JourneyCount.objects.filter(day=day, stage=stage, page=page)
    try:
        with transaction.atomic():
            JourneyCount.objects.create(day=day, stage=stage, page=page, count=n)
    except IntegrityError:  # another journey created the day's row meanwhile
        rows.update(count=F("count") + n)


def _redis() -> redis.Redis | None:
    url = settings.REDIS_URL
    if not url:
        return None
    if url not in _clients:
        # A Redis that stops answering costs a page a few seconds, never a stuck worker.
        _clients[url] = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    return _clients[url]


def _prefix() -> str:
    return settings.CACHES["default"].get("KEY_PREFIX") or "backpop"


def _key(day: date) -> str:
    return f"{_prefix()}:funnel:{day.isoformat()}"
