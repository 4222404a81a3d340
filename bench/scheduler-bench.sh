#!/usr/bin/env bash
# Scheduler benchmark: ONE scheduler-service process on the embedded Kafka broker and PostgreSQL, 100,000 monitors at
# a 60 s interval created through the import API, every request on pharos.checks.requested counted against the
# monitors' slot grids for 10 minutes. Writes the "Scheduler at 100,000 monitors" section of bench/RESULTS.md.
# See bench/README.md.
#
#   bench/scheduler-bench.sh [--no-build] [--minutes N] [--monitors N] [other SchedulerBench options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command_line="bench/scheduler-bench.sh${*:+ $*}"
build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    *) args+=("$arg") ;;
  esac
done

if $build; then
  echo "Building scheduler-service and bench ..."
  ./mvnw -q -o -DskipTests package -pl scheduler-service,bench -am
fi
if [ ! -f bench/target/runtime.classpath ]; then
  echo "bench/target/runtime.classpath is missing: run without --no-build first" >&2
  exit 1
fi

# The bench JVM starts the broker, the database and the scheduler as child processes and stops them at the end; if
# it is killed, the devstack watchdog stops them.
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/runtime.classpath)" dev.pharos.bench.SchedulerBench \
  --project-root "$root" --results bench/RESULTS.md --command "$command_line" ${args[@]+"${args[@]}"}
