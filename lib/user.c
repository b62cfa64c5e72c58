/*
 * passwd(5) and group(5) without NSS.  A jail's root is free to put
 * anything in its /etc: files are opened under a root directory with
 * openat2(RESOLVE_IN_ROOT), never through a magic link, must be regular
 * and at most USER_FILE_MAX bytes, and a line that is too long, holds a
 * NUL byte or does not have the right fields is skipped as if absent,
 * as the C library's own files backend skips it.  NIS "+" and "-" lines
 * are skipped too: there is nothing to compat with.
 */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <linux/openat2.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errmsg.h"
#include "user.h"

#define PASSWD_FIELDS	7	/* name:pw:uid:gid:gecos:home:shell */
#define GROUP_FIELDS	4	/* name:pw:gid:member,member */

struct field {
	const char	*s;
	size_t		 len;
};

static int	next_line(const char **, const char *, const char **,
		    size_t *);
static int	split_fields(const char *, size_t, struct field *, int);
static int	parse_id(const struct field *, uint32_t *);
static int	copy_field(char *, size_t, const struct field *);
static int	field_is(const struct field *, const char *);
static int	passwd_entry(const char *, size_t, struct jb_user *);
static int	all_digits(const char *);
static int	add_group(struct jb_user *, gid_t);
static int	open_in_root(int, const char *);

/*
 * The next line of [*pp, end) in *linep, *lenp, without its newline;
 * 0 at the end.  Lines that cannot be an entry come back as length 0,
 * which every caller skips.
 */
static int
next_line(const char **pp, const char *end, const char **linep, size_t *lenp)
{
	const char *p, *nl;

	if ((p = *pp) >= end)
		return (0);
	if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
		nl = end;
	*pp = nl < end ? nl + 1 : end;
	*linep = p;
	*lenp = (size_t)(nl - p);
	if (*lenp >= USER_LINE_MAX || memchr(p, '\0', *lenp) != NULL ||
	    *lenp == 0 || p[0] == '#' || p[0] == '+' || p[0] == '-')
		*lenp = 0;
	return (1);
}

/* Exactly n colon-separated fields, or -1. */
static int
split_fields(const char *line, size_t len, struct field *f, int n)
{
	const char *p, *end, *c;
	int i;

	p = line;
	end = line + len;
	for (i = 0; i < n; i++) {
		c = memchr(p, ':', (size_t)(end - p));
		if (c == NULL)
			c = end;
		if (i == n - 1 ? c != end : c == end)
			return (-1);
		f[i].s = p;
		f[i].len = (size_t)(c - p);
		p = c + 1;
	}
	return (0);
}

/* A uid or gid: decimal digits only, and never (uid_t)-1. */
static int
parse_id(const struct field *f, uint32_t *idp)
{
	uint64_t v;
	size_t i;

	if (f->len == 0 || f->len > 10)
		return (-1);
	for (v = 0, i = 0; i < f->len; i++) {
		if (f->s[i] < '0' || f->s[i] > '9')
			return (-1);
		v = v * 10 + (uint64_t)(f->s[i] - '0');
	}
	if (v >= UINT32_MAX)
		return (-1);
	*idp = (uint32_t)v;
	return (0);
}

static int
copy_field(char *dst, size_t size, const struct field *f)
{
	if (f->len >= size)
		return (-1);
	memcpy(dst, f->s, f->len);
	dst[f->len] = '\0';
	return (0);
}

static int
field_is(const struct field *f, const char *s)
{
	return (strlen(s) == f->len && memcmp(f->s, s, f->len) == 0);
}

/* One well-formed passwd line into *u, or -1 for a malformed one. */
static int
passwd_entry(const char *line, size_t len, struct jb_user *u)
{
	struct field f[PASSWD_FIELDS];
	uint32_t uid, gid;

	if (len == 0 || split_fields(line, len, f, PASSWD_FIELDS) == -1 ||
	    f[0].len == 0 || parse_id(&f[2], &uid) == -1 ||
	    parse_id(&f[3], &gid) == -1 ||
	    copy_field(u->name, sizeof(u->name), &f[0]) == -1 ||
	    copy_field(u->home, sizeof(u->home), &f[5]) == -1 ||
	    copy_field(u->shell, sizeof(u->shell), &f[6]) == -1)
		return (-1);
	u->uid = uid;
	u->gid = gid;
	if (u->home[0] == '\0')
		strcpy(u->home, "/");
	if (u->shell[0] == '\0')
		strcpy(u->shell, "/bin/sh");
	u->groups[0] = gid;
	u->ngroups = 1;
	return (0);
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return (0);
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return (0);
	return (1);
}

/*
 * Find who, a user name or else a numeric uid, in a passwd file's bytes:
 * the first well-formed entry of that name, or failing one, of that uid.
 */
int
user_passwd_find(const char *buf, size_t len, const char *who,
    struct jb_user *u)
{
	const char *p, *end, *line;
	struct jb_user e;
	size_t n;
	int pass;

	end = buf + len;
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 && !all_digits(who))
			break;
		for (p = buf; next_line(&p, end, &line, &n);) {
			if (passwd_entry(line, n, &e) == -1)
				continue;
			if (pass == 0 ? strcmp(e.name, who) == 0 :
			    strtoull(who, NULL, 10) == e.uid &&
			    strlen(who) <= 10) {
				*u = e;
				return (0);
			}
		}
	}
	return (jb_errx(ENOENT, "%s: no such user", who));
}

static int
add_group(struct jb_user *u, gid_t gid)
{
	size_t i;

	for (i = 0; i < u->ngroups; i++)
		if (u->groups[i] == gid)
			return (0);
	if (u->ngroups >= USER_NGROUPS)
		return (jb_errx(E2BIG, "%s: in more than %d groups", u->name,
		    USER_NGROUPS));
	u->groups[u->ngroups++] = gid;
	return (0);
}

/*
 * Add to u's groups every group of a group file's bytes that lists u by
 * name among its members; u's primary group stays first.
 */
int
user_group_collect(const char *buf, size_t len, struct jb_user *u)
{
	const char *p, *end, *line, *m, *c;
	struct field f[GROUP_FIELDS], member;
	uint32_t gid;
	size_t n;

	end = buf + len;
	for (p = buf; next_line(&p, end, &line, &n);) {
		if (n == 0 || split_fields(line, n, f, GROUP_FIELDS) == -1 ||
		    f[0].len == 0 || parse_id(&f[2], &gid) == -1)
			continue;
		for (m = f[3].s; m < f[3].s + f[3].len; m = c + 1) {
			c = memchr(m, ',', (size_t)(f[3].s + f[3].len - m));
			if (c == NULL)
				c = f[3].s + f[3].len;
			member.s = m;
			member.len = (size_t)(c - m);
			if (field_is(&member, u->name)) {
				if (add_group(u, gid) == -1)
					return (-1);
				break;
			}
		}
	}
	return (0);
}

/* All of a regular file of at most USER_FILE_MAX bytes, NUL-terminated. */
int
user_read_fd(int fd, char **bufp, size_t *lenp)
{
	struct stat st;
	size_t len, size;
	char *buf, *nbuf;
	ssize_t n;

	if (fstat(fd, &st) == -1)
		return (jb_err(errno, "fstat"));
	if (!S_ISREG(st.st_mode))
		return (jb_errx(EINVAL, "not a regular file"));
	if (st.st_size > USER_FILE_MAX)
		return (jb_errx(EFBIG, "larger than %d bytes", USER_FILE_MAX));
	size = (size_t)st.st_size + 1;
	if ((buf = malloc(size)) == NULL)
		return (jb_err(errno, "malloc"));
	for (len = 0;;) {
		if (len + 1 >= size) {
			if (size > USER_FILE_MAX) {
				free(buf);
				return (jb_errx(EFBIG, "larger than %d bytes",
				    USER_FILE_MAX));
			}
			size = size * 2 > USER_FILE_MAX + 1 ?
			    USER_FILE_MAX + 1 : size * 2;
			if ((nbuf = realloc(buf, size)) == NULL) {
				free(buf);
				return (jb_err(errno, "realloc"));
			}
			buf = nbuf;
		}
		n = read(fd, buf + len, size - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			free(buf);
			return (jb_err(errno, "read"));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return (0);
}

/*
 * Open path (relative) under rootfd as if rootfd were /: ".." and
 * absolute symbolic links stay inside it, magic links are refused.
 * Without openat2, no symbolic link is followed at all.
 */
static int
open_in_root(int rootfd, const char *path)
{
	struct open_how how;
	char comp[PATH_MAX];
	const char *p, *s;
	int fd, nfd;
	long r;

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	r = syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
	if (r >= 0 || errno != ENOSYS)
		return ((int)r);
	if ((fd = dup(rootfd)) == -1)
		return (-1);
	for (p = path; *p != '\0'; p = *s == '/' ? s + 1 : s) {
		s = strchrnul(p, '/');
		if ((size_t)(s - p) >= sizeof(comp) || s == p ||
		    (s - p == 2 && p[0] == '.' && p[1] == '.')) {
			close(fd);
			errno = EINVAL;
			return (-1);
		}
		memcpy(comp, p, (size_t)(s - p));
		comp[s - p] = '\0';
		nfd = openat(fd, comp, O_RDONLY | O_CLOEXEC | O_NOCTTY |
		    O_NONBLOCK | O_NOFOLLOW | (*s == '/' ? O_DIRECTORY : 0));
		close(fd);
		if ((fd = nfd) == -1)
			return (-1);
	}
	return (fd);
}

/* A file under rootfd, read as user_read_fd() reads it. */
int
user_read_in_root(int rootfd, const char *path, char **bufp, size_t *lenp)
{
	char why[JB_ERRMSG_LEN];
	int fd, rc;

	if ((fd = open_in_root(rootfd, path)) == -1)
		return (jb_err(errno, "/%s", path));
	rc = user_read_fd(fd, bufp, lenp);
	close(fd);
	if (rc == -1) {
		snprintf(why, sizeof(why), "%s", jb_errmsg);
		return (jb_errx(errno, "/%s: %s", path, why));
	}
	return (0);
}

/*
 * who from an open passwd file, with its groups from an open group file
 * (or only its primary group when groupfd is -1).
 */
int
user_lookup_fd(int passwdfd, int groupfd, const char *who, struct jb_user *u)
{
	char *buf;
	size_t len;
	int rc;

	if (user_read_fd(passwdfd, &buf, &len) == -1)
		return (-1);
	rc = user_passwd_find(buf, len, who, u);
	free(buf);
	if (rc == -1 || groupfd == -1)
		return (rc);
	if (user_read_fd(groupfd, &buf, &len) == -1)
		return (-1);
	rc = user_group_collect(buf, len, u);
	free(buf);
	return (rc);
}

/*
 * who in rootfd's etc/passwd and etc/group.  No passwd file means no
 * such user; no group file means no supplementary groups.
 */
int
user_lookup(int rootfd, const char *who, struct jb_user *u)
{
	char *buf;
	size_t len;
	int rc;

	if (user_read_in_root(rootfd, "etc/passwd", &buf, &len) == -1)
		return (errno == ENOENT ?
		    jb_errx(ENOENT, "%s: no such user", who) : -1);
	rc = user_passwd_find(buf, len, who, u);
	free(buf);
	if (rc == -1)
		return (-1);
	if (user_read_in_root(rootfd, "etc/group", &buf, &len) == -1)
		return (errno == ENOENT ? 0 : -1);
	rc = user_group_collect(buf, len, u);
	free(buf);
	return (rc);
}
