/*
 * Where jailbox starts, before the C library does.  jail and jexec must
 * run from a protected view of themselves (lib/selfexe.c): they execute
 * it from here, so that the C library starts once, not twice.  Nothing
 * here may rely on the C library: no errno, no string function, no stack
 * protector.  The C library's own entry point follows when there is
 * nothing to do, or when this could not be done; main() then does it
 * the slow way, or says why it cannot.
 *
 * Only on x86-64, where the entry point is written out below; elsewhere
 * the executable starts at the C library's entry point (see Makefile).
 * The executable is static, not static-pie: the pointers of the applet
 * table are right before anything has run.
 */
#include <stddef.h>

#include "applets.h"
#include "../lib/selfexe.h"

void	entry_early(long *) __attribute__((used, no_stack_protector));

#if defined(__x86_64__)
/*
 * The kernel leaves argc at the top of the stack, argv and the
 * environment after it, and every other register zero; _start finds them
 * so again, %rbx keeping the stack pointer over the call.
 */
__asm__(
	"	.text\n"
	"	.globl	jailbox_entry\n"
	"	.type	jailbox_entry, @function\n"
	"jailbox_entry:\n"
	"	mov	%rsp, %rbx\n"
	"	mov	%rsp, %rdi\n"
	"	call	entry_early\n"
	"	mov	%rbx, %rsp\n"
	"	xor	%ebx, %ebx\n"
	"	xor	%edx, %edx\n"
	"	jmp	_start\n"
	"	.size	jailbox_entry, . - jailbox_entry\n");
#endif

/* The applet argv names runs from its protected view, if it must. */
void
entry_early(long *sp)
{
	char **argv = (char **)&sp[1];
	const struct applet *a;

	if ((a = applet_of((int)sp[0], argv)) != NULL && a->sealed)
		selfexe_early(argv, argv + sp[0] + 1);
}
