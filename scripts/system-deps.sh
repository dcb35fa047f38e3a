#!/usr/bin/env bash
# Install the system packages the test suite needs when they are missing:
# PostgreSQL (a throw-away server is started by the tests), Debian chromium (browser tests),
# fonts with full Kazakh Cyrillic coverage, Pango (WeasyPrint) and poppler (PDF reports).
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
# (read the listings whole: grep -q closing a pipe early would fail the pipeline under pipefail)
fonts=$(fc-list 2>/dev/null || true)
libs=$(ldconfig -p 2>/dev/null || true)
grep -qi "DejaVu Sans" <<<"$fonts" || need+=(fonts-dejavu-core)
grep -qi "Noto Sans" <<<"$fonts" || need+=(fonts-noto-core)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
grep -q "libpangoft2-1.0" <<<"$libs" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages: ${need[*]} (run as root or: sudo apt-get install -y ${need[*]})" >&2
  exit 1
fi
echo "installing system packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
