"""pytest fixtures: one sandbox server per test session on a free port of
127.0.0.1, reset (state, clock, faults) before each test that asks for it."""

from __future__ import annotations

import pytest

from .server import SandboxServer


@pytest.fixture(scope="session")
def sandbox_server():
    with SandboxServer() as server:
        # Short hangs keep fault tests fast; clients under test use shorter timeouts.
        server.app.context.hang_seconds = 5.0
        yield server


@pytest.fixture
def sandbox(sandbox_server):
    """The running sandbox, freshly reset: ``sandbox.url``, ``sandbox.app.inject(...)``,
    ``sandbox.app.context.clock.advance(...)``, ``sandbox.app.providers[name]``."""
    sandbox_server.app.reset()
    yield sandbox_server
    sandbox_server.app.context.faults.clear()
