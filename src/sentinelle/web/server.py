"""Serve the WSGI application with waitress."""

from __future__ import annotations

import logging

MAX_REQUEST_BYTES = 40 * 1024 * 1024  # five 5 MB attachments and the form, with room to spare


def serve_forever(*, host: str = "127.0.0.1", port: int = 8000, threads: int = 8) -> None:
    """Serve until interrupted; static files come through WhiteNoise."""
    from waitress import serve

    from sentinelle.wsgi import application

    logging.getLogger("waitress").setLevel(logging.INFO)
    print(f"Serving Sentinelle on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    serve(
        application,
        host=host,
        port=port,
        threads=threads,
        ident="Sentinelle",
        max_request_body_size=MAX_REQUEST_BYTES,
    )
