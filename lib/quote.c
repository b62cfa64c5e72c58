#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define LIBBSD_NETBSD_VIS
#include <bsd/vis.h>

#include "errmsg.h"
#include "quote.h"

/*
 * Escape a string; a new string the caller frees, NULL on no memory.
 * Printable ASCII but the backslash is what strvis(3) leaves as it is,
 * so such a string, the usual one, is only copied: strvis converts every
 * string to wide characters and back, much of jls's time.
 */
char *
quote_vis(const char *s)
{
	const char *p;
	char *out;

	for (p = s; *p >= ' ' && *p <= '~' && *p != '\\'; p++)
		;
	if (*p == '\0')
		return (strdup(s));
	if ((out = malloc(4 * strlen(s) + 1)) == NULL)
		return (NULL);
	strvis(out, s, VIS_CSTYLE | VIS_OCTAL | VIS_NL | VIS_TAB);
	return (out);
}

/*
 * Quote a value the way jail(8) prints it: "" for an empty value; double
 * quotes around one holding a single quote, else single quotes around one
 * holding a double quote, else double quotes around one holding a space
 * or a tab; inside, a backslash and the chosen quote are escaped.  A new
 * string the caller frees, NULL on no memory.
 */
char *
quote_param(const char *s)
{
	char *out, *o;
	int q;

	q = *s == '\0' ? '"' : strchr(s, '\'') != NULL ? '"' :
	    strchr(s, '"') != NULL ? '\'' :
	    strpbrk(s, " \t") != NULL ? '"' : 0;
	if ((out = malloc(2 * strlen(s) + 3)) == NULL)
		return (NULL);
	o = out;
	if (q != 0)
		*o++ = (char)q;
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == q)
			*o++ = '\\';
		*o++ = *s;
	}
	if (q != 0)
		*o++ = (char)q;
	*o = '\0';
	return (out);
}

/*
 * Decode what quote_vis() wrote and nothing else: the C escapes it uses
 * and three-digit octal, never NUL.  strunvis(3) is too lenient for state
 * files (it takes a trailing backslash, unknown escapes and \000).
 */
int
quote_unvis(const char *s, char **outp)
{
	static const char names[] = "\\abtnvfr";
	static const char bytes[] = "\\\a\b\t\n\v\f\r";
	const char *p;
	char *out, *o;
	int c;

	if ((out = malloc(strlen(s) + 1)) == NULL)
		return (jb_err(errno, "malloc"));
	for (o = out; *s != '\0'; s++) {
		if (*s != '\\') {
			*o++ = *s;
			continue;
		}
		s++;
		if (*s != '\0' && (p = strchr(names, *s)) != NULL) {
			*o++ = bytes[p - names];
			continue;
		}
		if (s[0] >= '0' && s[0] <= '3' && s[1] >= '0' && s[1] <= '7' &&
		    s[2] >= '0' && s[2] <= '7' &&
		    (c = (s[0] - '0') * 64 + (s[1] - '0') * 8 + (s[2] - '0')) !=
		    0) {
			*o++ = (char)c;
			s += 2;
			continue;
		}
		free(out);
		return (jb_errx(EINVAL, "malformed value"));
	}
	*o = '\0';
	*outp = out;
	return (0);
}
