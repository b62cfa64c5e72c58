#! /usr/bin/env atf-sh
# jail(8) operating real jails: creating and removing the jails of a
# jail.conf(5) file (all of them, one, a wildcard, in dependency order),
# their commands, the notes of -q and -v, -J, -p, restarting with -rc, the
# backward-compatible positional form, and bad input that must leave
# nothing behind.  Every case runs in a registry and cgroup of its own
# (jb_private), so "*" means this case's jails only and jids start at 1.

. "$(atf_get_srcdir)/common.subr"

export LC_ALL=C

# jo_nothing_left: no jail in the private registry (its lock file, its
# cache of compiled filters and its names directory may be there, the
# latter empty), no jail cgroup in the private cgroup, none listed.
jo_nothing_left()
{
	atf_check -s exit:1 -o empty -x \
	    "ls -A '$REG' | grep -vx -e .lock -e .names -e .filters"
	atf_check -o empty -x "ls -A '$REG/.names' 2>/dev/null || :"
	atf_check -s exit:1 -o empty -x \
	    "ls '$PCG/jailbox' 2>/dev/null | grep '^[0-9]'"
	atf_check -o empty ./priv "$JLS" name
}

# jo_names: the names of the listed jails, sorted, into ./names.
jo_names()
{
	./priv "$JLS" name | sort > names
}

# ---- creating and removing configured jails ------------------------------

atf_test_case conf_create_all_remove_all cleanup
conf_create_all_remove_all_head()
{
	atf_set descr "jail -f F -c creates every configured jail with a" \
	    "note each; jail -f F -r '*' removes them all, with a note each"
	atf_set require.user root
}
conf_create_all_remove_all_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
web { host.hostname = "web.example"; }
db { host.hostname = "db.example"; }
mail { host.hostname = "mail.example"; }
EOF
	atf_check -o save:notes -e empty ./priv "$JAIL" -f jail.conf -c
	atf_check -o inline:'db: created\nmail: created\nweb: created\n' \
	    sort notes
	atf_check -o inline:'db db.example\nmail mail.example\nweb web.example\n' \
	    -x "./priv '$JLS' name host.hostname | sort"
	atf_check -o save:notes -e empty ./priv "$JAIL" -f jail.conf -r '*'
	atf_check -o inline:'db: removed\nmail: removed\nweb: removed\n' \
	    sort notes
	atf_check -o inline:'.filters\n.lock\n.names\n' ls -A "$REG"
	jo_nothing_left
}
conf_create_all_remove_all_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case conf_create_one cleanup
conf_create_one_head()
{
	atf_set descr "jail -f F -c NAME creates that jail only; an unknown" \
	    "NAME is refused and nothing is created"
	atf_set require.user root
}
conf_create_one_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
web { host.hostname = "web.example"; }
db {}
EOF
	atf_check -s exit:1 -o empty -e inline:'jail: "nosuch" not found\n' \
	    ./priv "$JAIL" -f jail.conf -c nosuch
	jo_nothing_left
	atf_check -o inline:'web: created\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -c web
	atf_check -o inline:'1 web web.example\n' \
	    ./priv "$JLS" jid name host.hostname
}
conf_create_one_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case conf_create_wildcard cleanup
conf_create_wildcard_head()
{
	atf_set descr "jail -f F -c 'web.*' creates the jails the wildcard" \
	    "matches and no other"
	atf_set require.user root
}
conf_create_wildcard_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
web.a {}
web.b {}
db {}
EOF
	atf_check -o save:notes -e empty ./priv "$JAIL" -f jail.conf -c 'web.*'
	atf_check -o inline:'web.a: created\nweb.b: created\n' sort notes
	jo_names
	atf_check -o inline:'web.a\nweb.b\n' cat names
}
conf_create_wildcard_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- depend ----------------------------------------------------------------

atf_test_case depend_create_order cleanup
depend_create_order_head()
{
	atf_set descr "jail -f F -c web creates the jail web depends on" \
	    "first, then web, and no other jail"
	atf_set require.user root
}
depend_create_order_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
web { depend = db; }
db {}
other {}
EOF
	atf_check -o inline:'db: created\nweb: created\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -c web
	jo_names
	atf_check -o inline:'db\nweb\n' cat names
}
depend_create_order_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case depend_remove_order cleanup
depend_remove_order_head()
{
	atf_set descr "jail -f F -r db removes the running jail that depends" \
	    "on db first, then db"
	atf_set require.user root
}
depend_remove_order_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
web { depend = db; }
db {}
other {}
EOF
	atf_check -o ignore -e empty ./priv "$JAIL" -f jail.conf -c
	atf_check -o inline:'web: removed\ndb: removed\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -r db
	jo_names
	atf_check -o inline:'other\n' cat names
}
depend_remove_order_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case depend_loop cleanup
depend_loop_head()
{
	atf_set descr "jails that depend on each other are refused as a" \
	    "dependency loop, exit 1, and none is created"
	atf_set require.user root
}
depend_loop_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
a { depend = b; }
b { depend = a; }
EOF
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: a: dependency loop\njail: b: dependency loop\n' \
	    ./priv "$JAIL" -f jail.conf -c
	jo_nothing_left
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: a: dependency loop\njail: b: dependency loop\n' \
	    ./priv "$JAIL" -f jail.conf -c a
	jo_nothing_left
}
depend_loop_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case depend_undefined cleanup
depend_undefined_head()
{
	atf_set descr "a jail that depends on a jail the file does not" \
	    "define is refused, exit 1, and not created"
	atf_set require.user root
}
depend_undefined_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
x { depend = nosuch; }
EOF
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: x: depends on undefined jail "nosuch"\n' \
	    ./priv "$JAIL" -f jail.conf -c
	jo_nothing_left
}
depend_undefined_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case depend_failure_skips cleanup
depend_failure_skips_head()
{
	atf_set descr "when the jail web depends on fails, web is skipped:" \
	    "the dependency's error, then web: skipped, exit 1, nothing made"
	atf_set require.user root
}
depend_failure_skips_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
persist;
web { path = "$root"; depend = db; }
db { path = "/nonexistent"; }
EOF
	atf_check -s exit:1 -o empty -e inline:"\
jail: db: path /nonexistent: No such file or directory
jail: web: skipped
" ./priv "$JAIL" -f jail.conf -c web
	jo_nothing_left
}
depend_failure_skips_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- commands of configured jails ---------------------------------------

atf_test_case command_then_jail_ends cleanup
command_then_jail_ends_head()
{
	atf_set descr "a configured jail with a command and no persist is" \
	    "created, runs the command and is gone when it ends"
	atf_set require.user root
}
command_then_jail_ends_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
hello { command = "echo hi from \$name"; }
EOF
	atf_check -o inline:'hello: created\nhi from hello\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -c hello
	jo_nothing_left
}
command_then_jail_ends_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case command_failure_reported cleanup
command_failure_reported_head()
{
	atf_set descr "a configured command that fails makes jail print" \
	    "NAME: COMMAND: failed and exit 1; the jail is gone"
	atf_set require.user root
}
command_failure_reported_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
fail { command = "false"; }
EOF
	atf_check -s exit:1 -o inline:'fail: created\n' \
	    -e inline:'jail: fail: false: failed\n' \
	    ./priv "$JAIL" -f jail.conf -c fail
	jo_nothing_left
}
command_failure_reported_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case command_shell_metacharacters cleanup
command_shell_metacharacters_head()
{
	atf_set descr "a configured command with a shell metacharacter runs" \
	    "as /bin/sh -c COMMAND in the jail; one without runs directly"
	atf_set require.user root
}
command_shell_metacharacters_body()
{
	root=$(jb_root)
	jb_private
	[ -x "$root/bin/sh" ] || atf_fail "the jail root has no /bin/sh"
	cat > jail.conf <<EOF
path = "$root";
meta { command = "echo a; echo b"; }
plain { command = "echo a b"; }
EOF
	atf_check -o inline:'meta: created\na\nb\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -c meta
	jo_nothing_left
	# Without /bin/sh in the jail, only the plain command still runs.
	rm "$root/bin/sh" || atf_fail "rm /bin/sh"
	atf_check -s exit:1 -o inline:'meta: created\n' \
	    -e inline:'jail: meta: execvp: /bin/sh: No such file or directory\n' \
	    ./priv "$JAIL" -f jail.conf -c meta
	atf_check -o inline:'plain: created\na b\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -c plain
	jo_nothing_left
}
command_shell_metacharacters_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- notes ---------------------------------------------------------------

atf_test_case notes_quiet_and_verbose cleanup
notes_quiet_and_verbose_head()
{
	atf_set descr "-q silences the created and removed notes of" \
	    "configured jails; a command-line jail has a note only with -v"
	atf_set require.user root
}
notes_quiet_and_verbose_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
a {}
b {}
EOF
	atf_check -o empty -e empty ./priv "$JAIL" -q -f jail.conf -c
	jo_names
	atf_check -o inline:'a\nb\n' cat names
	atf_check -o empty -e empty ./priv "$JAIL" -q -f jail.conf -r '*'
	jo_nothing_left
	atf_check -o empty -e empty ./priv "$JAIL" -c name=x path="$root" \
	    persist
	atf_check -o inline:'y: created\n' -e empty \
	    ./priv "$JAIL" -v -c name=y path="$root" persist
	# a and b had jids 1 and 2.
	atf_check -o inline:'3 x\n4 y\n' ./priv "$JLS" jid name
	atf_check -o empty -e empty ./priv "$JAIL" -r x
	atf_check -o inline:'y: removed\n' -e empty ./priv "$JAIL" -v -r y
	jo_nothing_left
}
notes_quiet_and_verbose_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- removing with a configuration ---------------------------------------

atf_test_case remove_conf_stop_timeout cleanup
remove_conf_stop_timeout_head()
{
	atf_set descr "jail -f F -r NAME uses the stop.timeout of NAME's" \
	    "configuration, not the one the jail was made with"
	atf_set require.user root
}
remove_conf_stop_timeout_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
t { stop.timeout = 0; }
EOF
	# Made from the command line, with the default stop.timeout (10).
	atf_check ./priv "$JAIL" -c name=t path="$root" persist
	./priv "$JEXEC" t sh -c 'trap "echo got TERM > /tmp/term; exit 0" TERM
	    touch /tmp/ready; while :; do sleep 1; done' \
	    > /dev/null 2>&1 &
	bg=$!
	jb_wait_file "$root/tmp/ready"
	atf_check -o inline:'t: removed\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -r t
	wait $bg
	rc=$?
	[ $rc -eq 137 ] || atf_fail "jexec ended with $rc, not 137 (KILL)"
	[ ! -e "$root/tmp/term" ] || atf_fail "the jail got SIGTERM"
	jo_nothing_left
}
remove_conf_stop_timeout_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case remove_conf_by_jid cleanup
remove_conf_by_jid_head()
{
	atf_set descr "jail -f F -r JID of a running configured jail prints" \
	    "NAME: removed"
	atf_set require.user root
}
remove_conf_by_jid_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
a {}
b {}
EOF
	atf_check -o ignore -e empty ./priv "$JAIL" -f jail.conf -c
	jid=$(./priv "$JLS" -j b jid)
	atf_check -o inline:'b: removed\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -r "$jid"
	jo_names
	atf_check -o inline:'a\n' cat names
}
remove_conf_by_jid_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case remove_R_ignores_conf cleanup
remove_R_ignores_conf_head()
{
	atf_set descr "jail -R NAME removes the jail without reading the" \
	    "configuration: one with a syntax error is not even read"
	atf_set require.user root
}
remove_R_ignores_conf_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
w { persist = ; }
EOF
	atf_check ./priv "$JAIL" -c name=w path="$root" persist
	# -r reads it, and stops there.
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: jail.conf line 2: ;: syntax error\n' \
	    ./priv "$JAIL" -f jail.conf -r w
	atf_check -o inline:'w\n' ./priv "$JLS" name
	atf_check -o empty -e empty ./priv "$JAIL" -f jail.conf -R w
	jo_nothing_left
}
remove_R_ignores_conf_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- -J and -p -----------------------------------------------------------

atf_test_case jid_file_command_line cleanup
jid_file_command_line_head()
{
	atf_set descr "jail -J FILE -c PARAMS writes jid=N and the" \
	    "parameters, tab-separated, quoted as jail(8) quotes them"
	atf_set require.user root
}
jid_file_command_line_body()
{
	root=$(jb_root)
	jb_private
	atf_check -o empty -e empty ./priv "$JAIL" -J jf -c name=x \
	    path="$root" host.hostname="a b" persist
	jid=$(./priv "$JLS" -j x jid)
	printf 'jid=%s\tname=x\tpath=%s\thost.hostname="a b"\tpersist\n' \
	    "$jid" "$root" > want
	atf_check -o file:want cat jf
}
jid_file_command_line_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case jid_file_configured cleanup
jid_file_configured_head()
{
	atf_set descr "jail -J FILE -f F -c writes one line per configured" \
	    "jail created"
	atf_set require.user root
}
jid_file_configured_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
a {}
b {}
EOF
	atf_check -o ignore -e empty ./priv "$JAIL" -J jf -f jail.conf -c
	ja=$(./priv "$JLS" -j a jid)
	jb=$(./priv "$JLS" -j b jid)
	# Independent jails are made at once: their lines come in any order.
	printf 'jid=%s\tname=%s\tpath=%s\tpersist\n' "$ja" a "$root" \
	    "$jb" b "$root" | sort > want
	atf_check -o file:want sort jf
}
jid_file_configured_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case parallel_limit_one cleanup
parallel_limit_one_head()
{
	atf_set descr "jail -p 1 -f F -c creates every independent jail"
	atf_set require.user root
}
parallel_limit_one_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
a {}
b {}
c {}
EOF
	atf_check -o save:notes -e empty ./priv "$JAIL" -p 1 -f jail.conf -c
	atf_check -o inline:'a: created\nb: created\nc: created\n' sort notes
	jo_names
	atf_check -o inline:'a\nb\nc\n' cat names
}
parallel_limit_one_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- restart -------------------------------------------------------------

atf_test_case restart_running cleanup
restart_running_head()
{
	atf_set descr "jail -f F -rc NAME removes a running configured jail" \
	    "and creates it again: its processes are gone, it exists"
	atf_set require.user root
}
restart_running_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
a {}
b {}
EOF
	atf_check -o ignore -e empty ./priv "$JAIL" -f jail.conf -c
	jb=$(./priv "$JLS" -j b jid)
	./priv "$JEXEC" a sh -c 'touch /tmp/ready; exec sleep 1000' \
	    > /dev/null 2>&1 &
	bg=$!
	jb_wait_file "$root/tmp/ready"
	atf_check -o inline:'a: created\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -rc a
	wait $bg
	rc=$?
	[ $rc -eq 143 ] || atf_fail "jexec sleep ended with $rc, not 143 (TERM)"
	atf_check -o inline:'a\n' ./priv "$JLS" -j a name
	atf_check -s exit:1 -o empty -x "./priv '$JEXEC' a ps -o comm |
	    grep sleep"
	# The other jail was left alone.
	atf_check -o inline:"$jb\\n" ./priv "$JLS" -j b jid
}
restart_running_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case restart_not_running cleanup
restart_not_running_head()
{
	atf_set descr "jail -f F -rc NAME of a jail that is not running" \
	    "creates it"
	atf_set require.user root
}
restart_not_running_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
a {}
EOF
	atf_check -o inline:'a: created\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -rc a
	atf_check -o inline:'1 a\n' ./priv "$JLS" jid name
}
restart_not_running_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- the backward-compatible form ---------------------------------------

atf_test_case old_form_command cleanup
old_form_command_head()
{
	atf_set descr "jail PATH HOSTNAME '' COMMAND runs the command in a" \
	    "new jail with that hostname and leaves no jail"
	atf_set require.user root
}
old_form_command_body()
{
	root=$(jb_root)
	jb_private
	atf_check -o inline:'hello\n' -e empty \
	    ./priv "$JAIL" "$root" host "" /bin/echo hello
	jo_nothing_left
	atf_check -o inline:'old.example\n' -e empty \
	    ./priv "$JAIL" "$root" old.example "" /bin/hostname
	jo_nothing_left
}
old_form_command_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case old_form_name cleanup
old_form_name_head()
{
	atf_set descr "jail -n NAME PATH HOSTNAME '' COMMAND names the jail"
	atf_set require.user root
}
old_form_name_body()
{
	root=$(jb_root)
	jb_private
	./priv "$JAIL" -n old "$root" old.example "" /bin/sh -c \
	    'touch /tmp/ready; exec sleep 1000' > bg.out 2> bg.err &
	jb_wait_file "$root/tmp/ready"
	atf_check -o inline:'old old.example\n' \
	    ./priv "$JLS" name host.hostname
	atf_check -o empty -e empty ./priv "$JAIL" -r old
	wait
	jo_nothing_left
}
old_form_name_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case old_form_jid_file cleanup
old_form_jid_file_head()
{
	atf_set descr "jail -J FILE PATH HOSTNAME IP COMMAND writes the" \
	    "positional form's record: jid, path, hostname, addresses and" \
	    "command, tab-separated"
	atf_set require.user root
}
old_form_jid_file_body()
{
	root=$(jb_root)
	jb_private
	# The first jail of a private registry has jid 1.
	atf_check -o inline:'hello\n' -e empty \
	    ./priv "$JAIL" -J jf -n old "$root" old.example "" /bin/echo hello
	atf_check -o inline:"1\\t$root\\told.example\\t\\t/bin/echo hello\\n" \
	    cat jf
	jo_nothing_left
}
old_form_jid_file_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case old_form_address cleanup
old_form_address_head()
{
	atf_set descr "the positional form's addresses go to ip4.addr or" \
	    "ip6.addr by their family"
	atf_set require.user root
}
old_form_address_body()
{
	root=$(jb_root)
	cp "$JB_BUILD/tests/netprobe" "$root/bin/netprobe" ||
	    atf_fail "cp netprobe"
	jb_private
	# A network namespace of the test's own holds the addresses.
	cat > innet <<'EOF'
#!/bin/sh
exec unshare --net sh -c '
	ip link set lo up &&
	ip addr add 192.0.2.1/32 dev lo &&
	ip addr add 2001:db8::1/128 dev lo nodad || exit 99
	exec "$@"' sh "$@"
EOF
	chmod 755 innet
	atf_check -o inline:'bound 192.0.2.1 8080\n' -e empty \
	    ./innet ./priv "$JAIL" "$root" host 192.0.2.1,2001:db8::1 \
	    /bin/netprobe bind 0.0.0.0 8080
	atf_check -o inline:'bound 2001:db8::1 8080\n' -e empty \
	    ./innet ./priv "$JAIL" "$root" host 192.0.2.1,2001:db8::1 \
	    /bin/netprobe bind :: 8080
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: ip4.addr: not an IPv4 address: 192.0.2.x\n' \
	    ./innet ./priv "$JAIL" "$root" host 192.0.2.x /bin/true
	jo_nothing_left
}
old_form_address_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- bad input -----------------------------------------------------------

atf_test_case bad_conf_syntax_error cleanup
bad_conf_syntax_error_head()
{
	atf_set descr "a configuration with a syntax error is refused with" \
	    "its file, line and token, and no jail of it is created"
	atf_set require.user root
}
bad_conf_syntax_error_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
a {}
b { = 1; }
EOF
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: jail.conf line 4: =: syntax error\n' \
	    ./priv "$JAIL" -f jail.conf -c
	jo_nothing_left
}
bad_conf_syntax_error_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_conf_unknown_parameter cleanup
bad_conf_unknown_parameter_head()
{
	atf_set descr "a configured jail with an unknown parameter is" \
	    "refused; the other jails of the file are still created; exit 1"
	atf_set require.user root
}
bad_conf_unknown_parameter_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
a { foo = 1; }
b {}
EOF
	atf_check -s exit:1 -o inline:'b: created\n' \
	    -e inline:'jail: a: unknown parameter: foo\n' \
	    ./priv "$JAIL" -f jail.conf -c
	atf_check -o inline:'b\n' ./priv "$JLS" name
}
bad_conf_unknown_parameter_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_conf_missing cleanup
bad_conf_missing_head()
{
	atf_set descr "jail -f FILE -c with no such FILE is refused"
	atf_set require.user root
}
bad_conf_missing_body()
{
	jb_private
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: /nonexistent: No such file or directory\n' \
	    ./priv "$JAIL" -f /nonexistent -c
	jo_nothing_left
}
bad_conf_missing_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_conf_variable cleanup
bad_conf_variable_head()
{
	atf_set descr "a jail whose parameter names an undefined variable" \
	    "is refused and not created; the others are; exit 1"
	atf_set require.user root
}
bad_conf_variable_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
persist;
a { path = "\$x"; }
b { path = "$root"; }
EOF
	atf_check -s exit:1 -o inline:'b: created\n' \
	    -e inline:'jail: a: path: variable "x" not found\n' \
	    ./priv "$JAIL" -f jail.conf -c
	atf_check -o inline:'b\n' ./priv "$JLS" name
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: a: path: variable "x" not found\n' \
	    ./priv "$JAIL" -f jail.conf -c a
	atf_check -o inline:'b\n' ./priv "$JLS" name
}
bad_conf_variable_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- modify ----------------------------------------------------------------

atf_test_case modify_in_place cleanup
modify_in_place_head()
{
	atf_set descr "jail -m changes a running jail's hostname, stop.timeout" \
	    "and persist in place: its processes live on, jls shows the values"
	atf_set require.user root
}
modify_in_place_body()
{
	root=$(jb_root)
	jb_private
	atf_check ./priv "$JAIL" -c name=m path="$root" host.hostname=old \
	    persist
	./priv "$JEXEC" m sh -c 'touch /tmp/ready; exec sleep 1000' \
	    > /dev/null 2>&1 &
	bg=$!
	jb_wait_file "$root/tmp/ready"
	atf_check -o empty -e empty ./priv "$JAIL" -m name=m host.hostname=new \
	    stop.timeout=3
	atf_check -o inline:'new\n' ./priv "$JEXEC" m hostname
	atf_check -o empty -e empty ./priv "$JAIL" -m name=m \
	    host.domainname=example.org
	atf_check -o inline:'example.org\n' ./priv "$JLS" -j m host.domainname
	atf_check -o inline:'new 3\n' ./priv "$JLS" -j m host.hostname \
	    stop.timeout
	atf_check -o inline:'m: updated\n' -e empty ./priv "$JAIL" -v -m \
	    name=m host.hostname=newer
	atf_check -o inline:'sleep\n' -x "./priv '$JEXEC' m ps -o comm |
	    grep sleep"
	# The host's own name is untouched.
	atf_check -o inline:"$(hostname)\\n" hostname
	# Without persist the jail lasts as long as its processes.
	atf_check -o empty -e empty ./priv "$JAIL" -m name=m nopersist
	atf_check -o inline:'m\n' ./priv "$JLS" -j m name
	kill $bg
	wait $bg
	i=0
	while ./priv "$JLS" -j m jid > /dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 100 ] || atf_fail "the jail outlived its last process"
		sleep 0.1
	done
}
modify_in_place_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case modify_refused cleanup
modify_refused_head()
{
	atf_set descr "jail -m refuses to change what only a new jail can" \
	    "have, and a jail that does not exist, changing nothing"
	atf_set require.user root
}
modify_refused_body()
{
	root=$(jb_root)
	jb_private
	atf_check ./priv "$JAIL" -c name=m path="$root" host.hostname=old \
	    persist
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: m: allow.raw_sockets cannot be changed after creation\n' \
	    ./priv "$JAIL" -m name=m host.hostname=new allow.raw_sockets
	atf_check -o inline:'old false\n' ./priv "$JLS" -j m host.hostname \
	    allow.raw_sockets
	atf_check -s exit:1 -o empty -e inline:'jail: "nosuch" not found\n' \
	    ./priv "$JAIL" -m name=nosuch persist
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: m: allow.mount: not supported on Linux\n' \
	    ./priv "$JAIL" -m name=m allow.mount
}
modify_refused_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case modify_or_restart cleanup
modify_or_restart_head()
{
	atf_set descr "jail -mr restarts a jail to change a create-only" \
	    "parameter, keeping the rest of its parameters; jail -cm creates" \
	    "a jail or modifies it"
	atf_set require.user root
}
modify_or_restart_body()
{
	root=$(jb_root)
	jb_private
	atf_check -o empty ./priv "$JAIL" -cm name=a path="$root" \
	    host.hostname=keep persist
	atf_check -o inline:'keep false\n' ./priv "$JLS" -j a host.hostname \
	    allow.raw_sockets
	atf_check -o empty ./priv "$JAIL" -cm name=a host.hostname=kept
	atf_check -o inline:'kept\n' ./priv "$JLS" -j a host.hostname
	./priv "$JEXEC" a sh -c 'touch /tmp/ready; exec sleep 1000' \
	    > /dev/null 2>&1 &
	bg=$!
	jb_wait_file "$root/tmp/ready"
	atf_check -o inline:'a: removed\na: created\n' -e empty \
	    ./priv "$JAIL" -v -mr name=a allow.raw_sockets
	wait $bg
	[ $? -eq 143 ] || atf_fail "the jail's process outlived its restart"
	atf_check -o inline:"kept $root true true\\n" ./priv "$JLS" -j a \
	    host.hostname path allow.raw_sockets persist
	# Nothing to restart for: -mr modifies in place.
	atf_check -o empty -e empty ./priv "$JAIL" -mr name=a host.hostname=x
	atf_check -o inline:'x\n' ./priv "$JLS" -j a host.hostname
}
modify_or_restart_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case modify_configured cleanup
modify_configured_head()
{
	atf_set descr "jail -f F -m NAME applies the configuration's values" \
	    "to the running jail and says NAME: updated"
	atf_set require.user root
}
modify_configured_body()
{
	root=$(jb_root)
	jb_private
	printf 'path = "%s";\npersist;\nw { host.hostname = one; }\n' \
	    "$root" > jail.conf
	atf_check -o inline:'w: created\n' ./priv "$JAIL" -f jail.conf -c
	sed -i 's/one/two/' jail.conf
	atf_check -o inline:'w: updated\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -m w
	atf_check -o inline:'two\n' ./priv "$JEXEC" w hostname
	atf_check -o inline:'w: updated\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -cm w
}
modify_configured_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- exec.* steps ------------------------------------------------------------

atf_test_case exec_steps_order cleanup
exec_steps_order_head()
{
	atf_set descr "exec.prestart, exec.poststart, exec.prestop and" \
	    "exec.poststop run in FreeBSD's order with JID, JNAME and JPATH;" \
	    "jail -qr prints exactly what the stop commands print"
	atf_set require.user root
}
exec_steps_order_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
exec.prestart = "echo START";
exec.poststart = 'echo \$JID \$JNAME \$JPATH';
exec.prestop = "echo STOP";
exec.poststop = 'echo gone \$JID';
persist;
basejail {}
7 {}
EOF
	atf_check -o inline:"START\\nbasejail: created\\n1 basejail $root\\n" \
	    -e empty ./priv "$JAIL" -f jail.conf -c basejail
	atf_check -o inline:'STOP\ngone 1\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -qr basejail
	# A numeric block name is the jid.
	atf_check -o inline:"START\\n7: created\\n7 7 $root\\n" -e empty \
	    ./priv "$JAIL" -f jail.conf -c 7
	atf_check -o inline:'STOP\n7: removed\ngone 7\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -r 7
}
exec_steps_order_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case exec_start_in_jail cleanup
exec_start_in_jail_head()
{
	atf_set descr "exec.start runs in the jail, before command; a jail" \
	    "that does not persist lasts through its start commands and ends" \
	    "after them"
	atf_set require.user root
}
exec_start_in_jail_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
s { exec.start = "hostname"; host.hostname = inside;
    command = 'echo \$JNAME'; exec.poststart = "echo after"; }
EOF
	atf_check -o inline:'s: created\ninside\ns\nafter\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -c
	atf_check -o empty ./priv "$JLS" name
	# The same on the command line.
	atf_check -o inline:'inside\nafter\n' -e empty ./priv "$JAIL" -c \
	    path="$root" host.hostname=inside exec.poststart="echo after" \
	    command=hostname
	atf_check -o empty ./priv "$JLS" name
}
exec_start_in_jail_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case exec_failure_undone cleanup
exec_failure_undone_head()
{
	atf_set descr "a failing exec.start stops the create, removes the" \
	    "jail and runs exec.poststop and exec.release; a failing" \
	    "exec.prestart creates nothing"
	atf_set require.user root
}
exec_failure_undone_body()
{
	root=$(jb_root)
	jb_private
	jb_private_state > before
	cat > jail.conf <<EOF
path = "$root";
persist;
exec.prepare = "echo prepare";
exec.release = "echo release";
exec.poststop = "echo poststop";
a { exec.start = "false"; }
b { exec.prestart = "sh -c 'exit 3'"; }
EOF
	atf_check -s exit:1 -o inline:'prepare\na: created\npoststop\nrelease\n' \
	    -e inline:'jail: a: false: failed\n' ./priv "$JAIL" -f jail.conf -c a
	atf_check -s exit:1 -o inline:'prepare\nrelease\n' \
	    -e inline:"jail: b: sh -c 'exit 3': failed\\n" \
	    ./priv "$JAIL" -f jail.conf -c b
	jb_private_state > after
	atf_check -o file:before cat after
}
exec_failure_undone_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case exec_timeout_clean_log cleanup
exec_timeout_clean_log_head()
{
	atf_set descr "exec.timeout kills a command that runs too long;" \
	    "exec.clean gives a clean environment; exec.consolelog takes the" \
	    "output of the jail's commands and refuses a symlink in the jail" \
	    "tree; a trailing & runs in the background"
	atf_set require.user root
}
exec_timeout_clean_log_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
slow { exec.timeout = 1; exec.start = "sleep 30"; }
clean { exec.clean; exec.poststart = "env"; }
cleanin { exec.clean; command = "sh -c pwd"; }
logged { exec.consolelog = "$PWD/console.log"; exec.start = "echo to the log"; }
planted { exec.consolelog = "$root/tmp/link/x.log"; exec.start = "true"; }
bg { exec.start = "sleep 60 &"; }
EOF
	atf_check -s exit:1 -o inline:'slow: created\n' \
	    -e inline:'jail: slow: sleep 30: timed out\n' \
	    ./priv "$JAIL" -f jail.conf -c slow
	atf_check -o empty ./priv "$JLS" name
	TERM=xterm FOO=bar atf_check -o save:out ./priv "$JAIL" \
	    -f jail.conf -c clean
	atf_check -o inline:'HOME=/root\nPATH=/bin:/usr/bin\nSHELL=/bin/sh\nTERM=xterm\nUSER=root\nclean: created\n' \
	    -x "grep -v '^SHLVL=\\|^_=\\|^PWD=' out | sort"
	# In the jail: root's home there, from the jail's own passwd.
	mkdir -p "$root/etc" "$root/home/r"
	echo 'root:x:0:0:root:/home/r:/bin/sh' > "$root/etc/passwd"
	atf_check -o inline:'cleanin: created\n/home/r\n' ./priv "$JAIL" \
	    -f jail.conf -c cleanin
	atf_check -o inline:'logged: created\n' ./priv "$JAIL" -f jail.conf \
	    -c logged
	atf_check -o inline:'to the log\n' cat console.log
	mkdir -p "$root/tmp"
	ln -s / "$root/tmp/link"
	atf_check -s exit:1 -o inline:'planted: created\n' \
	    -e match:"^jail: planted: exec.consolelog $root/tmp/link/x.log: " \
	    ./priv "$JAIL" -f jail.conf -c planted
	[ ! -e /x.log ] || atf_fail "the log went through the jail's symlink"
	atf_check -o inline:'bg: created\n' ./priv "$JAIL" -f jail.conf -c bg
	atf_check -o match:sleep -x "./priv '$JEXEC' bg ps -o comm"
}
exec_timeout_clean_log_cleanup()
{
	rm -f /x.log
	jb_private_cleanup
	jb_cleanup
}

atf_test_case exec_users cleanup
exec_users_head()
{
	atf_set descr "-U runs the jail's commands as a user of the jail's" \
	    "own passwd, -u as a user of the host's, exec.system_user runs" \
	    "host commands as a host user; an unknown user fails"
	atf_set require.user root
}
exec_users_body()
{
	root=$(jb_root)
	jb_private
	mkdir -p "$root/etc"
	printf 'root:x:0:0:root:/root:/bin/sh\njailuser:x:4242:4242:J:/:/bin/sh\n' \
	    > "$root/etc/passwd"
	printf 'root:x:0:\njailuser:x:4242:\nstaff:x:4343:jailuser\n' \
	    > "$root/etc/group"
	atf_check -o inline:'4242 4242 4242 4343\n' -e empty ./priv "$JAIL" \
	    -U jailuser -c path="$root" command=sh -c \
	    'echo $(id -u) $(id -g) $(id -G)'
	atf_check -o inline:'65534\n' -e empty ./priv "$JAIL" -u nobody \
	    -c path="$root" command=id -u
	atf_check -o inline:'65534\n' -e empty ./priv "$JAIL" -c \
	    path="$root" exec.system_user=nobody exec.poststart="id -u" \
	    command=true
	# The three jails above had jids 1 to 3.
	atf_check -s exit:1 -o empty -e inline:'jail: 4: nosuch: no such user\n' \
	    ./priv "$JAIL" -U nosuch -c path="$root" command=true
	atf_check -o empty ./priv "$JLS" name
}
exec_users_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case cleanup_removed cleanup
cleanup_removed_head()
{
	atf_set descr "jail -C -r runs exec.poststop and exec.release of a" \
	    "configured jail that is no longer running; -C needs -r"
	atf_set require.user root
}
cleanup_removed_body()
{
	root=$(jb_root)
	jb_private
	cat > jail.conf <<EOF
path = "$root";
persist;
exec.poststop = 'echo poststop \$JNAME';
exec.release = "echo release";
g {}
EOF
	atf_check -s exit:1 -o empty -e inline:'jail: "g" not found\n' \
	    ./priv "$JAIL" -f jail.conf -r g
	atf_check -o inline:'poststop g\nrelease\n' -e empty \
	    ./priv "$JAIL" -f jail.conf -C -r g
	atf_check -s exit:1 -o empty -e match:'^usage:' \
	    ./priv "$JAIL" -f jail.conf -C -c g
}
cleanup_removed_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_init_test_cases()
{
	atf_add_test_case conf_create_all_remove_all
	atf_add_test_case conf_create_one
	atf_add_test_case conf_create_wildcard

	atf_add_test_case depend_create_order
	atf_add_test_case depend_remove_order
	atf_add_test_case depend_loop
	atf_add_test_case depend_undefined
	atf_add_test_case depend_failure_skips

	atf_add_test_case command_then_jail_ends
	atf_add_test_case command_failure_reported
	atf_add_test_case command_shell_metacharacters

	atf_add_test_case notes_quiet_and_verbose

	atf_add_test_case remove_conf_stop_timeout
	atf_add_test_case remove_conf_by_jid
	atf_add_test_case remove_R_ignores_conf

	atf_add_test_case jid_file_command_line
	atf_add_test_case jid_file_configured
	atf_add_test_case parallel_limit_one

	atf_add_test_case restart_running
	atf_add_test_case restart_not_running

	atf_add_test_case old_form_command
	atf_add_test_case old_form_name
	atf_add_test_case old_form_jid_file
	atf_add_test_case old_form_address

	atf_add_test_case bad_conf_syntax_error
	atf_add_test_case bad_conf_unknown_parameter
	atf_add_test_case bad_conf_missing
	atf_add_test_case bad_conf_variable
	atf_add_test_case modify_in_place
	atf_add_test_case modify_refused
	atf_add_test_case modify_or_restart
	atf_add_test_case modify_configured
	atf_add_test_case exec_steps_order
	atf_add_test_case exec_start_in_jail
	atf_add_test_case exec_failure_undone
	atf_add_test_case exec_timeout_clean_log
	atf_add_test_case exec_users
	atf_add_test_case cleanup_removed
}
