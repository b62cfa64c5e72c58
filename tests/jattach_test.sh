#! /usr/bin/env atf-sh
# jattach(8) and jail(8)'s console: a pseudo-terminal of the jail's own,
# exec.start run on it, the program the jail's init then runs on it, the
# recent output kept and replayed, clients attached by pipe or by
# terminal, the escape, the console program's end, and the errors.

. "$(atf_get_srcdir)/common.subr"

export LC_ALL=C

JATTACH=$JB_BUILD/jattach

# A console program that says it started, leaves a mark the test can wait
# for, echoes what it reads and ends with status 3 at end of input.
LOOP='echo started; touch /tmp/ready; while read l; do echo got:$l; done; exit 3'

# A console program that runs each line it reads (for stty inside).
EVAL='echo started; touch /tmp/ready; while read l; do eval "$l"; done; exit 3'

# jb_console NAME [PARAM ...] -- PROG [ARG ...]: a console jail on a fresh
# root, PROG run on its console; sets root.
jb_console()
{
	root=$(jb_root)
	n=$1
	shift
	atf_check -o empty -e empty "$JAIL" -c name="$n" path="$root" \
	    console "$@"
}

# jb_ready: wait (bounded) until the console program has started.
jb_ready()
{
	jb_wait_file "$root/tmp/ready"
}

# jb_script CMD: run CMD (a shell command line) on a terminal of its own,
# its input what this function reads; its output (CR LF line ends turned
# into LF) in script.out.
jb_script()
{
	timeout 30 script -qfec "$1" /dev/null | tr -d '\r' > script.out
}

atf_test_case usage
usage_head()
{
	atf_set descr "jattach without a jail, with two, or with a bad" \
	    "option prints its usage"
}
usage_body()
{
	atf_check -s exit:1 -o empty -e inline:"$JATTACH_USAGE" "$JATTACH"
	atf_check -s exit:1 -o empty -e inline:"$JATTACH_USAGE" \
	    "$JATTACH" a b
	atf_check -s exit:1 -o empty \
	    -e inline:"jattach: invalid option -- 'x'\\n$JATTACH_USAGE" \
	    "$JATTACH" -x www
	atf_check -s exit:1 -o empty \
	    -e inline:"jattach: option requires an argument -- 'e'\\n$JATTACH_USAGE" \
	    "$JATTACH" -e
}

atf_test_case must_be_root
must_be_root_head()
{
	atf_set descr "jattach run by another user than root is refused"
	atf_set require.user root
}
must_be_root_body()
{
	atf_check -s exit:1 -o empty -e inline:'jattach: must be run as root\n' \
	    setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$JATTACH" www
}

atf_test_case unknown_jail
unknown_jail_head()
{
	atf_set descr "jattach to an unknown jail fails with a message"
	atf_set require.user root
}
unknown_jail_body()
{
	atf_check -s exit:1 -o empty \
	    -e inline:'jattach: jail "jattach-test-no-such-jail" not found\n' \
	    "$JATTACH" jattach-test-no-such-jail
}

atf_test_case no_console cleanup
no_console_head()
{
	atf_set descr "jattach to a jail without a console fails"
	atf_set require.user root
}
no_console_body()
{
	n=$(jb_name nocons)
	root=$(jb_root)
	atf_check "$JAIL" -c name="$n" path="$root" persist
	atf_check -s exit:1 -o empty \
	    -e inline:"jattach: $n: jail has no console\\n" \
	    "$JATTACH" "$n" < /dev/null
	jid=$(jb_jid "$n")
	atf_check -s exit:1 -o empty \
	    -e inline:"jattach: $n: jail has no console\\n" \
	    "$JATTACH" "$jid" < /dev/null
}
no_console_cleanup()
{
	jb_cleanup
}

atf_test_case console_needs_command cleanup
console_needs_command_head()
{
	atf_set descr "console without command= is refused, and no jail is" \
	    "made"
	atf_set require.user root
}
console_needs_command_body()
{
	n=$(jb_name nocmd)
	root=$(jb_root)
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: console: no command to run on it\\n" \
	    "$JAIL" -c name="$n" path="$root" console persist
	atf_check -s exit:1 -o empty -e ignore "$JLS" -j "$n" name
}
console_needs_command_cleanup()
{
	jb_cleanup
}

atf_test_case console_log cleanup
console_log_head()
{
	atf_set descr "with exec.consolelog, everything written to the" \
	    "console is also appended to that file on the host"
	atf_set require.user root
}
console_log_body()
{
	n=$(jb_name conslog)
	root=$(jb_root)
	echo 'before' > console.log
	atf_check -o empty -e empty "$JAIL" -c name="$n" path="$root" console \
	    exec.consolelog="$PWD/console.log" command=sh -c 'echo on the console'
	i=0
	until grep -q 'on the console' console.log; do
		i=$((i + 1))
		[ $i -lt 100 ] || atf_fail "nothing reached the log"
		sleep 0.1
	done
	atf_check -o inline:'before\non the console\r\n' cat console.log
}
console_log_cleanup()
{
	jb_cleanup
}

atf_test_case console_buffer_bounds cleanup
console_buffer_bounds_head()
{
	atf_set descr "console.buffer below 4096 or above 16777216 is refused"
	atf_set require.user root
}
console_buffer_bounds_body()
{
	n=$(jb_name bufbounds)
	root=$(jb_root)
	atf_check -s exit:1 -o empty -e not-empty "$JAIL" -c name="$n" \
	    path="$root" console console.buffer=4095 command=/bin/true
	atf_check -s exit:1 -o empty -e not-empty "$JAIL" -c name="$n" \
	    path="$root" console console.buffer=16777217 command=/bin/true
	atf_check -s exit:1 -o empty -e ignore "$JLS" -j "$n" name
}
console_buffer_bounds_cleanup()
{
	jb_cleanup
}

atf_test_case runs_command_on_console cleanup
runs_command_on_console_head()
{
	atf_set descr "the console program runs on a terminal, as the" \
	    "leader of its session"
	atf_set require.user root
}
runs_command_on_console_body()
{
	n=$(jb_name runs)
	jb_console "$n" command=/bin/sh -c \
	    '[ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo tty
	     [ "$(cut -d" " -f6 /proc/$$/stat)" = $$ ] && echo leader
	     read l; exit 0'
	atf_check -s exit:0 -o inline:'tty\r\nleader\r\n' \
	    -e inline:"jattach: $n: console program exited 0\\n" \
	    "$JATTACH" "$n" < /dev/null
}
runs_command_on_console_cleanup()
{
	jb_cleanup
}

atf_test_case jail_c_returns_at_once cleanup
jail_c_returns_at_once_head()
{
	atf_set descr "jail -c returns while the console program runs, its" \
	    "output not held open"
	atf_set require.user root
}
jail_c_returns_at_once_body()
{
	n=$(jb_name atonce)
	root=$(jb_root)
	atf_check -s exit:0 -o empty -e empty timeout 10 sh -c \
	    "'$JAIL' -c name='$n' path='$root' console \
	    command=/bin/sleep 60 | cat"
	atf_check -o inline:"$n\\n" "$JLS" -j "$n" name
}
jail_c_returns_at_once_cleanup()
{
	jb_cleanup
}

atf_test_case piped_input_reaches_program cleanup
piped_input_reaches_program_head()
{
	atf_set descr "input piped to jattach reaches the program, and at" \
	    "its end the program reads end of file"
	atf_set require.user root
}
piped_input_reaches_program_body()
{
	n=$(jb_name piped)
	jb_console "$n" command=/bin/sh -c "$LOOP"
	jb_ready
	atf_check -s exit:3 \
	    -o inline:'started\r\nhello\r\ngot:hello\r\nworld\r\ngot:world\r\n' \
	    -e inline:"jattach: $n: console program exited 3\\n" \
	    -x "(printf 'hello\\n'; sleep 0.5; printf 'world\\n') |
	    '$JATTACH' '$n'"
}
piped_input_reaches_program_cleanup()
{
	jb_cleanup
}

atf_test_case drives_a_shell cleanup
drives_a_shell_head()
{
	atf_set descr "printf 'echo hi\\n' | jattach drives a shell and ends it"
	atf_set require.user root
}
drives_a_shell_body()
{
	n=$(jb_name shell)
	jb_console "$n" command=/bin/sh
	atf_check -s exit:0 -o match:'hi' \
	    -e inline:"jattach: $n: console program exited 0\\n" \
	    -x "printf 'echo h\"\"i\\n' | '$JATTACH' '$n'"
}
drives_a_shell_cleanup()
{
	jb_cleanup
}

atf_test_case replay_on_reattach cleanup
replay_on_reattach_head()
{
	atf_set descr "what the program wrote before a client attached is" \
	    "replayed to it, and again to the next"
	atf_set require.user root
}
replay_on_reattach_body()
{
	n=$(jb_name replay)
	jb_console "$n" persist command=/bin/sh -c \
	    'echo before-attach; touch /tmp/ready; read l; echo read:$l; read l; exit 5'
	jb_ready
	# A first client, its input open and silent, sent away by SIGTERM.
	mkfifo in
	exec 3<> in
	atf_check -s exit:124 -o inline:'before-attach\r\n' -e empty \
	    timeout -s TERM 1 "$JATTACH" -q "$n" < in
	exec 3>&-
	atf_check -s exit:5 \
	    -o inline:'before-attach\r\nx\r\nread:x\r\n' \
	    -e inline:"jattach: $n: console program exited 5\\n" \
	    -x "printf 'x\\n' | '$JATTACH' '$n'"
	# The program has ended, the jail persists: a late client gets the
	# output and the status.
	atf_check -s exit:5 \
	    -o inline:'before-attach\r\nx\r\nread:x\r\n' \
	    -e inline:"jattach: $n: console program exited 5\\n" \
	    "$JATTACH" "$n" < /dev/null
	atf_check -o inline:"$n\\n" "$JLS" -j "$n" name
}
replay_on_reattach_cleanup()
{
	jb_cleanup
}

atf_test_case ring_buffer_keeps_only_recent cleanup
ring_buffer_keeps_only_recent_head()
{
	atf_set descr "console.buffer=4096 keeps the last 4096 bytes of" \
	    "output: a late client sees the last line, not the first"
	atf_set require.user root
}
ring_buffer_keeps_only_recent_body()
{
	n=$(jb_name ring)
	jb_console "$n" console.buffer=4096 command=/bin/sh -c \
	    'i=1; while [ $i -le 20000 ]; do echo line$i; i=$((i + 1)); done
	     echo end; touch /tmp/ready; read l; exit 0'
	jb_ready
	# Let the init read the pty's last bytes.
	sleep 0.5
	atf_check -s exit:0 -o save:replay.out -e ignore \
	    "$JATTACH" "$n" < /dev/null
	atf_check -o inline:'4096\n' -x 'wc -c < replay.out'
	tr -d '\r' < replay.out > replay.txt
	atf_check -o inline:'line20000\nend\n' tail -n 2 replay.txt
	atf_check -s exit:1 -o empty grep -x line1 replay.txt
	atf_check -s exit:1 -o empty grep -x line19000 replay.txt
}
ring_buffer_keeps_only_recent_cleanup()
{
	jb_cleanup
}

atf_test_case default_buffer_keeps_64k cleanup
default_buffer_keeps_64k_head()
{
	atf_set descr "without console.buffer the last 65536 bytes are kept"
	atf_set require.user root
}
default_buffer_keeps_64k_body()
{
	n=$(jb_name ring64)
	jb_console "$n" command=/bin/sh -c \
	    'i=1; while [ $i -le 20000 ]; do echo line$i; i=$((i + 1)); done
	     touch /tmp/ready; read l; exit 0'
	jb_ready
	sleep 0.5
	atf_check -s exit:0 -o save:replay.out -e ignore \
	    "$JATTACH" "$n" < /dev/null
	atf_check -o inline:'65536\n' -x 'wc -c < replay.out'
}
default_buffer_keeps_64k_cleanup()
{
	jb_cleanup
}

atf_test_case two_clients_see_output cleanup
two_clients_see_output_head()
{
	atf_set descr "two clients attached at once both see the output," \
	    "whichever typed the input"
	atf_set require.user root
}
two_clients_see_output_body()
{
	n=$(jb_name two)
	jb_console "$n" command=/bin/sh -c "$LOOP"
	jb_ready
	# Client a: its input open and silent; it ends when the program does.
	mkfifo a.in
	exec 3<> a.in
	"$JATTACH" "$n" < a.in > a.out 2> a.err &
	a=$!
	i=0
	until grep -q started a.out; do
		i=$((i + 1))
		[ $i -le 250 ] || atf_fail "client a did not attach"
		sleep 0.02
	done
	atf_check -s exit:3 \
	    -o inline:'started\r\nping\r\ngot:ping\r\n' \
	    -e inline:"jattach: $n: console program exited 3\\n" \
	    -x "printf 'ping\\n' | '$JATTACH' '$n'"
	i=0
	while kill -0 $a 2>/dev/null; do
		i=$((i + 1))
		[ $i -le 250 ] || atf_fail "client a did not end"
		sleep 0.02
	done
	wait $a
	atf_check_equal 3 $?
	exec 3>&-
	atf_check -o inline:'started\r\nping\r\ngot:ping\r\n' cat a.out
	atf_check -o inline:"jattach: $n: console program exited 3\\n" cat a.err
}
two_clients_see_output_cleanup()
{
	jb_cleanup
}

atf_test_case exit_status_passed cleanup
exit_status_passed_head()
{
	atf_set descr "jattach exits with the console program's status," \
	    "and says so unless -q"
	atf_set require.user root
}
exit_status_passed_body()
{
	n=$(jb_name status)
	jb_console "$n" command=/bin/sh -c "$LOOP"
	jb_ready
	atf_check -s exit:3 -o inline:'started\r\n' \
	    -e inline:"jattach: $n: console program exited 3\\n" \
	    "$JATTACH" "$n" < /dev/null
	n=$(jb_name quiet)
	jb_console "$n" command=/bin/sh -c "$LOOP"
	jb_ready
	atf_check -s exit:3 -o inline:'started\r\n' -e empty \
	    "$JATTACH" -q "$n" < /dev/null
}
exit_status_passed_cleanup()
{
	jb_cleanup
}

atf_test_case signal_death_passed cleanup
signal_death_passed_head()
{
	atf_set descr "a console program killed by a signal: jattach says" \
	    "so and exits with 128 + the signal"
	atf_set require.user root
}
signal_death_passed_body()
{
	n=$(jb_name signal)
	jb_console "$n" command=/bin/sh -c \
	    'touch /tmp/ready; read l; kill -USR1 $$'
	jb_ready
	atf_check -s exit:138 -o empty \
	    -e inline:"jattach: $n: console program killed by signal 10\\n" \
	    "$JATTACH" "$n" < /dev/null
}
signal_death_passed_cleanup()
{
	jb_cleanup
}

atf_test_case nonpersistent_jail_ends_with_program cleanup
nonpersistent_jail_ends_with_program_head()
{
	atf_set descr "a console jail without persist ends when its program" \
	    "does, nothing of it left"
	atf_set require.user root
}
nonpersistent_jail_ends_with_program_body()
{
	n=$(jb_name ends)
	jb_console "$n" command=/bin/sh -c "$LOOP"
	jb_ready
	jid=$(jb_jid "$n")
	init=$(jb_init_pid "$jid")
	atf_check -s exit:3 -o ignore -e ignore "$JATTACH" "$n" < /dev/null
	jb_wait_gone "$init"
	atf_check -s exit:1 -o empty \
	    -e inline:"jls: jail \"$n\" not found\\n" "$JLS" -j "$n" name
	atf_check -s exit:1 -o empty \
	    -e inline:"jattach: jail \"$n\" not found\\n" \
	    "$JATTACH" "$n" < /dev/null
	# No registry entry, no cgroup.  Bounded: whoever clears the jail may
	# take a moment after the init.
	i=0
	while [ -e "/run/jail/$jid" ] && [ $i -lt 100 ]; do
		i=$((i + 1))
		sleep 0.02
	done
	jb_assert_gone "$jid"
}
nonpersistent_jail_ends_with_program_cleanup()
{
	jb_cleanup
}

atf_test_case command_not_found_on_console cleanup
command_not_found_on_console_head()
{
	atf_set descr "a console command that cannot be run leaves its error" \
	    "on the console and ends with status 127"
	atf_set require.user root
}
command_not_found_on_console_body()
{
	n=$(jb_name notfound)
	jb_console "$n" persist command=/nope
	atf_check -s exit:127 -o match:'/nope' \
	    -e inline:"jattach: $n: console program exited 127\\n" \
	    "$JATTACH" "$n" < /dev/null
}
command_not_found_on_console_cleanup()
{
	jb_cleanup
}

atf_test_case persistent_jail_outlives_program cleanup
persistent_jail_outlives_program_head()
{
	atf_set descr "a console jail with persist stays when its program ends"
	atf_set require.user root
}
persistent_jail_outlives_program_body()
{
	n=$(jb_name outlives)
	jb_console "$n" persist command=/bin/sh -c "$LOOP"
	jb_ready
	atf_check -s exit:3 -o ignore -e ignore "$JATTACH" "$n" < /dev/null
	atf_check -o inline:"$n\\n" "$JLS" -j "$n" name
	atf_check -o inline:'in jail\n' "$JEXEC" "$n" echo in jail
}
persistent_jail_outlives_program_cleanup()
{
	jb_cleanup
}

atf_test_case init_idle_after_program cleanup
init_idle_after_program_head()
{
	atf_set descr "once the console program of a persistent jail has" \
	    "ended, the init waits instead of spinning on the hung-up console"
	atf_set require.user root
}
init_idle_after_program_body()
{
	n=$(jb_name idle)
	jb_console "$n" persist command=/bin/echo said
	atf_check -s exit:0 -o inline:'said\r\n' -e ignore \
	    "$JATTACH" "$n" < /dev/null
	pid=$(jb_init_pid "$(jb_jid "$n")")
	sleep 1
	# utime + stime in clock ticks: a spinning init takes about one
	# second's worth (100) here; an idle one none.
	ticks=$(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat")
	[ "$ticks" -lt 30 ] || atf_fail "the init used $ticks ticks while idle"
}
init_idle_after_program_cleanup()
{
	jb_cleanup
}

atf_test_case detach_with_default_escape cleanup
detach_with_default_escape_head()
{
	atf_set descr "on a terminal ^] detaches: jattach says so and" \
	    "exits 0, the program runs on"
	atf_set require.user root
}
detach_with_default_escape_body()
{
	n=$(jb_name detach)
	jb_console "$n" command=/bin/sh -c "$LOOP"
	jb_ready
	(sleep 0.5; printf 'one\n'; sleep 0.5; printf 'two\n'; sleep 0.5;
	    printf '\035three\n') |
	    jb_script "'$JATTACH' '$n'; echo status=\$?"
	atf_check -o inline:"started\\none\\ngot:one\\ntwo\\ngot:two\\njattach: $n: detached\\nstatus=0\\n" \
	    cat script.out
	# What followed the escape was not sent; the program is still there.
	atf_check -s exit:3 \
	    -o inline:'started\r\none\r\ngot:one\r\ntwo\r\ngot:two\r\n' \
	    -e inline:"jattach: $n: console program exited 3\\n" \
	    "$JATTACH" "$n" < /dev/null
}
detach_with_default_escape_cleanup()
{
	jb_cleanup
}

atf_test_case detach_with_custom_escape cleanup
detach_with_custom_escape_head()
{
	atf_set descr "-e '^a' or -e with one character sets the escape;" \
	    "^] is then passed on; -q detaches silently"
	atf_set require.user root
}
detach_with_custom_escape_body()
{
	n=$(jb_name custom)
	jb_console "$n" persist command=/bin/sh -c "$LOOP"
	jb_ready
	(sleep 0.5; printf 'a\035b\n'; sleep 0.5; printf '\001') |
	    jb_script "'$JATTACH' -e '^a' '$n'; echo status=\$?"
	atf_check -o match:"^got:a.b\$" cat script.out
	atf_check -o match:"^jattach: $n: detached\$" cat script.out
	atf_check -o match:'^status=0$' cat script.out
	(sleep 0.5; printf 'p\n'; sleep 0.5; printf '%%') |
	    jb_script "'$JATTACH' -q -e % '$n'; echo status=\$?"
	atf_check -o match:'^got:p$' cat script.out
	atf_check -s exit:1 -o empty grep detached script.out
	atf_check -o match:'^status=0$' cat script.out
	atf_check -s exit:1 -o empty -e inline:"jattach: ab: bad escape: a character or ^X\\n" \
	    "$JATTACH" -e ab "$n"
}
detach_with_custom_escape_cleanup()
{
	jb_cleanup
}

atf_test_case escape_on_pipe_is_data cleanup
escape_on_pipe_is_data_head()
{
	atf_set descr "when input is not a terminal, ^] is passed to the" \
	    "program, not taken as the escape"
	atf_set require.user root
}
escape_on_pipe_is_data_body()
{
	n=$(jb_name pipeesc)
	jb_console "$n" command=/bin/sh -c \
	    'touch /tmp/ready; read l; printf "%s" "$l" | od -An -c; exit 0'
	jb_ready
	atf_check -s exit:0 -o match:'^ +a +035 +b' -e ignore \
	    -x "printf 'a\\035b\\n' | '$JATTACH' '$n'"
}
escape_on_pipe_is_data_cleanup()
{
	jb_cleanup
}

atf_test_case window_size_passed cleanup
window_size_passed_head()
{
	atf_set descr "the terminal's size is passed at attach and when it" \
	    "changes"
	atf_set require.user root
}
window_size_passed_body()
{
	n=$(jb_name winsz)
	jb_console "$n" command=/bin/sh -c "$EVAL"
	jb_ready
	(sleep 0.5; printf 'stty size\n'; sleep 1.5; printf 'stty size\n';
	    sleep 0.5; printf '\035') |
	    jb_script "stty rows 33 cols 77;
	    (sleep 1; stty rows 40 cols 90 < /dev/tty) &
	    '$JATTACH' -q '$n'"
	atf_check -o inline:'started\nstty size\n33 77\nstty size\n40 90\n' \
	    cat script.out
}
window_size_passed_cleanup()
{
	jb_cleanup
}

atf_test_case terminal_raw_while_attached cleanup
terminal_raw_while_attached_head()
{
	atf_set descr "while attached the terminal is raw: the console's" \
	    "terminal, not the client's, echoes and handles ^C"
	atf_set require.user root
}
terminal_raw_while_attached_body()
{
	n=$(jb_name raw)
	jb_console "$n" command=/bin/sh -c \
	    'trap "echo got-int" INT; echo started; touch /tmp/ready
	     while :; do read l && echo got:$l; done'
	jb_ready
	(sleep 0.5; printf 'x\n'; sleep 0.5; printf '\003'; sleep 0.5;
	    printf '\035') |
	    jb_script "'$JATTACH' '$n'; echo status=\$?"
	atf_check -o match:'^x$' cat script.out
	atf_check -o match:'^got:x$' cat script.out
	atf_check -o match:'got-int' cat script.out
	atf_check -o match:'^status=0$' cat script.out
}
terminal_raw_while_attached_cleanup()
{
	jb_cleanup
}

atf_test_case terminal_restored_after_detach cleanup
terminal_restored_after_detach_head()
{
	atf_set descr "the terminal's settings are restored when jattach" \
	    "detaches, and when the console program exits"
	atf_set require.user root
}
terminal_restored_after_detach_body()
{
	n=$(jb_name restore)
	jb_console "$n" persist command=/bin/sh -c "$LOOP"
	jb_ready
	(sleep 0.5; printf '\035') |
	    jb_script "a=\$(stty -g); '$JATTACH' -q '$n'; echo status=\$?;
	    b=\$(stty -g); [ \"\$a\" = \"\$b\" ] && echo restored"
	atf_check -o inline:'started\nstatus=0\nrestored\n' cat script.out
	# The program's end while attached.
	(sleep 0.5; printf 'end\n'; sleep 0.3; printf '\004'; sleep 1) |
	    jb_script "a=\$(stty -g); '$JATTACH' -q '$n'; echo status=\$?;
	    b=\$(stty -g); [ \"\$a\" = \"\$b\" ] && echo restored"
	atf_check -o inline:'started\nend\ngot:end\nstatus=3\nrestored\n' \
	    cat script.out
}
terminal_restored_after_detach_cleanup()
{
	jb_cleanup
}

atf_test_case sigterm_detaches_and_restores cleanup
sigterm_detaches_and_restores_head()
{
	atf_set descr "SIGTERM and SIGHUP detach jattach (exit 1) and" \
	    "restore the terminal; the program runs on"
	atf_set require.user root
}
sigterm_detaches_and_restores_body()
{
	n=$(jb_name sigterm)
	jb_console "$n" command=/bin/sh -c "$LOOP"
	jb_ready
	for sig in TERM HUP; do
		sleep 3 | jb_script "a=\$(stty -g);
		    '$JATTACH' '$n' < /dev/tty & p=\$!;
		    sleep 1; kill -$sig \$p; wait \$p; echo status=\$?;
		    b=\$(stty -g); [ \"\$a\" = \"\$b\" ] && echo restored"
		atf_check -o inline:"started\\njattach: $n: detached\\nstatus=1\\nrestored\\n" \
		    cat script.out
	done
	atf_check -o inline:"$n\\n" "$JLS" -j "$n" name
	atf_check -s exit:3 -o inline:'started\r\n' -e ignore \
	    "$JATTACH" "$n" < /dev/null
}
sigterm_detaches_and_restores_cleanup()
{
	jb_cleanup
}

# jb_wait_log FILE TEXT: wait (bounded) until FILE holds TEXT.
jb_wait_log()
{
	i=0
	until grep -qF "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -le 250 ] || atf_fail "$2 did not reach $1"
		sleep 0.02
	done
}

jb_root_case start_output_on_console \
    "exec.start of a console jail writes to the console: its output is" \
    "replayed by jattach and logged, never on jail's output or terminal"
start_output_on_console_body()
{
	n=$(jb_name startout)
	root=$(jb_root)
	mkdir "$root/dev" || atf_fail "mkdir $root/dev"
	: > console.log
	# On a terminal of its own, jail -c writes nothing there, not even
	# through /dev/tty.
	jb_script "'$JAIL' -c name='$n' path='$root' console mount.devfs \
	    exec.consolelog='$PWD/console.log' \
	    exec.start='echo from-start; echo to-tty > /dev/tty' \
	    command=/bin/sh -c 'echo from-program; read l; exit 0' \
	    < /dev/null; echo status=\$?" < /dev/null
	atf_check -o inline:'status=0\n' cat script.out
	atf_check -s exit:0 \
	    -o inline:'from-start\r\nto-tty\r\nfrom-program\r\n' \
	    -e inline:"jattach: $n: console program exited 0\\n" \
	    "$JATTACH" "$n" < /dev/null
	jb_wait_log console.log from-program
	atf_check -o inline:'from-start\r\nto-tty\r\nfrom-program\r\n' \
	    cat console.log
}

jb_root_case start_has_console_as_ctty \
    "exec.start of a console jail runs on the console, as the leader of" \
    "a session whose controlling terminal it is, with no other descriptor"
start_has_console_as_ctty_body()
{
	n=$(jb_name startctty)
	root=$(jb_root)
	mkdir "$root/dev" || atf_fail "mkdir $root/dev"
	atf_check -o empty -e empty "$JAIL" -c name="$n" path="$root" \
	    console mount.devfs persist \
	    exec.start='[ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo tty
	    [ "$(tty)" = "/dev/$(readlink /dev/console)" ] && echo console
	    set -- $(cat /proc/$$/stat)
	    [ "$6" = $$ ] && echo leader
	    [ "$7" != 0 ] && echo ctty
	    ps -o pid,tty | awk -v p=$$ "\$1 == p { print \$2 }" > /tmp/ps
	    ls /proc/self/fd | tr "\n" " " > /tmp/fds' \
	    command=/bin/true
	atf_check -s exit:0 -o inline:'tty\r\nconsole\r\nleader\r\nctty\r\n' \
	    -e empty "$JATTACH" -q "$n" < /dev/null
	# ps sees the shell on the console's terminal, pts/0 of the jail's
	# devpts (136,0 to busybox).
	atf_check -o inline:'136,0\n' cat "$root/tmp/ps"
	# Nothing of jail's or the host's beyond stdio (3 is ls's directory).
	atf_check -o inline:'0 1 2 3 ' cat "$root/tmp/fds"
}

jb_root_case start_before_program \
    "a console jail's exec.start has ended before its console program" \
    "starts, and the jail then lasts as the program does"
start_before_program_body()
{
	n=$(jb_name startfirst)
	root=$(jb_root)
	atf_check -o empty -e empty "$JAIL" -c name="$n" path="$root" \
	    console exec.start='sleep 1; echo written > /tmp/mark' \
	    command=/bin/sh -c 'cat /tmp/mark; touch /tmp/ready; read l
	    exit 4'
	jb_ready
	# Held up while starting, it does not persist once started.
	atf_check -o inline:'false\n' "$JLS" -j "$n" persist
	jid=$(jb_jid "$n")
	init=$(jb_init_pid "$jid")
	atf_check -s exit:4 -o inline:'written\r\n' -e ignore \
	    "$JATTACH" "$n" < /dev/null
	jb_wait_gone "$init"
	i=0
	while [ -e "/run/jail/$jid" ] && [ $i -lt 100 ]; do
		i=$((i + 1))
		sleep 0.02
	done
	jb_assert_gone "$jid"
}

jb_root_case failed_start_undoes_console_jail \
    "a console jail whose exec.start fails is removed, nothing of it" \
    "left, its program never started; the output is in the log"
failed_start_undoes_console_jail_body()
{
	n=$(jb_name startfail)
	root=$(jb_root)
	: > console.log
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: echo \$JID > /tmp/jid; echo failing; exit 3: failed\\n" \
	    "$JAIL" -c name="$n" path="$root" console \
	    exec.consolelog="$PWD/console.log" \
	    exec.start='echo $JID > /tmp/jid; echo failing; exit 3' \
	    command=/bin/sh -c 'touch /tmp/program'
	atf_check -s exit:1 -o empty -e ignore "$JLS" -j "$n" name
	[ -s "$root/tmp/jid" ] || atf_fail "exec.start did not run"
	jb_assert_gone "$(cat "$root/tmp/jid")"
	[ ! -e "$root/tmp/program" ] || atf_fail "the console program ran"
	atf_check -o inline:'failing\r\n' cat console.log
}

jb_root_case start_timeout_on_console \
    "exec.timeout ends a console jail's exec.start that runs too long," \
    "and the jail is removed with it"
start_timeout_on_console_body()
{
	n=$(jb_name starttime)
	root=$(jb_root)
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: echo \$JID > /tmp/jid; sleep 60: timed out\\n" \
	    timeout 30 "$JAIL" -c name="$n" path="$root" console \
	    exec.timeout=1 exec.start='echo $JID > /tmp/jid; sleep 60' \
	    command=/bin/sh -c 'touch /tmp/program'
	atf_check -s exit:1 -o empty -e ignore "$JLS" -j "$n" name
	[ -s "$root/tmp/jid" ] || atf_fail "exec.start did not run"
	jb_assert_gone "$(cat "$root/tmp/jid")"
	[ ! -e "$root/tmp/program" ] || atf_fail "the console program ran"
}

jb_root_case start_reads_console_input \
    "exec.start of a console jail reads what jattach types" \
    "while jail -c waits for it"
start_reads_console_input_body()
{
	n=$(jb_name startin)
	root=$(jb_root)
	"$JAIL" -c name="$n" path="$root" console persist \
	    exec.start='touch /tmp/asking; read l; echo answer:$l' \
	    command=/bin/true > jail.out 2> jail.err &
	jail=$!
	jb_wait_file "$root/tmp/asking"
	printf 'yes\n' | "$JATTACH" -q "$n" > /dev/null
	wait $jail
	atf_check_equal 0 $?
	atf_check -o empty cat jail.out
	atf_check -o empty cat jail.err
	atf_check -s exit:0 -o match:'^answer:yes' -e empty \
	    "$JATTACH" -q "$n" < /dev/null
}

atf_init_test_cases()
{
	atf_add_test_case usage
	atf_add_test_case must_be_root
	atf_add_test_case unknown_jail
	atf_add_test_case no_console
	atf_add_test_case console_needs_command
	atf_add_test_case console_buffer_bounds
	atf_add_test_case console_log
	atf_add_test_case runs_command_on_console
	atf_add_test_case jail_c_returns_at_once
	atf_add_test_case piped_input_reaches_program
	atf_add_test_case drives_a_shell
	atf_add_test_case replay_on_reattach
	atf_add_test_case ring_buffer_keeps_only_recent
	atf_add_test_case default_buffer_keeps_64k
	atf_add_test_case two_clients_see_output
	atf_add_test_case exit_status_passed
	atf_add_test_case signal_death_passed
	atf_add_test_case nonpersistent_jail_ends_with_program
	atf_add_test_case persistent_jail_outlives_program
	atf_add_test_case init_idle_after_program
	atf_add_test_case command_not_found_on_console
	atf_add_test_case detach_with_default_escape
	atf_add_test_case detach_with_custom_escape
	atf_add_test_case escape_on_pipe_is_data
	atf_add_test_case window_size_passed
	atf_add_test_case terminal_raw_while_attached
	atf_add_test_case terminal_restored_after_detach
	atf_add_test_case sigterm_detaches_and_restores
	atf_add_test_case start_output_on_console
	atf_add_test_case start_has_console_as_ctty
	atf_add_test_case start_before_program
	atf_add_test_case failed_start_undoes_console_jail
	atf_add_test_case start_timeout_on_console
	atf_add_test_case start_reads_console_input
}
