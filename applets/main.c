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

/* Sorted by name. */
static const struct applet applets[] = {
	{ "jail",	jail_main,	1 },
	{ "jattach",	jattach_main,	0 },
	{ "jexec",	jexec_main,	1 },
	{ "jls",	jls_main,	0 },
};

static void	usage(void) __attribute__((noreturn));
static int	install(const char *);
static int	same(const char *, const char *)
		    __attribute__((no_stack_protector));
static const char *applet_base(const char *)
		    __attribute__((no_stack_protector));

/* String equality, without the C library. */
static int
same(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return (*a == *b);
}

/* The last component of a path. */
static const char *
applet_base(const char *path)
{
	const char *p, *base;

	for (base = p = path; *p != '\0'; p++)
		if (*p == '/')
			base = p + 1;
	return (base);
}

/*
 * The applet a command line runs: the one its argv[0] names, or, run as
 * jailbox, the one its first argument names; NULL if none.
 */
const struct applet *
applet_of(int argc, char *const *argv)
{
	const char *name;
	size_t i;

	if (argc < 1)
		return (NULL);
	name = applet_base(argv[0]);
	if (same(name, "jailbox")) {
		if (argc < 2)
			return (NULL);
		name = argv[1];
	}
	for (i = 0; i < nitems(applets); i++)
		if (same(name, applets[i].name))
			return (&applets[i]);
	return (NULL);
}

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
	const struct applet *a;
	const char *name;
	size_t i;

	a = applet_of(argc, argv);
	name = argc > 0 ? applet_base(argv[0]) : "jailbox";
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
	if (a == NULL) {
		program_invocation_short_name = "jailbox";
		errx(1, "%s: unknown applet", name);
	}
	program_invocation_short_name = (char *)a->name;
	/* entry.c has done it already, unless it could not. */
	if (a->sealed && selfexe_reexec(orig, environ) == -1)
		errx(1, "%s", jb_errmsg);
	/* The jail's init retitles itself (no host path). */
	setproctitle_init(argc, argv, environ);
	setprogname(a->name);
	/* Run from a descriptor, the copy is named by its number. */
	prctl(PR_SET_NAME, a->name, 0, 0, 0);
	/* getopt(3) names the program by argv[0]. */
	argv[0] = (char *)a->name;
	return (a->main(argc, argv));
}
