"""Privacy: redaction for publication, retention, erasure and export."""
