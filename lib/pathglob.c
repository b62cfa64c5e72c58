/*
 * Expanding a file name pattern one component at a time: a component with
 * *, ? or [ is matched against its directory's entries as FreeBSD's
 * glob(3) matches one (a leading dot only by a leading dot), any other is
 * taken as it is; the paths that exist at the end are the result, sorted.
 * glibc's fnmatch(3) is not used: in a static executable it brings in
 * its wide-character machinery, some 28 KiB.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "pathglob.h"

static int	match_set(const char **, unsigned char);
static int	expand(const char *, const char *, struct pathlist *);
static int	add_path(struct pathlist *, const char *);
static int	compare(const void *, const void *);

int
path_is_pattern(const char *s)
{
	return (strpbrk(s, "*?[\\") != NULL);
}

/*
 * The bracket expression after a '[' at *pp against c, as glob(3) reads
 * one: '!' first negates, the first member may be ']', "a-z" is a range,
 * a backslash quotes the next character.  1 if c is in it, 0 if not, and
 * *pp moved past it; -1 if it has no closing ']', and the '[' is then an
 * ordinary character.
 */
static int
match_set(const char **pp, unsigned char c)
{
	const char *p;
	unsigned char lo, hi;
	int neg, in;

	p = *pp;
	if ((neg = *p == '!'))
		p++;
	if (*p == '\0' || strchr(p + 1, ']') == NULL)
		return (-1);
	in = 0;
	do {
		if (*p == '\\' && p[1] != '\0')
			p++;
		lo = hi = (unsigned char)*p++;
		if (p[0] == '-' && p[1] != ']' && p[1] != '\0') {
			if (*++p == '\\' && p[1] != '\0')
				p++;
			hi = (unsigned char)*p++;
		}
		in |= lo <= c && c <= hi;
	} while (*p != ']' && *p != '\0');
	if (*p != ']')
		return (-1);
	*pp = p + 1;
	return (in != neg);
}

/*
 * Whether a file name matches a pattern component: * any string, ? any
 * character, [...] a set, \ quotes; a name's leading dot only by a dot.
 */
int
path_match(const char *p, const char *s)
{
	const char *star_p, *star_s, *q;
	int r;

	if (*s == '.' && *p != '.' && (p[0] != '\\' || p[1] != '.'))
		return (0);
	star_p = star_s = NULL;
	while (*s != '\0') {
		switch (*p) {
		case '*':
			while (*p == '*')
				p++;
			star_p = p;
			star_s = s;
			continue;
		case '?':
			p++;
			s++;
			continue;
		case '[':
			q = p + 1;
			if ((r = match_set(&q, (unsigned char)*s)) == 1) {
				p = q;
				s++;
				continue;
			}
			if (r == 0)
				goto retry;
			break;
		case '\\':
			if (p[1] != '\0')
				p++;
			break;
		case '\0':
			goto retry;
		}
		if (*p == *s) {
			p++;
			s++;
			continue;
		}
retry:
		/* Let the last * take one more character, if there was one. */
		if (star_p == NULL)
			return (0);
		p = star_p;
		s = ++star_s;
	}
	while (*p == '*')
		p++;
	return (*p == '\0');
}

static int
add_path(struct pathlist *pl, const char *path)
{
	char **np;

	if ((np = reallocarray(pl->paths, pl->n + 1, sizeof(*np))) == NULL)
		return (jb_err(errno, "malloc"));
	pl->paths = np;
	if ((np[pl->n] = strdup(path)) == NULL)
		return (jb_err(errno, "malloc"));
	pl->n++;
	return (0);
}

/* Match the rest of a pattern below the directory prefix ("" at first). */
static int
expand(const char *prefix, const char *rest, struct pathlist *pl)
{
	char comp[NAME_MAX + 1], path[PATH_MAX];
	const char *slash, *dir;
	struct dirent *de;
	struct stat st;
	size_t len;
	DIR *d;
	int rc;

	while (*rest == '/')
		rest++;
	if (*rest == '\0')
		return (lstat(prefix, &st) == 0 ? add_path(pl, prefix) : 0);
	slash = strchr(rest, '/');
	len = slash != NULL ? (size_t)(slash - rest) : strlen(rest);
	if (len > NAME_MAX)
		return (0);
	memcpy(comp, rest, len);
	comp[len] = '\0';
	rest += len;
	if (!path_is_pattern(comp)) {
		if (snprintf(path, sizeof(path), "%s%s%s", prefix,
		    *prefix != '\0' && strcmp(prefix, "/") != 0 ? "/" : "",
		    comp) >= (int)sizeof(path))
			return (0);
		return (expand(path, rest, pl));
	}
	dir = *prefix != '\0' ? prefix : ".";
	if ((d = opendir(dir)) == NULL)
		return (0);
	rc = 0;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    !path_match(comp, de->d_name))
			continue;
		if (snprintf(path, sizeof(path), "%s%s%s", prefix,
		    *prefix != '\0' && strcmp(prefix, "/") != 0 ? "/" : "",
		    de->d_name) >= (int)sizeof(path))
			continue;
		rc = expand(path, rest, pl);
	}
	closedir(d);
	return (rc);
}

static int
compare(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* The existing paths a pattern matches, sorted; none is not an error. */
int
path_glob(const char *pattern, struct pathlist *pl)
{
	memset(pl, 0, sizeof(*pl));
	if (expand(*pattern == '/' ? "/" : "", pattern, pl) == -1) {
		path_glob_free(pl);
		return (-1);
	}
	if (pl->n > 0)
		qsort(pl->paths, pl->n, sizeof(*pl->paths), compare);
	return (0);
}

void
path_glob_free(struct pathlist *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		free(pl->paths[i]);
	free(pl->paths);
	memset(pl, 0, sizeof(*pl));
}
