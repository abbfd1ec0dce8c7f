#!/usr/bin/env bash
# scripts/setup while another install holds the package locks, with stand-ins for
# apt-get, dpkg-query and sudo on PATH (no root, no network, nothing installed):
# update is tried again while the lists' lock is taken, install is told to wait for the
# dpkg lock, and any other failure (or the wait running out) fails at once; the npm
# packages of the browser tests and of the office console are installed once per lock file.
#   setup_test.sh PATH/TO/scripts/setup
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
# A copy in a tree of its own, so the npm step finds this tree's tests/browser and
# assets/office.
mkdir -p "$work/tree/scripts" "$work/tree/tests/browser" "$work/tree/assets/office"
cp "$1" "$work/tree/scripts/setup"
setup=$work/tree/scripts/setup
touch -d '1 hour ago' "$work/tree/tests/browser/package-lock.json" "$work/tree/assets/office/package-lock.json"
# Every package is missing.
printf '#!/bin/sh\nexit 1\n' > "$work/bin/dpkg-query"
printf '#!/bin/sh\nexec "$@"\n' > "$work/bin/sudo"
# apt-get: logs each call; `update` fails as apt does while another process holds the
# lists' lock, the first $LOCKED_UPDATES times (or with $UPDATE_ERROR).
cat > "$work/bin/apt-get" <<'FAKE'
#!/bin/bash
echo "$*" >> "$WORK/calls"
if [[ " $* " == *" update "* ]]; then
  n=$(grep -cw update "$WORK/calls")
  if [ -n "${UPDATE_ERROR:-}" ]; then echo "E: $UPDATE_ERROR" >&2; exit 100; fi
  if [ "$n" -le "$LOCKED_UPDATES" ]; then
    echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)" >&2
    echo "E: Unable to lock directory /var/lib/apt/lists/" >&2
    exit 100
  fi
fi
exit 0
FAKE
# npm: logs where and how it runs; `ci` installs as npm does, with node_modules/.package-lock.json.
cat > "$work/bin/npm" <<'FAKE'
#!/bin/bash
echo "npm $* in $PWD" >> "$WORK/calls"
if [ "$1" = ci ]; then mkdir -p node_modules && touch node_modules/.package-lock.json; fi
FAKE
chmod +x "$work/bin/"*
export PATH="$work/bin:$PATH" WORK=$work

fail() { echo "FAIL: $*" >&2; echo "--- calls:" >&2; cat "$work/calls" >&2 || true; exit 1; }
run() { rm -f "$work/calls"; "$setup" > "$work/out" 2>&1; }

# 1. The lists' lock is held for the first try: setup waits, tries again, installs.
LOCKED_UPDATES=1 run || fail "setup gave up while the lock was held: $(cat "$work/out")"
[ "$(grep -cw update "$work/calls")" -eq 2 ] || fail "update was not tried again"
grep -q 'waiting' "$work/out" || fail "setup did not say it waits"
grep -q -- '-o DPkg::Lock::Timeout=600 install' "$work/calls" || fail "install does not wait for the dpkg lock"
grep -qx "npm ci --no-audit --no-fund in $work/tree/tests/browser" "$work/calls" || fail "npm ci did not run in tests/browser"
grep -qx "npm ci --no-audit --no-fund in $work/tree/assets/office" "$work/calls" || fail "npm ci did not run in assets/office"
LOCKED_UPDATES=0 run || fail "setup failed again: $(cat "$work/out")"
grep -q '^npm' "$work/calls" && fail "npm ci ran again for the same lock files"
# A newer lock file in one folder: npm ci runs there only.
touch "$work/tree/assets/office/package-lock.json"
LOCKED_UPDATES=0 run || fail "setup failed after a lock file changed: $(cat "$work/out")"
[ "$(grep -c '^npm' "$work/calls")" -eq 1 ] || fail "npm ci ran in more than the changed folder"
grep -qx "npm ci --no-audit --no-fund in $work/tree/assets/office" "$work/calls" || fail "npm ci did not follow the newer lock file"

# 2. The lock stays taken longer than the wait: setup fails, with apt's message.
if LOCKED_UPDATES=99 ONESTOP_SETUP_LOCK_WAIT=0 run; then fail "setup succeeded without the lock"; fi
grep -q 'Could not get lock' "$work/out" || fail "apt's message was not shown"
grep -qw install "$work/calls" && fail "install ran after update failed"

# 3. Any other failure is not waited for.
if LOCKED_UPDATES=0 UPDATE_ERROR="Failed to fetch http://deb.debian.org" run; then fail "setup hid a fetch error"; fi
[ "$(grep -cw update "$work/calls")" -eq 1 ] || fail "a fetch error was retried"
echo "setup_test: ok"
