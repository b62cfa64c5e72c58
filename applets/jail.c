/*
 * jail(8): create and remove jails from parameters on the command line.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applets.h"
#include "../lib/errmsg.h"
#include "../lib/jail.h"
#include "../lib/param.h"
#include "../lib/quote.h"
#include "../lib/registry.h"

#define NOTE_QUIET	0x01	/* -q */
#define NOTE_VERBOSE	0x02	/* -v */

static void	usage(void) __attribute__((noreturn));
static int	jail_cmd_create(int, char **, int, int);
static int	jail_cmd_remove(int, char **, int);
static int	remove_one(struct jail_entry *, int);
static void	jail_warnx(const char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static char	*command_string(char *const []);

static void
usage(void)
{
	fprintf(stderr,
	    "usage: jail -c [-iqv] param=value ... [command=command ...]\n"
	    "       jail -r [-qv] * | jail ...\n");
	exit(1);
}

/* "jail: NAME: message", or "jail: message" before the jail has a name. */
static void
jail_warnx(const char *name, const char *fmt, ...)
{
	char msg[2 * JB_ERRMSG_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (name != NULL && *name != '\0')
		warnx("%s: %s", name, msg);
	else
		warnx("%s", msg);
}

/* A command line as one string, for messages. */
static char *
command_string(char *const argv[])
{
	size_t len, i;
	char *s, *v;

	for (len = 1, i = 0; argv[i] != NULL; i++)
		len += strlen(argv[i]) + 1;
	if ((s = malloc(len)) == NULL)
		err(1, "malloc");
	*s = '\0';
	for (i = 0; argv[i] != NULL; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	if ((v = quote_vis(s)) == NULL)
		err(1, "malloc");
	free(s);
	return (v);
}

/*
 * jail -c: parse every parameter, create the jail, then run command= in it
 * in the foreground.  Everything after command= is the command's argv.
 */
static int
jail_cmd_create(int argc, char **argv, int iflag, int notes)
{
	struct jail_entry je;
	struct jparams jp;
	char **cmd, *cmdstr, *shown;
	const char *name;
	int i, status, rc;

	memset(&jp, 0, sizeof(jp));
	cmd = NULL;
	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "command=", 8) == 0) {
			argv[i] += 8;
			cmd = argv + i;
			if (jparams_set_argv(&jp, JP_COMMAND, cmd) == -1)
				errx(1, "%s", jb_errmsg);
			break;
		}
		if (jparams_set_arg(&jp, argv[i]) == -1)
			errx(1, "%s", jb_errmsg);
	}
	if (cmd != NULL && *cmd[0] == '\0')
		errx(1, "command: empty command");
	if (jail_create(&jp, &je) == -1) {
		name = jparams_str(&jp, JP_NAME);
		if (name == NULL && jparams_isset(&jp, JP_JID))
			name = jparams_str(&jp, JP_JID);
		shown = quote_vis(name != NULL ? name : "");
		jail_warnx(shown, "%s", jb_errmsg);
		exit(1);
	}
	name = registry_name(&je);
	if (iflag) {
		printf("%d\n", je.jid);
		fflush(stdout);
	}
	if (notes & NOTE_VERBOSE)
		printf("%s: created\n", name);
	fflush(stdout);
	/* On a console, the init runs the command: jattach reaches it. */
	if (cmd == NULL || jparams_bool(&je.params, JP_CONSOLE))
		return (0);

	rc = 0;
	cmdstr = command_string(cmd);
	if (jail_run(&je, cmd, &status) == -1) {
		jail_warnx(name, "%s", jb_errmsg);
		rc = 1;
	} else if (WIFSIGNALED(status)) {
		jail_warnx(name, "%s: exited on signal %d", cmdstr,
		    WTERMSIG(status));
		rc = 1;
	} else if (WEXITSTATUS(status) != 0) {
		jail_warnx(name, "%s: failed", cmdstr);
		rc = 1;
	}
	free(cmdstr);
	if (jail_release(&je) == -1) {
		jail_warnx(name, "%s", jb_errmsg);
		rc = 1;
	}
	registry_entry_free(&je);
	jparams_free(&jp);
	return (rc);
}

/*
 * Remove one jail, giving its processes its own stop.timeout, with the
 * note if asked; 1 on failure.  The entry is freed.
 */
static int
remove_one(struct jail_entry *je, int note)
{
	int rc;

	rc = 0;
	if (jail_remove(je, (int)jparams_int(&je->params, JP_STOP_TIMEOUT)) ==
	    -1) {
		jail_warnx(registry_name(je), "%s", jb_errmsg);
		rc = 1;
	} else if (note)
		printf("%s: removed\n", registry_name(je));
	registry_entry_free(je);
	return (rc);
}

/*
 * jail -r: remove each named jail, or every jail for "*".  The removal
 * note is printed with -v, or when several jails are named, unless -q.
 */
static int
jail_cmd_remove(int argc, char **argv, int notes)
{
	struct jail_entry je;
	int *jids, i, rc, all;
	size_t n, k;
	char *shown;

	all = argc == 1 && strcmp(argv[0], "*") == 0;
	if (argc > 1 || all)
		notes |= (notes & NOTE_QUIET) ? 0 : NOTE_VERBOSE;
	rc = 0;
	if (all) {
		if (registry_jids(&jids, &n) == -1)
			errx(1, "%s", jb_errmsg);
		for (k = 0; k < n; k++) {
			/* What dead jails left is cleared silently. */
			if (registry_load(jids[k], &je) == 0)
				rc |= remove_one(&je,
				    je.alive && (notes & NOTE_VERBOSE));
		}
		free(jids);
		return (rc);
	}
	for (i = 0; i < argc; i++) {
		if (registry_find(argv[i], &je, 1) == -1) {
			if (errno != ENOENT)
				warnx("%s", jb_errmsg);
			else if ((shown = quote_vis(argv[i])) != NULL) {
				warnx("\"%s\" not found", shown);
				free(shown);
			}
			rc = 1;
			continue;
		}
		rc |= remove_one(&je, notes & NOTE_VERBOSE);
	}
	return (rc);
}

int
jail_main(int argc, char **argv)
{
	int ch, cflag, rflag, iflag, notes;

	cflag = rflag = iflag = notes = 0;
	while ((ch = getopt(argc, argv, "+cirqv")) != -1)
		switch (ch) {
		case 'c':
			cflag = 1;
			break;
		case 'i':
			iflag = 1;
			break;
		case 'r':
			rflag = 1;
			break;
		case 'q':
			notes = (notes & ~NOTE_VERBOSE) | NOTE_QUIET;
			break;
		case 'v':
			notes = (notes & ~NOTE_QUIET) | NOTE_VERBOSE;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (cflag == rflag || argc == 0 || (rflag && iflag))
		usage();
	if (iflag)
		notes = NOTE_QUIET;
	if (geteuid() != 0)
		errx(1, "must be run as root");
	if (cflag)
		return (jail_cmd_create(argc, argv, iflag, notes));
	return (jail_cmd_remove(argc, argv, notes));
}
