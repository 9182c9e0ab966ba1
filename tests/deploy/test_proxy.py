"""The shipped nginx configuration in front of gunicorn: slow, malformed and abusive clients
cost nginx a connection, never one of gunicorn's few sync workers.

The bounds are generous (a second for a probe or a page, 100 ms for the median page) and the
load bounded in count and time; they are the acceptance of issue 13, not benchmarks.
"""

import contextlib
import http.client
import multiprocessing
import re
import socket
import ssl
import statistics
import threading
import time
from urllib.parse import urlencode

import pytest

from tests.deploy.conftest import ADMIN_PATH, HOST
from tests.deploy.proxy import https_request, insecure_tls

pytestmark = pytest.mark.deploy
SLOW_CLIENTS = 200
SLOW_SECONDS = 30


def _open_slow(port: int):
    raw = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock = insecure_tls().wrap_socket(raw, server_hostname=HOST)
    sock.sendall(f"GET / HTTP/1.1\r\nHost: {HOST}\r\n".encode())
    return sock


def _slow_headers(port: int, stop: threading.Event, opened: list[int]) -> None:
    """Keep SLOW_CLIENTS connections open, each sending one header line a second and never
    finishing; reopen those nginx closes."""
    sockets = []
    try:
        while not stop.is_set():
            while len(sockets) < SLOW_CLIENTS:
                sockets.append(_open_slow(port))
                opened[0] += 1
            for sock in list(sockets):
                try:
                    sock.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    sockets.remove(sock)
                    sock.close()
            stop.wait(1)
    finally:
        for sock in sockets:
            sock.close()


def _measure(proxy, path: str, headers: dict, seconds: float) -> list[tuple[int, float]]:
    answers, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, _, _, took = proxy.request("GET", path, headers)
        answers.append((status, took))
        time.sleep(0.2)
    return answers


def test_slow_clients_do_not_hold_the_workers(proxy, question_page):
    path, cookies = question_page
    stop, opened = threading.Event(), [0]
    slow = threading.Thread(target=_slow_headers, args=(proxy.https_port, stop, opened))
    slow.start()
    try:
        deadline = time.monotonic() + 60
        while opened[0] < SLOW_CLIENTS:
            assert slow.is_alive() and time.monotonic() < deadline, "slow clients not connected"
            time.sleep(0.1)
        started = time.monotonic()
        probes, pages = [], []
        while time.monotonic() - started < SLOW_SECONDS:
            probes += _measure(proxy, "/healthz", {}, 1)
            pages += _measure(proxy, path, cookies, 1)
    finally:
        stop.set()
        slow.join(timeout=30)

    assert {status for status, _ in probes} == {200}
    assert {status for status, _ in pages} == {200}
    assert max(took for _, took in probes + pages) < 1


def _client_hello() -> bytes:
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = insecure_tls().wrap_bio(incoming, outgoing, server_hostname=HOST)
    with contextlib.suppress(ssl.SSLWantReadError):  # it waits for the server's answer
        tls.do_handshake()
    return outgoing.read()


def test_tls_handshakes_on_the_http_port_hold_no_worker(proxy, question_page):
    hello = _client_hello()
    held = []
    try:
        for _ in range(20):
            sock = socket.create_connection(("127.0.0.1", proxy.http_port), timeout=5)
            sock.sendall(hello)
            held.append(sock)
        path, cookies = question_page
        answers = _measure(proxy, "/healthz", {}, 3) + _measure(proxy, path, cookies, 3)
    finally:
        for sock in held:
            sock.close()

    assert {status for status, _ in answers} == {200}
    assert max(took for _, took in answers) < 1


def _spray(port: int, stop, tried) -> None:
    """Sign in again and again with a new username and a wrong password, as a password
    sprayer does: one visit to the sign-in page for its CSRF cookie, then only POSTs.
    Run in a process of its own, so that it takes no time from the measuring thread."""
    login = f"/{ADMIN_PATH}login/"
    form, headers = {}, {}
    while not stop.is_set():
        if not form:
            status, answer, body, _ = https_request(port, "GET", login)
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
            cookies = [c.split(";")[0] for c in answer.get_all("Set-Cookie") or []]
            if status != 200 or not token:
                stop.wait(0.2)
                continue
            form = {"csrfmiddlewaretoken": token.group(1).decode(), "next": f"/{ADMIN_PATH}"}
            headers = {
                "Cookie": "; ".join(c for c in cookies if "csrftoken" in c),
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{HOST}{login}",
            }
        with tried.get_lock():
            tried.value += 1
            username = f"staff{tried.value}"
        form.update(username=username, password="wrong-password")
        status = https_request(port, "POST", login, headers, urlencode(form))[0]
        if status == 403:  # the CSRF cookie expired or was rotated: visit the page again
            form = {}


def test_password_spraying_leaves_patient_pages_fast(proxy, question_page):
    path, cookies = question_page
    processes = multiprocessing.get_context("spawn")
    stop, tried = processes.Event(), processes.Value("i", 0)
    sprayers = [
        processes.Process(target=_spray, args=(proxy.https_port, stop, tried)) for _ in range(4)
    ]
    for sprayer in sprayers:
        sprayer.start()
    try:
        deadline = time.monotonic() + 30
        while tried.value < 8 and time.monotonic() < deadline:
            time.sleep(0.1)
        pages = _measure(proxy, path, cookies, 15)
    finally:
        stop.set()
        for sprayer in sprayers:
            sprayer.join(timeout=30)
            if sprayer.is_alive():
                sprayer.kill()

    assert tried.value > 100  # the sprayers kept trying throughout
    assert {status for status, _ in pages} == {200}
    assert statistics.median(took for _, took in pages) < 0.1


def test_plain_http_to_the_proxy_is_only_redirected_to_https(proxy):
    connection = http.client.HTTPConnection("127.0.0.1", proxy.http_port, timeout=10)
    try:
        connection.request("GET", "/check/start/?x=1", headers={"Host": HOST})
        answer = connection.getresponse()
    finally:
        connection.close()

    assert answer.status == 301
    assert answer.getheader("Location") == f"https://{HOST}/check/start/?x=1"


def test_the_proxy_logs_requests_without_addresses_or_query_strings(proxy):
    assert proxy.request("GET", "/healthz?secret=42")[0] == 200

    log = proxy.log.read_text()
    assert '"GET /healthz HTTP/1.1" 200' in log
    assert "secret" not in log
    assert "127.0.0.1" not in log
