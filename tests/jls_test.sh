#! /usr/bin/env atf-sh
# jls(8): listing jails in FreeBSD's default, -v and parameter formats,
# escaping what jails control, and the errors.

. "$(atf_get_srcdir)/common.subr"

export LC_ALL=C

JLS_USAGE='usage: jls [-v] [-j jail] [parameter ...]
'
HEADER='   JID  IP Address      Hostname                      Path
'
VHEADER='   JID  Hostname                      Path
        Name                          State
        CPUSetID
        IP Address(es)
'

# The rows printf would make, for the expected outputs.
jb_row()
{
	printf '%6d  %-15.15s %-29.29s %.74s\n' "$1" "" "$2" "$3"
}
jb_vrows()
{
	printf '%6d  %-29.29s %.74s\n        %-29.29s %.74s\n        %d\n' \
	    "$1" "$2" "$3" "$4" ACTIVE "$1"
}

atf_test_case usage_unknown_option
usage_unknown_option_head()
{
	atf_set descr "jls -x names the bad option, prefixed with jls:," \
	    "then prints its usage"
}
usage_unknown_option_body()
{
	atf_check -s exit:1 -o empty \
	    -e inline:"jls: invalid option -- 'x'\\n$JLS_USAGE" "$JLS" -x
	atf_check -s exit:1 -o empty \
	    -e inline:"jls: option requires an argument -- 'j'\\n$JLS_USAGE" \
	    "$JLS" -j
}

atf_test_case unknown_parameter
unknown_parameter_head()
{
	atf_set descr "jls refuses a parameter it does not know, and the" \
	    "pseudo-parameter command"
}
unknown_parameter_body()
{
	atf_check -s exit:1 -o empty -e inline:'jls: unknown parameter: foo\n' \
	    "$JLS" foo
	atf_check -s exit:1 -o empty -e inline:'jls: unknown parameter: foo\n' \
	    "$JLS" name foo
	atf_check -s exit:1 -o empty \
	    -e inline:'jls: unknown parameter: command\n' "$JLS" command
	atf_check -s exit:1 -o empty \
	    -e inline:'jls: unknown parameter: noname\n' "$JLS" noname
}

atf_test_case must_be_root
must_be_root_head()
{
	atf_set descr "jls run by another user than root cannot read the" \
	    "registry"
	atf_set require.user root
}
must_be_root_body()
{
	# As jail -c would make it, so that there is a registry to refuse.
	mkdir -p -m 700 /run/jail
	atf_check -s exit:1 -o save:out \
	    -e inline:'jls: /run/jail: Permission denied\n' \
	    setpriv --reuid=65534 --regid=65534 --clear-groups "$JLS"
	printf '%s' "$HEADER" > header
	[ ! -s out ] || cmp -s out header || atf_fail "jls printed: $(cat out)"
}

atf_test_case unknown_jail
unknown_jail_head()
{
	atf_set descr "jls -j of an unknown jail fails with a message"
	atf_set require.user root
}
unknown_jail_body()
{
	for args in "" "-v" "name"; do
		atf_check -s exit:1 -o save:out \
		    -e inline:'jls: jail "jls-test-no-such-jail" not found\n' \
		    "$JLS" -j jls-test-no-such-jail $args
		# Nothing but, at most, the header.
		case "$args" in
		"") printf '%s' "$HEADER" > header ;;
		-v) printf '%s' "$VHEADER" > header ;;
		*) : > header ;;
		esac
		[ ! -s out ] || cmp -s out header ||
		    atf_fail "jls -j nosuch $args printed: $(cat out)"
	done
	atf_check -s exit:1 -o ignore \
	    -e inline:'jls: jail "2147483647" not found\n' \
	    "$JLS" -j 2147483647
	atf_check -s exit:1 -o ignore -e inline:'jls: jail "a\\nb" not found\n' \
	    "$JLS" -j 'a
b'
}

atf_test_case default_format cleanup
default_format_head()
{
	atf_set descr "jls -j NAME prints the header and the jail's row:" \
	    "jid, no address, hostname, path"
	atf_set require.user root
}
default_format_body()
{
	root=$(jb_root)
	real=$(readlink -f "$root")
	n=$(jb_name def)
	atf_check "$JAIL" -c name="$n" path="$root" host.hostname=www.example \
	    persist
	jid=$(jb_jid "$n")
	{ printf '%s' "$HEADER"; jb_row "$jid" www.example "$real"; } > want
	atf_check -o file:want "$JLS" -j "$n"
	atf_check -o file:want "$JLS" -j "$jid"
}
default_format_cleanup()
{
	jb_cleanup
}

atf_test_case default_lists_every_live_jail cleanup
default_lists_every_live_jail_head()
{
	atf_set descr "jls prints the header once, then a row per live" \
	    "jail in jid order"
	atf_set require.user root
}
default_lists_every_live_jail_body()
{
	root=$(jb_root)
	real=$(readlink -f "$root")
	a=$(jb_name a)
	b=$(jb_name b)
	atf_check "$JAIL" -c name="$a" path="$root" host.hostname=a.example \
	    persist
	atf_check "$JAIL" -c name="$b" path="$root" persist
	atf_check -o save:out "$JLS"
	atf_check -o inline:"$HEADER" head -n 1 out
	atf_check -o inline:'1\n' grep -c 'JID' out
	row_a=$(jb_row "$(jb_jid "$a")" a.example "$real")
	row_b=$(jb_row "$(jb_jid "$b")" "" "$real")
	atf_check -o inline:"$row_a\\n" grep -Fx "$row_a" out
	atf_check -o inline:"$row_b\\n" grep -Fx "$row_b" out
	# Other tests' jails may be listed too; all in increasing jid order.
	tail -n +2 out | awk '{ print $1 }' > jids
	atf_check -o file:jids sort -n jids
}
default_lists_every_live_jail_cleanup()
{
	jb_cleanup
}

atf_test_case default_format_truncates cleanup
default_format_truncates_head()
{
	atf_set descr "jls truncates a hostname to 29 characters and a" \
	    "path to 74"
	atf_set require.user root
}
default_format_truncates_body()
{
	root=$(jb_root)
	long=$root
	while [ ${#long} -lt 100 ]; do
		long=$long/0123456789abcdefghijklmnopqrstuvwxyz
	done
	mkdir -p "$long" || atf_fail "mkdir"
	real=$(readlink -f "$long")
	[ ${#real} -ge 100 ] || atf_fail "the path is too short"
	host=0123456789abcdefghijklmnopqrstuvwxyzABCD
	[ ${#host} -eq 40 ] || atf_fail "the hostname is not 40 characters"
	n=$(jb_name trunc)
	atf_check "$JAIL" -c name="$n" path="$long" host.hostname="$host" \
	    persist
	jid=$(jb_jid "$n")
	h29=$(echo "$host" | cut -c 1-29)
	p74=$(echo "$real" | cut -c 1-74)
	printf '%s%6d  %-15s %s %s\n' "$HEADER" "$jid" "" "$h29" "$p74" > want
	atf_check -o file:want "$JLS" -j "$n"
	printf '%s%6d  %s %s\n        %-29s %s\n        %d\n' "$VHEADER" \
	    "$jid" "$h29" "$p74" "$n" ACTIVE "$jid" > want.v
	atf_check -o file:want.v "$JLS" -v -j "$n"
	# Parameters are printed whole.
	atf_check -o inline:"$host $real\\n" "$JLS" -j "$n" host.hostname path
}
default_format_truncates_cleanup()
{
	jb_cleanup
}

atf_test_case verbose_format cleanup
verbose_format_head()
{
	atf_set descr "jls -v prints FreeBSD's four header lines, then" \
	    "jid/hostname/path, name/state and the cpuset id per jail"
	atf_set require.user root
}
verbose_format_body()
{
	root=$(jb_root)
	real=$(readlink -f "$root")
	n=$(jb_name verbose)
	atf_check "$JAIL" -c name="$n" path="$root" host.hostname=v.example \
	    persist
	jid=$(jb_jid "$n")
	{ printf '%s' "$VHEADER"; jb_vrows "$jid" v.example "$real" "$n"; } \
	    > want
	atf_check -o file:want "$JLS" -v -j "$n"
	atf_check -o save:out "$JLS" -v
	atf_check -o inline:"$VHEADER" head -n 4 out
	jb_vrows "$jid" v.example "$real" "$n" > mine
	atf_check -o inline:'1\n' -x \
	    "tail -n +5 out | paste -d '|' - - - | grep -cFx \"\$(paste -d '|' - - - < mine)\""
}
verbose_format_cleanup()
{
	jb_cleanup
}

atf_test_case parameters_of_one_jail cleanup
parameters_of_one_jail_head()
{
	atf_set descr "jls -j JAIL PARAM ... prints the values on one line," \
	    "without a header"
	atf_set require.user root
}
parameters_of_one_jail_body()
{
	root=$(jb_root)
	real=$(readlink -f "$root")
	n=$(jb_name params)
	atf_check "$JAIL" -c name="$n" path="$root" host.hostname=p.example \
	    stop.timeout=3 persist
	jid=$(jb_jid "$n")
	atf_check -o inline:"$jid $n $real p.example true 3 true\\n" \
	    "$JLS" -j "$n" jid name path host.hostname persist stop.timeout \
	    mount.procfs
	atf_check -o inline:"$n\\n" "$JLS" -j "$jid" name
	atf_check -o inline:"$jid $jid\\n" "$JLS" -j "$n" jid jid
	# -v is ignored when parameters are named.
	atf_check -o inline:"$n\\n" "$JLS" -v -j "$n" name
}
parameters_of_one_jail_cleanup()
{
	jb_cleanup
}

atf_test_case parameters_of_every_jail cleanup
parameters_of_every_jail_head()
{
	atf_set descr "jls PARAM ... prints a line per live jail, no header"
	atf_set require.user root
}
parameters_of_every_jail_body()
{
	root=$(jb_root)
	real=$(readlink -f "$root")
	a=$(jb_name a)
	b=$(jb_name b)
	atf_check "$JAIL" -c name="$a" path="$root" persist
	atf_check "$JAIL" -c name="$b" path="$root" persist
	ja=$(jb_jid "$a")
	jb=$(jb_jid "$b")
	atf_check -o save:names "$JLS" name
	atf_check -s exit:1 grep -F 'JID' names
	atf_check -o inline:"$a\\n" grep -Fx "$a" names
	atf_check -o inline:"$b\\n" grep -Fx "$b" names
	atf_check -o save:rows "$JLS" jid name path
	atf_check -o inline:"$ja $a $real\\n$jb $b $real\\n" \
	    grep -E "^($ja|$jb) " rows
}
parameters_of_every_jail_cleanup()
{
	jb_cleanup
}

atf_test_case empty_value_is_dash cleanup
empty_value_is_dash_head()
{
	atf_set descr "an empty parameter value is printed as -"
	atf_set require.user root
}
empty_value_is_dash_body()
{
	root=$(jb_root)
	n=$(jb_name dash)
	atf_check "$JAIL" -c name="$n" path="$root" persist
	atf_check -o inline:'-\n' "$JLS" -j "$n" host.hostname
	atf_check -o inline:"- $n -\\n" "$JLS" -j "$n" host.hostname name \
	    host.hostname
}
empty_value_is_dash_cleanup()
{
	jb_cleanup
}

atf_test_case booleans cleanup
booleans_head()
{
	atf_set descr "booleans print true or false; noNAME prints the" \
	    "inverse"
	atf_set require.user root
}
booleans_body()
{
	root=$(jb_root)
	a=$(jb_name a)
	b=$(jb_name b)
	atf_check "$JAIL" -c name="$a" path="$root" persist
	atf_check "$JAIL" -c name="$b" path="$root" persist mount.noprocfs
	atf_check -o inline:'true\n' "$JLS" -j "$a" persist
	atf_check -o inline:'false\n' "$JLS" -j "$a" nopersist
	atf_check -o inline:'true false\n' "$JLS" -j "$a" mount.procfs \
	    mount.noprocfs
	atf_check -o inline:'false true\n' "$JLS" -j "$b" mount.procfs \
	    mount.noprocfs
	atf_check -o inline:'true false true\n' "$JLS" -j "$b" persist \
	    nopersist mount.noprocfs
}
booleans_cleanup()
{
	jb_cleanup
}

atf_test_case escapes_control_characters cleanup
escapes_control_characters_head()
{
	atf_set descr "jls shows control characters of a hostname as C" \
	    "escapes, in every format"
	atf_set require.user root
}
escapes_control_characters_body()
{
	root=$(jb_root)
	real=$(readlink -f "$root")
	n=$(jb_name escape)
	tab=$(printf 'a\tb')
	atf_check "$JAIL" -c name="$n" path="$root" host.hostname="$tab" persist
	jid=$(jb_jid "$n")
	atf_check -o inline:'a\\tb\n' "$JLS" -j "$n" host.hostname
	{ printf '%s' "$HEADER"; jb_row "$jid" 'a\tb' "$real"; } > want
	atf_check -o file:want "$JLS" -j "$n"
	{ printf '%s' "$VHEADER"; jb_vrows "$jid" 'a\tb' "$real" "$n"; } \
	    > want.v
	atf_check -o file:want.v "$JLS" -v -j "$n"
	# The jail really has the raw character.
	atf_check -o inline:"$tab\\n" "$JEXEC" "$n" hostname
	m=$(jb_name escape2)
	atf_check "$JAIL" -c name="$m" path="$root" \
	    host.hostname="$(printf 'x\033[2Jy\nz\\')" persist
	atf_check -o inline:'x\\033[2Jy\\nz\\\\\n' "$JLS" -j "$m" host.hostname
	atf_check -o save:all "$JLS"
	atf_check -s exit:1 grep -q "$(printf '\033')" all
}
escapes_control_characters_cleanup()
{
	jb_cleanup
}

atf_test_case escapes_path cleanup
escapes_path_head()
{
	atf_set descr "jls shows control characters of a path as C escapes"
	atf_set require.user root
}
escapes_path_body()
{
	root=$(jb_root)
	dir="$root/tmp/a
b"
	mkdir "$dir" || atf_fail "mkdir"
	real=$(readlink -f "$root")/tmp
	n=$(jb_name path)
	atf_check "$JAIL" -c name="$n" path="$dir" persist
	atf_check -o inline:"$real/a\\\\nb\\n" "$JLS" -j "$n" path
}
escapes_path_cleanup()
{
	jb_cleanup
}

atf_test_case omits_removed_and_dead_jails cleanup
omits_removed_and_dead_jails_head()
{
	atf_set descr "jls lists neither a removed jail nor one whose init" \
	    "was killed"
	atf_set require.user root
}
omits_removed_and_dead_jails_body()
{
	root=$(jb_root)
	a=$(jb_name removed)
	b=$(jb_name dead)
	atf_check "$JAIL" -c name="$a" path="$root" persist
	atf_check "$JAIL" -c name="$b" path="$root" persist
	jid=$(jb_jid "$b")
	echo "$jid" > dead-jid
	atf_check "$JAIL" -r "$a"
	pid=$(cut -d' ' -f1 "/run/jail/$jid/init")
	kill -9 "$pid"
	jb_wait_gone "$pid"
	atf_check -o save:names "$JLS" name
	atf_check -s exit:1 grep -Fx "$a" names
	atf_check -s exit:1 grep -Fx "$b" names
	atf_check -o save:rows "$JLS"
	atf_check -s exit:1 grep -E "^ *$jid " rows
	for n in "$a" "$b" "$jid"; do
		atf_check -s exit:1 -o ignore \
		    -e inline:"jls: jail \"$n\" not found\\n" "$JLS" -j "$n"
	done
}
omits_removed_and_dead_jails_cleanup()
{
	jb_cleanup
}

atf_init_test_cases()
{
	atf_add_test_case usage_unknown_option
	atf_add_test_case unknown_parameter
	atf_add_test_case must_be_root
	atf_add_test_case unknown_jail
	atf_add_test_case default_format
	atf_add_test_case default_lists_every_live_jail
	atf_add_test_case default_format_truncates
	atf_add_test_case verbose_format
	atf_add_test_case parameters_of_one_jail
	atf_add_test_case parameters_of_every_jail
	atf_add_test_case empty_value_is_dash
	atf_add_test_case booleans
	atf_add_test_case escapes_control_characters
	atf_add_test_case escapes_path
	atf_add_test_case omits_removed_and_dead_jails
}
