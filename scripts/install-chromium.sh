#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the browser tests when they are missing.
# Playwright drives this system browser (it never downloads one of its own).
set -euo pipefail
if command -v /usr/bin/chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    echo "note: /usr/bin/chromium is missing and this is not root; browser tests will be skipped." >&2
    echo "      install it with: sudo apt-get install chromium chromium-driver" >&2
    exit 0
fi
echo "Installing Debian's chromium and chromium-driver for the browser tests ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
