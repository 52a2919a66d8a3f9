#!/bin/sh
# Cost of `rank` against the bare column scan, in one run (issue 22 figures in README).
#
#   scripts/measure_pool.sh target/release/benchmatch big.db [OPENING]
#
# Needs hyperfine and sqlite3 (apt-get install hyperfine sqlite3) and /usr/bin/time.
set -eu
bin=$1
db=$2
opening=${3:-17}
# The columns ranking needs, read once by sqlite3 and folded so nothing is printed.
scan="SELECT count(*), sum(depth), max(station), max(available_from),
  max(availability_confirmed), sum(cost), sum(rate), sum(foreign_national), max(japanese_level),
  max(age_band), max(last_offered_at), max(employment), max(ng), max(other_skills),
  max(languages), max(affiliation) FROM engineers;
SELECT count(*), sum(skill_id), sum(years) FROM engineer_skills;"
hyperfine -N -w 2 -r 15 \
  -n "bare scan (sqlite3)" "sqlite3 $db \"$scan\"" \
  -n "rank $opening --top 10" "$bin --db $db rank $opening --top 10"
for cmd in "rank $opening --top 10" "rank $opening --top 10 --include-stale"; do
  # shellcheck disable=SC2086
  /usr/bin/time -v "$bin" --db "$db" $cmd 2>&1 >/dev/null |
    awk -v c="$cmd" '/Maximum resident/ { print c ": peak RSS " $6 " kB" }'
done
