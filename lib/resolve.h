/*
 * A host name to its addresses, for ip_hostname and jail -h, the way
 * FreeBSD's jail(8) gets them from getaddrinfo(3) but without NSS: the
 * hosts file first, then DNS asked directly at the nameservers of
 * resolv.conf(5), over UDP and over TCP when a reply is truncated.
 */
#ifndef JB_RESOLVE_H
#define JB_RESOLVE_H

struct resolve_conf {
	const char	*hosts;		/* NULL: "/etc/hosts" */
	const char	*resolv;	/* NULL: "/etc/resolv.conf" */
};

/*
 * Call add(arg, family, text) for every address of name: AF_INET first,
 * then AF_INET6, each in the order found, no duplicates, text in the
 * canonical inet_ntop(3) form.  0 if at least one address was found;
 * -1 otherwise, with ENOENT and "hostname nor servname provided, or not
 * known" when the name does not exist or has no address.  An add that
 * returns -1 stops the walk, and -1 is returned.
 */
int	resolve_host(const struct resolve_conf *, const char *,
	    int (*)(void *, int, const char *), void *);

#endif
