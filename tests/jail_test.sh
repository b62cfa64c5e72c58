#! /usr/bin/env atf-sh
# jail(8): creating jails with -c (persistent or around a command), what a
# new jail is made of, removing them with -r, and refusing bad input
# without leaving anything behind.

. "$(atf_get_srcdir)/common.subr"

export LC_ALL=C

# jb_bad_create STDERR ARG...: jail -c ARG... fails with exactly STDERR
# and leaves the private registry and cgroups as they were.
jb_bad_create()
{
	want=$1
	shift
	jb_private_state > state.before
	atf_check -s exit:1 -o empty -e inline:"$want" ./priv "$JAIL" -c "$@"
	jb_private_state > state.after
	atf_check -o file:state.before cat state.after
}

# ---- usage ---------------------------------------------------------------

atf_test_case usage_no_arguments
usage_no_arguments_head()
{
	atf_set descr "jail without arguments prints its usage"
}
usage_no_arguments_body()
{
	atf_check -s exit:1 -o empty -e inline:"$JAIL_USAGE" "$JAIL"
}

atf_test_case usage_bad_option_combinations
usage_bad_option_combinations_head()
{
	atf_set descr "jail refuses -R with -c, -f with parameters on the" \
	    "command line, -e with an operation, -r without a jail," \
	    "-i without -c and too few positional arguments"
}
usage_bad_option_combinations_body()
{
	atf_check -s exit:1 -o empty -e inline:"$JAIL_USAGE" "$JAIL" -c -R x
	atf_check -s exit:1 -o empty -e inline:"$JAIL_USAGE" "$JAIL" -f x -c \
	    a b=1
	atf_check -s exit:1 -o empty -e inline:"$JAIL_USAGE" "$JAIL" -e ' ' -c
	atf_check -s exit:1 -o empty -e inline:"$JAIL_USAGE" "$JAIL" -r
	atf_check -s exit:1 -o empty -e inline:"$JAIL_USAGE" "$JAIL" -v x
	atf_check -s exit:1 -o empty -e inline:"$JAIL_USAGE" "$JAIL" -ri x
}

atf_test_case usage_unknown_option
usage_unknown_option_head()
{
	atf_set descr "jail -x names the bad option, prefixed with jail:," \
	    "then prints its usage"
}
usage_unknown_option_body()
{
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: invalid option -- 'x'\\n$JAIL_USAGE" "$JAIL" -x
}

atf_test_case must_be_root
must_be_root_head()
{
	atf_set descr "jail run by another user than root is refused"
	atf_set require.user root
}
must_be_root_body()
{
	atf_check -s exit:1 -o empty -e inline:'jail: must be run as root\n' \
	    setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$JAIL" -c path=/ persist
	atf_check -s exit:1 -o empty -e inline:'jail: must be run as root\n' \
	    setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$JAIL" -r nosuch
}

# ---- creating a persistent jail -----------------------------------------

atf_test_case create_persistent cleanup
create_persistent_head()
{
	atf_set descr "jail -c name= path= host.hostname= persist makes a" \
	    "live jail silently, listed by jls"
	atf_set require.user root
}
create_persistent_body()
{
	root=$(jb_root)
	real=$(readlink -f "$root")
	n=$(jb_name www)
	atf_check -s exit:0 -o empty -e empty \
	    "$JAIL" -c name="$n" path="$root" host.hostname=www.example persist
	atf_check -o inline:"$n $real www.example true\\n" \
	    "$JLS" -j "$n" name path host.hostname persist
}
create_persistent_cleanup()
{
	jb_cleanup
}

atf_test_case create_writes_registry_entry cleanup
create_writes_registry_entry_head()
{
	atf_set descr "a new jail has /run/jail/JID/params with its" \
	    "parameters and /run/jail/JID/init naming its live init"
	atf_set require.user root
}
create_writes_registry_entry_body()
{
	root=$(jb_root)
	real=$(readlink -f "$root")
	n=$(jb_name reg)
	atf_check "$JAIL" -c name="$n" path="$root" host.hostname=h.example \
	    persist
	jid=$(jb_jid "$n")
	e=/run/jail/$jid
	atf_check -o inline:'700\n' stat -c %a "$e"
	atf_check -o inline:'600\n' stat -c %a "$e/params"
	atf_check -o inline:'600\n' stat -c %a "$e/init"
	for line in "name=$n" "path=$real" host.hostname=h.example \
	    persist=true "jid=$jid"; do
		atf_check -o inline:"$line\\n" grep -Fx "$line" "$e/params"
	done
	atf_check -o match:'^[0-9]+ [0-9]+$' cat "$e/init"
	pid=$(cut -d' ' -f1 "$e/init")
	start=$(cut -d' ' -f2 "$e/init")
	# The recorded start time is the live process's (field 22; comm has
	# no space here).
	atf_check -o inline:"$start\\n" cut -d' ' -f22 "/proc/$pid/stat"
}
create_writes_registry_entry_cleanup()
{
	jb_cleanup
}

atf_test_case create_verbose_and_jid_notes cleanup
create_verbose_and_jid_notes_head()
{
	atf_set descr "jail -c -v prints NAME: created; -i prints the jid" \
	    "and nothing else, even with -v"
	atf_set require.user root
}
create_verbose_and_jid_notes_body()
{
	root=$(jb_root)
	a=$(jb_name a)
	b=$(jb_name b)
	c=$(jb_name c)
	atf_check -o inline:"$a: created\\n" "$JAIL" -v -c name="$a" \
	    path="$root" persist
	atf_check -o save:jid.b "$JAIL" -i -c name="$b" path="$root" persist
	atf_check -o inline:"$(jb_jid "$b")\\n" cat jid.b
	atf_check -o save:jid.c "$JAIL" -iv -c name="$c" path="$root" persist
	atf_check -o inline:"$(jb_jid "$c")\\n" cat jid.c
	atf_check -o save:jid.d "$JAIL" -c -i -v path="$root" persist
	atf_check -o inline:"$(cat jid.d) $(cat jid.d)\\n" \
	    "$JLS" -j "$(cat jid.d)" jid name
}
create_verbose_and_jid_notes_cleanup()
{
	jb_cleanup
}

atf_test_case create_unnamed_is_named_by_jid cleanup
create_unnamed_is_named_by_jid_head()
{
	atf_set descr "a jail created without a name is named by its jid"
	atf_set require.user root
}
create_unnamed_is_named_by_jid_body()
{
	root=$(jb_root)
	atf_check -o save:jid "$JAIL" -i -c path="$root" persist
	jid=$(cat jid)
	atf_check -o inline:"$jid $jid\\n" "$JLS" -j "$jid" jid name
	atf_check -o inline:"name=$jid\\n" grep -x "name=$jid" \
	    "/run/jail/$jid/params"
}
create_unnamed_is_named_by_jid_cleanup()
{
	jb_cleanup
}

atf_test_case create_with_given_jid cleanup
create_with_given_jid_head()
{
	atf_set descr "jid=N creates the jail with that jid, and a numeric" \
	    "name is accepted when it is the jid"
	atf_set require.user root
}
create_with_given_jid_body()
{
	root=$(jb_root)
	jid=$((30000 + $$ % 20000))
	while [ -e "/run/jail/$jid" ] || [ -e "/run/jail/$((jid + 1))" ]; do
		jid=$((jid + 2))
	done
	n=$(jb_name given)
	atf_check "$JAIL" -c jid="$jid" name="$n" path="$root" persist
	atf_check -o inline:"$jid $n\\n" "$JLS" -j "$n" jid name
	j2=$((jid + 1))
	atf_check "$JAIL" -c jid="$j2" name="$j2" path="$root" persist
	atf_check -o inline:"$j2 $j2\\n" "$JLS" -j "$j2" jid name
}
create_with_given_jid_cleanup()
{
	jb_cleanup
}

atf_test_case create_next_jid cleanup
create_next_jid_head()
{
	atf_set descr "as on FreeBSD, a new jail gets the jid after the last" \
	    "one given, skipping those in use, not a removed jail's; a jail" \
	    "given jid= leaves the sequence as it was"
	atf_set require.user root
}
create_next_jid_body()
{
	root=$(jb_root)
	jb_private
	for n in a b c; do
		atf_check -o save:jid.$n ./priv "$JAIL" -i -c name=$n \
		    path="$root" persist
	done
	atf_check -o inline:'1\n2\n3\n' cat jid.a jid.b jid.c
	atf_check ./priv "$JAIL" -r b
	atf_check -o inline:'4\n' ./priv "$JAIL" -i -c name=d path="$root" \
	    persist
	atf_check -o inline:'2\n' ./priv "$JAIL" -i -c jid=2 name=b \
	    path="$root" persist
	atf_check -o inline:'6\n' ./priv "$JAIL" -i -c jid=6 path="$root" \
	    persist
	atf_check ./priv "$JAIL" -r a
	# 5 is next; 6 is in use, so 7 after it.
	atf_check -o inline:'5\n' ./priv "$JAIL" -i -c name=a path="$root" \
	    persist
	atf_check -o inline:'7\n' ./priv "$JAIL" -i -c path="$root" persist
	atf_check -o inline:'2 b\n3 c\n4 d\n5 a\n6 6\n7 7\n' \
	    ./priv "$JLS" jid name
}
create_next_jid_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case create_stores_resolved_path cleanup
create_stores_resolved_path_head()
{
	atf_set descr "path= is stored resolved: no symbolic link, no ..," \
	    "no trailing slash"
	atf_set require.user root
}
create_stores_resolved_path_body()
{
	root=$(jb_root)
	real=$(readlink -f "$root")
	ln -s root link || atf_fail "ln -s"
	n=$(jb_name link)
	atf_check "$JAIL" -c name="$n" path="$(pwd)/link/../root/" persist
	atf_check -o inline:"$real\\n" "$JLS" -j "$n" path
	m=$(jb_name sym)
	atf_check "$JAIL" -c name="$m" path="$(pwd)/link" persist
	atf_check -o inline:"$real\\n" "$JLS" -j "$m" path
}
create_stores_resolved_path_cleanup()
{
	jb_cleanup
}

atf_test_case create_makes_cgroup cleanup
create_makes_cgroup_head()
{
	atf_set descr "a jail's processes live in the cgroup jailbox/JID" \
	    "under the cgroup2 mount, the root of the jail's cgroup namespace"
	atf_set require.user root
}
create_makes_cgroup_body()
{
	root=$(jb_root)
	n=$(jb_name cg)
	cg=$(jb_cgroup2)
	atf_check "$JAIL" -c name="$n" path="$root" persist
	jid=$(jb_jid "$n")
	pid=$(jb_init_pid "$jid")
	atf_check -o inline:"$pid\\n" cat "$cg/jailbox/$jid/cgroup.procs"
	atf_check -o match:"^0::/jailbox/$jid\$" cat "/proc/$pid/cgroup"
	atf_check -o inline:'0::/\n' -x \
	    "'$JEXEC' '$n' cat /proc/self/cgroup | grep '^0::'"
}
create_makes_cgroup_cleanup()
{
	jb_cleanup
}

atf_test_case create_new_namespaces cleanup
create_new_namespaces_head()
{
	atf_set descr "a jail has its own mount, UTS, IPC, PID, network and" \
	    "cgroup namespaces"
	atf_set require.user root
}
create_new_namespaces_body()
{
	root=$(jb_root)
	n=$(jb_name ns)
	atf_check "$JAIL" -c name="$n" path="$root" persist
	pid=$(jb_init_pid "$(jb_jid "$n")")
	for ns in mnt uts ipc pid net cgroup; do
		host=$(readlink "/proc/self/ns/$ns")
		jail=$(readlink "/proc/$pid/ns/$ns")
		[ -n "$jail" ] && [ "$host" != "$jail" ] ||
		    atf_fail "the jail shares the host's $ns namespace ($host)"
	done
	# The command run by jail -c is in them too.
	atf_check -o save:inside "$JAIL" -c path="$root" command=/bin/sh -c \
	    'for ns in mnt uts ipc pid net cgroup; do
		readlink /proc/self/ns/$ns; done'
	for ns in mnt uts ipc pid net cgroup; do
		host=$(readlink "/proc/self/ns/$ns")
		atf_check -s exit:1 grep -Fx "$host" inside
	done
	atf_check -o inline:'6\n' -x 'sort -u inside | wc -l'
}
create_new_namespaces_cleanup()
{
	jb_cleanup
}

atf_test_case create_pivots_into_path cleanup
create_pivots_into_path_head()
{
	atf_set descr "path= becomes the jail's / and no host mount is" \
	    "visible in the jail"
	atf_set require.user root
}
create_pivots_into_path_body()
{
	root=$(jb_root)
	echo inside > "$root/etc/marker"
	atf_check -o inline:'inside\n' "$JAIL" -c path="$root" \
	    command=/bin/cat /etc/marker
	atf_check -o inline:'bin\netc\nproc\ntmp\n' "$JAIL" -c path="$root" \
	    command=/bin/ls /
	atf_check -o inline:'/\n/proc\n' -x \
	    "'$JAIL' -c path='$root' command=/bin/cat /proc/self/mountinfo |
	    awk '{ print \$5 }' | grep -v '^/proc/'"
}
create_pivots_into_path_cleanup()
{
	jb_cleanup
}

atf_test_case create_never_mounts_on_host cleanup
create_never_mounts_on_host_head()
{
	atf_set descr "the jail's mounts stay in its namespace: none of" \
	    "them shows in the host's mount table, during or after"
	atf_set require.user root
}
create_never_mounts_on_host_body()
{
	root=$(jb_root)
	real=$(readlink -f "$root")
	n=$(jb_name mnt)
	atf_check "$JAIL" -c name="$n" path="$root" persist
	atf_check -o match:'proc' "$JEXEC" "$n" cat /proc/self/mountinfo
	jb_assert_no_host_mount "$real"
	atf_check "$JAIL" -r "$n"
	jb_assert_no_host_mount "$real"
}
create_never_mounts_on_host_cleanup()
{
	jb_cleanup
}

atf_test_case create_mounts_own_procfs cleanup
create_mounts_own_procfs_head()
{
	atf_set descr "a jail whose root has /proc gets a proc of its own" \
	    "PID namespace: the first command is pid 2, its parent is not" \
	    "in the jail"
	atf_set require.user root
}
create_mounts_own_procfs_body()
{
	root=$(jb_root)
	atf_check -o inline:'2\n' "$JAIL" -c path="$root" \
	    command=/bin/readlink /proc/self
	atf_check -o inline:'2 0\n' "$JAIL" -c path="$root" \
	    command=/bin/sh -c 'echo $$ $PPID'
	atf_check -o inline:'jail\n' "$JAIL" -c path="$root" \
	    command=/bin/cat /proc/1/comm
}
create_mounts_own_procfs_cleanup()
{
	jb_cleanup
}

atf_test_case create_noprocfs cleanup
create_noprocfs_head()
{
	atf_set descr "mount.noprocfs leaves the jail's /proc empty"
	atf_set require.user root
}
create_noprocfs_body()
{
	root=$(jb_root)
	atf_check -o empty "$JAIL" -c path="$root" mount.noprocfs \
	    command=/bin/ls -A /proc
	n=$(jb_name noproc)
	atf_check "$JAIL" -c name="$n" path="$root" mount.noprocfs persist
	atf_check -o inline:'false\n' "$JLS" -j "$n" mount.procfs
	atf_check -o empty "$JEXEC" "$n" ls -A /proc
}
create_noprocfs_cleanup()
{
	jb_cleanup
}

atf_test_case create_without_proc_directory cleanup
create_without_proc_directory_head()
{
	atf_set descr "a root without a /proc directory gets no proc and" \
	    "no error"
	atf_set require.user root
}
create_without_proc_directory_body()
{
	root=$(jb_root)
	rmdir "$root/proc" || atf_fail "rmdir"
	atf_check -o inline:'bin\netc\ntmp\n' "$JAIL" -c path="$root" \
	    command=/bin/ls /
	[ ! -e "$root/proc" ] || atf_fail "$root/proc was made"
}
create_without_proc_directory_cleanup()
{
	jb_cleanup
}

atf_test_case create_loopback_only cleanup
create_loopback_only_head()
{
	atf_set descr "a jail's network namespace holds only lo, and it is up"
	atf_set require.user root
}
create_loopback_only_body()
{
	root=$(jb_root)
	atf_check -o save:links "$JAIL" -c path="$root" command=/bin/ip link
	atf_check -o inline:'1\n' -x "grep -c '^[0-9]' links"
	atf_check -o match:'^1: lo: <LOOPBACK,UP' cat links
}
create_loopback_only_cleanup()
{
	jb_cleanup
}

atf_test_case create_sets_hostname cleanup
create_sets_hostname_head()
{
	atf_set descr "host.hostname is the jail's hostname; the host's" \
	    "does not change"
	atf_set require.user root
}
create_sets_hostname_body()
{
	root=$(jb_root)
	before=$(hostname)
	atf_check -o inline:'jail-host.example\n' "$JAIL" -c path="$root" \
	    host.hostname=jail-host.example command=/bin/hostname
	n=$(jb_name host)
	atf_check "$JAIL" -c name="$n" path="$root" host.hostname=h2.example \
	    persist
	atf_check -o inline:'h2.example\n' "$JEXEC" "$n" hostname
	atf_check -o inline:"$before\\n" hostname
	atf_check "$JAIL" -r "$n"
	atf_check -o inline:"$before\\n" hostname
}
create_sets_hostname_cleanup()
{
	jb_cleanup
}

atf_test_case create_hides_host_files cleanup
create_hides_host_files_head()
{
	atf_set descr "a file outside the jail's root cannot be reached" \
	    "from inside, by .. or by its host path"
	atf_set require.user root
}
create_hides_host_files_body()
{
	root=$(jb_root)
	here=$(pwd -P)
	m=jb-marker-$$
	echo secret > "$m"
	atf_check -s exit:1 -o empty -e match:"can't open" "$JAIL" \
	    -c path="$root" command=/bin/cat "/../$m"
	atf_check -s exit:1 -o empty -e match:"can't open" "$JAIL" \
	    -c path="$root" command=/bin/cat "/../../../../$m"
	atf_check -s exit:1 -o empty -e match:"can't open" "$JAIL" \
	    -c path="$root" command=/bin/cat "$here/$m"
	atf_check -o empty "$JAIL" -c path="$root" \
	    command=/bin/find / -path /proc -prune -o -name "$m" -print
	# The same search finds a file that is in the jail.
	echo inside > "$root/tmp/$m"
	atf_check -o inline:"/tmp/$m\\n" "$JAIL" -c path="$root" \
	    command=/bin/find / -path /proc -prune -o -name "$m" -print
}
create_hides_host_files_cleanup()
{
	jb_cleanup
}

atf_test_case create_hides_host_processes cleanup
create_hides_host_processes_head()
{
	atf_set descr "a jail sees its init and its own processes only"
	atf_set require.user root
}
create_hides_host_processes_body()
{
	root=$(jb_root)
	ln -s /bin/sleep "sleep-marker-$$"
	"./sleep-marker-$$" 1000 > /dev/null 2>&1 &
	echo $! > host-sleep
	atf_check -o inline:'PID   COMMAND\n    1 jail\n    2 ps\n' \
	    "$JAIL" -c path="$root" command=/bin/ps -o pid,comm
	kill "$(cat host-sleep)"
}
create_hides_host_processes_cleanup()
{
	[ -f host-sleep ] && kill "$(cat host-sleep)" 2>/dev/null
	jb_cleanup
}

atf_test_case create_init_holds_no_descriptors cleanup
create_init_holds_no_descriptors_head()
{
	atf_set descr "the jail's init keeps no descriptor of its creator," \
	    "and no directory of the host"
	atf_set require.user root
}
create_init_holds_no_descriptors_body()
{
	root=$(jb_root)
	n=$(jb_name fds)
	exec 7< /etc/passwd 8< /
	atf_check "$JAIL" -c name="$n" path="$root" persist
	exec 7<&- 8<&-
	pid=$(jb_init_pid "$(jb_jid "$n")")
	# Only its signalfd, its control socket and the socket whose name
	# tells that it lives: no file, no directory.
	atf_check -o inline:'anon_inode:[signalfd]\nsocket\nsocket\n' -x \
	    "for f in /proc/$pid/fd/*; do readlink \$f; done |
	    sed 's/:\\[[0-9]*\\]\$//' | sort"
	# A jailed root may list them but can neither follow nor open one.
	for fd in $(ls "/proc/$pid/fd"); do
		atf_check -s not-exit:0 -o empty -e ignore \
		    "$JEXEC" "$n" readlink "/proc/1/fd/$fd"
		atf_check -s not-exit:0 -o empty -e match:'Permission denied' \
		    "$JEXEC" "$n" cat "/proc/1/fd/$fd"
	done
	atf_check -o inline:'/\n' readlink "/proc/$pid/cwd"
	atf_check -o inline:'/\n' readlink "/proc/$pid/root"
	# Its / and cwd are the jail's root, seen from the host.
	atf_check -o inline:'bin\netc\nproc\ntmp\n' ls "/proc/$pid/root/"
}
create_init_holds_no_descriptors_cleanup()
{
	jb_cleanup
}

atf_test_case create_failure_undoes_everything cleanup
create_failure_undoes_everything_head()
{
	atf_set descr "when the last step of a create fails, the init is" \
	    "killed and the cgroup and registry are left as they were"
	atf_set require.user root
}
create_failure_undoes_everything_body()
{
	root=$(jb_root)
	jb_private
	# A file where the new entry is staged makes staging it fail,
	# after the registry was locked and the jid chosen.
	echo obstacle > "$REG/.new.1"
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: www: /run/jail/.new.1: File exists\n' \
	    ./priv "$JAIL" -c name=www path="$root" persist
	atf_check -o inline:'.lock\n.new.1\n' ls -A "$REG"
	atf_check -s exit:1 -o empty -x \
	    "ls '$PCG/jailbox' 2>/dev/null | grep '^[0-9]'"
	atf_check -o inline:'populated 0\n' grep populated "$PCG/cgroup.events"
	atf_check -o empty ./priv "$JLS" name
	rm "$REG/.new.1"
	# As on FreeBSD, the jid chosen for the failed create was given.
	atf_check -o inline:'2\n' ./priv "$JAIL" -i -c name=www path="$root" \
	    persist
}
create_failure_undoes_everything_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case create_clears_leftovers cleanup
create_clears_leftovers_head()
{
	atf_set descr "a create clears dead, malformed and half-made" \
	    "registry entries and their cgroups"
	atf_set require.user root
}
create_clears_leftovers_body()
{
	root=$(jb_root)
	jb_private
	atf_check ./priv "$JAIL" -c name=dead path="$root" persist
	pid=$(cut -d' ' -f1 "$REG/1/init")
	kill -9 "$pid"
	jb_wait_gone "$pid"
	# Leftovers of a create and a remove cut short, and a malformed entry.
	mkdir -m 700 "$REG/.new.4" "$REG/.old.5" "$REG/3"
	echo 'jid=4' > "$REG/.new.4/params"
	echo 'garbage' > "$REG/3/init"
	echo 'jid=3' > "$REG/3/params"
	mkdir "$PCG/jailbox/3"
	atf_check -o inline:'2\n' ./priv "$JAIL" -i -c name=dead path="$root" \
	    persist
	atf_check -o inline:'.filters\n.lock\n.names\n2\n' ls -A "$REG"
	atf_check -o inline:'dead\n' ls -A "$REG/.names"
	atf_check -o inline:'2\n' -x "ls '$PCG/jailbox' | grep '^[0-9]'"
	atf_check -o inline:'2 dead\n' ./priv "$JLS" jid name
}
create_clears_leftovers_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# fc_entry FILE: the entry of the private registry's filter cache whose
# BPF, after its key, is the compiled filter in FILE.
fc_entry()
{
	for k in "$REG"/.filters/*; do
		tail -c "$(stat -c %s "$1")" "$k" | cmp -s - "$1" &&
		    echo "$k"
	done
	return 0
}

atf_test_case filter_cache cleanup
filter_cache_head()
{
	atf_set descr "jails with the same seccomp rules share one compiled" \
	    "filter, kept after its key under a hash of it; other rules get" \
	    "their own; a damaged entry, or one of other rules under the" \
	    "same name, is compiled again and replaced"
	atf_set require.user root
}
filter_cache_body()
{
	root=$(jb_probe_root)
	jb_private
	atf_check ./priv "$JAIL" -c name=a path="$root" persist
	atf_check ./priv "$JAIL" -c name=b path="$root" persist sysvmsg=new
	atf_check ./priv "$JAIL" -c name=c path="$root" persist
	atf_check -o inline:'2\n' -x "ls '$REG/.filters' | wc -l"
	atf_check cmp "$REG/1/filter" "$REG/3/filter"
	atf_check -s exit:1 -o ignore cmp "$REG/1/filter" "$REG/2/filter"
	for jid in 1 2; do
		[ -n "$(fc_entry "$REG/$jid/filter")" ] ||
		    atf_fail "jail $jid: its filter is not in the cache"
	done
	atf_check -o inline:'600\n' -x "stat -c %a '$REG'/.filters/* | uniq"
	atf_check -o inline:'700\n' stat -c %a "$REG/.filters"
	atf_check -s exit:1 -o inline:'refused: EPERM\n' \
	    ./priv "$JEXEC" a probe msgget
	atf_check -o inline:'succeeded\n' ./priv "$JEXEC" b probe msgget
	# A damaged entry is not loaded: the rules are compiled again.
	key=$(fc_entry "$REG/1/filter")
	printf 'xyz' > "$key"
	atf_check ./priv "$JAIL" -c name=d path="$root" persist
	atf_check cmp "$REG/1/filter" "$REG/4/filter"
	[ "$(fc_entry "$REG/1/filter")" = "$key" ] ||
	    atf_fail "the entry was not replaced"
	atf_check -s exit:1 -o inline:'refused: EPERM\n' \
	    ./priv "$JEXEC" d probe msgget
	# An entry found under the name of other rules is not taken for them.
	cp "$(fc_entry "$REG/2/filter")" "$key"
	atf_check ./priv "$JAIL" -c name=e path="$root" persist
	atf_check cmp "$REG/1/filter" "$REG/5/filter"
	[ "$(fc_entry "$REG/1/filter")" = "$key" ] ||
	    atf_fail "the entry was not replaced"
	atf_check -s exit:1 -o inline:'refused: EPERM\n' \
	    ./priv "$JEXEC" e probe msgget
	atf_check -o inline:'2\n' -x "ls -A '$REG/.filters' | wc -l"
}
filter_cache_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- jail -c with a command ---------------------------------------------

atf_test_case command_runs_then_jail_ends cleanup
command_runs_then_jail_ends_head()
{
	atf_set descr "jail -c path= command=... runs the command in a new" \
	    "jail and removes the jail when it ends"
	atf_set require.user root
}
command_runs_then_jail_ends_body()
{
	root=$(jb_root)
	n=$(jb_name cmd)
	atf_check -o inline:'hi\n' "$JAIL" -c name="$n" path="$root" \
	    command=/bin/echo hi
	atf_check -s exit:1 -o empty -e inline:"jls: jail \"$n\" not found\\n" \
	    "$JLS" -j "$n" name
	atf_check -o save:out "$JAIL" -i -c path="$root" command=/bin/echo hi
	jid=$(head -n 1 out)
	atf_check -o inline:"$jid\\nhi\\n" cat out
	jb_assert_gone "$jid"
	"$JLS" path > paths
	atf_check -s exit:1 grep -F "$(pwd -P)/" paths
}
command_runs_then_jail_ends_cleanup()
{
	jb_cleanup
}

atf_test_case command_takes_rest_of_arguments cleanup
command_takes_rest_of_arguments_head()
{
	atf_set descr "everything after command= is the command's argv," \
	    "even what looks like a parameter"
	atf_set require.user root
}
command_takes_rest_of_arguments_body()
{
	root=$(jb_root)
	atf_check -o inline:'[a b][name=x][persist][-v]\n' "$JAIL" \
	    -c path="$root" command=/bin/sh -c \
	    'for a; do printf "[%s]" "$a"; done; echo' sh 'a b' name=x \
	    persist -v
}
command_takes_rest_of_arguments_cleanup()
{
	jb_cleanup
}

atf_test_case command_exit_status_reported cleanup
command_exit_status_reported_head()
{
	atf_set descr "a command that fails makes jail print" \
	    "NAME: CMD: failed and exit 1"
	atf_set require.user root
}
command_exit_status_reported_body()
{
	root=$(jb_root)
	n=$(jb_name fail)
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: /bin/sh -c exit 3: failed\\n" \
	    "$JAIL" -c name="$n" path="$root" command=/bin/sh -c 'exit 3'
	atf_check -s exit:1 -o empty -e inline:"jail: $n: /bin/false: failed\\n" \
	    "$JAIL" -c name="$n" path="$root" command=/bin/false
	atf_check -s exit:0 -o empty -e empty \
	    "$JAIL" -c name="$n" path="$root" command=/bin/true
}
command_exit_status_reported_cleanup()
{
	jb_cleanup
}

atf_test_case command_signal_reported cleanup
command_signal_reported_head()
{
	atf_set descr "a command killed by a signal makes jail print" \
	    "NAME: CMD: exited on signal N and exit 1"
	atf_set require.user root
}
command_signal_reported_body()
{
	root=$(jb_root)
	n=$(jb_name sig)
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: /bin/sh -c kill -9 \$\$: exited on signal 9\\n" \
	    "$JAIL" -c name="$n" path="$root" command=/bin/sh -c 'kill -9 $$'
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: /bin/sh -c kill -TERM \$\$: exited on signal 15\\n" \
	    "$JAIL" -c name="$n" path="$root" command=/bin/sh -c 'kill -TERM $$'
}
command_signal_reported_cleanup()
{
	jb_cleanup
}

atf_test_case command_not_executable cleanup
command_not_executable_head()
{
	atf_set descr "a command that cannot be executed is reported with" \
	    "execvp's error, and the jail is removed"
	atf_set require.user root
}
command_not_executable_body()
{
	root=$(jb_root)
	n=$(jb_name noexec)
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: execvp: /nope: No such file or directory\\n" \
	    "$JAIL" -c name="$n" path="$root" command=/nope
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: execvp: /etc: Permission denied\\n" \
	    "$JAIL" -c name="$n" path="$root" command=/etc
	atf_check -o save:jid -s exit:1 \
	    -e save:err "$JAIL" -i -c path="$root" command=/nope
	jid=$(cat jid)
	atf_check -o inline:"jail: $jid: execvp: /nope: No such file or directory\\n" \
	    cat err
	jb_assert_gone "$jid"
	atf_check -s exit:1 -o ignore -e ignore "$JLS" -j "$n"
}
command_not_executable_cleanup()
{
	jb_cleanup
}

atf_test_case command_empty_refused cleanup
command_empty_refused_head()
{
	atf_set descr "an empty command= is refused"
	atf_set require.user root
}
command_empty_refused_body()
{
	root=$(jb_root)
	atf_check -s exit:1 -o empty -e inline:'jail: command: empty command\n' \
	    "$JAIL" -c path="$root" command=
}
command_empty_refused_cleanup()
{
	jb_cleanup
}

atf_test_case command_gets_callers_stdio cleanup
command_gets_callers_stdio_head()
{
	atf_set descr "the command reads jail's stdin and writes to its" \
	    "stdout and stderr"
	atf_set require.user root
}
command_gets_callers_stdio_body()
{
	root=$(jb_root)
	atf_check -o inline:'from stdin\n' -x \
	    "echo 'from stdin' | '$JAIL' -c path='$root' command=/bin/cat"
	atf_check -o inline:'out\n' -e inline:'err\n' "$JAIL" -c path="$root" \
	    command=/bin/sh -c 'echo out; echo err >&2'
}
command_gets_callers_stdio_cleanup()
{
	jb_cleanup
}

atf_test_case command_inherits_no_descriptors cleanup
command_inherits_no_descriptors_head()
{
	atf_set descr "descriptors above 2 of jail's caller do not reach" \
	    "the command"
	atf_set require.user root
}
command_inherits_no_descriptors_body()
{
	root=$(jb_root)
	exec 7< /etc/passwd 8> fd8
	# The descriptors do reach a host command run the same way ...
	atf_check -o match:'^7$' -o match:'^8$' ls /proc/self/fd
	# ... but not the jailed one: 3 is ls's own directory.
	atf_check -o inline:'0\n1\n2\n3\n' "$JAIL" -c path="$root" \
	    command=/bin/ls /proc/self/fd
	exec 7<&- 8>&-
}
command_inherits_no_descriptors_cleanup()
{
	jb_cleanup
}

atf_test_case command_with_persist_keeps_jail cleanup
command_with_persist_keeps_jail_head()
{
	atf_set descr "with persist, the jail outlives its command"
	atf_set require.user root
}
command_with_persist_keeps_jail_body()
{
	root=$(jb_root)
	n=$(jb_name keep)
	atf_check -o inline:'hi\n' "$JAIL" -c name="$n" path="$root" persist \
	    command=/bin/echo hi
	atf_check -o inline:"$n\\n" "$JLS" -j "$n" name
	atf_check -o inline:'ok\n' "$JEXEC" "$n" echo ok
}
command_with_persist_keeps_jail_cleanup()
{
	jb_cleanup
}

# ---- refusing bad input --------------------------------------------------

atf_test_case bad_path_not_set cleanup
bad_path_not_set_head()
{
	atf_set descr "jail -c without path= is refused"
	atf_set require.user root
}
bad_path_not_set_body()
{
	jb_private
	jb_bad_create 'jail: www: path: not set\n' name=www persist
	jb_bad_create 'jail: path: not set\n' persist host.hostname=www
}
bad_path_not_set_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_path_relative cleanup
bad_path_relative_head()
{
	atf_set descr "a relative path= is refused"
	atf_set require.user root
}
bad_path_relative_body()
{
	jb_private
	mkdir -p rel/dir
	jb_bad_create 'jail: www: path rel/dir: not an absolute path\n' \
	    name=www path=rel/dir persist
}
bad_path_relative_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_path_missing cleanup
bad_path_missing_head()
{
	atf_set descr "a path= that does not exist is refused"
	atf_set require.user root
}
bad_path_missing_body()
{
	jb_private
	jb_bad_create \
	    'jail: www: path /nonexistent: No such file or directory\n' \
	    name=www path=/nonexistent persist
}
bad_path_missing_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_path_not_directory cleanup
bad_path_not_directory_head()
{
	atf_set descr "a path= that is a file is refused"
	atf_set require.user root
}
bad_path_not_directory_body()
{
	jb_private
	jb_bad_create 'jail: www: path /etc/passwd: Not a directory\n' \
	    name=www path=/etc/passwd persist
}
bad_path_not_directory_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_name_slash cleanup
bad_name_slash_head()
{
	atf_set descr "a name with / is refused"
	atf_set require.user root
}
bad_name_slash_body()
{
	root=$(jb_root)
	jb_private
	jb_bad_create 'jail: a/b: name cannot contain "/"\n' \
	    name=a/b path="$root" persist
}
bad_name_slash_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_name_leading_dot cleanup
bad_name_leading_dot_head()
{
	atf_set descr "a name starting with . is refused"
	atf_set require.user root
}
bad_name_leading_dot_body()
{
	root=$(jb_root)
	jb_private
	jb_bad_create 'jail: .x: name cannot start with "."\n' \
	    name=.x path="$root" persist
	jb_bad_create 'jail: ..: name cannot start with "."\n' \
	    name=.. path="$root" persist
}
bad_name_leading_dot_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_name_numeric cleanup
bad_name_numeric_head()
{
	atf_set descr "a numeric name other than the jid is refused"
	atf_set require.user root
}
bad_name_numeric_body()
{
	root=$(jb_root)
	jb_private
	jb_bad_create 'jail: 12: name cannot be numeric (unless it is the jid)\n' \
	    name=12 path="$root" persist
	jb_bad_create 'jail: 12: name cannot be numeric (unless it is the jid)\n' \
	    jid=13 name=12 path="$root" persist
	jb_bad_create 'jail: 1: name cannot be numeric (unless it is the jid)\n' \
	    name=1 path="$root" persist
	jb_bad_create 'jail: 012: name cannot be numeric (unless it is the jid)\n' \
	    name=012 path="$root" persist
	jb_bad_create 'jail: 0: name cannot be numeric (unless it is the jid)\n' \
	    name=0 path="$root" persist
}
bad_name_numeric_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_name_control_characters cleanup
bad_name_control_characters_head()
{
	atf_set descr "a name with a newline or another control character" \
	    "is refused, and shown escaped"
	atf_set require.user root
}
bad_name_control_characters_body()
{
	root=$(jb_root)
	jb_private
	nl='
'
	jb_bad_create 'jail: a\\nb: name cannot contain the character 0x0a\n' \
	    "name=a${nl}b" path="$root" persist
	jb_bad_create 'jail: a\\033b: name cannot contain the character 0x1b\n' \
	    "name=a$(printf '\033')b" path="$root" persist
	jb_bad_create 'jail: name cannot be empty\n' name= path="$root" persist
}
bad_name_control_characters_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_unknown_parameter cleanup
bad_unknown_parameter_head()
{
	atf_set descr "an unknown parameter is refused"
	atf_set require.user root
}
bad_unknown_parameter_body()
{
	root=$(jb_root)
	jb_private
	jb_bad_create 'jail: unknown parameter: foo\n' path="$root" foo persist
	jb_bad_create 'jail: unknown parameter: foo\n' path="$root" foo=1 persist
	jb_bad_create 'jail: unknown parameter: nohost.hostname\n' \
	    path="$root" nohost.hostname persist
}
bad_unknown_parameter_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_boolean_value cleanup
bad_boolean_value_head()
{
	atf_set descr "persist=maybe is refused"
	atf_set require.user root
}
bad_boolean_value_body()
{
	root=$(jb_root)
	jb_private
	jb_bad_create 'jail: persist: unknown boolean value "maybe"\n' \
	    path="$root" persist=maybe
}
bad_boolean_value_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_integer_value cleanup
bad_integer_value_head()
{
	atf_set descr "stop.timeout= must be a non-negative integer"
	atf_set require.user root
}
bad_integer_value_body()
{
	root=$(jb_root)
	jb_private
	jb_bad_create 'jail: stop.timeout: non-integer value "abc"\n' \
	    path="$root" persist stop.timeout=abc
	jb_bad_create 'jail: stop.timeout: value out of range "-1"\n' \
	    path="$root" persist stop.timeout=-1
	jb_bad_create 'jail: jid: value out of range "0"\n' \
	    path="$root" persist jid=0
}
bad_integer_value_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_neither_persist_nor_command cleanup
bad_neither_persist_nor_command_head()
{
	atf_set descr "a jail with neither persist nor a command is refused"
	atf_set require.user root
}
bad_neither_persist_nor_command_body()
{
	root=$(jb_root)
	jb_private
	jb_bad_create 'jail: www: new jail must persist or attach\n' \
	    name=www path="$root"
	jb_bad_create 'jail: new jail must persist or attach\n' path="$root"
	jb_bad_create 'jail: www: new jail must persist or attach\n' \
	    name=www path="$root" nopersist
}
bad_neither_persist_nor_command_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_name_in_use cleanup
bad_name_in_use_head()
{
	atf_set descr "a second jail with a live jail's name is refused"
	atf_set require.user root
}
bad_name_in_use_body()
{
	root=$(jb_root)
	jb_private
	atf_check ./priv "$JAIL" -c name=www path="$root" persist
	jb_bad_create 'jail: www: jail "www" already exists\n' \
	    name=www path="$root" persist
	jb_bad_create 'jail: www: jail "www" already exists\n' \
	    name=www path="$root" command=/bin/true
	atf_check -o inline:'1 www\n' ./priv "$JLS" jid name
}
bad_name_in_use_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case bad_jid_in_use cleanup
bad_jid_in_use_head()
{
	atf_set descr "jid=N of a live jail is refused"
	atf_set require.user root
}
bad_jid_in_use_body()
{
	root=$(jb_root)
	jb_private
	atf_check ./priv "$JAIL" -c name=www path="$root" persist
	jb_bad_create 'jail: 1: jail 1 already exists\n' jid=1 path="$root" \
	    persist
	jb_bad_create 'jail: other: jail 1 already exists\n' jid=1 name=other \
	    path="$root" persist
	atf_check -o inline:'1 www\n' ./priv "$JLS" jid name
}
bad_jid_in_use_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

# ---- concurrency ---------------------------------------------------------

atf_test_case concurrent_same_name_one_wins cleanup
concurrent_same_name_one_wins_head()
{
	atf_set descr "of five creates of one name at once, exactly one" \
	    "succeeds"
	atf_set require.user root
}
concurrent_same_name_one_wins_body()
{
	root=$(jb_root)
	n=$(jb_name same)
	for i in 1 2 3 4 5; do
		( "$JAIL" -c name="$n" path="$root" persist >out.$i 2>err.$i
		  echo $? > rc.$i ) &
	done
	wait
	atf_check -o inline:'0\n1\n1\n1\n1\n' -x 'cat rc.* | sort'
	atf_check -o empty cat out.1 out.2 out.3 out.4 out.5
	for i in 1 2 3 4 5; do
		[ "$(cat rc.$i)" = 0 ] && atf_check -o empty cat err.$i
		[ "$(cat rc.$i)" = 0 ] ||
		    atf_check -o inline:"jail: $n: jail \"$n\" already exists\\n" \
		    cat err.$i
	done
	"$JLS" name > names
	atf_check -o inline:"$n\\n" grep -Fx "$n" names
}
concurrent_same_name_one_wins_cleanup()
{
	jb_cleanup
}

atf_test_case concurrent_distinct_names cleanup
concurrent_distinct_names_head()
{
	atf_set descr "ten creates of different names at once all succeed," \
	    "with distinct jids"
	atf_set require.user root
}
concurrent_distinct_names_body()
{
	root=$(jb_root)
	for i in 0 1 2 3 4 5 6 7 8 9; do
		( "$JAIL" -c name="$(jb_name c$i)" path="$root" persist \
		    >out.$i 2>err.$i
		  echo $? > rc.$i ) &
	done
	wait
	atf_check -o inline:'0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n' cat rc.0 rc.1 \
	    rc.2 rc.3 rc.4 rc.5 rc.6 rc.7 rc.8 rc.9
	atf_check -o empty cat out.0 out.1 out.2 out.3 out.4 out.5 out.6 \
	    out.7 out.8 out.9
	atf_check -o empty cat err.0 err.1 err.2 err.3 err.4 err.5 err.6 \
	    err.7 err.8 err.9
	for i in 0 1 2 3 4 5 6 7 8 9; do
		jb_jid "$(jb_name c$i)"
	done > jids
	atf_check -o inline:'10\n' -x 'sort -u jids | wc -l'
	for jid in $(cat jids); do
		atf_check -o inline:"$(readlink -f "$root")\\n" "$JLS" \
		    -j "$jid" path
	done
}
concurrent_distinct_names_cleanup()
{
	jb_cleanup
}

# ---- removing ------------------------------------------------------------

atf_test_case remove_by_name_and_jid cleanup
remove_by_name_and_jid_head()
{
	atf_set descr "jail -r NAME and jail -r JID remove silently; -v" \
	    "prints NAME: removed"
	atf_set require.user root
}
remove_by_name_and_jid_body()
{
	root=$(jb_root)
	a=$(jb_name a)
	b=$(jb_name b)
	c=$(jb_name c)
	for n in "$a" "$b" "$c"; do
		atf_check "$JAIL" -c name="$n" path="$root" persist
	done
	jb=$(jb_jid "$b")
	atf_check -o empty -e empty "$JAIL" -r "$a"
	atf_check -o empty -e empty "$JAIL" -r "$jb"
	atf_check -o inline:"$c: removed\\n" -e empty "$JAIL" -v -r "$c"
	for n in "$a" "$b" "$c"; do
		atf_check -s exit:1 -o ignore \
		    -e inline:"jls: jail \"$n\" not found\\n" "$JLS" -j "$n"
	done
}
remove_by_name_and_jid_cleanup()
{
	jb_cleanup
}

atf_test_case remove_clears_everything cleanup
remove_clears_everything_head()
{
	atf_set descr "after jail -r no process, registry entry or cgroup" \
	    "of the jail is left"
	atf_set require.user root
}
remove_clears_everything_body()
{
	root=$(jb_root)
	n=$(jb_name gone)
	atf_check "$JAIL" -c name="$n" path="$root" persist
	jid=$(jb_jid "$n")
	pid=$(jb_init_pid "$jid")
	"$JEXEC" "$n" sh -c 'touch /tmp/ready; exec sleep 1000' \
	    > /dev/null 2>&1 &
	bg=$!
	jb_wait_file "$root/tmp/ready"
	atf_check "$JAIL" -r "$n"
	wait $bg
	rc=$?
	[ $rc -eq 143 ] || atf_fail "jexec sleep ended with $rc, not 143 (TERM)"
	jb_wait_gone "$pid"
	jb_assert_gone "$jid"
	atf_check -s exit:1 -o ignore -e inline:"jls: jail \"$n\" not found\\n" \
	    "$JLS" -j "$n"
}
remove_clears_everything_cleanup()
{
	jb_cleanup
}

atf_test_case remove_frees_name_and_jid cleanup
remove_frees_name_and_jid_head()
{
	atf_set descr "a removed jail's name and jid can be used again"
	atf_set require.user root
}
remove_frees_name_and_jid_body()
{
	root=$(jb_root)
	n=$(jb_name again)
	atf_check "$JAIL" -c name="$n" path="$root" persist
	jid=$(jb_jid "$n")
	atf_check "$JAIL" -r "$n"
	atf_check "$JAIL" -c name="$n" jid="$jid" path="$root" persist
	atf_check -o inline:"$jid $n\\n" "$JLS" -j "$n" jid name
	# Where no other test creates jails: the name is free at once; the
	# jid is given again only when asked for, as on FreeBSD.
	jb_private
	atf_check ./priv "$JAIL" -c name=x path="$root" persist
	atf_check ./priv "$JAIL" -c name=y path="$root" persist
	atf_check ./priv "$JAIL" -r x
	atf_check -o inline:'3\n' ./priv "$JAIL" -i -c name=x path="$root" \
	    persist
	atf_check -o inline:'1\n' ./priv "$JAIL" -i -c jid=1 name=z \
	    path="$root" persist
	atf_check -o inline:'1 z\n2 y\n3 x\n' ./priv "$JLS" jid name
}
remove_frees_name_and_jid_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case remove_sends_sigterm_first cleanup
remove_sends_sigterm_first_head()
{
	atf_set descr "jail -r gives the jail's processes SIGTERM and time" \
	    "to exit before killing them"
	atf_set require.user root
}
remove_sends_sigterm_first_body()
{
	root=$(jb_root)
	n=$(jb_name term)
	atf_check "$JAIL" -c name="$n" path="$root" persist
	"$JEXEC" "$n" sh -c 'trap "echo got TERM > /tmp/term; exit 0" TERM
	    touch /tmp/ready; while :; do sleep 1; done' \
	    > /dev/null 2>&1 &
	bg=$!
	jb_wait_file "$root/tmp/ready"
	atf_check "$JAIL" -r "$n"
	wait $bg
	atf_check -o inline:'got TERM\n' cat "$root/tmp/term"
}
remove_sends_sigterm_first_cleanup()
{
	jb_cleanup
}

atf_test_case remove_stop_timeout_zero_kills_at_once cleanup
remove_stop_timeout_zero_kills_at_once_head()
{
	atf_set descr "with stop.timeout=0 jail -r sends no SIGTERM and" \
	    "kills the jail at once"
	atf_set require.user root
}
remove_stop_timeout_zero_kills_at_once_body()
{
	root=$(jb_root)
	n=$(jb_name zero)
	atf_check "$JAIL" -c name="$n" path="$root" persist stop.timeout=0
	"$JEXEC" "$n" sh -c 'trap "echo got TERM > /tmp/term; exit 0" TERM
	    touch /tmp/ready; while :; do sleep 1; done' \
	    > /dev/null 2>&1 &
	bg=$!
	jb_wait_file "$root/tmp/ready"
	atf_check "$JAIL" -r "$n"
	wait $bg
	rc=$?
	[ $rc -eq 137 ] || atf_fail "jexec ended with $rc, not 137 (KILL)"
	[ ! -e "$root/tmp/term" ] || atf_fail "the jail got SIGTERM"
}
remove_stop_timeout_zero_kills_at_once_cleanup()
{
	jb_cleanup
}

atf_test_case remove_kills_term_ignorer cleanup
remove_kills_term_ignorer_head()
{
	atf_set descr "a process that ignores SIGTERM is killed once" \
	    "stop.timeout has passed"
	atf_set require.user root
}
remove_kills_term_ignorer_body()
{
	root=$(jb_root)
	n=$(jb_name ignore)
	atf_check "$JAIL" -c name="$n" path="$root" persist stop.timeout=1
	jid=$(jb_jid "$n")
	"$JEXEC" "$n" sh -c 'trap "" TERM; touch /tmp/ready; sleep 1000' \
	    > /dev/null 2>&1 &
	bg=$!
	jb_wait_file "$root/tmp/ready"
	atf_check "$JAIL" -r "$n"
	wait $bg
	rc=$?
	[ $rc -eq 137 ] || atf_fail "jexec ended with $rc, not 137 (KILL)"
	jb_assert_gone "$jid"
}
remove_kills_term_ignorer_cleanup()
{
	jb_cleanup
}

atf_test_case remove_several_notes cleanup
remove_several_notes_head()
{
	atf_set descr "jail -r with several jails prints NAME: removed for" \
	    "each unless -q"
	atf_set require.user root
}
remove_several_notes_body()
{
	root=$(jb_root)
	a=$(jb_name a)
	b=$(jb_name b)
	c=$(jb_name c)
	d=$(jb_name d)
	for n in "$a" "$b" "$c" "$d"; do
		atf_check "$JAIL" -c name="$n" path="$root" persist
	done
	atf_check -o save:notes -e empty "$JAIL" -r "$a" "$b"
	atf_check -o inline:"$(printf '%s: removed\n' "$a" "$b" | sort)\\n" \
	    sort notes
	atf_check -o empty -e empty "$JAIL" -q -r "$c" "$d"
	atf_check -o save:names "$JLS" name
	for n in "$a" "$b" "$c" "$d"; do
		atf_check -s exit:1 grep -Fx "$n" names
	done
}
remove_several_notes_cleanup()
{
	jb_cleanup
}

atf_test_case remove_not_found cleanup
remove_not_found_head()
{
	atf_set descr "jail -r of an unknown jail fails; the other jails" \
	    "named are still removed"
	atf_set require.user root
}
remove_not_found_body()
{
	root=$(jb_root)
	atf_check -s exit:1 -o empty -e inline:'jail: "nosuch" not found\n' \
	    "$JAIL" -r nosuch
	atf_check -s exit:1 -o empty -e inline:'jail: "a\\nb" not found\n' \
	    "$JAIL" -r 'a
b'
	n=$(jb_name real)
	atf_check "$JAIL" -c name="$n" path="$root" persist
	atf_check -s exit:1 -o inline:"$n: removed\\n" \
	    -e inline:'jail: "nosuch" not found\n' "$JAIL" -r nosuch "$n"
	atf_check -s exit:1 -o ignore -e ignore "$JLS" -j "$n"
}
remove_not_found_cleanup()
{
	jb_cleanup
}

atf_test_case remove_all cleanup
remove_all_head()
{
	atf_set descr "jail -r '*' removes every jail, with a note for each"
	atf_set require.user root
}
remove_all_body()
{
	root=$(jb_root)
	# Only the jails of this test's private registry are seen.
	jb_private
	for n in a b c; do
		atf_check ./priv "$JAIL" -c name=$n path="$root" persist
	done
	atf_check -o save:init.b cat "$REG/2/init"
	# Jails that do not depend on each other go at once, in any order.
	atf_check -o save:notes -e empty ./priv "$JAIL" -r '*'
	atf_check -o inline:'a: removed\nb: removed\nc: removed\n' sort notes
	atf_check -o inline:'.filters\n.lock\n.names\n' ls -A "$REG"
	atf_check -o empty ls -A "$REG/.names"
	atf_check -s exit:1 -o empty -x "ls '$PCG/jailbox' | grep '^[0-9]'"
	jb_wait_gone "$(cut -d' ' -f1 init.b)"
	atf_check -o empty ./priv "$JLS" name
	for n in d e; do
		atf_check ./priv "$JAIL" -c name=$n path="$root" persist
	done
	atf_check -o empty -e empty ./priv "$JAIL" -q -r '*'
	atf_check -o inline:'.filters\n.lock\n.names\n' ls -A "$REG"
	atf_check -o empty ls -A "$REG/.names"
	atf_check -o empty -e empty ./priv "$JAIL" -r '*'
}
remove_all_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case remove_dead_jail cleanup
remove_dead_jail_head()
{
	atf_set descr "a jail whose init was killed is not listed nor" \
	    "enterable, jail -r clears it, its name is free, and the next" \
	    "create clears the others"
	atf_set require.user root
}
remove_dead_jail_body()
{
	root=$(jb_root)
	jb_private
	atf_check ./priv "$JAIL" -c name=www path="$root" persist
	atf_check ./priv "$JAIL" -c name=other path="$root" persist
	pid=$(cut -d' ' -f1 "$REG/1/init")
	kill -9 "$pid"
	jb_wait_gone "$pid"
	atf_check -o inline:'2 other\n' ./priv "$JLS" jid name
	atf_check -s exit:1 -o empty -e inline:'jexec: jail "www" not found\n' \
	    ./priv "$JEXEC" www true
	atf_check -s exit:1 -o empty -e inline:'jexec: jail "1" not found\n' \
	    ./priv "$JEXEC" 1 true
	atf_check -o empty -e empty ./priv "$JAIL" -r www
	atf_check -o inline:'.filters\n.lock\n.names\n2\n' ls -A "$REG"
	atf_check -o inline:'other\n' ls -A "$REG/.names"
	atf_check -o inline:'2\n' -x "ls '$PCG/jailbox' | grep '^[0-9]'"
	atf_check -o inline:'3\n' ./priv "$JAIL" -i -c name=www path="$root" \
	    persist
	# A dead jail's name is free to a new jail, which clears it.
	pid=$(cut -d' ' -f1 "$REG/2/init")
	kill -9 "$pid"
	jb_wait_gone "$pid"
	atf_check -o inline:'4\n' ./priv "$JAIL" -i -c name=other \
	    path="$root" persist
	atf_check -o inline:'3 www\n4 other\n' ./priv "$JLS" jid name
	# Any other dead jail is cleared by the next create.
	pid=$(cut -d' ' -f1 "$REG/3/init")
	kill -9 "$pid"
	jb_wait_gone "$pid"
	atf_check -o inline:'5\n' ./priv "$JAIL" -i -c name=third \
	    path="$root" persist
	atf_check -o inline:'.filters\n.lock\n.names\n4\n5\n' ls -A "$REG"
	atf_check -o inline:'other\nthird\n' ls -A "$REG/.names"
	atf_check -o inline:'4\n5\n' -x "ls '$PCG/jailbox' | grep '^[0-9]'"
	atf_check -o inline:'4 other\n5 third\n' ./priv "$JLS" jid name
}
remove_dead_jail_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_init_test_cases()
{
	atf_add_test_case usage_no_arguments
	atf_add_test_case usage_bad_option_combinations
	atf_add_test_case usage_unknown_option
	atf_add_test_case must_be_root

	atf_add_test_case create_persistent
	atf_add_test_case create_writes_registry_entry
	atf_add_test_case create_verbose_and_jid_notes
	atf_add_test_case create_unnamed_is_named_by_jid
	atf_add_test_case create_with_given_jid
	atf_add_test_case create_next_jid
	atf_add_test_case create_stores_resolved_path
	atf_add_test_case create_makes_cgroup
	atf_add_test_case create_new_namespaces
	atf_add_test_case create_pivots_into_path
	atf_add_test_case create_never_mounts_on_host
	atf_add_test_case create_mounts_own_procfs
	atf_add_test_case create_noprocfs
	atf_add_test_case create_without_proc_directory
	atf_add_test_case create_loopback_only
	atf_add_test_case create_sets_hostname
	atf_add_test_case create_hides_host_files
	atf_add_test_case create_hides_host_processes
	atf_add_test_case create_init_holds_no_descriptors
	atf_add_test_case create_failure_undoes_everything
	atf_add_test_case create_clears_leftovers
	atf_add_test_case filter_cache

	atf_add_test_case command_runs_then_jail_ends
	atf_add_test_case command_takes_rest_of_arguments
	atf_add_test_case command_exit_status_reported
	atf_add_test_case command_signal_reported
	atf_add_test_case command_not_executable
	atf_add_test_case command_empty_refused
	atf_add_test_case command_gets_callers_stdio
	atf_add_test_case command_inherits_no_descriptors
	atf_add_test_case command_with_persist_keeps_jail

	atf_add_test_case bad_path_not_set
	atf_add_test_case bad_path_relative
	atf_add_test_case bad_path_missing
	atf_add_test_case bad_path_not_directory
	atf_add_test_case bad_name_slash
	atf_add_test_case bad_name_leading_dot
	atf_add_test_case bad_name_numeric
	atf_add_test_case bad_name_control_characters
	atf_add_test_case bad_unknown_parameter
	atf_add_test_case bad_boolean_value
	atf_add_test_case bad_integer_value
	atf_add_test_case bad_neither_persist_nor_command
	atf_add_test_case bad_name_in_use
	atf_add_test_case bad_jid_in_use

	atf_add_test_case concurrent_same_name_one_wins
	atf_add_test_case concurrent_distinct_names

	atf_add_test_case remove_by_name_and_jid
	atf_add_test_case remove_clears_everything
	atf_add_test_case remove_frees_name_and_jid
	atf_add_test_case remove_sends_sigterm_first
	atf_add_test_case remove_stop_timeout_zero_kills_at_once
	atf_add_test_case remove_kills_term_ignorer
	atf_add_test_case remove_several_notes
	atf_add_test_case remove_not_found
	atf_add_test_case remove_all
	atf_add_test_case remove_dead_jail
}
