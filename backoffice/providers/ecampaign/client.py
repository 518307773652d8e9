"""The eCampaign (Prosoluce) XML web services client: one method per web service
of ``specs/ecampaign-xml-webservices.txt``, grouped by concept in the mixins.

    with ECampaignClient(user="demo", password="demo-pass", base_url=url) as client:
        client.send_sms(route=1001, message="Bonjour", phones=["06 12 34 56 78"])
"""

from __future__ import annotations

from .connection import DEFAULT_BASE_URL, Connection
from .feedback import FeedbackMixin
from .groups import GroupsMixin
from .sending import SendingMixin
from .templates import TemplatesMixin
from .tracking import TrackingMixin


class ECampaignClient(SendingMixin, GroupsMixin, TemplatesMixin, FeedbackMixin, TrackingMixin, Connection):
    """``ECampaignClient(*, user, password, password_is_md5=False, base_url=..., timeout=...)``.

    Raises only ``ProviderError`` subclasses (see ``codes.RETURN_CODES``)."""


__all__ = ["DEFAULT_BASE_URL", "ECampaignClient"]
