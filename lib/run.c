/*
 * A command line as jail(8) runs it: with a shell metacharacter in it,
 * as "/bin/sh -c LINE"; otherwise split on white space and executed
 * directly, a single trailing "&" meaning in the background, in a session
 * of its own.  Each command gets JID, JNAME and JPATH, or with exec.clean
 * only TERM and root's PATH, HOME, SHELL and USER, from root's home; it
 * is killed, with what it started, when exec.timeout runs out.  A command
 * on a jail's console has it as stdin, stdout and stderr and, unless in
 * the background, leads a session of its own there, whose controlling
 * terminal it is; the caller's terminal is not its.
 */
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/openat2.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errmsg.h"
#include "enter.h"
#include "env.h"
#include "jail.h"
#include "run.h"
#include "user.h"

static int	run_environment(const struct run_spec *,
		    const struct jb_user *);
static int	run_child(void *) __attribute__((noreturn));
static void	run_jail_exec(const struct run_spec *, struct jail_exec *);

#define SHELL_META	"!\"$&'()*;<>?[\\]`{|}~"
#define BLANKS		" \t\n"

/*
 * The argument vector of a command line (NULL-terminated, freed with
 * run_argv_free()); *bgp tells whether it ends in a lone "&".
 */
int
run_argv(const char *line, char ***argvp, int *bgp)
{
	const char *meta;
	char **argv, *copy, *word, *last;
	size_t n;

	*bgp = 0;
	meta = strpbrk(line, SHELL_META);
	if (meta != NULL && (meta[0] != '&' || meta[1] != '\0')) {
		if ((argv = calloc(4, sizeof(*argv))) == NULL ||
		    (argv[0] = strdup("/bin/sh")) == NULL ||
		    (argv[1] = strdup("-c")) == NULL ||
		    (argv[2] = strdup(line)) == NULL) {
			run_argv_free(argv);
			return (jb_err(ENOMEM, "malloc"));
		}
		*argvp = argv;
		return (0);
	}
	if ((copy = strdup(line)) == NULL)
		return (jb_err(errno, "malloc"));
	if (meta != NULL) {
		copy[meta - line] = '\0';
		*bgp = 1;
	}
	if ((argv = calloc(strlen(copy) / 2 + 2, sizeof(*argv))) == NULL) {
		free(copy);
		return (jb_err(errno, "malloc"));
	}
	n = 0;
	for (word = strtok_r(copy, BLANKS, &last); word != NULL;
	    word = strtok_r(NULL, BLANKS, &last))
		if ((argv[n++] = strdup(word)) == NULL) {
			free(copy);
			run_argv_free(argv);
			return (jb_err(ENOMEM, "malloc"));
		}
	free(copy);
	if (n == 0) {
		free(argv);
		return (jb_errx(EINVAL, "empty command"));
	}
	*argvp = argv;
	return (0);
}

void
run_argv_free(char **argv)
{
	size_t i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

/*
 * In the child: the environment and directory of a command; u, the user
 * a host command runs as, or NULL for root.
 */
static int
run_environment(const struct run_spec *rs, const struct jb_user *u)
{
	const char *term;
	char jid[16];

	if (!rs->clean) {
		/* Before the jail exists it has no jid yet. */
		snprintf(jid, sizeof(jid), "%d", rs->jid);
		return ((rs->jid > 0 && env_set("JID", jid) == -1) ||
		    env_set("JNAME", rs->name) == -1 ||
		    env_set("JPATH", rs->path) == -1 ? -1 : 0);
	}
	/* The old environment stays as it is: its TERM too. */
	term = getenv("TERM");
	if (env_clear() == -1 || (term != NULL && env_set("TERM", term)) ||
	    env_set("PATH", "/bin:/usr/bin") ||
	    env_set("HOME", u != NULL ? u->home : "/root") ||
	    env_set("SHELL", u != NULL ? u->shell : "/bin/sh") ||
	    env_set("USER", u != NULL ? u->name : "root"))
		return (-1);
	/* In a jail the command starts in its user's home once entered. */
	return (rs->jail == NULL && chdir(getenv("HOME")) == -1 &&
	    chdir("/") == -1 ? -1 : 0);
}

/* What the child of run_command() is given. */
struct run_child {
	const struct run_spec	*rs;
	const struct enter_door	*d;	/* the way into the jail, if any */
	int			 errfd;
};

/*
 * In the child: run the command, telling the parent why if it cannot; a
 * command in a jail was started in it through the door.
 */
static int
run_child(void *arg)
{
	const struct run_child *rc = arg;
	const struct run_spec *rs = rc->rs;
	const struct enter_door *d = rc->d;
	int errfd = rc->errfd;
	struct jb_user u;
	int rootfd;

	/* On the console, a command in the jail leads its own session. */
	if (rs->bg)
		setsid();
	else if (rs->jail == NULL || !d->ex->ctty)
		setpgid(0, 0);
	if (rs->logfd >= 0 && (dup2(rs->logfd, STDOUT_FILENO) == -1 ||
	    dup2(rs->logfd, STDERR_FILENO) == -1)) {
		jb_err(errno, "exec.consolelog");
		goto fail;
	}
	if (rs->ttyfd >= 0 && (dup2(rs->ttyfd, STDIN_FILENO) == -1 ||
	    dup2(rs->ttyfd, STDOUT_FILENO) == -1 ||
	    dup2(rs->ttyfd, STDERR_FILENO) == -1)) {
		jb_err(errno, "console");
		goto fail;
	}
	/* A host command's user, exec.system_user, from the host's files. */
	if (rs->jail == NULL && rs->user != NULL &&
	    ((rootfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    user_lookup(rootfd, rs->user, &u) == -1))
		goto fail;
	if (run_environment(rs, rs->jail == NULL && rs->user != NULL ? &u :
	    NULL) == -1) {
		jb_err(errno, "environment");
		goto fail;
	}
	if (rs->jail == NULL && rs->user != NULL && enter_become(&u) == -1)
		goto fail;
	if (rs->jail == NULL) {
		execvp(rs->argv[0], rs->argv);
		jb_err(errno, "%s", rs->argv[0]);
		goto fail;
	}
	enter_exec(d, errfd);
fail:
	if (write(errfd, jb_errmsg, strlen(jb_errmsg)) == -1)
		_exit(126);
	_exit(127);
}

/*
 * What a command in a jail runs as: exec.jail_user, or with exec.clean
 * root's entry of the jail, from its home.
 */
static void
run_jail_exec(const struct run_spec *rs, struct jail_exec *je)
{
	memset(je, 0, sizeof(*je));
	je->argv = rs->argv;
	je->user = rs->user != NULL ? rs->user : rs->clean ? "root" : NULL;
	je->user_in_jail = rs->user != NULL ? rs->user_in_jail : 1;
	je->clean_env = rs->clean;
	je->ctty = rs->ttyfd >= 0 && !rs->bg;
}

/*
 * Run a command and, unless it goes to the background, wait for it: 0
 * and its wait status in *statusp; -1 if it could not be run, or ran out
 * of time (ETIMEDOUT: it and what it started were killed).
 */
int
run_command(const struct run_spec *rs, int *statusp)
{
	char msg[JB_ERRMSG_LEN];
	struct run_child child;
	struct enter_door d;
	struct jail_exec je;
	struct pollfd pfd;
	int errp[2], status, rc;
	ssize_t n;
	pid_t pid;

	*statusp = 0;
	run_jail_exec(rs, &je);
	enter_init(&d, NULL, &je);
	if (rs->jail != NULL && enter_open(rs->jail, &je, &d) == -1)
		return (-1);
	if (pipe2(errp, O_CLOEXEC) == -1) {
		enter_close(&d);
		return (jb_err(errno, "pipe"));
	}
	fflush(NULL);
	child.rs = rs;
	child.d = &d;
	child.errfd = errp[1];
	if (rs->jail != NULL)
		pid = enter_fork(&d, run_child, &child);
	else if ((pid = fork()) == 0)
		run_child(&child);
	if (pid == -1) {
		if (rs->jail == NULL)
			jb_err(errno, "fork");
		enter_close(&d);
		close(errp[0]);
		close(errp[1]);
		return (-1);
	}
	enter_close(&d);
	close(errp[1]);
	/* The pipe closes when the command is executed: read it then. */
	if (rs->bg) {
		n = read(errp[0], msg, sizeof(msg) - 1);
		close(errp[0]);
		if (n <= 0)
			return (0);
		waitpid(pid, NULL, 0);
		msg[n] = '\0';
		return (jb_errx(ENOEXEC, "%s", msg));
	}
	if (rs->timeout > 0) {
		pfd.fd = (int)syscall(SYS_pidfd_open, pid, 0);
		pfd.events = POLLIN;
		while ((rc = poll(&pfd, 1, rs->timeout * 1000)) == -1 &&
		    errno == EINTR)
			;
		if (pfd.fd >= 0)
			close(pfd.fd);
		if (pfd.fd >= 0 && rc == 0) {
			kill(-pid, SIGKILL);
			waitpid(pid, NULL, 0);
			close(errp[0]);
			return (jb_errx(ETIMEDOUT, "timed out"));
		}
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			close(errp[0]);
			return (jb_err(errno, "wait"));
		}
	n = read(errp[0], msg, sizeof(msg) - 1);
	close(errp[0]);
	if (n > 0) {
		msg[n] = '\0';
		return (jb_errx(ENOEXEC, "%s", msg));
	}
	*statusp = status;
	return (0);
}

/*
 * exec.consolelog, opened on the host for appending; a path inside the
 * jail's tree must not go through a symlink, which the jail could have
 * planted.
 */
int
run_log_open(const char *log, const char *root)
{
	struct open_how how;
	size_t len;
	int fd;

	memset(&how, 0, sizeof(how));
	how.flags = O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY;
	how.mode = 0600;
	len = strlen(root);
	if (strncmp(log, root, len) == 0 && (log[len] == '/' ||
	    strcmp(root, "/") == 0))
		how.resolve = RESOLVE_NO_SYMLINKS;
	else
		how.flags |= O_NOFOLLOW;
	if ((fd = (int)syscall(SYS_openat2, AT_FDCWD, log, &how,
	    sizeof(how))) == -1)
		return (jb_err(errno, "exec.consolelog %s", log));
	return (fd);
}
