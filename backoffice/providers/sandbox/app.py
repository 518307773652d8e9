"""The sandbox WSGI app: mounts each provider's sandbox under its prefix, applies
armed faults in front of them, and serves a JSON control API under ``/_sandbox``.

A provider sandbox is a class ``<Name>Sandbox(context)`` in
``backoffice/providers/<name>/sandbox.py`` deriving from :class:`ProviderSandbox`.
"""

from __future__ import annotations

import importlib
import json
import socket
import struct
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from . import faults
from .clock import SandboxClock
from .faults import Fault, FaultInjector

# prefix -> "module:Class"; a provider whose module is not there yet is skipped.
PROVIDER_SANDBOXES = {
    "allmysms": "backoffice.providers.allmysms.sandbox:AllMySMSSandbox",
    "ecampaign": "backoffice.providers.ecampaign.sandbox:ECampaignSandbox",
    "mdworks": "backoffice.providers.mdworks.sandbox:MDWorksSandbox",
}

StartResponse = Callable[..., object]


@dataclass
class SandboxContext:
    """What every provider sandbox shares: the clock (and its scheduler), the
    faults, and the sandbox's own public URL once it is bound to a port."""

    clock: SandboxClock = field(default_factory=SandboxClock)
    faults: FaultInjector = field(default_factory=FaultInjector)
    base_url: str = "http://127.0.0.1:8100"
    hang_seconds: float = 10.0
    stopping: threading.Event = field(default_factory=threading.Event)

    def url(self, provider: str, path: str = "") -> str:
        return f"{self.base_url}/{provider}{path}"


class Request:
    """The little of a WSGI request a provider sandbox needs."""

    def __init__(self, environ: dict, body: bytes) -> None:
        self.environ = environ
        self.method = environ["REQUEST_METHOD"]
        self.path = environ.get("PATH_INFO", "") or "/"
        self.query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        self.content_type = environ.get("CONTENT_TYPE", "")
        self.remote_addr = environ.get("REMOTE_ADDR", "")
        self.body = body

    def form(self, encoding: str = "utf-8") -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(self.body.decode(encoding, "replace"), keep_blank_values=True).items()}


@dataclass
class Response:
    body: bytes
    status: int = 200
    content_type: str = "text/xml; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)


class ProviderSandbox:
    """Base of the three fake providers: subclasses implement :meth:`handle`."""

    name = ""

    def __init__(self, context: SandboxContext) -> None:
        self.context = context
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        """Forget all state and load the demo accounts."""

    def handle(self, request: Request) -> Response:
        raise NotImplementedError

    def server_error(self) -> Response:
        """What this provider answers on an internal error (HTTP 500)."""
        return Response(b"Internal Server Error", status=500, content_type="text/plain")

    def summary(self) -> dict:
        """A JSON-able view of the state, for the control API and the demo."""
        return {}


def _status_line(status: int) -> str:
    from http import HTTPStatus

    return f"{status} {HTTPStatus(status).phrase}"


class SandboxApp:
    def __init__(self, context: SandboxContext | None = None, providers: Iterable[str] | None = None) -> None:
        self.context = context or SandboxContext()
        self.providers: dict[str, ProviderSandbox] = {}
        for name, target in PROVIDER_SANDBOXES.items():
            if providers is not None and name not in providers:
                continue
            module_name, class_name = target.split(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name and module_name.startswith(exc.name):
                    continue  # that provider's sandbox does not exist yet
                raise
            self.providers[name] = getattr(module, class_name)(self.context)

    # --- control API, used by tests and by staff rehearsing a campaign ---------

    def reset(self) -> None:
        self.context.faults.clear()
        self.context.clock.reset()
        for provider in self.providers.values():
            with provider.lock:
                provider.reset()

    def inject(self, provider: str, fault: Fault | str, *, times: int = 1, match: str | None = None) -> None:
        if provider not in self.providers:
            raise KeyError(provider)
        self.context.faults.inject(provider, fault, times=times, match=match)

    def _control(self, request: Request) -> Response:
        action = request.path.strip("/")
        try:
            payload = json.loads(request.body or b"{}") if request.method == "POST" else {}
            advance = float(payload.get("advance", 0)) if action == "clock" else 0.0
        except (ValueError, TypeError, AttributeError) as exc:
            return Response(json.dumps({"error": f"bad request: {exc}"}).encode(), 400, "application/json")
        if request.method == "GET" and action == "":
            data = {
                "now": self.context.clock.now().isoformat(),
                "providers": {name: p.summary() for name, p in self.providers.items()},
            }
        elif request.method == "POST" and action == "reset":
            self.reset()
            data = {"ok": True}
        elif request.method == "POST" and action == "clock":
            self.context.clock.advance(advance)
            data = {"now": self.context.clock.now().isoformat()}
        elif request.method == "POST" and action == "faults":
            try:
                self.inject(
                    payload["provider"],
                    payload["fault"],
                    times=int(payload.get("times", 1)),
                    match=payload.get("match"),
                )
            except (KeyError, ValueError) as exc:
                return Response(json.dumps({"error": f"bad fault: {exc}"}).encode(), 400, "application/json")
            data = {"ok": True}
        else:
            return Response(b'{"error": "unknown control action"}', 404, "application/json")
        return Response(json.dumps(data).encode(), content_type="application/json")

    # --- WSGI -------------------------------------------------------------

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        body = environ["wsgi.input"].read(length) if length else b""
        path = environ.get("PATH_INFO", "") or "/"
        prefix, _, rest = path.lstrip("/").partition("/")
        environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + "/" + prefix
        environ["PATH_INFO"] = "/" + rest
        request = Request(environ, body)

        if prefix == "_sandbox":
            return self._reply(start_response, self._control(request))
        provider = self.providers.get(prefix)
        if provider is None:
            return self._reply(start_response, Response(b"Not Found", 404, "text/plain"))

        fault = self.context.faults.take(prefix, request.path, body)
        if fault is not None:
            return self._faulty(fault, provider, request, start_response)
        self.context.clock.run_due()
        return self._reply(start_response, self._handle(provider, request))

    @staticmethod
    def _handle(provider: ProviderSandbox, request: Request) -> Response:
        with provider.lock:
            return provider.handle(request)

    def _faulty(self, fault: Fault, provider: ProviderSandbox, request: Request, start_response: StartResponse):
        trap = "http://127.0.0.1:9/sandbox-trap"  # nothing listens on the discard port
        if fault is Fault.SERVER_ERROR:
            return self._reply(start_response, provider.server_error())
        if fault is Fault.HTML_PAGE:
            return self._reply(start_response, Response(faults.HTML_PAGE, 200, "text/html; charset=utf-8"))
        if fault is Fault.HANG:
            self.context.stopping.wait(self.context.hang_seconds)
            return self._reply(start_response, Response(faults.HTML_PAGE, 504, "text/html; charset=utf-8"))
        if fault is Fault.RESET:
            sock = request.environ.get("sandbox.socket")
            if sock is not None:
                request.environ["sandbox.reset"] = True
                # SO_LINGER with a zero timeout turns close() into a TCP RST.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.close()
            raise ConnectionAbortedError("sandbox fault: connection reset")
        if fault is Fault.TRUNCATED:
            answer = self._handle(provider, request)
            answer.body = answer.body[: max(1, len(answer.body) // 2)]
            return self._reply(start_response, answer)
        hostile = {
            Fault.ENTITY_BOMB: faults.ENTITY_BOMB,
            Fault.EXTERNAL_ENTITY: faults.external_entity(trap),
            Fault.EXTERNAL_DTD: faults.external_dtd(trap),
        }[fault]
        return self._reply(start_response, Response(hostile, 200, "text/xml; charset=utf-8"))

    @staticmethod
    def _reply(start_response: StartResponse, response: Response) -> list[bytes]:
        headers = [("Content-Type", response.content_type), ("Content-Length", str(len(response.body)))]
        start_response(_status_line(response.status), headers + response.headers)
        return [response.body]
