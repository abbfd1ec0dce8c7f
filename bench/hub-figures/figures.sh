#!/usr/bin/env bash
# hub-figures: how long GET /api/v1/reports/figures takes on a database with about 20,000
# tickets (14 service days × 1,500, written by hub-start through the hub's own commands),
# for every `by` and format. Prints the median and the slowest of --runs calls each.
#   bench/hub-figures/figures.sh [--dir D] [--days N] [--runs N]   (from the repository root)
# Needs build/bin/hub-start and build/bin/onestop-hub, and curl.
set -euo pipefail
cd "$(dirname "$0")/../.."

dir="" days=14 runs=9
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: $0 [--dir D] [--days N] [--runs N]" >&2; exit 2 ;;
  esac
done
bin=build/bin
[ -n "$dir" ] || dir=$(mktemp -d /tmp/hub-figures.XXXXXX)
db=$dir/hub.db
if [ ! -f "$db" ]; then
  "$bin/hub-start" --days "$days" --tickets 1500 --starts 1 --dir "$dir" | head -1
fi
token=$("$bin/onestop-hub" token create --db "$db" --role admin --name hub-figures)

# The day after the last one written (hub-start writes weekdays from 2025-12-01).
out=$dir/hub.out
"$bin/onestop-hub" serve --db "$db" --listen 127.0.0.1:0 --now 2026-06-30T12:00:00+08:00 \
  >"$out" 2>"$dir/hub.err" &
hub=$!
trap 'kill "$hub" 2>/dev/null; wait "$hub" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$out")
[ -n "$url" ] || { echo "the hub did not start: $(cat "$dir/hub.err")" >&2; exit 1; }

tickets=$(sqlite3 "$db" "SELECT count(*) FROM tickets")
first=$(sqlite3 "$db" "SELECT min(service_day) FROM tickets")
last=$(sqlite3 "$db" "SELECT max(service_day) FROM tickets")
echo "database $db: $tickets tickets, $first … $last; hub $url"
printf '%-8s %-5s %10s %10s %9s %6s\n' by format median_ms max_ms bytes rows
for by in day service window staff; do
  for format in json csv xlsx; do
    times=()
    for _ in $(seq "$runs"); do
      t=$(curl -sS -o "$dir/answer" -w '%{time_total}' -H "Authorization: Bearer $token" \
        "$url/api/v1/reports/figures?from=$first&to=$last&by=$by&format=$format")
      times+=("$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')")
    done
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    median=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
    max=$(tail -1 <<<"$sorted")
    rows=-
    [ "$format" = json ] && rows=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["rows"]))' "$dir/answer")
    printf '%-8s %-5s %10s %10s %9s %6s\n' "$by" "$format" "$median" "$max" "$(stat -c %s "$dir/answer")" "$rows"
  done
done
