"""Django's Redis cache, keeping one redis-py client per connection pool.

Django's RedisCacheClient makes a new `redis.Redis` for every cache operation, and redis-py
builds a table of a few hundred response callbacks in each one's constructor: with the
sessions in Redis that was the largest single cost of a patient's page after rendering it.
The client is safe to share between threads (it holds no connection itself; the pool hands
them out), so each pool's client is made once.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
