#!/bin/sh
# Cost of `rank` against the bare column scan, in one run (issue 22 figures in README).
#
#   scripts/measure_pool.sh BIN DB [STALE_DB] [OPENING]
#
# DB is a 100k demo (`benchmatch --db DB demo --engineers 100000 --openings 10000 --no-open`);
# STALE_DB the same with 900,000 stale partner offers added (scripts/stale_offers.sql).
# BEFORE=path/to/older/benchmatch adds that binary's rank to the same run.
# Needs hyperfine and sqlite3 (apt-get install hyperfine sqlite3) and /usr/bin/time.
set -eu
bin=$1
db=$2
stale=${3:-}
opening=${4:-17}
# The columns ranking needs, read once by sqlite3 and folded so nothing is printed.
scan="SELECT count(*), sum(depth), max(station), max(available_from),
  max(availability_confirmed), sum(cost), sum(rate), sum(foreign_national), max(japanese_level),
  max(age_band), max(last_offered_at), max(employment), max(ng), max(other_skills),
  max(languages), max(affiliation) FROM engineers;
SELECT count(*), sum(skill_id), sum(years) FROM engineer_skills;"
set -- -n "bare scan (sqlite3)" "sqlite3 $db \"$scan\"" \
  -n "rank $opening --top 10" "$bin --db $db rank $opening --top 10"
if [ -n "$stale" ]; then
  set -- "$@" -n "rank $opening --top 10, 900k stale offers" "$bin --db $stale rank $opening --top 10"
fi
if [ -n "${BEFORE:-}" ]; then
  set -- "$@" -n "before: rank $opening --top 10" "$BEFORE --db $db rank $opening --top 10"
fi
hyperfine -N -w 2 -r 15 "$@"
for d in $db $stale; do
  for cmd in "rank $opening --top 10" "rank $opening --top 10 --include-stale"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e s wall, %U s user, %S s system, %M kB peak RSS" -o /tmp/measure_pool.$$ \
      "$bin" --db "$d" $cmd >/dev/null
    echo "$d: $cmd: $(cat /tmp/measure_pool.$$)"
  done
done
rm -f /tmp/measure_pool.$$
