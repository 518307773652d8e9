"""AllMySMS: SMS sending, acks, replies, STOPs, credits and sub-accounts over the
provider's SOAP API (specs/allmysms-soap-api.txt)."""

from .checks import InvalidNumber, InvalidNumbersError, normalize_phone_number
from .client import AllMySMSClient
from .results import (
    AccountInfo,
    AckReport,
    CampaignDeletion,
    Reply,
    ReplyReport,
    SendResult,
    SentMessage,
    SmsRecipient,
    Stop,
    SubAccountCreated,
)
from .segments import SegmentCount, count_segments

__all__ = [
    "AccountInfo",
    "AckReport",
    "AllMySMSClient",
    "CampaignDeletion",
    "InvalidNumber",
    "InvalidNumbersError",
    "Reply",
    "ReplyReport",
    "SegmentCount",
    "SendResult",
    "SentMessage",
    "SmsRecipient",
    "Stop",
    "SubAccountCreated",
    "count_segments",
    "normalize_phone_number",
]
