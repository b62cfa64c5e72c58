/*
 * Unit tests of lib/netlink.c, the rtnetlink client.  Each test case runs
 * in a process of its own and first moves it into a new network
 * namespace, so nothing here touches the host's interfaces; the
 * interfaces it needs are made there with ip(8), and the namespace goes
 * away with the process.  Addresses come from 192.0.2.0/24,
 * 198.51.100.0/24 and 2001:db8::/32 only.
 */
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "errmsg.h"
#include "netlink.h"

/* A test case that needs root and ip(8). */
#define NET_TC(name, text)						\
	ATF_TC(name);							\
	ATF_TC_HEAD(name, tc)						\
	{								\
		atf_tc_set_md_var(tc, "descr", text);			\
		atf_tc_set_md_var(tc, "require.user", "root");		\
		atf_tc_set_md_var(tc, "require.progs", "ip");		\
	}

/* Leave the host's network namespace for a new, empty one. */
static void
netns_new(void)
{
	ATF_REQUIRE_MSG(unshare(CLONE_NEWNET) == 0, "unshare: %s",
	    strerror(errno));
}

/* Run a shell command that must succeed. */
static void
sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	ATF_REQUIRE_MSG(rc == 0, "%s: exit status %d", cmd, rc);
}

/* What a shell command writes on its standard output. */
static void
sh_output(char *buf, size_t len, const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	size_t n;
	FILE *fp;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	ATF_REQUIRE_MSG((fp = popen(cmd, "r")) != NULL, "%s", cmd);
	n = fread(buf, 1, len - 1, fp);
	buf[n] = '\0';
	ATF_REQUIRE_MSG(pclose(fp) == 0, "%s failed", cmd);
}

/* A veth pair, name and name's peer "<name>p"; both ends start down. */
static void
veth_new(const char *name)
{
	sh("ip link add %s type veth peer name %sp", name, name);
}

static struct in_addr
in4(const char *s)
{
	struct in_addr a;

	ATF_REQUIRE(inet_pton(AF_INET, s, &a) == 1);
	return (a);
}

static struct in6_addr
in6(const char *s)
{
	struct in6_addr a;

	ATF_REQUIRE(inet_pton(AF_INET6, s, &a) == 1);
	return (a);
}

/* Clear the error channel before a call that must fail. */
static void
err_reset(void)
{
	errno = 0;
	jb_errmsg[0] = '\0';
}

/* A call returned -1 with errno err and the message msg. */
#define CHECK_FAILS(call, err, msg) do {				\
	int rc_;							\
									\
	err_reset();							\
	rc_ = (call);							\
	ATF_CHECK_EQ_MSG(-1, rc_, "%s returned %d", #call, rc_);	\
	ATF_CHECK_EQ_MSG((err), errno, "%s: errno %d (%s), not %d",	\
	    #call, errno, strerror(errno), (err));			\
	ATF_CHECK_STREQ_MSG((msg), jb_errmsg, "%s", #call);		\
} while (0)

/* A call returned 0. */
#define CHECK_OK(call) do {						\
	int rc_;							\
									\
	rc_ = (call);							\
	ATF_CHECK_EQ_MSG(0, rc_, "%s returned %d: %s", #call, rc_,	\
	    jb_errmsg);							\
} while (0)

/* The interface's flags, by SIOCGIFFLAGS. */
static int
if_flags(const char *ifname)
{
	struct ifreq ifr;
	int s;

	ATF_REQUIRE((s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) != -1);
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name) - 1);
	ATF_REQUIRE_MSG(ioctl(s, SIOCGIFFLAGS, &ifr) == 0, "%s: %s", ifname,
	    strerror(errno));
	close(s);
	return (ifr.ifr_flags);
}

/* nl_addr_find() gives want and, unless want is -1, the interface. */
static void
check_find(int family, const void *addr, int want, const char *ifname)
{
	char name[IF_NAMESIZE], text[INET6_ADDRSTRLEN];
	int rc;

	inet_ntop(family, addr, text, sizeof(text));
	memset(name, 0, sizeof(name));
	err_reset();
	rc = nl_addr_find(family, addr, name);
	ATF_CHECK_EQ_MSG(want, rc, "find %s: %d, not %d (%s)", text, rc,
	    want, jb_errmsg);
	if (want == -1) {
		ATF_CHECK_EQ_MSG(ENOENT, errno, "find %s: errno %d", text,
		    errno);
		ATF_CHECK_STREQ_MSG("", name, "find %s", text);
	} else
		ATF_CHECK_STREQ_MSG(ifname, name, "find %s", text);
}

/* The one line of "ip -o addr show dev ifname" about addr, or "". */
static void
ip_addr_line(const char *ifname, const char *addr, char *line, size_t len)
{
	char out[4096], pat[128], *p, *nl;

	sh_output(out, sizeof(out), "ip -o addr show dev %s", ifname);
	snprintf(pat, sizeof(pat), " %s/", addr);
	line[0] = '\0';
	if ((p = strstr(out, pat)) == NULL)
		return;
	while (p > out && p[-1] != '\n')
		p--;
	if ((nl = strchr(p, '\n')) != NULL)
		*nl = '\0';
	ATF_REQUIRE_MSG(strlen(p) < len, "%s: line too long", ifname);
	memcpy(line, p, strlen(p) + 1);
}

/* ip(8)'s line about addr, from the interface's name on, is want. */
static void
check_ip_addr(const char *ifname, const char *addr, const char *want)
{
	char line[512], *p;

	ip_addr_line(ifname, addr, line, sizeof(line));
	if (want == NULL) {
		ATF_CHECK_STREQ_MSG("", line, "%s is still on %s", addr,
		    ifname);
		return;
	}
	/* Drop "N: " and the valid_lft tail, which ip(8) pads. */
	p = strchr(line, ' ');
	p = p != NULL ? p + 1 : line;
	if (strchr(p, '\\') != NULL)
		*strchr(p, '\\') = '\0';
	ATF_CHECK_STREQ_MSG(want, p, "ip addr about %s", addr);
}

NET_TC(addr_inet, "nl_addr_add and nl_addr_del of IPv4 addresses, "
    "with the broadcast address of brd +");
ATF_TC_BODY(addr_inet, tc)
{
	struct in_addr a, b, c;

	netns_new();
	veth_new("d0");
	a = in4("192.0.2.10");
	b = in4("198.51.100.7");
	c = in4("198.51.100.8");
	CHECK_OK(nl_addr_add("d0", AF_INET, &a, 24));
	CHECK_OK(nl_addr_add("d0", AF_INET, &b, 32));
	CHECK_OK(nl_addr_add("d0", AF_INET, &c, 31));
	check_find(AF_INET, &a, 24, "d0");
	check_find(AF_INET, &b, 32, "d0");
	check_find(AF_INET, &c, 31, "d0");
	check_ip_addr("d0", "192.0.2.10",
	    "d0    inet 192.0.2.10/24 brd 192.0.2.255 scope global d0");
	check_ip_addr("d0", "198.51.100.7",
	    "d0    inet 198.51.100.7/32 scope global d0");
	check_ip_addr("d0", "198.51.100.8",
	    "d0    inet 198.51.100.8/31 scope global d0");

	CHECK_OK(nl_addr_del("d0", AF_INET, &a, 24));
	check_find(AF_INET, &a, -1, NULL);
	ATF_CHECK_STREQ("192.0.2.10: address not configured", jb_errmsg);
	check_ip_addr("d0", "192.0.2.10", NULL);
	check_find(AF_INET, &b, 32, "d0");
	CHECK_OK(nl_addr_del("d0", AF_INET, &b, 32));
	CHECK_OK(nl_addr_del("d0", AF_INET, &c, 31));
	check_find(AF_INET, &b, -1, NULL);
	check_find(AF_INET, &c, -1, NULL);
	check_ip_addr("d0", "198.51.100.7", NULL);
}

NET_TC(addr_inet6, "nl_addr_add and nl_addr_del of IPv6 addresses, "
    "usable at once");
ATF_TC_BODY(addr_inet6, tc)
{
	struct sockaddr_in6 sin6;
	struct in6_addr a, b;
	int s;

	netns_new();
	veth_new("d0");
	/* Both ends up: a carrier, so the kernel would run DAD. */
	sh("ip link set d0p up");
	CHECK_OK(nl_link_up("d0"));
	a = in6("2001:db8::10");
	b = in6("2001:db8:1::1");
	CHECK_OK(nl_addr_add("d0", AF_INET6, &a, 64));
	CHECK_OK(nl_addr_add("d0", AF_INET6, &b, 128));

	/* No duplicate address detection: bind() works at once. */
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_addr = a;
	ATF_REQUIRE((s = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0)) !=
	    -1);
	ATF_CHECK_MSG(bind(s, (struct sockaddr *)&sin6, sizeof(sin6)) == 0,
	    "bind 2001:db8::10: %s", strerror(errno));
	close(s);

	check_find(AF_INET6, &a, 64, "d0");
	check_find(AF_INET6, &b, 128, "d0");
	check_ip_addr("d0", "2001:db8::10",
	    "d0    inet6 2001:db8::10/64 scope global nodad ");
	check_ip_addr("d0", "2001:db8:1::1",
	    "d0    inet6 2001:db8:1::1/128 scope global nodad ");

	CHECK_OK(nl_addr_del("d0", AF_INET6, &a, 64));
	check_find(AF_INET6, &a, -1, NULL);
	ATF_CHECK_STREQ("2001:db8::10: address not configured", jb_errmsg);
	check_ip_addr("d0", "2001:db8::10", NULL);
	check_find(AF_INET6, &b, 128, "d0");
	CHECK_OK(nl_addr_del("d0", AF_INET6, &b, 128));
	check_find(AF_INET6, &b, -1, NULL);
}

NET_TC(addr_add_twice, "Adding an address that is there fails with EEXIST");
ATF_TC_BODY(addr_add_twice, tc)
{
	struct in6_addr a6;
	struct in_addr a;

	netns_new();
	veth_new("d0");
	veth_new("d1");
	a = in4("192.0.2.10");
	a6 = in6("2001:db8::10");
	CHECK_OK(nl_addr_add("d0", AF_INET, &a, 24));
	CHECK_FAILS(nl_addr_add("d0", AF_INET, &a, 24), EEXIST,
	    "d0: add 192.0.2.10/24: File exists");
	CHECK_OK(nl_addr_add("d0", AF_INET6, &a6, 64));
	CHECK_FAILS(nl_addr_add("d0", AF_INET6, &a6, 64), EEXIST,
	    "d0: add 2001:db8::10/64: File exists");
	/* The first stays, once. */
	check_find(AF_INET, &a, 24, "d0");
	check_ip_addr("d0", "192.0.2.10",
	    "d0    inet 192.0.2.10/24 brd 192.0.2.255 scope global d0");
	check_find(AF_INET6, &a6, 64, "d0");
}

NET_TC(addr_del_absent, "Deleting an address that is not there fails");
ATF_TC_BODY(addr_del_absent, tc)
{
	struct in_addr a, other;
	struct in6_addr a6;

	netns_new();
	veth_new("d0");
	veth_new("d1");
	a = in4("192.0.2.10");
	other = in4("192.0.2.99");
	a6 = in6("2001:db8::10");
	CHECK_FAILS(nl_addr_del("d0", AF_INET, &a, 24), EADDRNOTAVAIL,
	    "d0: delete 192.0.2.10/24: Cannot assign requested address");
	CHECK_FAILS(nl_addr_del("d0", AF_INET6, &a6, 64), EADDRNOTAVAIL,
	    "d0: delete 2001:db8::10/64: Cannot assign requested address");

	CHECK_OK(nl_addr_add("d0", AF_INET, &a, 24));
	CHECK_OK(nl_addr_add("d0", AF_INET6, &a6, 64));
	/* Another address, another prefix length, another interface. */
	CHECK_FAILS(nl_addr_del("d0", AF_INET, &other, 24), EADDRNOTAVAIL,
	    "d0: delete 192.0.2.99/24: Cannot assign requested address");
	CHECK_FAILS(nl_addr_del("d0", AF_INET, &a, 25), EADDRNOTAVAIL,
	    "d0: delete 192.0.2.10/25: Cannot assign requested address");
	CHECK_FAILS(nl_addr_del("d0", AF_INET6, &a6, 48), EADDRNOTAVAIL,
	    "d0: delete 2001:db8::10/48: Cannot assign requested address");
	CHECK_FAILS(nl_addr_del("d1", AF_INET, &a, 24), EADDRNOTAVAIL,
	    "d1: delete 192.0.2.10/24: Cannot assign requested address");
	CHECK_FAILS(nl_addr_del("d1", AF_INET6, &a6, 64), EADDRNOTAVAIL,
	    "d1: delete 2001:db8::10/64: Cannot assign requested address");
	check_find(AF_INET, &a, 24, "d0");
	check_find(AF_INET6, &a6, 64, "d0");
}

NET_TC(unknown_interface, "Every call on an unknown interface fails with "
    "ENODEV");
ATF_TC_BODY(unknown_interface, tc)
{
	struct in_addr a;
	struct in6_addr a6;
	char kind[32];
	int fd;

	netns_new();
	a = in4("192.0.2.10");
	a6 = in6("2001:db8::10");
	ATF_REQUIRE((fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) !=
	    -1);
	CHECK_FAILS(nl_addr_add("nx0", AF_INET, &a, 24), ENODEV,
	    "nx0: No such device");
	CHECK_FAILS(nl_addr_add("nx0", AF_INET6, &a6, 64), ENODEV,
	    "nx0: No such device");
	CHECK_FAILS(nl_addr_del("nx0", AF_INET, &a, 24), ENODEV,
	    "nx0: No such device");
	CHECK_FAILS(nl_link_up("nx0"), ENODEV, "nx0: No such device");
	CHECK_FAILS(nl_link_kind("nx0", kind, sizeof(kind)), ENODEV,
	    "nx0: No such device");
	CHECK_FAILS(nl_link_move("nx0", fd), ENODEV, "nx0: No such device");
	/* The longest valid name passes the check and is looked up. */
	CHECK_FAILS(nl_link_up("abcdefghijklmno"), ENODEV,
	    "abcdefghijklmno: No such device");
	close(fd);
}

/* Every call refuses name with EINVAL and msg. */
static void
check_bad_name(const char *name, const char *msg)
{
	struct in_addr a;
	char kind[32];

	a = in4("192.0.2.10");
	CHECK_FAILS(nl_addr_add(name, AF_INET, &a, 24), EINVAL, msg);
	CHECK_FAILS(nl_addr_del(name, AF_INET, &a, 24), EINVAL, msg);
	CHECK_FAILS(nl_link_up(name), EINVAL, msg);
	CHECK_FAILS(nl_link_kind(name, kind, sizeof(kind)), EINVAL, msg);
	CHECK_FAILS(nl_link_move(name, 0), EINVAL, msg);
}

NET_TC(bad_names, "Interface names the kernel would refuse are refused "
    "before any request");
ATF_TC_BODY(bad_names, tc)
{
	char line[256];

	netns_new();
	/* "d0:1" would be d0 to SIOCGIFINDEX, which drops the label. */
	veth_new("d0");
	check_bad_name("", "interface name cannot be empty");
	check_bad_name("a/b", "interface name cannot contain the character "
	    "0x2f");
	check_bad_name("d0:1", "interface name cannot contain the character "
	    "0x3a");
	check_bad_name("a b", "interface name cannot contain the character "
	    "0x20");
	check_bad_name("a\tb", "interface name cannot contain the character "
	    "0x09");
	check_bad_name("d0\n", "interface name cannot contain the character "
	    "0x0a");
	check_bad_name(" d0", "interface name cannot contain the character "
	    "0x20");
	check_bad_name("a\033", "interface name cannot contain the character "
	    "0x1b");
	check_bad_name("abcdefghijklmnop",
	    "abcdefghijklmnop: interface name too long");
	check_bad_name(".", ".: invalid interface name");
	check_bad_name("..", "..: invalid interface name");
	ip_addr_line("d0", "192.0.2.10", line, sizeof(line));
	ATF_CHECK_STREQ("", line);
}

NET_TC(bad_addresses, "Unknown families and prefix lengths are refused");
ATF_TC_BODY(bad_addresses, tc)
{
	struct in_addr a;
	struct in6_addr a6;
	char line[256];

	netns_new();
	veth_new("d0");
	a = in4("192.0.2.10");
	a6 = in6("2001:db8::10");
	CHECK_FAILS(nl_addr_add("d0", AF_INET, &a, 33), EINVAL,
	    "192.0.2.10/33: invalid prefix length");
	CHECK_FAILS(nl_addr_add("d0", AF_INET, &a, -1), EINVAL,
	    "192.0.2.10/-1: invalid prefix length");
	CHECK_FAILS(nl_addr_del("d0", AF_INET, &a, 33), EINVAL,
	    "192.0.2.10/33: invalid prefix length");
	CHECK_FAILS(nl_addr_add("d0", AF_INET6, &a6, 129), EINVAL,
	    "2001:db8::10/129: invalid prefix length");
	CHECK_FAILS(nl_addr_add("d0", AF_UNIX, &a, 24), EAFNOSUPPORT,
	    "address family 1 not supported");
	CHECK_FAILS(nl_addr_find(AF_UNIX, &a, NULL), EAFNOSUPPORT,
	    "address family 1 not supported");
	ip_addr_line("d0", "192.0.2.10", line, sizeof(line));
	ATF_CHECK_STREQ("", line);
	/* The bounds themselves are fine. */
	CHECK_OK(nl_addr_add("d0", AF_INET, &a, 0));
	CHECK_OK(nl_addr_add("d0", AF_INET6, &a6, 128));
	check_find(AF_INET, &a, 0, "d0");
	check_find(AF_INET6, &a6, 128, "d0");
}

NET_TC(addr_find, "nl_addr_find gives the prefix length and the interface");
ATF_TC_BODY(addr_find, tc)
{
	struct in_addr a, b, absent, lo, ptp, peer;
	struct in6_addr a6, b6, lo6, absent6, ptp6, peer6;

	netns_new();
	veth_new("d0");
	veth_new("d1");
	a = in4("192.0.2.10");
	b = in4("198.51.100.5");
	absent = in4("192.0.2.11");
	lo = in4("127.0.0.1");
	a6 = in6("2001:db8::5");
	b6 = in6("2001:db8:0:1::5");
	absent6 = in6("2001:db8::6");
	lo6 = in6("::1");

	/* A new namespace has lo, down, and no address at all. */
	check_find(AF_INET, &lo, -1, NULL);
	check_find(AF_INET6, &lo6, -1, NULL);
	CHECK_OK(nl_link_up("lo"));
	check_find(AF_INET, &lo, 8, "lo");
	check_find(AF_INET6, &lo6, 128, "lo");

	CHECK_OK(nl_addr_add("d0", AF_INET, &a, 24));
	CHECK_OK(nl_addr_add("d1", AF_INET, &b, 28));
	CHECK_OK(nl_addr_add("d0", AF_INET6, &a6, 64));
	CHECK_OK(nl_addr_add("d1", AF_INET6, &b6, 48));
	check_find(AF_INET, &a, 24, "d0");
	check_find(AF_INET, &b, 28, "d1");
	check_find(AF_INET6, &a6, 64, "d0");
	check_find(AF_INET6, &b6, 48, "d1");
	/* An address in a configured prefix is not configured. */
	check_find(AF_INET, &absent, -1, NULL);
	ATF_CHECK_STREQ("192.0.2.11: address not configured", jb_errmsg);
	check_find(AF_INET6, &absent6, -1, NULL);
	ATF_CHECK_STREQ("2001:db8::6: address not configured", jb_errmsg);
	/* On a point-to-point address, the local end is ours. */
	sh("ip addr add 198.51.100.20 peer 198.51.100.21/32 dev d1");
	ptp = in4("198.51.100.20");
	peer = in4("198.51.100.21");
	check_find(AF_INET, &ptp, 32, "d1");
	check_find(AF_INET, &peer, -1, NULL);
	sh("ip addr add 2001:db8:2::1 peer 2001:db8:2::2/128 dev d1");
	ptp6 = in6("2001:db8:2::1");
	peer6 = in6("2001:db8:2::2");
	check_find(AF_INET6, &ptp6, 128, "d1");
	check_find(AF_INET6, &peer6, -1, NULL);
	/* Without a buffer, the prefix length alone. */
	ATF_CHECK_EQ(28, nl_addr_find(AF_INET, &b, NULL));
	ATF_CHECK_EQ(48, nl_addr_find(AF_INET6, &b6, NULL));
}

NET_TC(addr_find_long_dump, "nl_addr_find reads a dump that takes many "
    "reads to its end");
ATF_TC_BODY(addr_find_long_dump, tc)
{
	struct in6_addr a;
	int i;

	netns_new();
	veth_new("d0");
	a = in6("2001:db8:3::");
	for (i = 1; i <= 1000; i++) {
		a.s6_addr[14] = i >> 8;
		a.s6_addr[15] = i & 0xff;
		CHECK_OK(nl_addr_add("d0", AF_INET6, &a, 64 + i % 64));
	}
	/*
	 * Found wherever they come in the dump.  Right after so many
	 * additions the kernel may still be at work on them and mark the
	 * first dump interrupted; the lookup then reads it again.
	 */
	for (i = 1; i <= 1000; i += 333) {
		a.s6_addr[14] = i >> 8;
		a.s6_addr[15] = i & 0xff;
		check_find(AF_INET6, &a, 64 + i % 64, "d0");
	}
	a.s6_addr[14] = 1000 >> 8;
	a.s6_addr[15] = 1000 & 0xff;
	check_find(AF_INET6, &a, 64 + 1000 % 64, "d0");
	a.s6_addr[15]++;
	check_find(AF_INET6, &a, -1, NULL);
}

NET_TC(link_up, "nl_link_up sets IFF_UP and leaves the other flags");
ATF_TC_BODY(link_up, tc)
{
	int before, after;

	netns_new();
	veth_new("d0");
	before = if_flags("d0");
	ATF_REQUIRE_EQ(0, before & IFF_UP);
	CHECK_OK(nl_link_up("d0"));
	after = if_flags("d0");
	ATF_CHECK_EQ(IFF_UP, after & IFF_UP);
	ATF_CHECK_EQ(before & (IFF_BROADCAST | IFF_MULTICAST | IFF_NOARP),
	    after & (IFF_BROADCAST | IFF_MULTICAST | IFF_NOARP));
	/* Up twice is still up; the peer is left down. */
	CHECK_OK(nl_link_up("d0"));
	ATF_CHECK_EQ(IFF_UP, if_flags("d0") & IFF_UP);
	ATF_CHECK_EQ(0, if_flags("d0p") & IFF_UP);
	ATF_CHECK_EQ(0, if_flags("lo") & IFF_UP);
	CHECK_OK(nl_link_up("lo"));
	ATF_CHECK_EQ(IFF_UP, if_flags("lo") & IFF_UP);
}

/* nl_link_kind() of ifname is want. */
static void
check_kind(const char *ifname, const char *want)
{
	char kind[32];

	memset(kind, 'x', sizeof(kind));
	ATF_CHECK_EQ_MSG(0, nl_link_kind(ifname, kind, sizeof(kind)),
	    "%s: %s", ifname, jb_errmsg);
	ATF_CHECK_STREQ_MSG(want, kind, "kind of %s", ifname);
}

NET_TC(link_kind, "nl_link_kind gives IFLA_INFO_KIND, or \"\"");
ATF_TC_BODY(link_kind, tc)
{
	char small[8];

	netns_new();
	veth_new("v0");
	sh("ip link add b0 type bridge");
	check_kind("v0", "veth");
	check_kind("v0p", "veth");
	check_kind("b0", "bridge");
	check_kind("lo", "");
	/* Not every kernel has the dummy driver. */
	if (system("ip link add k0 type dummy 2>/dev/null") == 0)
		check_kind("k0", "dummy");

	/* The buffer holds the kind and its NUL, or ERANGE. */
	CHECK_OK(nl_link_kind("v0", small, 5));
	ATF_CHECK_STREQ("veth", small);
	CHECK_FAILS(nl_link_kind("v0", small, 4), ERANGE,
	    "v0: link kind: Numerical result out of range");
	CHECK_OK(nl_link_kind("lo", small, 1));
	ATF_CHECK_STREQ("", small);
	CHECK_FAILS(nl_link_kind("lo", small, 0), ERANGE,
	    "lo: link kind: Numerical result out of range");
}

/* Open the network namespace the calling thread is in. */
static int
netns_open(void)
{
	int fd;

	fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	ATF_REQUIRE_MSG(fd != -1, "/proc/thread-self/ns/net: %s",
	    strerror(errno));
	return (fd);
}

NET_TC(link_move, "nl_link_move moves an interface into another network "
    "namespace and back");
ATF_TC_BODY(link_move, tc)
{
	struct in_addr a;
	int first, second;

	/*
	 * Two namespaces, both held open here only: they go away with
	 * this process, and with them whatever is left in them.
	 */
	netns_new();
	first = netns_open();
	netns_new();
	second = netns_open();
	ATF_REQUIRE(setns(first, CLONE_NEWNET) == 0);

	veth_new("v0");
	a = in4("198.51.100.1");
	CHECK_OK(nl_addr_add("v0p", AF_INET, &a, 24));
	CHECK_OK(nl_link_move("v0p", second));
	ATF_CHECK_EQ(0u, if_nametoindex("v0p"));
	ATF_CHECK(if_nametoindex("v0") != 0);
	check_find(AF_INET, &a, -1, NULL);
	CHECK_FAILS(nl_link_up("v0p"), ENODEV, "v0p: No such device");

	/* In the second: the interface, and every call acts there. */
	ATF_REQUIRE(setns(second, CLONE_NEWNET) == 0);
	ATF_CHECK(if_nametoindex("v0p") != 0);
	ATF_CHECK_EQ(0u, if_nametoindex("v0"));
	check_kind("v0p", "veth");
	/* An address goes with its interface no more than on FreeBSD. */
	check_find(AF_INET, &a, -1, NULL);
	CHECK_OK(nl_addr_add("v0p", AF_INET, &a, 24));
	check_find(AF_INET, &a, 24, "v0p");
	CHECK_OK(nl_link_up("v0p"));
	ATF_CHECK_EQ(IFF_UP, if_flags("v0p") & IFF_UP);
	/* lo is local to its namespace. */
	CHECK_FAILS(nl_link_move("lo", first), EINVAL,
	    "lo: move to network namespace: Invalid argument");

	/* And back, as vnet.interface does on removal. */
	CHECK_OK(nl_link_move("v0p", first));
	ATF_CHECK_EQ(0u, if_nametoindex("v0p"));
	ATF_REQUIRE(setns(first, CLONE_NEWNET) == 0);
	ATF_CHECK(if_nametoindex("v0p") != 0);
	check_kind("v0p", "veth");
	CHECK_FAILS(nl_link_move("v0p", -1), EBADF,
	    "v0p: move to network namespace: Bad file descriptor");
	ATF_CHECK(if_nametoindex("v0p") != 0);
	close(first);
	close(second);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, addr_inet);
	ATF_TP_ADD_TC(tp, addr_inet6);
	ATF_TP_ADD_TC(tp, addr_add_twice);
	ATF_TP_ADD_TC(tp, addr_del_absent);
	ATF_TP_ADD_TC(tp, unknown_interface);
	ATF_TP_ADD_TC(tp, bad_names);
	ATF_TP_ADD_TC(tp, bad_addresses);
	ATF_TP_ADD_TC(tp, addr_find);
	ATF_TP_ADD_TC(tp, addr_find_long_dump);
	ATF_TP_ADD_TC(tp, link_up);
	ATF_TP_ADD_TC(tp, link_kind);
	ATF_TP_ADD_TC(tp, link_move);
	return (atf_no_error());
}
