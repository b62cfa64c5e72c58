/*
 * The environment of a command about to be executed, edited without
 * setenv(3) or clearenv(3): the child that edits it may share its
 * parent's memory until it executes (proc_spawn), and those would change,
 * or free, the parent's own environment.  Each edit makes a new array of
 * pointers and points environ at it; the old array and its strings are
 * never written, and the program executed next gets the result, its
 * PATH searched by execvp(3) as usual.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "env.h"
#include "errmsg.h"

/* Set name to value, in place of any value it had. */
int
env_set(const char *name, const char *value)
{
	size_t n, i, len;
	char **env, *s;

	len = strlen(name);
	for (n = 0; environ != NULL && environ[n] != NULL; n++)
		;
	if ((env = calloc(n + 2, sizeof(*env))) == NULL ||
	    (s = malloc(len + strlen(value) + 2)) == NULL) {
		free(env);
		return (jb_err(ENOMEM, "environment"));
	}
	sprintf(s, "%s=%s", name, value);
	for (i = 0; i < n; i++)
		env[i] = strncmp(environ[i], name, len) == 0 &&
		    environ[i][len] == '=' ? s : environ[i];
	for (i = 0; i < n && env[i] != s; i++)
		;
	if (i == n)
		env[n] = s;
	environ = env;
	return (0);
}

/* An environment with nothing in it. */
int
env_clear(void)
{
	char **env;

	if ((env = calloc(1, sizeof(*env))) == NULL)
		return (jb_err(ENOMEM, "environment"));
	environ = env;
	return (0);
}
