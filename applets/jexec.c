/*
 * jexec(8): run a command inside a running jail.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "applets.h"
#include "../lib/errmsg.h"
#include "../lib/jail.h"
#include "../lib/proc.h"
#include "../lib/registry.h"

static void	usage(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "usage: jexec jail [command ...]\n");
	exit(1);
}

int
jexec_main(int argc, char **argv)
{
	struct jail_entry je;
	char *shell[3], **cmd;
	int ch, status;

	while ((ch = getopt(argc, argv, "+")) != -1)
		usage();
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	if (geteuid() != 0)
		errx(1, "must be run as root");
	if (registry_find(argv[0], &je, 0) == -1)
		errx(1, "%s", jb_errmsg);
	if (argc > 1)
		cmd = argv + 1;
	else {
		shell[0] = getenv("SHELL") != NULL && *getenv("SHELL") != '\0' ?
		    getenv("SHELL") : "/bin/sh";
		shell[1] = "-i";
		shell[2] = NULL;
		cmd = shell;
	}
	if (jail_run(&je, cmd, &status) == -1)
		errx(1, "%s", jb_errmsg);
	if (jail_release(&je) == -1)
		warnx("%s: %s", registry_name(&je), jb_errmsg);
	registry_entry_free(&je);
	fflush(stdout);
	proc_raise_status(status);
	return (WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}
