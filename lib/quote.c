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

/* Decode what quote_vis() wrote; refuses a malformed escape. */
int
quote_unvis(const char *s, char **outp)
{
	char *out;

	if ((out = malloc(strlen(s) + 1)) == NULL)
		return (jb_err(errno, "malloc"));
	if (strunvis(out, s) == -1) {
		free(out);
		return (jb_errx(EINVAL, "malformed value"));
	}
	*outp = out;
	return (0);
}
