/*
 * Dependencies between configured jails, resolved once by name.  A jail
 * that names a jail the file does not define, or that is part of a loop,
 * carries the reason and is never started; the jails depending on it
 * are then skipped by whoever walks the graph.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "depend.h"
#include "errmsg.h"

static int	reaches(const struct depgraph *, size_t, size_t, char *);

/* Whether jail to is among the dependencies of jail from, at any depth. */
static int
reaches(const struct depgraph *g, size_t from, size_t to, char *seen)
{
	size_t k, d;

	for (k = 0; k < g->ndeps[from]; k++) {
		d = g->deps[from][k];
		if (d == to)
			return (1);
		if (!seen[d]) {
			seen[d] = 1;
			if (reaches(g, d, to, seen))
				return (1);
		}
	}
	return (0);
}

int
depend_build(const struct conf *conf, struct depgraph *g)
{
	const struct conf_param *p;
	size_t i, k, d;
	char *seen;

	memset(g, 0, sizeof(*g));
	g->n = conf->njails;
	if ((g->deps = calloc(g->n + 1, sizeof(*g->deps))) == NULL ||
	    (g->ndeps = calloc(g->n + 1, sizeof(*g->ndeps))) == NULL ||
	    (g->error = calloc(g->n + 1, sizeof(*g->error))) == NULL ||
	    (seen = calloc(g->n + 1, 1)) == NULL) {
		depend_free(g);
		return (jb_err(ENOMEM, "malloc"));
	}
	for (i = 0; i < g->n; i++) {
		if ((p = conf_jail_param(&conf->jails[i], "depend")) == NULL)
			continue;
		if ((g->deps[i] = calloc(p->nvalues + 1, sizeof(size_t))) ==
		    NULL)
			goto nomem;
		for (k = 0; k < p->nvalues; k++) {
			for (d = 0; d < g->n; d++)
				if (strcmp(conf->jails[d].name,
				    p->values[k]) == 0)
					break;
			if (d < g->n) {
				g->deps[i][g->ndeps[i]++] = d;
				continue;
			}
			if (g->error[i] == NULL && asprintf(&g->error[i],
			    "depends on undefined jail \"%s\"",
			    p->values[k]) == -1) {
				g->error[i] = NULL;
				goto nomem;
			}
		}
	}
	for (i = 0; i < g->n; i++) {
		memset(seen, 0, g->n);
		if (g->error[i] == NULL && reaches(g, i, i, seen) &&
		    (g->error[i] = strdup("dependency loop")) == NULL)
			goto nomem;
	}
	free(seen);
	return (0);
nomem:
	free(seen);
	depend_free(g);
	return (jb_err(ENOMEM, "malloc"));
}

void
depend_free(struct depgraph *g)
{
	size_t i;

	for (i = 0; i < g->n && g->deps != NULL; i++) {
		free(g->deps[i]);
		if (g->error != NULL)
			free(g->error[i]);
	}
	free(g->deps);
	free(g->ndeps);
	free(g->error);
	memset(g, 0, sizeof(*g));
}
