#! /usr/bin/env atf-sh
# Mounts: mount.devfs, mount.fdescfs, mount and mount.fstab, and the
# console on /dev/console.  Every mount is made in the jail's own mount
# namespace, onto a target opened inside the jail root: the host's mount
# table never changes, and a link planted in the tree cannot redirect a
# mount.

. "$(atf_get_srcdir)/common.subr"

export LC_ALL=C

JATTACH=$JB_BUILD/jattach


# jb_devroot: jb_root with an empty /dev; sets root.
jb_devroot()
{
	root=$(jb_root)
	mkdir "$root/dev" || atf_fail "mkdir $root/dev"
}

jb_root_case devfs_devices \
    "mount.devfs gives /dev with null, zero, full, random, urandom, tty," \
    "ptmx, pts, shm and the fd links, and nothing else"
devfs_devices_body()
{
	jb_devroot
	atf_check -o inline:' 00 00 00 00\n' -e empty "$JAIL" -c \
	    path="$root" mount.devfs command=/bin/sh -c \
	    'echo x > /dev/null && head -c 4 /dev/zero | od -An -tx1'
	atf_check -o inline:'fd\nfull\nnull\nptmx\npts\nrandom\nshm\nstderr\nstdin\nstdout\ntty\nurandom\nzero\n' \
	    -e empty "$JAIL" -c path="$root" mount.devfs command=/bin/ls /dev
	atf_check -o inline:'4\n/proc/self/fd\npts/ptmx\nfd/0\n' -e empty \
	    "$JAIL" -c path="$root" mount.devfs command=/bin/sh -c \
	    'head -c 4 /dev/urandom | wc -c; readlink /dev/fd
	     readlink /dev/ptmx; readlink /dev/stdin'
	# The tree keeps no trace of it, and the host's table no mount.
	atf_check -o empty ls -A "$root/dev"
	jb_assert_no_host_mount "$root"
}

jb_root_case devfs_mount_flags \
    "the devfs is nosuid and noexec but not nodev; its shm is nodev," \
    "mode 1777; its devpts is a new instance with ptmxmode 0666"
devfs_mount_flags_body()
{
	jb_devroot
	atf_check -o save:mounts -e empty "$JAIL" -c path="$root" \
	    mount.devfs command=/bin/cat /proc/self/mounts
	atf_check -o match:'^[^ ]* /dev tmpfs [^ ]*nosuid,noexec' \
	    -o not-match:'^[^ ]* /dev tmpfs [^ ]*nodev' cat mounts
	atf_check -o match:'^[^ ]* /dev/shm tmpfs [^ ]*nosuid,nodev' cat mounts
	atf_check -o match:'^[^ ]* /dev/pts devpts .*mode=620,ptmxmode=666' \
	    cat mounts
	atf_check -o inline:'drwxrwxrwt\n' -e empty "$JAIL" -c path="$root" \
	    mount.devfs command=/bin/sh -c \
	    'ls -ld /dev/shm | cut -c1-10'
}

jb_root_case devfs_tty_group \
    "the devpts of mount.devfs gives terminals the jail's tty group"
devfs_tty_group_body()
{
	jb_devroot
	printf 'root:x:0:\ntty:x:7:\n' > "$root/etc/group"
	atf_check -o match:'gid=7,' -e empty "$JAIL" -c path="$root" \
	    mount.devfs command=/bin/grep devpts /proc/self/mounts
	printf 'tty:x' > "$root/etc/group"
	atf_check -o match:'gid=5,' -e empty "$JAIL" -c path="$root" \
	    mount.devfs command=/bin/grep devpts /proc/self/mounts
	rm "$root/etc/group"
	atf_check -o match:'gid=5,' -e empty "$JAIL" -c path="$root" \
	    mount.devfs command=/bin/grep devpts /proc/self/mounts
}

jb_root_case devfs_ptmx_gives_pty \
    "opening /dev/ptmx in the jail gives a terminal of the jail's own" \
    "devpts, which shows no other"
devfs_ptmx_gives_pty_body()
{
	jb_devroot
	atf_check -o inline:'0\nptmx\n' -e empty "$JAIL" -c \
	    path="$root" mount.devfs command=/bin/sh -c \
	    'exec 3<>/dev/ptmx && ls /dev/pts'
	atf_check -o inline:'ptmx\n' -e empty "$JAIL" -c \
	    path="$root" mount.devfs command=/bin/ls /dev/pts
}

jb_root_case devfs_tree_stays_nodev \
    "with mount.devfs a device node copied into the tree still opens" \
    "nothing, and mknod is still refused"
devfs_tree_stays_nodev_body()
{
	jb_devroot
	atf_check mknod "$root/tmp/null" c 1 3
	atf_check -s not-exit:0 -o empty -e match:'Permission denied' \
	    "$JAIL" -c path="$root" mount.devfs command=/bin/sh -c \
	    'echo x > /tmp/null'
	atf_check -s not-exit:0 -o empty -e match:'Operation not permitted' \
	    "$JAIL" -c path="$root" mount.devfs command=/bin/mknod \
	    /dev/mem2 c 1 1
	atf_check -s not-exit:0 -o empty -e not-empty "$JAIL" -c \
	    path="$root" mount.devfs command=/bin/sh -c 'echo x > /dev/shm/x &&
	    mknod /dev/shm/null c 1 3'
}

jb_root_case devfs_needs_dev \
    "mount.devfs in a root without /dev fails, and leaves nothing"
devfs_needs_dev_body()
{
	root=$(jb_root)
	n=$(jb_name nodev)
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: mount.devfs: /dev: No such file or directory\\n" \
	    "$JAIL" -c name="$n" path="$root" mount.devfs command=/bin/true
	atf_check -s exit:1 -o empty -e ignore "$JLS" -j "$n" name
	jb_assert_no_host_mount "$root"
}

jb_root_case devfs_link_stays_in_root \
    "a /dev that is a link in the tree is followed only inside the root"
devfs_link_stays_in_root_body()
{
	root=$(jb_root)
	mkdir "$root/realdev"
	ln -s /realdev "$root/dev"
	atf_check -o match:'^null$' -e empty "$JAIL" -c path="$root" \
	    mount.devfs command=/bin/ls /realdev
	jb_assert_no_host_mount "$root"
}

jb_root_case devfs_ruleset \
    "devfs_ruleset 0 and 4 give mount.devfs's devices, others are refused"
devfs_ruleset_body()
{
	jb_devroot
	n=$(jb_name ruleset)
	for r in 0 4; do
		atf_check -o match:urandom -e empty "$JAIL" -c path="$root" \
		    devfs_ruleset=$r mount.devfs command=/bin/ls /dev
	done
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: devfs_ruleset: 5: not supported on Linux\\n" \
	    "$JAIL" -c name="$n" path="$root" devfs_ruleset=5 mount.devfs \
	    command=/bin/true
}

jb_root_case console_is_dev_console \
    "with console and mount.devfs, the console is a terminal of the" \
    "jail's devpts and /dev/console leads to it"
console_is_dev_console_body()
{
	jb_devroot
	n=$(jb_name console)
	atf_check -o empty -e empty "$JAIL" -c name="$n" path="$root" \
	    console mount.devfs command=/bin/sh -c \
	    'tty; readlink /dev/console; echo hi > /dev/console; read l
	     exit 0'
	atf_check -s exit:0 -o inline:'/dev/pts/0\r\npts/0\r\nhi\r\n' \
	    -e empty "$JATTACH" -q "$n" < /dev/null
}

jb_root_case fdescfs_link \
    "mount.fdescfs makes /dev/fd a link to /proc/self/fd; it needs /dev"
fdescfs_link_body()
{
	jb_devroot
	n=$(jb_name fdesc)
	atf_check -o inline:'/proc/self/fd\n0\n1\n2\n3\n' -e empty \
	    "$JAIL" -c path="$root" mount.fdescfs command=/bin/sh -c \
	    'readlink /dev/fd; ls /dev/fd/'
	# Again: the link it left is its own.
	atf_check -o empty -e empty "$JAIL" -c path="$root" mount.fdescfs \
	    command=/bin/true
	rm "$root/dev/fd"
	mkdir "$root/dev/fd"
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: mount.fdescfs: /dev/fd: File exists\\n" \
	    "$JAIL" -c name="$n" path="$root" mount.fdescfs command=/bin/true
	rm -r "$root/dev"
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: mount.fdescfs: /dev: No such file or directory\\n" \
	    "$JAIL" -c name="$n" path="$root" mount.fdescfs command=/bin/true
}

jb_root_case mount_nullfs_tmpfs \
    "mount lines: nullfs is a bind mount, ro honoured, always nodev;" \
    "tmpfs takes size and mode; the host's table is unchanged"
mount_nullfs_tmpfs_body()
{
	root=$(jb_root)
	here=$(pwd -P)
	mkdir -p src "$root/data" "$root/scratch"
	echo hello > src/f
	atf_check -o inline:'hello\nro\n' -e match:'Read-only file system' \
	    "$JAIL" -c path="$root" \
	    mount="$here/src $here/root/data nullfs ro 0 0" \
	    command=/bin/sh -c 'cat /data/f; touch /data/x || echo ro'
	atf_check -o inline:'hello\nrw\n' -e empty "$JAIL" -c \
	    path="$root" mount="$here/src $here/root/data nullfs rw 0 0" \
	    command=/bin/sh -c 'cat /data/f; touch /data/x && echo rw'
	atf_check test -f src/x
	atf_check -o match:'/scratch tmpfs [^ ]*nodev.*size=1024k,mode=700' \
	    -e empty "$JAIL" -c path="$root" \
	    mount="tmpfs $here/root/scratch tmpfs rw,size=1m,mode=0700 0 0" \
	    command=/bin/grep scratch /proc/self/mounts
	jb_assert_no_host_mount "$root"
}

jb_root_case mount_proc_sysfs \
    "procfs and linprocfs are proc with its covers; linsysfs is a" \
    "read-only sysfs with firmware masked"
mount_proc_sysfs_body()
{
	root=$(jb_root)
	here=$(pwd -P)
	mkdir -p "$root/compat/proc" "$root/sys"
	atf_check -o inline:'1\n' -e empty "$JAIL" -c path="$root" \
	    mount.noprocfs \
	    mount="linproc $here/root/compat/proc linprocfs rw 0 0" \
	    command=/bin/sh -c 'ls /compat/proc/ | grep -c "^1$"'
	atf_check -o match:'^[^ ]* /sys sysfs ro,' -e empty "$JAIL" -c \
	    path="$root" mount="sys $here/root/sys linsysfs rw 0 0" \
	    command=/bin/grep ' /sys ' /proc/self/mounts
	atf_check -o empty -e empty "$JAIL" -c path="$root" \
	    mount="sys $here/root/sys linsysfs rw 0 0" \
	    command=/bin/ls /sys/firmware
}

jb_root_case mount_fstab_file \
    "mount.fstab reads fstab(5) lines from a host file, with comments" \
    "and blank lines"
mount_fstab_file_body()
{
	root=$(jb_root)
	here=$(pwd -P)
	mkdir -p src "$root/data" "$root/dev"
	echo hello > src/f
	cat > fstab <<EOF2
# the jail's mounts

$here/src	$here/root/data	nullfs	ro	0	0
devfs $here/root/dev devfs rw 0 0
EOF2
	atf_check -o inline:'hello\nnull\n' -e empty "$JAIL" -c \
	    path="$root" mount.fstab="$here/fstab" command=/bin/sh -c \
	    'cat /data/f; ls /dev | grep "^null$"'
	echo "x $here/root/data zfs rw 0 0" >> fstab
	n=$(jb_name fstab)
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: mount.fstab: $here/fstab: line 5: zfs: not supported on Linux\\n" \
	    "$JAIL" -c name="$n" path="$root" mount.fstab="$here/fstab" \
	    command=/bin/true
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: mount.fstab: $here/none: No such file or directory\\n" \
	    "$JAIL" -c name="$n" path="$root" mount.fstab="$here/none" \
	    command=/bin/true
}

jb_root_case mount_errors \
    "bad mount lines fail creation with a message, and leave nothing"
mount_errors_body()
{
	root=$(jb_root)
	here=$(pwd -P)
	n=$(jb_name merr)
	mkdir -p "$root/data"
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: mount: nfs: not supported on Linux\\n" \
	    "$JAIL" -c name="$n" path="$root" \
	    mount="host:/x $here/root/data nfs rw 0 0" command=/bin/true
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: mount: /elsewhere: not below the jail's path $here/root\\n" \
	    "$JAIL" -c name="$n" path="$root" \
	    mount="/tmp /elsewhere nullfs rw 0 0" command=/bin/true
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: mount: sync: unknown option\\n" \
	    "$JAIL" -c name="$n" path="$root" \
	    mount="/tmp $here/root/data nullfs sync 0 0" command=/bin/true
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: mount: /nowhere: No such file or directory\\n" \
	    "$JAIL" -c name="$n" path="$root" \
	    mount="/tmp $here/root/nowhere nullfs rw 0 0" command=/bin/true
	atf_check -s exit:1 -o empty -e ignore "$JLS" -j "$n" name
	jb_assert_no_host_mount "$root"
}

jb_root_case mount_symlink_target_stays_inside \
    "a mount target that is a link to / in the tree cannot mount on the" \
    "host's /: it is resolved inside the root, and the root is refused"
mount_symlink_target_stays_inside_body()
{
	root=$(jb_root)
	here=$(pwd -P)
	n=$(jb_name msym)
	mkdir -p src "$root/inside"
	echo planted > src/f
	ln -s / "$root/mnt"
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: mount: /mnt: resolves to the jail's root\\n" \
	    "$JAIL" -c name="$n" path="$root" \
	    mount="$here/src $here/root/mnt nullfs ro 0 0" command=/bin/true
	# A link to a directory outside the root lands inside it.
	rm "$root/mnt"
	ln -s /inside "$root/mnt"
	atf_check -o inline:'planted\n' -e empty "$JAIL" -c path="$root" \
	    mount="$here/src $here/root/mnt nullfs ro 0 0" \
	    command=/bin/cat /inside/f
	ln -s ../../../../../../../../tmp "$root/up"
	atf_check -o inline:'planted\n' -e empty "$JAIL" -c path="$root" \
	    mount="$here/src $here/root/up nullfs ro 0 0" \
	    command=/bin/cat /tmp/f
	atf_check test ! -e /tmp/f -o "$(cat /tmp/f 2>/dev/null)" != planted
	atf_check test ! -e "$root/tmp/f"
	jb_assert_no_host_mount "$root"
	jb_assert_no_host_mount /tmp
}

atf_init_test_cases()
{
	atf_add_test_case devfs_devices
	atf_add_test_case devfs_mount_flags
	atf_add_test_case devfs_tty_group
	atf_add_test_case devfs_ptmx_gives_pty
	atf_add_test_case devfs_tree_stays_nodev
	atf_add_test_case devfs_needs_dev
	atf_add_test_case devfs_link_stays_in_root
	atf_add_test_case devfs_ruleset
	atf_add_test_case console_is_dev_console
	atf_add_test_case fdescfs_link
	atf_add_test_case mount_nullfs_tmpfs
	atf_add_test_case mount_proc_sysfs
	atf_add_test_case mount_fstab_file
	atf_add_test_case mount_errors
	atf_add_test_case mount_symlink_target_stays_inside
}
