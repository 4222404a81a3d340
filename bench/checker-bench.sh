#!/usr/bin/env bash
# Checker throughput benchmark: ONE checker-service process against a loopback target farm over the real Kafka
# broker, with wrk against the same farm as the reference rate. Writes the "Checker throughput" section of
# bench/RESULTS.md. See bench/README.md.
#
#   bench/checker-bench.sh [--no-build] [CheckerBench options, e.g. --checker-jar JAR --checks 20000 --hosts 5000]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk (Debian package) ..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

run_bench checker-bench.sh checker-service dev.pharos.bench.CheckerBench 1g "$@"
