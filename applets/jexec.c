/*
 * jexec(8): run a command inside a running jail, as root or as a user
 * found in the host's or in the jail's passwd file.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applets.h"
#include "../lib/enter.h"
#include "../lib/errmsg.h"
#include "../lib/jail.h"
#include "../lib/proc.h"
#include "../lib/registry.h"

static void	usage(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "usage: jexec [-l] [-d working-directory] "
	    "[-u username | -U username]\n"
	    "             [-e name=value ...] jail [command ...]\n");
	exit(1);
}

int
jexec_main(int argc, char **argv)
{
	struct jail_exec ex;
	struct jail_entry je;
	char **env;
	int ch, status, uflag, Uflag;
	size_t nenv;

	memset(&ex, 0, sizeof(ex));
	uflag = Uflag = 0;
	nenv = 0;
	if ((env = calloc((size_t)argc + 1, sizeof(*env))) == NULL)
		err(1, "calloc");
	while ((ch = getopt(argc, argv, "+d:e:lu:U:")) != -1) {
		switch (ch) {
		case 'd':
			ex.dir = optarg;
			break;
		case 'e':
			if (strchr(optarg, '=') == NULL || *optarg == '=')
				errx(1, "-e %s: not name=value", optarg);
			env[nenv++] = optarg;
			break;
		case 'l':
			ex.clean_env = 1;
			break;
		case 'u':
			ex.user = optarg;
			uflag = 1;
			break;
		case 'U':
			ex.user = optarg;
			Uflag = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || (uflag && Uflag))
		usage();
	if (geteuid() != 0)
		errx(1, "must be run as root");
	ex.user_in_jail = Uflag;
	ex.env_add = env;
	ex.argv = argc > 1 ? argv + 1 : NULL;
	/* On FreeBSD jexec becomes the command: killing it kills that. */
	ex.die_with_parent = 1;
	if (registry_find(argv[0], &je, 0) == -1)
		errx(1, "%s", jb_errmsg);
	if (jail_run_as(&je, &ex, &status) == -1)
		errx(1, "%s", jb_errmsg);
	if (jail_release(&je) == -1)
		warnx("%s: %s", registry_name(&je), jb_errmsg);
	registry_entry_free(&je);
	free(env);
	fflush(stdout);
	proc_raise_status(status);
	return (WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}
