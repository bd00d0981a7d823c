#!/usr/bin/env bash
# The image's build and entry commands, run without Docker (these machines have none), so that a test can run
# exactly what the image runs. docker/Dockerfile holds the same commands; DockerfileTest checks they are equal.
#
#   docker/outside-container.sh commands          prints the build command, then the entry command, one a line
#   docker/outside-container.sh build             the build stage's Maven command, in the repository root
#   docker/outside-container.sh run DIR [ARGS]    lays out DIR as the image's /app (the jar, routes/, samples/,
#                                                 data/) and runs the entry command there with ARGS (e.g. --once)
set -euo pipefail

BUILD_COMMAND=(mvn -B -q package -DskipTests)
ENTRY_COMMAND=(java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -jar sheet-sync.jar)

root="$(cd "$(dirname "$0")/.." && pwd)"

case "${1:-}" in
  commands)
    echo "${BUILD_COMMAND[*]}"
    echo "${ENTRY_COMMAND[*]}"
    ;;
  build)
    cd "$root"
    "${BUILD_COMMAND[@]}"
    ;;
  run)
    app="${2:?usage: $0 run DIR [ARGS...]}"
    shift 2
    jar="$root/target/sheet-sync.jar"
    [ -f "$jar" ] || { echo "no $jar: run '$0 build' first" >&2; exit 2; }
    # The runtime stage's COPY lines: the jar (linked, it is large), routes/ and samples/; data/ as its RUN makes it
    mkdir -p "$app"
    ln -sfn "$jar" "$app/sheet-sync.jar"
    rm -rf "$app/routes" "$app/samples"
    cp -R "$root/routes" "$app/routes"
    cp -R "$root/samples" "$app/samples"
    mkdir -p "$app/data"
    cd "$app"
    exec "${ENTRY_COMMAND[@]}" "$@"
    ;;
  *)
    echo "usage: $0 commands | build | run DIR [ARGS...]" >&2
    exit 2
    ;;
esac
