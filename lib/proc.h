/*
 * Processes named safely: a pid is only trusted together with its start
 * time, and acted on through a pidfd, so a reused pid is never hit.
 */
#ifndef JB_PROC_H
#define JB_PROC_H

#include <sys/types.h>

#include <signal.h>
#include <stddef.h>

int	proc_starttime(pid_t, unsigned long long *);
int	proc_pidfd(pid_t, unsigned long long);
pid_t	proc_clone(unsigned long long, int, int *);
pid_t	proc_spawn(unsigned long long, int, int (*)(void *), void *);
pid_t	proc_helper(char *, size_t, int (*)(void *), void *);
int	proc_wait_exit(int, int);
void	proc_raise_status(int);
void	proc_forward_block(sigset_t *);
int	proc_wait_forward(pid_t);
void	proc_close_fds(const int *, size_t);

#endif
