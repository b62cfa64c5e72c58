#! /usr/bin/env atf-sh
# jexec(8): running a command inside a running jail: its status, its view
# of the jail (processes, hostname, files, namespaces, cgroup), what it
# inherits from the caller, and the errors.

. "$(atf_get_srcdir)/common.subr"

export LC_ALL=C

# jb_jail NAME [PARAM ...]: a persistent jail on a fresh root; sets root.
jb_jail()
{
	root=$(jb_root)
	n=$1
	shift
	atf_check -o empty -e empty "$JAIL" -c name="$n" path="$root" \
	    host.hostname="$n.example" persist "$@"
}

# jb_user_jail NAME: jb_jail on a root with its own users: jailuser
# (4242, in staff 4343 too) with a home, and a root entry whose shell is
# /bin/ash so that it differs from any the host may have.
jb_user_jail()
{
	root=$(jb_root)
	mkdir -p "$root/home/jailuser" "$root/root"
	chown 4242:4242 "$root/home/jailuser"
	cat > "$root/etc/passwd" <<EOF
root:x:0:0:root:/root:/bin/ash
jailuser:x:4242:4242:Jail User:/home/jailuser:/bin/sh
EOF
	cat > "$root/etc/group" <<EOF
root:x:0:
jailuser:x:4242:
staff:x:4343:other,jailuser
EOF
	atf_check -o empty -e empty "$JAIL" -c name="$1" path="$root" \
	    host.hostname="$1.example" persist
}

atf_test_case usage_no_arguments
usage_no_arguments_head()
{
	atf_set descr "jexec without a jail prints its usage"
}
usage_no_arguments_body()
{
	atf_check -s exit:1 -o empty -e inline:"$JEXEC_USAGE" "$JEXEC"
}

atf_test_case usage_unknown_option
usage_unknown_option_head()
{
	atf_set descr "jexec -x names the bad option, prefixed with jexec:," \
	    "then prints its usage"
}
usage_unknown_option_body()
{
	atf_check -s exit:1 -o empty \
	    -e inline:"jexec: invalid option -- 'x'\\n$JEXEC_USAGE" \
	    "$JEXEC" -x www true
}

atf_test_case must_be_root
must_be_root_head()
{
	atf_set descr "jexec run by another user than root is refused"
	atf_set require.user root
}
must_be_root_body()
{
	atf_check -s exit:1 -o empty -e inline:'jexec: must be run as root\n' \
	    setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$JEXEC" www true
}

atf_test_case unknown_jail
unknown_jail_head()
{
	atf_set descr "jexec of an unknown jail fails with a message"
	atf_set require.user root
}
unknown_jail_body()
{
	atf_check -s exit:1 -o empty \
	    -e inline:'jexec: jail "jexec-test-no-such-jail" not found\n' \
	    "$JEXEC" jexec-test-no-such-jail true
	atf_check -s exit:1 -o empty -e inline:'jexec: jail "a\\tb" not found\n' \
	    "$JEXEC" "$(printf 'a\tb')" true
}

atf_test_case by_name_and_jid cleanup
by_name_and_jid_head()
{
	atf_set descr "jexec finds a jail by name and by jid"
	atf_set require.user root
}
by_name_and_jid_body()
{
	n=$(jb_name byname)
	jb_jail "$n"
	jid=$(jb_jid "$n")
	atf_check -o inline:'by name\n' "$JEXEC" "$n" echo by name
	atf_check -o inline:'by jid\n' "$JEXEC" "$jid" echo by jid
}
by_name_and_jid_cleanup()
{
	jb_cleanup
}

atf_test_case exit_status_is_commands cleanup
exit_status_is_commands_head()
{
	atf_set descr "jexec exits with the command's exit status"
	atf_set require.user root
}
exit_status_is_commands_body()
{
	n=$(jb_name status)
	jb_jail "$n"
	atf_check -s exit:0 "$JEXEC" "$n" true
	atf_check -s exit:1 "$JEXEC" "$n" false
	atf_check -s exit:5 "$JEXEC" "$n" sh -c 'exit 5'
	atf_check -s exit:255 "$JEXEC" "$n" sh -c 'exit 255'
}
exit_status_is_commands_cleanup()
{
	jb_cleanup
}

atf_test_case signal_death_is_commands cleanup
signal_death_is_commands_head()
{
	atf_set descr "when the command is killed by a signal, jexec dies" \
	    "of the same signal"
	atf_set require.user root
}
signal_death_is_commands_body()
{
	n=$(jb_name signal)
	jb_jail "$n"
	atf_check -s signal:usr1 "$JEXEC" "$n" sh -c 'kill -USR1 $$'
	atf_check -s signal:term "$JEXEC" "$n" sh -c 'kill -TERM $$'
	atf_check -s signal:kill "$JEXEC" "$n" sh -c 'kill -KILL $$'
	atf_check -s signal:hup "$JEXEC" "$n" sh -c 'kill -HUP $$'
}
signal_death_is_commands_cleanup()
{
	jb_cleanup
}

atf_test_case command_not_found cleanup
command_not_found_head()
{
	atf_set descr "a command that is not in the jail is reported"
	atf_set require.user root
}
command_not_found_body()
{
	n=$(jb_name notfound)
	jb_jail "$n"
	atf_check -s exit:1 -o empty \
	    -e inline:'jexec: execvp: /nope: No such file or directory\n' \
	    "$JEXEC" "$n" /nope
	# A program of the host that the jail's root lacks.
	atf_check -s exit:1 -o empty \
	    -e inline:'jexec: execvp: /usr/bin/env: No such file or directory\n' \
	    "$JEXEC" "$n" /usr/bin/env
}
command_not_found_cleanup()
{
	jb_cleanup
}

atf_test_case no_command_runs_interactive_shell cleanup
no_command_runs_interactive_shell_head()
{
	atf_set descr "without a command jexec runs \$SHELL -i, or /bin/sh" \
	    "-i when SHELL is unset or empty"
	atf_set require.user root
}
no_command_runs_interactive_shell_body()
{
	n=$(jb_name shell)
	jb_jail "$n"
	atf_check -s exit:4 -o match:'in-jail' -e ignore -x \
	    "echo 'echo in-jail; exit 4' | SHELL=/bin/sh '$JEXEC' '$n'"
	atf_check -s exit:0 -o match:'\[/bin/ash\]\[[a-zA-Z]*i' -e ignore -x \
	    "echo 'echo \"[\$0][\$-]\"' | SHELL=/bin/ash '$JEXEC' '$n'"
	atf_check -s exit:0 -o match:'\[/bin/sh\]\[[a-zA-Z]*i' -e ignore -x \
	    "echo 'echo \"[\$0][\$-]\"' | env -u SHELL '$JEXEC' '$n'"
	atf_check -s exit:0 -o match:'\[/bin/sh\]\[[a-zA-Z]*i' -e ignore -x \
	    "echo 'echo \"[\$0][\$-]\"' | SHELL= '$JEXEC' '$n'"
}
no_command_runs_interactive_shell_cleanup()
{
	jb_cleanup
}

atf_test_case sees_only_jail_processes cleanup
sees_only_jail_processes_head()
{
	atf_set descr "a jexec'd command sees the jail's init and itself," \
	    "no host process"
	atf_set require.user root
}
sees_only_jail_processes_body()
{
	n=$(jb_name ps)
	jb_jail "$n"
	ln -s /bin/sleep "sleep-marker-$$"
	"./sleep-marker-$$" 1000 > /dev/null 2>&1 &
	echo $! > host-sleep
	atf_check -o inline:'PID   COMMAND\n    1 jail\n    2 ps\n' \
	    "$JEXEC" "$n" ps -o pid,comm
	atf_check -s exit:1 -o empty -x \
	    "'$JEXEC' '$n' ps -o args | grep sleep-marker"
	kill "$(cat host-sleep)"
}
sees_only_jail_processes_cleanup()
{
	[ -f host-sleep ] && kill "$(cat host-sleep)" 2>/dev/null
	jb_cleanup
}

atf_test_case proc_1_is_jail_init cleanup
proc_1_is_jail_init_head()
{
	atf_set descr "in the jail, /proc/1 is the jail's init recorded in" \
	    "its registry entry"
	atf_set require.user root
}
proc_1_is_jail_init_body()
{
	n=$(jb_name init)
	jb_jail "$n"
	jid=$(jb_jid "$n")
	start=$(cut -d' ' -f2 "/run/jail/$jid/init")
	atf_check -o inline:"1 $start\\n" "$JEXEC" "$n" sh -c \
	    'set -- $(cat /proc/1/stat); eval echo \$1 \${22}'
	atf_check -o inline:'jail\n' "$JEXEC" "$n" cat /proc/1/comm
}
proc_1_is_jail_init_cleanup()
{
	jb_cleanup
}

atf_test_case sees_jail_hostname cleanup
sees_jail_hostname_head()
{
	atf_set descr "a jexec'd command sees the jail's hostname"
	atf_set require.user root
}
sees_jail_hostname_body()
{
	n=$(jb_name host)
	before=$(hostname)
	jb_jail "$n"
	atf_check -o inline:"$n.example\\n" "$JEXEC" "$n" hostname
	atf_check -o inline:"$n.example\\n" "$JEXEC" "$n" cat \
	    /proc/sys/kernel/hostname
	atf_check -o inline:"$before\\n" hostname
}
sees_jail_hostname_cleanup()
{
	jb_cleanup
}

atf_test_case sees_only_jail_files cleanup
sees_only_jail_files_head()
{
	atf_set descr "a jexec'd command sees the jail's root as /; a file" \
	    "outside it is unreachable"
	atf_set require.user root
}
sees_only_jail_files_body()
{
	n=$(jb_name files)
	jb_jail "$n"
	here=$(pwd -P)
	m=jb-marker-$$
	echo outside > "$m"
	echo inside > "$root/tmp/$m"
	atf_check -o inline:'inside\n' "$JEXEC" "$n" cat "/tmp/$m"
	atf_check -o inline:'inside\n' "$JEXEC" "$n" cat "/../../tmp/$m"
	atf_check -s exit:1 -o empty -e match:"can't open" \
	    "$JEXEC" "$n" cat "/../../$m"
	atf_check -s exit:1 -o empty -e match:"can't open" \
	    "$JEXEC" "$n" cat "$here/$m"
	atf_check -o inline:"/tmp/$m\\n" "$JEXEC" "$n" \
	    find / -path /proc -prune -o -name "$m" -print
	atf_check -o inline:'/\n/proc\n' -x \
	    "'$JEXEC' '$n' cat /proc/self/mountinfo |
	    awk '{ print \$5 }' | grep -v '^/proc/'"
}
sees_only_jail_files_cleanup()
{
	jb_cleanup
}

atf_test_case joins_jail_namespaces cleanup
joins_jail_namespaces_head()
{
	atf_set descr "a jexec'd command is in every namespace of the" \
	    "jail's init"
	atf_set require.user root
}
joins_jail_namespaces_body()
{
	n=$(jb_name ns)
	jb_jail "$n"
	pid=$(jb_init_pid "$(jb_jid "$n")")
	for ns in mnt uts ipc pid net cgroup; do
		want=$(readlink "/proc/$pid/ns/$ns")
		[ "$want" != "$(readlink "/proc/self/ns/$ns")" ] ||
		    atf_fail "the jail shares the host's $ns namespace"
		atf_check -o inline:"$want\\n" "$JEXEC" "$n" \
		    readlink "/proc/self/ns/$ns"
	done
}
joins_jail_namespaces_cleanup()
{
	jb_cleanup
}

atf_test_case joins_jail_cgroup cleanup
joins_jail_cgroup_head()
{
	atf_set descr "a jexec'd command is in the jail's cgroup, the root" \
	    "of the jail's cgroup namespace"
	atf_set require.user root
}
joins_jail_cgroup_body()
{
	n=$(jb_name cgroup)
	jb_jail "$n"
	jid=$(jb_jid "$n")
	cg=$(awk '/ - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
	atf_check -o inline:'0::/\n' -x \
	    "'$JEXEC' '$n' cat /proc/self/cgroup | grep '^0::'"
	"$JEXEC" "$n" sh -c 'touch /tmp/ready; exec sleep 1000' \
	    > /dev/null 2>&1 &
	bg=$!
	i=0
	while [ ! -e "$root/tmp/ready" ]; do
		i=$((i + 1))
		[ $i -le 500 ] || atf_fail "the jexec'd sleep did not start"
		sleep 0.02
	done
	atf_check -o inline:'sleep\n' -x "for p in \$(cat '$cg/jailbox/$jid/cgroup.procs'); do
	    cat /proc/\$p/comm; done | grep -x sleep"
	atf_check "$JAIL" -r "$n"
	wait $bg
	rc=$?
	[ $rc -eq 143 ] || atf_fail "jexec sleep ended with $rc, not 143 (TERM)"
}
joins_jail_cgroup_cleanup()
{
	jb_cleanup
}

atf_test_case loopback_only cleanup
loopback_only_head()
{
	atf_set descr "a jexec'd command sees only the jail's lo, up"
	atf_set require.user root
}
loopback_only_body()
{
	n=$(jb_name net)
	jb_jail "$n"
	atf_check -o save:links "$JEXEC" "$n" ip link
	atf_check -o inline:'1\n' grep -c '^[0-9]' links
	atf_check -o match:'^1: lo: <LOOPBACK,UP' cat links
}
loopback_only_cleanup()
{
	jb_cleanup
}

atf_test_case inherits_no_descriptors cleanup
inherits_no_descriptors_head()
{
	atf_set descr "descriptors above 2 of jexec's caller do not reach" \
	    "the command"
	atf_set require.user root
}
inherits_no_descriptors_body()
{
	n=$(jb_name fds)
	jb_jail "$n"
	exec 7< /etc/passwd 9> fd9
	# The descriptors do reach a host command run the same way ...
	atf_check -o match:'^7$' -o match:'^9$' ls /proc/self/fd
	# ... but not the jailed one: 3 is ls's own directory.
	atf_check -o inline:'0\n1\n2\n3\n' "$JEXEC" "$n" ls /proc/self/fd
	atf_check -s exit:1 -o empty -e ignore "$JEXEC" "$n" \
	    readlink /proc/self/fd/7
	exec 7<&- 9>&-
}
inherits_no_descriptors_cleanup()
{
	jb_cleanup
}

atf_test_case working_directory_is_root cleanup
working_directory_is_root_head()
{
	atf_set descr "a jexec'd command starts in the jail's /, wherever" \
	    "jexec was run from"
	atf_set require.user root
}
working_directory_is_root_body()
{
	n=$(jb_name cwd)
	jb_jail "$n"
	atf_check -o inline:'/\n' "$JEXEC" "$n" pwd
	mkdir -p "$root/tmp/deep"
	atf_check -o inline:'/\n' -x "cd '$root/tmp/deep' && '$JEXEC' '$n' pwd"
	atf_check -o inline:'/\n' -x "cd / && '$JEXEC' '$n' pwd"
	atf_check -o inline:'/\n' -x "cd '$root/tmp/deep' && '$JEXEC' '$n' \
	    readlink /proc/self/cwd"
}
working_directory_is_root_cleanup()
{
	jb_cleanup
}

atf_test_case gets_callers_stdio_and_environment cleanup
gets_callers_stdio_and_environment_head()
{
	atf_set descr "the command reads jexec's stdin, writes to its" \
	    "stdout and stderr, and gets its environment"
	atf_set require.user root
}
gets_callers_stdio_and_environment_body()
{
	n=$(jb_name stdio)
	jb_jail "$n"
	atf_check -o inline:'piped in\n' -x "echo 'piped in' | '$JEXEC' '$n' cat"
	atf_check -o inline:'out\n' -e inline:'err\n' "$JEXEC" "$n" \
	    sh -c 'echo out; echo err >&2'
	atf_check -o inline:'bar\n' env FOO=bar "$JEXEC" "$n" sh -c 'echo $FOO'
}
gets_callers_stdio_and_environment_cleanup()
{
	jb_cleanup
}

atf_test_case arguments_passed_verbatim cleanup
arguments_passed_verbatim_head()
{
	atf_set descr "the command's arguments reach it unchanged, options" \
	    "included"
	atf_set require.user root
}
arguments_passed_verbatim_body()
{
	n=$(jb_name args)
	jb_jail "$n"
	atf_check -o inline:'[-v][a b][$HOME][*]\n' "$JEXEC" "$n" sh -c \
	    'for a; do printf "[%s]" "$a"; done; echo' sh -v 'a b' '$HOME' '*'
}
arguments_passed_verbatim_cleanup()
{
	jb_cleanup
}

atf_test_case removed_jail_not_found cleanup
removed_jail_not_found_head()
{
	atf_set descr "after jail -r, jexec no longer finds the jail"
	atf_set require.user root
}
removed_jail_not_found_body()
{
	n=$(jb_name removed)
	jb_jail "$n"
	jid=$(jb_jid "$n")
	atf_check "$JAIL" -r "$n"
	atf_check -s exit:1 -o empty -e inline:"jexec: jail \"$n\" not found\\n" \
	    "$JEXEC" "$n" true
}
removed_jail_not_found_cleanup()
{
	jb_cleanup
}

atf_test_case dead_jail_not_found cleanup
dead_jail_not_found_head()
{
	atf_set descr "jexec refuses a jail whose init was killed"
	atf_set require.user root
}
dead_jail_not_found_body()
{
	n=$(jb_name dead)
	jb_jail "$n"
	jid=$(jb_jid "$n")
	echo "$jid" > dead-jid
	pid=$(jb_init_pid "$jid")
	kill -9 "$pid"
	jb_wait_gone "$pid"
	atf_check -s exit:1 -o empty -e inline:"jexec: jail \"$n\" not found\\n" \
	    "$JEXEC" "$n" true
}
dead_jail_not_found_cleanup()
{
	jb_cleanup
}

atf_test_case does_not_end_persistent_jail cleanup
does_not_end_persistent_jail_head()
{
	atf_set descr "a persistent jail stays after the jexec'd command" \
	    "ends, even when it was the only process"
	atf_set require.user root
}
does_not_end_persistent_jail_body()
{
	n=$(jb_name stays)
	jb_jail "$n"
	atf_check "$JEXEC" "$n" true
	atf_check -s exit:3 "$JEXEC" "$n" sh -c 'exit 3'
	atf_check -o inline:"$n\\n" "$JLS" -j "$n" name
}
does_not_end_persistent_jail_cleanup()
{
	jb_cleanup
}

atf_test_case last_process_ends_nonpersistent_jail cleanup
last_process_ends_nonpersistent_jail_head()
{
	atf_set descr "when a jexec'd command is the last process of a" \
	    "jail without persist, the jail is removed after it"
	atf_set require.user root
}
last_process_ends_nonpersistent_jail_body()
{
	root=$(jb_root)
	n=$(jb_name last)
	# The jail's own command waits for the jexec'd one to start.
	"$JAIL" -c name="$n" path="$root" command=/bin/sh -c \
	    'touch /tmp/ready; i=0
	    while [ ! -e /tmp/go ] && [ $i -lt 500 ]; do
		sleep 0.02; i=$((i + 1)); done' > jail.out 2>&1 &
	bg=$!
	i=0
	while [ ! -e "$root/tmp/ready" ]; do
		i=$((i + 1))
		[ $i -le 500 ] || atf_fail "the jail's command did not start"
		sleep 0.02
	done
	jid=$(jb_jid "$n")
	echo "$jid" > jid
	# The jexec'd command outlives the jail's: it waits for pid 2 to go.
	atf_check -o inline:'last\n' "$JEXEC" "$n" sh -c 'touch /tmp/go; i=0
	    while [ -e /proc/2 ] && [ $i -lt 500 ]; do
		sleep 0.02; i=$((i + 1)); done; echo last'
	wait $bg
	atf_check -o empty cat jail.out
	atf_check -s exit:1 -o empty -e inline:"jls: jail \"$n\" not found\\n" \
	    "$JLS" -j "$n" name
	case "$(sed -n 's/^path=//p' "/run/jail/$jid/params" 2>/dev/null)" in
	"$(pwd -P)"/*) atf_fail "/run/jail/$jid is left" ;;
	esac
}
last_process_ends_nonpersistent_jail_cleanup()
{
	jb_cleanup
}

atf_test_case usage_u_and_U
usage_u_and_U_head()
{
	atf_set descr "jexec refuses -u together with -U, and a bad -e"
}
usage_u_and_U_body()
{
	atf_check -s exit:1 -o empty -e inline:"$JEXEC_USAGE" \
	    "$JEXEC" -u root -U root www true
	atf_check -s exit:1 -o empty \
	    -e inline:'jexec: -e FOO: not name=value\n' "$JEXEC" -e FOO www true
	atf_check -s exit:1 -o empty \
	    -e inline:'jexec: -e =x: not name=value\n' "$JEXEC" -e =x www true
}

atf_test_case user_in_jail cleanup
user_in_jail_head()
{
	atf_set descr "jexec -U runs the command as a user of the jail's own" \
	    "passwd and group files, with every group and no capability"
	atf_set require.user root
}
user_in_jail_body()
{
	n=$(jb_name juser)
	jb_user_jail "$n"
	atf_check -o inline:'uid=4242(jailuser) gid=4242(jailuser) groups=4242(jailuser),4343(staff)\n' \
	    "$JEXEC" -U jailuser "$n" id
	atf_check -o inline:'4242 4242 4242 4242\n4242 4242 4242 4242\n' \
	    -x "'$JEXEC' -U jailuser '$n' cat /proc/self/status |
	    grep -E '^(Uid|Gid):' | cut -f2-5 | tr '\t' ' '"
	atf_check -o inline:'CapInh:\t0000000000000000\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\nCapAmb:\t0000000000000000\n' \
	    -x "'$JEXEC' -U jailuser '$n' cat /proc/self/status |
	    grep -E '^Cap(Inh|Prm|Eff|Amb)'"
	# By uid too; the user cannot do what root does.
	atf_check -o inline:'jailuser\n' "$JEXEC" -U 4242 "$n" id -un
	atf_check -s exit:1 -o empty -e ignore "$JEXEC" -U jailuser "$n" \
	    touch /etc/passwd
	# Without -l: HOME, SHELL and USER are the user's, the rest the
	# caller's, and the command starts in the jail's /.
	atf_check -o inline:'jailuser /home/jailuser /bin/sh kept /\n' \
	    env FOO=kept "$JEXEC" -U jailuser "$n" sh -c \
	    'echo $USER $HOME $SHELL $FOO $(pwd)'
}
user_in_jail_cleanup()
{
	jb_cleanup
}

atf_test_case user_on_host cleanup
user_on_host_head()
{
	atf_set descr "jexec -u looks the user up in the host's passwd file," \
	    "not the jail's"
	atf_set require.user root
}
user_on_host_body()
{
	n=$(jb_name huser)
	jb_user_jail "$n"
	grep -q '^nobody:' /etc/passwd || atf_skip "the host has no nobody"
	uid=$(awk -F: '$1 == "nobody" { print $3 }' /etc/passwd)
	gid=$(awk -F: '$1 == "nobody" { print $4 }' /etc/passwd)
	atf_check -o inline:"$uid $gid nobody\\n" "$JEXEC" -u nobody "$n" \
	    sh -c 'echo $(id -u) $(id -g) $USER'
	# The jail knows no nobody, the host no jailuser.
	atf_check -s exit:1 -o empty -e inline:'jexec: nobody: no such user\n' \
	    "$JEXEC" -U nobody "$n" id
	if ! grep -q '^jailuser:' /etc/passwd; then
		atf_check -s exit:1 -o empty \
		    -e inline:'jexec: jailuser: no such user\n' \
		    "$JEXEC" -u jailuser "$n" id
	fi
}
user_on_host_cleanup()
{
	jb_cleanup
}

atf_test_case unknown_user cleanup
unknown_user_head()
{
	atf_set descr "an unknown user is reported and nothing runs"
	atf_set require.user root
}
unknown_user_body()
{
	n=$(jb_name nouser)
	jb_user_jail "$n"
	atf_check -s exit:1 -o empty -e inline:'jexec: U: no such user\n' \
	    "$JEXEC" -U U "$n" touch /tmp/ran
	atf_check -s exit:1 -o empty \
	    -e inline:'jexec: jexec-no-such-user: no such user\n' \
	    "$JEXEC" -u jexec-no-such-user "$n" touch /tmp/ran
	[ ! -e "$root/tmp/ran" ] || atf_fail "the command ran"
	# A jail without /etc/passwd has no users at all.
	rm "$root/etc/passwd"
	atf_check -s exit:1 -o empty -e inline:'jexec: root: no such user\n' \
	    "$JEXEC" -U root "$n" true
}
unknown_user_cleanup()
{
	jb_cleanup
}

atf_test_case clean_environment cleanup
clean_environment_head()
{
	atf_set descr "jexec -l keeps only TERM and sets HOME, SHELL, USER" \
	    "and PATH, in the user's home"
	atf_set require.user root
}
clean_environment_body()
{
	n=$(jb_name clean)
	jb_user_jail "$n"
	atf_check -o inline:'HOME=/home/jailuser\nPATH=/bin:/usr/bin\nSHELL=/bin/sh\nTERM=vt100\nUSER=jailuser\n' \
	    -x "env -i FOO=bar TERM=vt100 '$JEXEC' -l -U jailuser '$n' env |
	    sort"
	atf_check -o inline:'HOME=/home/jailuser\nPATH=/bin:/usr/bin\nSHELL=/bin/sh\nUSER=jailuser\n' \
	    -x "env -u TERM FOO=bar '$JEXEC' -l -U jailuser '$n' env | sort"
	atf_check -o inline:'/home/jailuser\n' "$JEXEC" -l -U jailuser "$n" pwd
	# The jail's root, by its own entry: its shell is the one run.
	atf_check -o inline:'root /root /bin/ash\n/root\n' \
	    "$JEXEC" -l -U root "$n" sh -c 'echo $USER $HOME $SHELL; pwd'
	atf_check -s exit:0 -o match:'\[/bin/ash\]' -e ignore -x \
	    "echo 'echo \"[\$0]\"' | '$JEXEC' -l -U root '$n'"
	# Without a user: the host's root, in the jail's /.
	atf_check -o inline:'root /\n' "$JEXEC" -l "$n" sh -c \
	    'echo $USER $(pwd)'
}
clean_environment_cleanup()
{
	jb_cleanup
}

atf_test_case working_directory_option cleanup
working_directory_option_head()
{
	atf_set descr "jexec -d sets the working directory inside the jail," \
	    "over -l's home; a missing one is reported"
	atf_set require.user root
}
working_directory_option_body()
{
	n=$(jb_name dir)
	jb_user_jail "$n"
	mkdir -p "$root/tmp/deep"
	atf_check -o inline:'/tmp/deep\n' "$JEXEC" -d /tmp/deep "$n" pwd
	atf_check -o inline:'/tmp\n' "$JEXEC" -d /tmp/deep/.. "$n" pwd
	atf_check -o inline:'/tmp\n' "$JEXEC" -l -U jailuser -d /tmp "$n" pwd
	atf_check -s exit:1 -o empty \
	    -e inline:'jexec: chdir: /nope: No such file or directory\n' \
	    "$JEXEC" -d /nope "$n" pwd
	# Changed into as the user: a directory closed to it is refused.
	mkdir -m 700 "$root/tmp/closed"
	atf_check -s exit:1 -o empty \
	    -e inline:'jexec: chdir: /tmp/closed: Permission denied\n' \
	    "$JEXEC" -U jailuser -d /tmp/closed "$n" pwd
}
working_directory_option_cleanup()
{
	jb_cleanup
}

atf_test_case environment_option cleanup
environment_option_head()
{
	atf_set descr "jexec -e adds and overrides variables, last of all"
	atf_set require.user root
}
environment_option_body()
{
	n=$(jb_name env)
	jb_user_jail "$n"
	atf_check -o inline:'a=b c x=y=z\n' "$JEXEC" -e FOO=a=b -e BAR=c \
	    -e 'X=x=y=z' "$n" sh -c 'echo "$FOO $BAR $X"'
	atf_check -o inline:'other /bin/ash\n' "$JEXEC" -l -U jailuser \
	    -e USER=other -e SHELL=/bin/ash "$n" sh -c 'echo $USER $SHELL'
	atf_check -o inline:'[]\n' "$JEXEC" -e EMPTY= "$n" sh -c \
	    'echo "[${EMPTY-unset}]"'
	atf_check -o inline:'/x\n' "$JEXEC" -l -e PATH=/x "$n" /bin/sh -c \
	    'echo $PATH'
}
environment_option_cleanup()
{
	jb_cleanup
}

atf_test_case passwd_symlink_not_followed_out cleanup
passwd_symlink_not_followed_out_head()
{
	atf_set descr "a passwd or group symlink the jail plants toward a" \
	    "host file is resolved inside the jail, never read on the host"
	atf_set require.user root
}
passwd_symlink_not_followed_out_body()
{
	n=$(jb_name symlink)
	jb_user_jail "$n"
	here=$(pwd -P)
	echo 'hostonly:x:4444:4444::/:/bin/sh' > host-passwd
	echo 'hostgroup:x:4545:jailuser' > host-group
	rm "$root/etc/passwd"
	ln -s "$here/host-passwd" "$root/etc/passwd"
	atf_check -s exit:1 -o empty -e inline:'jexec: hostonly: no such user\n' \
	    "$JEXEC" -U hostonly "$n" id
	rm "$root/etc/passwd"
	ln -s "../../../../../../../../../../$here/host-passwd" \
	    "$root/etc/passwd"
	atf_check -s exit:1 -o empty -e inline:'jexec: hostonly: no such user\n' \
	    "$JEXEC" -U hostonly "$n" id
	# The group file likewise: jailuser gets no host group.
	rm "$root/etc/passwd" "$root/etc/group"
	echo 'jailuser:x:4242:4242::/:/bin/sh' > "$root/etc/passwd"
	ln -s "$here/host-group" "$root/etc/group"
	atf_check -o inline:'4242\n' "$JEXEC" -U jailuser "$n" id -G
	# A link through /proc is refused, not followed.
	rm "$root/etc/passwd"
	ln -s /proc/self/root/etc/passwd "$root/etc/passwd"
	atf_check -s exit:1 -o empty -e match:'^jexec: /etc/passwd: ' \
	    "$JEXEC" -U jailuser "$n" id
}
passwd_symlink_not_followed_out_cleanup()
{
	jb_cleanup
}

atf_test_case passwd_malformed_lines_skipped cleanup
passwd_malformed_lines_skipped_head()
{
	atf_set descr "malformed passwd and group lines are skipped; a" \
	    "passwd that is not a regular file is refused"
	atf_set require.user root
}
passwd_malformed_lines_skipped_body()
{
	n=$(jb_name malformed)
	jb_user_jail "$n"
	cat > "$root/etc/passwd" <<EOF
short:x:1:1:/home/short
neg:x:-5:5::/:/bin/sh
hex:x:0x10:5::/:/bin/sh
+nis:x:6:6::/:/bin/sh
jailuser:x:4242:4242:Jail User:/home/jailuser:/bin/sh
jailuser:x:0:0:second entry ignored:/:/bin/sh
EOF
	printf 'bad:x:zz:jailuser\nstaff:x:4343:jailuser\n' > "$root/etc/group"
	for u in short neg hex +nis nis; do
		atf_check -s exit:1 -o empty \
		    -e inline:"jexec: $u: no such user\\n" \
		    "$JEXEC" -U "$u" "$n" id
	done
	# busybox id itself complains of the bad lines.
	atf_check -o inline:'4242 4242 4343\n' -e ignore "$JEXEC" -U jailuser \
	    "$n" sh -c 'echo $(id -u) $(id -G)'
	rm "$root/etc/passwd"
	mkfifo "$root/etc/passwd"
	atf_check -s exit:1 -o empty \
	    -e inline:'jexec: /etc/passwd: not a regular file\n' \
	    "$JEXEC" -U jailuser "$n" id
}
passwd_malformed_lines_skipped_cleanup()
{
	jb_cleanup
}

atf_init_test_cases()
{
	atf_add_test_case usage_no_arguments
	atf_add_test_case usage_unknown_option
	atf_add_test_case must_be_root
	atf_add_test_case unknown_jail
	atf_add_test_case by_name_and_jid
	atf_add_test_case exit_status_is_commands
	atf_add_test_case signal_death_is_commands
	atf_add_test_case command_not_found
	atf_add_test_case no_command_runs_interactive_shell
	atf_add_test_case sees_only_jail_processes
	atf_add_test_case proc_1_is_jail_init
	atf_add_test_case sees_jail_hostname
	atf_add_test_case sees_only_jail_files
	atf_add_test_case joins_jail_namespaces
	atf_add_test_case joins_jail_cgroup
	atf_add_test_case loopback_only
	atf_add_test_case inherits_no_descriptors
	atf_add_test_case working_directory_is_root
	atf_add_test_case gets_callers_stdio_and_environment
	atf_add_test_case arguments_passed_verbatim
	atf_add_test_case removed_jail_not_found
	atf_add_test_case dead_jail_not_found
	atf_add_test_case does_not_end_persistent_jail
	atf_add_test_case last_process_ends_nonpersistent_jail
	atf_add_test_case usage_u_and_U
	atf_add_test_case user_in_jail
	atf_add_test_case user_on_host
	atf_add_test_case unknown_user
	atf_add_test_case clean_environment
	atf_add_test_case working_directory_option
	atf_add_test_case environment_option
	atf_add_test_case passwd_symlink_not_followed_out
	atf_add_test_case passwd_malformed_lines_skipped
}
