#!/usr/bin/env bash
# Installs what the browser tests drive: Debian's Chromium (Playwright cannot download
# browsers here) and CJK fonts, so the Chinese pages render for real. Does nothing when
# the browser is already there (or CHROMIUM_PATH names one). Needs root or sudo.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  echo "Chromium is installed: $browser"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk
