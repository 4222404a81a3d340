#!/usr/bin/env bash
# Dashboard benchmark: 5,000 monitors with 90 days of history, the overview loaded in headless Chromium (Debian's
# chromium and chromium-driver), the median time to the table drawn. Writes the "Dashboard at 5,000 monitors"
# section of bench/RESULTS.md. The benchmark is ui-tests' DashboardRenderBench, run through Maven.
#
#   bench/dashboard-bench.sh [--monitors N] [--loads N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

props=()
while [ $# -gt 0 ]; do
  case "$1" in
    --monitors) props+=("-Dpharos.bench.monitors=$2"); shift 2 ;;
    --loads) props+=("-Dpharos.bench.loads=$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

./mvnw -o -q -pl ui-tests -am verify -Dtest=DashboardRenderBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.argLine="-Xmx1g -Dpharos.bench.results=$root/bench/RESULTS.md ${props[*]+${props[*]}}"
