#!/usr/bin/env bash
# Sets up PlanWatch on a fresh Debian machine: system packages (CJK fonts for charts and reports,
# HarfBuzz subsetting for fast PDFs, Chromium for the browser tests), then the package and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 chromium poppler-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "setup: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The package with its test tools and the optional parts CI exercises (PostgreSQL driver, Redis client).
python3 -m pip install --disable-pip-version-check -q -e '.[test,postgres,redis]'
echo "setup: done ($(python3 --version), planwatch $(python3 -c 'import planwatch; print(planwatch.__version__)'))"
