#!/usr/bin/env bash
# Scheduler benchmark: ONE scheduler-service process on the embedded Kafka broker and PostgreSQL, 100,000 monitors at
# a 60 s interval created through the import API, every request on pharos.checks.requested counted against the
# monitors' slot grids for 10 minutes. Writes the "Scheduler at 100,000 monitors" section of bench/RESULTS.md.
# See bench/README.md.
#
#   bench/scheduler-bench.sh [--no-build] [--minutes N] [--monitors N] [other SchedulerBench options]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run_bench scheduler-bench.sh scheduler-service dev.pharos.bench.SchedulerBench 1g "$@"
