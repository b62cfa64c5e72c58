#!/bin/sh
# Print "N passed, N failed" from a kyua results file and fail when any
# test case failed or broke (or when nothing ran at all).
results=${1:?usage: summary.sh results-file}
line=$(kyua report --results-file="$results" | grep '^Test cases:') || {
	echo "0 passed, 0 failed (no results)"; exit 1; }
set -- $(echo "$line" | tr -cs '0-9' ' ')
total=$1 skipped=$2 xfail=$3 broken=$4 failed=$5
failed=$((failed + broken))
passed=$((total - skipped - xfail - failed))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
