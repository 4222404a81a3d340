-- The TLS handshake's own time; before it was counted in connect_ms, and older results keep it there.
ALTER TABLE check_result ADD COLUMN tls_ms BIGINT;
