/*
 * jattach(8): connect the terminal to a jail's console.
 */
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "applets.h"
#include "../lib/console.h"
#include "../lib/errmsg.h"
#include "../lib/jail.h"
#include "../lib/proc.h"
#include "../lib/registry.h"

#define ESCAPE_DEFAULT	0x1d	/* ^] */

static struct termios saved;
static int raw;

static void	usage(void) __attribute__((noreturn));
static void	restore(void);
static int	parse_escape(const char *);
static void	send_winsize(int);
static void	write_all(int, const char *, size_t);

static void
usage(void)
{
	fprintf(stderr, "usage: jattach [-q] [-e escape] jail\n");
	exit(1);
}

/* Give the terminal back as it was; on every way out. */
static void
restore(void)
{
	if (raw)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
	raw = 0;
}

/* "^X" names a control character, anything else of one byte itself. */
static int
parse_escape(const char *s)
{
	if (s[0] == '^' && s[1] != '\0' && s[2] == '\0')
		return (s[1] == '?' ? 0x7f : s[1] & 0x1f);
	if (s[0] != '\0' && s[1] == '\0')
		return ((unsigned char)s[0]);
	errx(1, "%s: bad escape: a character or ^X", s);
}

static void
send_winsize(int sock)
{
	struct winsize ws;

	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0)
		console_send(sock, CONSOLE_WINSIZE, &ws, sizeof(ws));
}

static void
write_all(int fd, const char *buf, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, buf, n)) == -1) {
			if (errno == EINTR)
				continue;
			return;
		}
		buf += w;
		n -= (size_t)w;
	}
}

int
jattach_main(int argc, char **argv)
{
	char buf[CONSOLE_MSGMAX + 1], eof;
	struct signalfd_siginfo si;
	struct jail_entry je;
	struct pollfd pfd[3];
	struct termios t;
	const char *name;
	int ch, quiet, esc, sock, tty, status, done, pidfd;
	sigset_t set;
	ssize_t n, i;

	quiet = 0;
	esc = ESCAPE_DEFAULT;
	while ((ch = getopt(argc, argv, "e:q")) != -1)
		switch (ch) {
		case 'e':
			esc = parse_escape(optarg);
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage();
	if (geteuid() != 0)
		errx(1, "must be run as root");
	if (registry_find(argv[0], &je, 0) == -1)
		errx(1, "%s", jb_errmsg);
	name = registry_name(&je);
	if (!jparams_bool(&je.params, JP_CONSOLE))
		errx(1, "%s: jail has no console", name);
	if ((sock = registry_control_connect(je.jid)) == -1 ||
	    console_send(sock, CONSOLE_ATTACH, NULL, 0) == -1)
		errx(1, "%s: %s", name, jb_errmsg);

	/* Signals are read in the loop, so the terminal is always restored. */
	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGQUIT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
	eof = 4;
	if (tty) {
		t = saved;
		eof = (char)saved.c_cc[VEOF];
		cfmakeraw(&t);
		if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0)
			raw = 1;
		atexit(restore);
		send_winsize(sock);
	}
	pfd[0].fd = sock;
	pfd[1].fd = STDIN_FILENO;
	pfd[2].fd = signalfd(-1, &set, SFD_CLOEXEC);
	pfd[0].events = pfd[1].events = pfd[2].events = POLLIN;
	for (done = 0; !done;) {
		if (poll(pfd, 3, -1) == -1)
			continue;
		if (pfd[2].revents & POLLIN &&
		    read(pfd[2].fd, &si, sizeof(si)) == sizeof(si)) {
			if (si.ssi_signo == SIGWINCH) {
				send_winsize(sock);
				continue;
			}
			restore();
			if (!quiet)
				warnx("%s: detached", name);
			return (1);
		}
		if (pfd[1].revents & (POLLIN | POLLHUP)) {
			n = read(STDIN_FILENO, buf, CONSOLE_MSGMAX);
			if (n <= 0) {
				/* A script's input ended: so does the console's. */
				console_send(sock, CONSOLE_INPUT, &eof, 1);
				pfd[1].fd = -1;
			}
			/* Up to the escape, typed on a terminal. */
			for (i = 0; i < n; i++)
				if (tty && (unsigned char)buf[i] == esc)
					break;
			if (n > 0 && i > 0)
				console_send(sock, CONSOLE_INPUT, buf,
				    (size_t)i);
			if (tty && i < n) {
				restore();
				if (!quiet)
					warnx("%s: detached", name);
				return (0);
			}
		}
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			n = recv(sock, buf, sizeof(buf), 0);
			if (n <= 0)
				done = 1;
			else if (buf[0] == CONSOLE_OUTPUT)
				write_all(STDOUT_FILENO, buf + 1,
				    (size_t)n - 1);
			else if (buf[0] == CONSOLE_NONE) {
				restore();
				errx(1, "%s: jail has no console", name);
			} else if (buf[0] == CONSOLE_EXIT &&
			    n == 1 + (ssize_t)sizeof(status)) {
				memcpy(&status, buf + 1, sizeof(status));
				restore();
				/*
				 * As jail -c after its command: no persist, no
				 * jail.  The init ends such a jail itself once
				 * every client is told: give it the time to.
				 */
				if (!jparams_bool(&je.params, JP_PERSIST) &&
				    (pidfd = proc_pidfd(je.init_pid,
				    je.init_start)) != -1) {
					proc_wait_exit(pidfd, 2000);
					close(pidfd);
				}
				if (jail_release(&je) == -1)
					warnx("%s: %s", name, jb_errmsg);
				if (!quiet)
					warnx("%s: console program %s %d", name,
					    WIFSIGNALED(status) ?
					    "killed by signal" : "exited",
					    WIFSIGNALED(status) ?
					    WTERMSIG(status) :
					    WEXITSTATUS(status));
				return (WIFSIGNALED(status) ?
				    128 + WTERMSIG(status) :
				    WEXITSTATUS(status));
			}
		}
	}
	restore();
	errx(1, "%s: the jail is gone", name);
}
