"""The server's log as an operator reads it: a malformed request is one warning line without
a traceback, and no line names a client's address (the privacy page promises it)."""

import socket
import time

import pytest

from tests.deploy.conftest import HOST, patient_of

pytestmark = pytest.mark.deploy


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def _post(port: int, cookies: str, content_type: str, body: bytes) -> bytes:
    head = (
        f"POST /check/start/ HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: https\r\n"
        f"Referer: https://{HOST}/\r\nCookie: {cookies}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return _raw(port, head.encode() + body)


def _new_lines(server, since: int) -> list[str]:
    """What the server logged after byte `since`, once it has stopped growing."""
    size, deadline = -1, time.monotonic() + 5
    while time.monotonic() < deadline:
        time.sleep(0.3)
        if server.log.stat().st_size == size:
            break
        size = server.log.stat().st_size
    return server.log.read_bytes()[since:].decode(errors="replace").splitlines()


MALFORMED = {
    "a multipart body without a boundary": lambda port, cookies: _post(
        port, cookies, "multipart/form-data", b"--x\r\n\r\n"
    ),
    "too many fields": lambda port, cookies: _post(
        port,
        cookies,
        "application/x-www-form-urlencoded",
        "&".join(f"f{i}=1" for i in range(500)).encode(),
    ),
    "a body over the limit": lambda port, cookies: _post(
        port, cookies, "application/x-www-form-urlencoded", b"a=" + b"x" * 100_000
    ),
    "an unknown Host": lambda port, cookies: _raw(
        port, b"GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    ),
    "a request line that is not HTTP": lambda port, cookies: _raw(
        port, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n"
    ),
}


@pytest.mark.parametrize("kind", MALFORMED)
def test_a_malformed_request_is_one_warning_line_without_a_traceback(server, kind):
    patient = patient_of(server.port)
    patient.get("/")  # a CSRF cookie, so that the body is read at all
    since = server.log.stat().st_size

    answer = MALFORMED[kind](server.port, patient.cookie_header())

    assert answer.split(b" ", 2)[1].startswith(b"4"), answer[:200]
    lines = _new_lines(server, since)
    warnings = [line for line in lines if "WARNING" in line]
    assert len(warnings) == 1, "\n".join(lines)
    assert not [line for line in lines if "ERROR" in line or "Traceback" in line]


def test_no_log_line_names_a_client_address(server, patient):
    patient.journey()
    MALFORMED["a request line that is not HTTP"](server.port, "")

    log = server.log.read_text(errors="replace")
    assert "Invalid request from ip=[address]" in log
    assert "127.0.0.1" not in log
