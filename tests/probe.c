/*
 * probe: try one escape or privileged operation and say how it went.
 *
 *	probe [-u UID] ATTACK [ARG ...]
 *
 * prints exactly one line on standard output:
 *	succeeded		the attempt worked (exit 0)
 *	refused: ENAME		the kernel refused it with that errno (exit 1)
 *	empty			(read) the file opened but gave no data (exit 1)
 * -u makes the attempt as that user and group (after dropping every
 * capability with the switch).  Misuse prints "probe: ..." on standard error and exits 2.  A few
 * attacks say what they reached on standard error when they succeed.
 *
 * Run as root inside a jail by the escape tests (bubblewrap's
 * try-syscall idea); system calls glibc does not wrap are made through
 * syscall(2).  Nothing here leaves a change behind when it is refused,
 * and what succeeds is chosen to be harmless to the host.
 */
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/quota.h>
#include <sys/ptrace.h>
#include <sys/reboot.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/vm_sockets.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define HIBIT		(1L << 32)	/* ignored by an int argument */

struct attack {
	const char	*name;
	int		 nargs;		/* at least */
	long		(*run)(char **);	/* 0 or -1 with errno */
	const char	*usage;
};

static void
usage_fail(const char *msg)
{
	fprintf(stderr, "probe: %s\n", msg);
	exit(2);
}

static long
num(const char *s)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 0);
	if (*s == '\0' || *end != '\0' || errno != 0)
		usage_fail("not a number");
	return (n);
}

/* Bounded waits: poll every 10 ms, at most n times. */
static void
tick(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

static int
exists(const char *path)
{
	struct stat st;

	return (lstat(path, &st) == 0);
}

static long
rc(long r)
{
	return (r == -1 ? -1 : 0);
}

/* A child made by a clone that should not have worked exits at once. */
static long
reap(long pid)
{
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid((pid_t)pid, NULL, __WALL);
	return (rc(pid));
}

static const struct {
	const char	*name;
	long		 flag;
} ns_flags[] = {
	{ "cgroup", CLONE_NEWCGROUP }, { "ipc", CLONE_NEWIPC },
	{ "mount", CLONE_NEWNS }, { "net", CLONE_NEWNET },
	{ "pid", CLONE_NEWPID }, { "time", CLONE_NEWTIME },
	{ "user", CLONE_NEWUSER }, { "uts", CLONE_NEWUTS },
};

static long
ns_flag(const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(ns_flags); i++)
		if (strcmp(name, ns_flags[i].name) == 0)
			return (ns_flags[i].flag);
	usage_fail("unknown namespace");
	return (0);
}

/* --- devices, modules, kernel --- */

static long
a_mknod(char **av)
{
	return (mknod(av[0], S_IFCHR | 0600, makedev(1, 3)));
}

static long
a_init_module(char **av)
{
	static char image[64];	/* not an ELF module: EPERM comes first */

	(void)av;
	return (syscall(SYS_init_module, image, sizeof(image), ""));
}

static long
a_finit_module(char **av)
{
	int fd;

	if ((fd = open(av[0], O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	return (syscall(SYS_finit_module, fd, "", 0));
}

static long
a_delete_module(char **av)
{
	return (syscall(SYS_delete_module, av[0], O_NONBLOCK));
}

static long
a_kexec_load(char **av)
{
	(void)av;
	return (syscall(SYS_kexec_load, 0UL, 0UL, NULL, 0UL));
}

static long
a_reboot(char **av)
{
	(void)av;
	/* Ctrl-Alt-Del handling on: in a child PID namespace, EINVAL. */
	return (syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
	    LINUX_REBOOT_CMD_CAD_ON, NULL));
}

static long
a_swapon(char **av)
{
	return (syscall(SYS_swapon, av[0], 0));
}

static long
a_acct(char **av)
{
	(void)av;
	return (syscall(SYS_acct, NULL));
}

static long
a_iopl(char **av)
{
	(void)av;
	return (syscall(SYS_iopl, 3));
}

static long
a_ioperm(char **av)
{
	(void)av;
	return (syscall(SYS_ioperm, 0x80UL, 1UL, 1));
}

static long
a_quotactl(char **av)
{
	int fmt;

	/* Q_GETFMT: the least a quota call can do. */
	return (syscall(SYS_quotactl, QCMD(0x800004, 0), av[0], 0, &fmt));
}

static long
a_syslog(char **av)
{
	(void)av;
	/* SYSLOG_ACTION_SIZE_BUFFER */
	return (rc(syscall(SYS_syslog, 10, NULL, 0)));
}

static long
a_settime(char **av)
{
	struct timespec ts;

	(void)av;
	if (clock_gettime(CLOCK_REALTIME, &ts) == -1)
		return (-1);
	return (syscall(SYS_clock_settime, CLOCK_REALTIME, &ts));
}

static long
a_personality(char **av)
{
	long r;

	r = syscall(SYS_personality, num(av[0]));
	if (r != -1)
		syscall(SYS_personality, r);
	return (rc(r));
}

/* --- terminals --- */

static long
a_ioctl_tty(unsigned long req, long arg)
{
	if (!isatty(0))
		usage_fail("standard input is not a terminal");
	return (syscall(SYS_ioctl, 0, req, arg));
}

static long
a_tiocsti(char **av)
{
	static char c = '\n';

	(void)av;
	return (a_ioctl_tty(TIOCSTI, (long)&c));
}

static long
a_tiocsti_high(char **av)
{
	static char c = '\n';

	(void)av;
	return (a_ioctl_tty(TIOCSTI | HIBIT, (long)&c));
}

static long
a_tioclinux(char **av)
{
	static char sub = 11;	/* TIOCL_GETFGCONSOLE: harmless */

	(void)av;
	return (a_ioctl_tty(TIOCLINUX, (long)&sub));
}

/* --- namespaces --- */

static long
a_unshare(char **av)
{
	return (syscall(SYS_unshare, ns_flag(av[0])));
}

static long
a_clone(char **av)
{
	return (reap(syscall(SYS_clone, ns_flag(av[0]) | SIGCHLD, 0L, NULL,
	    NULL, 0L)));
}

static long
a_clone3(char **av)
{
	struct clone_args ca;

	(void)av;
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_NEWUSER;
	ca.exit_signal = SIGCHLD;
	return (reap(syscall(SYS_clone3, &ca, sizeof(ca))));
}

static long
a_setns(char **av)
{
	int fd;

	if ((fd = open(av[0], O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	return (syscall(SYS_setns, fd, 0));
}

/* --- keys, bpf, perf, userfaultfd, io_uring, handles --- */

static long
a_keyctl(char **av)
{
	(void)av;
	/* KEYCTL_GET_KEYRING_ID of the session keyring, no creation. */
	return (rc(syscall(SYS_keyctl, 0, -3, 0)));
}

static long
a_add_key(char **av)
{
	(void)av;
	return (rc(syscall(SYS_add_key, "user", "jailbox-probe", "x", 1,
	    -2 /* KEY_SPEC_PROCESS_KEYRING */)));
}

static long
a_request_key(char **av)
{
	(void)av;
	return (rc(syscall(SYS_request_key, "user", "jailbox-probe", NULL,
	    0)));
}

static long
a_bpf(char **av)
{
	union bpf_attr attr;

	(void)av;
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 4;
	attr.max_entries = 1;
	return (rc(syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof(attr))));
}

static long
a_perf_event_open(char **av)
{
	struct perf_event_attr attr;

	(void)av;
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_TASK_CLOCK;
	attr.exclude_kernel = 1;
	attr.exclude_hv = 1;
	return (rc(syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0)));
}

static long
a_userfaultfd(char **av)
{
	(void)av;
	return (rc(syscall(SYS_userfaultfd, O_CLOEXEC)));
}

static long
a_io_uring_setup(char **av)
{
	char params[120];	/* struct io_uring_params */

	(void)av;
	memset(params, 0, sizeof(params));
	return (rc(syscall(SYS_io_uring_setup, 1, params)));
}

static long
a_name_to_handle_at(char **av)
{
	struct {
		struct file_handle	fh;
		unsigned char		buf[MAX_HANDLE_SZ];
	} h;
	int mnt;

	h.fh.handle_bytes = MAX_HANDLE_SZ;
	return (syscall(SYS_name_to_handle_at, AT_FDCWD, av[0], &h.fh, &mnt,
	    0));
}

static long
a_open_by_handle_at(char **av)
{
	struct {
		struct file_handle	fh;
		unsigned char		buf[8];
	} h;

	(void)av;
	/* The shocker handle: ext4's root directory, inode 2. */
	memset(&h, 0, sizeof(h));
	h.fh.handle_bytes = 8;
	h.fh.handle_type = 1;
	h.buf[0] = 2;
	return (rc(syscall(SYS_open_by_handle_at, AT_FDCWD, &h.fh,
	    O_RDONLY)));
}

static long
a_process_vm_readv(char **av)
{
	char buf[8], *src = "probe";
	struct iovec l = { buf, 4 }, r = { src, 4 };

	return (rc(syscall(SYS_process_vm_readv, num(av[0]), &l, 1UL, &r, 1UL,
	    0UL)));
}

/* --- mounts --- */

static long
a_mount_tmpfs(char **av)
{
	return (mount("none", av[0], "tmpfs", 0, "size=4k"));
}

static long
a_umount(char **av)
{
	return (umount2(av[0], MNT_DETACH));
}

static long
a_pivot_root(char **av)
{
	return (syscall(SYS_pivot_root, av[0], av[1]));
}

static long
a_fsopen(char **av)
{
	(void)av;
	return (rc(syscall(SYS_fsopen, "tmpfs", 1 /* FSOPEN_CLOEXEC */)));
}

static long
a_fspick(char **av)
{
	return (rc(syscall(SYS_fspick, AT_FDCWD, av[0], 1)));
}

static long
a_open_tree(char **av)
{
	return (rc(syscall(SYS_open_tree, AT_FDCWD, av[0],
	    1 /* OPEN_TREE_CLONE */ | O_CLOEXEC)));
}

static long
a_move_mount(char **av)
{
	return (syscall(SYS_move_mount, AT_FDCWD, av[0], AT_FDCWD, av[1], 0));
}

static long
a_mount_setattr(char **av)
{
	uint64_t attr[4] = { 0, 0x1 /* MOUNT_ATTR_RDONLY clear */, 0, 0 };

	return (syscall(SYS_mount_setattr, AT_FDCWD, av[0], 0, attr,
	    sizeof(attr)));
}

/* --- sockets --- */

static long
sock(long family, long type, long proto)
{
	return (rc(syscall(SYS_socket, family, type | SOCK_CLOEXEC, proto)));
}

static long
a_socket(char **av)
{
	return (sock(num(av[0]), num(av[1]), num(av[2])));
}

static long
a_raw_socket(char **av)
{
	(void)av;
	return (sock(AF_INET, SOCK_RAW, IPPROTO_ICMP));
}

static long
a_packet_socket(char **av)
{
	(void)av;
	return (sock(AF_PACKET, SOCK_DGRAM, 0));
}

static long
a_bind_port(char **av)
{
	struct sockaddr_in sin;
	int s;

	if ((s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return (-1);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)num(av[0]));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return (bind(s, (struct sockaddr *)&sin, sizeof(sin)));
}

static socklen_t
abstract(struct sockaddr_un *sun, const char *name)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if (strlen(name) >= sizeof(sun->sun_path) - 1)
		usage_fail("name too long");
	memcpy(sun->sun_path + 1, name, strlen(name));
	return ((socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
	    strlen(name)));
}

/* Listen on @NAME, create READY, accept one connection (30 s at most). */
static long
a_listen_abstract(char **av)
{
	struct sockaddr_un sun;
	struct pollfd pfd;
	socklen_t len;
	int s, fd, i;

	len = abstract(&sun, av[0]);
	if ((s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    bind(s, (struct sockaddr *)&sun, len) == -1 || listen(s, 4) == -1)
		return (-1);
	if ((fd = open(av[1], O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) == -1)
		return (-1);
	close(fd);
	pfd.fd = s;
	pfd.events = POLLIN;
	for (i = 0; i < 3000; i++)
		if (poll(&pfd, 1, 10) == 1)
			return (rc(accept4(s, NULL, NULL, SOCK_CLOEXEC)));
	errno = ETIMEDOUT;
	return (-1);
}

static long
a_connect_abstract(char **av)
{
	struct sockaddr_un sun;
	socklen_t len;
	int s;

	len = abstract(&sun, av[0]);
	if ((s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return (-1);
	return (connect(s, (struct sockaddr *)&sun, len));
}

/* --- hostname --- */

static long
a_sethostname(char **av)
{
	return (sethostname(av[0], strlen(av[0])));
}

static long
a_setdomainname(char **av)
{
	return (setdomainname(av[0], strlen(av[0])));
}

/* --- processes --- */

static long
a_kill(char **av)
{
	return (kill((pid_t)num(av[0]), SIGKILL));
}

static long
a_pidfd_open(char **av)
{
	return (rc(syscall(SYS_pidfd_open, num(av[0]), 0)));
}

static long
a_ptrace(char **av)
{
	pid_t pid = (pid_t)num(av[0]);

	if (ptrace(PTRACE_ATTACH, pid, NULL, NULL) == -1)
		return (-1);
	waitpid(pid, NULL, __WALL);
	ptrace(PTRACE_DETACH, pid, NULL, NULL);
	return (0);
}

/* --- files --- */

/* Read: succeeded when it gave data, "empty" when it gave none. */
static long
a_read(char **av)
{
	char buf[512];
	ssize_t n;
	int fd;

	if ((fd = open(av[0], O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	if ((n = read(fd, buf, sizeof(buf))) == -1)
		return (-1);
	if (n == 0) {
		printf("empty\n");
		exit(1);
	}
	return (0);
}

static long
a_write(char **av)
{
	size_t len = strlen(av[1]);
	int fd;

	if ((fd = open(av[0], O_WRONLY | O_CLOEXEC)) == -1)
		return (-1);
	if (write(fd, av[1], len) != (ssize_t)len)
		return (-1);
	return (close(fd));
}

static long
a_open_write(char **av)
{
	return (rc(open(av[0], O_WRONLY | O_CLOEXEC)));
}

static long
a_readdir(char **av)
{
	struct dirent *de;
	DIR *d;

	if ((d = opendir(av[0])) == NULL)
		return (-1);
	errno = 0;
	while ((de = readdir(d)) != NULL)
		;
	return (errno == 0 ? 0 : -1);
}

/* Whether any of the paths opens: the host files an escape would reach. */
static long
reach(char **paths)
{
	int fd;

	for (; *paths != NULL; paths++)
		if ((fd = open(*paths, O_RDONLY | O_CLOEXEC)) != -1) {
			fprintf(stderr, "probe: reached %s\n", *paths);
			return (0);
		}
	return (-1);
}

static long
dotdot_reach(char **paths)
{
	int i;

	for (i = 0; i < 64; i++)
		if (chdir("..") == -1)
			return (-1);
	if (chroot(".") == -1)
		return (-1);
	return (reach(paths));
}

/* mkdir sub; chroot sub; chdir ../../..; chroot .: then reach paths. */
static long
a_chroot_escape(char **av)
{
	if (chdir("/") == -1 || (mkdir("/tmp/sub", 0700) == -1 &&
	    errno != EEXIST) || chroot("/tmp/sub") == -1)
		return (-1);
	return (dotdot_reach(av));
}

/* The same, through a descriptor of / kept across the chroot. */
static long
a_fchdir_escape(char **av)
{
	int fd;

	if ((fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    (mkdir("/tmp/sub", 0700) == -1 && errno != EEXIST) ||
	    chdir("/tmp/sub") == -1 || chroot(".") == -1 ||
	    fchdir(fd) == -1)
		return (-1);
	return (dotdot_reach(av));
}

/*
 * moved-dir DIR PATH...: sit in DIR, create ./ready, wait (bounded) for
 * the host to move DIR out of the jail and create ./go, then climb with
 * .. and look for each PATH at every level, and by its own name.
 */
static long
a_moved_dir(char **av)
{
	int fd, i;

	if (chdir(av[0]) == -1)
		return (-1);
	if ((fd = open("ready", O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) == -1)
		return (-1);
	close(fd);
	for (i = 0; !exists("go"); i++) {
		if (i == 3000)
			usage_fail("the host did not move the directory");
		tick();
	}
	if (reach(av + 1) == 0)
		return (0);
	for (i = 0; i < 64; i++) {
		if (chdir("..") == -1)
			return (-1);
		if (reach(av + 1) == 0)
			return (0);
	}
	errno = ENOENT;
	return (-1);
}

/* Open any descriptor of another process through /proc/PID/fd. */
static long
a_proc_fds(char **av)
{
	char dir[64], path[384];
	struct dirent *de;
	int fd, err;
	DIR *d;

	snprintf(dir, sizeof(dir), "/proc/%s/fd", av[0]);
	if ((d = opendir(dir)) == NULL)
		return (-1);
	err = EBADF;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) != -1) {
			fprintf(stderr, "probe: opened %s\n", path);
			return (0);
		}
		err = errno;
	}
	closedir(d);
	errno = err;
	return (-1);
}

/* A descriptor above stderr that this process did not open. */
static long
a_fds(char **av)
{
	char link[64], target[4096];
	ssize_t n;
	int fd;

	(void)av;
	for (fd = 3; fd < 4096; fd++)
		if (fcntl(fd, F_GETFD) != -1) {
			snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
			n = readlink(link, target, sizeof(target) - 1);
			target[n < 0 ? 0 : n] = '\0';
			fprintf(stderr, "probe: fd %d -> %s\n", fd, target);
			return (0);
		}
	return (-1);
}

/*
 * CVE-2019-5736: find another process of the jail (not init), hold its
 * executable by an O_PATH descriptor of /proc/PID/exe, create MARKER,
 * wait for that process to be gone, then reopen the executable for
 * writing and append one byte (harmless to an ELF file, but a change).
 */
static long
a_grab_exe(char **av)
{
	char path[64], target[4096];
	struct dirent *de;
	int fd, i, err, pid;
	ssize_t n;
	DIR *d;

	fd = -1;
	pid = 0;
	err = ESRCH;
	for (i = 0; fd == -1 && i < 3000; i++) {
		if ((d = opendir("/proc")) == NULL)
			return (-1);
		while (fd == -1 && (de = readdir(d)) != NULL) {
			pid = atoi(de->d_name);
			if (pid <= 1 || pid == getpid())
				continue;
			snprintf(path, sizeof(path), "/proc/%d/exe", pid);
			fd = open(path, O_PATH | O_CLOEXEC);
			if (fd == -1 && errno != ENOENT)
				err = errno;
		}
		closedir(d);
		if (fd == -1)
			tick();
	}
	if ((i = open(av[0], O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) != -1)
		close(i);
	if (fd == -1) {
		errno = err;
		return (-1);
	}
	n = readlink(path, target, sizeof(target) - 1);
	target[n < 0 ? 0 : n] = '\0';
	fprintf(stderr, "probe: holding %s of pid %d\n", target, pid);
	snprintf(path, sizeof(path), "/proc/%d", pid);
	for (i = 0; exists(path); i++) {
		if (i == 3000)
			usage_fail("the process holding the executable stayed");
		tick();
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)) == -1)
		return (-1);
	return (write(fd, "\n", 1) == 1 ? 0 : -1);
}

/* --- System V IPC: make an object and remove it again --- */

/* shmget [KEY]: with a key, the segment is left for others to look for. */
static long
a_shmget(char **av)
{
	int id;

	if ((id = shmget(av[0] == NULL ? IPC_PRIVATE : (key_t)num(av[0]),
	    4096, IPC_CREAT | IPC_EXCL | 0600)) == -1)
		return (-1);
	return (av[0] == NULL ? shmctl(id, IPC_RMID, NULL) : 0);
}

static long
a_msgget(char **av)
{
	int id;

	(void)av;
	if ((id = msgget(IPC_PRIVATE, IPC_CREAT | 0600)) == -1)
		return (-1);
	return (msgctl(id, IPC_RMID, NULL));
}

static long
a_semget(char **av)
{
	int id;

	(void)av;
	if ((id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600)) == -1)
		return (-1);
	return (semctl(id, 0, IPC_RMID));
}

/* --- i386 system calls from this x86_64 process (int $0x80) --- */

#if defined(__x86_64__)
static long
int80(long nr, long a, long b, long c)
{
	long r;

	__asm__ volatile ("int $0x80"
	    : "=a" (r)
	    : "a" (nr), "b" (a), "c" (b), "d" (c)
	    : "memory", "r8", "r9", "r10", "r11");
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return (-1);
	}
	return (r);
}

static long
a_i386_unshare(char **av)
{
	return (rc(int80(310 /* unshare */, ns_flag(av[0]), 0, 0)));
}

static long
a_i386_socket(char **av)
{
	return (rc(int80(359 /* socket */, num(av[0]), num(av[1]),
	    num(av[2]))));
}

static long
a_i386_keyctl(char **av)
{
	(void)av;
	return (rc(int80(288 /* keyctl */, 0, -3, 0)));
}
#endif

static const struct attack attacks[] = {
	{ "acct", 0, a_acct, "" },
	{ "add-key", 0, a_add_key, "" },
	{ "bind-port", 1, a_bind_port, "PORT" },
	{ "bpf", 0, a_bpf, "" },
	{ "chroot-escape", 1, a_chroot_escape, "HOSTPATH..." },
	{ "clone", 1, a_clone, "NAMESPACE" },
	{ "clone3", 0, a_clone3, "" },
	{ "connect-abstract", 1, a_connect_abstract, "NAME" },
	{ "delete-module", 1, a_delete_module, "MODULE" },
	{ "fchdir-escape", 1, a_fchdir_escape, "HOSTPATH..." },
	{ "fds", 0, a_fds, "" },
	{ "finit-module", 1, a_finit_module, "FILE" },
	{ "fsopen", 0, a_fsopen, "" },
	{ "fspick", 1, a_fspick, "PATH" },
	{ "grab-exe", 1, a_grab_exe, "MARKER" },
#if defined(__x86_64__)
	{ "i386-keyctl", 0, a_i386_keyctl, "" },
	{ "i386-socket", 3, a_i386_socket, "FAMILY TYPE PROTOCOL" },
	{ "i386-unshare", 1, a_i386_unshare, "NAMESPACE" },
#endif
	{ "init-module", 0, a_init_module, "" },
	{ "io-uring-setup", 0, a_io_uring_setup, "" },
	{ "ioperm", 0, a_ioperm, "" },
	{ "iopl", 0, a_iopl, "" },
	{ "kexec-load", 0, a_kexec_load, "" },
	{ "keyctl", 0, a_keyctl, "" },
	{ "kill", 1, a_kill, "PID" },
	{ "listen-abstract", 2, a_listen_abstract, "NAME READYFILE" },
	{ "mknod", 1, a_mknod, "PATH" },
	{ "mount-setattr", 1, a_mount_setattr, "PATH" },
	{ "mount-tmpfs", 1, a_mount_tmpfs, "DIR" },
	{ "move-mount", 2, a_move_mount, "FROM TO" },
	{ "moved-dir", 2, a_moved_dir, "DIR HOSTPATH..." },
	{ "msgget", 0, a_msgget, "" },
	{ "name-to-handle-at", 1, a_name_to_handle_at, "PATH" },
	{ "open-by-handle-at", 0, a_open_by_handle_at, "" },
	{ "open-tree", 1, a_open_tree, "PATH" },
	{ "open-write", 1, a_open_write, "PATH" },
	{ "packet-socket", 0, a_packet_socket, "" },
	{ "perf-event-open", 0, a_perf_event_open, "" },
	{ "personality", 1, a_personality, "FLAGS" },
	{ "pidfd-open", 1, a_pidfd_open, "PID" },
	{ "pivot-root", 2, a_pivot_root, "NEW PUT_OLD" },
	{ "process-vm-readv", 1, a_process_vm_readv, "PID" },
	{ "proc-fds", 1, a_proc_fds, "PID" },
	{ "ptrace", 1, a_ptrace, "PID" },
	{ "quotactl", 1, a_quotactl, "DEVICE" },
	{ "raw-socket", 0, a_raw_socket, "" },
	{ "read", 1, a_read, "PATH" },
	{ "readdir", 1, a_readdir, "PATH" },
	{ "reboot", 0, a_reboot, "" },
	{ "request-key", 0, a_request_key, "" },
	{ "semget", 0, a_semget, "" },
	{ "setdomainname", 1, a_setdomainname, "NAME" },
	{ "sethostname", 1, a_sethostname, "NAME" },
	{ "setns", 1, a_setns, "NSFILE" },
	{ "settime", 0, a_settime, "" },
	{ "shmget", 0, a_shmget, "[KEY]" },
	{ "socket", 3, a_socket, "FAMILY TYPE PROTOCOL" },
	{ "swapon", 1, a_swapon, "FILE" },
	{ "syslog", 0, a_syslog, "" },
	{ "tiocsti", 0, a_tiocsti, "" },
	{ "tiocsti-high", 0, a_tiocsti_high, "" },
	{ "tioclinux", 0, a_tioclinux, "" },
	{ "umount", 1, a_umount, "PATH" },
	{ "unshare", 1, a_unshare, "NAMESPACE" },
	{ "userfaultfd", 0, a_userfaultfd, "" },
	{ "write", 2, a_write, "PATH DATA" },
};

int
main(int argc, char **argv)
{
	const char *name;
	size_t i;
	long uid;

	if (argc > 2 && strcmp(argv[1], "-u") == 0) {
		uid = num(argv[2]);
		if (setgroups(0, NULL) == -1 || setresgid((gid_t)uid,
		    (gid_t)uid, (gid_t)uid) == -1 || setresuid((uid_t)uid,
		    (uid_t)uid, (uid_t)uid) == -1)
			usage_fail("cannot switch user");
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		fprintf(stderr,
		    "usage: probe [-u uid] attack [argument ...]\n");
		for (i = 0; i < NELEM(attacks); i++)
			fprintf(stderr, "\t%s %s\n", attacks[i].name,
			    attacks[i].usage);
		return (2);
	}
	for (i = 0; i < NELEM(attacks); i++)
		if (strcmp(argv[1], attacks[i].name) == 0)
			break;
	if (i == NELEM(attacks))
		usage_fail("unknown attack");
	if (argc - 2 < attacks[i].nargs)
		usage_fail(attacks[i].usage);
	setvbuf(stdout, NULL, _IONBF, 0);
	errno = 0;
	if (attacks[i].run(argv + 2) == 0) {
		printf("succeeded\n");
		return (0);
	}
	name = strerrorname_np(errno);
	printf("refused: %s\n", name != NULL ? name : "unknown");
	return (1);
}
