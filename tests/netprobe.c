/*
 * netprobe: one socket operation, and a line on standard output that says
 * how it went, for the network tests to run inside and outside jails.
 *
 *	netprobe socket inet|inet6|unix
 *	netprobe bind ADDR PORT		(TCP)
 *	netprobe listen ADDR PORT	(TCP: accept one connection)
 *	netprobe connect ADDR PORT	(TCP)
 *	netprobe udp ADDR PORT		(send one datagram, unconnected)
 *	netprobe recv ADDR PORT		(UDP: receive one datagram)
 *	netprobe abstract NAME		(connect to the abstract socket NAME)
 *	netprobe abstract-listen NAME	(listen on it and accept one)
 *
 * ADDR is IPv4 or IPv6; the family follows from it.  Lines:
 *	socket: "succeeded"
 *	bind: "bound ADDR PORT" (getsockname after bind)
 *	listen: "ready" once listening (flushed), then "from ADDR" for the
 *		peer of the connection accepted
 *	connect: "from ADDR" (the local address the kernel used)
 *	udp: "sent"
 *	recv: "ready" once bound (flushed), then "from ADDR" (the sender)
 *	abstract: "connected"
 *	abstract-listen: "ready" once listening (flushed), then "accepted"
 * or "refused: ENAME" and exit 1.  Misuse: a message on standard error
 * and exit 2.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
	int		 e;
	const char	*name;
} errnames[] = {
	{ EACCES, "EACCES" }, { EADDRINUSE, "EADDRINUSE" },
	{ EADDRNOTAVAIL, "EADDRNOTAVAIL" }, { EAFNOSUPPORT, "EAFNOSUPPORT" },
	{ ECONNREFUSED, "ECONNREFUSED" }, { EHOSTUNREACH, "EHOSTUNREACH" },
	{ EINVAL, "EINVAL" }, { ENETUNREACH, "ENETUNREACH" },
	{ ENOENT, "ENOENT" }, { EPERM, "EPERM" },
	{ ETIMEDOUT, "ETIMEDOUT" },
};

static int
refused(void)
{
	size_t i;
	int e;

	e = errno;
	for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].e == e) {
			printf("refused: %s\n", errnames[i].name);
			return (1);
		}
	printf("refused: errno %d\n", e);
	return (1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: netprobe OP ARG ...\n");
	exit(2);
}

/* An IPv4 or IPv6 address and port into ss. */
static socklen_t
address(const char *a, const char *port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, a, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((unsigned short)atoi(port));
		return (sizeof(*sin));
	}
	if (inet_pton(AF_INET6, a, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((unsigned short)atoi(port));
		return (sizeof(*sin6));
	}
	fprintf(stderr, "netprobe: %s: not an address\n", a);
	exit(2);
}

/* The address part of ss as text. */
static const char *
text(const struct sockaddr_storage *ss)
{
	static char buf[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr,
		    buf, sizeof(buf));
	else
		inet_ntop(AF_INET6,
		    &((const struct sockaddr_in6 *)ss)->sin6_addr, buf,
		    sizeof(buf));
	return (buf);
}

static int
port_of(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return (ntohs(((const struct sockaddr_in *)ss)->sin_port));
	return (ntohs(((const struct sockaddr_in6 *)ss)->sin6_port));
}

/* An abstract AF_UNIX address: a NUL, then name. */
static socklen_t
abstract(const char *name, struct sockaddr_un *sun)
{
	size_t len;

	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if ((len = strlen(name)) >= sizeof(sun->sun_path) - 1)
		usage();
	memcpy(sun->sun_path + 1, name, len);
	return ((socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
	    len));
}

int
main(int argc, char *argv[])
{
	struct sockaddr_storage ss, local;
	struct sockaddr_un sun;
	socklen_t len, sl;
	int s, c, one;
	char byte;

	if (argc < 3)
		usage();
	if (strcmp(argv[1], "socket") == 0) {
		s = socket(strcmp(argv[2], "inet") == 0 ? AF_INET :
		    strcmp(argv[2], "inet6") == 0 ? AF_INET6 : AF_UNIX,
		    SOCK_STREAM, 0);
		if (s == -1)
			return (refused());
		printf("succeeded\n");
		return (0);
	}
	if (strcmp(argv[1], "abstract") == 0 ||
	    strcmp(argv[1], "abstract-listen") == 0) {
		len = abstract(argv[2], &sun);
		if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
			return (refused());
		if (argv[1][8] == '\0') {
			if (connect(s, (struct sockaddr *)&sun, len) == -1)
				return (refused());
			printf("connected\n");
			return (0);
		}
		if (bind(s, (struct sockaddr *)&sun, len) == -1 ||
		    listen(s, 1) == -1)
			return (refused());
		printf("ready\n");
		fflush(stdout);
		if ((c = accept(s, NULL, NULL)) == -1)
			return (refused());
		printf("accepted\n");
		return (0);
	}
	if (argc < 4)
		usage();
	len = address(argv[2], argv[3], &ss);
	if (strcmp(argv[1], "bind") == 0 || strcmp(argv[1], "listen") == 0 ||
	    strcmp(argv[1], "connect") == 0)
		s = socket(ss.ss_family, SOCK_STREAM, 0);
	else if (strcmp(argv[1], "udp") == 0 || strcmp(argv[1], "recv") == 0)
		s = socket(ss.ss_family, SOCK_DGRAM, 0);
	else
		usage();
	if (s == -1)
		return (refused());
	one = 1;
	(void)setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	sl = sizeof(local);
	if (strcmp(argv[1], "connect") == 0) {
		if (connect(s, (struct sockaddr *)&ss, len) == -1 ||
		    getsockname(s, (struct sockaddr *)&local, &sl) == -1)
			return (refused());
		printf("from %s\n", text(&local));
		return (0);
	}
	if (strcmp(argv[1], "udp") == 0) {
		if (sendto(s, "x", 1, 0, (struct sockaddr *)&ss, len) == -1)
			return (refused());
		printf("sent\n");
		return (0);
	}
	if (bind(s, (struct sockaddr *)&ss, len) == -1 ||
	    getsockname(s, (struct sockaddr *)&local, &sl) == -1)
		return (refused());
	if (strcmp(argv[1], "bind") == 0) {
		printf("bound %s %d\n", text(&local), port_of(&local));
		return (0);
	}
	if (strcmp(argv[1], "recv") == 0) {
		printf("ready\n");
		fflush(stdout);
		sl = sizeof(ss);
		if (recvfrom(s, &byte, 1, 0, (struct sockaddr *)&ss, &sl) ==
		    -1)
			return (refused());
		printf("from %s\n", text(&ss));
		return (0);
	}
	if (listen(s, 1) == -1)
		return (refused());
	printf("ready\n");
	fflush(stdout);
	sl = sizeof(ss);
	if ((c = accept(s, (struct sockaddr *)&ss, &sl)) == -1)
		return (refused());
	printf("from %s\n", text(&ss));
	return (0);
}
