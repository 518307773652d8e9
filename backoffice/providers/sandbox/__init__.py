"""A faithful, stateful imitation of the three providers (DESIGN.md, "The sandbox").

``SandboxApp`` is one WSGI app mounting each provider's sandbox under its own
prefix (``/allmysms``, ``/ecampaign``, ``/mdworks``) plus a small control API
under ``/_sandbox``; ``SandboxServer`` serves it on 127.0.0.1.
"""

from .app import SandboxApp, SandboxContext
from .clock import SandboxClock
from .faults import Fault
from .server import SandboxServer

__all__ = ["Fault", "SandboxApp", "SandboxClock", "SandboxContext", "SandboxServer"]
