-- wrk script for bench/checker-bench.sh: what a Pharos check sends, a HEAD request on a new connection each time.
wrk.method = "HEAD"
wrk.headers["Connection"] = "close"
