/*
 * Unit tests of lib/: the parameter table and value store, quoting, the
 * error channel, the registry's name rules, what jail -m may change, and
 * how a command's child edits its environment and is started.  Nothing
 * here touches the system: no jail, no /run/jail, no cgroup.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "confine.h"
#include "env.h"
#include "errmsg.h"
#include "jail.h"
#include "nitems.h"
#include "param.h"
#include "preload.h"
#include "proc.h"
#include "quote.h"
#include "registry.h"

/* jparams_set() that must succeed. */
static void
set_ok(struct jparams *jp, const char *name, const char *value)
{
	ATF_REQUIRE_MSG(jparams_set(jp, name, value) == 0,
	    "jparams_set(%s, %s) failed: %s", name,
	    value != NULL ? value : "NULL", jb_errmsg);
}

/* jparams_set() that must fail with errno err and message msg. */
static void
set_fails(struct jparams *jp, const char *name, const char *value, int err,
    const char *msg)
{
	jb_errmsg[0] = '\0';
	errno = 0;
	ATF_CHECK_MSG(jparams_set(jp, name, value) == -1,
	    "jparams_set(%s, %s) succeeded", name,
	    value != NULL ? value : "NULL");
	ATF_CHECK_EQ_MSG(err, errno, "jparams_set(%s, %s): errno %d, not %d",
	    name, value != NULL ? value : "NULL", errno, err);
	ATF_CHECK_STREQ(msg, jb_errmsg);
}

/* The one canonical value a scalar parameter holds. */
static void
check_value(const struct jparams *jp, enum jparam id, const char *want)
{
	ATF_CHECK_MSG(jparams_isset(jp, id), "%s is not set",
	    jparam_table[id].name);
	ATF_CHECK_EQ(1, jp->v[id].nitems);
	ATF_CHECK_STREQ(want, jparams_str(jp, id));
}

/* A bool parameter set from value reads back as want. */
static void
check_bool(const char *name, const char *value, enum jparam id,
    const char *want)
{
	struct jparams jp;

	memset(&jp, 0, sizeof(jp));
	set_ok(&jp, name, value);
	ATF_CHECK_STREQ_MSG(want, jparams_str(&jp, id), "%s=%s gave %s",
	    name, value != NULL ? value : "(bare)", jparams_str(&jp, id));
	ATF_CHECK_EQ(strcmp(want, "true") == 0, jparams_bool(&jp, id));
	jparams_free(&jp);
}

/* ---- jparam_lookup ---- */

ATF_TC_WITHOUT_HEAD(lookup_every_table_name);
ATF_TC_BODY(lookup_every_table_name, tc)
{
	enum jparam id;
	int i, neg;

	for (i = 0; i < JP_NPARAMS; i++) {
		neg = -1;
		ATF_REQUIRE_MSG(jparam_table[i].name != NULL, "row %d", i);
		ATF_CHECK_EQ_MSG(0, jparam_lookup(jparam_table[i].name, &id,
		    &neg), "%s", jparam_table[i].name);
		ATF_CHECK_EQ((enum jparam)i, id);
		ATF_CHECK_EQ(0, neg);
	}
	ATF_CHECK_EQ(0, jparam_lookup("mount.procfs", &id, &neg));
	ATF_CHECK_EQ(JP_MOUNT_PROCFS, id);
	ATF_CHECK_EQ(0, jparam_lookup("stop.timeout", &id, &neg));
	ATF_CHECK_EQ(JP_STOP_TIMEOUT, id);
	ATF_CHECK_EQ(0, jparam_lookup("mount", &id, &neg));
	ATF_CHECK_EQ(JP_MOUNT, id);
	ATF_CHECK_EQ(0, jparam_lookup("host", &id, &neg));
	ATF_CHECK_EQ(JP_HOST, id);
}

ATF_TC_WITHOUT_HEAD(lookup_negated_booleans);
ATF_TC_BODY(lookup_negated_booleans, tc)
{
	enum jparam id;
	int neg;

	neg = 0;
	ATF_CHECK_EQ(0, jparam_lookup("nopersist", &id, &neg));
	ATF_CHECK_EQ(JP_PERSIST, id);
	ATF_CHECK_EQ(1, neg);
	neg = 0;
	ATF_CHECK_EQ(0, jparam_lookup("mount.noprocfs", &id, &neg));
	ATF_CHECK_EQ(JP_MOUNT_PROCFS, id);
	ATF_CHECK_EQ(1, neg);
}

ATF_TC_WITHOUT_HEAD(lookup_unknown_names);
ATF_TC_BODY(lookup_unknown_names, tc)
{
	static const char *const bad[] = {
		"foo", "", "no", "Persist", "persist ", "nomount.procfs",
		"mount.nopersist", "nonopersist", "mount.", "nomount",
		"noname", "nojid", "nopath", "host.nohostname",
		"nohost.hostname", "stop.notimeout", "nocommand", "jid.x",
		"mount.procfs.x", "procfs", "exec", "exec.", "exec.nostart",
		"noexec.clean", "allow", "allow.*", "ip4.addr.x", "noip4.addr",
		"ALLOW.MOUNT", "allow.mount.nozfs.x", "meta.key", "env.key",
		"console.nobuffer", "nodepend", "vnet.nointerface",
	};
	char want[128];
	enum jparam id;
	size_t i;
	int neg;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		jb_errmsg[0] = '\0';
		errno = 0;
		ATF_CHECK_EQ_MSG(-1, jparam_lookup(bad[i], &id, &neg),
		    "\"%s\" was found", bad[i]);
		ATF_CHECK_EQ(ENOENT, errno);
		snprintf(want, sizeof(want), "unknown parameter: %s", bad[i]);
		ATF_CHECK_STREQ(want, jb_errmsg);
	}
}

/* ---- jparams_set: booleans ---- */

ATF_TC_WITHOUT_HEAD(set_bool_bare_is_true);
ATF_TC_BODY(set_bool_bare_is_true, tc)
{
	check_bool("persist", NULL, JP_PERSIST, "true");
	check_bool("mount.procfs", NULL, JP_MOUNT_PROCFS, "true");
}

ATF_TC_WITHOUT_HEAD(set_bool_negated);
ATF_TC_BODY(set_bool_negated, tc)
{
	check_bool("nopersist", NULL, JP_PERSIST, "false");
	check_bool("mount.noprocfs", NULL, JP_MOUNT_PROCFS, "false");
}

ATF_TC_WITHOUT_HEAD(set_bool_words_and_numbers);
ATF_TC_BODY(set_bool_words_and_numbers, tc)
{
	static const char *const yes[] = {
		"true", "TRUE", "True", "tRuE", "1", "2", "-1", "+1", "100",
		"99999999999999999999999",
	};
	static const char *const no[] = {
		"false", "FALSE", "False", "fAlSe", "0", "00", "-0", "+0",
	};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		check_bool("persist", yes[i], JP_PERSIST, "true");
		check_bool("mount.procfs", yes[i], JP_MOUNT_PROCFS, "true");
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		check_bool("persist", no[i], JP_PERSIST, "false");
		check_bool("mount.procfs", no[i], JP_MOUNT_PROCFS, "false");
	}
}

ATF_TC_WITHOUT_HEAD(set_bool_bad_values);
ATF_TC_BODY(set_bool_bad_values, tc)
{
	struct jparams jp;

	memset(&jp, 0, sizeof(jp));
	set_fails(&jp, "persist", "maybe", EINVAL,
	    "persist: unknown boolean value \"maybe\"");
	set_fails(&jp, "persist", "", EINVAL,
	    "persist: unknown boolean value \"\"");
	set_fails(&jp, "persist", "1x", EINVAL,
	    "persist: unknown boolean value \"1x\"");
	set_fails(&jp, "persist", "truex", EINVAL,
	    "persist: unknown boolean value \"truex\"");
	set_fails(&jp, "mount.procfs", "nope", EINVAL,
	    "mount.procfs: unknown boolean value \"nope\"");
	/* Only true, false and integers, as FreeBSD's libjail. */
	set_fails(&jp, "persist", "yes", EINVAL,
	    "persist: unknown boolean value \"yes\"");
	set_fails(&jp, "persist", "no", EINVAL,
	    "persist: unknown boolean value \"no\"");
	set_fails(&jp, "persist", "on", EINVAL,
	    "persist: unknown boolean value \"on\"");
	set_fails(&jp, "persist", "off", EINVAL,
	    "persist: unknown boolean value \"off\"");
	set_fails(&jp, "persist", "t", EINVAL,
	    "persist: unknown boolean value \"t\"");
	set_fails(&jp, "persist", "0x1", EINVAL,
	    "persist: unknown boolean value \"0x1\"");
	set_fails(&jp, "allow.raw_sockets", "enable", EINVAL,
	    "allow.raw_sockets: unknown boolean value \"enable\"");
	ATF_CHECK(!jparams_isset(&jp, JP_PERSIST));
	ATF_CHECK(!jparams_isset(&jp, JP_MOUNT_PROCFS));
	jparams_free(&jp);
}

ATF_TC_WITHOUT_HEAD(set_negated_bool_with_value);
ATF_TC_BODY(set_negated_bool_with_value, tc)
{
	struct jparams jp;

	memset(&jp, 0, sizeof(jp));
	set_fails(&jp, "nopersist", "true", EINVAL,
	    "nopersist: value specified for a negated boolean");
	set_fails(&jp, "mount.noprocfs", "false", EINVAL,
	    "mount.noprocfs: value specified for a negated boolean");
	ATF_CHECK(!jparams_isset(&jp, JP_PERSIST));
	ATF_CHECK(!jparams_isset(&jp, JP_MOUNT_PROCFS));
	jparams_free(&jp);
}

ATF_TC_WITHOUT_HEAD(set_bool_last_wins);
ATF_TC_BODY(set_bool_last_wins, tc)
{
	struct jparams jp;

	memset(&jp, 0, sizeof(jp));
	set_ok(&jp, "persist", NULL);
	set_ok(&jp, "nopersist", NULL);
	check_value(&jp, JP_PERSIST, "false");
	set_ok(&jp, "persist", "True");
	check_value(&jp, JP_PERSIST, "true");
	/* A value that fails to parse leaves the previous one. */
	set_fails(&jp, "persist", "maybe", EINVAL,
	    "persist: unknown boolean value \"maybe\"");
	check_value(&jp, JP_PERSIST, "true");
	jparams_free(&jp);
}

/* ---- jparams_set: integers ---- */

ATF_TC_WITHOUT_HEAD(set_int_canonical);
ATF_TC_BODY(set_int_canonical, tc)
{
	struct jparams jp;
	char max[32];

	memset(&jp, 0, sizeof(jp));
	set_ok(&jp, "stop.timeout", "0");
	check_value(&jp, JP_STOP_TIMEOUT, "0");
	ATF_CHECK_EQ(0, jparams_int(&jp, JP_STOP_TIMEOUT));
	set_ok(&jp, "stop.timeout", "007");
	check_value(&jp, JP_STOP_TIMEOUT, "7");
	set_ok(&jp, "stop.timeout", "+30");
	check_value(&jp, JP_STOP_TIMEOUT, "30");
	ATF_CHECK_EQ(30, jparams_int(&jp, JP_STOP_TIMEOUT));
	snprintf(max, sizeof(max), "%d", INT_MAX);
	set_ok(&jp, "stop.timeout", max);
	check_value(&jp, JP_STOP_TIMEOUT, max);
	ATF_CHECK_EQ(INT_MAX, jparams_int(&jp, JP_STOP_TIMEOUT));
	set_ok(&jp, "jid", "1");
	check_value(&jp, JP_JID, "1");
	set_ok(&jp, "jid", max);
	check_value(&jp, JP_JID, max);
	jparams_free(&jp);
}

ATF_TC_WITHOUT_HEAD(set_int_errors);
ATF_TC_BODY(set_int_errors, tc)
{
	struct jparams jp;

	memset(&jp, 0, sizeof(jp));
	set_fails(&jp, "stop.timeout", "abc", EINVAL,
	    "stop.timeout: non-integer value \"abc\"");
	set_fails(&jp, "stop.timeout", "10s", EINVAL,
	    "stop.timeout: non-integer value \"10s\"");
	set_fails(&jp, "stop.timeout", "", EINVAL,
	    "stop.timeout: non-integer value \"\"");
	set_fails(&jp, "stop.timeout", NULL, EINVAL,
	    "stop.timeout: non-integer value \"\"");
	set_fails(&jp, "stop.timeout", "1.5", EINVAL,
	    "stop.timeout: non-integer value \"1.5\"");
	set_fails(&jp, "stop.timeout", "-1", ERANGE,
	    "stop.timeout: value out of range \"-1\"");
	set_fails(&jp, "stop.timeout", "2147483648", ERANGE,
	    "stop.timeout: value out of range \"2147483648\"");
	set_fails(&jp, "stop.timeout", "99999999999999999999999", ERANGE,
	    "stop.timeout: value out of range \"99999999999999999999999\"");
	set_fails(&jp, "jid", "0", ERANGE, "jid: value out of range \"0\"");
	set_fails(&jp, "jid", "-3", ERANGE, "jid: value out of range \"-3\"");
	set_fails(&jp, "jid", "x", EINVAL, "jid: non-integer value \"x\"");
	ATF_CHECK(!jparams_isset(&jp, JP_STOP_TIMEOUT));
	ATF_CHECK(!jparams_isset(&jp, JP_JID));
	jparams_free(&jp);
}

/* ---- jparams_set: strings, lists, defaults ---- */

ATF_TC_WITHOUT_HEAD(set_unknown_parameter);
ATF_TC_BODY(set_unknown_parameter, tc)
{
	struct jparams jp;

	memset(&jp, 0, sizeof(jp));
	set_fails(&jp, "foo", "bar", ENOENT, "unknown parameter: foo");
	set_fails(&jp, "foo", NULL, ENOENT, "unknown parameter: foo");
	set_fails(&jp, "noname", NULL, ENOENT, "unknown parameter: noname");
	jparams_free(&jp);
}

ATF_TC_WITHOUT_HEAD(defaults);
ATF_TC_BODY(defaults, tc)
{
	struct jparams jp;
	int i;

	memset(&jp, 0, sizeof(jp));
	for (i = 0; i < JP_NPARAMS; i++)
		ATF_CHECK(!jparams_isset(&jp, (enum jparam)i));
	ATF_CHECK_EQ(NULL, jparams_str(&jp, JP_NAME));
	ATF_CHECK_EQ(NULL, jparams_str(&jp, JP_PATH));
	ATF_CHECK_EQ(NULL, jparams_str(&jp, JP_JID));
	ATF_CHECK_EQ(0, jparams_int(&jp, JP_JID));
	ATF_CHECK_STREQ("", jparams_str(&jp, JP_HOST_HOSTNAME));
	ATF_CHECK_STREQ("false", jparams_str(&jp, JP_PERSIST));
	ATF_CHECK_EQ(0, jparams_bool(&jp, JP_PERSIST));
	ATF_CHECK_STREQ("true", jparams_str(&jp, JP_MOUNT_PROCFS));
	ATF_CHECK_EQ(1, jparams_bool(&jp, JP_MOUNT_PROCFS));
	ATF_CHECK_STREQ("10", jparams_str(&jp, JP_STOP_TIMEOUT));
	ATF_CHECK_EQ(10, jparams_int(&jp, JP_STOP_TIMEOUT));
	jparams_free(&jp);
}

ATF_TC_WITHOUT_HEAD(set_string_replaces);
ATF_TC_BODY(set_string_replaces, tc)
{
	struct jparams jp;
	char *s;

	memset(&jp, 0, sizeof(jp));
	set_ok(&jp, "name", "www");
	set_ok(&jp, "name", "mail");
	check_value(&jp, JP_NAME, "mail");
	set_ok(&jp, "host.hostname", "a.example");
	set_ok(&jp, "host.hostname", "b.example");
	check_value(&jp, JP_HOST_HOSTNAME, "b.example");
	set_ok(&jp, "path", "/j/a");
	set_ok(&jp, "path", "/j/b");
	check_value(&jp, JP_PATH, "/j/b");
	set_ok(&jp, "stop.timeout", "1");
	set_ok(&jp, "stop.timeout", "2");
	check_value(&jp, JP_STOP_TIMEOUT, "2");
	s = jparams_join(&jp, JP_NAME, ",");
	ATF_CHECK_STREQ("mail", s);
	free(s);
	/* A bare string parameter is the empty string. */
	set_ok(&jp, "host.hostname", NULL);
	check_value(&jp, JP_HOST_HOSTNAME, "");
	jparams_free(&jp);
}

ATF_TC_WITHOUT_HEAD(set_string_length_limits);
ATF_TC_BODY(set_string_length_limits, tc)
{
	struct jparams jp;
	char buf[300];

	memset(&jp, 0, sizeof(jp));
	memset(buf, 'h', 64);
	buf[64] = '\0';
	set_ok(&jp, "host.hostname", buf);
	check_value(&jp, JP_HOST_HOSTNAME, buf);
	buf[64] = 'h';
	buf[65] = '\0';
	set_fails(&jp, "host.hostname", buf, ENAMETOOLONG,
	    "host.hostname: value too long");
	buf[64] = '\0';
	check_value(&jp, JP_HOST_HOSTNAME, buf);
	memset(buf, 'n', 255);
	buf[255] = '\0';
	set_ok(&jp, "name", buf);
	buf[255] = 'n';
	buf[256] = '\0';
	set_fails(&jp, "name", buf, ENAMETOOLONG, "name: value too long");
	jparams_free(&jp);
}

ATF_TC_WITHOUT_HEAD(set_list_appends);
ATF_TC_BODY(set_list_appends, tc)
{
	struct jparams jp;
	char *argv[] = { "/bin/sh", "-c", "exit 3", NULL };
	char *s;

	memset(&jp, 0, sizeof(jp));
	set_ok(&jp, "command", "/bin/echo");
	set_ok(&jp, "command", "hi");
	ATF_CHECK(jparams_isset(&jp, JP_COMMAND));
	ATF_CHECK_EQ(2, jp.v[JP_COMMAND].nitems);
	ATF_CHECK_STREQ("/bin/echo", jparams_str(&jp, JP_COMMAND));
	s = jparams_join(&jp, JP_COMMAND, " ");
	ATF_CHECK_STREQ("/bin/echo hi", s);
	free(s);
	ATF_REQUIRE_EQ(0, jparams_set_argv(&jp, JP_COMMAND, argv));
	ATF_CHECK_EQ(3, jp.v[JP_COMMAND].nitems);
	ATF_CHECK_STREQ("exit 3", jp.v[JP_COMMAND].items[2]);
	ATF_CHECK_EQ(NULL, jp.v[JP_COMMAND].items[3]);
	s = jparams_join(&jp, JP_COMMAND, "|");
	ATF_CHECK_STREQ("/bin/sh|-c|exit 3", s);
	free(s);
	jparams_free(&jp);
	ATF_CHECK(!jparams_isset(&jp, JP_COMMAND));
	ATF_CHECK_EQ(0, jp.v[JP_COMMAND].nitems);
}

ATF_TC_WITHOUT_HEAD(set_arg_splits_at_first_equals);
ATF_TC_BODY(set_arg_splits_at_first_equals, tc)
{
	struct jparams jp;

	memset(&jp, 0, sizeof(jp));
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "name=www"));
	check_value(&jp, JP_NAME, "www");
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "host.hostname=a=b"));
	check_value(&jp, JP_HOST_HOSTNAME, "a=b");
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "persist"));
	check_value(&jp, JP_PERSIST, "true");
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "mount.noprocfs"));
	check_value(&jp, JP_MOUNT_PROCFS, "false");
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "path="));
	check_value(&jp, JP_PATH, "");
	jb_errmsg[0] = '\0';
	ATF_CHECK_EQ(-1, jparams_set_arg(&jp, "foo=bar"));
	ATF_CHECK_STREQ("unknown parameter: foo", jb_errmsg);
	ATF_CHECK_EQ(-1, jparams_set_arg(&jp, "=x"));
	ATF_CHECK_STREQ("unknown parameter: ", jb_errmsg);
	ATF_CHECK_EQ(-1, jparams_set_arg(&jp, "stop.timeout=-1"));
	ATF_CHECK_STREQ("stop.timeout: value out of range \"-1\"", jb_errmsg);
	jparams_free(&jp);
}

ATF_TC_WITHOUT_HEAD(join_defaults_and_empty);
ATF_TC_BODY(join_defaults_and_empty, tc)
{
	struct jparams jp;
	char *s;

	memset(&jp, 0, sizeof(jp));
	s = jparams_join(&jp, JP_STOP_TIMEOUT, ",");
	ATF_CHECK_STREQ("10", s);
	free(s);
	s = jparams_join(&jp, JP_PERSIST, ",");
	ATF_CHECK_STREQ("false", s);
	free(s);
	s = jparams_join(&jp, JP_NAME, ",");
	ATF_CHECK_STREQ("", s);
	free(s);
	s = jparams_join(&jp, JP_COMMAND, " ");
	ATF_CHECK_STREQ("", s);
	free(s);
	set_ok(&jp, "command", "x");
	s = jparams_join(&jp, JP_COMMAND, ", ");
	ATF_CHECK_STREQ("x", s);
	free(s);
	set_ok(&jp, "command", "");
	set_ok(&jp, "command", "y");
	s = jparams_join(&jp, JP_COMMAND, ", ");
	ATF_CHECK_STREQ("x, , y", s);
	free(s);
	jparams_free(&jp);
}

/* ---- the table ---- */

/* The row of a name that must be in the table. */
static enum jparam
row(const char *name)
{
	enum jparam id;
	int neg;

	ATF_REQUIRE_MSG(jparam_lookup(name, &id, &neg) == 0 && neg == 0,
	    "%s is not a row", name);
	return (id);
}

/* Every parameter the 2025 manual of FreeBSD's jail(8) names. */
static const char *const manual_names[] = {
	"jid", "name", "path", "ip4.addr", "ip4.saddrsel", "ip4",
	"ip6.addr", "ip6.saddrsel", "ip6", "vnet", "host.hostname", "host",
	"host.domainname", "host.hostuuid", "host.hostid", "securelevel",
	"devfs_ruleset", "children.max", "children.cur", "enforce_statfs",
	"persist", "cpuset.id", "dying", "parent", "osrelease", "osreldate",
	"meta", "env",
	"allow.set_hostname", "allow.sysvipc", "allow.raw_sockets",
	"allow.chflags", "allow.mount", "allow.mount.devfs", "allow.quotas",
	"allow.read_msgbuf", "allow.socket_af", "allow.mlock", "allow.nfsd",
	"allow.reserved_ports", "allow.unprivileged_parent_tampering",
	"allow.unprivileged_proc_debug", "allow.suser", "allow.extattr",
	"allow.adjtime", "allow.settime", "allow.routing", "allow.setaudit",
	"allow.mount.fdescfs", "allow.mount.fusefs", "allow.mount.nullfs",
	"allow.mount.procfs", "allow.mount.linprocfs",
	"allow.mount.linsysfs", "allow.mount.tmpfs", "allow.mount.zfs",
	"allow.vmm", "linux", "linux.osname", "linux.osrelease",
	"linux.oss_version", "sysvmsg", "sysvsem", "sysvshm",
	"zfs.mount_snapshot",
	"exec.prepare", "exec.prestart", "exec.created", "exec.start",
	"command", "exec.poststart", "exec.prestop", "exec.stop",
	"exec.poststop", "exec.release", "exec.clean", "exec.jail_user",
	"exec.system_jail_user", "exec.system_user", "exec.timeout",
	"exec.consolelog", "exec.fib", "stop.timeout", "interface",
	"vnet.interface", "zfs.dataset", "ip_hostname", "mount",
	"mount.fstab", "mount.devfs", "mount.fdescfs", "mount.procfs",
	"allow.dying", "depend",
};

/* The manual's pseudo-parameters, which jls(8) does not list. */
static const char *const pseudo_names[] = {
	"exec.prepare", "exec.prestart", "exec.created", "exec.start",
	"command", "exec.poststart", "exec.prestop", "exec.stop",
	"exec.poststop", "exec.release", "exec.clean", "exec.jail_user",
	"exec.system_jail_user", "exec.system_user", "exec.timeout",
	"exec.consolelog", "exec.fib", "stop.timeout", "interface",
	"vnet.interface", "zfs.dataset", "ip_hostname", "mount",
	"mount.fstab", "mount.devfs", "mount.fdescfs", "mount.procfs",
	"allow.dying", "depend",
};

/* Whether name is one of the n strings of list. */
static int
listed(const char *name, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return (1);
	return (0);
}

/* The rows that carry flag, as the exact list of their names. */
static void
check_flagged(unsigned flag, const char *const *list, size_t n)
{
	size_t i;
	int r;

	for (i = 0; i < n; i++)
		ATF_CHECK_MSG(jparam_table[row(list[i])].flags & flag,
		    "%s lacks flag 0x%x", list[i], flag);
	for (r = 0; r < JP_NPARAMS; r++)
		if (jparam_table[r].flags & flag)
			ATF_CHECK_MSG(listed(jparam_table[r].name, list, n),
			    "%s has flag 0x%x", jparam_table[r].name, flag);
}

ATF_TC_WITHOUT_HEAD(table_rows_are_well_formed);
ATF_TC_BODY(table_rows_are_well_formed, tc)
{
	const struct jparam_def *d;
	const char *p;
	int i, k;

	for (i = 0; i < JP_NPARAMS; i++) {
		d = &jparam_table[i];
		ATF_REQUIRE_MSG(d->name != NULL, "row %d has no name", i);
		ATF_CHECK_MSG(*d->name != '\0', "row %d: empty name", i);
		for (p = d->name; *p != '\0'; p++)
			ATF_CHECK_MSG((*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_',
			    "%s: bad character in the name", d->name);
		ATF_CHECK_MSG(d->name[0] != '.' &&
		    d->name[strlen(d->name) - 1] != '.' &&
		    strstr(d->name, "..") == NULL, "%s: empty component",
		    d->name);
		for (k = 0; k < i; k++)
			ATF_CHECK_MSG(strcmp(d->name, jparam_table[k].name) !=
			    0, "%s: two rows (%d and %d)", d->name, k, i);
		/* Booleans and jailsys values always have a default. */
		if (d->type == JPT_BOOL || d->type == JPT_JAILSYS)
			ATF_CHECK_MSG(d->dflt != NULL, "%s: no default",
			    d->name);
		if (d->type == JPT_LIST)
			ATF_CHECK_MSG(d->dflt == NULL, "%s: a list default",
			    d->name);
		if (d->type == JPT_INT)
			ATF_CHECK_MSG(d->min <= d->max, "%s: empty range",
			    d->name);
		else
			ATF_CHECK_MSG(d->min == 0 && d->max == 0,
			    "%s: a range on a non-integer", d->name);
		if (d->type != JPT_STRING && d->type != JPT_LIST)
			ATF_CHECK_MSG(d->maxlen == 0,
			    "%s: a length limit on a non-string", d->name);
		/* Flags that only mean something together or apart. */
		if (d->flags & JPF_KEPT)
			ATF_CHECK_MSG(d->flags & JPF_PSEUDO,
			    "%s: kept but not a pseudo-parameter", d->name);
		if (d->flags & JPF_COMMALIST)
			ATF_CHECK_MSG(d->type == JPT_LIST,
			    "%s: comma list but not a list", d->name);
		if (d->flags & JPF_READONLY)
			ATF_CHECK_MSG(!(d->flags & (JPF_PSEUDO |
			    JPF_PENDING | JPF_DEFAULTONLY | JPF_CREATEONLY)),
			    "%s: read-only and more", d->name);
		ATF_CHECK_MSG((d->flags & (JPF_PENDING | JPF_DEFAULTONLY)) !=
		    (JPF_PENDING | JPF_DEFAULTONLY),
		    "%s: both pending and not supported", d->name);
		ATF_CHECK_MSG((d->flags & ~(JPF_PSEUDO | JPF_CREATEONLY |
		    JPF_DEFAULTONLY | JPF_READONLY | JPF_PENDING |
		    JPF_COMMALIST | JPF_KEPT)) == 0, "%s: unknown flags",
		    d->name);
	}
}

/*
 * Every default is a canonical value of its row's type: set through
 * jparams_set(), it is stored unchanged.
 */
ATF_TC_WITHOUT_HEAD(table_defaults_are_canonical);
ATF_TC_BODY(table_defaults_are_canonical, tc)
{
	const struct jparam_def *d;
	struct jparams jp;
	long long n;
	char *end;
	int i;

	for (i = 0; i < JP_NPARAMS; i++) {
		d = &jparam_table[i];
		if (d->dflt == NULL)
			continue;
		if (d->flags & JPF_READONLY) {
			/* Never set: check the text itself. */
			if (d->type == JPT_BOOL)
				ATF_CHECK_MSG(strcmp(d->dflt, "true") == 0 ||
				    strcmp(d->dflt, "false") == 0,
				    "%s: default %s", d->name, d->dflt);
			else if (d->type == JPT_INT) {
				errno = 0;
				n = strtoll(d->dflt, &end, 10);
				ATF_CHECK_MSG(*d->dflt != '\0' &&
				    *end == '\0' && errno == 0 &&
				    n >= d->min && n <= d->max,
				    "%s: default %s", d->name, d->dflt);
			} else
				ATF_CHECK_MSG(0, "%s: read-only %d", d->name,
				    d->type);
			continue;
		}
		memset(&jp, 0, sizeof(jp));
		set_ok(&jp, d->name, d->dflt);
		ATF_CHECK_MSG(jp.v[i].nitems == 1 &&
		    strcmp(jp.v[i].items[0], d->dflt) == 0,
		    "%s: default %s is stored as %s", d->name, d->dflt,
		    jp.v[i].nitems > 0 ? jp.v[i].items[0] : "nothing");
		jparams_free(&jp);
	}
}

ATF_TC_WITHOUT_HEAD(table_has_every_manual_parameter);
ATF_TC_BODY(table_has_every_manual_parameter, tc)
{
	size_t i;
	int r;

	for (i = 0; i < nitems(manual_names); i++)
		(void)row(manual_names[i]);
	/* Nothing else but jailbox's console. */
	for (r = 0; r < JP_NPARAMS; r++)
		ATF_CHECK_MSG(listed(jparam_table[r].name, manual_names,
		    nitems(manual_names)) ||
		    strcmp(jparam_table[r].name, "console") == 0 ||
		    strcmp(jparam_table[r].name, "console.buffer") == 0,
		    "%s is not in jail(8)", jparam_table[r].name);
	ATF_CHECK_EQ(nitems(manual_names) + 2, JP_NPARAMS);
}

ATF_TC_WITHOUT_HEAD(table_types);
ATF_TC_BODY(table_types, tc)
{
	static const char *const lists[] = {
		"ip4.addr", "ip6.addr", "exec.prepare", "exec.prestart",
		"exec.created", "exec.start", "command", "exec.poststart",
		"exec.prestop", "exec.stop", "exec.poststop", "exec.release",
		"vnet.interface", "zfs.dataset", "mount", "mount.fstab",
		"depend",
	};
	static const char *const jailsys[] = {
		"ip4", "ip6", "vnet", "host", "linux", "sysvmsg", "sysvsem",
		"sysvshm",
	};
	static const char *const strings[] = {
		"name", "path", "host.hostname", "host.domainname",
		"host.hostuuid", "osrelease", "meta", "env", "linux.osname",
		"linux.osrelease", "exec.jail_user", "exec.system_user",
		"exec.consolelog", "interface",
	};
	static const char *const ints[] = {
		"jid", "host.hostid", "securelevel", "devfs_ruleset",
		"children.max", "children.cur", "enforce_statfs", "cpuset.id",
		"parent", "osreldate", "linux.oss_version",
		"zfs.mount_snapshot", "exec.timeout", "exec.fib",
		"stop.timeout", "console.buffer",
	};
	size_t i;
	int r;

	for (i = 0; i < nitems(lists); i++)
		ATF_CHECK_EQ_MSG(JPT_LIST, jparam_table[row(lists[i])].type,
		    "%s", lists[i]);
	for (i = 0; i < nitems(jailsys); i++)
		ATF_CHECK_EQ_MSG(JPT_JAILSYS,
		    jparam_table[row(jailsys[i])].type, "%s", jailsys[i]);
	for (i = 0; i < nitems(strings); i++)
		ATF_CHECK_EQ_MSG(JPT_STRING,
		    jparam_table[row(strings[i])].type, "%s", strings[i]);
	for (i = 0; i < nitems(ints); i++)
		ATF_CHECK_EQ_MSG(JPT_INT, jparam_table[row(ints[i])].type,
		    "%s", ints[i]);
	/* The rest are booleans. */
	for (r = 0; r < JP_NPARAMS; r++)
		if (!listed(jparam_table[r].name, lists, nitems(lists)) &&
		    !listed(jparam_table[r].name, jailsys, nitems(jailsys)) &&
		    !listed(jparam_table[r].name, strings, nitems(strings)) &&
		    !listed(jparam_table[r].name, ints, nitems(ints)))
			ATF_CHECK_EQ_MSG(JPT_BOOL, jparam_table[r].type, "%s",
			    jparam_table[r].name);
}

ATF_TC_WITHOUT_HEAD(table_freebsd_defaults);
ATF_TC_BODY(table_freebsd_defaults, tc)
{
	static const struct {
		const char	*name;
		const char	*dflt;	/* NULL: none */
	} want[] = {
		{ "jid", NULL }, { "name", NULL }, { "ip4.saddrsel", "true" },
		{ "ip4", "disable" }, { "ip6.saddrsel", "true" },
		{ "ip6", "disable" }, { "vnet", "inherit" },
		{ "host.hostname", "" }, { "host", "new" },
		{ "host.domainname", "" },
		{ "host.hostuuid", "00000000-0000-0000-0000-000000000000" },
		{ "host.hostid", "0" }, { "securelevel", "-1" },
		{ "devfs_ruleset", "0" }, { "children.max", "0" },
		{ "children.cur", "0" }, { "enforce_statfs", "2" },
		{ "persist", "false" }, { "dying", "false" },
		{ "parent", "0" }, { "meta", "" }, { "env", "" },
		{ "linux", "new" }, { "linux.osname", "Linux" },
		{ "sysvmsg", "disable" }, { "sysvsem", "disable" },
		{ "sysvshm", "disable" }, { "zfs.mount_snapshot", "0" },
		{ "exec.clean", "false" }, { "exec.system_jail_user", "false" },
		{ "exec.timeout", NULL }, { "exec.fib", NULL },
		{ "stop.timeout", "10" }, { "ip_hostname", "false" },
		{ "mount.devfs", "false" }, { "mount.fdescfs", "false" },
		{ "allow.dying", "false" }, { "console", "false" },
		{ "console.buffer", "65536" },
		/* jailbox's own choices. */
		{ "path", NULL }, { "mount.procfs", "true" },
		{ "allow.unprivileged_parent_tampering", "true" },
	};
	static const char *const allowed[] = {
		"allow.set_hostname", "allow.reserved_ports", "allow.suser",
		"allow.unprivileged_proc_debug",
		"allow.unprivileged_parent_tampering",
	};
	const struct jparam_def *d;
	size_t i;
	int r;

	for (i = 0; i < nitems(want); i++) {
		d = &jparam_table[row(want[i].name)];
		if (want[i].dflt == NULL)
			ATF_CHECK_MSG(d->dflt == NULL, "%s: default %s",
			    d->name, d->dflt);
		else
			ATF_CHECK_MSG(d->dflt != NULL &&
			    strcmp(d->dflt, want[i].dflt) == 0,
			    "%s: default %s, not %s", d->name,
			    d->dflt != NULL ? d->dflt : "none", want[i].dflt);
	}
	/* Every allow.* is off, but for a few. */
	for (r = 0; r < JP_NPARAMS; r++) {
		d = &jparam_table[r];
		if (strncmp(d->name, "allow.", 6) != 0)
			continue;
		ATF_CHECK_EQ_MSG(JPT_BOOL, d->type, "%s", d->name);
		ATF_CHECK_STREQ_MSG(listed(d->name, allowed,
		    nitems(allowed)) ? "true" : "false", d->dflt, "%s",
		    d->name);
	}
}

ATF_TC_WITHOUT_HEAD(table_flags);
ATF_TC_BODY(table_flags, tc)
{
	static const char *const readonly[] = {
		"children.cur", "cpuset.id", "dying", "parent",
	};
	static const char *const commalist[] = {
		"ip4.addr", "ip6.addr", "vnet.interface", "zfs.dataset",
	};
	static const char *const kept[] = { "stop.timeout", "mount.procfs" };
	static const char *const pending[] = {
		"host", "host.hostuuid", "host.hostid", "env",
	};
	static const char *const defaultonly[] = {
		"children.max", "osrelease", "osreldate", "allow.mount",
		"allow.mount.devfs", "allow.quotas", "allow.nfsd",
		"allow.unprivileged_parent_tampering", "allow.extattr",
		"allow.routing", "allow.setaudit", "allow.mount.fdescfs",
		"allow.mount.fusefs", "allow.mount.nullfs",
		"allow.mount.procfs", "allow.mount.linprocfs",
		"allow.mount.linsysfs", "allow.mount.tmpfs",
		"allow.mount.zfs", "allow.vmm", "linux", "linux.osname",
		"linux.osrelease", "linux.oss_version", "zfs.mount_snapshot",
		"exec.fib", "zfs.dataset",
	};
	static const char *const createonly[] = {
		"jid", "path", "ip4.addr", "ip4.saddrsel", "ip4", "ip6.addr",
		"ip6.saddrsel", "ip6", "vnet", "host", "securelevel",
		"devfs_ruleset", "enforce_statfs", "osrelease", "osreldate",
		"allow.set_hostname", "allow.sysvipc", "allow.raw_sockets",
		"allow.chflags", "allow.read_msgbuf", "allow.socket_af",
		"allow.mlock", "allow.reserved_ports",
		"allow.unprivileged_proc_debug", "allow.suser",
		"allow.adjtime", "allow.settime", "sysvmsg", "sysvsem",
		"sysvshm", "mount", "mount.fstab", "mount.devfs",
		"mount.fdescfs", "mount.procfs", "console", "console.buffer",
	};

	check_flagged(JPF_PSEUDO, pseudo_names, nitems(pseudo_names));
	check_flagged(JPF_READONLY, readonly, nitems(readonly));
	check_flagged(JPF_COMMALIST, commalist, nitems(commalist));
	check_flagged(JPF_KEPT, kept, nitems(kept));
	check_flagged(JPF_PENDING, pending, nitems(pending));
	check_flagged(JPF_DEFAULTONLY, defaultonly, nitems(defaultonly));
	check_flagged(JPF_CREATEONLY, createonly, nitems(createonly));
}

/* ---- jparam_known ---- */

ATF_TC_WITHOUT_HEAD(known_names);
ATF_TC_BODY(known_names, tc)
{
	static const char *const yes[] = {
		"persist", "nopersist", "mount.procfs", "mount.noprocfs",
		"noip4", "novnet", "nohost", "nosysvmsg", "allow.nomount",
		"allow.mount.nozfs", "exec.noclean", "noip_hostname",
		"exec.start", "command", "depend", "console", "nodying",
	};
	static const char *const no[] = {
		"", "foo", "nocommand", "noexec.start", "mount.nofstab",
		"nohost.hostname", "no", "meta.key", "Persist", "exec",
	};
	size_t i;
	int r;

	strcpy(jb_errmsg, "untouched");
	for (r = 0; r < JP_NPARAMS; r++)
		ATF_CHECK_MSG(jparam_known(jparam_table[r].name) == 1, "%s",
		    jparam_table[r].name);
	for (i = 0; i < nitems(yes); i++)
		ATF_CHECK_MSG(jparam_known(yes[i]) == 1, "%s unknown", yes[i]);
	for (i = 0; i < nitems(no); i++)
		ATF_CHECK_MSG(jparam_known(no[i]) == 0, "%s known", no[i]);
	ATF_CHECK_STREQ("untouched", jb_errmsg);
}

/* ---- jparams_set: jailsys ---- */

/* A jailsys parameter set from value reads back as want. */
static void
check_jailsys(const char *name, const char *value, enum jparam id,
    const char *want, int n)
{
	struct jparams jp;

	memset(&jp, 0, sizeof(jp));
	set_ok(&jp, name, value);
	ATF_CHECK_STREQ_MSG(want, jparams_str(&jp, id), "%s=%s gave %s",
	    name, value != NULL ? value : "(bare)", jparams_str(&jp, id));
	ATF_CHECK_EQ(n, jparams_int(&jp, id));
	jparams_free(&jp);
}

ATF_TC_WITHOUT_HEAD(set_jailsys_values);
ATF_TC_BODY(set_jailsys_values, tc)
{
	check_jailsys("sysvmsg", "disable", JP_SYSVMSG, "disable",
	    JAILSYS_DISABLE);
	check_jailsys("sysvmsg", "new", JP_SYSVMSG, "new", JAILSYS_NEW);
	check_jailsys("sysvmsg", "inherit", JP_SYSVMSG, "inherit",
	    JAILSYS_INHERIT);
	check_jailsys("sysvsem", "DISABLE", JP_SYSVSEM, "disable",
	    JAILSYS_DISABLE);
	check_jailsys("sysvsem", "New", JP_SYSVSEM, "new", JAILSYS_NEW);
	check_jailsys("sysvsem", "iNHERIT", JP_SYSVSEM, "inherit",
	    JAILSYS_INHERIT);
	check_jailsys("sysvshm", "0", JP_SYSVSHM, "disable",
	    JAILSYS_DISABLE);
	check_jailsys("sysvshm", "1", JP_SYSVSHM, "new", JAILSYS_NEW);
	check_jailsys("sysvshm", "2", JP_SYSVSHM, "inherit",
	    JAILSYS_INHERIT);
	check_jailsys("sysvshm", "02", JP_SYSVSHM, "inherit",
	    JAILSYS_INHERIT);
	/* A bare name, or an empty value, is new; "no" is disable. */
	check_jailsys("vnet", NULL, JP_VNET, "new", JAILSYS_NEW);
	check_jailsys("ip4", "", JP_IP4, "new", JAILSYS_NEW);
	check_jailsys("novnet", NULL, JP_VNET, "disable", JAILSYS_DISABLE);
	check_jailsys("nohost", NULL, JP_HOST, "disable", JAILSYS_DISABLE);
	check_jailsys("linux", "inherit", JP_LINUX, "inherit",
	    JAILSYS_INHERIT);
}

ATF_TC_WITHOUT_HEAD(set_jailsys_bad_values);
ATF_TC_BODY(set_jailsys_bad_values, tc)
{
	static const char *const bad[] = {
		"3", "-1", "1x", "true", "yes", "disabled", "news", "0x1",
		"99999999999999999999",
	};
	struct jparams jp;
	char want[128];
	size_t i;

	memset(&jp, 0, sizeof(jp));
	for (i = 0; i < nitems(bad); i++) {
		snprintf(want, sizeof(want),
		    "sysvmsg: unknown jailsys value \"%s\"", bad[i]);
		set_fails(&jp, "sysvmsg", bad[i], EINVAL, want);
	}
	set_fails(&jp, "vnet", "maybe", EINVAL,
	    "vnet: unknown jailsys value \"maybe\"");
	set_fails(&jp, "nosysvmsg", "new", EINVAL,
	    "nosysvmsg: value specified for a negated boolean");
	ATF_CHECK(!jparams_isset(&jp, JP_SYSVMSG));
	ATF_CHECK(!jparams_isset(&jp, JP_VNET));
	jparams_free(&jp);
}

/* ---- jparams_set: read-only parameters ---- */

ATF_TC_WITHOUT_HEAD(set_read_only_refused);
ATF_TC_BODY(set_read_only_refused, tc)
{
	struct jparams jp;

	memset(&jp, 0, sizeof(jp));
	set_fails(&jp, "children.cur", "0", EPERM,
	    "children.cur: parameter is read-only");
	set_fails(&jp, "children.cur", "x", EPERM,
	    "children.cur: parameter is read-only");
	set_fails(&jp, "cpuset.id", "1", EPERM,
	    "cpuset.id: parameter is read-only");
	set_fails(&jp, "dying", NULL, EPERM, "dying: parameter is read-only");
	set_fails(&jp, "nodying", NULL, EPERM,
	    "dying: parameter is read-only");
	set_fails(&jp, "parent", "0", EPERM,
	    "parent: parameter is read-only");
	ATF_CHECK_EQ(-1, jparams_set_arg(&jp, "parent=1"));
	ATF_CHECK_STREQ("parent: parameter is read-only", jb_errmsg);
	ATF_CHECK(!jparams_isset(&jp, JP_CHILDREN_CUR));
	ATF_CHECK(!jparams_isset(&jp, JP_CPUSET_ID));
	ATF_CHECK(!jparams_isset(&jp, JP_DYING));
	ATF_CHECK(!jparams_isset(&jp, JP_PARENT));
	/* What jls(8) shows of them. */
	ATF_CHECK_STREQ("0", jparams_str(&jp, JP_CHILDREN_CUR));
	ATF_CHECK_EQ(NULL, jparams_str(&jp, JP_CPUSET_ID));
	ATF_CHECK_EQ(0, jparams_bool(&jp, JP_DYING));
	ATF_CHECK_EQ(0, jparams_int(&jp, JP_PARENT));
	jparams_free(&jp);
}

/* ---- jparams_set_arg: comma lists ---- */

/* The items of a list parameter, joined with "|". */
static void
check_items(const struct jparams *jp, enum jparam id, const char *want)
{
	char *s;

	s = jparams_join(jp, id, "|");
	ATF_REQUIRE(s != NULL);
	ATF_CHECK_STREQ_MSG(want, s, "%s", jparam_table[id].name);
	free(s);
}

ATF_TC_WITHOUT_HEAD(set_arg_splits_comma_lists);
ATF_TC_BODY(set_arg_splits_comma_lists, tc)
{
	struct jparams jp;

	memset(&jp, 0, sizeof(jp));
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp,
	    "ip4.addr=192.0.2.1,192.0.2.2"));
	ATF_CHECK_EQ(2, jp.v[JP_IP4_ADDR].nitems);
	check_items(&jp, JP_IP4_ADDR, "192.0.2.1|192.0.2.2");
	/* Lists append, on the command line as in a file. */
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "ip4.addr=em0|192.0.2.3/24"));
	check_items(&jp, JP_IP4_ADDR, "192.0.2.1|192.0.2.2|em0|192.0.2.3/24");
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp,
	    "ip6.addr=2001:db8::1,2001:db8::2"));
	check_items(&jp, JP_IP6_ADDR, "2001:db8::1|2001:db8::2");
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "vnet.interface=epair0b"));
	check_items(&jp, JP_VNET_INTERFACE, "epair0b");
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "zfs.dataset=a/b,c/d,e"));
	check_items(&jp, JP_ZFS_DATASET, "a/b|c/d|e");
	/* Empty items stay, as jail(8) keeps them. */
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "vnet.interface=,x,,"));
	check_items(&jp, JP_VNET_INTERFACE, "epair0b||x||");
	/* Other parameters keep their commas. */
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "exec.start=a,b"));
	check_items(&jp, JP_EXEC_START, "a,b");
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "depend=a,b"));
	check_items(&jp, JP_DEPEND, "a,b");
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "host.hostname=a,b"));
	check_value(&jp, JP_HOST_HOSTNAME, "a,b");
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "command=/bin/echo a,b"));
	check_items(&jp, JP_COMMAND, "/bin/echo a,b");
	jparams_free(&jp);
}

ATF_TC_WITHOUT_HEAD(set_does_not_split);
ATF_TC_BODY(set_does_not_split, tc)
{
	struct jparams jp;

	/* A configuration file's value is one item, commas and all. */
	memset(&jp, 0, sizeof(jp));
	set_ok(&jp, "ip4.addr", "192.0.2.1,192.0.2.2");
	check_items(&jp, JP_IP4_ADDR, "192.0.2.1,192.0.2.2");
	ATF_CHECK_EQ(1, jp.v[JP_IP4_ADDR].nitems);
	jparams_free(&jp);
}

ATF_TC_WITHOUT_HEAD(set_arg_comma_list_all_or_nothing);
ATF_TC_BODY(set_arg_comma_list_all_or_nothing, tc)
{
	struct jparams jp;

	memset(&jp, 0, sizeof(jp));
	/* Linux interface names have at most 15 bytes. */
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp,
	    "vnet.interface=abcdefghijklmno"));
	jb_errmsg[0] = '\0';
	errno = 0;
	ATF_CHECK_EQ(-1, jparams_set_arg(&jp,
	    "vnet.interface=eth0,abcdefghijklmnop,eth1"));
	ATF_CHECK_EQ(ENAMETOOLONG, errno);
	ATF_CHECK_STREQ("vnet.interface: value too long", jb_errmsg);
	check_items(&jp, JP_VNET_INTERFACE, "abcdefghijklmno");
	ATF_CHECK(jparams_isset(&jp, JP_VNET_INTERFACE));
	jparams_free(&jp);
	memset(&jp, 0, sizeof(jp));
	ATF_CHECK_EQ(-1, jparams_set_arg(&jp,
	    "vnet.interface=eth0,abcdefghijklmnop"));
	ATF_CHECK(!jparams_isset(&jp, JP_VNET_INTERFACE));
	ATF_CHECK_EQ(0, jp.v[JP_VNET_INTERFACE].nitems);
	/* An unknown name is reported as such. */
	ATF_CHECK_EQ(-1, jparams_set_arg(&jp, "ip4.adr=192.0.2.1,192.0.2.2"));
	ATF_CHECK_STREQ("unknown parameter: ip4.adr", jb_errmsg);
	jparams_free(&jp);
}

/* ---- jparams_check_pending, jparams_check_linux ---- */

/* A value of a row's type that is not its default. */
static const char *
other_value(const struct jparam_def *d, char *buf, size_t len)
{
	long long n;

	switch (d->type) {
	case JPT_BOOL:
		return (strcmp(d->dflt, "true") == 0 ? "false" : "true");
	case JPT_JAILSYS:
		return (strcmp(d->dflt, "new") == 0 ? "inherit" : "new");
	case JPT_INT:
		n = d->dflt == NULL ? d->min : strtoll(d->dflt, NULL, 10);
		if (d->dflt != NULL)
			n = n < d->max ? n + 1 : n - 1;
		snprintf(buf, len, "%lld", n);
		return (buf);
	case JPT_STRING:
	case JPT_LIST:
		break;
	}
	return ("x");
}

/*
 * Each row with flag accepts its default and is refused by check at any
 * other value, with msg after its name and errno err.
 */
static void
check_refusal(unsigned flag, int (*check)(const struct jparams *),
    const char *msg, int err)
{
	const struct jparam_def *d;
	struct jparams jp;
	char want[128], buf[32];
	int i, rows;

	for (rows = 0, i = 0; i < JP_NPARAMS; i++) {
		d = &jparam_table[i];
		if (!(d->flags & flag))
			continue;
		rows++;
		memset(&jp, 0, sizeof(jp));
		ATF_CHECK_EQ_MSG(0, check(&jp), "%s unset: %s", d->name,
		    jb_errmsg);
		if (d->dflt != NULL) {
			set_ok(&jp, d->name, d->dflt);
			ATF_CHECK_EQ_MSG(0, check(&jp), "%s=%s: %s", d->name,
			    d->dflt, jb_errmsg);
		}
		set_ok(&jp, d->name, other_value(d, buf, sizeof(buf)));
		jb_errmsg[0] = '\0';
		errno = 0;
		snprintf(want, sizeof(want), "%s: %s", d->name, msg);
		ATF_CHECK_EQ_MSG(-1, check(&jp), "%s=%s accepted", d->name,
		    jp.v[i].items[0]);
		ATF_CHECK_EQ_MSG(err, errno, "%s: errno %d", d->name, errno);
		ATF_CHECK_STREQ(want, jb_errmsg);
		jparams_free(&jp);
	}
	ATF_CHECK(rows > 0);
}

ATF_TC_WITHOUT_HEAD(check_pending_rows);
ATF_TC_BODY(check_pending_rows, tc)
{
	check_refusal(JPF_PENDING, jparams_check_pending,
	    "not implemented yet", ENOSYS);
}

ATF_TC_WITHOUT_HEAD(check_pending_details);
ATF_TC_BODY(check_pending_details, tc)
{
	struct jparams jp;
	int i;

	/* What is implemented passes, whatever its value. */
	memset(&jp, 0, sizeof(jp));
	set_ok(&jp, "persist", NULL);
	set_ok(&jp, "command", "/bin/sh");
	set_ok(&jp, "depend", "other");
	set_ok(&jp, "stop.timeout", "3");
	set_ok(&jp, "mount.noprocfs", NULL);
	set_ok(&jp, "allow.raw_sockets", NULL);
	set_ok(&jp, "sysvshm", "new");
	set_ok(&jp, "host.hostname", "www");
	set_ok(&jp, "meta", "owner=www");
	set_ok(&jp, "allow.dying", NULL);
	set_ok(&jp, "ip4", "disable");
	set_ok(&jp, "vnet", "inherit");
	set_ok(&jp, "host", "new");
	set_ok(&jp, "exec.noclean", NULL);
	set_ok(&jp, "mount.nodevfs", NULL);
	ATF_CHECK_EQ_MSG(0, jparams_check_pending(&jp), "%s", jb_errmsg);
	/* Of several, the first row in the table is named. */
	set_ok(&jp, "exec.start", "/bin/sh /etc/rc");
	set_ok(&jp, "mount.devfs", NULL);
	set_ok(&jp, "host.hostid", "7");
	set_ok(&jp, "host.hostuuid", "00000000-0000-0000-0000-000000000001");
	ATF_CHECK_EQ(-1, jparams_check_pending(&jp));
	ATF_CHECK_STREQ("host.hostuuid: not implemented yet", jb_errmsg);
	jparams_free(&jp);
	/* Nothing pending is refused as unsupported, nor the other way. */
	for (i = 0; i < JP_NPARAMS; i++) {
		memset(&jp, 0, sizeof(jp));
		if ((jparam_table[i].flags & JPF_PENDING) &&
		    jparams_set(&jp, jparam_table[i].name, "1") == 0)
			ATF_CHECK_EQ_MSG(0, jparams_check_linux(&jp), "%s",
			    jparam_table[i].name);
		if ((jparam_table[i].flags & JPF_DEFAULTONLY) &&
		    jparams_set(&jp, jparam_table[i].name, "1") == 0)
			ATF_CHECK_EQ_MSG(0, jparams_check_pending(&jp), "%s",
			    jparam_table[i].name);
		jparams_free(&jp);
	}
}

ATF_TC_WITHOUT_HEAD(check_linux_rows);
ATF_TC_BODY(check_linux_rows, tc)
{
	struct jparams jp;

	check_refusal(JPF_DEFAULTONLY, jparams_check_linux,
	    "not supported on Linux", ENOTSUP);
	/* The default given explicitly, in any spelling, is accepted. */
	memset(&jp, 0, sizeof(jp));
	set_ok(&jp, "allow.nomount", NULL);
	set_ok(&jp, "allow.vmm", "FALSE");
	set_ok(&jp, "children.max", "00");
	set_ok(&jp, "linux", NULL);
	set_ok(&jp, "zfs.mount_snapshot", "0");
	set_ok(&jp, "allow.unprivileged_parent_tampering", "1");
	ATF_CHECK_EQ_MSG(0, jparams_check_linux(&jp), "%s", jb_errmsg);
	set_ok(&jp, "allow.nounprivileged_parent_tampering", NULL);
	ATF_CHECK_EQ(-1, jparams_check_linux(&jp));
	ATF_CHECK_STREQ("allow.unprivileged_parent_tampering: not supported "
	    "on Linux", jb_errmsg);
	jparams_free(&jp);
	/* Rows without a default take no value at all. */
	memset(&jp, 0, sizeof(jp));
	set_ok(&jp, "exec.fib", "0");
	ATF_CHECK_EQ(-1, jparams_check_linux(&jp));
	ATF_CHECK_STREQ("exec.fib: not supported on Linux", jb_errmsg);
	jparams_free(&jp);
	memset(&jp, 0, sizeof(jp));
	ATF_REQUIRE_EQ(0, jparams_set_arg(&jp, "zfs.dataset=tank/j"));
	ATF_CHECK_EQ(-1, jparams_check_linux(&jp));
	ATF_CHECK_STREQ("zfs.dataset: not supported on Linux", jb_errmsg);
	jparams_free(&jp);
}

/* ---- quote_vis / quote_unvis ---- */

static void
check_vis(const char *in, const char *want)
{
	char *out, *back;

	out = quote_vis(in);
	ATF_REQUIRE(out != NULL);
	ATF_CHECK_STREQ(want, out);
	back = NULL;
	ATF_CHECK_EQ_MSG(0, quote_unvis(out, &back), "unvis(%s): %s", out,
	    jb_errmsg);
	if (back != NULL)
		ATF_CHECK_STREQ(in, back);
	free(back);
	free(out);
}

ATF_TC_WITHOUT_HEAD(vis_escapes);
ATF_TC_BODY(vis_escapes, tc)
{
	check_vis("", "");
	check_vis("www.example.org", "www.example.org");
	check_vis("with space", "with space");
	check_vis("a\nb", "a\\nb");
	check_vis("\n", "\\n");
	check_vis("a\tb", "a\\tb");
	check_vis("back\\slash", "back\\\\slash");
	check_vis("\"dq\" 'sq'", "\"dq\" 'sq'");
	check_vis("\r", "\\r");
	check_vis("\033[2J", "\\033[2J");
	check_vis("\x7f", "\\177");
	check_vis("caf\xc3\xa9", "caf\\303\\251");
	check_vis("\xff", "\\377");
	check_vis("a=b", "a=b");
}

ATF_TC_WITHOUT_HEAD(vis_output_is_printable);
ATF_TC_BODY(vis_output_is_printable, tc)
{
	char in[256], *out, *p;
	int i;

	for (i = 1; i < 256; i++)
		in[i - 1] = (char)i;
	in[255] = '\0';
	out = quote_vis(in);
	ATF_REQUIRE(out != NULL);
	for (p = out; *p != '\0'; p++)
		ATF_CHECK_MSG(*p >= 0x20 && *p < 0x7f,
		    "byte 0x%02x in the escaped text",
		    (unsigned)(unsigned char)*p);
	free(out);
}

ATF_TC_WITHOUT_HEAD(vis_round_trip_every_byte);
ATF_TC_BODY(vis_round_trip_every_byte, tc)
{
	char in[3 * 255 + 1], *out, *back;
	int i, j;

	/* Every byte alone, then followed by digits (octal ambiguity). */
	for (i = 1; i < 256; i++) {
		for (j = 0; j < 3; j++) {
			in[0] = (char)i;
			in[1] = '\0';
			if (j == 1)
				strcpy(in + 1, "7");
			if (j == 2)
				strcpy(in + 1, "0123\\n");
			out = quote_vis(in);
			ATF_REQUIRE(out != NULL);
			back = NULL;
			ATF_CHECK_EQ(0, quote_unvis(out, &back));
			if (back != NULL)
				ATF_CHECK_MSG(strcmp(in, back) == 0,
				    "byte 0x%02x (%d) did not survive: %s", i,
				    j, out);
			free(back);
			free(out);
		}
	}
	/* All of them in one string. */
	for (i = 1; i < 256; i++) {
		in[3 * (i - 1)] = (char)i;
		in[3 * (i - 1) + 1] = '\\';
		in[3 * (i - 1) + 2] = (char)(256 - i);
	}
	in[3 * 255] = '\0';
	out = quote_vis(in);
	ATF_REQUIRE(out != NULL);
	ATF_CHECK(strchr(out, '\n') == NULL);
	back = NULL;
	ATF_CHECK_EQ(0, quote_unvis(out, &back));
	if (back != NULL)
		ATF_CHECK(strcmp(in, back) == 0);
	free(back);
	free(out);
}

static void
unvis_bad(const char *in)
{
	char *out;

	out = NULL;
	jb_errmsg[0] = '\0';
	errno = 0;
	ATF_CHECK_EQ_MSG(-1, quote_unvis(in, &out), "\"%s\" decoded to \"%s\"",
	    in, out != NULL ? out : "");
	ATF_CHECK_EQ(EINVAL, errno);
	ATF_CHECK_STREQ("malformed value", jb_errmsg);
	free(out);
}

ATF_TC_WITHOUT_HEAD(unvis_refuses_malformed);
ATF_TC_BODY(unvis_refuses_malformed, tc)
{
	/* Nothing quote_vis() writes: a lone backslash, an unknown
	 * escape, an escaped NUL that would cut the value short. */
	unvis_bad("trailing\\");
	unvis_bad("\\");
	unvis_bad("a\\qb");
	unvis_bad("ab\\000cd");
}

/* ---- jb_err / jb_errx ---- */

ATF_TC_WITHOUT_HEAD(errmsg_texts);
ATF_TC_BODY(errmsg_texts, tc)
{
	errno = 0;
	ATF_CHECK_EQ(-1, jb_errx(EINVAL, "bad %s %d", "thing", 7));
	ATF_CHECK_EQ(EINVAL, errno);
	ATF_CHECK_STREQ("bad thing 7", jb_errmsg);
	errno = 0;
	ATF_CHECK_EQ(-1, jb_err(ENOENT, "path %s", "/x"));
	ATF_CHECK_EQ(ENOENT, errno);
	ATF_CHECK_STREQ("path /x: No such file or directory", jb_errmsg);
}

ATF_TC_WITHOUT_HEAD(errmsg_truncates);
ATF_TC_BODY(errmsg_truncates, tc)
{
	char big[3 * JB_ERRMSG_LEN];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ATF_CHECK_EQ(-1, jb_err(EPERM, "%s", big));
	ATF_CHECK_EQ(JB_ERRMSG_LEN - 1, strlen(jb_errmsg));
	ATF_CHECK_EQ(EPERM, errno);
}

/* ---- registry_name_check ---- */

static void
name_ok(const char *name, int jid)
{
	ATF_CHECK_EQ_MSG(0, registry_name_check(name, jid),
	    "\"%s\" (jid %d) refused: %s", name, jid, jb_errmsg);
}

static void
name_bad(const char *name, int jid, const char *msg)
{
	jb_errmsg[0] = '\0';
	errno = 0;
	ATF_CHECK_EQ_MSG(-1, registry_name_check(name, jid),
	    "\"%s\" (jid %d) accepted", name, jid);
	ATF_CHECK_EQ(EINVAL, errno);
	ATF_CHECK_STREQ(msg, jb_errmsg);
}

ATF_TC_WITHOUT_HEAD(name_check_accepts);
ATF_TC_BODY(name_check_accepts, tc)
{
	name_ok("www", 0);
	name_ok("www", 5);
	name_ok("a", 0);
	name_ok("Web-1_db+x.example.org", 0);
	name_ok("user@host:8080", 0);
	name_ok("x.", 0);
	name_ok("a..b", 0);
	name_ok("1a", 0);
	name_ok("a1", 0);
	name_ok("12", 12);
	name_ok("1", 1);
	name_ok("2147483647", 2147483647);
}

ATF_TC_WITHOUT_HEAD(name_check_refuses);
ATF_TC_BODY(name_check_refuses, tc)
{
	name_bad("", 0, "name cannot be empty");
	name_bad(".", 0, "name cannot start with \".\"");
	name_bad("..", 0, "name cannot start with \".\"");
	name_bad(".x", 0, "name cannot start with \".\"");
	name_bad("a/b", 0, "name cannot contain \"/\"");
	name_bad("/", 0, "name cannot contain \"/\"");
	name_bad("a/", 0, "name cannot contain \"/\"");
	name_bad("a\nb", 0, "name cannot contain the character 0x0a");
	name_bad("a\tb", 0, "name cannot contain the character 0x09");
	name_bad("a b", 0, "name cannot contain the character 0x20");
	name_bad("a\033", 0, "name cannot contain the character 0x1b");
	name_bad("caf\xc3\xa9", 0, "name cannot contain the character 0xc3");
	name_bad("a*", 0, "name cannot contain the character 0x2a");
	name_bad("12", 0, "name cannot be numeric (unless it is the jid)");
	name_bad("12", 13, "name cannot be numeric (unless it is the jid)");
	name_bad("012", 12, "name cannot be numeric (unless it is the jid)");
	name_bad("012", 0, "name cannot be numeric (unless it is the jid)");
	name_bad("0", 0, "name cannot be numeric (unless it is the jid)");
	name_bad("0", 5, "name cannot be numeric (unless it is the jid)");
	name_bad("00", 0, "name cannot be numeric (unless it is the jid)");
	name_bad("99999999999", 0,
	    "name cannot be numeric (unless it is the jid)");
}

/* ---- jail_modify_check, jail_modify_needs_restart ---- */

/*
 * A running jail as the registry would hand it over, in memory only:
 * jid 3, name www, a root that does not exist (so that no path is ever
 * resolved on this system), a host name, persist.
 */
static void
modify_entry(struct jail_entry *je)
{
	memset(je, 0, sizeof(*je));
	je->jid = 3;
	je->init_pid = 100;
	je->init_start = 12345;
	je->alive = 1;
	set_ok(&je->params, "jid", "3");
	set_ok(&je->params, "name", "www");
	set_ok(&je->params, "path", "/nonexistent-jailbox-test/www");
	set_ok(&je->params, "host.hostname", "www.example");
	set_ok(&je->params, "persist", NULL);
}

/*
 * Changes from name=value arguments (NULL-terminated), checked against
 * the entry: want_rc 0, or -1 with err and msg; and what
 * jail_modify_needs_restart() says.
 */
static void
modify_case(const char *const *args, int want_rc, int err, const char *msg,
    int restart)
{
	struct jail_entry je;
	struct jparams ch;
	const char *const *a;
	char what[256];
	int rc;

	modify_entry(&je);
	memset(&ch, 0, sizeof(ch));
	what[0] = '\0';
	for (a = args; *a != NULL; a++) {
		ATF_REQUIRE_MSG(jparams_set_arg(&ch, *a) == 0, "%s: %s", *a,
		    jb_errmsg);
		strncat(what, " ", sizeof(what) - strlen(what) - 1);
		strncat(what, *a, sizeof(what) - strlen(what) - 1);
	}
	jb_errmsg[0] = '\0';
	errno = 0;
	rc = jail_modify_check(&je, &ch);
	ATF_CHECK_EQ_MSG(want_rc, rc, "check%s: %d, not %d (%s)", what, rc,
	    want_rc, jb_errmsg);
	if (want_rc == -1 && rc == -1) {
		ATF_CHECK_EQ_MSG(err, errno, "check%s: errno %d, not %d", what,
		    errno, err);
		ATF_CHECK_STREQ_MSG(msg, jb_errmsg, "check%s", what);
	}
	ATF_CHECK_EQ_MSG(restart, jail_modify_needs_restart(&je, &ch),
	    "needs_restart%s", what);
	registry_entry_free(&je);
	jparams_free(&ch);
}

#define MODIFY_OK(restart, ...) \
	modify_case((const char *const []){ __VA_ARGS__, NULL }, 0, 0, NULL, \
	    restart)
#define MODIFY_FAILS(err, msg, restart, ...) \
	modify_case((const char *const []){ __VA_ARGS__, NULL }, -1, err, \
	    msg, restart)

ATF_TC_WITHOUT_HEAD(modify_changeable);
ATF_TC_BODY(modify_changeable, tc)
{
	MODIFY_OK(0, "name=www", "host.hostname=mail.example");
	MODIFY_OK(0, "name=www", "nopersist");
	MODIFY_OK(0, "name=www", "persist=1");
	MODIFY_OK(0, "name=www", "stop.timeout=30");
	MODIFY_OK(0, "jid=3", "host.hostname=", "stop.timeout=0",
	    "persist=false");
	MODIFY_OK(0, "jid=3");
}

ATF_TC_WITHOUT_HEAD(modify_createonly_unchanged);
ATF_TC_BODY(modify_createonly_unchanged, tc)
{
	/* The jail's own values, and defaults for what it never set. */
	MODIFY_OK(0, "name=www", "path=/nonexistent-jailbox-test/www");
	MODIFY_OK(0, "jid=3", "securelevel=-1", "enforce_statfs=2",
	    "devfs_ruleset=0");
	MODIFY_OK(0, "name=www", "mount.procfs", "console=false",
	    "console.buffer=65536");
	MODIFY_OK(0, "name=www", "sysvmsg=disable", "sysvsem=0",
	    "nosysvshm");
	MODIFY_OK(0, "name=www", "allow.raw_sockets=false",
	    "allow.set_hostname", "allow.suser=1", "allow.noadjtime");
	MODIFY_OK(0, "name=www", "path=/nonexistent-jailbox-test/www",
	    "host.hostname=x", "securelevel=-1");
}

ATF_TC_WITHOUT_HEAD(modify_createonly_changed);
ATF_TC_BODY(modify_createonly_changed, tc)
{
	MODIFY_FAILS(EPERM, "path cannot be changed after creation", 1,
	    "name=www", "path=/nonexistent-jailbox-test/other");
	MODIFY_FAILS(EPERM, "jid cannot be changed after creation", 1,
	    "jid=4");
	MODIFY_FAILS(EPERM, "securelevel cannot be changed after creation",
	    1, "name=www", "securelevel=3");
	MODIFY_FAILS(EPERM, "enforce_statfs cannot be changed after creation",
	    1, "name=www", "enforce_statfs=0");
	MODIFY_FAILS(EPERM, "devfs_ruleset cannot be changed after creation",
	    1, "name=www", "devfs_ruleset=4");
	MODIFY_FAILS(EPERM, "mount.procfs cannot be changed after creation",
	    1, "name=www", "mount.noprocfs");
	MODIFY_FAILS(EPERM, "console cannot be changed after creation", 1,
	    "name=www", "console");
	MODIFY_FAILS(EPERM, "console.buffer cannot be changed after creation",
	    1, "name=www", "console.buffer=8192");
	MODIFY_FAILS(EPERM, "sysvshm cannot be changed after creation", 1,
	    "name=www", "sysvshm=new");
	MODIFY_FAILS(EPERM, "allow.raw_sockets cannot be changed after "
	    "creation", 1, "name=www", "allow.raw_sockets");
	MODIFY_FAILS(EPERM, "allow.set_hostname cannot be changed after "
	    "creation", 1, "name=www", "allow.noset_hostname");
	/* Checked in table order: the first is reported. */
	MODIFY_FAILS(EPERM, "path cannot be changed after creation", 1,
	    "name=www", "securelevel=3", "host.hostname=x", "path=/x");
}

ATF_TC_WITHOUT_HEAD(modify_defaultonly);
ATF_TC_BODY(modify_defaultonly, tc)
{
	MODIFY_OK(0, "name=www", "children.max=0", "allow.nomount");
	MODIFY_FAILS(ENOTSUP, "children.max: not supported on Linux", 0,
	    "name=www", "children.max=5");
	MODIFY_FAILS(ENOTSUP, "allow.mount: not supported on Linux", 0,
	    "name=www", "allow.mount");
	/* Not supported comes before cannot be changed. */
	MODIFY_FAILS(ENOTSUP, "allow.mount: not supported on Linux", 1,
	    "name=www", "path=/x", "allow.mount");
}

ATF_TC_WITHOUT_HEAD(modify_pseudo_ignored);
ATF_TC_BODY(modify_pseudo_ignored, tc)
{
	MODIFY_OK(0, "name=www", "command=/bin/sh", "command=-c");
}

ATF_TC_WITHOUT_HEAD(modify_name);
ATF_TC_BODY(modify_name, tc)
{
	/* Without a jid, the name is what finds the jail. */
	MODIFY_OK(0, "name=www");
	MODIFY_FAILS(ENOENT, "jail \"mail\" not found", 0, "name=mail",
	    "host.hostname=x");
	MODIFY_FAILS(ENOENT, "jail \"a\\nb\" not found", 0, "name=a\nb");
	/* With one, a new name, under the same rules as at creation. */
	MODIFY_OK(0, "jid=3", "name=mail");
	MODIFY_OK(0, "jid=3", "name=3");
	MODIFY_OK(0, "jid=3", "name=www");
	MODIFY_FAILS(EINVAL, "name cannot be numeric (unless it is the jid)",
	    0, "jid=3", "name=12");
	MODIFY_FAILS(EINVAL, "name cannot contain \"/\"", 0, "jid=3",
	    "name=a/b");
	MODIFY_FAILS(EINVAL, "name cannot start with \".\"", 0, "jid=3",
	    "name=..");
	MODIFY_FAILS(EINVAL, "name cannot be empty", 0, "jid=3", "name=");
}

/*
 * Every row that the table lets change on a running jail must be one
 * jail -m knows how to change: a new value for each passes the check.
 */
ATF_TC_WITHOUT_HEAD(modify_every_changeable_row);
ATF_TC_BODY(modify_every_changeable_row, tc)
{
	const struct jparam_def *def;
	struct jail_entry je;
	struct jparams ch;
	char value[32];
	int p, n;

	for (n = 0, p = 0; p < JP_NPARAMS; p++) {
		def = &jparam_table[p];
		if (!JPARAM_STORED(def) || (def->flags & (JPF_CREATEONLY |
		    JPF_DEFAULTONLY | JPF_READONLY | JPF_PENDING)))
			continue;
		modify_entry(&je);
		memset(&ch, 0, sizeof(ch));
		set_ok(&ch, "jid", "3");
		switch (def->type) {
		case JPT_BOOL:
			snprintf(value, sizeof(value), "%s",
			    jparams_bool(&je.params, p) ? "false" : "true");
			break;
		case JPT_INT:
			snprintf(value, sizeof(value), "%lld",
			    jparams_int(&je.params, p) == def->max ?
			    def->min : def->max);
			break;
		case JPT_JAILSYS:
			snprintf(value, sizeof(value), "%s",
			    jparams_int(&je.params, p) == JAILSYS_NEW ?
			    "inherit" : "new");
			break;
		default:
			snprintf(value, sizeof(value), "changed");
			break;
		}
		set_ok(&ch, def->name, value);
		ATF_CHECK_EQ_MSG(0, jail_modify_check(&je, &ch),
		    "%s=%s: %s", def->name, value, jb_errmsg);
		ATF_CHECK_EQ_MSG(0, jail_modify_needs_restart(&je, &ch),
		    "%s=%s needs a restart", def->name, value);
		registry_entry_free(&je);
		jparams_free(&ch);
		n++;
	}
	/* name, host.hostname, persist, stop.timeout at least. */
	ATF_CHECK_MSG(n >= 4, "only %d changeable rows", n);
}

/* A check changes neither the entry nor the changes, pass or fail. */
ATF_TC_WITHOUT_HEAD(modify_check_has_no_side_effect);
ATF_TC_BODY(modify_check_has_no_side_effect, tc)
{
	struct jail_entry je;
	struct jparams ch;
	int p;

	modify_entry(&je);
	memset(&ch, 0, sizeof(ch));
	set_ok(&ch, "jid", "3");
	set_ok(&ch, "name", "mail");
	set_ok(&ch, "host.hostname", "mail.example");
	set_ok(&ch, "nopersist", NULL);
	ATF_CHECK_EQ(0, jail_modify_check(&je, &ch));
	set_ok(&ch, "securelevel", "2");
	ATF_CHECK_EQ(-1, jail_modify_check(&je, &ch));
	ATF_CHECK_EQ(1, jail_modify_needs_restart(&je, &ch));
	check_value(&je.params, JP_NAME, "www");
	check_value(&je.params, JP_HOST_HOSTNAME, "www.example");
	check_value(&je.params, JP_PERSIST, "true");
	for (p = 0; p < JP_NPARAMS; p++)
		if (p != JP_JID && p != JP_NAME && p != JP_PATH &&
		    p != JP_HOST_HOSTNAME && p != JP_PERSIST)
			ATF_CHECK_MSG(!jparams_isset(&je.params, p),
			    "%s set by a check", jparam_table[p].name);
	check_value(&ch, JP_NAME, "mail");
	check_value(&ch, JP_PERSIST, "false");
	check_value(&ch, JP_SECURELEVEL, "2");
	ATF_CHECK_EQ(3, je.jid);
	ATF_CHECK_EQ(1, je.alive);
	registry_entry_free(&je);
	jparams_free(&ch);
}

/*
 * A cache entry is taken for a filter only if it starts with exactly
 * that filter's key: not another rule set's, not one differing in a
 * byte, not a key alone.
 */
ATF_TC_WITHOUT_HEAD(filter_key_checked);
ATF_TC_BODY(filter_key_checked, tc)
{
	struct confine_key a, b;
	struct jparams ja, jb;
	struct sock_fprog prog;
	unsigned char *buf;
	size_t len;

	memset(&ja, 0, sizeof(ja));
	memset(&jb, 0, sizeof(jb));
	set_ok(&jb, "allow.sysvipc", "true");
	ATF_REQUIRE(confine_filter_key(&ja, &a) == 0);
	ATF_REQUIRE(confine_filter_key(&jb, &b) == 0);
	ATF_CHECK(a.len != b.len || memcmp(a.bytes, b.bytes, a.len) != 0);
	ATF_CHECK(strcmp(a.name, b.name) != 0);
	ATF_CHECK_EQ(16, strlen(a.name));
	len = a.len + 16;
	ATF_REQUIRE((buf = malloc(len + b.len)) != NULL);
	/* a's key and two instructions: a's filter. */
	memcpy(buf, a.bytes, a.len);
	memset(buf + a.len, 0x06, 16);
	ATF_REQUIRE(confine_filter_cached(&a, buf, len, &prog) == 0);
	ATF_CHECK_EQ(2, prog.len);
	ATF_CHECK((void *)prog.filter == (void *)buf);
	/* The same with one byte of the key changed: not a's. */
	memcpy(buf, a.bytes, a.len);
	buf[a.len / 2] ^= 1;
	memset(buf + a.len, 0x06, 16);
	ATF_CHECK(confine_filter_cached(&a, buf, len, &prog) == -1);
	/* b's key, padded to a's length: not a's. */
	memset(buf, 0, len);
	memcpy(buf, b.bytes, b.len < a.len ? b.len : a.len);
	ATF_CHECK(confine_filter_cached(&a, buf, len, &prog) == -1);
	/* a's key and nothing after it. */
	memcpy(buf, a.bytes, a.len);
	ATF_CHECK(confine_filter_cached(&a, buf, a.len, &prog) == -1);
	free(buf);
	confine_key_free(&a);
	confine_key_free(&b);
	jparams_free(&jb);
}

/* --- env, proc_spawn ---------------------------------------------- */

ATF_TC_WITHOUT_HEAD(env_edits_a_copy);
ATF_TC_BODY(env_edits_a_copy, tc)
{
	char a[] = "A=1", b[] = "B=2";
	char *mine[] = { a, b, NULL };
	char **old;

	environ = mine;
	ATF_REQUIRE(env_set("A", "3") == 0);
	ATF_CHECK(environ != mine);
	ATF_CHECK_STREQ(getenv("A"), "3");
	ATF_CHECK_STREQ(getenv("B"), "2");
	ATF_REQUIRE(env_set("C", "x=y") == 0);
	ATF_CHECK_STREQ(getenv("C"), "x=y");
	ATF_CHECK_STREQ(environ[0], "A=3");
	ATF_CHECK_STREQ(environ[2], "C=x=y");
	ATF_CHECK(environ[3] == NULL);
	old = environ;
	ATF_REQUIRE(env_clear() == 0);
	ATF_CHECK(environ[0] == NULL);
	ATF_CHECK_STREQ(old[0], "A=3");
	/* Nothing of the arrays before was written. */
	ATF_CHECK(mine[0] == a && mine[1] == b && mine[2] == NULL);
	ATF_CHECK_STREQ(a, "A=1");
}

static int	spawn_seen;

/* In the child of proc_spawn: 7 if every signal is blocked. */
static int
spawn_child(void *arg)
{
	sigset_t set;

	spawn_seen = *(int *)arg;
	if (env_set("SPAWNED", "yes") == -1)
		return (1);
	sigprocmask(SIG_SETMASK, NULL, &set);
	return (sigismember(&set, SIGTERM) && sigismember(&set, SIGINT) &&
	    sigismember(&set, SIGCHLD) ? 7 : 8);
}

ATF_TC_WITHOUT_HEAD(proc_spawn_shares_memory);
ATF_TC_BODY(proc_spawn_shares_memory, tc)
{
	char **env = environ;
	sigset_t before, after;
	int arg = 42, status;
	pid_t pid;

	sigprocmask(SIG_SETMASK, NULL, &before);
	pid = proc_spawn(0, -1, spawn_child, &arg);
#if !defined(__x86_64__)
	/* Not written for this machine: the caller forks instead. */
	ATF_CHECK(pid == -1 && errno == ENOSYS);
	return;
#endif
	ATF_REQUIRE_MSG(pid > 0, "%s", jb_errmsg);
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	/* The child wrote here; its environment was not left behind. */
	ATF_CHECK_EQ(spawn_seen, 42);
	ATF_CHECK(environ == env);
	ATF_CHECK(getenv("SPAWNED") == NULL);
	sigprocmask(SIG_SETMASK, NULL, &after);
	ATF_CHECK(sigismember(&after, SIGTERM) ==
	    sigismember(&before, SIGTERM));
}

/*
 * preload: the files of ids[0..n) under the test's directory, each
 * "<id>/f" holding "file <id>\n", but for some that are missing, too big
 * or symbolic links, which whoever reads them must refuse.
 */
enum { PL_FILE, PL_MISSING, PL_BIG, PL_LINK };

static int
preload_kind(size_t k)
{
	return (k % 13 == 5 ? PL_MISSING : k % 17 == 3 ? PL_BIG :
	    k % 19 == 7 ? PL_LINK : PL_FILE);
}

/* The files; each one big (size + 1 bytes) unless mixed. */
static void
preload_files(int *ids, size_t n, size_t size, int mixed)
{
	char path[64], *big;
	size_t k;
	FILE *fp;
	int kind;

	ATF_REQUIRE((big = malloc(size + 2)) != NULL);
	memset(big, 'x', size + 1);
	big[size + 1] = '\0';
	for (k = 0; k < n; k++) {
		ids[k] = (int)(3 * k + 1);
		snprintf(path, sizeof(path), "%d", ids[k]);
		ATF_REQUIRE(mkdir(path, 0700) == 0);
		snprintf(path, sizeof(path), "%d/f", ids[k]);
		kind = mixed ? preload_kind(k) : PL_BIG;
		switch (kind) {
		case PL_MISSING:
			continue;
		case PL_LINK:
			ATF_REQUIRE(symlink("../1/f", path) == 0);
			continue;
		}
		ATF_REQUIRE((fp = fopen(path, "w")) != NULL);
		if (kind == PL_BIG)
			fputs(big, fp);
		else
			fprintf(fp, "file %d\n", ids[k]);
		ATF_REQUIRE(fclose(fp) == 0);
	}
	free(big);
}

/* Whether more than one CPU is ours: a helper is started only then. */
static int
preload_cpus(void)
{
	cpu_set_t set;

	ATF_REQUIRE(sched_getaffinity(0, sizeof(set), &set) == 0);
	return (CPU_COUNT(&set) > 1);
}

ATF_TC_WITHOUT_HEAD(preload_reads_from_both_ends);
ATF_TC_BODY(preload_reads_from_both_ends, tc)
{
	struct preload *p;
	int ids[200], dirfd, mine, taken, refused;
	char want[32], *text;
	size_t k;

	preload_files(ids, nitems(ids), 100, 1);
	ATF_REQUIRE((dirfd = open(".", O_PATH | O_DIRECTORY)) != -1);
	p = preload_start(dirfd, ids, nitems(ids), "f", 100);
	if (preload_cpus())
		ATF_REQUIRE(p != NULL);
	else
		ATF_REQUIRE(p == NULL);
	mine = taken = refused = 0;
	for (k = 0; k < nitems(ids); k++) {
		if (preload_mine(p, k)) {
			/* A slow caller: the helper reads most of them. */
			mine++;
			usleep(2000);
			continue;
		}
		snprintf(want, sizeof(want), "file %d\n", ids[k]);
		if ((text = preload_take(p, k)) == NULL) {
			refused++;
			ATF_CHECK_MSG(preload_kind(k) != PL_FILE,
			    "%d/f not read", ids[k]);
		} else {
			taken++;
			ATF_CHECK_MSG(preload_kind(k) == PL_FILE,
			    "%d/f read", ids[k]);
			ATF_CHECK_STREQ(text, want);
		}
	}
	preload_end(p);
	close(dirfd);
	ATF_CHECK_EQ(mine + taken + refused, (int)nitems(ids));
	if (p != NULL) {
		/* Every kind of file reached the helper. */
		ATF_CHECK_MSG(taken > 100 && refused > 20,
		    "mine %d taken %d refused %d", mine, taken, refused);
	} else
		ATF_CHECK_EQ(mine, (int)nitems(ids));
}

ATF_TC_WITHOUT_HEAD(preload_stops_when_full);
ATF_TC_BODY(preload_stops_when_full, tc)
{
	struct preload *p;
	int ids[40], dirfd, mine, taken;
	size_t k, max;
	char *text;

	/* 40 files of 300 KiB, as big as they may be: more than the room. */
	max = 300 * 1024;
	preload_files(ids, nitems(ids), max - 1, 0);
	ATF_REQUIRE((dirfd = open(".", O_PATH | O_DIRECTORY)) != -1);
	p = preload_start(dirfd, ids, nitems(ids), "f", max);
	ATF_REQUIRE(preload_cpus() ? p != NULL : p == NULL);
	/* Let the helper do all it will before the caller starts. */
	if (p != NULL)
		ATF_CHECK(preload_take(p, 0) == NULL);
	mine = taken = 0;
	for (k = 0; k < nitems(ids); k++) {
		if (preload_mine(p, k)) {
			mine++;
			continue;
		}
		ATF_REQUIRE((text = preload_take(p, k)) != NULL);
		ATF_CHECK_EQ(strlen(text), max);
		taken++;
	}
	preload_end(p);
	close(dirfd);
	ATF_CHECK_EQ(mine + taken, (int)nitems(ids));
	/* The helper stopped with no room left; the caller read the rest. */
	if (p != NULL)
		ATF_CHECK_MSG(taken > 0 && mine > 0, "mine %d taken %d", mine,
		    taken);
	else
		ATF_CHECK_EQ(mine, (int)nitems(ids));
}

ATF_TC_WITHOUT_HEAD(preload_few_files_alone);
ATF_TC_BODY(preload_few_files_alone, tc)
{
	int ids[4] = { 1, 2, 3, 4 };
	size_t k;

	ATF_CHECK(preload_start(AT_FDCWD, ids, nitems(ids), "f", 100) ==
	    NULL);
	for (k = 0; k < nitems(ids); k++)
		ATF_CHECK(preload_mine(NULL, k));
	preload_end(NULL);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, env_edits_a_copy);
	ATF_TP_ADD_TC(tp, proc_spawn_shares_memory);
	ATF_TP_ADD_TC(tp, preload_reads_from_both_ends);
	ATF_TP_ADD_TC(tp, preload_stops_when_full);
	ATF_TP_ADD_TC(tp, preload_few_files_alone);
	ATF_TP_ADD_TC(tp, filter_key_checked);
	ATF_TP_ADD_TC(tp, lookup_every_table_name);
	ATF_TP_ADD_TC(tp, lookup_negated_booleans);
	ATF_TP_ADD_TC(tp, lookup_unknown_names);
	ATF_TP_ADD_TC(tp, set_bool_bare_is_true);
	ATF_TP_ADD_TC(tp, set_bool_negated);
	ATF_TP_ADD_TC(tp, set_bool_words_and_numbers);
	ATF_TP_ADD_TC(tp, set_bool_bad_values);
	ATF_TP_ADD_TC(tp, set_negated_bool_with_value);
	ATF_TP_ADD_TC(tp, set_bool_last_wins);
	ATF_TP_ADD_TC(tp, set_int_canonical);
	ATF_TP_ADD_TC(tp, set_int_errors);
	ATF_TP_ADD_TC(tp, set_unknown_parameter);
	ATF_TP_ADD_TC(tp, defaults);
	ATF_TP_ADD_TC(tp, set_string_replaces);
	ATF_TP_ADD_TC(tp, set_string_length_limits);
	ATF_TP_ADD_TC(tp, set_list_appends);
	ATF_TP_ADD_TC(tp, set_arg_splits_at_first_equals);
	ATF_TP_ADD_TC(tp, join_defaults_and_empty);
	ATF_TP_ADD_TC(tp, table_rows_are_well_formed);
	ATF_TP_ADD_TC(tp, table_defaults_are_canonical);
	ATF_TP_ADD_TC(tp, table_has_every_manual_parameter);
	ATF_TP_ADD_TC(tp, table_types);
	ATF_TP_ADD_TC(tp, table_freebsd_defaults);
	ATF_TP_ADD_TC(tp, table_flags);
	ATF_TP_ADD_TC(tp, known_names);
	ATF_TP_ADD_TC(tp, set_jailsys_values);
	ATF_TP_ADD_TC(tp, set_jailsys_bad_values);
	ATF_TP_ADD_TC(tp, set_read_only_refused);
	ATF_TP_ADD_TC(tp, set_arg_splits_comma_lists);
	ATF_TP_ADD_TC(tp, set_does_not_split);
	ATF_TP_ADD_TC(tp, set_arg_comma_list_all_or_nothing);
	ATF_TP_ADD_TC(tp, check_pending_rows);
	ATF_TP_ADD_TC(tp, check_pending_details);
	ATF_TP_ADD_TC(tp, check_linux_rows);
	ATF_TP_ADD_TC(tp, vis_escapes);
	ATF_TP_ADD_TC(tp, vis_output_is_printable);
	ATF_TP_ADD_TC(tp, vis_round_trip_every_byte);
	ATF_TP_ADD_TC(tp, unvis_refuses_malformed);
	ATF_TP_ADD_TC(tp, errmsg_texts);
	ATF_TP_ADD_TC(tp, errmsg_truncates);
	ATF_TP_ADD_TC(tp, name_check_accepts);
	ATF_TP_ADD_TC(tp, name_check_refuses);
	ATF_TP_ADD_TC(tp, modify_changeable);
	ATF_TP_ADD_TC(tp, modify_createonly_unchanged);
	ATF_TP_ADD_TC(tp, modify_createonly_changed);
	ATF_TP_ADD_TC(tp, modify_defaultonly);
	ATF_TP_ADD_TC(tp, modify_pseudo_ignored);
	ATF_TP_ADD_TC(tp, modify_name);
	ATF_TP_ADD_TC(tp, modify_every_changeable_row);
	ATF_TP_ADD_TC(tp, modify_check_has_no_side_effect);
	return (atf_no_error());
}
