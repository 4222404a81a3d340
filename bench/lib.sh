# Shared by the benchmark scripts that run a class of the bench module (sourced, not run).
#
#   run_bench SCRIPT "MODULES" MAIN_CLASS HEAP "$@"
#
# Builds MODULES and bench unless the arguments include --no-build, then runs MAIN_CLASS with the bench module's
# classpath, passing the remaining arguments on together with the project root, bench/RESULTS.md and the command
# line, which the benchmark writes into its section of the results. The benchmark JVM starts the broker, the database
# and the services it needs as child processes and stops them at the end; if it is killed, the devstack watchdogs
# stop them.
run_bench() {
  local script="$1" modules="$2" main_class="$3" heap="$4"
  shift 4
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$root"
  local command_line="bench/$script${*:+ $*}" build=true arg
  local args=()
  for arg in "$@"; do
    case "$arg" in
      --no-build) build=false ;;
      *) args+=("$arg") ;;
    esac
  done
  if $build; then
    echo "Building $modules and bench ..."
    ./mvnw -q -DskipTests package -pl "$modules,bench" -am
  fi
  if [ ! -f bench/target/runtime.classpath ]; then
    echo "bench/target/runtime.classpath is missing: run without --no-build first" >&2
    exit 1
  fi
  exec java "-Xmx$heap" -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "bench/target/classes:$(cat bench/target/runtime.classpath)" "$main_class" \
    --project-root "$root" --results bench/RESULTS.md --command "$command_line" ${args[@]+"${args[@]}"}
}
