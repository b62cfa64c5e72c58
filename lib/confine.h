/*
 * What a jailed process may do.  For now: no capability is passed on
 * through exec except by root's own rules (the inheritable and ambient
 * sets are emptied); the bounding set and seccomp filter build on this.
 */
#ifndef JB_CONFINE_H
#define JB_CONFINE_H

int	confine_apply(void);

#endif
