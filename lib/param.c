#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "param.h"

/*
 * The parameter table: every parameter of FreeBSD's jail(8), with its
 * FreeBSD default, and jailbox's console.  What each row means on Linux
 * is said above its group; in short, a row is
 *   implemented	by the mechanism named (no flag),
 *   accepted		stored and shown, because what it restricts is
 *			out of every jail's reach on Linux anyway,
 *   JPF_PENDING	stored, but only its default (for a list, empty
 *			items) works yet: any other value fails
 *			jparams_check_pending(),
 *   JPF_DEFAULTONLY	Linux cannot give anything else: any other value
 *			fails jparams_check_linux(),
 *   JPF_READONLY	reported by jls(8), never set.
 * Rows whose default is jailbox's own, not FreeBSD's, say so.
 */
#define BOOL(n, d, f)	{ .name = (n), .type = JPT_BOOL, .dflt = (d), \
			  .flags = (f) }
#define INT(n, d, lo, hi, f) \
			{ .name = (n), .type = JPT_INT, .dflt = (d), \
			  .min = (lo), .max = (hi), .flags = (f) }
#define STRING(n, d, len, f) \
			{ .name = (n), .type = JPT_STRING, .dflt = (d), \
			  .maxlen = (len), .flags = (f) }
#define LIST(n, f)	{ .name = (n), .type = JPT_LIST, .flags = (f) }
#define JAILSYS(n, d, f) \
			{ .name = (n), .type = JPT_JAILSYS, .dflt = (d), \
			  .flags = (f) }

const struct jparam_def jparam_table[JP_NPARAMS] = {
	/*
	 * jid, name: the registry entry.  path: bind-mounted and made the
	 * root with pivot_root; FreeBSD's default is "/", jailbox asks for
	 * it (path=/ gives a jail on the host's root).
	 */
	[JP_JID] = INT("jid", NULL, 1, INT_MAX, JPF_CREATEONLY),
	[JP_NAME] = STRING("name", NULL, 255, 0),
	[JP_PATH] = STRING("path", NULL, PATH_MAX - 1, JPF_CREATEONLY),
	/*
	 * The network (lib/net.c).  No address, the default: a network
	 * namespace of the jail's own with only lo.  ip4.addr, ip6.addr
	 * (with FreeBSD's "interface|address/netmask", the alias added on
	 * that host interface) or inherit: the host's stack, the jail's
	 * sockets held to its addresses by BPF programs on its cgroup,
	 * the source chosen by saddrsel; a family set to disable makes no
	 * sockets.  vnet=new: a namespace of its own.  The addresses are
	 * built into the jail at creation.
	 */
	[JP_IP4_ADDR] = LIST("ip4.addr", JPF_COMMALIST | JPF_CREATEONLY),
	[JP_IP4_SADDRSEL] = BOOL("ip4.saddrsel", "true", JPF_CREATEONLY),
	[JP_IP4] = JAILSYS("ip4", "disable", JPF_CREATEONLY),
	[JP_IP6_ADDR] = LIST("ip6.addr", JPF_COMMALIST | JPF_CREATEONLY),
	[JP_IP6_SADDRSEL] = BOOL("ip6.saddrsel", "true", JPF_CREATEONLY),
	[JP_IP6] = JAILSYS("ip6", "disable", JPF_CREATEONLY),
	[JP_VNET] = JAILSYS("vnet", "inherit", JPF_CREATEONLY),
	/*
	 * host.hostname: the jail's UTS namespace (host=new).  The host's
	 * (inherit), a domain name, and a host UUID and ID (files the jail
	 * reads on Linux) are not implemented yet.
	 */
	[JP_HOST_HOSTNAME] = STRING("host.hostname", "", 64, 0),
	[JP_HOST] = JAILSYS("host", "new", JPF_PENDING | JPF_CREATEONLY),
	[JP_HOST_DOMAINNAME] = STRING("host.domainname", "", 64, 0),
	[JP_HOST_HOSTUUID] = STRING("host.hostuuid",
	    "00000000-0000-0000-0000-000000000000", 63, JPF_PENDING),
	[JP_HOST_HOSTID] = INT("host.hostid", "0", 0, LLONG_MAX,
	    JPF_PENDING),
	/*
	 * securelevel, enforce_statfs: accepted, as what they restrict is
	 * out of a jail's reach anyway (its own mount namespace, no
	 * devices, no module loading, no immutable flags by default).
	 * devfs_ruleset: 0 and 4 give mount.devfs's devices, others are
	 * refused by mount_check().  There are no nested jails: a jailed process may not
	 * make namespaces, so children.cur and parent are always 0.
	 */
	[JP_SECURELEVEL] = INT("securelevel", "-1", -1, 3, JPF_CREATEONLY),
	[JP_DEVFS_RULESET] = INT("devfs_ruleset", "0", 0, 65535,
	    JPF_CREATEONLY),
	[JP_CHILDREN_MAX] = INT("children.max", "0", 0, INT_MAX,
	    JPF_DEFAULTONLY),
	[JP_CHILDREN_CUR] = INT("children.cur", "0", 0, INT_MAX,
	    JPF_READONLY),
	[JP_ENFORCE_STATFS] = INT("enforce_statfs", "2", 0, 2,
	    JPF_CREATEONLY),
	/* persist: the jail's init keeps it with no process in it. */
	[JP_PERSIST] = BOOL("persist", "false", 0),
	/*
	 * No cpuset (none is shown); a jail is gone, never dying, once its
	 * init has exited.
	 */
	[JP_CPUSET_ID] = INT("cpuset.id", NULL, 0, INT_MAX, JPF_READONLY),
	[JP_DYING] = BOOL("dying", "false", JPF_READONLY),
	[JP_PARENT] = INT("parent", "0", 0, INT_MAX, JPF_READONLY),
	/* A jail shows the host kernel's release: uname(2) has no other. */
	[JP_OSRELEASE] = STRING("osrelease", NULL, 31,
	    JPF_DEFAULTONLY | JPF_CREATEONLY),
	[JP_OSRELDATE] = INT("osreldate", NULL, 1, INT_MAX,
	    JPF_DEFAULTONLY | JPF_CREATEONLY),
	/*
	 * meta: kept in the registry, which the jail cannot see.  env,
	 * which the jail reads on FreeBSD, has no way in yet.
	 */
	[JP_META] = STRING("meta", "", 4096, 0),
	[JP_ENV] = STRING("env", "", 4096, JPF_PENDING),
	/*
	 * allow.*: capabilities and seccomp rules, in confine.c, fixed when
	 * the jail is made.  Mounting, quotas, NFS serving, the routing
	 * table, audit state, vmm(4) and the system extended attributes
	 * are never given to a jail.  Linux always lets the host's
	 * processes signal the jail's processes of their own user, so the
	 * parent can always tamper: jailbox's default is true, FreeBSD's
	 * false.
	 */
	[JP_ALLOW_SET_HOSTNAME] = BOOL("allow.set_hostname", "true",
	    JPF_CREATEONLY),
	[JP_ALLOW_SYSVIPC] = BOOL("allow.sysvipc", "false", JPF_CREATEONLY),
	[JP_ALLOW_RAW_SOCKETS] = BOOL("allow.raw_sockets", "false",
	    JPF_CREATEONLY),
	[JP_ALLOW_CHFLAGS] = BOOL("allow.chflags", "false", JPF_CREATEONLY),
	[JP_ALLOW_MOUNT] = BOOL("allow.mount", "false", JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_DEVFS] = BOOL("allow.mount.devfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_QUOTAS] = BOOL("allow.quotas", "false", JPF_DEFAULTONLY),
	[JP_ALLOW_READ_MSGBUF] = BOOL("allow.read_msgbuf", "false",
	    JPF_CREATEONLY),
	[JP_ALLOW_SOCKET_AF] = BOOL("allow.socket_af", "false",
	    JPF_CREATEONLY),
	[JP_ALLOW_MLOCK] = BOOL("allow.mlock", "false", JPF_CREATEONLY),
	[JP_ALLOW_NFSD] = BOOL("allow.nfsd", "false", JPF_DEFAULTONLY),
	[JP_ALLOW_RESERVED_PORTS] = BOOL("allow.reserved_ports", "true",
	    JPF_CREATEONLY),
	[JP_ALLOW_UNPRIVILEGED_PARENT_TAMPERING] =
	    BOOL("allow.unprivileged_parent_tampering", "true",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_UNPRIVILEGED_PROC_DEBUG] =
	    BOOL("allow.unprivileged_proc_debug", "true", JPF_CREATEONLY),
	[JP_ALLOW_SUSER] = BOOL("allow.suser", "true", JPF_CREATEONLY),
	[JP_ALLOW_EXTATTR] = BOOL("allow.extattr", "false", JPF_DEFAULTONLY),
	[JP_ALLOW_ADJTIME] = BOOL("allow.adjtime", "false", JPF_CREATEONLY),
	[JP_ALLOW_SETTIME] = BOOL("allow.settime", "false", JPF_CREATEONLY),
	[JP_ALLOW_ROUTING] = BOOL("allow.routing", "false", JPF_DEFAULTONLY),
	[JP_ALLOW_SETAUDIT] = BOOL("allow.setaudit", "false",
	    JPF_DEFAULTONLY),
	/*
	 * FreeBSD's modules.  sysvmsg, sysvsem, sysvshm: the jail's IPC
	 * namespace (new), the host's (inherit), or the family's system
	 * calls refused (disable).  The others name what Linux has not: a
	 * jail's binaries are Linux's own, with the host kernel's uname,
	 * and there is no ZFS in a jail.
	 */
	[JP_ALLOW_MOUNT_FDESCFS] = BOOL("allow.mount.fdescfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_FUSEFS] = BOOL("allow.mount.fusefs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_NULLFS] = BOOL("allow.mount.nullfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_PROCFS] = BOOL("allow.mount.procfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_LINPROCFS] = BOOL("allow.mount.linprocfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_LINSYSFS] = BOOL("allow.mount.linsysfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_TMPFS] = BOOL("allow.mount.tmpfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_MOUNT_ZFS] = BOOL("allow.mount.zfs", "false",
	    JPF_DEFAULTONLY),
	[JP_ALLOW_VMM] = BOOL("allow.vmm", "false", JPF_DEFAULTONLY),
	[JP_LINUX] = JAILSYS("linux", "new", JPF_DEFAULTONLY),
	[JP_LINUX_OSNAME] = STRING("linux.osname", "Linux", 64,
	    JPF_DEFAULTONLY),
	[JP_LINUX_OSRELEASE] = STRING("linux.osrelease", NULL, 64,
	    JPF_DEFAULTONLY),
	[JP_LINUX_OSS_VERSION] = INT("linux.oss_version", "198144", 0,
	    INT_MAX, JPF_DEFAULTONLY),
	[JP_SYSVMSG] = JAILSYS("sysvmsg", "disable", JPF_CREATEONLY),
	[JP_SYSVSEM] = JAILSYS("sysvsem", "disable", JPF_CREATEONLY),
	[JP_SYSVSHM] = JAILSYS("sysvshm", "disable", JPF_CREATEONLY),
	[JP_ZFS_MOUNT_SNAPSHOT] = INT("zfs.mount_snapshot", "0", 0, 1,
	    JPF_DEFAULTONLY),
	/*
	 * jail(8)'s pseudo-parameters.  command: run in the jail by
	 * jail -c.  interface: where the addresses without one of their
	 * own go as aliases; vnet.interface: moved into a vnet jail;
	 * ip_hostname: host.hostname resolved (the hosts file, then DNS:
	 * no NSS) into addresses.
	 * mount, mount.fstab, mount.devfs, mount.fdescfs: made by
	 * mount_jail() in the jail's mount namespace before pivot_root,
	 * hence only at creation.  Interface
	 * names have at most 15 bytes on Linux.  Linux has no setfib(2),
	 * and a jail no ZFS.  stop.timeout: seconds jail -r waits
	 * after SIGTERM, kept with the jail so jail -r honours it.
	 * mount.procfs: a proc instance for the jail's PID namespace, on
	 * by default (FreeBSD: off) as Linux tools need it.  allow.dying
	 * has no effect, as on FreeBSD.  depend: the configuration's
	 * order of creation and removal.
	 */
	[JP_EXEC_PREPARE] = LIST("exec.prepare", JPF_PSEUDO),
	[JP_EXEC_PRESTART] = LIST("exec.prestart", JPF_PSEUDO),
	[JP_EXEC_CREATED] = LIST("exec.created", JPF_PSEUDO),
	[JP_EXEC_START] = LIST("exec.start", JPF_PSEUDO),
	[JP_COMMAND] = LIST("command", JPF_PSEUDO),
	[JP_EXEC_POSTSTART] = LIST("exec.poststart", JPF_PSEUDO),
	[JP_EXEC_PRESTOP] = LIST("exec.prestop", JPF_PSEUDO),
	[JP_EXEC_STOP] = LIST("exec.stop", JPF_PSEUDO),
	[JP_EXEC_POSTSTOP] = LIST("exec.poststop", JPF_PSEUDO),
	[JP_EXEC_RELEASE] = LIST("exec.release", JPF_PSEUDO),
	[JP_EXEC_CLEAN] = BOOL("exec.clean", "false", JPF_PSEUDO),
	[JP_EXEC_JAIL_USER] = STRING("exec.jail_user", NULL, 0, JPF_PSEUDO),
	[JP_EXEC_SYSTEM_JAIL_USER] = BOOL("exec.system_jail_user", "false",
	    JPF_PSEUDO),
	[JP_EXEC_SYSTEM_USER] = STRING("exec.system_user", NULL, 0,
	    JPF_PSEUDO),
	[JP_EXEC_TIMEOUT] = INT("exec.timeout", NULL, 0, INT_MAX, JPF_PSEUDO),
	[JP_EXEC_CONSOLELOG] = STRING("exec.consolelog", NULL, PATH_MAX - 1,
	    JPF_PSEUDO),
	[JP_EXEC_FIB] = INT("exec.fib", NULL, 0, 65535,
	    JPF_PSEUDO | JPF_DEFAULTONLY),
	[JP_STOP_TIMEOUT] = INT("stop.timeout", "10", 0, INT_MAX,
	    JPF_PSEUDO | JPF_KEPT),
	[JP_INTERFACE] = STRING("interface", NULL, 15, JPF_PSEUDO),
	[JP_VNET_INTERFACE] = { .name = "vnet.interface", .type = JPT_LIST,
	    .maxlen = 15, .flags = JPF_PSEUDO | JPF_COMMALIST },
	[JP_ZFS_DATASET] = LIST("zfs.dataset",
	    JPF_PSEUDO | JPF_DEFAULTONLY | JPF_COMMALIST),
	[JP_IP_HOSTNAME] = BOOL("ip_hostname", "false", JPF_PSEUDO),
	[JP_MOUNT] = LIST("mount", JPF_PSEUDO | JPF_CREATEONLY),
	[JP_MOUNT_FSTAB] = LIST("mount.fstab", JPF_PSEUDO | JPF_CREATEONLY),
	[JP_MOUNT_DEVFS] = BOOL("mount.devfs", "false",
	    JPF_PSEUDO | JPF_CREATEONLY),
	[JP_MOUNT_FDESCFS] = BOOL("mount.fdescfs", "false",
	    JPF_PSEUDO | JPF_CREATEONLY),
	[JP_MOUNT_PROCFS] = BOOL("mount.procfs", "true",
	    JPF_PSEUDO | JPF_KEPT | JPF_CREATEONLY),
	[JP_ALLOW_DYING] = BOOL("allow.dying", "false", JPF_PSEUDO),
	[JP_DEPEND] = LIST("depend", JPF_PSEUDO),
	/*
	 * console, console.buffer: a pseudo-terminal of the jail's own held
	 * by its init, command runs on it; the bytes of output kept for
	 * jattach to replay.
	 */
	[JP_CONSOLE] = BOOL("console", "false", JPF_CREATEONLY),
	[JP_CONSOLE_BUFFER] = INT("console.buffer", "65536", 4096,
	    16 * 1024 * 1024, JPF_CREATEONLY),
};

#undef BOOL
#undef INT
#undef STRING
#undef LIST
#undef JAILSYS

static int	find_param(const char *, enum jparam *, int *);
static int	is_default(const struct jparams *, enum jparam);
static int	parse_bool(const char *, const char *, int *);
static int	parse_jailsys(const char *, const char *, const char **);
static int	parse_int(const struct jparam_def *, const char *,
		    long long *);
static int	value_append(struct jpvalue *, const char *);
static void	value_truncate(struct jpvalue *, size_t);

/*
 * The row a name stands for, without a word in jb_errmsg: a boolean or
 * jailsys parameter may also be named with "no" before its last
 * component (nopersist, mount.noprocfs); *negp tells which.
 */
static int
find_param(const char *name, enum jparam *idp, int *negp)
{
	const char *last;
	size_t plen;
	int i;

	for (i = 0; i < JP_NPARAMS; i++)
		if (strcmp(name, jparam_table[i].name) == 0) {
			*idp = i;
			*negp = 0;
			return (0);
		}
	last = strrchr(name, '.');
	last = last == NULL ? name : last + 1;
	plen = (size_t)(last - name);
	if (strncmp(last, "no", 2) == 0)
		for (i = 0; i < JP_NPARAMS; i++) {
			if (jparam_table[i].type != JPT_BOOL &&
			    jparam_table[i].type != JPT_JAILSYS)
				continue;
			if (strncmp(name, jparam_table[i].name, plen) == 0 &&
			    strcmp(last + 2, jparam_table[i].name + plen) ==
			    0) {
				*idp = i;
				*negp = 1;
				return (0);
			}
		}
	return (-1);
}

/* Find a parameter by name, as find_param() does; say so if it is not. */
int
jparam_lookup(const char *name, enum jparam *idp, int *negp)
{
	if (find_param(name, idp, negp) == -1)
		return (jb_errx(ENOENT, "unknown parameter: %s", name));
	return (0);
}

/*
 * Whether a name is a parameter's, "no" forms included; for callers that
 * only ask, so jb_errmsg is left alone.
 */
int
jparam_known(const char *name)
{
	enum jparam id;
	int neg;

	return (find_param(name, &id, &neg) == 0);
}

/*
 * true or false in any case, or an integer, true unless zero: what
 * FreeBSD's libjail takes; a bare name is true.
 */
static int
parse_bool(const char *name, const char *value, int *bp)
{
	char *end;
	long n;

	if (value == NULL || strcasecmp(value, "true") == 0) {
		*bp = 1;
		return (0);
	}
	if (strcasecmp(value, "false") == 0) {
		*bp = 0;
		return (0);
	}
	errno = 0;
	n = strtol(value, &end, 10);
	if (*value != '\0' && *end == '\0') {
		/* Past the range of a long is still not zero. */
		*bp = n != 0 || errno == ERANGE;
		return (0);
	}
	return (jb_errx(EINVAL, "%s: unknown boolean value \"%s\"", name,
	    value));
}

/*
 * disable, new or inherit in any case, or 0, 1 or 2; empty (a bare name)
 * is new.
 */
static int
parse_jailsys(const char *name, const char *value, const char **canonp)
{
	static const char *const names[] = { "disable", "new", "inherit" };
	char *end;
	long n;
	size_t i;

	if (value == NULL || *value == '\0') {
		*canonp = names[JAILSYS_NEW];
		return (0);
	}
	for (i = 0; i < 3; i++)
		if (strcasecmp(value, names[i]) == 0) {
			*canonp = names[i];
			return (0);
		}
	errno = 0;
	n = strtol(value, &end, 10);
	if (*end == '\0' && errno == 0 && n >= 0 && n < 3) {
		*canonp = names[n];
		return (0);
	}
	return (jb_errx(EINVAL, "%s: unknown jailsys value \"%s\"", name,
	    value));
}

/* A whole decimal integer within the row's range. */
static int
parse_int(const struct jparam_def *def, const char *value, long long *np)
{
	char *end;

	errno = 0;
	*np = strtoll(value, &end, 10);
	if (*value == '\0' || *end != '\0' || (errno != 0 && errno != ERANGE))
		return (jb_errx(EINVAL, "%s: non-integer value \"%s\"",
		    def->name, value));
	if (errno == ERANGE || *np < def->min || *np > def->max)
		return (jb_errx(ERANGE, "%s: value out of range \"%s\"",
		    def->name, value));
	return (0);
}

static int
value_append(struct jpvalue *v, const char *s)
{
	char **items, *copy;

	if ((copy = strdup(s)) == NULL)
		return (jb_err(errno, "malloc"));
	items = reallocarray(v->items, v->nitems + 2, sizeof(*items));
	if (items == NULL) {
		free(copy);
		return (jb_err(errno, "malloc"));
	}
	items[v->nitems++] = copy;
	items[v->nitems] = NULL;
	v->items = items;
	v->set = 1;
	return (0);
}

/* Drop the items past the first n; none left is not set. */
static void
value_truncate(struct jpvalue *v, size_t n)
{
	while (v->nitems > n) {
		free(v->items[--v->nitems]);
		v->items[v->nitems] = NULL;
	}
	if (v->nitems == 0) {
		free(v->items);
		v->items = NULL;
		v->set = 0;
	}
}

/*
 * Set a parameter from its name and textual value (NULL for a bare name).
 * Scalars are replaced, lists appended to: jail(8)'s rule for a repeated
 * name=value.  A value that is refused leaves the parameter as it was.
 */
int
jparams_set(struct jparams *jp, const char *name, const char *value)
{
	const struct jparam_def *def;
	struct jpvalue *v;
	enum jparam id;
	char buf[32];
	long long n;
	int b, neg;

	if (jparam_lookup(name, &id, &neg) == -1)
		return (-1);
	def = &jparam_table[id];
	v = &jp->v[id];
	if (def->flags & JPF_READONLY)
		return (jb_errx(EPERM, "%s: parameter is read-only",
		    def->name));
	switch (def->type) {
	case JPT_BOOL:
		if (neg && value != NULL)
			return (jb_errx(EINVAL,
			    "%s: value specified for a negated boolean", name));
		if (parse_bool(name, value, &b) == -1)
			return (-1);
		value = (b != neg) ? "true" : "false";
		break;
	case JPT_INT:
		if (value == NULL)
			return (jb_errx(EINVAL, "%s: non-integer value \"\"",
			    name));
		if (parse_int(def, value, &n) == -1)
			return (-1);
		snprintf(buf, sizeof(buf), "%lld", n);
		value = buf;
		break;
	case JPT_JAILSYS:
		if (neg && value != NULL)
			return (jb_errx(EINVAL,
			    "%s: value specified for a negated boolean", name));
		if (neg)
			value = "disable";
		else if (parse_jailsys(name, value, &value) == -1)
			return (-1);
		break;
	case JPT_STRING:
	case JPT_LIST:
		if (value == NULL)
			value = "";
		if (def->maxlen != 0 && strlen(value) > def->maxlen)
			return (jb_errx(ENAMETOOLONG, "%s: value too long",
			    name));
		if (def->type == JPT_LIST)
			return (value_append(v, value));
		break;
	}
	value_truncate(v, 0);
	return (value_append(v, value));
}

/*
 * Set a parameter from a "name=value" or bare "name" argument of the
 * command line, where the value of a JPF_COMMALIST parameter is a comma
 * separated list of items.  Either every item is added or none.
 */
int
jparams_set_arg(struct jparams *jp, const char *arg)
{
	const char *eq;
	char *name, *items, *item, *next;
	enum jparam id;
	size_t had;
	int rc, neg;

	if ((eq = strchr(arg, '=')) == NULL)
		return (jparams_set(jp, arg, NULL));
	if ((name = strndup(arg, (size_t)(eq - arg))) == NULL)
		return (jb_err(errno, "malloc"));
	if (find_param(name, &id, &neg) == -1 ||
	    !(jparam_table[id].flags & JPF_COMMALIST)) {
		rc = jparams_set(jp, name, eq + 1);
		free(name);
		return (rc);
	}
	if ((items = strdup(eq + 1)) == NULL) {
		free(name);
		return (jb_err(errno, "malloc"));
	}
	had = jp->v[id].nitems;
	rc = 0;
	for (item = items; rc == 0; item = next + 1) {
		if ((next = strchr(item, ',')) != NULL)
			*next = '\0';
		rc = jparams_set(jp, name, item);
		if (next == NULL)
			break;
	}
	if (rc == -1)
		value_truncate(&jp->v[id], had);
	free(items);
	free(name);
	return (rc);
}

/* Replace a list parameter with a whole argument vector. */
int
jparams_set_argv(struct jparams *jp, enum jparam id, char *const *argv)
{
	value_truncate(&jp->v[id], 0);
	for (; *argv != NULL; argv++)
		if (value_append(&jp->v[id], *argv) == -1)
			return (-1);
	jp->v[id].set = 1;
	return (0);
}

int
jparams_isset(const struct jparams *jp, enum jparam id)
{
	return (jp->v[id].set);
}

/* The first value of a parameter, else its default, else NULL. */
const char *
jparams_str(const struct jparams *jp, enum jparam id)
{
	if (jp->v[id].nitems > 0)
		return (jp->v[id].items[0]);
	return (jparam_table[id].dflt);
}

int
jparams_bool(const struct jparams *jp, enum jparam id)
{
	const char *s;

	s = jparams_str(jp, id);
	return (s != NULL && strcmp(s, "true") == 0);
}

long long
jparams_int(const struct jparams *jp, enum jparam id)
{
	const char *s;

	s = jparams_str(jp, id);
	if (s != NULL && jparam_table[id].type == JPT_JAILSYS)
		return (strcmp(s, "inherit") == 0 ? JAILSYS_INHERIT :
		    strcmp(s, "new") == 0 ? JAILSYS_NEW : JAILSYS_DISABLE);
	return (s == NULL ? 0 : strtoll(s, NULL, 10));
}

/*
 * Whether a parameter holds its default: unset, set to exactly the
 * default, or for a list only empty items, which jail(8) skips (a
 * configuration sets exec.start = "" to run nothing).
 */
static int
is_default(const struct jparams *jp, enum jparam id)
{
	const struct jpvalue *v;
	size_t i;

	v = &jp->v[id];
	if (!v->set)
		return (1);
	if (jparam_table[id].type == JPT_LIST) {
		for (i = 0; i < v->nitems; i++)
			if (*v->items[i] != '\0')
				return (0);
		return (1);
	}
	return (jparam_table[id].dflt != NULL && v->nitems == 1 &&
	    strcmp(v->items[0], jparam_table[id].dflt) == 0);
}

/*
 * Refuse what Linux cannot give: a JPF_DEFAULTONLY parameter set to
 * anything but its default ("PARAM: not supported on Linux").
 */
int
jparams_check_linux(const struct jparams *jp)
{
	int i;

	for (i = 0; i < JP_NPARAMS; i++)
		if ((jparam_table[i].flags & JPF_DEFAULTONLY) &&
		    !is_default(jp, i))
			return (jb_errx(ENOTSUP, "%s: not supported on Linux",
			    jparam_table[i].name));
	return (0);
}

/*
 * Refuse what jailbox does not do yet: a JPF_PENDING parameter set to
 * anything but its default ("PARAM: not implemented yet"), so that a
 * jail.conf file written for FreeBSD parses, and fails only when a jail
 * it describes would be made without something it asks for.
 */
int
jparams_check_pending(const struct jparams *jp)
{
	int i;

	for (i = 0; i < JP_NPARAMS; i++)
		if ((jparam_table[i].flags & JPF_PENDING) &&
		    !is_default(jp, i))
			return (jb_errx(ENOSYS, "%s: not implemented yet",
			    jparam_table[i].name));
	return (0);
}

/*
 * All values of a parameter joined by sep, or its default; a new string
 * the caller frees.
 */
char *
jparams_join(const struct jparams *jp, enum jparam id, const char *sep)
{
	const struct jpvalue *v;
	size_t i, len;
	char *s;

	v = &jp->v[id];
	if (v->nitems == 0)
		return (strdup(jparam_table[id].dflt != NULL ?
		    jparam_table[id].dflt : ""));
	for (len = 1, i = 0; i < v->nitems; i++)
		len += strlen(v->items[i]) + strlen(sep);
	if ((s = malloc(len)) == NULL)
		return (NULL);
	*s = '\0';
	for (i = 0; i < v->nitems; i++) {
		if (i > 0)
			strcat(s, sep);
		strcat(s, v->items[i]);
	}
	return (s);
}

void
jparams_free(struct jparams *jp)
{
	int i;

	/* Most are never set: a listing frees thousands of these. */
	for (i = 0; i < JP_NPARAMS; i++)
		if (jp->v[i].items != NULL || jp->v[i].set)
			value_truncate(&jp->v[i], 0);
}
