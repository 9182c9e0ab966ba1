"""Django's PostgreSQL backend, with a limit on how long a worker waits for the server.

connect_timeout bounds a new connection and statement_timeout a slow query, but a server
that keeps the connection open and sends nothing (stopped, or its host hung) would hold a
sync worker until gunicorn kills it. Here every wait for the server's answer gives up after
DATABASE_READ_TIMEOUT seconds: the connection is closed (its protocol state is unknown) and
the query fails with OperationalError, which patient pages answer with the friendly 503.
Django reconnects on a later request, so the same workers recover by themselves.
"""

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base

# psycopg raises this private subclass of OperationalError when a wait's timeout expires.
_WAIT_TIMEOUT = getattr(psycopg.errors, "_WaitTimeout", None)
# A reused connection must answer "SELECT 1" this fast, or a new one is opened.
HEALTH_CHECK_TIMEOUT = 1.0


class TimedConnection(psycopg.Connection):
    read_timeout: float | None = None

    def wait(self, gen, interval=0.1, timeout=None):
        limit = timeout if timeout is not None else self.read_timeout
        try:
            return super().wait(gen, interval=interval, timeout=limit)
        except Exception as error:
            if _WAIT_TIMEOUT is None or not isinstance(error, _WAIT_TIMEOUT):
                raise
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database server sent nothing for {limit:g} seconds"
            ) from None


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.__class__ = TimedConnection
        connection.read_timeout = getattr(settings, "DATABASE_READ_TIMEOUT", None)
        return connection

    def is_usable(self):
        connection = self.connection
        if not isinstance(connection, TimedConnection):
            return super().is_usable()
        usual, connection.read_timeout = connection.read_timeout, HEALTH_CHECK_TIMEOUT
        try:
            return super().is_usable()
        finally:
            connection.read_timeout = usual
