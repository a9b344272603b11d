#!/usr/bin/env bash
# Browser test of the liaison dashboard: Debian's headless Chromium driven by playwright-core
# (from the npm registry; it downloads no browser of its own). Installs what is missing, builds
# the debug binary, runs tests/browser/dashboard.test.mjs against a freshly started server on a
# temporary SQLite database, and exits non-zero on any failure.
#   BROWSER_SCREENSHOT=path   where to save the screenshot (default target/browser/dashboard.png)
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

apt_needed=()
[ -x /usr/bin/chromium ] || apt_needed+=(chromium)
[ -x /usr/bin/chromedriver ] || apt_needed+=(chromium-driver)
[ -d /usr/share/fonts/truetype/dejavu ] || apt_needed+=(fonts-dejavu-core)
command -v node >/dev/null || apt_needed+=(nodejs)
command -v npm >/dev/null || apt_needed+=(npm)
command -v python3 >/dev/null || apt_needed+=(python3)
if [ ${#apt_needed[@]} -gt 0 ]; then
    echo "installing: ${apt_needed[*]}"
    apt-get update -qq
    apt-get install -y -qq "${apt_needed[@]}" >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null | head -1

if [ ! -f tests/browser/node_modules/playwright-core/package.json ] || [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo build --bin corridor --quiet

node tests/browser/dashboard.test.mjs --screenshot "${BROWSER_SCREENSHOT:-target/browser/dashboard.png}"
# issue 14: the offline permit check
node tests/browser/verify.test.mjs --screenshots "${BROWSER_SCREENSHOTS:-target/browser}"
# issue 16: the board, sign-in and notification view in four languages, axe-core, keyboard only
node tests/browser/board_languages.test.mjs --screenshots "${BROWSER_SCREENSHOTS:-target/browser}"
# issue 16: the officer's queue and decision view, the coordinator's waiver and acknowledgement
# (English, German, Polish), axe-core, keyboard only, a 412 handled on the page
node tests/browser/officer.test.mjs --screenshots "${BROWSER_SCREENSHOTS:-target/browser}"
# issue 16: the planner's form — CSV parsing (node's own test runner), then the walk in en, de, pl
node --test tests/browser/plancsv.test.mjs
node tests/browser/planner.test.mjs --screenshots "${BROWSER_SCREENSHOTS:-target/browser}"
# issue 16: the board's lanes with 1,000 live notifications in English, German and Polish, axe-core, keyboard only
node tests/browser/lanes.test.mjs --screenshots "${BROWSER_SCREENSHOTS:-target/browser}"
