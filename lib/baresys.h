/*
 * A system call made directly, for code that must not touch the C
 * library's state: before the library has started (selfexe.c), or in a
 * helper sharing the memory of a process whose library does not know of
 * it (preload.c).  It sets no errno and checks no stack protector.
 */
#ifndef JB_BARESYS_H
#define JB_BARESYS_H

#include <errno.h>
#include <unistd.h>

/* Its result, or minus the error number. */
static inline __attribute__((always_inline, no_stack_protector)) long
bare_syscall(long nr, long a, long b, long c, long d, long e, long f)
{
#if defined(__x86_64__)
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile ("syscall" : "=a" (ret) : "a" (nr), "D" (a),
	    "S" (b), "d" (c), "r" (r10), "r" (r8), "r" (r9) :
	    "rcx", "r11", "memory");
	return (ret);
#else
	/* Elsewhere only called once the C library runs (see entry.c). */
	long ret;

	ret = syscall(nr, a, b, c, d, e, f);
	return (ret == -1 ? -errno : ret);
#endif
}

#endif
