#!/usr/bin/env bash
# Checker throughput benchmark: ONE checker-service process against a loopback target farm over the real Kafka
# broker, with wrk against the same farm as the reference rate. Writes the "Checker throughput" section of
# bench/RESULTS.md. See bench/README.md.
#
#   bench/checker-bench.sh [--no-build] [CheckerBench options, e.g. --checker-jar JAR --checks 20000 --hosts 5000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command_line="bench/checker-bench.sh${*:+ $*}"
build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    *) args+=("$arg") ;;
  esac
done

if $build; then
  echo "Building checker-service and bench ..."
  ./mvnw -q -DskipTests package -pl checker-service,bench -am
fi
if [ ! -f bench/target/runtime.classpath ]; then
  echo "bench/target/runtime.classpath is missing: run without --no-build first" >&2
  exit 1
fi

if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk (Debian package) ..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

# The bench JVM starts the broker, the farm and the checker as child processes and stops them at the end; if it is
# killed, the devstack watchdog stops them.
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/runtime.classpath)" dev.pharos.bench.CheckerBench \
  --project-root "$root" --results bench/RESULTS.md --command "$command_line" ${args[@]+"${args[@]}"}
