#!/usr/bin/env bash
# Time-to-alert benchmark: the whole of Pharos (embedded broker and PostgreSQL, the three services) and a local SMTP
# server; a monitor (interval 10 s) of a local site that turns 503 at random moments; each trial timed until the DOWN
# email is accepted. Writes the "Time to alert" section of bench/RESULTS.md. See bench/README.md.
#
#   bench/time-to-alert.sh [--no-build] [TimeToAlertBench options, e.g. --trials 20 --interval 10 --seed 42]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run_bench time-to-alert.sh scheduler-service,checker-service,notifier-service dev.pharos.bench.TimeToAlertBench 512m "$@"
