/*
 * Command lines of jail(8)'s configuration: how a string becomes the
 * argument vector that is executed.
 */
#ifndef JB_RUN_H
#define JB_RUN_H

int	run_argv(const char *, char ***, int *);
void	run_argv_free(char **);

#endif
