#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define LIBBSD_NETBSD_VIS
#include <bsd/vis.h>

#include "errmsg.h"
#include "quote.h"

/* Escape a string; a new string the caller frees, NULL on no memory. */
char *
quote_vis(const char *s)
{
	char *out;

	if ((out = malloc(4 * strlen(s) + 1)) == NULL)
		return (NULL);
	strvis(out, s, VIS_CSTYLE | VIS_OCTAL | VIS_NL | VIS_TAB);
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
