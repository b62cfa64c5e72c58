/*
 * Confinement of jailed processes.
 *
 * Root in a jail keeps only the capabilities in cap_base, plus those its
 * allow.* parameters grant back (cap_grants).  Every jailed process also
 * runs under one seccomp filter: the system calls no jail needs are
 * refused with EPERM (refused_always), others only when a parameter does
 * not allow them (refused_unless), and sethostname/setdomainname are
 * handed to the jail's init through a user notification when
 * allow.set_hostname is on.
 *
 * libseccomp takes milliseconds to compile the filter, for all three
 * architectures; a jail's filter never changes, so it is compiled once,
 * when the jail is created, kept in its registry entry as BPF, and
 * loaded as it is by every process that enters the jail.  Jails with the
 * same rules share one compile: the rules are data (a filter_plan), and
 * the plan, written out field by field, keys a cache of compiled filters
 * in the registry.
 */
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/sched.h>
#include <linux/seccomp.h>

#include <errno.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <seccomp.h>
#include <sys/capability.h>

#include "confine.h"
#include "errmsg.h"
#include "nitems.h"

/*
 * The kernel reads int arguments from the low 32 bits of a register:
 * compare only those, or a value with high bits set slips past a rule.
 */
#define LOW32		0xffffffffUL

/* What root in any jail may do (unless allow.nosuser). */
static const cap_value_t cap_base[] = {
	CAP_AUDIT_WRITE, CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_FSETID,
	CAP_KILL, CAP_SETFCAP, CAP_SETGID, CAP_SETPCAP, CAP_SETUID,
	CAP_SYS_CHROOT,
};

/*
 * What each allow.* parameter grants back; and vnet=new, whose root
 * administers the jail's own network stack, as on FreeBSD.
 */
static const struct {
	enum jparam	param;
	cap_value_t	cap;
} cap_grants[] = {
	{ JP_ALLOW_ADJTIME,		CAP_SYS_TIME },
	{ JP_ALLOW_CHFLAGS,		CAP_LINUX_IMMUTABLE },
	{ JP_ALLOW_MLOCK,		CAP_IPC_LOCK },
	{ JP_ALLOW_RAW_SOCKETS,		CAP_NET_RAW },
	{ JP_ALLOW_READ_MSGBUF,		CAP_SYSLOG },
	{ JP_ALLOW_RESERVED_PORTS,	CAP_NET_BIND_SERVICE },
	{ JP_ALLOW_SETTIME,		CAP_SYS_TIME },
	{ JP_VNET,			CAP_NET_ADMIN },
};

/* System calls no jail needs. */
static const char *const refused_always[] = {
	"acct", "add_key", "bpf", "delete_module", "finit_module",
	"fsconfig", "fsmount", "fsopen", "fspick", "init_module",
	"io_uring_enter", "io_uring_register", "io_uring_setup", "ioperm",
	"iopl", "kexec_file_load", "kexec_load", "keyctl", "lookup_dcookie",
	"mount", "mount_setattr", "move_mount", "name_to_handle_at",
	"nfsservctl", "open_by_handle_at", "open_tree", "perf_event_open",
	"pivot_root", "process_vm_readv", "process_vm_writev", "quotactl",
	"quotactl_fd", "reboot", "request_key", "setns", "swapoff", "swapon",
	"sysfs", "umount", "umount2", "unshare", "uselib", "userfaultfd",
	"vhangup",
};

/* System calls refused unless a parameter is on. */
static const struct {
	enum jparam	 param;
	const char	*syscall;
} refused_unless[] = {
	{ JP_ALLOW_READ_MSGBUF,			"syslog" },
	{ JP_ALLOW_SETTIME,			"clock_settime" },
	{ JP_ALLOW_SETTIME,			"settimeofday" },
	{ JP_ALLOW_SETTIME,			"stime" },
	{ JP_ALLOW_UNPRIVILEGED_PROC_DEBUG,	"ptrace" },
};

/* Each System V IPC family and its calls, refused when it is disabled. */
static const struct {
	enum jparam	 param;
	const char	*syscalls[4];
	int		 ipc_ops[4];	/* ipc(2) multiplexer operations */
} sysv_families[] = {
	{ JP_SYSVMSG, { "msgget", "msgsnd", "msgrcv", "msgctl" },
	    { 13, 11, 12, 14 } },
	{ JP_SYSVSEM, { "semget", "semop", "semtimedop", "semctl" },
	    { 2, 1, 4, 3 } },
	{ JP_SYSVSHM, { "shmget", "shmat", "shmdt", "shmctl" },
	    { 23, 21, 22, 24 } },
};

/* The namespace flags of clone(2) a jailed process may not use. */
static const unsigned long clone_ns_flags[] = {
	CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS,
	CLONE_NEWPID, CLONE_NEWTIME, CLONE_NEWUSER, CLONE_NEWUTS,
};

/* Terminal ioctls that would let a jail type into the host's terminal. */
static const unsigned long refused_ioctls[] = { TIOCSTI, TIOCLINUX };

/*
 * personality(2) flags that weaken a process's own protections: no
 * address randomisation, page zero mapped, readable implying executable,
 * the legacy memory layout.
 */
static const unsigned long refused_personalities[] = {
	0x0040000, 0x0100000, 0x0200000, 0x0400000,
};

/* Socket families a jail gets without allow.socket_af. */
static const int plain_families[] = { AF_UNIX, AF_INET, AF_INET6,
    AF_NETLINK };

/*
 * Check the confinement parameters can be honoured: System V IPC is one
 * namespace on Linux, so inherit cannot be mixed with new.
 */
int
confine_check(const struct jparams *jp)
{
	size_t i;
	int inherit, new;

	if (jparams_bool(jp, JP_ALLOW_SYSVIPC))
		return (0);
	inherit = new = 0;
	for (i = 0; i < nitems(sysv_families); i++) {
		switch (jparams_int(jp, sysv_families[i].param)) {
		case JAILSYS_INHERIT:
			inherit = 1;
			break;
		case JAILSYS_NEW:
			new = 1;
			break;
		}
	}
	if (inherit && new)
		return (jb_errx(ENOTSUP,
		    "sysvmsg, sysvsem, sysvshm: new and inherit together: "
		    "not supported on Linux"));
	return (0);
}

/* Whether the jail shares the host's IPC namespace. */
int
confine_ipc_inherit(const struct jparams *jp)
{
	size_t i;

	if (jparams_bool(jp, JP_ALLOW_SYSVIPC))
		return (1);
	for (i = 0; i < nitems(sysv_families); i++)
		if (jparams_int(jp, sysv_families[i].param) ==
		    JAILSYS_INHERIT)
			return (1);
	return (0);
}

/*
 * The filter as data: every rule, in the order libseccomp is given them,
 * plus what the compile adds around them.  The key of the filter cache
 * is computed from exactly this, so whatever changes the BPF changes the
 * key.
 */
#define PLAN_MAX	256
#define PLAN_OPTIMIZE	2	/* libseccomp's binary tree of calls */
#define PLAN_NAME_MAX	32	/* a system call's name, with its NUL */

struct filter_rule {
	uint32_t		 action;
	const char		*syscall;
	unsigned int		 ncmp;
	struct scmp_arg_cmp	 cmp[2];
};

struct filter_plan {
	size_t			 n;
	struct filter_rule	 rules[PLAN_MAX];
};

/* The architectures filtered beside the native one. */
static const uint32_t plan_arches[] = {
#if defined(__x86_64__)
	/* i386 and x32 system calls reach the same kernel: filter both. */
	SCMP_ARCH_X86, SCMP_ARCH_X32,
#endif
};

static int
plan_add(struct filter_plan *fp, uint32_t action, const char *syscall,
    unsigned int ncmp, const struct scmp_arg_cmp *cmp)
{
	struct filter_rule *r;

	if (fp->n == PLAN_MAX)
		return (jb_errx(E2BIG, "seccomp: too many rules"));
	if (strlen(syscall) >= PLAN_NAME_MAX)
		return (jb_errx(ENAMETOOLONG, "seccomp: %s: name too long",
		    syscall));
	r = &fp->rules[fp->n++];
	memset(r, 0, sizeof(*r));
	r->action = action;
	r->syscall = syscall;
	r->ncmp = ncmp;
	if (ncmp > 0)
		memcpy(r->cmp, cmp, ncmp * sizeof(*cmp));
	return (0);
}

static int
refuse(struct filter_plan *fp, const char *syscall, unsigned int ncmp,
    const struct scmp_arg_cmp *cmp)
{
	return (plan_add(fp, SCMP_ACT_ERRNO(EPERM), syscall, ncmp, cmp));
}

static int
plain_family(int af)
{
	size_t i;

	for (i = 0; i < nitems(plain_families); i++)
		if (af == plain_families[i])
			return (1);
	return (0);
}

/*
 * Refuse socket families beyond the plain ones, and netlink but route, in
 * few rules: each run of refused families below the highest plain one as
 * aligned blocks of a power of two (one masked compare each), everything
 * above it by one compare, and every netlink protocol but 0 by another.
 * The compares above read all 64 bits: a family or protocol with high
 * bits set is refused, whatever its low 32 bits.
 */
static int
refuse_sockets(struct filter_plan *fp)
{
	struct scmp_arg_cmp cmp[2];
	int af, top, size, k;

	for (top = 0, af = 0; af < AF_MAX; af++)
		if (plain_family(af))
			top = af;
	for (af = 0; af <= top; af += size) {
		size = 1;
		if (plain_family(af))
			continue;
		/* Double the block while aligned, below top and all refused. */
		for (;;) {
			if (af % (size * 2) != 0 || af + size * 2 - 1 > top)
				break;
			for (k = af + size; k < af + size * 2; k++)
				if (plain_family(k))
					break;
			if (k < af + size * 2)
				break;
			size *= 2;
		}
		cmp[0] = SCMP_A0(SCMP_CMP_MASKED_EQ,
		    LOW32 & ~(scmp_datum_t)(size - 1), (scmp_datum_t)af);
		if (refuse(fp, "socket", 1, cmp) == -1)
			return (-1);
	}
	cmp[0] = SCMP_A0(SCMP_CMP_GT, (scmp_datum_t)top);
	if (refuse(fp, "socket", 1, cmp) == -1)
		return (-1);
	cmp[0] = SCMP_A0(SCMP_CMP_MASKED_EQ, LOW32, AF_NETLINK);
	cmp[1] = SCMP_A2(SCMP_CMP_GT, 0);
	if (refuse(fp, "socket", 2, cmp) == -1)
		return (-1);
	/* The old multiplexer cannot be inspected: refuse it. */
	return (refuse(fp, "socketcall", 0, NULL));
}

/* The rules of the jail's seccomp filter. */
static int
filter_plan(const struct jparams *jp, struct filter_plan *fp)
{
	static const char *const hostname_calls[] = { "sethostname",
	    "setdomainname" };
	struct scmp_arg_cmp cmp;
	size_t i, k;
	int rc;

	fp->n = 0;
	rc = 0;
	for (i = 0; rc == 0 && i < nitems(refused_always); i++)
		rc = refuse(fp, refused_always[i], 0, NULL);
	for (i = 0; rc == 0 && i < nitems(refused_unless); i++)
		if (!jparams_bool(jp, refused_unless[i].param))
			rc = refuse(fp, refused_unless[i].syscall, 0, NULL);
	for (i = 0; rc == 0 && i < nitems(sysv_families); i++) {
		if (jparams_bool(jp, JP_ALLOW_SYSVIPC) ||
		    jparams_int(jp, sysv_families[i].param) !=
		    JAILSYS_DISABLE)
			continue;
		for (k = 0; rc == 0 && k < 4; k++) {
			rc = refuse(fp, sysv_families[i].syscalls[k], 0,
			    NULL);
			cmp = SCMP_A0(SCMP_CMP_MASKED_EQ, 0xffff,
			    (scmp_datum_t)sysv_families[i].ipc_ops[k]);
			if (rc == 0)
				rc = refuse(fp, "ipc", 1, &cmp);
		}
	}
	for (i = 0; rc == 0 && i < nitems(clone_ns_flags); i++) {
		cmp = SCMP_A0(SCMP_CMP_MASKED_EQ, clone_ns_flags[i],
		    clone_ns_flags[i]);
		rc = refuse(fp, "clone", 1, &cmp);
	}
	/* clone3 hides its flags in memory: ENOSYS makes libc use clone. */
	if (rc == 0)
		rc = plan_add(fp, SCMP_ACT_ERRNO(ENOSYS), "clone3", 0, NULL);
	/* Compare the low 32 bits only: the kernel ignores the others. */
	for (i = 0; rc == 0 && i < nitems(refused_ioctls); i++) {
		cmp = SCMP_A1(SCMP_CMP_MASKED_EQ, LOW32, refused_ioctls[i]);
		rc = refuse(fp, "ioctl", 1, &cmp);
	}
	if (rc == 0 && !jparams_bool(jp, JP_ALLOW_SOCKET_AF))
		rc = refuse_sockets(fp);
	for (i = 0; rc == 0 && i < nitems(refused_personalities); i++) {
		cmp = SCMP_A0(SCMP_CMP_MASKED_EQ, refused_personalities[i],
		    refused_personalities[i]);
		rc = refuse(fp, "personality", 1, &cmp);
	}
	for (i = 0; rc == 0 && i < nitems(hostname_calls); i++)
		rc = plan_add(fp, jparams_bool(jp, JP_ALLOW_SET_HOSTNAME) ?
		    SCMP_ACT_NOTIFY : SCMP_ACT_ERRNO(EPERM),
		    hostname_calls[i], 0, NULL);
	return (rc);
}

/* The plan in a libseccomp context, ready to export. */
static int
plan_compile(const struct filter_plan *fp, scmp_filter_ctx *ctxp)
{
	const struct filter_rule *r;
	scmp_filter_ctx ctx;
	size_t i;
	int rc, nr;

	/* Unknown calls pass; refused ones fail with EPERM. */
	if ((ctx = seccomp_init(SCMP_ACT_ALLOW)) == NULL)
		return (jb_errx(ENOMEM, "seccomp_init"));
	/*
	 * No no_new_privs: set-user-ID programs work in a jail as on
	 * FreeBSD, bounded by the jail's capability set.  Loading without
	 * it needs CAP_SYS_ADMIN, which the caller still has.
	 */
	rc = 0;
	if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0) < 0)
		rc = jb_errx(EINVAL, "seccomp: cannot clear no_new_privs");
	/* A binary tree of the calls: fewer instructions run per call. */
	if (rc == 0 &&
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, PLAN_OPTIMIZE) < 0)
		rc = jb_errx(EINVAL, "seccomp: cannot set the optimization");
	for (i = 0; rc == 0 && i < nitems(plan_arches); i++)
		if (seccomp_arch_add(ctx, plan_arches[i]) < 0)
			rc = jb_errx(EINVAL, "seccomp: cannot add "
			    "architectures");
	for (i = 0; rc == 0 && i < fp->n; i++) {
		r = &fp->rules[i];
		/* A call this kernel's architectures lack needs no rule. */
		nr = seccomp_syscall_resolve_name(r->syscall);
		if (nr == __NR_SCMP_ERROR)
			continue;
		rc = seccomp_rule_add_array(ctx, r->action, nr, r->ncmp,
		    r->cmp);
		if (rc == -EEXIST)
			rc = 0;
		else if (rc < 0)
			rc = jb_err(-rc, "seccomp rule for %s", r->syscall);
	}
	if (rc != 0) {
		seccomp_release(ctx);
		return (-1);
	}
	*ctxp = ctx;
	return (0);
}

/* The longest key a plan makes: its header, then each rule at most. */
#define KEY_MAX		(16 + 8 * 8 + nitems(plan_arches) * 8 + \
			 PLAN_MAX * (8 + PLAN_NAME_MAX + 8 + 2 * 4 * 8))

static void
key_put(struct confine_key *k, const void *p, size_t n)
{
	memcpy(k->bytes + k->len, p, n);
	k->len += n;
}

static void
key_u64(struct confine_key *k, uint64_t v)
{
	key_put(k, &v, sizeof(v));
}

/*
 * The key of a jail's filter in the cache of compiled filters: everything
 * the compile takes, rule by rule and field by field, and the libseccomp
 * release and kernel API level that turn it into BPF.  A cache entry
 * holds its key before the BPF and is used only if the key is the same,
 * so the name it is found by, a 64-bit FNV-1a hash of the key, needs to
 * tell entries apart, never to vouch for one.  Freed with
 * confine_key_free().
 */
int
confine_filter_key(const struct jparams *jp, struct confine_key *k)
{
	const struct scmp_version *v;
	struct filter_plan *fp;
	const struct filter_rule *r;
	uint64_t h;
	size_t i, n;

	memset(k, 0, sizeof(*k));
	if ((fp = malloc(sizeof(*fp))) == NULL ||
	    (k->bytes = malloc(KEY_MAX)) == NULL) {
		free(fp);
		return (jb_err(errno, "malloc"));
	}
	if (filter_plan(jp, fp) == -1) {
		free(fp);
		confine_key_free(k);
		return (-1);
	}
	v = seccomp_version();
	key_put(k, "jailbox seccomp", 16);
	key_u64(k, v->major);
	key_u64(k, v->minor);
	key_u64(k, v->micro);
	key_u64(k, seccomp_api_get());
	key_u64(k, seccomp_arch_native());
	key_u64(k, PLAN_OPTIMIZE);
	key_u64(k, nitems(plan_arches));
	for (i = 0; i < nitems(plan_arches); i++)
		key_u64(k, plan_arches[i]);
	for (i = 0; i < fp->n; i++) {
		r = &fp->rules[i];
		key_u64(k, r->action);
		key_put(k, r->syscall, strlen(r->syscall) + 1);
		key_u64(k, r->ncmp);
		for (n = 0; n < r->ncmp; n++) {
			key_u64(k, r->cmp[n].arg);
			key_u64(k, r->cmp[n].op);
			key_u64(k, r->cmp[n].datum_a);
			key_u64(k, r->cmp[n].datum_b);
		}
	}
	free(fp);
	for (h = 0xcbf29ce484222325ULL, i = 0; i < k->len; i++)
		h = (h ^ k->bytes[i]) * 0x100000001b3ULL;
	snprintf(k->name, sizeof(k->name), "%016llx", (unsigned long long)h);
	return (0);
}

void
confine_key_free(struct confine_key *k)
{
	free(k->bytes);
	k->bytes = NULL;
}

/*
 * A cache entry (len bytes at buf) as the filter of key k, if it is one:
 * its key first, then BPF.  On success *progp holds buf, BPF moved to its
 * start; the caller frees it as any filter.
 */
int
confine_filter_cached(const struct confine_key *k, void *buf, size_t len,
    struct sock_fprog *progp)
{
	if (len <= k->len || memcmp(buf, k->bytes, k->len) != 0)
		return (jb_errx(EINVAL, "not this filter"));
	memmove(buf, (char *)buf + k->len, len - k->len);
	return (confine_filter_set(progp, buf, len - k->len));
}

/*
 * Take len bytes at buf as a BPF program, if they can be one: whole
 * instructions, at least one, at most what the kernel loads.
 */
int
confine_filter_set(struct sock_fprog *progp, void *buf, size_t len)
{
	if (len == 0 || len % sizeof(struct sock_filter) != 0 ||
	    len / sizeof(struct sock_filter) > BPF_MAXINSNS)
		return (jb_errx(EINVAL, "malformed seccomp filter"));
	progp->filter = buf;
	progp->len = (unsigned short)(len / sizeof(struct sock_filter));
	return (0);
}

/*
 * Compile the jail's seccomp filter to BPF: *progp, whose instructions
 * the caller frees.
 */
int
confine_filter(const struct jparams *jp, struct sock_fprog *progp)
{
	struct filter_plan *fp;
	scmp_filter_ctx ctx;
	struct stat st;
	void *buf;
	int fd, rc;

	if ((fp = malloc(sizeof(*fp))) == NULL)
		return (jb_err(errno, "malloc"));
	ctx = NULL;
	rc = filter_plan(jp, fp) == -1 ? -1 : plan_compile(fp, &ctx);
	free(fp);
	if (rc == -1)
		return (-1);
	buf = NULL;
	rc = -1;
	if ((fd = memfd_create("seccomp", MFD_CLOEXEC)) == -1)
		jb_err(errno, "memfd_create");
	else if ((rc = seccomp_export_bpf(ctx, fd)) < 0)
		rc = jb_err(-rc, "seccomp_export_bpf");
	else if (fstat(fd, &st) == -1)
		rc = jb_err(errno, "seccomp filter");
	else if ((buf = malloc((size_t)st.st_size + 1)) == NULL)
		rc = jb_err(errno, "malloc");
	else if (pread(fd, buf, (size_t)st.st_size, 0) != st.st_size)
		rc = jb_err(errno, "seccomp filter");
	else
		rc = confine_filter_set(progp, buf, (size_t)st.st_size);
	if (rc == -1)
		free(buf);
	if (fd != -1)
		close(fd);
	seccomp_release(ctx);
	return (rc);
}

/*
 * Load a jail's compiled filter in the calling process, and return the
 * listener descriptor of its user notifications in *notifyfd (-1 when
 * allow.set_hostname is off), as libseccomp's seccomp_load() would:
 * without no_new_privs, which needs CAP_SYS_ADMIN, dropped afterwards.
 */
int
confine_filter_load(const struct jparams *jp, const struct sock_fprog *prog,
    int *notifyfd)
{
	unsigned int flags;
	long rc;

	flags = jparams_bool(jp, JP_ALLOW_SET_HOSTNAME) ?
	    SECCOMP_FILTER_FLAG_NEW_LISTENER : 0;
	if ((rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags,
	    prog)) == -1)
		return (jb_err(errno, "seccomp"));
	*notifyfd = flags != 0 ? (int)rc : -1;
	return (0);
}

/*
 * Compile and load the jail's seccomp filter in the calling process, for
 * a jail whose compiled filter is not at hand.
 */
int
confine_seccomp(const struct jparams *jp, int *notifyfd)
{
	struct sock_fprog prog;
	int rc;

	*notifyfd = -1;
	if (confine_filter(jp, &prog) == -1)
		return (-1);
	rc = confine_filter_load(jp, &prog, notifyfd);
	free(prog.filter);
	return (rc);
}

/*
 * Reduce the calling process to a jailed root's capabilities: the
 * bounding set first, then the permitted, effective and inheritable sets,
 * and no ambient capability.
 */
int
confine_caps(const struct jparams *jp)
{
	cap_value_t keep[CAP_LAST_CAP + 1];
	size_t nkeep, i;
	cap_value_t c;
	cap_t caps;
	int rc, k;

	nkeep = 0;
	if (jparams_bool(jp, JP_ALLOW_SUSER)) {
		for (i = 0; i < nitems(cap_base); i++)
			keep[nkeep++] = cap_base[i];
		for (i = 0; i < nitems(cap_grants); i++)
			if (jparams_bool(jp, cap_grants[i].param) ||
			    jparams_int(jp, cap_grants[i].param) ==
			    JAILSYS_NEW)
				keep[nkeep++] = cap_grants[i].cap;
	}
	for (c = 0; c <= CAP_LAST_CAP; c++) {
		for (k = 0, i = 0; i < nkeep; i++)
			k |= keep[i] == c;
		if (!k && cap_drop_bound(c) == -1 && errno != EINVAL)
			return (jb_err(errno, "cap_drop_bound"));
	}
	/* One call: libcap's cap_reset_ambient() probes every capability. */
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == -1)
		return (jb_err(errno, "clear the ambient capabilities"));
	if ((caps = cap_init()) == NULL)
		return (jb_err(errno, "cap_init"));
	rc = 0;
	if (nkeep > 0 &&
	    (cap_set_flag(caps, CAP_PERMITTED, (int)nkeep, keep, CAP_SET) ==
	    -1 ||
	    cap_set_flag(caps, CAP_EFFECTIVE, (int)nkeep, keep, CAP_SET) ==
	    -1))
		rc = -1;
	if (rc == 0)
		rc = cap_set_proc(caps);
	cap_free(caps);
	if (rc == -1)
		return (jb_err(errno, "cap_set_proc"));
	return (0);
}

/*
 * Which of the calls the init answers for a jail a notification is about:
 * 1 sethostname, 2 setdomainname, 0 neither.
 */
int
confine_hostname_nr(unsigned int arch, int nr)
{
	if (nr == seccomp_syscall_resolve_name_arch(arch, "sethostname"))
		return (1);
	if (nr == seccomp_syscall_resolve_name_arch(arch, "setdomainname"))
		return (2);
	return (0);
}
