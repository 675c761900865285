"""The classroom service's HTTP server: tornado's, with bounded bodies, timeouts and connections.

- Bodies: ``max_body_size`` is the largest grade request, so nothing larger is ever read (the
  handlers refuse a declared size earlier still, and only after checking the token).
- Time: a connection that sends no request for ``idle_timeout_s`` is closed, and so is one whose
  headers or body take longer than ``header_timeout_s`` / ``body_timeout_s`` to arrive.
- Connections: at most ``max_connections_per_client`` open at once from one address (the socket's
  peer, never a forwarded header) and ``max_connections`` in all; more are closed on arrival.
"""

from __future__ import annotations

import logging
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.iostream import IOStream

log = logging.getLogger("airoadmap_lab.hub")


class BoundedHTTPServer(HTTPServer):
    """An ``HTTPServer`` that counts connections per client address."""

    def initialize(  # type: ignore[override]
        self,
        *args: Any,
        max_connections: int = 0,
        max_connections_per_client: int = 0,
        header_timeout_s: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().initialize(*args, **kwargs)
        if header_timeout_s is not None:
            self.conn_params.header_timeout = header_timeout_s
        self.max_connections = max_connections
        self.max_connections_per_client = max_connections_per_client
        self._per_client: dict[str, int] = {}
        self._client_of: dict[int, str] = {}
        self._open = 0
        self.refused = 0

    def handle_stream(self, stream: IOStream, address: Any) -> None:
        client = str(address[0]) if isinstance(address, tuple) and address else str(address)
        count = self._per_client.get(client, 0)
        if (self.max_connections > 0 and self._open >= self.max_connections) or (
            self.max_connections_per_client > 0 and count >= self.max_connections_per_client
        ):
            self.refused += 1
            if self.refused in (1, 10, 100) or self.refused % 1000 == 0:
                log.warning(
                    "airoadmap grading service: refused %d connections so far over the limits "
                    "(now %d open, %d from %s)",
                    self.refused,
                    self._open,
                    count,
                    client,
                )
            stream.close()
            return
        self._per_client[client] = count + 1
        self._client_of[id(stream)] = client
        self._open += 1
        super().handle_stream(stream, address)

    def on_close(self, server_conn: object) -> None:
        stream = getattr(server_conn, "stream", None)
        client = self._client_of.pop(id(stream), None)
        if client is not None:
            self._open -= 1
            left = self._per_client[client] - 1
            if left:
                self._per_client[client] = left
            else:
                del self._per_client[client]
        super().on_close(server_conn)  # type: ignore[arg-type]
