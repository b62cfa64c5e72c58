/*
 * A command line as jail(8) runs it: with a shell metacharacter in it,
 * as "/bin/sh -c LINE"; otherwise split on white space and executed
 * directly, a single trailing "&" meaning in the background.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "run.h"

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
