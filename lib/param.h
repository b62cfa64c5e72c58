/*
 * Jail parameters: one enum, one table, one value store.
 *
 * Every parameter of FreeBSD's jail(8), and jailbox's own, is a row of
 * jparam_table, indexed by enum jparam.  Values are kept as lists of
 * strings in canonical form (booleans "true"/"false", integers in
 * decimal, jailsys values by name), so storing, quoting and printing
 * treat every type alike; the typed getters read them back.
 */
#ifndef JB_PARAM_H
#define JB_PARAM_H

#include <stddef.h>

enum jparam {
	/* The core parameters. */
	JP_JID,
	JP_NAME,
	JP_PATH,
	JP_IP4_ADDR,
	JP_IP4_SADDRSEL,
	JP_IP4,
	JP_IP6_ADDR,
	JP_IP6_SADDRSEL,
	JP_IP6,
	JP_VNET,
	JP_HOST_HOSTNAME,
	JP_HOST,
	JP_HOST_DOMAINNAME,
	JP_HOST_HOSTUUID,
	JP_HOST_HOSTID,
	JP_SECURELEVEL,
	JP_DEVFS_RULESET,
	JP_CHILDREN_MAX,
	JP_CHILDREN_CUR,
	JP_ENFORCE_STATFS,
	JP_PERSIST,
	JP_CPUSET_ID,
	JP_DYING,
	JP_PARENT,
	JP_OSRELEASE,
	JP_OSRELDATE,
	JP_META,
	JP_ENV,
	/* allow.* */
	JP_ALLOW_SET_HOSTNAME,
	JP_ALLOW_SYSVIPC,
	JP_ALLOW_RAW_SOCKETS,
	JP_ALLOW_CHFLAGS,
	JP_ALLOW_MOUNT,
	JP_ALLOW_MOUNT_DEVFS,
	JP_ALLOW_QUOTAS,
	JP_ALLOW_READ_MSGBUF,
	JP_ALLOW_SOCKET_AF,
	JP_ALLOW_MLOCK,
	JP_ALLOW_NFSD,
	JP_ALLOW_RESERVED_PORTS,
	JP_ALLOW_UNPRIVILEGED_PARENT_TAMPERING,
	JP_ALLOW_UNPRIVILEGED_PROC_DEBUG,
	JP_ALLOW_SUSER,
	JP_ALLOW_EXTATTR,
	JP_ALLOW_ADJTIME,
	JP_ALLOW_SETTIME,
	JP_ALLOW_ROUTING,
	JP_ALLOW_SETAUDIT,
	/* The parameters of FreeBSD's kernel modules. */
	JP_ALLOW_MOUNT_FDESCFS,
	JP_ALLOW_MOUNT_FUSEFS,
	JP_ALLOW_MOUNT_NULLFS,
	JP_ALLOW_MOUNT_PROCFS,
	JP_ALLOW_MOUNT_LINPROCFS,
	JP_ALLOW_MOUNT_LINSYSFS,
	JP_ALLOW_MOUNT_TMPFS,
	JP_ALLOW_MOUNT_ZFS,
	JP_ALLOW_VMM,
	JP_LINUX,
	JP_LINUX_OSNAME,
	JP_LINUX_OSRELEASE,
	JP_LINUX_OSS_VERSION,
	JP_SYSVMSG,
	JP_SYSVSEM,
	JP_SYSVSHM,
	JP_ZFS_MOUNT_SNAPSHOT,
	/* jail(8)'s pseudo-parameters. */
	JP_EXEC_PREPARE,
	JP_EXEC_PRESTART,
	JP_EXEC_CREATED,
	JP_EXEC_START,
	JP_COMMAND,
	JP_EXEC_POSTSTART,
	JP_EXEC_PRESTOP,
	JP_EXEC_STOP,
	JP_EXEC_POSTSTOP,
	JP_EXEC_RELEASE,
	JP_EXEC_CLEAN,
	JP_EXEC_JAIL_USER,
	JP_EXEC_SYSTEM_JAIL_USER,
	JP_EXEC_SYSTEM_USER,
	JP_EXEC_TIMEOUT,
	JP_EXEC_CONSOLELOG,
	JP_EXEC_FIB,
	JP_STOP_TIMEOUT,
	JP_INTERFACE,
	JP_VNET_INTERFACE,
	JP_ZFS_DATASET,
	JP_IP_HOSTNAME,
	JP_MOUNT,
	JP_MOUNT_FSTAB,
	JP_MOUNT_DEVFS,
	JP_MOUNT_FDESCFS,
	JP_MOUNT_PROCFS,
	JP_ALLOW_DYING,
	JP_DEPEND,
	/* jailbox's own. */
	JP_CONSOLE,
	JP_CONSOLE_BUFFER,
	JP_NPARAMS
};

enum jptype {
	JPT_BOOL,
	JPT_INT,
	JPT_STRING,
	JPT_LIST,
	JPT_JAILSYS	/* disable, new or inherit */
};

/* The values of a JPT_JAILSYS parameter, as jparams_int() returns them. */
#define JAILSYS_DISABLE	0
#define JAILSYS_NEW	1
#define JAILSYS_INHERIT	2

/* Flag bits of a table row. */
#define JPF_PSEUDO	0x01	/* jail(8)'s own, not a kernel parameter:
				   not kept with the jail, not listed */
#define JPF_CREATEONLY	0x02	/* fixed once the jail exists */
#define JPF_DEFAULTONLY	0x04	/* Linux can give only the default */
#define JPF_READONLY	0x08	/* reported, never set */
#define JPF_PENDING	0x10	/* only the default works yet */
#define JPF_COMMALIST	0x20	/* an argument NAME=a,b: two items */
#define JPF_KEPT	0x40	/* a pseudo-parameter jailbox keeps with the
				   jail, which jls(8) shows */

/* Whether a row is kept with a running jail: in its registry entry. */
#define JPARAM_STORED(def) \
	(((def)->flags & (JPF_PSEUDO | JPF_KEPT)) != JPF_PSEUDO)

struct jparam_def {
	const char	*name;
	enum jptype	 type;
	unsigned	 flags;
	const char	*dflt;		/* canonical default, NULL: none */
	long long	 min, max;	/* range of a JPT_INT */
	size_t		 maxlen;	/* longest string value, 0: no limit */
};

extern const struct jparam_def jparam_table[JP_NPARAMS];

struct jpvalue {
	char	**items;
	size_t	  nitems;
	int	  set;
};

struct jparams {
	struct jpvalue v[JP_NPARAMS];
};

int	 jparam_lookup(const char *, enum jparam *, int *);
int	 jparam_known(const char *);
int	 jparams_set(struct jparams *, const char *, const char *);
int	 jparams_set_arg(struct jparams *, const char *);
int	 jparams_set_argv(struct jparams *, enum jparam, char *const *);
int	 jparams_isset(const struct jparams *, enum jparam);
int	 jparams_check_linux(const struct jparams *);
int	 jparams_check_pending(const struct jparams *);
const char *jparams_str(const struct jparams *, enum jparam);
int	 jparams_bool(const struct jparams *, enum jparam);
long long jparams_int(const struct jparams *, enum jparam);
char	*jparams_join(const struct jparams *, enum jparam, const char *);
void	 jparams_free(struct jparams *);

#endif
