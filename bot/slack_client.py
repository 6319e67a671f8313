"""The Slack Web API client every part of the bot uses: SLACK_API_URL, retries, one TLS context.

The listeners (handlers/), the scheduler's jobs and `newsbot serve` all reach Slack through these, so
tests and proxies redirect every call with one variable and a 429 is honoured the same way everywhere.
"""

from __future__ import annotations

import os
import ssl
from functools import lru_cache

from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.web import WebClient

DEFAULT_API_URL = "https://slack.com/api/"


def api_url() -> str:
    """SLACK_API_URL, or Slack's own; always with the trailing slash WebClient expects."""
    url = os.environ.get("SLACK_API_URL") or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


def retry_handlers() -> list[RetryHandler]:
    """429 (honouring Retry-After), 500/503 and dropped connections are retried; nothing else is."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2),
    ]


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """One TLS context for the response_url posts: without it urllib builds one per HTTPS request,
    loading the CA store each time (tens of ms of CPU per answer posted to hooks.slack.com).
    (Not on the WebClient: Bolt deep-copies the per-request client, and an SSLContext cannot be.)"""
    return ssl.create_default_context()


def web_client(token: str | None, base_url: str | None = None) -> WebClient:
    """A WebClient pointed at SLACK_API_URL with the retry handlers installed."""
    return WebClient(token=token, base_url=base_url or api_url(), timeout=10, retry_handlers=retry_handlers())
