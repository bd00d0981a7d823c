#!/usr/bin/env bash
# Run by `mvn test` before the tests: the dashboard's browser test needs Debian's chromium and chromium-driver.
# Installs them when missing and this machine can (root with apt-get); otherwise says what to install.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium and chromium-driver for the browser test"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
else
  echo "the browser test needs chromium and chromium-driver: sudo apt-get install chromium chromium-driver" >&2
fi
