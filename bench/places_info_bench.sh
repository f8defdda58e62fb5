#!/bin/sh
# Whole-process geocoding figure: `flashpoint info` on a 100,000-row ACLED-style CSV whose rows carry only
# place names (written by fp_places_csv, deterministic), timed with /usr/bin/time -v: wall clock, user and
# system CPU, peak resident memory. The process loads the gazetteer, reads the CSV, geocodes every row and
# prints the report (to /dev/null here).
#
# usage: bench/places_info_bench.sh [BUILD_DIR=build] [RUNS=3] [ROWS=100000] [DISTINCT_PLACES=20000]
set -eu
build=${1:-build}
runs=${2:-3}
rows=${3:-100000}
distinct=${4:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv="$work/places_${rows}.csv"

"$build/bench/fp_places_csv" "$csv" "$rows" "$distinct"
echo "csv: $(wc -c <"$csv") bytes, sha256 $(sha256sum "$csv" | cut -c1-16)"
i=1
while [ "$i" -le "$runs" ]; do
    /usr/bin/time -v "$build/flashpoint" info "$csv" >"$work/out.txt" 2>"$work/time.txt" || {
        echo "flashpoint info failed:" >&2
        tail -5 "$work/time.txt" >&2
        exit 1
    }
    awk -v run="$i" '
        /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
        /User time/ { user = $NF }
        /System time/ { sys = $NF }
        /Maximum resident set size/ { rss = $NF }
        END { printf "run %d: wall %.2f s, CPU %.2f s (user %.2f, sys %.2f), peak RSS %.0f MiB\n", run, wall, user + sys, user, sys, rss / 1024 }
    ' "$work/time.txt"
    i=$((i + 1))
done
grep -E "^(incidents|geocoding):" "$work/out.txt"
