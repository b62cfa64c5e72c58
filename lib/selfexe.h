/*
 * The jailbox executable is never writable from a jail: jail and jexec
 * run from a read-only, detached bind mount of themselves (or a sealed
 * in-memory copy), so /proc/PID/exe of any jailbox process names a file
 * nobody can write (the runc CVE-2019-5736 attack on the host binary).
 */
#ifndef JB_SELFEXE_H
#define JB_SELFEXE_H

int	selfexe_sealed(void) __attribute__((no_stack_protector));
void	selfexe_early(char *const [], char *const [])
	    __attribute__((no_stack_protector));
int	selfexe_reexec(char *const [], char *const []);

#endif
