/*
 * Taking a jail down, as jail -r does on FreeBSD: SIGTERM to every jailed
 * process, up to stop.timeout seconds for them to go, then SIGKILL to the
 * init, whose death takes the whole PID namespace with it (a vnet jail's
 * physical interfaces are taken back first); last its aliases, the
 * cgroup and the registry entry.
 */
#include <sys/syscall.h>
#include <sys/types.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "errmsg.h"
#include "jail.h"
#include "net.h"
#include "proc.h"
#include "registry.h"

#define POLL_MS		20

/* How many processes of the jail are left besides its init. */
static int
jail_others(const struct jail_entry *je)
{
	pid_t *pids;
	size_t n, i;
	int others;

	if (cgroup_procs(je->jid, &pids, &n) == -1)
		return (-1);
	for (others = 0, i = 0; i < n; i++)
		if (pids[i] != je->init_pid)
			others++;
	free(pids);
	return (others);
}

/* Wait up to timeout seconds for the jail to hold nothing but its init. */
static void
jail_drain(const struct jail_entry *je, int timeout)
{
	struct timespec ts = { 0, POLL_MS * 1000 * 1000 };
	long waited;

	for (waited = 0; waited < (long)timeout * 1000; waited += POLL_MS) {
		if (jail_others(je) <= 0)
			return;
		nanosleep(&ts, NULL);
	}
}

/* Take down a dead jail's aliases and its cgroup; under the lock. */
static int
jail_unmake(const struct jail_entry *je, int nsfd)
{
	int rc;

	rc = net_unalias(je, nsfd);
	if (cgroup_destroy(je->jid) == -1)
		rc = -1;
	return (rc);
}

/* Clear what a dead jail left: its aliases, cgroup and registry entry. */
static int
jail_clear(const struct jail_entry *je, int nsfd)
{
	int lockfd, rc;

	if ((lockfd = registry_lock()) == -1)
		return (-1);
	rc = jail_unmake(je, nsfd);
	if (registry_remove(je->jid, registry_name(je)) == -1)
		rc = -1;
	registry_unlock(lockfd);
	return (rc);
}

/*
 * Remove a jail: SIGTERM and up to timeout seconds for its processes to
 * go, then SIGKILL to the init.  The entry is withdrawn while the init
 * dies: the lock, held from before the kill until the cgroup is gone,
 * keeps any create from taking the jid meanwhile.
 */
int
jail_remove(const struct jail_entry *je, int timeout)
{
	int pidfd, nsfd, lockfd, rc;

	if (!je->alive ||
	    (pidfd = proc_pidfd(je->init_pid, je->init_start)) == -1)
		return (jail_clear(je, -1));
	if (timeout > 0 &&
	    syscall(SYS_pidfd_send_signal, pidfd, SIGTERM, NULL, 0) == 0)
		jail_drain(je, timeout);
	(void)net_vnet_detach(je, pidfd);
	/* Its aliases are taken down where it was, not where jail -r is. */
	nsfd = net_ns_open(je);
	rc = -1;
	if ((lockfd = registry_lock()) == -1)
		goto out;
	if (syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0) == -1 &&
	    errno != ESRCH) {
		jb_err(errno, "kill the jail's init");
		registry_unlock(lockfd);
		goto out;
	}
	rc = registry_remove(je->jid, registry_name(je));
	proc_wait_exit(pidfd, -1);
	if (jail_unmake(je, nsfd) == -1)
		rc = -1;
	registry_unlock(lockfd);
out:
	close(pidfd);
	if (nsfd != -1)
		close(nsfd);
	return (rc);
}

/*
 * A jail that jail(8) held up through its start commands by setting
 * persist for the while, once they are over: when nothing but its init
 * is left, it is removed at once, which is what clearing persist would
 * lead to, without recording the change first.  1 when it was removed,
 * 0 when processes are left (the caller clears persist), -1 on failure.
 */
int
jail_release_held(const struct jail_entry *je)
{
	int others;

	if ((others = jail_others(je)) != 0)
		return (others < 0 ? -1 : 0);
	return (jail_remove(je, 0) == -1 ? -1 : 1);
}

/*
 * After a command run in a jail has ended: a jail that does not persist
 * goes away when nothing runs in it any more.  Whether it persists is read
 * again from the registry, where jail -m may have changed it since je was
 * read; an entry that is gone, or is another jail's now, is left alone.
 */
int
jail_release(const struct jail_entry *je)
{
	struct jail_entry now;
	int persist;

	if (registry_load(je->jid, &now) == -1) {
		if (errno == ENOENT)
			return (0);
		persist = jparams_bool(&je->params, JP_PERSIST);
	} else {
		if (now.init_pid != je->init_pid ||
		    now.init_start != je->init_start) {
			registry_entry_free(&now);
			return (0);
		}
		persist = jparams_bool(&now.params, JP_PERSIST);
		registry_entry_free(&now);
	}
	if (persist || jail_others(je) > 0)
		return (0);
	return (jail_remove(je, 0));
}
