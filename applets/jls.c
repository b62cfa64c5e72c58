/*
 * jls(8): list running jails in FreeBSD's formats.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applets.h"
#include "../lib/errmsg.h"
#include "../lib/param.h"
#include "../lib/quote.h"
#include "../lib/registry.h"

#define PRINT_DEFAULT	0	/* jid, address, hostname, path */
#define PRINT_VERBOSE	1	/* -v: four lines per jail */
#define PRINT_PARAMS	2	/* named parameters */

struct jls_param {
	enum jparam	id;
	int		negated;	/* asked for as noNAME */
};

static void	usage(void) __attribute__((noreturn));
static char	*shown(const struct jail_entry *, enum jparam, int);
static void	print_jail(const struct jail_entry *, int,
		    const struct jls_param *, int);

static void
usage(void)
{
	fprintf(stderr, "usage: jls [-v] [-j jail] [parameter ...]\n");
	exit(1);
}

/*
 * A parameter's value ready to print: lists joined with ",", a negated
 * boolean inverted, control characters escaped.
 */
static char *
shown(const struct jail_entry *je, enum jparam id, int negated)
{
	char *raw, *s;

	if (negated)
		raw = strdup(jparams_bool(&je->params, id) ? "false" : "true");
	else
		raw = jparams_join(&je->params, id, ",");
	if (raw == NULL || (s = quote_vis(raw)) == NULL)
		err(1, "malloc");
	free(raw);
	return (s);
}

static void
print_jail(const struct jail_entry *je, int mode, const struct jls_param *ps,
    int nps)
{
	char *host, *path, *name, *v;
	int i;

	if (mode == PRINT_PARAMS) {
		for (i = 0; i < nps; i++) {
			v = shown(je, ps[i].id, ps[i].negated);
			printf("%s%s", i > 0 ? " " : "", *v != '\0' ? v : "-");
			free(v);
		}
		putchar('\n');
		return;
	}
	host = shown(je, JP_HOST_HOSTNAME, 0);
	path = shown(je, JP_PATH, 0);
	if (mode == PRINT_VERBOSE) {
		name = shown(je, JP_NAME, 0);
		printf("%6d  %-29.29s %.74s\n", je->jid, host, path);
		printf("        %-29.29s %.74s\n", name, "ACTIVE");
		printf("        %d\n", je->jid);
		free(name);
	} else
		printf("%6d  %-15.15s %-29.29s %.74s\n", je->jid, "", host,
		    path);
	free(host);
	free(path);
}

int
jls_main(int argc, char **argv)
{
	struct jail_entry je;
	struct jls_param *ps;
	const char *key;
	int ch, mode, i, *jids;
	size_t n, k;

	mode = PRINT_DEFAULT;
	key = NULL;
	while ((ch = getopt(argc, argv, "j:v")) != -1)
		switch (ch) {
		case 'j':
			key = optarg;
			break;
		case 'v':
			mode = PRINT_VERBOSE;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;

	if ((ps = calloc((size_t)argc + 1, sizeof(*ps))) == NULL)
		err(1, "malloc");
	for (i = 0; i < argc; i++) {
		if (jparam_lookup(argv[i], &ps[i].id, &ps[i].negated) == -1 ||
		    (jparam_table[ps[i].id].flags &
		    (JPF_PSEUDO | JPF_KEPT)) == JPF_PSEUDO ||
		    (ps[i].negated && jparam_table[ps[i].id].type != JPT_BOOL))
			errx(1, "unknown parameter: %s", argv[i]);
		mode = PRINT_PARAMS;
	}

	if (mode == PRINT_VERBOSE)
		printf("   JID  Hostname                      Path\n"
		    "        Name                          State\n"
		    "        CPUSetID\n"
		    "        IP Address(es)\n");
	else if (mode == PRINT_DEFAULT)
		printf("   JID  IP Address      Hostname"
		    "                      Path\n");

	if (key != NULL) {
		if (registry_find(key, &je, 0) == -1)
			errx(1, "%s", jb_errmsg);
		print_jail(&je, mode, ps, argc);
		registry_entry_free(&je);
		free(ps);
		return (0);
	}
	if (registry_jids(&jids, &n) == -1)
		errx(1, "%s", jb_errmsg);
	for (k = 0; k < n; k++) {
		if (registry_load(jids[k], &je) == -1)
			continue;
		if (je.alive)
			print_jail(&je, mode, ps, argc);
		registry_entry_free(&je);
	}
	free(jids);
	free(ps);
	return (0);
}
