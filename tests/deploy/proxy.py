"""The shipped nginx configuration, run in front of a server under test.

deploy/nginx/default.conf.template is rendered as the nginx image renders it (only the
variables it documents are replaced), with local ports, a self-signed certificate and a
temporary prefix, and wrapped in the main context the image would give it. nginx runs as
root from the temporary prefix and is stopped by its process id.
"""

import functools
import http.client
import os
import re
import signal
import ssl
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx" / "default.conf.template"
NGINX = "/usr/sbin/nginx"
MAIN = """
user root;
worker_processes 2;
pid {prefix}/nginx.pid;
error_log stderr crit;
events {{ worker_connections 1024; }}
http {{
    default_type application/octet-stream;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/default.conf;
}}
"""


def render(template: str, values: dict[str, str]) -> str:
    """envsubst restricted to `values`, as the nginx image restricts it to defined variables."""
    return re.sub(r"\$\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


@dataclass
class Proxy:
    process: subprocess.Popen
    http_port: int
    https_port: int
    log: Path

    def request(self, method: str, path: str, headers=None, body=None, timeout: float = 10):
        return https_request(self.https_port, method, path, headers, body, timeout)


def https_request(port: int, method: str, path: str, headers=None, body=None, timeout=10.0):
    """One request over TLS on a new connection; returns (status, headers, body, seconds)."""
    started = time.monotonic()
    connection = http.client.HTTPSConnection(
        "127.0.0.1", port, timeout=timeout, context=insecure_tls()
    )
    try:
        connection.request(method, path, body, {"Host": "localhost", **(headers or {})})
        response = connection.getresponse()
        data = response.read()
        return response.status, response.headers, data, time.monotonic() - started
    finally:
        connection.close()


@functools.cache
def insecure_tls() -> ssl.SSLContext:
    """A client context for the self-signed certificate (made once: loading it is slow)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def start(
    prefix: Path, *, upstream_port: int, http_port: int, https_port: int, admin_path: str
) -> Proxy:
    prefix.mkdir(parents=True, exist_ok=True)
    cert, key = self_signed(prefix)
    values = {
        "BACKPOP_UPSTREAM": f"127.0.0.1:{upstream_port}",
        "DJANGO_ADMIN_PATH": admin_path,
        "TLS_CERTIFICATE": str(cert),
        "TLS_CERTIFICATE_KEY": str(key),
        "NGINX_HTTP_PORT": f"127.0.0.1:{http_port}",
        "NGINX_HTTPS_PORT": f"127.0.0.1:{https_port}",
    }
    (prefix / "default.conf").write_text(render(TEMPLATE.read_text(), values))
    main = prefix / "nginx.conf"
    main.write_text(MAIN.format(prefix=prefix))
    log = prefix / "nginx.log"
    checked = subprocess.run(
        [NGINX, "-t", "-q", "-e", "stderr", "-p", str(prefix), "-c", str(main)],
        capture_output=True,
        text=True,
    )
    if checked.returncode != 0:
        raise RuntimeError(f"nginx refused the shipped configuration:\n{checked.stderr}")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [NGINX, "-e", "stderr", "-p", str(prefix), "-c", str(main), "-g", "daemon off;"],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    proxy = Proxy(process, http_port, https_port, log)
    deadline = time.monotonic() + 20
    while True:
        try:
            if proxy.request("GET", "/healthz", timeout=2)[0] == 200:
                return proxy
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop(proxy)
            raise RuntimeError(f"nginx did not serve /healthz:\n{log.read_text()}")
        time.sleep(0.2)


def stop(proxy: Proxy) -> None:
    if proxy.process.poll() is None:
        proxy.process.send_signal(signal.SIGQUIT)  # graceful: finish what is in flight
        try:
            proxy.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proxy.process.pid, signal.SIGKILL)
            proxy.process.wait(timeout=10)
