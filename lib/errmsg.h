/*
 * The library's one error channel: functions return -1 (or NULL), set errno
 * and leave a one-line message here for the applet to print, the way
 * libjail's jail_errmsg works.  The library itself never prints or exits.
 */
#ifndef JB_ERRMSG_H
#define JB_ERRMSG_H

#define JB_ERRMSG_LEN	1024

extern char jb_errmsg[JB_ERRMSG_LEN];

int	jb_err(int, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	jb_errx(int, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
