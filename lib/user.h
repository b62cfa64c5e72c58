/*
 * Users and groups read from a passwd(5) and a group(5) file by our own
 * parser: never NSS, never a library or helper from the jail.  The files
 * are opened inside a given root directory so that a symbolic link can
 * never lead out of it, and are read with bounded sizes.
 */
#ifndef JB_USER_H
#define JB_USER_H

#include <sys/types.h>

#include <limits.h>
#include <stddef.h>

#define USER_FILE_MAX	(4 * 1024 * 1024)	/* bytes of one file */
#define USER_LINE_MAX	4096			/* bytes of one line */
#define USER_NAME_MAX	256
#define USER_NGROUPS	1024			/* primary included */

struct jb_user {
	char	name[USER_NAME_MAX];
	uid_t	uid;
	gid_t	gid;
	char	home[PATH_MAX];
	char	shell[PATH_MAX];	/* "/bin/sh" when the entry has none */
	size_t	ngroups;		/* groups[0] is gid */
	gid_t	groups[USER_NGROUPS];
};

int	user_passwd_find(const char *, size_t, const char *, struct jb_user *);
int	user_group_collect(const char *, size_t, struct jb_user *);
int	user_read_fd(int, char **, size_t *);
int	user_read_in_root(int, const char *, char **, size_t *);
int	user_lookup_fd(int, int, const char *, struct jb_user *);
int	user_lookup(int, const char *, struct jb_user *);

#endif
