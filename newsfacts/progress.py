"""Progress events from the library to whoever shows them (the CLI's progress bar).

The library reports; it never draws. Listeners are per process, which covers
the plain pipeline and Prefect's default thread-pool task runner.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Listener = Callable[[str, int, int | None], None]  # (stage, items advanced, total items or None)

_listeners: list[Listener] = []
_lock = threading.Lock()


def subscribe(listener: Listener) -> Callable[[], None]:
    """Register a listener; returns the function that removes it."""
    with _lock:
        _listeners.append(listener)

    def unsubscribe() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return unsubscribe


def report(stage: str, advance: int = 0, total: int | None = None) -> None:
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(stage, advance, total)
