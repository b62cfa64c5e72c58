/*
 * Holding a jail's sockets to its own addresses on the host's stack, the
 * way FreeBSD does for a jail with ip4.addr or ip6.addr, with cgroup BPF
 * programs written here as instruction arrays (no compiler, no libbpf):
 *
 *   sock_create	a family the jail may not use (ip4=disable) cannot
 *			make sockets: EAFNOSUPPORT, as on FreeBSD;
 *   bind4/6		the wildcard and loopback addresses become the
 *			jail's first address, any address not the jail's
 *			fails with EADDRNOTAVAIL;
 *   connect4/6		loopback and wildcard destinations become the
 *			jail's first address; an unbound socket is bound
 *			to the jail's source address first;
 *   sendmsg4/6		the same for datagrams sent to an address, whose
 *			source is the jail's (an explicit source must be
 *			one of the jail's addresses);
 *   connect/sendmsg	on AF_UNIX, an abstract address (the host's
 *			abstract namespace, shared with the host stack)
 *			is unreachable: ECONNREFUSED.
 *
 * The source address: with saddrsel (the default), the jail's address on
 * the destination's subnet if there is one, else the first; without it,
 * always the first.  An IPv4-mapped IPv6 address is refused unless
 * ip4=inherit (bind: unless it maps one of the jail's), but as the
 * destination of a datagram: Linux sends that the IPv4 way, through
 * sendmsg4, which holds it to the jail's IPv4 addresses, or refuses it.
 * Every program is attached without the override flags, so nothing
 * below the jail's cgroup can replace it, and the jail itself may not
 * call bpf(2) at all.
 */
#include <sys/socket.h>
#include <sys/syscall.h>

#include <linux/bpf.h>

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errmsg.h"
#include "nitems.h"
#include "param.h"
#include "sockfilter.h"

/*
 * The AF_UNIX hooks came with Linux 6.7, after the kernel headers this
 * builds against: their attach types, from Linux's enum bpf_attach_type.
 */
#define ATTACH_UNIX_CONNECT	49
#define ATTACH_UNIX_SENDMSG	50

/* Registers: r1-r5 scratch and helper arguments, r6 the context. */
#define R0	0
#define R1	1
#define R2	2
#define R3	3
#define R6	6
#define R10	10

/* The jump targets an emitted program names. */
enum label {
	L_ALLOW,	/* return 1 */
	L_DENY,		/* set the errno, return 0 */
	L_REWRITE,	/* destination becomes the first address */
	L_MAPPED,	/* an IPv4-mapped IPv6 address */
	L_SETTLED,	/* the destination is settled */
	L_SOURCE,	/* choose the source address */
	L_SOURCED,	/* source chosen: bind to it or set it */
	L_NLABELS
};

/*
 * A program being written: the longest, sendmsg6 for 255 addresses with
 * saddrsel, takes about 5,500 instructions.  Every jump to a label is one
 * instruction, so there are never more fixups than instructions.
 */
#define PROG_MAX	8192

struct prog {
	struct bpf_insn	 insn[PROG_MAX];
	size_t		 n;
	long		 at[L_NLABELS];	/* where each label is, -1 */
	struct fixup {
		size_t		insn;
		enum label	label;
	}		 fix[PROG_MAX];
	size_t		 nfix;
	int		 full;	/* an instruction did not fit */
};

/* What a program is for. */
enum hook {
	HOOK_BIND,
	HOOK_CONNECT,
	HOOK_SENDMSG
};

/* The byte offsets of the context fields the programs use. */
#define CTX_IP4		offsetof(struct bpf_sock_addr, user_ip4)
#define CTX_IP6(i)	(offsetof(struct bpf_sock_addr, user_ip6) + 4 * (i))
#define CTX_PORT	offsetof(struct bpf_sock_addr, user_port)
#define CTX_SRC4	offsetof(struct bpf_sock_addr, msg_src_ip4)
#define CTX_SRC6(i)	(offsetof(struct bpf_sock_addr, msg_src_ip6) + \
			    4 * (i))
/* The sockaddr handed to bpf_bind(), on the stack. */
#define STK_SA		(-32)
#define STK_SA6(i)	(STK_SA + 8 + 4 * (i))
#define STK_SA4		(STK_SA + 4)

static void	emit(struct prog *, uint8_t, uint8_t, uint8_t, int16_t,
		    int32_t);
static void	jump(struct prog *, uint8_t, uint8_t, int32_t, enum label);
static void	label(struct prog *, enum label);
static int	finish(struct prog *);
static void	emit_return(struct prog *, int);
static uint32_t	word(const struct netaddr *, int);
static uint32_t	maskword(int, int);
static void	emit_member4(struct prog *, uint8_t,
		    const struct sockfilter *);
static void	emit_member6(struct prog *, const struct sockfilter *);
static void	emit_choose(struct prog *, int, const struct netaddr *,
		    size_t, int);
static int	used(const struct prog *, enum label);
static void	emit_tail(struct prog *, int);
static void	emit_sockaddr(struct prog *, int);
static void	emit_use_source(struct prog *, enum hook, int);
static void	emit_load6(struct prog *, int);
static void	emit_inet4(struct prog *, enum hook,
		    const struct sockfilter *);
static void	emit_inet6(struct prog *, enum hook,
		    const struct sockfilter *);
static void	emit_create(struct prog *, const struct sockfilter *);
static void	emit_unix(struct prog *);
static int	load_attach(int, struct prog *, enum bpf_prog_type,
		    unsigned, const char *);

static void
emit(struct prog *p, uint8_t code, uint8_t dst, uint8_t src, int16_t off,
    int32_t imm)
{
	if (p->n == PROG_MAX) {
		p->full = 1;
		return;
	}
	memset(&p->insn[p->n], 0, sizeof(p->insn[p->n]));
	p->insn[p->n].code = code;
	p->insn[p->n].dst_reg = dst & 0xf;
	p->insn[p->n].src_reg = src & 0xf;
	p->insn[p->n].off = off;
	p->insn[p->n].imm = imm;
	p->n++;
}

/* A conditional (or, with BPF_JA, plain) jump to a label. */
static void
jump(struct prog *p, uint8_t op, uint8_t reg, int32_t imm, enum label l)
{
	if (p->n == PROG_MAX) {
		p->full = 1;
		return;
	}
	p->fix[p->nfix].insn = p->n;
	p->fix[p->nfix++].label = l;
	emit(p, (op == BPF_JA ? BPF_JMP : BPF_JMP32) | op | BPF_K, reg, 0, 0,
	    imm);
}

static void
label(struct prog *p, enum label l)
{
	p->at[l] = (long)p->n;
}

/* Resolve the jumps to labels. */
static int
finish(struct prog *p)
{
	size_t i;
	long off;

	if (p->full)
		return (jb_errx(E2BIG,
		    "socket restrictions: program too long"));
	for (i = 0; i < p->nfix; i++) {
		off = p->at[p->fix[i].label] - (long)p->fix[i].insn - 1;
		if (p->at[p->fix[i].label] < 0 || off < 0 || off > INT16_MAX)
			return (jb_errx(EINVAL, "socket restrictions: "
			    "bad jump"));
		p->insn[p->fix[i].insn].off = (int16_t)off;
	}
	return (0);
}

/* Return 1 (go on), or 0 with errno e (refuse). */
static void
emit_return(struct prog *p, int e)
{
	if (e != 0) {
		emit(p, BPF_ALU64 | BPF_MOV | BPF_K, R1, 0, 0, -e);
		emit(p, BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_set_retval);
	}
	emit(p, BPF_ALU64 | BPF_MOV | BPF_K, R0, 0, 0, e == 0);
	emit(p, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

/* Word i of an address as a 32-bit load from memory reads it. */
static uint32_t
word(const struct netaddr *na, int i)
{
	uint32_t w;

	memcpy(&w, na->addr.b + 4 * i, 4);
	return (w);
}

/* Word i of the netmask of a prefix length, as word() reads addresses. */
static uint32_t
maskword(int prefixlen, int i)
{
	unsigned char b[4];
	uint32_t w;
	int k, bits;

	for (k = 0; k < 4; k++) {
		bits = prefixlen - 32 * i - 8 * k;
		b[k] = bits >= 8 ? 0xff : bits <= 0 ? 0 :
		    (unsigned char)(0xff << (8 - bits));
	}
	memcpy(&w, b, 4);
	return (w);
}

/* Jump to L_ALLOW if register reg holds one of the jail's IPv4 addresses. */
static void
emit_member4(struct prog *p, uint8_t reg, const struct sockfilter *sf)
{
	size_t i;

	for (i = 0; i < sf->n4; i++)
		jump(p, BPF_JEQ, reg, (int32_t)word(&sf->a4[i], 0), L_ALLOW);
}

/* The same for the IPv6 address in r2-r5 (word 0 in r2). */
static void
emit_member6(struct prog *p, const struct sockfilter *sf)
{
	size_t i;
	int w;

	for (i = 0; i < sf->n6; i++) {
		for (w = 0; w < 3; w++)
			emit(p, BPF_JMP32 | BPF_JNE | BPF_K, R2 + w, 0,
			    (int16_t)(3 - w), (int32_t)word(&sf->a6[i], w));
		jump(p, BPF_JEQ, R2 + 3, (int32_t)word(&sf->a6[i], 3),
		    L_ALLOW);
	}
}

/*
 * L_SOURCE: choose the source address for the destination in r2 (IPv4)
 * or r2-r5 (IPv6) and leave it in the sockaddr on the stack; then go to
 * L_SOURCED.  With saddrsel, the first of the jail's addresses whose
 * subnet holds the destination; else, and failing that, the first.
 */
static void
emit_choose(struct prog *p, int family, const struct netaddr *a, size_t n,
    int saddrsel)
{
	size_t i;
	int w, nw, left, masked[4];

	nw = family == AF_INET ? 1 : 4;
	label(p, L_SOURCE);
	for (i = 0; saddrsel && i < n; i++) {
		for (left = 0, w = 0; w < nw; w++)
			left += masked[w] = maskword(a[i].prefixlen, w) != 0;
		for (w = 0; w < nw; w++) {
			if (!masked[w])
				continue;
			left--;
			emit(p, BPF_ALU64 | BPF_MOV | BPF_X, R1, R2 + w, 0, 0);
			emit(p, BPF_ALU | BPF_AND | BPF_K, R1, 0, 0,
			    (int32_t)maskword(a[i].prefixlen, w));
			emit(p, BPF_JMP32 | BPF_JNE | BPF_K, R1, 0,
			    (int16_t)(3 * left + nw + 1),
			    (int32_t)(word(&a[i], w) &
			    maskword(a[i].prefixlen, w)));
		}
		for (w = 0; w < nw; w++)
			emit(p, BPF_ST | BPF_MEM | BPF_W, R10, 0,
			    family == AF_INET ? STK_SA4 : STK_SA6(w),
			    (int32_t)word(&a[i], w));
		jump(p, BPF_JA, 0, 0, L_SOURCED);
	}
	for (w = 0; w < nw; w++)
		emit(p, BPF_ST | BPF_MEM | BPF_W, R10, 0,
		    family == AF_INET ? STK_SA4 : STK_SA6(w),
		    (int32_t)word(&a[0], w));
	label(p, L_SOURCED);
}

/*
 * The sockaddr for bpf_bind() on the stack: zeroed, then its family;
 * emit_choose() fills in the address, the port stays 0 (any).
 */
static void
emit_sockaddr(struct prog *p, int family)
{
	int off;

	for (off = STK_SA; off < 0; off += 8)
		emit(p, BPF_ST | BPF_MEM | BPF_DW, R10, 0, (int16_t)off, 0);
	emit(p, BPF_ST | BPF_MEM | BPF_H, R10, 0, STK_SA, family);
}

/* After the source is chosen: bind to it (connect) or set it (sendmsg). */
static void
emit_use_source(struct prog *p, enum hook hook, int family)
{
	int w;

	if (hook == HOOK_CONNECT) {
		/* Fails harmlessly on a socket already bound. */
		emit(p, BPF_ALU64 | BPF_MOV | BPF_X, R1, R6, 0, 0);
		emit(p, BPF_ALU64 | BPF_MOV | BPF_X, R2, R10, 0, 0);
		emit(p, BPF_ALU64 | BPF_ADD | BPF_K, R2, 0, 0, STK_SA);
		emit(p, BPF_ALU64 | BPF_MOV | BPF_K, R3, 0, 0,
		    family == AF_INET ? 16 : 28);
		emit(p, BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_bind);
		return;
	}
	for (w = 0; w < (family == AF_INET ? 1 : 4); w++) {
		emit(p, BPF_LDX | BPF_MEM | BPF_W, R1, R10,
		    family == AF_INET ? STK_SA4 : STK_SA6(w), 0);
		emit(p, BPF_STX | BPF_MEM | BPF_W, R6, R1,
		    family == AF_INET ? CTX_SRC4 : CTX_SRC6(w), 0);
	}
}

/* Whether anything jumps to a label yet. */
static int
used(const struct prog *p, enum label l)
{
	size_t i;

	for (i = 0; i < p->nfix; i++)
		if (p->fix[i].label == l)
			return (1);
	return (0);
}

/* The end of every address program: L_ALLOW, and L_DENY if used. */
static void
emit_tail(struct prog *p, int e)
{
	label(p, L_ALLOW);
	emit_return(p, 0);
	if (used(p, L_DENY)) {
		label(p, L_DENY);
		emit_return(p, e);
	}
}

/* bind4, connect4 or sendmsg4; with no IPv4 of its own, refuse. */
static void
emit_inet4(struct prog *p, enum hook hook, const struct sockfilter *sf)
{
	if (sf->ip4 != JAILSYS_NEW) {
		emit_return(p, ENETUNREACH);
		return;
	}
	emit(p, BPF_ALU64 | BPF_MOV | BPF_X, R6, R1, 0, 0);
	emit_sockaddr(p, AF_INET);
	emit(p, BPF_LDX | BPF_MEM | BPF_W, R2, R6, CTX_IP4, 0);
	jump(p, BPF_JEQ, R2, 0, L_REWRITE);
	emit(p, BPF_ALU64 | BPF_MOV | BPF_X, R1, R2, 0, 0);
	emit(p, BPF_ALU | BPF_AND | BPF_K, R1, 0, 0, 0xff);
	jump(p, BPF_JEQ, R1, 127, L_REWRITE);
	if (hook == HOOK_BIND) {
		emit_member4(p, R2, sf);
		jump(p, BPF_JA, 0, 0, L_DENY);
	} else
		jump(p, BPF_JA, 0, 0, L_SETTLED);
	label(p, L_REWRITE);
	emit(p, BPF_ALU | BPF_MOV | BPF_K, R2, 0, 0,
	    (int32_t)word(&sf->a4[0], 0));
	emit(p, BPF_STX | BPF_MEM | BPF_W, R6, R2, CTX_IP4, 0);
	if (hook != HOOK_BIND) {
		/* The destination is settled, in r2; now the source. */
		label(p, L_SETTLED);
		if (hook == HOOK_SENDMSG) {
			emit(p, BPF_LDX | BPF_MEM | BPF_W, R1, R6, CTX_SRC4,
			    0);
			jump(p, BPF_JEQ, R1, 0, L_SOURCE);
			emit_member4(p, R1, sf);
			jump(p, BPF_JA, 0, 0, L_DENY);
		}
		emit_choose(p, AF_INET, sf->a4, sf->n4, sf->saddrsel4);
		emit_use_source(p, hook, AF_INET);
	}
	emit_tail(p, EADDRNOTAVAIL);
}

/* Load an IPv6 address at offset off of the context into r2-r5. */
static void
emit_load6(struct prog *p, int off)
{
	int w;

	for (w = 0; w < 4; w++)
		emit(p, BPF_LDX | BPF_MEM | BPF_W, R2 + w, R6, off + 4 * w,
		    0);
}

/*
 * bind6, connect6 or sendmsg6: as emit_inet4() does unless ip6=inherit,
 * and the IPv4-mapped addresses by the IPv4 rules.
 */
static void
emit_inet6(struct prog *p, enum hook hook, const struct sockfilter *sf)
{
	int w;

	emit(p, BPF_ALU64 | BPF_MOV | BPF_X, R6, R1, 0, 0);
	emit_sockaddr(p, AF_INET6);
	emit_load6(p, CTX_IP6(0));
	/* ::ffff:a.b.c.d */
	emit(p, BPF_JMP32 | BPF_JNE | BPF_K, R2, 0, 3, 0);
	emit(p, BPF_JMP32 | BPF_JNE | BPF_K, R3, 0, 2, 0);
	emit(p, BPF_JMP32 | BPF_JNE | BPF_K, R2 + 2, 0, 1,
	    (int32_t)htonl(0xffff));
	jump(p, BPF_JA, 0, 0, L_MAPPED);
	if (sf->ip6 == JAILSYS_INHERIT)
		jump(p, BPF_JA, 0, 0, L_ALLOW);
	else {
		/* :: and ::1 */
		emit(p, BPF_JMP32 | BPF_JNE | BPF_K, R2, 0, 4, 0);
		emit(p, BPF_JMP32 | BPF_JNE | BPF_K, R3, 0, 3, 0);
		emit(p, BPF_JMP32 | BPF_JNE | BPF_K, R2 + 2, 0, 2, 0);
		jump(p, BPF_JEQ, R2 + 3, 0, L_REWRITE);
		jump(p, BPF_JEQ, R2 + 3, (int32_t)htonl(1), L_REWRITE);
		if (hook == HOOK_BIND) {
			emit_member6(p, sf);
			jump(p, BPF_JA, 0, 0, L_DENY);
		} else
			jump(p, BPF_JA, 0, 0, L_SETTLED);
		label(p, L_REWRITE);
		for (w = 0; w < 4; w++) {
			emit(p, BPF_ALU | BPF_MOV | BPF_K, R1, 0, 0,
			    (int32_t)word(&sf->a6[0], w));
			emit(p, BPF_STX | BPF_MEM | BPF_W, R6, R1, CTX_IP6(w),
			    0);
		}
		if (hook == HOOK_BIND)
			jump(p, BPF_JA, 0, 0, L_ALLOW);
		else {
			label(p, L_SETTLED);
			emit_load6(p, CTX_IP6(0));
			if (hook == HOOK_SENDMSG) {
				emit(p, BPF_LDX | BPF_MEM | BPF_W, R1, R6,
				    CTX_SRC6(0), 0);
				for (w = 1; w < 4; w++) {
					emit(p, BPF_LDX | BPF_MEM | BPF_W,
					    R0, R6, CTX_SRC6(w), 0);
					emit(p, BPF_ALU | BPF_OR | BPF_X, R1,
					    R0, 0, 0);
				}
				jump(p, BPF_JEQ, R1, 0, L_SOURCE);
				/* An explicit source: one of the jail's. */
				emit_load6(p, CTX_SRC6(0));
				emit_member6(p, sf);
				jump(p, BPF_JA, 0, 0, L_DENY);
			}
			emit_choose(p, AF_INET6, sf->a6, sf->n6,
			    sf->saddrsel6);
			emit_use_source(p, hook, AF_INET6);
			jump(p, BPF_JA, 0, 0, L_ALLOW);
		}
	}
	label(p, L_MAPPED);
	if (sf->ip4 == JAILSYS_INHERIT)
		jump(p, BPF_JA, 0, 0, L_ALLOW);
	else if (hook == HOOK_BIND && sf->ip4 == JAILSYS_NEW) {
		emit_member4(p, R2 + 3, sf);
		jump(p, BPF_JA, 0, 0, L_DENY);
	} else
		emit_return(p, hook == HOOK_BIND ? EADDRNOTAVAIL :
		    ENETUNREACH);
	emit_tail(p, EADDRNOTAVAIL);
}

/* sock_create: no sockets of a family the jail may not use. */
static void
emit_create(struct prog *p, const struct sockfilter *sf)
{
	emit(p, BPF_LDX | BPF_MEM | BPF_W, R2, R1,
	    offsetof(struct bpf_sock, family), 0);
	if (sf->ip4 == JAILSYS_DISABLE)
		jump(p, BPF_JEQ, R2, AF_INET, L_DENY);
	if (sf->ip6 == JAILSYS_DISABLE)
		jump(p, BPF_JEQ, R2, AF_INET6, L_DENY);
	emit_return(p, 0);
	label(p, L_DENY);
	emit_return(p, EAFNOSUPPORT);
}

/*
 * connect and sendmsg on AF_UNIX: an abstract address starts with a NUL.
 * The port field of the context reads the two bytes at the offset of
 * sin_port, which in a sockaddr_un are the first of sun_path.
 */
static void
emit_unix(struct prog *p)
{
	emit(p, BPF_LDX | BPF_MEM | BPF_W, R2, R1, CTX_PORT, 0);
	emit(p, BPF_ALU | BPF_AND | BPF_K, R2, 0, 0, 0xff);
	jump(p, BPF_JEQ, R2, 0, L_DENY);
	emit_return(p, 0);
	label(p, L_DENY);
	emit_return(p, ECONNREFUSED);
}

/* Load a program and attach it to the cgroup open at cgfd. */
static int
load_attach(int cgfd, struct prog *p, enum bpf_prog_type type,
    unsigned attach, const char *what)
{
	union bpf_attr attr;
	int fd, rc;

	if (finish(p) == -1)
		return (-1);
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = type;
	attr.expected_attach_type = attach;
	attr.insns = (uint64_t)(uintptr_t)p->insn;
	attr.insn_cnt = (uint32_t)p->n;
	attr.license = (uint64_t)(uintptr_t)"GPL";
	fd = (int)syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	if (fd == -1) {
		if (errno == EINVAL && (attach == ATTACH_UNIX_CONNECT ||
		    attach == ATTACH_UNIX_SENDMSG))
			return (jb_errx(ENOTSUP, "socket restrictions: this "
			    "kernel cannot keep the host's abstract sockets "
			    "from a jail (Linux 6.7 or later can)"));
		return (jb_err(errno, "socket restrictions: load %s", what));
	}
	memset(&attr, 0, sizeof(attr));
	attr.target_fd = (uint32_t)cgfd;
	attr.attach_bpf_fd = (uint32_t)fd;
	attr.attach_type = attach;
	rc = (int)syscall(SYS_bpf, BPF_PROG_ATTACH, &attr, sizeof(attr));
	if (rc == -1)
		jb_err(errno, "socket restrictions: attach %s", what);
	close(fd);
	return (rc);
}

/*
 * Attach the restrictions sf describes to the cgroup open at cgfd, before
 * any process of the jail runs in it.  The programs live as long as the
 * cgroup; nothing is left to undo but the cgroup itself.
 */
int
sockfilter_attach(int cgfd, const struct sockfilter *sf)
{
	static const struct {
		int			 family;
		enum hook		 hook;
		enum bpf_attach_type	 attach;
		const char		*what;
	} hooks[] = {
		{ AF_INET,  HOOK_BIND,	  BPF_CGROUP_INET4_BIND, "bind4" },
		{ AF_INET,  HOOK_CONNECT, BPF_CGROUP_INET4_CONNECT,
		    "connect4" },
		{ AF_INET,  HOOK_SENDMSG, BPF_CGROUP_UDP4_SENDMSG,
		    "sendmsg4" },
		{ AF_INET6, HOOK_BIND,	  BPF_CGROUP_INET6_BIND, "bind6" },
		{ AF_INET6, HOOK_CONNECT, BPF_CGROUP_INET6_CONNECT,
		    "connect6" },
		{ AF_INET6, HOOK_SENDMSG, BPF_CGROUP_UDP6_SENDMSG,
		    "sendmsg6" },
	};
	static const unsigned unix_hooks[] = {
		ATTACH_UNIX_CONNECT, ATTACH_UNIX_SENDMSG
	};
	struct prog *p;
	size_t i;
	int rc, l, want;

	if ((p = malloc(sizeof(*p))) == NULL)
		return (jb_err(errno, "socket restrictions"));
	rc = 0;
	for (i = 0; rc == 0 && i < nitems(hooks) + nitems(unix_hooks) + 1;
	    i++) {
		p->n = p->nfix = 0;
		p->full = 0;
		for (l = 0; l < L_NLABELS; l++)
			p->at[l] = -1;
		if (i < nitems(hooks)) {
			/*
			 * An IPv6 program also holds mapped IPv4 ones; but
			 * a datagram to one takes the IPv4 path, so sendmsg4
			 * refuses it when the jail has no IPv4.
			 */
			want = hooks[i].family == AF_INET ?
			    sf->ip4 == JAILSYS_NEW ||
			    (sf->ip4 == JAILSYS_DISABLE &&
			    sf->ip6 != JAILSYS_DISABLE &&
			    hooks[i].hook == HOOK_SENDMSG) :
			    sf->ip6 == JAILSYS_NEW ||
			    (sf->ip6 == JAILSYS_INHERIT &&
			    sf->ip4 != JAILSYS_INHERIT);
			if (!want)
				continue;
			if (hooks[i].family == AF_INET)
				emit_inet4(p, hooks[i].hook, sf);
			else
				emit_inet6(p, hooks[i].hook, sf);
			rc = load_attach(cgfd, p,
			    BPF_PROG_TYPE_CGROUP_SOCK_ADDR, hooks[i].attach,
			    hooks[i].what);
		} else if (i < nitems(hooks) + nitems(unix_hooks)) {
			if (!sf->abstract)
				continue;
			emit_unix(p);
			rc = load_attach(cgfd, p,
			    BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
			    unix_hooks[i - nitems(hooks)], "unix");
		} else if (sf->ip4 == JAILSYS_DISABLE ||
		    sf->ip6 == JAILSYS_DISABLE) {
			emit_create(p, sf);
			rc = load_attach(cgfd, p, BPF_PROG_TYPE_CGROUP_SOCK,
			    BPF_CGROUP_INET_SOCK_CREATE, "sock_create");
		}
	}
	free(p);
	return (rc);
}
