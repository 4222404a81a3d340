#!/usr/bin/env bash
# Time-to-alert benchmark: the whole of Pharos (embedded broker and PostgreSQL, the three services) and a local SMTP
# server; a monitor (interval 10 s) of a local site that turns 503 at random moments; each trial timed until the DOWN
# email is accepted. Writes the "Time to alert" section of bench/RESULTS.md. See bench/README.md.
#
#   bench/time-to-alert.sh [--no-build] [TimeToAlertBench options, e.g. --trials 20 --interval 10 --seed 42]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command_line="bench/time-to-alert.sh${*:+ $*}"
build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    *) args+=("$arg") ;;
  esac
done

if $build; then
  echo "Building the three services and bench ..."
  ./mvnw -q -DskipTests package -pl scheduler-service,checker-service,notifier-service,bench -am
fi
if [ ! -f bench/target/runtime.classpath ]; then
  echo "bench/target/runtime.classpath is missing: run without --no-build first" >&2
  exit 1
fi

# The bench JVM starts the broker, PostgreSQL and the services as child processes and stops them at the end; if it
# is killed, the devstack watchdogs stop them.
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/runtime.classpath)" dev.pharos.bench.TimeToAlertBench \
  --project-root "$root" --results bench/RESULTS.md --command "$command_line" ${args[@]+"${args[@]}"}
