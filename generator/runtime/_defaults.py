"""What every generated client starts with: timeouts, retries, backoff and connection limits.

Plain numbers and the standard library only: the generator imports this module to print
the same numbers in the package's README, so the README cannot disagree with the code.
"""

from __future__ import annotations

TIMEOUT = 60.0  # seconds for a whole request
CONNECT_TIMEOUT = 5.0  # seconds to connect
MAX_RETRIES = 2  # after a connection error, a timeout or a retryable status
RETRYABLE_STATUS = frozenset({408, 429})  # and every 5xx
INITIAL_BACKOFF = 0.5  # seconds before the first retry; each next one waits twice as long
MAX_BACKOFF = 8.0  # the exponential backoff never waits longer than this
BACKOFF_JITTER = 0.25  # each wait is shortened by up to this fraction, at random
MAX_RETRY_AFTER = 60.0  # a server asking for a longer wait is not retried
MAX_CONNECTIONS = 100
MAX_KEEPALIVE_CONNECTIONS = 20
