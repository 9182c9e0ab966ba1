"""Log filters: a client's malformed request is one warning line, and no line names an address.

Django logs a request it refuses as malformed (a broken multipart body, too many fields, a
body over the limit, an unknown Host) with the whole traceback, some at ERROR. Those are the
client's mistakes, answered with a 400: one WARNING line says what happened, and an attacker
sending thousands of them cannot bury real errors in tracebacks.
"""

import ipaddress
import logging
import re

# gunicorn's "ip=..." field, and any word that parses as an IPv4 or IPv6 address (a port
# after it included).
_IP_FIELD = re.compile(r"\bip=\S+?(?=:\s|\s|$)")
_CANDIDATE = re.compile(r"\[?[0-9A-Fa-f:.]*[:.][0-9A-Fa-f:.]*\]?(?::\d+)?")


def _redact(match: re.Match) -> str:
    word = match.group(0)
    for candidate in (word, word.rsplit(":", 1)[0]):
        try:
            ipaddress.ip_address(candidate.strip("[]"))
        except ValueError:
            continue
        return "[address]"
    return word


def without_addresses(text: str) -> str:
    return _CANDIDATE.sub(_redact, _IP_FIELD.sub("ip=[address]", text))


class QuietClientErrors(logging.Filter):
    """Turn a client error's record (status below 500) into one line at WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


class NoAddresses(logging.Filter):
    """Replace anything that looks like a client's address in a record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = without_addresses(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
