/*
 * Starting a jail that has a console, from jail(8): exec.start runs on a
 * descriptor of the console's terminal that the jail's init hands out,
 * then the init is told to start the console program, which stays its
 * child, so that its end reaches jattach clients.
 */
#include <sys/stat.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "console.h"
#include "errmsg.h"
#include "jail.h"

/*
 * A descriptor of the console's terminal, until its program starts.  It
 * comes from the jail's init, which opens it through the console's
 * master; it is checked all the same to be a terminal of a devpts
 * instance other than the host's, so the host's terminals are never
 * handed to a jail.
 */
int
jail_console_terminal(const struct jail_entry *je)
{
	struct stat st, host;
	int type, fd;

	type = console_request(je->jid, CONSOLE_TERMINAL, NULL, 0, NULL, 0,
	    NULL, &fd);
	if (type == -1)
		return (-1);
	if (type != CONSOLE_TERMINAL || fd == -1) {
		if (fd != -1)
			close(fd);
		return (jb_errx(ENOTTY, "console: the jail's init gave no "
		    "terminal"));
	}
	if (!isatty(fd) || fstat(fd, &st) == -1 || !S_ISCHR(st.st_mode) ||
	    (stat("/dev/pts", &host) == 0 && st.st_dev == host.st_dev)) {
		close(fd);
		return (jb_errx(ENOTTY, "console: not the jail's terminal"));
	}
	return (fd);
}

/* Have the jail's init start the console program on the console. */
int
jail_console_start(const struct jail_entry *je)
{
	char msg[JB_ERRMSG_LEN];
	size_t n;
	int type, fd;

	n = 0;
	type = console_request(je->jid, CONSOLE_START, NULL, 0, msg,
	    sizeof(msg) - 1, &n, &fd);
	if (fd != -1)
		close(fd);
	if (type == -1)
		return (-1);
	if (type != CONSOLE_START)
		return (jb_errx(EPROTO, "console: the jail's init did not "
		    "start the command"));
	if (n > 0) {
		msg[n] = '\0';
		return (jb_errx(ENOEXEC, "%s", msg));
	}
	return (0);
}
