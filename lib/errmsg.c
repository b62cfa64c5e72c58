#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "errmsg.h"

char jb_errmsg[JB_ERRMSG_LEN];

static void
jb_vset(int errnum, int with_strerror, const char *fmt, va_list ap)
{
	size_t len;

	vsnprintf(jb_errmsg, sizeof(jb_errmsg), fmt, ap);
	if (with_strerror) {
		len = strlen(jb_errmsg);
		snprintf(jb_errmsg + len, sizeof(jb_errmsg) - len, ": %s",
		    strerror(errnum));
	}
	errno = errnum;
}

/* Record "message: strerror(errnum)", set errno and return -1. */
int
jb_err(int errnum, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jb_vset(errnum, 1, fmt, ap);
	va_end(ap);
	return (-1);
}

/* Record the message alone, set errno and return -1. */
int
jb_errx(int errnum, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	jb_vset(errnum, 0, fmt, ap);
	va_end(ap);
	return (-1);
}
