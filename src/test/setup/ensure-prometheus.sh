#!/usr/bin/env bash
# Run by `mvn test` and .ci/run before the tests: the tests of docker/prometheus/ run Debian's promtool on the shipped
# configuration and rules, and start the real prometheus binary against a running service.
# Installs the package when missing and this machine can (root with apt-get); otherwise says what to install.
set -euo pipefail

if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing prometheus (prometheus and promtool) for the tests of docker/prometheus/"
  apt-get update -qq
  # Without recommends: the node exporter is not needed. The tests start their own prometheus on a free port.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus
else
  echo "the tests of docker/prometheus/ need promtool and prometheus: sudo apt-get install prometheus" >&2
fi
