#!/bin/sh
# After the suite: every jail a test made is gone.  A jail whose path lies
# in a work directory of kyua's and whose init still runs was left by a
# test's cleanup: it is named, removed, and the check fails.  The registry
# is read directly, not through jls, so that a jls that misses a jail
# cannot hide it.
jail=${1:?usage: leftovers.sh jail-executable}
work="${TMPDIR:-/tmp}/kyua."
left=0
for entry in /run/jail/[0-9]*; do
	[ -f "$entry/params" ] && [ -f "$entry/init" ] || continue
	path=$(sed -n 's/^path=//p' "$entry/params")
	case "$path" in
	"$work"*) ;;
	*) continue ;;
	esac
	read -r pid start < "$entry/init"
	# Field 22 of /proc/PID/stat, counted after the command's ")".
	now=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f20)
	[ -n "$start" ] && [ "$now" = "$start" ] || continue
	jid=${entry##*/}
	echo "leftovers.sh: jail $jid ($path) was left running" >&2
	"$jail" -r "$jid" >/dev/null 2>&1
	left=$((left + 1))
done
[ "$left" -eq 0 ]
