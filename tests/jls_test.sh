#! /usr/bin/env atf-sh
# jls(8): listing jails in FreeBSD's default, -N, -v and parameter formats
# (-h, -n, -q, -s), as text, JSON and XML; -c and -d; escaping what jails
# control; what scripts parse; and the errors.  The golden_* cases compare
# with the files of jls/, named in jls/cases.

. "$(atf_get_srcdir)/common.subr"

export LC_ALL=C

HEADER='   JID  IP Address      Hostname                      Path
'
VHEADER='   JID  Hostname                      Path
        Name                          State
        CPUSetID
        IP Address(es)
'
GOLDEN=$(atf_get_srcdir)/jls

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

# python3 checks that a file is one valid JSON or XML document.
jb_json_ok()
{
	atf_check -o ignore python3 -m json.tool "$1"
}
jb_xml_ok()
{
	atf_check python3 -c \
	    'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' \
	    "$1"
}

# The jails of the golden files, in a private registry (so jids start at
# 1 and no other test's jails show) and with ./g bound on /mnt (so paths
# are the same in every run): ./gpriv CMD runs CMD there.
#   1 www	a plain jail
#   2		no name, no host name: the empty values
#   3 long	a host name and a path longer than their columns
#   4 quote	quotes, spaces and a backslash in values (none in a value
#		with a double quote but no single quote, which -q puts in
#		single quotes, where the shell takes no escapes)
#   5 ctl	control characters, bytes that are not UTF-8, UTF-8, markup
#   6 dead	its init killed: dying, listed with -d only
# Addresses are refused at creation, not implemented yet: none has one.
jls_fixture()
{
	[ -d /mnt ] || atf_skip "no /mnt to bind the jails' roots on"
	jb_private
	cat > gpriv <<EOF
#!/bin/sh
exec ./priv sh -c 'mount --bind "\$1" /mnt || exit 98
	shift
	exec "\$@"' sh "$(pwd -P)/g" "\$@"
EOF
	chmod 755 gpriv
	long=0123456789abcdefghijklmnopqrstuvwxyz
	long=$long/$long/$long
	cafe=$(printf 'caf\303\251')
	for d in www rescue "$long" "with space" "$cafe"; do
		mkdir -p "g/$d/proc" || atf_fail "mkdir $d"
	done
	atf_check ./gpriv "$JAIL" -c name=www path=/mnt/www \
	    host.hostname=www.example.org persist
	atf_check ./gpriv "$JAIL" -c path=/mnt/rescue persist
	atf_check ./gpriv "$JAIL" -c name=long path="/mnt/$long" \
	    host.hostname=0123456789abcdefghijklmnopqrstuvwxyzABCD persist \
	    stop.timeout=3
	atf_check ./gpriv "$JAIL" -c name=quote path="/mnt/with space" \
	    host.hostname="it's \"q\" \\z" meta='a "b" c' persist
	atf_check ./gpriv "$JAIL" -c name=ctl path="/mnt/$cafe" \
	    host.hostname="$(printf 'a\tb\nc\033[2J')" \
	    meta="$(printf 'x\377y \360\237\230\200 <&> \001 \302\233')" \
	    persist mount.noprocfs
	atf_check ./gpriv "$JAIL" -c name=dead path=/mnt/www persist
	pid=$(cut -d' ' -f1 "$REG/6/init")
	kill -9 "$pid"
	jb_wait_gone "$pid"
}

# jls_golden SUFFIX: every case of jls/cases whose file ends in SUFFIX.
# With the configuration variable jls_golden_out set to a directory (kyua
# -v test_suites.jailbox.jls_golden_out=DIR test), the outputs are
# written there instead, to make the files anew.
jls_golden()
{
	jls_fixture
	out=$(atf_config_get jls_golden_out "")
	n=0
	awk -F '\t' -v s="$1" '!/^#/ &&
	    substr($1, length($1) - length(s) + 1) == s' "$GOLDEN/cases" > mine
	while IFS='	' read -r file args; do
		set -f
		# shellcheck disable=SC2086
		if [ -n "$out" ]; then
			./gpriv "$JLS" $args > "$out/$file" ||
			    atf_fail "jls $args failed"
		else
			atf_check -o "file:$GOLDEN/$file" ./gpriv "$JLS" $args
		fi
		set +f
		case $file in
		*.json) ./gpriv "$JLS" $args > out.json; jb_json_ok out.json ;;
		*.xml) ./gpriv "$JLS" $args > out.xml; jb_xml_ok out.xml ;;
		esac
		n=$((n + 1))
	done < mine
	[ $n -gt 0 ] || atf_fail "no $1 cases in $GOLDEN/cases"
}

atf_test_case golden_text cleanup
golden_text_head()
{
	atf_set descr "every text format prints what its golden file holds:" \
	    "truncation, empty values, quoting, escapes, dying jails"
	atf_set require.user root
}
golden_text_body()
{
	jls_golden .out
}
golden_text_cleanup()
{
	jb_private_cleanup
}

atf_test_case golden_json cleanup
golden_json_head()
{
	atf_set descr "--libxo json prints what the golden files hold, and" \
	    "python3's json module reads it"
	atf_set require.user root
	atf_set require.progs python3
}
golden_json_body()
{
	jls_golden .json
}
golden_json_cleanup()
{
	jb_private_cleanup
}

atf_test_case golden_xml cleanup
golden_xml_head()
{
	atf_set descr "--libxo xml prints what the golden files hold, and" \
	    "python3's minidom reads it"
	atf_set require.user root
	atf_set require.progs python3
}
golden_xml_body()
{
	jls_golden .xml
}
golden_xml_cleanup()
{
	jb_private_cleanup
}

atf_test_case json_xml_values cleanup
json_xml_values_head()
{
	atf_set descr "JSON and XML give a reader the values themselves:" \
	    "control characters, UTF-8 and markup; U+FFFD for what cannot" \
	    "be said; valid documents in every mode, even on errors"
	atf_set require.user root
	atf_set require.progs python3
}
json_xml_values_body()
{
	jls_fixture
	# JSON says every character; XML has no control characters but tab,
	# newline and carriage return.
	atf_check -o save:ctl.json ./gpriv "$JLS" --libxo json -j ctl \
	    host.hostname meta path
	atf_check python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))["jail-information"]["jail"][0]
want = {"host.hostname": "a\tb\nc\x1b[2J",
    "meta": "x\ufffdy \U0001f600 <&> \x01 \x9b", "path": "/mnt/caf\xe9"}
for k in want:
	if j[k] != want[k]:
		sys.exit("%s: %s" % (k, ascii(j[k])))' ctl.json
	atf_check -o save:ctl.xml ./gpriv "$JLS" --libxo xml -j ctl \
	    host.hostname meta path
	atf_check python3 -c '
import sys, xml.dom.minidom
d = xml.dom.minidom.parse(sys.argv[1])
want = {"host.hostname": "a\tb\nc\ufffd[2J",
    "meta": "x\ufffdy \U0001f600 <&> \ufffd \x9b", "path": "/mnt/caf\xe9"}
for k in want:
	v = d.getElementsByTagName(k)[0].firstChild.data
	if v != want[k]:
		sys.exit("%s: %s" % (k, ascii(v)))' ctl.xml
	# Plain ASCII, one jail a line.
	for fmt in json xml; do
		atf_check -o save:all.$fmt ./gpriv "$JLS" --libxo $fmt -d -n
		atf_check -s exit:1 grep -q '[^ -~]' all.$fmt
	done
	atf_check -o inline:'6\n' grep -c '^{"jid": ' all.json
	atf_check -o inline:'6\n' grep -c '^<jail><jid>' all.xml
	# Every mode, every jail, and an unknown jail: still whole documents.
	for args in "" -N -v -d "-d -v" "-d -n" "-d -s" "-h" "-d all" \
	    "-j nosuch" "-j nosuch -v"; do
		for fmt in json xml; do
			./gpriv "$JLS" --libxo $fmt $args > out.$fmt 2> err
			jb_${fmt}_ok out.$fmt
		done
	done
	empty='{"__version": "2", "jail-information": {"jail": [\n]}}\n'
	atf_check -s exit:1 -o inline:"$empty" \
	    -e inline:'jls: jail "nosuch" not found\n' \
	    ./gpriv "$JLS" --libxo json -j nosuch
	atf_check -s exit:1 \
	    -o inline:'<jail-information version="2">\n</jail-information>\n' \
	    -e inline:'jls: jail "nosuch" not found\n' \
	    ./gpriv "$JLS" --libxo xml -j nosuch name
}
json_xml_values_cleanup()
{
	jb_private_cleanup
}

atf_test_case s_recreates cleanup
s_recreates_head()
{
	atf_set descr "jail -c with the words of jls -s, through eval as a" \
	    "script would, makes the same jail again"
	atf_set require.user root
}
s_recreates_body()
{
	jls_fixture
	for j in www 2 long quote; do
		atf_check -o save:before.$j ./gpriv "$JLS" -n -j "$j"
		atf_check -o save:words.$j ./gpriv "$JLS" -s -j "$j"
		atf_check ./gpriv "$JAIL" -r "$j"
		atf_check -s exit:1 ./gpriv "$JLS" -c -j "$j"
		eval "atf_check ./gpriv \"\$JAIL\" -c $(cat words.$j)"
		atf_check -o file:before.$j ./gpriv "$JLS" -n -j "$j"
	done
	atf_check -o file:"$GOLDEN/default.out" ./gpriv "$JLS"
}
s_recreates_cleanup()
{
	jb_private_cleanup
}

atf_test_case check_option cleanup
check_option_head()
{
	atf_set descr "jls -c -j JAIL prints nothing and exits 0 if the jail" \
	    "exists, 1 if not; with -d a dying jail exists"
	atf_set require.user root
}
check_option_body()
{
	jls_fixture
	for j in www 1 2 quote 5; do
		atf_check -o empty -e empty ./gpriv "$JLS" -c -j "$j"
	done
	for j in nosuch 7 0 dead 6 ''; do
		atf_check -s exit:1 -o empty -e empty ./gpriv "$JLS" -c -j "$j"
	done
	atf_check -o empty -e empty ./gpriv "$JLS" -c -d -j dead
	atf_check -o empty -e empty ./gpriv "$JLS" -c -d -j 6
	atf_check -o empty -e empty ./gpriv "$JLS" -d -c -j www
	atf_check -s exit:1 -o empty -e empty ./gpriv "$JLS" -c -d -j nosuch
	# -c takes -d and -j alone.
	for args in "-c" "-c -d" "-c -v -j www" "-c -n -j www" \
	    "-c -j www name" "-c -N -j www" "--libxo json -c -j www"; do
		atf_check -s exit:1 -o empty -e inline:"$JLS_USAGE" \
		    ./gpriv "$JLS" $args
	done
	# Not being able to read the registry is no answer.
	atf_check -s exit:1 -o empty \
	    -e inline:'jls: /run/jail/1/init: Permission denied\n' \
	    ./gpriv setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$JLS" -c -j 1
}
check_option_cleanup()
{
	jb_private_cleanup
}

atf_test_case dying_jails cleanup
dying_jails_head()
{
	atf_set descr "a jail whose init is gone is listed by -d only, as" \
	    "DYING, until the next jail -c clears it"
	atf_set require.user root
}
dying_jails_body()
{
	jls_fixture
	atf_check -o inline:'1\n2\n3\n4\n5\n' ./gpriv "$JLS" jid
	atf_check -o inline:'1\n2\n3\n4\n5\n6\n' ./gpriv "$JLS" -d jid
	atf_check -o inline:'6 dead true\n' ./gpriv "$JLS" -d -j dead jid name \
	    dying
	atf_check -o inline:'1 www false\n' ./gpriv "$JLS" -d -j www jid name \
	    dying
	atf_check -s exit:1 -o empty -e inline:'jls: jail "dead" not found\n' \
	    ./gpriv "$JLS" -j dead name
	atf_check -o inline:'dead\n' ./gpriv "$JLS" -a -j 6 name
	atf_check ./gpriv "$JAIL" -c name=new path=/mnt/www persist
	atf_check -o inline:'1\n2\n3\n4\n5\n7\n' ./gpriv "$JLS" -d jid
	atf_check -o inline:'new\n' ./gpriv "$JLS" -d -j 7 name
	atf_check -s exit:1 -o empty -e inline:'jls: jail "6" not found\n' \
	    ./gpriv "$JLS" -d -j 6 name
}
dying_jails_cleanup()
{
	jb_private_cleanup
}

atf_test_case scripts_parse cleanup
scripts_parse_head()
{
	atf_set descr "the output parses the way rc.d scripts and jail" \
	    "managers read it"
	atf_set require.user root
}
scripts_parse_body()
{
	jls_fixture
	# rc.d/jail: is it running?
	atf_check -o inline:'quote\n' -x "./gpriv '$JLS' name | grep -x quote"
	atf_check -s exit:1 -x "./gpriv '$JLS' name | grep -qx dead"
	# A while-read loop over jid and name.
	./gpriv "$JLS" jid name | while read -r id name; do
		echo "$name=$id"
	done > pairs
	atf_check -o inline:'www=1\n2=2\nlong=3\nquote=4\nctl=5\n' cat pairs
	# One value of one jail.
	atf_check -o inline:'4\n' ./gpriv "$JLS" -j quote jid
	atf_check -o inline:'/mnt/www\n' ./gpriv "$JLS" -j www path
	# -nq, read back by the shell.
	atf_check -o save:nq ./gpriv "$JLS" -nq -j quote name path
	eval "$(cat nq)"
	[ "$name" = quote ] || atf_fail "name: $name"
	[ "$path" = "/mnt/with space" ] || atf_fail "path: $path"
	atf_check -o save:nq ./gpriv "$JLS" -nq -j quote host.hostname meta
	eval "set -- $(cat nq)"
	[ "$1" = "host.hostname=it's \"q\" \\z" ] || atf_fail "hostname: $1"
	[ "$2" = 'meta=a "b" c' ] || atf_fail "meta: $2"
	# The default table, column by column.
	atf_check -o inline:'1 www.example.org /mnt/www\n' -x \
	    "./gpriv '$JLS' | awk '\$1 == 1 { print \$1, \$2, \$3 }'"
	# -v: the fifth line is the first jail's.
	atf_check -o inline:'www\n' -x \
	    "./gpriv '$JLS' -v | sed -n 6p | awk '{ print \$1 }'"
}
scripts_parse_cleanup()
{
	jb_private_cleanup
}

atf_test_case libxo_arguments cleanup
libxo_arguments_head()
{
	atf_set descr "--libxo FMT and --libxo=FMT are taken wherever they" \
	    "are before --; text is the plain format; other formats fail"
	atf_set require.user root
}
libxo_arguments_body()
{
	jls_fixture
	atf_check -o save:a ./gpriv "$JLS" --libxo json -j www name
	atf_check -o file:a ./gpriv "$JLS" --libxo=json -j www name
	atf_check -o file:a ./gpriv "$JLS" -j www --libxo json name
	atf_check -o file:a ./gpriv "$JLS" -j www name --libxo=json
	atf_check -o file:a ./gpriv "$JLS" --libxo xml --libxo json -j www name
	atf_check -o inline:'www\n' ./gpriv "$JLS" --libxo text -j www name
	atf_check -o inline:'www\n' ./gpriv "$JLS" --libxo json --libxo=text \
	    -j www name
	atf_check -s exit:1 -o empty \
	    -e inline:'jls: unknown parameter: --libxo=json\n' \
	    ./gpriv "$JLS" -j www -- name --libxo=json
	atf_check -s exit:1 -o empty \
	    -e inline:'jls: --libxo: unknown format: html\n' \
	    ./gpriv "$JLS" --libxo html
	atf_check -s exit:1 -o empty \
	    -e inline:'jls: --libxo: unknown format: json,pretty\n' \
	    ./gpriv "$JLS" --libxo=json,pretty
	atf_check -s exit:1 -o empty -e inline:"$JLS_USAGE" \
	    ./gpriv "$JLS" name --libxo
}
libxo_arguments_cleanup()
{
	jb_private_cleanup
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
	atf_set descr "jls refuses a parameter it does not know, the" \
	    "pseudo-parameter command, and no before a non-boolean"
}
unknown_parameter_body()
{
	atf_check -s exit:1 -o empty -e inline:'jls: unknown parameter: foo\n' \
	    "$JLS" foo
	atf_check -s exit:1 -o empty -e inline:'jls: unknown parameter: foo\n' \
	    "$JLS" name foo
	atf_check -s exit:1 -o empty -e inline:'jls: unknown parameter: foo\n' \
	    "$JLS" -n -h -s -v --libxo json foo
	atf_check -s exit:1 -o empty \
	    -e inline:'jls: unknown parameter: command\n' "$JLS" command
	atf_check -s exit:1 -o empty \
	    -e inline:'jls: unknown parameter: exec.start\n' "$JLS" exec.start
	atf_check -s exit:1 -o empty \
	    -e inline:'jls: unknown parameter: noname\n' "$JLS" noname
	atf_check -s exit:1 -o empty \
	    -e inline:'jls: unknown parameter: nohost\n' "$JLS" nohost
	atf_check -s exit:1 -o empty \
	    -e inline:'jls: unknown parameter: a\\nb\n' "$JLS" 'a
b'
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
	atf_check -o file:want "$JLS" -q -j "$jid"
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
	atf_check -o inline:"$jid\\n" "$JLS" -j "$n" cpuset.id
}
verbose_format_cleanup()
{
	jb_cleanup
}

atf_test_case parameters_of_one_jail cleanup
parameters_of_one_jail_head()
{
	atf_set descr "jls -j JAIL PARAM ... prints the values on one line," \
	    "without a header, a parameter named twice once"
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
	atf_check -o inline:"$jid\\n" "$JLS" -j "$n" jid jid
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
	atf_set descr "an empty parameter value is printed as -, \"\" with" \
	    "-q, nothing with -n"
	atf_set require.user root
}
empty_value_is_dash_body()
{
	root=$(jb_root)
	n=$(jb_name dash)
	atf_check "$JAIL" -c name="$n" path="$root" persist
	atf_check -o inline:'-\n' "$JLS" -j "$n" host.hostname
	atf_check -o inline:"- $n -\\n" "$JLS" -j "$n" host.hostname name \
	    meta
	atf_check -o inline:"\"\" $n\\n" "$JLS" -q -j "$n" host.hostname name
	atf_check -o inline:"host.hostname= name=$n\\n" "$JLS" -n -j "$n" \
	    host.hostname name
	atf_check -o inline:"host.hostname=\"\" name=$n\\n" "$JLS" -nq -j "$n" \
	    host.hostname name
}
empty_value_is_dash_cleanup()
{
	jb_cleanup
}

atf_test_case booleans cleanup
booleans_head()
{
	atf_set descr "booleans print true or false; noNAME prints the" \
	    "inverse; with -n, NAME or noNAME"
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
	atf_check -o inline:'persist persist mount.noprocfs mount.noprocfs\n' \
	    "$JLS" -n -j "$b" persist nopersist mount.procfs mount.noprocfs
	atf_check -o inline:'sysvmsg=disable host=new\n' \
	    "$JLS" -n -j "$b" sysvmsg host
}
booleans_cleanup()
{
	jb_cleanup
}

atf_test_case console_parameters cleanup
console_parameters_head()
{
	atf_set descr "jls shows console and console.buffer when named," \
	    "with -n too; jls -v keeps FreeBSD's four lines without them"
	atf_set require.user root
}
console_parameters_body()
{
	root=$(jb_root)
	real=$(readlink -f "$root")
	c=$(jb_name cons)
	p=$(jb_name plain)
	atf_check "$JAIL" -c name="$c" path="$root" persist console \
	    console.buffer=8192 command=/bin/sleep 60
	atf_check "$JAIL" -c name="$p" path="$root" persist
	atf_check -o inline:'true 8192\n' "$JLS" -j "$c" console console.buffer
	atf_check -o inline:'console console.buffer=8192\n' \
	    "$JLS" -n -j "$c" console console.buffer
	atf_check -o inline:'false\n' "$JLS" -j "$p" console
	atf_check -o inline:'noconsole\n' "$JLS" -n -j "$p" console
	atf_check -o match:' console console.buffer=8192$' "$JLS" -n -j "$c"
	# -v shows it only where a key more breaks no reader: JSON and XML.
	atf_check -o match:'"cpusetid": [0-9]+, "console": true, ' \
	    "$JLS" -v --libxo json -j "$c"
	atf_check -o match:'"console": false, ' "$JLS" -v --libxo json -j "$p"
	atf_check -o match:'<console>true</console>' \
	    "$JLS" -v --libxo xml -j "$c"
	jid=$(jb_jid "$c")
	{ printf '%s' "$VHEADER"; jb_vrows "$jid" "" "$real" "$c"; } > want
	atf_check -o file:want "$JLS" -v -j "$c"
}
console_parameters_cleanup()
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
	# Quoting escapes the backslash, the terminal the rest.
	atf_check -o inline:'x\\033[2Jy\\nz\\\\\n' "$JLS" -q -j "$m" \
	    host.hostname
	atf_check -o inline:'host.hostname=x\\033[2Jy\\nz\\\\\n' \
	    "$JLS" -s -j "$m" host.hostname
	for args in "" -v -N -n -s "-q all" "-h all"; do
		atf_check -o save:all "$JLS" $args
		atf_check -s exit:1 grep -q "$(printf '\033')" all
	done
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

atf_test_case many_jails_few_descriptors cleanup
many_jails_few_descriptors_head()
{
	atf_set descr "jls lists every jail when there are more state files" \
	    "than it may hold open: those it holds to close in a run are" \
	    "closed when it runs out of descriptors"
	atf_set require.user root
}
many_jails_few_descriptors_body()
{
	root=$(jb_root)
	jb_private
	i=1
	while [ $i -le 60 ]; do
		./priv "$JAIL" -c name=m$i path="$root" persist ||
		    atf_fail "could not create m$i"
		echo m$i >> expected
		i=$((i + 1))
	done
	sort expected > expected.sorted
	# 8 descriptors: stdio, and room for five state files at once (or
	# fewer, if the shell left one open).
	atf_check -o save:names -e empty ./priv prlimit --nofile=8:8 "$JLS" \
	    name
	atf_check -o file:expected.sorted sort names
	atf_check -o save:names -e empty ./priv "$JLS" name
	atf_check -o file:expected.sorted sort names
}
many_jails_few_descriptors_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_init_test_cases()
{
	atf_add_test_case golden_text
	atf_add_test_case golden_json
	atf_add_test_case golden_xml
	atf_add_test_case json_xml_values
	atf_add_test_case s_recreates
	atf_add_test_case check_option
	atf_add_test_case dying_jails
	atf_add_test_case scripts_parse
	atf_add_test_case libxo_arguments
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
	atf_add_test_case console_parameters
	atf_add_test_case escapes_control_characters
	atf_add_test_case escapes_path
	atf_add_test_case omits_removed_and_dead_jails
	atf_add_test_case many_jails_few_descriptors
}
