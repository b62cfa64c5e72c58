#include <errno.h>
#include <stddef.h>

#include <sys/capability.h>

#include "confine.h"
#include "errmsg.h"

/*
 * Empty the inheritable and ambient capability sets, so no capability the
 * caller happened to carry reaches a jailed program other than through
 * the permitted set root gets at exec.
 */
int
confine_apply(void)
{
	cap_t caps;
	int rc;

	if ((caps = cap_get_proc()) == NULL)
		return (jb_err(errno, "cap_get_proc"));
	rc = cap_clear_flag(caps, CAP_INHERITABLE);
	if (rc == 0)
		rc = cap_set_proc(caps);
	cap_free(caps);
	if (rc == -1)
		return (jb_err(errno, "cap_set_proc"));
	if (cap_reset_ambient() == -1)
		return (jb_err(errno, "cap_reset_ambient"));
	return (0);
}
