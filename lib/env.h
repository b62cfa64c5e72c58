/*
 * The environment of a command about to be executed, edited without
 * setenv(3): see env.c.
 */
#ifndef JB_ENV_H
#define JB_ENV_H

int	env_set(const char *, const char *);
int	env_clear(void);

#endif
