/*
 * A libFuzzer target for the jail.conf(5) reader: any bytes are fed to
 * conf_load_buffer(), and whatever parses is walked to the last byte so
 * that the sanitizers see every string it built.
 *
 * The text is named as a file in a fresh empty directory, so relative
 * .include patterns look there.  The directory is not made current:
 * LLVMFuzzerInitialize() runs before libFuzzer opens its corpus, dictionary
 * and artifact paths, which are often relative.  path_glob() is wrapped at
 * link time (-Wl,--wrap=path_glob) so that no pattern, absolute or climbing
 * out with "..", reads anything of the host: /dev/stdin would hang the run.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "pathglob.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	__real_path_glob(const char *, struct pathlist *);
int	__wrap_path_glob(const char *, struct pathlist *);

static char	fuzzdir[] = "/tmp/fuzz_conf.XXXXXX";
static char	fuzzname[sizeof(fuzzdir) + sizeof("/fuzz")];
static volatile size_t fuzzsink;	/* keeps the strlen() calls */

static void	remove_fuzzdir(void);
static int	inside_fuzzdir(const char *);

static void
remove_fuzzdir(void)
{
	rmdir(fuzzdir);
}

/* Whether path names the fuzz directory or something in it. */
static int
inside_fuzzdir(const char *path)
{
	char real[PATH_MAX];
	size_t n;

	if (realpath(path, real) == NULL)
		return (0);
	n = strlen(fuzzdir);
	return (strncmp(real, fuzzdir, n) == 0 &&
	    (real[n] == '\0' || real[n] == '/'));
}

/* path_glob() as the reader sees it: only paths in the fuzz directory. */
int
__wrap_path_glob(const char *pattern, struct pathlist *pl)
{
	size_t i, n;

	memset(pl, 0, sizeof(*pl));
	if (strncmp(pattern, fuzzdir, strlen(fuzzdir)) != 0 ||
	    strstr(pattern, "/..") != NULL)
		return (0);
	if (__real_path_glob(pattern, pl) == -1)
		return (-1);
	for (i = n = 0; i < pl->n; i++)
		if (inside_fuzzdir(pl->paths[i]))
			pl->paths[n++] = pl->paths[i];
		else
			free(pl->paths[i]);
	pl->n = n;
	return (0);
}

int
LLVMFuzzerInitialize(int *argcp, char ***argvp)
{
	(void)argcp;
	(void)argvp;
	if (mkdtemp(fuzzdir) == NULL) {
		perror("fuzz_conf: mkdtemp");
		exit(1);
	}
	atexit(remove_fuzzdir);
	snprintf(fuzzname, sizeof(fuzzname), "%s/fuzz", fuzzdir);
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf *conf;
	const struct conf_jail *j;
	const struct conf_param *p;
	size_t i, k, v, sum;

	if (conf_load_buffer((const char *)data, size, fuzzname, &conf) == -1)
		return (0);
	sum = 0;
	for (i = 0; i < conf->njails; i++) {
		j = &conf->jails[i];
		sum += strlen(j->name);
		if (j->error != NULL)
			sum += strlen(j->error);
		for (k = 0; k < j->nparams; k++) {
			p = &j->params[k];
			sum += strlen(p->name);
			for (v = 0; v < p->nvalues; v++)
				sum += strlen(p->values[v]);
			if (p->values[p->nvalues] != NULL)
				abort();	/* values are NULL-terminated */
		}
	}
	fuzzsink = sum;
	conf_free(conf);
	return (0);
}
