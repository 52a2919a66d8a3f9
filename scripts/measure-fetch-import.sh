#!/usr/bin/env bash
# Peak memory and time of `fetch` and of a workbook import, for the README, measured with
# `/usr/bin/time -v` on the release binary:
#   - fetch of one 60 MB mail, one 30 MB mail and a 50,000-mail folder from the scripted IMAP
#     server of the test suite (tests/it/interop/imap_hostile.rs, `measure_fetch_peak_memory`);
#   - `import engineers` of a 100,000-row and a 1,000,000-row .xlsx written by
#     examples/big_workbook.rs (to compare: linear means about 10x the time for 10x the rows).
# Usage: scripts/measure-fetch-import.sh [WORKDIR]   (default: a temporary folder, removed after)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
cargo build --release --quiet --bin benchmatch --example big_workbook
bin="$PWD/target/release/benchmatch"

echo "== fetch from the scripted server (release binary under /usr/bin/time -v)"
BENCHMATCH_BIN="$bin" cargo test --quiet --test it interop::imap_hostile::measure_fetch_peak_memory \
  -- --ignored --nocapture 2>&1 | grep -E '^(one|a folder)'

echo "== import engineers of a workbook"
for rows in 100000 1000000; do
  book="$work/roster-$rows.xlsx"
  db="$work/roster-$rows.db"
  rm -f "$db" "$db-wal" "$db-shm"
  target/release/examples/big_workbook "$rows" "$book" >/dev/null
  /usr/bin/time -v "$bin" --db "$db" import engineers "$book" >/dev/null 2>"$work/time-$rows.txt" || {
    cat "$work/time-$rows.txt"
    exit 1
  }
  wall=$(grep 'Elapsed (wall clock)' "$work/time-$rows.txt" | awk '{print $NF}')
  user=$(grep 'User time' "$work/time-$rows.txt" | awk '{print $NF}')
  sys=$(grep 'System time' "$work/time-$rows.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time-$rows.txt" | awk '{print $NF}')
  size=$(du -h "$book" | cut -f1)
  echo "$rows rows ($size .xlsx): $wall wall, ${user} s user + ${sys} s system, $((rss / 1024)) MB peak RSS"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
