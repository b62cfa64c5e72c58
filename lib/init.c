/*
 * The jail's init: PID 1 of the jail's PID namespace, forked from jailbox
 * and never exec'ed.  It finishes building the jail from inside its new
 * namespaces, then holds the jail alive, reaps orphans, relays jail -r's
 * SIGTERM to every jailed process, and ends a jail that does not persist
 * once nothing else runs in it.  Its exit makes the kernel kill whatever
 * is left in the jail.
 */
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <net/if.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bsd/unistd.h>
#include <seccomp.h>

#include "confine.h"
#include "console.h"
#include "errmsg.h"
#include "jail.h"
#include "mount.h"
#include "net.h"
#include "nitems.h"
#include "proc.h"
#include "run.h"

static void	init_fail(int) __attribute__((noreturn));
static int	init_mounts(const struct jparams *, struct devfs *);
static int	init_pivot(const char *);
static int	init_network(const struct jail_setup *);
static int	init_loopback(const struct jparams *);
static void	init_loop(int, const struct jparams *, struct console *)
		    __attribute__((noreturn));
static void	init_nothing(int);
static int	init_accept(int, const struct jparams *, struct console *,
		    int *, int *);
static void	init_notify(int);
static int	init_caller_privileged(pid_t);
static void	init_signal(int, int, struct console *);
static int	init_console(const struct jparams *, struct console *,
		    const struct devfs *);
static int	init_console_start(const struct jparams *, struct console *,
		    int *);
static void	init_console_answer(int, int, const struct jparams *,
		    struct console *, int *);

/* Report why the jail could not be built to jail -c, and give up. */
static void
init_fail(int readyfd)
{
	ssize_t n;

	n = write(readyfd, jb_errmsg, strlen(jb_errmsg));
	(void)n;
	_exit(1);
}

/*
 * Make the jail's mounts private, turn its root into a mount point whose
 * device nodes are dead (nodev, recursively: as on FreeBSD, only a devfs
 * the jail is given can open devices), and make the jail's own mounts on
 * it (mount, mount.fstab, mount.devfs, mount.fdescfs, mount.procfs).  A
 * jail on / keeps the namespace's root.
 */
static int
init_mounts(const struct jparams *jp, struct devfs *dv)
{
	struct mount_attr nodev = { .attr_set = MOUNT_ATTR_NODEV };
	const char *path;
	int rootfd, rc;

	path = jparams_str(jp, JP_PATH);
	dv->dev = dv->pts = -1;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1)
		return (jb_err(errno, "make mounts private"));
	if (strcmp(path, "/") != 0 &&
	    mount(path, path, NULL, MS_BIND | MS_REC, NULL) == -1)
		return (jb_err(errno, "path %s: bind mount", path));
	if ((rootfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1)
		return (jb_err(errno, "path %s", path));
	rc = mount_setattr(rootfd, "", AT_EMPTY_PATH | AT_RECURSIVE, &nodev,
	    sizeof(nodev));
	if (rc == -1)
		jb_err(errno, "path %s: nodev", path);
	else
		rc = mount_jail(rootfd, jp, dv);
	close(rootfd);
	return (rc);
}

/*
 * Make path the root and detach the old one: nothing of the host stays.
 * A jail on / has no other root to leave.
 */
static int
init_pivot(const char *path)
{
	if (strcmp(path, "/") == 0)
		return (chdir("/") == -1 ? jb_err(errno, "chdir /") : 0);
	if (chdir(path) == -1)
		return (jb_err(errno, "path %s", path));
	if (syscall(SYS_pivot_root, ".", ".") == -1)
		return (jb_err(errno, "path %s: pivot_root", path));
	if (umount2(".", MNT_DETACH) == -1)
		return (jb_err(errno, "path %s: detach the old root", path));
	if (chdir("/") == -1)
		return (jb_err(errno, "chdir /"));
	return (0);
}

/*
 * Enter the jail's own network namespace, which jail(8) makes while the
 * init mounts, and sends over the report socket.  A jail on the host's
 * stack stays there.
 */
static int
init_network(const struct jail_setup *js)
{
	int fd, rc;

	if (net_mode(js->params) == NET_SHARED)
		return (0);
	if (console_recv(js->readyfd, NULL, 0, NULL, &fd) != CONSOLE_NETNS ||
	    fd == -1) {
		if (fd != -1)
			close(fd);
		return (jb_errx(EPROTO, "network namespace: not received"));
	}
	rc = setns(fd, CLONE_NEWNET) == -1 ?
	    jb_err(errno, "network namespace") : 0;
	close(fd);
	return (rc);
}

/*
 * A jail's own network namespace starts with lo down; bring it up.  A
 * jail on the host's stack has the host's.
 */
static int
init_loopback(const struct jparams *jp)
{
	struct ifreq ifr;
	int s, rc;

	if (net_mode(jp) == NET_SHARED)
		return (0);
	if ((s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return (jb_err(errno, "socket"));
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	rc = ioctl(s, SIOCGIFFLAGS, &ifr);
	if (rc == 0) {
		ifr.ifr_flags |= IFF_UP;
		rc = ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	if (rc == -1)
		jb_err(errno, "lo: up");
	close(s);
	return (rc);
}

static void
init_nothing(int sig)
{
	(void)sig;
}

/*
 * A connection on the control socket: jexec sends the listener of the
 * seccomp filter it loaded, so that this init answers its sethostname and
 * setdomainname; jattach asks to be a console client; jail -m sets
 * persist, and is answered with the value it replaces; jail -c asks for
 * the console's terminal and then for its program.  Only root can reach
 * the socket; the sender is checked all the same.  Returns a listener, or
 * the connection with *attachp set, or -1.
 */
static int
init_accept(int ctlfd, const struct jparams *jp, struct console *co,
    int *persistp, int *attachp)
{
	struct ucred cred;
	socklen_t len;
	size_t n;
	char arg, was;
	int conn, fd, type, listener;

	*attachp = 0;
	if ((conn = accept4(ctlfd, NULL, NULL, SOCK_CLOEXEC)) == -1)
		return (-1);
	len = sizeof(cred);
	type = fd = listener = -1;
	n = 0;
	if (getsockopt(conn, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 &&
	    cred.uid == 0)
		type = console_recv(conn, &arg, 1, &n, &fd);
	if (type == CONSOLE_LISTENER && fd != -1 && n == 0) {
		close(conn);
		return (fd);
	}
	if (type == CONSOLE_ATTACH && fd == -1 && n == 0) {
		*attachp = 1;
		return (conn);
	}
	if (type == CONSOLE_PERSIST && fd == -1 && n == 1 &&
	    (arg == '0' || arg == '1')) {
		was = *persistp ? '1' : '0';
		*persistp = arg == '1';
		(void)console_send(conn, CONSOLE_PERSIST, &was, 1);
	}
	if ((type == CONSOLE_TERMINAL || type == CONSOLE_START) && fd == -1 &&
	    n == 0)
		init_console_answer(conn, type, jp, co, &listener);
	if (fd != -1)
		close(fd);
	close(conn);
	return (listener);
}

/*
 * jail -c starting a console jail: the console's terminal, for exec.start
 * to run on, or the console program started, then the answer; the
 * program's seccomp listener, if any, in *listenerp.
 */
static void
init_console_answer(int conn, int type, const struct jparams *jp,
    struct console *co, int *listenerp)
{
	int fd;

	if (type == CONSOLE_TERMINAL) {
		if ((fd = console_terminal(co)) == -1)
			(void)console_send(conn, CONSOLE_NONE, NULL, 0);
		else {
			(void)console_send_fd(conn, CONSOLE_TERMINAL, fd);
			close(fd);
		}
		return;
	}
	if (init_console_start(jp, co, listenerp) == -1)
		(void)console_send(conn, CONSOLE_START, jb_errmsg,
		    strlen(jb_errmsg));
	else
		(void)console_send(conn, CONSOLE_START, NULL, 0);
}

/*
 * Whether a jailed process may set the host name: only a privileged one,
 * as on FreeBSD: effective uid 0 with a jailed root's capabilities (none
 * under allow.nosuser).  Read from a proc of the jail made for the
 * purpose, so the init holds no directory between requests and needs no
 * /proc in the jail.
 */
static int
init_caller_privileged(pid_t pid)
{
	char path[32], buf[4096], *uid, *cap, *end;
	unsigned long euid;
	int fd, procfd;
	ssize_t n;

	if ((procfd = mount_proc_tree()) == -1)
		return (0);
	snprintf(path, sizeof(path), "%d/status", (int)pid);
	fd = openat(procfd, path, O_RDONLY | O_CLOEXEC);
	close(procfd);
	if (fd == -1)
		return (0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return (0);
	buf[n] = '\0';
	if ((uid = strstr(buf, "\nUid:")) == NULL ||
	    (cap = strstr(buf, "\nCapEff:")) == NULL)
		return (0);
	/* The real uid, then the effective one. */
	(void)strtoul(uid + 5, &end, 10);
	if (end == uid + 5)
		return (0);
	uid = end;
	euid = strtoul(uid, &end, 10);
	if (end == uid)
		return (0);
	return (euid == 0 && strtoull(cap + 8, NULL, 16) != 0);
}

/*
 * Answer one notification: check the caller may, read the name from its
 * memory, check the request is still live (so the pid was still the
 * caller's), and set it in the jail's UTS namespace, which is this
 * process's own.
 */
static void
init_notify(int fd)
{
	static struct seccomp_notif *req;
	static struct seccomp_notif_resp *resp;
	char name[HOST_NAME_MAX + 1];
	struct iovec local, remote;
	int which;
	size_t len;

	if (req == NULL && seccomp_notify_alloc(&req, &resp) != 0)
		return;
	memset(req, 0, sizeof(*req));
	if (seccomp_notify_receive(fd, req) != 0)
		return;
	memset(resp, 0, sizeof(*resp));
	resp->id = req->id;
	which = confine_hostname_nr(req->data.arch, req->data.nr);
	len = (size_t)req->data.args[1];
	local.iov_base = name;
	local.iov_len = len;
	remote.iov_base = (void *)(uintptr_t)req->data.args[0];
	remote.iov_len = len;
	if (which == 0)
		resp->error = -ENOSYS;
	else if (!init_caller_privileged(req->pid))
		resp->error = -EPERM;
	else if (len > HOST_NAME_MAX)
		resp->error = -EINVAL;
	else if (len > 0 && process_vm_readv(req->pid, &local, 1, &remote, 1,
	    0) != (ssize_t)len)
		resp->error = -EFAULT;
	else if (seccomp_notify_id_valid(fd, req->id) != 0)
		return;
	else if ((which == 1 ? sethostname(name, len) :
	    setdomainname(name, len)) == -1)
		resp->error = -errno;
	seccomp_notify_respond(fd, resp);
}

/*
 * What a signal asks of the init: SIGTERM (jail -r) is passed to every
 * jailed process; SIGCHLD reaps, noting the console program's end; after
 * either SIGCHLD or SIGUSR1, a jail that does not persist ends once
 * nothing else runs in it.
 */
static void
init_signal(int sig, int persist, struct console *co)
{
	int status;
	pid_t pid;

	switch (sig) {
	case SIGTERM:
		kill(-1, SIGTERM);
		break;
	case SIGCHLD:
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			if (co->pid != 0 && pid == co->pid)
				console_exited(co, status);
		/* FALLTHROUGH */
	case SIGUSR1:
		if (!persist && kill(-1, 0) == -1 && errno == ESRCH)
			_exit(0);
		break;
	}
}

/* What each descriptor the init polls is. */
enum watch {
	W_SIGNALS,	/* its signalfd */
	W_CONTROL,	/* the control socket */
	W_CONSOLE,	/* the console's master */
	W_LISTENER,	/* a seccomp listener */
	W_CLIENT	/* a jattach connection */
};

struct watches {
	struct pollfd	*pfds;
	enum watch	*kinds;
	nfds_t		 n;
};

static void
watch_add(struct watches *w, int fd, enum watch kind)
{
	struct pollfd *p;
	enum watch *k;

	p = reallocarray(w->pfds, w->n + 1, sizeof(*p));
	if (p != NULL)
		w->pfds = p;
	k = reallocarray(w->kinds, w->n + 1, sizeof(*k));
	if (k != NULL)
		w->kinds = k;
	if (p == NULL || k == NULL) {
		close(fd);
		return;
	}
	w->pfds[w->n].fd = fd;
	w->pfds[w->n].events = POLLIN;
	w->pfds[w->n].revents = 0;
	w->kinds[w->n++] = kind;
}

static void
watch_del(struct watches *w, nfds_t i)
{
	w->pfds[i] = w->pfds[--w->n];
	w->kinds[i] = w->kinds[w->n];
}

/*
 * Serve the jail until it ends.  A PID namespace's init only receives the
 * signals it handles, so each one gets a handler, and is then read from a
 * signalfd along with the control socket, the console, its clients and
 * the seccomp listeners.  persist starts as the jail was created and
 * follows jail -m; a jail left empty by clearing it is ended by jail -m
 * itself once the change is recorded, as jexec ends one after its
 * command.
 */
static void
init_loop(int ctlfd, const struct jparams *jp, struct console *co)
{
	static const int sigs[] = { SIGCHLD, SIGTERM, SIGUSR1 };
	struct signalfd_siginfo si;
	struct watches w = { NULL, NULL, 0 };
	struct sigaction sa;
	sigset_t set;
	nfds_t i;
	int fd, attach, persist;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = init_nothing;
	sigemptyset(&set);
	for (i = 0; i < nitems(sigs); i++) {
		sigaction(sigs[i], &sa, NULL);
		sigaddset(&set, sigs[i]);
	}
	persist = jparams_bool(jp, JP_PERSIST);
	watch_add(&w, signalfd(-1, &set, SFD_CLOEXEC), W_SIGNALS);
	watch_add(&w, ctlfd, W_CONTROL);
	if (co->master != -1)
		watch_add(&w, co->master, W_CONSOLE);
	for (;;) {
		if (poll(w.pfds, w.n, -1) == -1)
			continue;
		for (i = 0; i < w.n; i++) {
			if (w.pfds[i].revents == 0)
				continue;
			switch (w.kinds[i]) {
			case W_SIGNALS:
				if (read(w.pfds[i].fd, &si, sizeof(si)) ==
				    sizeof(si))
					init_signal((int)si.ssi_signo, persist,
					    co);
				break;
			case W_CONTROL:
				fd = init_accept(ctlfd, jp, co, &persist,
				    &attach);
				if (fd >= 0 && attach) {
					console_attach(co, fd);
					if (co->master != -1)
						watch_add(&w, fd, W_CLIENT);
				} else if (fd >= 0)
					watch_add(&w, fd, W_LISTENER);
				break;
			case W_CONSOLE:
				console_output(co);
				/*
				 * No process has the slave open, and none can
				 * open it again: the ring keeps what was said.
				 */
				if (w.pfds[i].revents & POLLHUP)
					watch_del(&w, i--);
				break;
			case W_LISTENER:
				if (w.pfds[i].revents & POLLIN)
					init_notify(w.pfds[i].fd);
				/* Every process under that filter is gone. */
				if (w.pfds[i].revents &
				    (POLLHUP | POLLERR | POLLNVAL)) {
					close(w.pfds[i].fd);
					watch_del(&w, i--);
				}
				break;
			case W_CLIENT:
				if (!(w.pfds[i].revents & POLLIN) ||
				    console_input(co, w.pfds[i].fd) == -1) {
					console_drop(co, w.pfds[i].fd);
					watch_del(&w, i--);
				}
				break;
			}
		}
	}
}

/*
 * Open the console.  A jail with a devfs has its console there: a
 * terminal of its devpts, and /dev/console.
 */
static int
init_console(const struct jparams *jp, struct console *co,
    const struct devfs *dv)
{
	if (console_open(co, (size_t)jparams_int(jp, JP_CONSOLE_BUFFER),
	    dv->pts) == -1)
		return (-1);
	return (mount_console(dv, co->master));
}

/*
 * Start command on the console, once, when jail -c has run exec.start;
 * the slave held until then goes to the program.  Its seccomp listener
 * comes back on a socket pair, as jexec's come on the control socket.
 */
static int
init_console_start(const struct jparams *jp, struct console *co,
    int *listenerp)
{
	int sp[2];

	if (co->master == -1 || co->pid != -1)
		return (jb_errx(EALREADY, "console: already started"));
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) == -1)
		return (jb_err(errno, "socketpair"));
	co->pid = jail_console_spawn(jp, jp->v[JP_COMMAND].items, co->slave,
	    sp[1]);
	close(sp[1]);
	if (co->pid == -1) {
		close(sp[0]);
		return (-1);
	}
	close(co->slave);
	co->slave = -1;
	/* Nothing (-1) when the program failed before its filter. */
	*listenerp = console_recv_fd(sp[0]);
	close(sp[0]);
	return (0);
}

/*
 * Runs in the child cloned into the new namespaces and the jail's cgroup.
 * Phase 1 cuts the ties to the caller, phase 2 builds the jail's view,
 * phase 3 reports success and becomes the init.
 */
void
jail_init(const struct jail_setup *js)
{
	const char *path, *host, *domain;
	struct console co;
	struct devfs dv;
	sigset_t set;
	int keep[3], netfirst;

	/*
	 * 1: own session, no descriptor of the caller but the report socket,
	 * the control socket and the socket whose name tells that the jail
	 * lives, held until the init's end.
	 */
	keep[0] = js->readyfd;
	keep[1] = js->ctlfd;
	keep[2] = js->markfd;
	sigfillset(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	setsid();
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	setproctitle("-%s", "jail init");
	proc_close_fds(keep, 3);

	/*
	 * 2: namespaces (the network one comes from jail(8), made on the
	 * other CPU meanwhile; the cgroup one is rooted at the jail's
	 * cgroup, which the init was cloned into), mounts, hostname, root,
	 * network.
	 */
	path = jparams_str(js->params, JP_PATH);
	host = jparams_str(js->params, JP_HOST_HOSTNAME);
	if (unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWCGROUP |
	    (confine_ipc_inherit(js->params) ? 0 : CLONE_NEWIPC)) == -1) {
		jb_err(errno, "namespaces");
		init_fail(js->readyfd);
	}
	netfirst = mount_needs_netns(js->params);
	if ((netfirst && init_network(js) == -1) ||
	    init_mounts(js->params, &dv) == -1)
		init_fail(js->readyfd);
	if (sethostname(host, strlen(host)) == -1) {
		jb_err(errno, "host.hostname");
		init_fail(js->readyfd);
	}
	/* FreeBSD's jails start with an empty domain name, not the host's. */
	domain = jparams_str(js->params, JP_HOST_DOMAINNAME);
	if (setdomainname(domain, strlen(domain)) == -1) {
		jb_err(errno, "host.domainname");
		init_fail(js->readyfd);
	}
	/* The console's log is a host file: opened while the host shows. */
	memset(&co, 0, sizeof(co));
	co.master = co.slave = co.logfd = -1;
	if (jparams_bool(js->params, JP_CONSOLE) &&
	    jparams_isset(js->params, JP_EXEC_CONSOLELOG) &&
	    (co.logfd = run_log_open(jparams_str(js->params,
	    JP_EXEC_CONSOLELOG), path)) == -1)
		init_fail(js->readyfd);
	/*
	 * The root is pivoted before the network namespace is waited for:
	 * pivot_root walks every thread on the host, which takes the longer
	 * the more jails run, and so walks them while jail(8) makes it.
	 */
	if (net_filter_check(js->params) == -1 || init_pivot(path) == -1 ||
	    (!netfirst && init_network(js) == -1) ||
	    init_loopback(js->params) == -1)
		init_fail(js->readyfd);

	/* 3: the console; its program starts once jail -c asks. */
	if (jparams_bool(js->params, JP_CONSOLE) &&
	    init_console(js->params, &co, &dv) == -1)
		init_fail(js->readyfd);
	mount_devfs_close(&dv);

	/* 4: the jail is built. */
	if (write(js->readyfd, "", 1) != 1)
		_exit(1);
	close(js->readyfd);
	init_loop(js->ctlfd, js->params, &co);
}
