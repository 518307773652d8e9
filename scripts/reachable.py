"""Exit 0 when the server of a URL (postgres://, redis://...) accepts a TCP connection.

Used by the Makefile and .ci/run to decide whether the PostgreSQL run and the
Redis worker test can happen (and, under CI=true, to fail when they cannot)."""

import socket
import sys
from urllib.parse import urlsplit

DEFAULT_PORTS = {"postgres": 5432, "postgresql": 5432, "redis": 6379, "amqp": 5672}


def reachable(url: str, timeout: float = 2.0) -> bool:
    parts = urlsplit(url)
    port = parts.port or DEFAULT_PORTS.get(parts.scheme, 0)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(0 if all(reachable(url) for url in sys.argv[1:]) else 1)
