"""MDWorks (Ediware): email sub-accounts, IP pools, contact lists, list inserts,
campaign statistics and unsubscribe lists over REST/JSON (client.py), and the
SOAP scenario enrolment (scenario.py)."""

from .client import MDWorksClient
from .models import (
    CampaignStats,
    ChunkOutcome,
    ChunkReport,
    ContactList,
    InsertReport,
    IpPool,
    RowRejection,
    SubAccount,
)
from .scenario import MDWorksScenarioClient

__all__ = [
    "CampaignStats",
    "ChunkOutcome",
    "ChunkReport",
    "ContactList",
    "InsertReport",
    "IpPool",
    "MDWorksClient",
    "MDWorksScenarioClient",
    "RowRejection",
    "SubAccount",
]
