"""Serve the sandbox on 127.0.0.1: a threaded WSGI server (a hung answer must not
block the others) and a ticker that runs the delivery simulator's due events."""

from __future__ import annotations

import contextlib
import logging
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer

from .app import SandboxApp, SandboxContext

logger = logging.getLogger(__name__)
TICK_SECONDS = 0.2


class _ServerHandler(ServerHandler):
    def handle_error(self):
        if self.environ.get("sandbox.reset"):
            return  # the RESET fault closed the socket on purpose: nothing to answer
        super().handle_error()


class _Handler(WSGIRequestHandler):
    def get_environ(self):
        environ = super().get_environ()
        environ["sandbox.socket"] = self.connection  # lets the RESET fault abort the connection
        return environ

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        logger.debug("%s - %s", self.address_string(), format % args)

    def handle(self):
        # WSGIRequestHandler.handle, with a ServerHandler that stays quiet after a RESET.
        self.raw_requestline = self.rfile.readline(65537)
        if len(self.raw_requestline) > 65536:
            self.send_error(414)
            return
        if not self.parse_request():
            return
        handler = _ServerHandler(self.rfile, self.wfile, self.get_stderr(), self.get_environ(), multithread=True)
        handler.request_handler = self
        with contextlib.suppress(OSError):  # the client went away, or the RESET fault
            handler.run(self.server.get_app())


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class SandboxServer:
    """``with SandboxServer() as server: server.url`` — port 0 picks a free port."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, app: SandboxApp | None = None) -> None:
        self.httpd = _ThreadingWSGIServer((host, port), _Handler)
        self.host, self.port = self.httpd.server_address[:2]
        self.url = f"http://{self.host}:{self.port}"
        self.app = app or SandboxApp(SandboxContext(base_url=self.url))
        self.app.context.base_url = self.url
        self.httpd.set_app(self.app)
        self._threads: list[threading.Thread] = []

    def _tick(self) -> None:
        stopping = self.app.context.stopping
        while not stopping.wait(TICK_SECONDS):
            try:
                self.app.context.clock.run_due()
            except Exception:  # a failing simulated event must not stop the simulator
                logger.exception("sandbox simulator event failed")

    def start(self) -> SandboxServer:
        for target in (self.httpd.serve_forever, self._tick):
            thread = threading.Thread(target=target, name=f"sandbox-{target.__name__}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread (``manage.py sandbox``) until interrupted."""
        ticker = threading.Thread(target=self._tick, name="sandbox-tick", daemon=True)
        ticker.start()
        try:
            self.httpd.serve_forever()
        finally:
            self.stop()

    def stop(self) -> None:
        self.app.context.stopping.set()  # releases hung answers too
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
