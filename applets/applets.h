#ifndef JB_APPLETS_H
#define JB_APPLETS_H

struct applet {
	const char	*name;
	int		(*main)(int, char **);
	int		 sealed;	/* enters jails: run from a read-only copy */
};

/* Callable before the C library starts (entry.c). */
const struct applet *applet_of(int, char *const *)
	    __attribute__((no_stack_protector));

int	jail_main(int, char **);
int	jattach_main(int, char **);
int	jexec_main(int, char **);
int	jls_main(int, char **);

#endif
