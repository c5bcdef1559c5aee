"""Loaded by every cardlint process the tests start: any attempt to use the network fails.

cardlint promises never to touch the network (no `$ref` fetching, no telemetry); with this
on the path, a CLI test that tried would fail loudly instead of passing quietly.
"""

import socket


class NetworkDisabled(OSError):
    pass


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkDisabled("network access is disabled in cardlint's tests")


socket.socket.connect = _refuse  # type: ignore[method-assign]
socket.socket.connect_ex = _refuse  # type: ignore[method-assign,assignment]
socket.create_connection = _refuse  # type: ignore[assignment]
socket.getaddrinfo = _refuse  # type: ignore[assignment]
