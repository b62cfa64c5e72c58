#! /usr/bin/env atf-sh
# Escapes: root inside a jail tries, through tests/probe.c, each thing that
# has broken a well-known container or jail tool (shared/SECURITY.md), and
# must be refused, or must stay inside the jail.  Where a parameter grants
# something back, the case is tried both ways.  Every attempt that could
# touch the host checks the host is unchanged afterwards.

. "$(atf_get_srcdir)/common.subr"

export LC_ALL=C

PROBE=$JB_BUILD/tests/probe

# jb_pjail NAME [PARAM ...]: a persistent jail named NAME on a fresh root
# with the probe in /bin; sets n and root.
jb_pjail()
{
	n=$1
	shift
	root=$(jb_probe_root)
	atf_check -o empty -e empty "$JAIL" -c name="$n" path="$root" \
	    persist "$@"
}

# jb_refused ERRNO ATTACK [ARG ...]: the attack, in jail $n, is refused.
jb_refused()
{
	err=$1
	shift
	atf_check -s exit:1 -o inline:"refused: $err\\n" -e empty \
	    "$JEXEC" "$n" probe "$@"
}

# jb_succeeds ATTACK [ARG ...]: the attempt, in jail $n, works.
jb_succeeds()
{
	atf_check -s exit:0 -o inline:'succeeded\n' -e empty \
	    "$JEXEC" "$n" probe "$@"
}


# ---------------------------------------------------------------------
# Devices, modules, the kernel itself

jb_root_case mknod_char_device_refused \
    "mknod of a character device (1,3) in the jail is refused: no CAP_MKNOD"
mknod_char_device_refused_body()
{
	jb_pjail "$(jb_name mknod)"
	jb_refused EPERM mknod /tmp/null
	atf_check test ! -e "$root/tmp/null"
}

jb_root_case device_node_copied_in_refused \
    "a device node the host puts in the jail tree cannot be opened from" \
    "the jail: the tree is nodev"
device_node_copied_in_refused_body()
{
	jb_pjail "$(jb_name devnode)"
	atf_check mknod "$root/tmp/null" c 1 3
	jb_refused EACCES open-write /tmp/null
	jb_refused EACCES read /tmp/null
}

jb_root_case load_kernel_module_refused \
    "init_module, finit_module and delete_module are refused"
load_kernel_module_refused_body()
{
	jb_pjail "$(jb_name module)"
	jb_refused EPERM init-module
	jb_refused EPERM finit-module /bin/probe
	jb_refused EPERM delete-module ext4
}

jb_root_case kexec_load_refused "kexec_load is refused"
kexec_load_refused_body()
{
	jb_pjail "$(jb_name kexec)"
	jb_refused EPERM kexec-load
}

jb_root_case reboot_swap_acct_io_quota_refused \
    "reboot, swapon, acct, iopl, ioperm and quotactl are refused"
reboot_swap_acct_io_quota_refused_body()
{
	jb_pjail "$(jb_name kernel)"
	jb_refused EPERM reboot
	jb_refused EPERM swapon /bin/probe
	jb_refused EPERM acct
	jb_refused EPERM iopl
	jb_refused EPERM ioperm
	jb_refused EPERM quotactl /bin/probe
}

jb_root_case settime_refused_by_default \
    "clock_settime is refused without allow.settime"
settime_refused_by_default_body()
{
	jb_pjail "$(jb_name settime)"
	jb_refused EPERM settime
}

jb_root_case syslog_refused_without_allow_read_msgbuf \
    "syslog(2) is refused without allow.read_msgbuf"
syslog_refused_without_allow_read_msgbuf_body()
{
	jb_pjail "$(jb_name syslog)"
	jb_refused EPERM syslog
}

jb_root_case syslog_allowed_with_allow_read_msgbuf \
    "allow.read_msgbuf lets syslog(2) work"
syslog_allowed_with_allow_read_msgbuf_body()
{
	jb_pjail "$(jb_name msgbuf)" allow.read_msgbuf
	jb_succeeds syslog
}

jb_root_case personality_addr_no_randomize_refused \
    "personality with ADDR_NO_RANDOMIZE, MMAP_PAGE_ZERO," \
    "READ_IMPLIES_EXEC or ADDR_COMPAT_LAYOUT is refused; plain is not"
personality_addr_no_randomize_refused_body()
{
	jb_pjail "$(jb_name persona)"
	jb_refused EPERM personality 0x0040000
	jb_refused EPERM personality 0x0100000
	jb_refused EPERM personality 0x0200000
	jb_refused EPERM personality 0x0400000
	jb_succeeds personality 0
}

# ---------------------------------------------------------------------
# Terminals

jb_root_case tiocsti_into_terminal_refused \
    "TIOCSTI on the terminal jexec was run from is refused, also with" \
    "bits above 32 set in the request"
tiocsti_into_terminal_refused_body()
{
	jb_pjail "$(jb_name tiocsti)"
	# On the host, in the same kind of terminal, it works: the test
	# really gives the jailed process a terminal it could type into.
	atf_check -s exit:0 -o match:'succeeded' -e empty \
	    script -qec "'$PROBE' tiocsti" /dev/null
	atf_check -s exit:1 -o inline:'refused: EPERM\r\n' -e empty \
	    script -qec "'$JEXEC' '$n' probe tiocsti" /dev/null
	atf_check -s exit:1 -o inline:'refused: EPERM\r\n' -e empty \
	    script -qec "'$JEXEC' '$n' probe tiocsti-high" /dev/null
}

jb_root_case tioclinux_refused "TIOCLINUX is refused"
tioclinux_refused_body()
{
	jb_pjail "$(jb_name tioclinux)"
	atf_check -s exit:1 -o inline:'refused: EPERM\r\n' -e empty \
	    script -qec "'$JEXEC' '$n' probe tioclinux" /dev/null
}

# ---------------------------------------------------------------------
# Namespaces

jb_root_case unshare_user_refused \
    "unshare(CLONE_NEWUSER), which needs no capability, is refused"
unshare_user_refused_body()
{
	jb_pjail "$(jb_name unuser)"
	jb_refused EPERM unshare user
}

jb_root_case unshare_mount_refused "unshare(CLONE_NEWNS) is refused"
unshare_mount_refused_body()
{
	jb_pjail "$(jb_name unmount)"
	jb_refused EPERM unshare mount
}

jb_root_case unshare_any_namespace_refused \
    "unshare and clone of every other kind of namespace are refused"
unshare_any_namespace_refused_body()
{
	jb_pjail "$(jb_name unany)"
	for ns in cgroup ipc net pid time uts; do
		jb_refused EPERM unshare $ns
	done
	for ns in cgroup ipc mount net pid user uts; do
		jb_refused EPERM clone $ns
	done
}

jb_root_case clone3_returns_enosys \
    "clone3, whose flags seccomp cannot see, fails with ENOSYS"
clone3_returns_enosys_body()
{
	jb_pjail "$(jb_name clone3)"
	jb_refused ENOSYS clone3
}

jb_root_case setns_refused "setns is refused"
setns_refused_body()
{
	jb_pjail "$(jb_name setns)"
	jb_refused EPERM setns /proc/self/ns/net
	jb_refused EACCES setns /proc/1/ns/mnt
}

# ---------------------------------------------------------------------
# Keys, bpf, perf, userfaultfd, io_uring, file handles, other processes

jb_root_case keyctl_refused "keyctl, add_key and request_key are refused"
keyctl_refused_body()
{
	jb_pjail "$(jb_name keyctl)"
	jb_refused EPERM keyctl
	jb_refused EPERM add-key
	jb_refused EPERM request-key
}

jb_root_case bpf_refused "bpf is refused"
bpf_refused_body()
{
	jb_pjail "$(jb_name bpf)"
	jb_refused EPERM bpf
}

jb_root_case perf_event_open_refused \
    "perf_event_open is refused, even for the caller's own user time"
perf_event_open_refused_body()
{
	jb_pjail "$(jb_name perf)"
	jb_refused EPERM perf-event-open
}

jb_root_case userfaultfd_refused "userfaultfd is refused"
userfaultfd_refused_body()
{
	jb_pjail "$(jb_name uffd)"
	jb_refused EPERM userfaultfd
}

jb_root_case io_uring_refused "io_uring_setup is refused"
io_uring_refused_body()
{
	jb_pjail "$(jb_name uring)"
	jb_refused EPERM io-uring-setup
}

jb_root_case open_by_handle_at_refused \
    "open_by_handle_at (the shocker escape) and name_to_handle_at are" \
    "refused"
open_by_handle_at_refused_body()
{
	jb_pjail "$(jb_name handle)"
	jb_refused EPERM open-by-handle-at
	jb_refused EPERM name-to-handle-at /bin/probe
}

jb_root_case process_vm_readv_refused "process_vm_readv is refused"
process_vm_readv_refused_body()
{
	jb_pjail "$(jb_name vmread)"
	jb_refused EPERM process-vm-readv 1
}

jb_root_case kill_host_process_by_pid_refused \
    "a host process cannot be signalled, opened or traced by its host" \
    "pid from the jail, and survives"
kill_host_process_by_pid_refused_body()
{
	jb_pjail "$(jb_name kill)"
	sleep 600 &
	pid=$!
	echo $pid > sleep.pid
	jb_refused ESRCH kill $pid
	jb_refused ESRCH pidfd-open $pid
	jb_refused ESRCH ptrace $pid
	atf_check kill -0 $pid
	kill $pid
}
kill_host_process_by_pid_refused_cleanup()
{
	[ -f sleep.pid ] && kill "$(cat sleep.pid)" 2>/dev/null
	jb_cleanup
}

jb_root_case ptrace_jail_init_refused \
    "the jail's init cannot be traced from inside the jail"
ptrace_jail_init_refused_body()
{
	jb_pjail "$(jb_name ptrace)"
	jb_refused EPERM ptrace 1
}

# ---------------------------------------------------------------------
# Mounts

jb_root_case mount_tmpfs_refused \
    "mount of a tmpfs is refused and nothing reaches the host's mounts"
mount_tmpfs_refused_body()
{
	jb_pjail "$(jb_name mount)"
	jb_refused EPERM mount-tmpfs /tmp
	jb_assert_no_host_mount "$root/tmp"
	atf_check -o empty "$JEXEC" "$n" awk '$5 == "/tmp"' \
	    /proc/self/mountinfo
}

jb_root_case new_mount_api_refused \
    "fsopen, fspick, open_tree, move_mount, mount_setattr, umount2 and" \
    "pivot_root are refused"
new_mount_api_refused_body()
{
	jb_pjail "$(jb_name mountapi)"
	jb_refused EPERM fsopen
	jb_refused EPERM fspick /
	jb_refused EPERM open-tree /proc
	jb_refused EPERM move-mount /proc /tmp
	jb_refused EPERM mount-setattr /proc/sys
	jb_refused EPERM umount /proc/sys
	jb_refused EPERM pivot-root /tmp /tmp
}

# ---------------------------------------------------------------------
# /proc

jb_root_case read_proc_1_exe_refused \
    "the init's exe, root, cwd, environ and mem are out of reach"
read_proc_1_exe_refused_body()
{
	jb_pjail "$(jb_name exe1)"
	jb_refused EACCES read /proc/1/exe
	jb_refused EACCES open-write /proc/1/exe
	jb_refused EACCES readdir /proc/1/root
	jb_refused EACCES readdir /proc/1/cwd
	jb_refused EACCES read /proc/1/environ
	jb_refused EACCES read /proc/1/mem
}

jb_root_case jailbox_exe_not_writable_from_jail \
    "CVE-2019-5736: a jailed file run as #!/proc/self/exe gets jailbox" \
    "to run in the jail; the jail holds its exe and, once it is gone," \
    "cannot write to it; the host's jailbox is unchanged"
jailbox_exe_not_writable_from_jail_body()
{
	jb_pjail "$(jb_name selfexe)"
	printf '#!/proc/self/exe\n' > "$root/bin/evil"
	chmod 755 "$root/bin/evil"
	sum=$(sha256sum < "$JAILBOX")
	"$JEXEC" "$n" probe grab-exe /tmp/grabbed > attack.out 2> attack.err &
	attacker=$!
	# jailbox, run in the jail as /bin/evil's interpreter, blocks
	# writing its complaint to a full pipe until the attacker holds
	# its exe (or gave up): no race.
	{
		head -c 65536 /dev/zero
		"$JEXEC" "$n" /bin/evil
	} 2>&1 | {
		i=0
		while [ ! -e "$root/tmp/grabbed" ] && [ $i -lt 1500 ]; do
			i=$((i + 1))
			sleep 0.02
		done
		cat > /dev/null
	}
	wait $attacker
	atf_check -o match:'^probe: holding ' cat attack.err
	atf_check -o match:'^refused: E[A-Z]+$' cat attack.out
	atf_check -o inline:"$sum\\n" sha256sum < "$JAILBOX"
	jb_refused ETXTBSY open-write /proc/self/exe
}

# jb_exe_view PID: the process runs jailbox through a read-only mount:
# its /proc/PID/exe is on one and cannot be opened for writing, and no
# mapping of the executable is of the host's path.
jb_exe_view()
{
	atf_check -o inline:'ro refused 0\n' python3 -c '
import errno, os, sys
pid, host = sys.argv[1], os.path.realpath(sys.argv[2])
exe = "/proc/%s/exe" % pid
ro = "ro" if os.statvfs(exe).f_flag & os.ST_RDONLY else "rw"
try:
	os.close(os.open(exe, os.O_WRONLY))
	res = "opened"
except OSError as e:
	res = "refused" if e.errno in (errno.EROFS, errno.ETXTBSY) else \
	    errno.errorcode[e.errno]
ino = str(os.stat(exe).st_ino)
with open("/proc/%s/maps" % pid) as f:
	maps = [l.split(None, 5) for l in f]
mine = [m for m in maps if m[4] == ino]
left = [m for m in mine if len(m) > 5 and m[5].strip() == host]
print(ro, res, len(left) if mine else "no mapping")
' "$1" "$JAILBOX"
}

jb_root_case user_lookup_child_forked \
    "a command whose child looks its user up in the jail's own passwd" \
    "and group files is forked, so that nothing in them can reach" \
    "jexec's memory; on x86-64 one that looks nothing up shares that" \
    "memory until it is executed (clone3 CLONE_VM|CLONE_VFORK)"
user_lookup_child_forked_body()
{
	jb_pjail "$(jb_name spawn)"
	mkdir -p "$root/etc"
	echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
	echo 'root:x:0:' > "$root/etc/group"
	atf_check strace -f -qq -e trace=clone3 -o plain "$JEXEC" "$n" true
	atf_check strace -f -qq -e trace=clone3 -o user "$JEXEC" -U 0 "$n" \
	    true
	atf_check -o match:'^[0-9]+ +clone3\(' cat user
	atf_check -s exit:1 -o empty grep CLONE_VM user
	if [ "$(uname -m)" = x86_64 ]; then
		atf_check -o match:'clone3\(.*CLONE_VM\|CLONE_VFORK' cat plain
	else
		atf_check -s exit:1 -o empty grep CLONE_VM plain
	fi
}

jb_root_case jailbox_exe_read_only_view \
    "the jail's init, forked from jail(8), runs jailbox through a" \
    "read-only mount: its /proc/PID/exe and every mapping of jailbox" \
    "are on one, and cannot be opened for writing, not even by root on" \
    "the host"
jailbox_exe_read_only_view_body()
{
	jb_pjail "$(jb_name roexe)"
	jb_exe_view "$(jb_init_pid "$(jb_jid "$n")")"
}

jb_root_case jailbox_exe_view_executed \
    "where the kernel refuses jail(8) a new name for its executable" \
    "(prctl PR_SET_MM), it executes the read-only view instead: the" \
    "jail is made, its init runs from the view, jexec works"
jailbox_exe_view_executed_body()
{
	# A filter refusing prctl(PR_SET_MM, ...) with EPERM, then the
	# command (x86-64 only; elsewhere the filter lets all through).
	cat > nosetmm.py <<'PY'
import ctypes, os, struct, sys
def op(code, jt, jf, k):
	return struct.pack("HBBI", code, jt, jf, k)
prog = b"".join([
	op(0x20, 0, 0, 4),		# ld arch
	op(0x15, 0, 4, 0xc000003e),	# x86-64, else allow
	op(0x20, 0, 0, 0),		# ld nr
	op(0x15, 0, 2, 157),		# prctl, else allow
	op(0x20, 0, 0, 16),		# ld args[0]
	op(0x15, 1, 0, 35),		# PR_SET_MM: refuse
	op(0x06, 0, 0, 0x7fff0000),	# allow
	op(0x06, 0, 0, 0x00050001),	# errno EPERM
])
buf = ctypes.create_string_buffer(prog)
class fprog(ctypes.Structure):
	_fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]
fp = fprog(len(prog) // 8, ctypes.addressof(buf))
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(22, 2, ctypes.byref(fp), 0, 0) != 0:	# PR_SET_SECCOMP
	sys.exit("prctl: " + os.strerror(ctypes.get_errno()))
os.execv(sys.argv[1], sys.argv[1:])
PY
	n=$(jb_name roexec)
	root=$(jb_probe_root)
	atf_check python3 nosetmm.py "$JAIL" -c name="$n" path="$root" persist
	jb_exe_view "$(jb_init_pid "$(jb_jid "$n")")"
	atf_check -o inline:'ok\n' python3 nosetmm.py "$JEXEC" "$n" echo ok
}

jb_root_case proc_sys_write_refused \
    "/proc/sys is read-only: core_pattern and a vm sysctl cannot be" \
    "written, and the host's values are unchanged"
proc_sys_write_refused_body()
{
	jb_pjail "$(jb_name procsys)"
	core=$(cat /proc/sys/kernel/core_pattern)
	ratio=$(cat /proc/sys/vm/overcommit_ratio)
	# The current values: harmless even if written.
	jb_refused EROFS write /proc/sys/kernel/core_pattern "$core"
	jb_refused EROFS write /proc/sys/vm/overcommit_ratio "$ratio"
	atf_check -o inline:"$core\\n" cat /proc/sys/kernel/core_pattern
	atf_check -o inline:"$ratio\\n" cat /proc/sys/vm/overcommit_ratio
}

jb_root_case sysrq_trigger_write_refused \
    "/proc/sysrq-trigger cannot be written (absent when the host has none)"
sysrq_trigger_write_refused_body()
{
	jb_pjail "$(jb_name sysrq)"
	if [ -e /proc/sysrq-trigger ]; then
		# 'h' only prints the help, should it get through.
		jb_refused EROFS write /proc/sysrq-trigger h
	else
		jb_refused ENOENT write /proc/sysrq-trigger h
	fi
}

jb_root_case proc_ro_entries_mounted_read_only \
    "/proc/sys, bus, fs, irq (and sysrq-trigger) are read-only mounts"
proc_ro_entries_mounted_read_only_body()
{
	jb_pjail "$(jb_name procro)"
	for e in sys bus fs irq sysrq-trigger; do
		[ -e "/proc/$e" ] && jb_ro_mount "/proc/$e"
	done
	jb_refused EROFS write /proc/irq/default_smp_affinity \
	    "$(cat /proc/irq/default_smp_affinity)"
}

# jb_ro_mount PATH: PATH is a read-only mount in the jail.
jb_ro_mount()
{
	atf_check -o match:'^ro,' "$JEXEC" "$n" awk -v p="$1" \
	    '$5 == p { print $6 }' /proc/self/mountinfo
}

# jb_masked FILE: /proc/FILE gives the jail nothing, under a read-only
# cover (absent if the host has none).
jb_masked()
{
	if [ -e "/proc/$1" ]; then
		atf_check -s exit:1 -o match:'^(refused: EACCES|empty)$' \
		    -e empty "$JEXEC" "$n" probe read "/proc/$1"
		jb_ro_mount "/proc/$1"
	else
		jb_refused ENOENT read "/proc/$1"
	fi
}

jb_root_case proc_kcore_masked \
    "/proc/kcore is not readable or empty in a jail"
proc_kcore_masked_body()
{
	jb_pjail "$(jb_name kcore)"
	jb_masked kcore
}

jb_root_case proc_masked_files_unreadable \
    "keys, key-users, timer_list, sched_debug, latency_stats, interrupts" \
    "and kmsg give the jail nothing"
proc_masked_files_unreadable_body()
{
	jb_pjail "$(jb_name procmask)"
	for f in keys key-users timer_list sched_debug latency_stats \
	    interrupts kmsg; do
		jb_masked $f
	done
}

jb_root_case proc_masked_dirs_empty \
    "/proc/acpi, asound and scsi are empty read-only mounts in a jail"
proc_masked_dirs_empty_body()
{
	jb_pjail "$(jb_name procdirs)"
	for d in acpi asound scsi; do
		[ -e "/proc/$d" ] || continue
		atf_check -o empty "$JEXEC" "$n" ls -A "/proc/$d"
		jb_ro_mount "/proc/$d"
		atf_check -s not-exit:0 -e match:'Read-only file system' \
		    "$JEXEC" "$n" touch "/proc/$d/x"
	done
}

# ---------------------------------------------------------------------
# The jail's root

jb_root_case chroot_dotdot_escape_stays_in_jail \
    "mkdir sub; chroot sub; chdir ../../..; chroot . leaves the process" \
    "in the jail: a host file next to the jail root stays out of reach"
chroot_dotdot_escape_stays_in_jail_body()
{
	jb_pjail "$(jb_name chroot)"
	echo host > marker
	jb_refused ENOENT chroot-escape "$(pwd -P)/marker" /marker
}

jb_root_case fchdir_escape_stays_in_jail \
    "fchdir to a descriptor of / kept across a chroot, then .. and" \
    "chroot ., leaves the process in the jail"
fchdir_escape_stays_in_jail_body()
{
	jb_pjail "$(jb_name fchdir)"
	echo host > marker
	jb_refused ENOENT fchdir-escape "$(pwd -P)/marker" /marker
}

jb_root_case moved_directory_escape \
    "a jailed process sits in a directory the host then moves out of" \
    "the jail tree (FreeBSD's jail(8) warns about this): .. from there" \
    "fails (ENOENT), so neither the moved-to place nor the host marker" \
    "is reached by .. or by absolute path"
moved_directory_escape_body()
{
	jb_pjail "$(jb_name moved)"
	here=$(pwd -P)
	mkdir -p "$root/a/b" outside
	echo host > marker
	echo host > outside/marker
	"$JEXEC" "$n" probe moved-dir /a/b "$here/outside/marker" \
	    "$here/marker" marker > moved.out 2> moved.err &
	prober=$!
	jb_wait_file "$root/a/b/ready"
	mv "$root/a/b" outside/b
	touch outside/b/go
	wait $prober
	status=$?
	# What the kernel does: the moved directory is no longer under the
	# jail's root mount, and .. out of it fails with ENOENT
	# (path_connected).  What stays possible, as on FreeBSD, is
	# working inside the moved directory itself (now outside the jail
	# tree) through the working directory: keep jails on trees the
	# host does not reorganise while they run.
	atf_check -o inline:'refused: ENOENT\n' cat moved.out
	atf_check -o empty cat moved.err
	atf_check test $status = 1
}

jb_root_case no_host_descriptor_in_proc_self_fd \
    "descriptors open in jexec's caller do not reach the jailed process"
no_host_descriptor_in_proc_self_fd_body()
{
	jb_pjail "$(jb_name fds)"
	exec 7< /etc/passwd 9> fd9
	# The host probe, run the same way, sees them.
	atf_check -s exit:0 -o inline:'succeeded\n' -e match:'^probe: fd 7 ' \
	    "$PROBE" fds
	jb_refused EBADF fds
	exec 7<&- 9>&-
}

jb_root_case none_in_proc_1_fd \
    "the jail's init holds nothing of the host (only sockets and" \
    "anonymous inodes), and the jail cannot open its descriptors"
none_in_proc_1_fd_body()
{
	jb_pjail "$(jb_name initfds)"
	pid=$(jb_init_pid "$(jb_jid "$n")")
	atf_check -o not-match:'^/' sh -c \
	    "for f in /proc/$pid/fd/*; do readlink \"\$f\"; done"
	atf_check -o match:'^(socket|anon_inode):' sh -c \
	    "for f in /proc/$pid/fd/*; do readlink \"\$f\"; done"
	jb_refused EACCES proc-fds 1
}

# ---------------------------------------------------------------------
# System V IPC

jb_root_case sysv_shm_refused_by_default \
    "shmget, msgget and semget are refused by default (sysv*=disable)"
sysv_shm_refused_by_default_body()
{
	jb_pjail "$(jb_name sysv)"
	jb_refused EPERM shmget
	jb_refused EPERM msgget
	jb_refused EPERM semget
}

jb_root_case sysv_shm_allowed_with_sysvshm_new \
    "with sysvshm=new a segment can be made, and the host does not see it"
sysv_shm_allowed_with_sysvshm_new_body()
{
	jb_pjail "$(jb_name shmnew)" sysvshm=new
	key=$((0x4a420000 + $$ % 65536))
	jb_succeeds shmget $key
	atf_check -o empty awk -v k=$key '$1 == k' /proc/sysvipc/shm
	# It is there, in the jail's own IPC namespace.
	atf_check -o match:'^ *'$key' ' "$JEXEC" "$n" cat /proc/sysvipc/shm
	jb_refused EPERM msgget
	jb_refused EPERM semget
}

# ---------------------------------------------------------------------
# Parameters

jb_root_case unsupported_allow_mount_refused \
    "parameters Linux cannot honour are refused with an exact message" \
    "and no jail is made"
unsupported_allow_mount_refused_body()
{
	root=$(jb_probe_root)
	n=$(jb_name unsup)
	for p in allow.mount allow.mount.devfs allow.mount.tmpfs \
	    allow.mount.nullfs allow.quotas allow.nfsd allow.extattr \
	    allow.routing allow.setaudit allow.vmm children.max=1; do
		atf_check -s exit:1 -o empty \
		    -e inline:"jail: $n: ${p%=*}: not supported on Linux\\n" \
		    "$JAIL" -c name="$n" path="$root" persist "$p"
	done
	atf_check -s exit:1 -o empty -e inline:"jail: $n: sysvmsg, sysvsem,\
 sysvshm: new and inherit together: not supported on Linux\\n" \
	    "$JAIL" -c name="$n" path="$root" persist sysvmsg=new \
	    sysvshm=inherit
	atf_check -s exit:1 -o ignore -e inline:"jls: jail \"$n\" not found\\n" \
	    "$JLS" -j "$n"
}

# ---------------------------------------------------------------------
# Capabilities

# The documented sets, from capability numbers.
jb_capmask()
{
	m=0
	for c in "$@"; do
		m=$((m | (1 << c)))
	done
	printf '%016x' $m
}
# AUDIT_WRITE CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETFCAP SETGID
# SETPCAP SETUID SYS_CHROOT
CAP_BASE="29 0 1 3 4 5 31 6 8 7 18"
CAP_NET_BIND_SERVICE=10 CAP_NET_RAW=13 CAP_LINUX_IMMUTABLE=9
CAP_IPC_LOCK=14 CAP_SYS_TIME=25 CAP_SYSLOG=34

jb_root_case caps_are_the_documented_set \
    "a jailed root has exactly the documented capabilities, each allow.*" \
    "adds exactly its own, allow.nosuser leaves none"
caps_are_the_documented_set_body()
{
	jb_pjail "$(jb_name caps)"
	m=$(jb_capmask $CAP_BASE $CAP_NET_BIND_SERVICE)
	atf_check -o inline:"CapPrm:\\t$m\\nCapEff:\\t$m\\nCapBnd:\\t$m\\n" \
	    "$JEXEC" "$n" grep -E '^Cap(Prm|Eff|Bnd)' /proc/self/status
	atf_check -o inline:'00000000a00405fb\n' echo "$m"

	jb_pjail "$(jb_name capsall)" allow.raw_sockets allow.chflags \
	    allow.mlock allow.settime allow.read_msgbuf allow.noreserved_ports
	m=$(jb_capmask $CAP_BASE $CAP_NET_RAW $CAP_LINUX_IMMUTABLE \
	    $CAP_IPC_LOCK $CAP_SYS_TIME $CAP_SYSLOG)
	atf_check -o inline:"CapEff:\\t$m\\nCapBnd:\\t$m\\n" \
	    "$JEXEC" "$n" grep -E '^Cap(Eff|Bnd)' /proc/self/status

	n=$(jb_name capsnone)
	atf_check -o empty -e empty "$JAIL" -c name="$n" path="$root" \
	    persist allow.nosuser
	m=0000000000000000
	atf_check -o inline:"CapPrm:\\t$m\\nCapEff:\\t$m\\nCapBnd:\\t$m\\n" \
	    "$JEXEC" "$n" grep -E '^Cap(Prm|Eff|Bnd)' /proc/self/status
}

jb_root_case raw_socket_refused_without_allow \
    "a raw socket is refused without allow.raw_sockets"
raw_socket_refused_without_allow_body()
{
	jb_pjail "$(jb_name raw)"
	jb_refused EPERM raw-socket
}

jb_root_case raw_socket_allowed_with_allow_raw_sockets \
    "allow.raw_sockets lets a raw socket be made"
raw_socket_allowed_with_allow_raw_sockets_body()
{
	jb_pjail "$(jb_name rawok)" allow.raw_sockets
	jb_succeeds raw-socket
}

jb_root_case bind_port_80_allowed_by_default \
    "a jailed root binds port 80 by default (allow.reserved_ports)"
bind_port_80_allowed_by_default_body()
{
	jb_pjail "$(jb_name port)"
	jb_succeeds bind-port 80
}

jb_root_case bind_port_80_refused_with_noreserved_ports \
    "allow.noreserved_ports refuses port 80, not port 8080"
bind_port_80_refused_with_noreserved_ports_body()
{
	jb_pjail "$(jb_name noport)" allow.noreserved_ports
	jb_refused EACCES bind-port 80
	jb_succeeds bind-port 8080
}

jb_root_case sethostname_allowed_by_default_and_seen_by_jexec \
    "a jailed root sets the jail's hostname and domain name; later" \
    "jexec'd processes see them, the host's are unchanged"
sethostname_allowed_by_default_and_seen_by_jexec_body()
{
	host=$(hostname)
	domain=$(cat /proc/sys/kernel/domainname)
	jb_pjail "$(jb_name sethost)"
	jb_succeeds sethostname jailed.example
	jb_succeeds setdomainname jailed.domain
	atf_check -o inline:'jailed.example\n' "$JEXEC" "$n" hostname
	atf_check -o inline:'jailed.domain\n' "$JEXEC" "$n" \
	    cat /proc/sys/kernel/domainname
	atf_check -o inline:"$host\\n" hostname
	atf_check -o inline:"$domain\\n" cat /proc/sys/kernel/domainname
}

jb_root_case sethostname_refused_with_noset_hostname \
    "allow.noset_hostname refuses sethostname and setdomainname"
sethostname_refused_with_noset_hostname_body()
{
	jb_pjail "$(jb_name nosethost)" host.hostname=kept.example \
	    allow.noset_hostname
	jb_refused EPERM sethostname jailed.example
	jb_refused EPERM setdomainname jailed.domain
	atf_check -o inline:'kept.example\n' "$JEXEC" "$n" hostname
}

jb_root_case sethostname_refused_to_unprivileged_user \
    "a jailed process that is not root cannot set the hostname (as on" \
    "FreeBSD and on Linux without a jail)"
sethostname_refused_to_unprivileged_user_body()
{
	jb_pjail "$(jb_name userhost)" host.hostname=kept.example
	jb_refused EPERM -u 65534 sethostname jailed.example
	jb_refused EPERM -u 65534 setdomainname jailed.domain
	atf_check -o inline:'kept.example\n' "$JEXEC" "$n" hostname
}

jb_root_case sethostname_refused_with_nosuser \
    "with allow.nosuser, root has no privilege: sethostname is refused"
sethostname_refused_with_nosuser_body()
{
	jb_pjail "$(jb_name nosuserhost)" host.hostname=kept.example \
	    allow.nosuser
	jb_refused EPERM sethostname jailed.example
	atf_check -o inline:'kept.example\n' "$JEXEC" "$n" hostname
}

# ---------------------------------------------------------------------
# Socket families and the network

jb_root_case socket_af_packet_refused \
    "AF_PACKET is refused by default, even with allow.raw_sockets"
socket_af_packet_refused_body()
{
	jb_pjail "$(jb_name packet)"
	jb_refused EPERM packet-socket
	jb_pjail "$(jb_name packetraw)" allow.raw_sockets
	jb_refused EPERM packet-socket
}

jb_root_case socket_af_packet_allowed_with_allow_socket_af \
    "allow.socket_af with allow.raw_sockets lets AF_PACKET be used"
socket_af_packet_allowed_with_allow_socket_af_body()
{
	jb_pjail "$(jb_name packetok)" allow.socket_af allow.raw_sockets
	jb_succeeds packet-socket
}

jb_root_case socket_af_vsock_refused \
    "AF_VSOCK (the hypervisor) and netlink but NETLINK_ROUTE are refused" \
    "by default; AF_UNIX, AF_INET, AF_INET6 and NETLINK_ROUTE work"
socket_af_vsock_refused_body()
{
	jb_pjail "$(jb_name vsock)"
	jb_refused EPERM socket 40 1 0		# AF_VSOCK
	jb_refused EPERM socket 16 3 15		# NETLINK_KOBJECT_UEVENT
	jb_refused EPERM socket 16 3 9		# NETLINK_AUDIT
	jb_succeeds socket 16 3 0		# NETLINK_ROUTE
	jb_succeeds socket 1 1 0
	jb_succeeds socket 2 2 0
	jb_succeeds socket 10 2 0
}

jb_root_case socket_every_family \
    "every socket family but AF_UNIX, AF_INET, AF_INET6 and AF_NETLINK," \
    "and every netlink protocol but NETLINK_ROUTE, is refused by the" \
    "filter (EPERM, not the kernel's EAFNOSUPPORT), on both sides of" \
    "each allowed one and far above"
socket_every_family_body()
{
	jb_pjail "$(jb_name families)"
	for af in $(seq 0 47) 255 65536 2147483647; do
		case $af in
		1)	jb_succeeds socket 1 1 0 ;;
		2|10)	jb_succeeds socket "$af" 2 0 ;;
		16)	jb_succeeds socket 16 3 0 ;;
		*)	jb_refused EPERM socket "$af" 1 0 ;;
		esac
	done
	for proto in $(seq 1 32) 2147483647; do
		jb_refused EPERM socket 16 3 "$proto"
	done
}

jb_root_case socket_af_vsock_allowed_with_allow_socket_af \
    "allow.socket_af lets AF_VSOCK and any netlink family be used"
socket_af_vsock_allowed_with_allow_socket_af_body()
{
	jb_pjail "$(jb_name vsockok)" allow.socket_af
	jb_succeeds socket 40 1 0
	jb_succeeds socket 16 3 15
}

jb_root_case socket_family_high_bits_refused \
    "socket(2) takes int arguments: a family or netlink protocol with" \
    "bits above 32 set is the same family to the kernel and must be" \
    "refused the same (the TIOCSTI bypass, for sockets)"
socket_family_high_bits_refused_body()
{
	jb_pjail "$(jb_name sockhi)"
	jb_refused EPERM socket 0x100000028 1 0
	jb_refused EPERM socket 16 3 0x10000000f
}

jb_root_case i386_syscalls_filtered \
    "the same calls made through the i386 entry point (int 0x80) are" \
    "refused too"
i386_syscalls_filtered_body()
{
	jb_pjail "$(jb_name i386)"
	# A kernel without the i386 entry point (no IA-32 emulation, or
	# some virtual machines) faults on int 0x80 on the host as well:
	# no call gets through for the filter to refuse, and in the jail
	# each attempt must fault alike.
	(ulimit -c 0; exec "$PROBE" i386-keyctl) >/dev/null 2>&1
	if [ $? -eq $((128 + 11)) ]; then
		i386_refused()
		{
			atf_check -s signal:segv -o empty -e empty \
			    "$JEXEC" "$n" probe "$@"
		}
	else
		i386_refused()
		{
			jb_refused EPERM "$@"
		}
	fi
	i386_refused i386-unshare user
	i386_refused i386-keyctl
	i386_refused i386-socket 40 1 0
}

jb_root_case host_abstract_unix_socket_unreachable \
    "a host abstract UNIX socket cannot be reached from the jail, which" \
    "has its own network namespace"
host_abstract_unix_socket_unreachable_body()
{
	jb_pjail "$(jb_name abstract)"
	name=jailbox-escape-test.$$
	"$PROBE" listen-abstract "$name" listening > listener.out &
	echo $! > listener.pid
	jb_wait_file listening
	jb_refused ECONNREFUSED connect-abstract "$name"
	# The listener is real: the host reaches it (and it then ends).
	atf_check -o inline:'succeeded\n' "$PROBE" connect-abstract "$name"
	wait "$(cat listener.pid)"
	atf_check -o inline:'succeeded\n' cat listener.out
}
host_abstract_unix_socket_unreachable_cleanup()
{
	[ -f listener.pid ] && kill "$(cat listener.pid)" 2>/dev/null
	jb_cleanup
}

atf_init_test_cases()
{
	atf_add_test_case mknod_char_device_refused
	atf_add_test_case device_node_copied_in_refused
	atf_add_test_case load_kernel_module_refused
	atf_add_test_case kexec_load_refused
	atf_add_test_case reboot_swap_acct_io_quota_refused
	atf_add_test_case settime_refused_by_default
	atf_add_test_case syslog_refused_without_allow_read_msgbuf
	atf_add_test_case syslog_allowed_with_allow_read_msgbuf
	atf_add_test_case personality_addr_no_randomize_refused
	atf_add_test_case tiocsti_into_terminal_refused
	atf_add_test_case tioclinux_refused
	atf_add_test_case unshare_user_refused
	atf_add_test_case unshare_mount_refused
	atf_add_test_case unshare_any_namespace_refused
	atf_add_test_case clone3_returns_enosys
	atf_add_test_case setns_refused
	atf_add_test_case keyctl_refused
	atf_add_test_case bpf_refused
	atf_add_test_case perf_event_open_refused
	atf_add_test_case userfaultfd_refused
	atf_add_test_case io_uring_refused
	atf_add_test_case open_by_handle_at_refused
	atf_add_test_case process_vm_readv_refused
	atf_add_test_case kill_host_process_by_pid_refused
	atf_add_test_case ptrace_jail_init_refused
	atf_add_test_case mount_tmpfs_refused
	atf_add_test_case new_mount_api_refused
	atf_add_test_case read_proc_1_exe_refused
	atf_add_test_case jailbox_exe_not_writable_from_jail
	atf_add_test_case user_lookup_child_forked
	atf_add_test_case jailbox_exe_read_only_view
	atf_add_test_case jailbox_exe_view_executed
	atf_add_test_case proc_sys_write_refused
	atf_add_test_case sysrq_trigger_write_refused
	atf_add_test_case proc_ro_entries_mounted_read_only
	atf_add_test_case proc_kcore_masked
	atf_add_test_case proc_masked_files_unreadable
	atf_add_test_case proc_masked_dirs_empty
	atf_add_test_case chroot_dotdot_escape_stays_in_jail
	atf_add_test_case fchdir_escape_stays_in_jail
	atf_add_test_case moved_directory_escape
	atf_add_test_case no_host_descriptor_in_proc_self_fd
	atf_add_test_case none_in_proc_1_fd
	atf_add_test_case sysv_shm_refused_by_default
	atf_add_test_case sysv_shm_allowed_with_sysvshm_new
	atf_add_test_case unsupported_allow_mount_refused
	atf_add_test_case caps_are_the_documented_set
	atf_add_test_case raw_socket_refused_without_allow
	atf_add_test_case raw_socket_allowed_with_allow_raw_sockets
	atf_add_test_case bind_port_80_allowed_by_default
	atf_add_test_case bind_port_80_refused_with_noreserved_ports
	atf_add_test_case sethostname_allowed_by_default_and_seen_by_jexec
	atf_add_test_case sethostname_refused_with_noset_hostname
	atf_add_test_case sethostname_refused_to_unprivileged_user
	atf_add_test_case sethostname_refused_with_nosuser
	atf_add_test_case socket_af_packet_refused
	atf_add_test_case socket_af_packet_allowed_with_allow_socket_af
	atf_add_test_case socket_af_vsock_refused
	atf_add_test_case socket_every_family
	atf_add_test_case socket_af_vsock_allowed_with_allow_socket_af
	atf_add_test_case socket_family_high_bits_refused
	atf_add_test_case i386_syscalls_filtered
	atf_add_test_case host_abstract_unix_socket_unreachable
}
