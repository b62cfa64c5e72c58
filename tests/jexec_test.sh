#! /usr/bin/env atf-sh
# jexec(8): running a command inside a running jail: its status, its view
# of the jail (processes, hostname, files, namespaces, cgroup), what it
# inherits from the caller, and the errors.

. "$(atf_get_srcdir)/common.subr"

export LC_ALL=C

JEXEC_USAGE='usage: jexec jail [command ...]
'

# jb_jail NAME [PARAM ...]: a persistent jail on a fresh root; sets root.
jb_jail()
{
	root=$(jb_root)
	n=$1
	shift
	atf_check -o empty -e empty "$JAIL" -c name="$n" path="$root" \
	    host.hostname="$n.example" persist "$@"
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
}
