/*
 * One executable, several applets: dispatch on the name it was run as, or
 * on its first argument when run as jailbox.
 */
#include <sys/prctl.h>
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bsd/stdlib.h>
#include <bsd/unistd.h>

#include "applets.h"
#include "../lib/errmsg.h"
#include "../lib/nitems.h"
#include "../lib/selfexe.h"

extern char **environ;

struct applet {
	const char	*name;
	int		(*main)(int, char **);
	int		 sealed;	/* enters jails: run from a read-only copy */
};

/* Sorted by name. */
static const struct applet applets[] = {
	{ "jail",	jail_main,	1 },
	{ "jattach",	jattach_main,	0 },
	{ "jexec",	jexec_main,	1 },
	{ "jls",	jls_main,	0 },
};

static void	usage(void) __attribute__((noreturn));
static int	install(const char *);

static void
usage(void)
{
	fprintf(stderr, "usage: jailbox applet [argument ...]\n"
	    "       jailbox --list\n"
	    "       jailbox --install directory\n");
	exit(1);
}

/* Make DIR/applet a symbolic link to this executable, for every applet. */
static int
install(const char *dir)
{
	char self[PATH_MAX], link[PATH_MAX];
	size_t i;

	if (realpath("/proc/self/exe", self) == NULL)
		err(1, "/proc/self/exe");
	for (i = 0; i < nitems(applets); i++) {
		snprintf(link, sizeof(link), "%s/%s", dir, applets[i].name);
		if (unlink(link) == -1 && errno != ENOENT)
			err(1, "%s", link);
		if (symlink(self, link) == -1)
			err(1, "%s", link);
	}
	return (0);
}

int
main(int argc, char **argv)
{
	char **orig = argv;
	const char *name;
	size_t i;

	name = argc > 0 ? strrchr(argv[0], '/') : NULL;
	name = name != NULL ? name + 1 : argc > 0 ? argv[0] : "jailbox";
	if (strcmp(name, "jailbox") == 0) {
		if (argc < 2)
			usage();
		if (strcmp(argv[1], "--list") == 0 && argc == 2) {
			for (i = 0; i < nitems(applets); i++)
				printf("%s\n", applets[i].name);
			return (0);
		}
		if (strcmp(argv[1], "--install") == 0 && argc == 3)
			return (install(argv[2]));
		if (argv[1][0] == '-')
			usage();
		argc--;
		argv++;
		name = argv[0];
	}
	for (i = 0; i < nitems(applets); i++)
		if (strcmp(name, applets[i].name) == 0) {
			program_invocation_short_name = (char *)applets[i].name;
			if (applets[i].sealed &&
			    selfexe_reexec(orig, environ) == -1)
				errx(1, "%s", jb_errmsg);
			/* The jail's init retitles itself (no host path). */
			setproctitle_init(argc, argv, environ);
			setprogname(applets[i].name);
			/* Run from a descriptor, the copy is named by its number. */
			prctl(PR_SET_NAME, applets[i].name, 0, 0, 0);
			/* getopt(3) names the program by argv[0]. */
			argv[0] = (char *)applets[i].name;
			return (applets[i].main(argc, argv));
		}
	program_invocation_short_name = "jailbox";
	errx(1, "%s: unknown applet", name);
}
