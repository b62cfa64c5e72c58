/*
 * jls(8): list jails in FreeBSD's formats: the default table (-N: by
 * name), -v's four lines a jail, named parameters (-h, -n, -q, -s), each
 * as text or, with --libxo, as JSON or XML; -c only checks that a jail
 * exists.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applets.h"
#include "../lib/errmsg.h"
#include "../lib/escape.h"
#include "../lib/netaddr.h"
#include "../lib/param.h"
#include "../lib/quote.h"
#include "../lib/registry.h"

/* What to print, as FreeBSD's jls builds it from the options. */
#define PRINT_DEFAULT	0x01	/* jid, address, hostname, path */
#define PRINT_HEADER	0x02	/* -h: a line of parameter names */
#define PRINT_NAMEVAL	0x04	/* -n: name=value */
#define PRINT_QUOTED	0x08	/* -q: values quoted as jail(8) reads them */
#define PRINT_SKIP	0x10	/* -s: only what jail -c takes */
#define PRINT_VERBOSE	0x20	/* -v: four lines a jail */
#define PRINT_JAIL_NAME	0x40	/* -N: the name in the first column */

#define JLS_XO_VERSION	"2"	/* FreeBSD's version of its data model */

enum style {
	STYLE_TEXT,
	STYLE_JSON,
	STYLE_XML
};

/* A parameter to print: its row, and the name it was asked for by. */
struct jls_param {
	enum jparam	 id;
	int		 negated;	/* noNAME: the boolean inverted */
	int		 parent;	/* its jailsys parent's row, or -1 */
	const char	*name;
};

struct jls {
	enum style		 style;
	int			 pflags;
	struct jls_param	*ps;
	int			 nps;
	int			 dying;		/* listed too (-d) */
	int			 njails;	/* printed so far */
	int			 nfields;	/* of the jail being printed */
	char			*line;		/* a parameter list being */
	size_t			 len, cap;	/* made, written at once */
	char			*blank;		/* the text of a jail without */
	size_t			*blank_at;	/* values: where each part is */
};

static void	usage(void) __attribute__((noreturn));
static void	*xmalloc(size_t);
static char	*checked(char *);
static enum style parse_libxo(int *, char **);
static void	add_param(struct jls *, const char *);
static void	add_row(struct jls *, enum jparam, int, const char *);
static char	*raw_value(const struct jail_entry *, enum jparam);
static const char *plain_value(const struct jail_entry *,
		    const struct jls_param *);
static int	bool_value(const struct jail_entry *, enum jparam);
static int	skipped(const struct jail_entry *, const struct jls_param *);
static void	emit_begin(const struct jls *);
static void	emit_end(const struct jls *);
static void	emit_jail_begin(struct jls *);
static void	emit_jail_end(struct jls *);
static void	emit_key(struct jls *, const char *);
static void	emit_string(struct jls *, const char *, const char *);
static void	emit_number(struct jls *, const char *, const char *);
static void	emit_bool(struct jls *, const char *, int);
static void	emit_list(struct jls *, const char *, const char *,
		    char *const *, size_t);
static void	print_header(const struct jls *);
static void	print_default(struct jls *, const struct jail_entry *);
static void	print_verbose(struct jls *, const struct jail_entry *);
static int	jail_bound(const struct jls *, int);
static void	make_blank(struct jls *);
static void	print_params(struct jls *, const struct jail_entry *);
static void	print_text_params(struct jls *, const struct jail_entry *);
static void	line_add(struct jls *, const char *, size_t);
static void	line_puts(struct jls *, const char *);
static void	print_text_param(struct jls *, const struct jail_entry *,
		    const struct jls_param *);
static void	print_jail(struct jls *, struct jail_entry *);
static void	list_jail(struct jail_entry *, void *);
static int	check_jail(const char *, int);

static void
usage(void)
{
	fprintf(stderr,
	    "usage: jls [--libxo fmt] [-dhNnqsv] [-j jail] [parameter ...]\n"
	    "       jls -c [-d] -j jail\n");
	exit(1);
}

static void *
xmalloc(size_t len)
{
	void *p;

	if ((p = malloc(len)) == NULL)
		err(1, "malloc");
	return (p);
}

/* A string from a function that returns NULL only for want of memory. */
static char *
checked(char *s)
{
	if (s == NULL)
		err(1, "malloc");
	return (s);
}

/*
 * Take --libxo FMT and --libxo=FMT out of the arguments, wherever they
 * are before "--", as libxo's xo_parse_args() does; the style they ask
 * for, text unless one does.
 */
static enum style
parse_libxo(int *argcp, char **argv)
{
	enum style style;
	const char *fmt;
	int i, j;

	style = STYLE_TEXT;
	for (i = j = 1; i < *argcp; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argcp)
				argv[j++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--libxo") == 0) {
			if (++i == *argcp)
				usage();
			fmt = argv[i];
		} else if (strncmp(argv[i], "--libxo=", 8) == 0)
			fmt = argv[i] + 8;
		else {
			argv[j++] = argv[i];
			continue;
		}
		if (strcmp(fmt, "text") == 0)
			style = STYLE_TEXT;
		else if (strcmp(fmt, "json") == 0)
			style = STYLE_JSON;
		else if (strcmp(fmt, "xml") == 0)
			style = STYLE_XML;
		else
			errx(1, "--libxo: unknown format: %s",
			    checked(quote_vis(fmt)));
	}
	argv[j] = NULL;
	*argcp = j;
	return (style);
}

/*
 * Add a row under the name it was asked for, once, as FreeBSD does, with
 * the jailsys parameter above it if there is one (ip4 above ip4.addr,
 * host above host.hostname), which -s looks at.
 */
static void
add_row(struct jls *j, enum jparam id, int negated, const char *name)
{
	struct jls_param *p;
	const char *row, *dot;
	char parent[64];
	enum jparam pid;
	size_t len;
	int i, neg;

	for (i = 0; i < j->nps; i++)
		if (strcmp(j->ps[i].name, name) == 0)
			return;
	p = &j->ps[j->nps++];
	p->id = id;
	p->negated = negated;
	p->name = name;
	p->parent = -1;
	row = jparam_table[id].name;
	if ((dot = strchr(row, '.')) == NULL ||
	    (len = (size_t)(dot - row)) >= sizeof(parent))
		return;
	memcpy(parent, row, len);
	parent[len] = '\0';
	if (jparam_known(parent) && jparam_lookup(parent, &pid, &neg) == 0 &&
	    !neg && jparam_table[pid].type == JPT_JAILSYS)
		p->parent = (int)pid;
}

/*
 * A parameter named on the command line: any row a running jail has (in
 * its registry entry, or read-only), "no" before the last component of a
 * boolean's name, or "all" for every such row in table order.
 */
static void
add_param(struct jls *j, const char *name)
{
	enum jparam id;
	int neg, i;

	if (strcmp(name, "all") == 0) {
		for (i = 0; i < JP_NPARAMS; i++)
			if (JPARAM_STORED(&jparam_table[i]))
				add_row(j, (enum jparam)i, 0,
				    jparam_table[i].name);
		return;
	}
	if (jparam_lookup(name, &id, &neg) == -1 ||
	    !JPARAM_STORED(&jparam_table[id]) ||
	    (neg && jparam_table[id].type != JPT_BOOL))
		errx(1, "unknown parameter: %s", checked(quote_vis(name)));
	add_row(j, id, neg, name);
}

/*
 * A jail's value of a row, unescaped: lists joined with ",", the default
 * when it was not given; the cpuset id is the jid (Linux has no cpuset
 * ids), and a jail is dying when its init is gone.
 */
static char *
raw_value(const struct jail_entry *je, enum jparam id)
{
	char buf[32];

	switch (id) {
	case JP_CPUSET_ID:
		snprintf(buf, sizeof(buf), "%d", je->jid);
		return (checked(strdup(buf)));
	case JP_DYING:
		return (checked(strdup(je->alive ? "false" : "true")));
	default:
		return (checked(jparams_join(&je->params, id, ",")));
	}
}

/* Add n bytes at s to the line being made. */
static void
line_add(struct jls *j, const char *s, size_t n)
{
	char *nl;

	if (j->len + n > j->cap) {
		j->cap = (j->len + n) * 2;
		if ((nl = realloc(j->line, j->cap)) == NULL)
			err(1, "malloc");
		j->line = nl;
	}
	memcpy(j->line + j->len, s, n);
	j->len += n;
}

static void
line_puts(struct jls *j, const char *s)
{
	line_add(j, s, strlen(s));
}

/*
 * A parameter's value as stored, when it prints as it is: a single
 * non-empty item of printable ASCII that neither quoting style changes
 * (no backslash, quote or blank); else NULL.
 */
static const char *
plain_value(const struct jail_entry *je, const struct jls_param *p)
{
	const char *v, *c;

	if (p->id == JP_CPUSET_ID || p->id == JP_DYING || p->negated ||
	    je->params.v[p->id].nitems > 1 ||
	    (v = jparams_str(&je->params, p->id)) == NULL || *v == '\0')
		return (NULL);
	for (c = v; *c > ' ' && *c <= '~'; c++)
		if (*c == '\\' || *c == '\'' || *c == '"')
			return (NULL);
	return (*c == '\0' ? v : NULL);
}

static int
bool_value(const struct jail_entry *je, enum jparam id)
{
	if (id == JP_DYING)
		return (!je->alive);
	return (jparams_bool(&je->params, id));
}

/*
 * Whether -s leaves a parameter out: read-only, or unused: below a
 * jailsys parameter that is not "new" (ip4.addr with ip4=disable), or
 * without any value, not even a default (osrelease), which jail -c would
 * refuse.
 */
static int
skipped(const struct jail_entry *je, const struct jls_param *p)
{
	const struct jparam_def *def;

	def = &jparam_table[p->id];
	if (def->flags & JPF_READONLY)
		return (1);
	if (p->parent >= 0 && jparams_int(&je->params,
	    (enum jparam)p->parent) != JAILSYS_NEW)
		return (1);
	return (!jparams_isset(&je->params, p->id) && def->dflt == NULL);
}

/* ---- JSON and XML ---- */

static void
emit_begin(const struct jls *j)
{
	if (j->style == STYLE_JSON)
		printf("{\"__version\": \"%s\", \"jail-information\": "
		    "{\"jail\": [", JLS_XO_VERSION);
	else if (j->style == STYLE_XML)
		printf("<jail-information version=\"%s\">\n", JLS_XO_VERSION);
}

static void
emit_end(const struct jls *j)
{
	if (j->style == STYLE_JSON)
		printf("\n]}}\n");
	else if (j->style == STYLE_XML)
		printf("</jail-information>\n");
}

/* A jail's object or element, on a line of its own. */
static void
emit_jail_begin(struct jls *j)
{
	if (j->style == STYLE_JSON)
		printf("%s{", j->njails > 0 ? ",\n" : "\n");
	else if (j->style == STYLE_XML)
		printf("<jail>");
	j->nfields = 0;
}

static void
emit_jail_end(struct jls *j)
{
	if (j->style == STYLE_JSON)
		putchar('}');
	else if (j->style == STYLE_XML)
		printf("</jail>\n");
}

/* JSON's "key": before a value; keys are the table's names, plain ASCII. */
static void
emit_key(struct jls *j, const char *key)
{
	if (j->style == STYLE_JSON)
		printf("%s\"%s\": ", j->nfields > 0 ? ", " : "", key);
	j->nfields++;
}

static void
emit_string(struct jls *j, const char *key, const char *value)
{
	char *s;

	emit_key(j, key);
	if (j->style == STYLE_JSON) {
		s = checked(escape_json(value));
		printf("\"%s\"", s);
	} else {
		s = checked(escape_xml(value));
		printf("<%s>%s</%s>", key, s, key);
	}
	free(s);
}

/* A decimal number, or JSON's null (an empty element) for none. */
static void
emit_number(struct jls *j, const char *key, const char *digits)
{
	emit_key(j, key);
	if (j->style == STYLE_JSON)
		printf("%s", *digits != '\0' ? digits : "null");
	else
		printf("<%s>%s</%s>", key, digits, key);
}

static void
emit_bool(struct jls *j, const char *key, int b)
{
	emit_key(j, key);
	if (j->style == STYLE_JSON)
		printf("%s", b ? "true" : "false");
	else
		printf("<%s>%s</%s>", key, b ? "true" : "false", key);
}

/*
 * A list: a JSON array under key, in XML an element named item for each
 * (libxo's leaf-list).
 */
static void
emit_list(struct jls *j, const char *key, const char *item,
    char *const *items, size_t n)
{
	size_t i;
	char *s;

	emit_key(j, key);
	if (j->style == STYLE_JSON)
		putchar('[');
	for (i = 0; i < n; i++) {
		if (j->style == STYLE_JSON) {
			s = checked(escape_json(items[i]));
			printf("%s\"%s\"", i > 0 ? ", " : "", s);
		} else {
			s = checked(escape_xml(items[i]));
			printf("<%s>%s</%s>", item, s, item);
		}
		free(s);
	}
	if (j->style == STYLE_JSON)
		putchar(']');
}

/* ---- the formats ---- */

/* The header of the text formats: the table's titles or -h's names. */
static void
print_header(const struct jls *j)
{
	int i;

	if (j->style != STYLE_TEXT)
		return;
	if (j->pflags & PRINT_VERBOSE)
		printf("   JID  Hostname                      Path\n"
		    "        Name                          State\n"
		    "        CPUSetID\n"
		    "        IP Address(es)\n");
	else if (j->pflags & PRINT_DEFAULT) {
		if (j->pflags & PRINT_JAIL_NAME)
			printf(" %-15s %-15s %-29s %s\n", "JID", "IP Address",
			    "Hostname", "Path");
		else
			printf("   JID  IP Address      Hostname"
			    "                      Path\n");
	} else if (j->pflags & PRINT_HEADER) {
		for (i = 0; i < j->nps; i++)
			printf("%s%s", i > 0 ? " " : "", j->ps[i].name);
		putchar('\n');
	}
}

/*
 * The default row: jid (-N: name), first IPv4 address, hostname and
 * path, the text cut to its columns; JSON and XML have them whole.
 */
static void
print_default(struct jls *j, const struct jail_entry *je)
{
	const struct jpvalue *ip4;
	const char *name, *host, *path, *addr;
	char *vname, *vhost, *vpath, *vaddr, jid[16];

	snprintf(jid, sizeof(jid), "%d", je->jid);
	name = *registry_name(je) != '\0' ? registry_name(je) : jid;
	host = jparams_str(&je->params, JP_HOST_HOSTNAME);
	path = jparams_str(&je->params, JP_PATH);
	ip4 = &je->params.v[JP_IP4_ADDR];
	addr = ip4->nitems > 0 ? ip4->items[0] : "";
	if (host == NULL)
		host = "";
	if (path == NULL)
		path = "";
	if (j->style != STYLE_TEXT) {
		if (j->pflags & PRINT_JAIL_NAME)
			emit_string(j, "name", name);
		else
			emit_number(j, "jid", jid);
		emit_string(j, "ipv4", addr);
		emit_string(j, "hostname", host);
		emit_string(j, "path", path);
		return;
	}
	vhost = checked(quote_vis(host));
	vpath = checked(quote_vis(path));
	vaddr = checked(quote_vis(addr));
	if (j->pflags & PRINT_JAIL_NAME) {
		vname = checked(quote_vis(name));
		printf(" %-15s ", vname);
		free(vname);
	} else
		printf("%6d  ", je->jid);
	printf("%-15.15s %-29.29s %.74s\n", vaddr, vhost, vpath);
	free(vhost);
	free(vpath);
	free(vaddr);
}

/*
 * -v: jid, hostname and path; name and state; the cpuset id (the jid);
 * then each IPv4 and IPv6 address on a line of its own.
 */
static void
print_verbose(struct jls *j, const struct jail_entry *je)
{
	static const enum jparam ips[] = { JP_IP4_ADDR, JP_IP6_ADDR };
	static const char *const keys[] = { "ipv4_addrs", "ipv6_addrs" };
	static const char *const items[] = { "ipv4_addr", "ipv6_addr" };
	const struct jpvalue *v;
	const char *host, *path, *state;
	char *vhost, *vpath, *vname, *vaddr, jid[16];
	size_t i, k;

	snprintf(jid, sizeof(jid), "%d", je->jid);
	host = jparams_str(&je->params, JP_HOST_HOSTNAME);
	path = jparams_str(&je->params, JP_PATH);
	state = je->alive ? "ACTIVE" : "DYING";
	if (host == NULL)
		host = "";
	if (path == NULL)
		path = "";
	if (j->style != STYLE_TEXT) {
		emit_number(j, "jid", jid);
		emit_string(j, "hostname", host);
		emit_string(j, "path", path);
		emit_string(j, "name", registry_name(je));
		emit_string(j, "state", state);
		emit_number(j, "cpusetid", jid);
		/* jailbox's own: a key more breaks no reader of JSON. */
		emit_bool(j, "console", jparams_bool(&je->params, JP_CONSOLE));
		for (k = 0; k < 2; k++) {
			v = &je->params.v[ips[k]];
			emit_list(j, keys[k], items[k], v->items, v->nitems);
		}
		return;
	}
	vhost = checked(quote_vis(host));
	vpath = checked(quote_vis(path));
	vname = checked(quote_vis(registry_name(je)));
	printf("%6d  %-29.29s %.74s\n", je->jid, vhost, vpath);
	printf("        %-29.29s %.74s\n", vname, state);
	printf("        %d\n", je->jid);
	for (k = 0; k < 2; k++) {
		v = &je->params.v[ips[k]];
		for (i = 0; i < v->nitems; i++) {
			vaddr = checked(quote_vis(v->items[i]));
			printf("        %s\n", vaddr);
			free(vaddr);
		}
	}
	free(vhost);
	free(vpath);
	free(vname);
}

/*
 * One parameter in text: its value (- when empty); with -n after its
 * name, a boolean as its name or its "no" name alone; with -q quoted as
 * jail(8) reads it.  Escaped for the terminal either way.
 */
static void
print_text_param(struct jls *j, const struct jail_entry *je,
    const struct jls_param *p)
{
	const struct jparam_def *def;
	const char *name, *last, *plain;
	char *raw, *q, *s;
	int b;

	def = &jparam_table[p->id];
	/* Into the line: jls -n writes a hundred of these a jail. */
	if ((j->pflags & PRINT_NAMEVAL) && def->type == JPT_BOOL) {
		/* True: the row's name; false: its "no" name. */
		name = def->name;
		if (bool_value(je, p->id))
			line_puts(j, name);
		else {
			last = strrchr(name, '.');
			last = last == NULL ? name : last + 1;
			line_add(j, name, (size_t)(last - name));
			line_puts(j, "no");
			line_puts(j, last);
		}
		return;
	}
	if (j->pflags & PRINT_NAMEVAL) {
		line_puts(j, def->name);
		line_puts(j, "=");
	}
	/* Most values are one word of printable ASCII: no copy to make. */
	if ((plain = plain_value(je, p)) != NULL) {
		line_puts(j, plain);
		return;
	}
	if (def->type == JPT_BOOL && p->negated) {
		b = !bool_value(je, p->id);
		raw = checked(strdup(b ? "true" : "false"));
	} else
		raw = raw_value(je, p->id);
	if (*raw == '\0') {
		if (j->pflags & PRINT_QUOTED)
			line_puts(j, "\"\"");
		else if (!(j->pflags & PRINT_NAMEVAL))
			line_puts(j, "-");
	} else if (j->pflags & PRINT_QUOTED) {
		q = checked(quote_param(raw));
		s = checked(escape_terminal(q));
		line_puts(j, s);
		free(q);
		free(s);
	} else {
		s = checked(quote_vis(raw));
		line_puts(j, s);
		free(s);
	}
	free(raw);
}

/*
 * Whether a parameter's text can differ between two jails that hold no
 * value of it: the cpuset id and dying, and under -s whatever hangs
 * below a jailsys parameter the jail may hold.
 */
static int
jail_bound(const struct jls *j, int i)
{
	const struct jls_param *p;

	p = &j->ps[i];
	return (p->id == JP_CPUSET_ID || p->id == JP_DYING ||
	    ((j->pflags & PRINT_SKIP) && p->parent >= 0));
}

/*
 * The text line of a jail that holds no value, made once: a jail holds
 * a handful of the hundred parameters -n prints, and the text of the
 * others is the same for every jail.  Each parameter's part begins with
 * its separator and starts at blank_at[i]; an empty part is one -s
 * leaves out.
 */
static void
make_blank(struct jls *j)
{
	struct jail_entry none;
	int i;

	memset(&none, 0, sizeof(none));
	j->blank_at = xmalloc(((size_t)j->nps + 1) * sizeof(*j->blank_at));
	for (i = 0; i < j->nps; i++) {
		j->blank_at[i] = j->len;
		if ((j->pflags & PRINT_SKIP) && skipped(&none, &j->ps[i]))
			continue;
		line_puts(j, " ");
		print_text_param(j, &none, &j->ps[i]);
	}
	j->blank_at[i] = j->len;
	j->blank = j->line;
	j->line = NULL;
	j->len = j->cap = 0;
}

/*
 * Named parameters in text, separated by spaces: each run of parameters
 * the jail holds no value of is copied from the blank line at once.
 */
static void
print_text_params(struct jls *j, const struct jail_entry *je)
{
	const struct jls_param *p;
	size_t sep;
	int i, k;

	for (i = 0; i < j->nps; ) {
		for (k = i; k < j->nps && !jail_bound(j, k) &&
		    !jparams_isset(&je->params, j->ps[k].id); k++)
			;
		if (k > i) {
			line_add(j, j->blank + j->blank_at[i],
			    j->blank_at[k] - j->blank_at[i]);
			i = k;
			continue;
		}
		p = &j->ps[i++];
		if ((j->pflags & PRINT_SKIP) && skipped(je, p))
			continue;
		line_puts(j, " ");
		print_text_param(j, je, p);
	}
	/* Every part began with its separator; the line does not. */
	sep = j->len > 0;
	line_puts(j, "\n");
	fwrite(j->line + sep, 1, j->len - sep, stdout);
	j->len = 0;
}

/*
 * Named parameters in JSON and XML, under their names: booleans true or
 * false, integers as numbers, lists as lists.
 */
static void
print_params(struct jls *j, const struct jail_entry *je)
{
	const struct jls_param *p;
	const struct jpvalue *v;
	enum jptype type;
	char *raw;
	int i;

	for (i = 0; i < j->nps; i++) {
		p = &j->ps[i];
		if ((j->pflags & PRINT_SKIP) && skipped(je, p))
			continue;
		type = jparam_table[p->id].type;
		if (type == JPT_BOOL)
			emit_bool(j, p->name, bool_value(je, p->id) != p->negated);
		else if (type == JPT_LIST) {
			v = &je->params.v[p->id];
			emit_list(j, p->name, p->name, v->items, v->nitems);
		} else {
			raw = raw_value(je, p->id);
			if (type == JPT_INT)
				emit_number(j, p->name, raw);
			else
				emit_string(j, p->name, raw);
			free(raw);
		}
	}
}

/*
 * One jail.  Its addresses are kept with the interface and netmask of
 * their alias; jls shows the addresses, as FreeBSD's does.
 */
static void
print_jail(struct jls *j, struct jail_entry *je)
{
	size_t i;

	for (i = 0; i < je->params.v[JP_IP4_ADDR].nitems; i++)
		netaddr_strip(je->params.v[JP_IP4_ADDR].items[i]);
	for (i = 0; i < je->params.v[JP_IP6_ADDR].nitems; i++)
		netaddr_strip(je->params.v[JP_IP6_ADDR].items[i]);
	emit_jail_begin(j);
	if (j->pflags & PRINT_VERBOSE)
		print_verbose(j, je);
	else if (j->pflags & PRINT_DEFAULT)
		print_default(j, je);
	else if (j->style == STYLE_TEXT)
		print_text_params(j, je);
	else
		print_params(j, je);
	emit_jail_end(j);
	j->njails++;
}

/*
 * -c: 0 when the jail exists, 1 when it does not, without a word; a
 * registry that cannot be read is an error all the same.
 */
static int
check_jail(const char *key, int dying)
{
	struct jail_entry je;

	if (registry_find(key, &je, dying) == 0) {
		registry_entry_free(&je);
		return (0);
	}
	if (errno != ENOENT)
		errx(1, "%s", jb_errmsg);
	return (1);
}

/* A jail of the listing: only a live one unless the dying are asked for. */
static void
list_jail(struct jail_entry *je, void *arg)
{
	struct jls *j = arg;

	if (je->alive || j->dying)
		print_jail(j, je);
}

int
jls_main(int argc, char **argv)
{
	struct jail_entry je;
	struct jls j;
	const char *key;
	int ch, check, dying, failed;

	memset(&j, 0, sizeof(j));
	j.style = parse_libxo(&argc, argv);
	key = NULL;
	check = dying = 0;
	while ((ch = getopt(argc, argv, "+acdhj:Nnqsv")) != -1)
		switch (ch) {
		case 'c':
			check = 1;
			break;
		case 'a':	/* FreeBSD's old name of -d */
		case 'd':
			dying = 1;
			break;
		case 'h':
			j.pflags = (j.pflags & ~(PRINT_SKIP | PRINT_VERBOSE)) |
			    PRINT_HEADER;
			break;
		case 'j':
			key = optarg;
			break;
		case 'N':
			j.pflags |= PRINT_JAIL_NAME;
			break;
		case 'n':
			j.pflags = (j.pflags & ~PRINT_VERBOSE) | PRINT_NAMEVAL;
			break;
		case 'q':
			j.pflags |= PRINT_QUOTED;
			break;
		case 's':
			j.pflags = (j.pflags & ~(PRINT_HEADER | PRINT_VERBOSE)) |
			    PRINT_NAMEVAL | PRINT_QUOTED | PRINT_SKIP;
			break;
		case 'v':
			j.pflags = (j.pflags &
			    ~(PRINT_HEADER | PRINT_NAMEVAL | PRINT_SKIP)) |
			    PRINT_VERBOSE;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (check) {
		/* -c [-d] -j jail, nothing else. */
		if (key == NULL || j.pflags != 0 || argc > 0 ||
		    j.style != STYLE_TEXT)
			usage();
		return (check_jail(key, dying));
	}

	/* What to print: the parameters named, else what the options ask. */
	j.ps = xmalloc(((size_t)argc + JP_NPARAMS) * sizeof(*j.ps));
	if (argc > 0) {
		j.pflags &= ~PRINT_VERBOSE;
		for (; argc > 0; argc--, argv++)
			add_param(&j, *argv);
	} else if (j.pflags & (PRINT_HEADER | PRINT_NAMEVAL))
		add_param(&j, "all");
	else if (!(j.pflags & PRINT_VERBOSE))
		j.pflags |= PRINT_DEFAULT;

	if (j.style == STYLE_TEXT &&
	    !(j.pflags & (PRINT_DEFAULT | PRINT_VERBOSE)))
		make_blank(&j);
	print_header(&j);
	emit_begin(&j);
	failed = 0;
	if (key != NULL) {
		if (registry_find(key, &je, dying) == 0) {
			print_jail(&j, &je);
			registry_entry_free(&je);
		} else
			failed = 1;
	} else {
		j.dying = dying;
		failed = registry_each(list_jail, &j) == -1;
	}
	/* The document is closed first: JSON and XML stay whole. */
	emit_end(&j);
	free(j.ps);
	free(j.line);
	free(j.blank);
	free(j.blank_at);
	if (failed)
		errx(1, "%s", jb_errmsg);
	return (0);
}
