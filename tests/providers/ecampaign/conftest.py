"""Fixtures for the eCampaign tests: the real client against the sandbox over
real HTTP, and a small HTTP server of ours (the receiver) that serves files
(MP3s, import files) and records what is POSTed to it (callbacks)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import httpx
import pytest

from backoffice.providers.ecampaign import ECampaignClient
from backoffice.providers.ecampaign.sandbox import DEMO_PASSWORD, DEMO_USER

MP3_FRAME = b"\xff\xfb\x90\x00" + bytes(413)  # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417 bytes, 1152 samples


def mp3(seconds: float) -> bytes:
    return MP3_FRAME * int(seconds * 44100 / 1152 + 1)


class Receiver:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.posts: list[tuple[str, dict[str, str]]] = []
        self.gets: list[str] = []
        self.arrived = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                receiver.gets.append(self.path)
                body = receiver.files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[-1] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"OK")
                with receiver.arrived:
                    receiver.posts.append((self.path, form))
                    receiver.arrived.notify_all()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def posted_to(self, path: str) -> list[dict[str, str]]:
        return [form for where, form in self.posts if where == path]

    def wait_for(self, path: str, count: int = 1, timeout: float = 5.0) -> list[dict[str, str]]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.posted_to(path)) >= count, timeout=timeout)
        return self.posted_to(path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def ecampaign(sandbox):
    """The eCampaign sandbox instance, to inspect or seed its state."""
    return sandbox.app.providers["ecampaign"]


@pytest.fixture
def base_url(sandbox) -> str:
    return f"{sandbox.url}/ecampaign"


@pytest.fixture
def client(base_url):
    with ECampaignClient(user=DEMO_USER, password=DEMO_PASSWORD, base_url=base_url, timeout=3) as client:
        yield client


@pytest.fixture
def raw_post(base_url):
    """POST a raw request body, as another client (or the vendor's sample) would."""

    def post(path: str, **kwargs) -> httpx.Response:
        return httpx.post(f"{base_url}{path}", timeout=3, **kwargs)

    return post


def login_xml(body: str = "", user: str = DEMO_USER, password: str = DEMO_PASSWORD) -> str:
    return (
        f'<?xml version="1.0"?><ecampaign><login><user>{user}</user><password>{password}</password><md5/></login>'
        f"{body}</ecampaign>"
    )
