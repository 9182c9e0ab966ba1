"""How a simulated patient's requests reach the server: over a socket, or in this process.

Both take (method, path, body, headers) and give a Response, so the same patient drives the
load over HTTP and the profiler straight through the WSGI application.
"""

import io
import socket
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

_NO_BODY = {204, 304}


@dataclass
class Response:
    status: int
    headers: dict[str, list[str]]  # lower-case names
    body: bytes

    def header(self, name: str) -> str:
        values = self.headers.get(name.lower())
        return values[-1] if values else ""

    @property
    def location(self) -> str:
        parts = urlsplit(self.header("location"))
        return parts.path + (f"?{parts.query}" if parts.query else "")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class ServerClosed(ConnectionError):
    """The server closed the connection before a whole response arrived."""


class HTTPTransport:
    """HTTP/1.1 on one connection per patient, as a browser tab has; a new one when the
    server closes it (sync workers close after every response).

    Plain sockets rather than http.client, which parses every response's headers with the
    email package: the patients share the two cores with the server, so their CPU is the
    server's loss (http.client and SimpleCookie cost the patients 16 ms of CPU a journey).
    """

    def __init__(self, host: str, port: int, timeout: float = 30):
        self.address, self.timeout = (host, port), timeout
        self.sock: socket.socket | None = None
        self.pending = b""  # bytes received beyond the last response

    def __call__(self, method, path, body, headers) -> Response:
        for attempt in (1, 2):
            reused = self.sock is not None
            if self.sock is None:
                self.sock = socket.create_connection(self.address, timeout=self.timeout)
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.pending = b""
            try:
                self.sock.sendall(_request_bytes(method, path, body, headers))
                response, keep_open = self._receive(method)
            except (ServerClosed, ConnectionResetError, BrokenPipeError):
                self.close()
                # The server may close an idle kept-alive connection just as we reuse it.
                if reused and attempt == 1:
                    continue
                raise
            if not keep_open:
                self.close()
            return response
        raise AssertionError("unreachable")

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def _read_more(self) -> bytes:
        data = self.sock.recv(65536)
        if not data:
            raise ServerClosed("the server closed the connection mid-response")
        return data

    def _receive(self, method: str) -> tuple[Response, bool]:
        data = self.pending
        while (end := data.find(b"\r\n\r\n")) < 0:
            data += self._read_more()
        head, data = data[:end].decode("latin-1"), data[end + 4 :]
        status_line, *lines = head.split("\r\n")
        version, status = status_line.split(" ", 2)[:2]
        headers: dict[str, list[str]] = {}
        for line in lines:
            name, _, value = line.partition(":")
            headers.setdefault(name.strip().lower(), []).append(value.strip())
        status_code = int(status)
        connection = ",".join(headers.get("connection", ())).lower()
        keep_open = "close" not in connection and (
            version == "HTTP/1.1" or "keep-alive" in connection
        )
        if method == "HEAD" or status_code in _NO_BODY or status_code < 200:
            body = b""
        elif "transfer-encoding" in headers:  # not sent by Django, which sets Content-Length
            raise ConnectionError(f"unexpected Transfer-Encoding: {headers['transfer-encoding']}")
        elif "content-length" in headers:
            length = int(headers["content-length"][-1])
            while len(data) < length:
                data += self._read_more()
            body, data = data[:length], data[length:]
        else:  # the body ends when the server closes the connection
            chunks = [data]
            while chunk := self.sock.recv(65536):
                chunks.append(chunk)
            body, data, keep_open = b"".join(chunks), b"", False
        self.pending = data
        return Response(status_code, headers, body), keep_open


def _request_bytes(method: str, path: str, body: bytes | None, headers: dict[str, str]) -> bytes:
    lines = [f"{method} {path} HTTP/1.1"]
    lines.extend(f"{name}: {value}" for name, value in headers.items())
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")


class WSGITransport:
    """Calls a WSGI application in this process: no network, for the profiler."""

    def __init__(self, app, host: str = "127.0.0.1", port: int = 80):
        self.app, self.host, self.port = app, host, port

    def __call__(self, method, path, body, headers) -> Response:
        parts = urlsplit(path)
        body = body or b""
        environ = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": parts.path,
            "QUERY_STRING": parts.query,
            "SERVER_NAME": self.host,
            "SERVER_PORT": str(self.port),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "CONTENT_LENGTH": str(len(body)),
        }
        for name, value in headers.items():
            key = name.upper().replace("-", "_")
            if key == "CONTENT_TYPE":
                environ[key] = value
            elif key != "CONTENT_LENGTH":
                environ["HTTP_" + key] = value
        environ.setdefault("HTTP_HOST", f"{self.host}:{self.port}")
        started: list = []

        def start_response(status, response_headers, exc_info=None):
            started[:] = [int(status.split()[0]), response_headers]

        result = self.app(environ, start_response)
        try:
            data = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        found: dict[str, list[str]] = {}
        for name, value in started[1]:
            found.setdefault(name.lower(), []).append(value)
        return Response(started[0], found, data)

    def close(self):
        pass
