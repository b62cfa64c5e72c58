/*
 * jail(8): create and remove jails from parameters on the command line or
 * from jail.conf(5), and show what a configuration file defines.
 *
 * Every way of naming a jail — name=value arguments, the options that
 * stand for parameters, the backward-compatible positional form and the
 * configuration file — ends as a conf_jail, a list of parameters in
 * order; the operations read only that.  jailplan.c then decides which
 * jails a run touches, and jailrun.c carries it out.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <arpa/inet.h>

#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "applets.h"
#include "jailops.h"
#include "../lib/conf.h"
#include "../lib/errmsg.h"
#include "../lib/nitems.h"
#include "../lib/param.h"
#include "../lib/quote.h"

#define CONF_FILE	"/etc/jail.conf"

static void	usage(void) __attribute__((noreturn));
static void	report_conf_errors(struct conf_jail *);
static void	add_arg(struct conf_jail *, const char *);
static void	add_split(struct conf_jail *, const char *, const char *);
static void	print_param(FILE *, const struct conf_param *, int);
static void	print_values(FILE *, const struct conf_jail *, const char *,
		    int);
static int	show_conf(const char *, const char *);
static struct conf *load_conf(const char *);
static void	parse_positional(struct conf_jail *, int, char **);
static void	parse_params(struct conf_jail *, int, char **);

static void
usage(void)
{
	fprintf(stderr,
	    "usage: jail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
	    "            -[cmr] param=value ... [command=command ...]\n"
	    "       jail [-dqv] [-f conf_file] [-p limit] -[cmr] [jail]\n"
	    "       jail [-Cqv] [-f conf_file] [-p limit] -r | -R * | jail ...\n"
	    "       jail [-f conf_file] -e separator\n"
	    "       jail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
	    "            [-n jailname] [-s securelevel]\n"
	    "            path hostname ip[,...] command ...\n");
	exit(1);
}

/* "jail: NAME: message", or "jail: message" when there is no name. */
void
jail_warnx(const char *name, const char *fmt, ...)
{
	char msg[2 * JB_ERRMSG_LEN];
	char *shown;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (name == NULL || *name == '\0') {
		warnx("%s", msg);
		return;
	}
	shown = quote_vis(name);
	warnx("%s: %s", shown != NULL ? shown : name, msg);
	free(shown);
}

/* What merging a configured jail found wrong, a line per message. */
static void
report_conf_errors(struct conf_jail *cj)
{
	char *line, *last;

	for (line = strtok_r(cj->error, "\n", &last); line != NULL;
	    line = strtok_r(NULL, "\n", &last))
		jail_warnx(cj->name, "%s", line);
}

/* A name=value (or bare name) argument, as jail(8)'s add_param takes it. */
static void
add_arg(struct conf_jail *cj, const char *arg)
{
	const char *eq;
	char *name;

	if ((eq = strchr(arg, '=')) == NULL) {
		if (conf_jail_add(cj, arg, NULL) == -1)
			errx(1, "%s", jb_errmsg);
		return;
	}
	if ((name = strndup(arg, (size_t)(eq - arg))) == NULL)
		err(1, "malloc");
	if (conf_jail_add(cj, name, eq + 1) == -1)
		errx(1, "%s", jb_errmsg);
	free(name);
}

/* name=a,b,c as three values of name. */
static void
add_split(struct conf_jail *cj, const char *name, const char *list)
{
	char *copy, *item, *next;

	if ((copy = strdup(list)) == NULL)
		err(1, "malloc");
	for (item = copy;; item = next + 1) {
		if ((next = strchr(item, ',')) != NULL)
			*next = '\0';
		if (conf_jail_add(cj, name, item) == -1)
			errx(1, "%s", jb_errmsg);
		if (next == NULL)
			break;
	}
	free(copy);
}

/* NAME, or NAME=VALUE[,VALUE...] quoted as jail(8) quotes them. */
static void
print_param(FILE *fp, const struct conf_param *p, int sep)
{
	char *q;
	size_t i;

	fputs(p->name, fp);
	for (i = 0; i < p->nvalues; i++) {
		if ((q = quote_param(p->values[i])) == NULL)
			err(1, "malloc");
		putc(i == 0 ? '=' : sep, fp);
		fputs(q, fp);
		free(q);
	}
}

/*
 * A jail on one line, parameters separated by sep: for -e as configured,
 * for -J (jid >= 0) with "jid=N" first and the jid parameter left out.
 */
void
print_jail(FILE *fp, const struct conf_jail *cj, int jid, const char *sep)
{
	size_t i;
	int first;

	first = 1;
	if (jid >= 0) {
		fprintf(fp, "jid=%d", jid);
		first = 0;
	}
	for (i = 0; i < cj->nparams; i++) {
		if (jid >= 0 && strcmp(cj->params[i].name, "jid") == 0)
			continue;
		if (!first)
			fputs(sep, fp);
		print_param(fp, &cj->params[i], ',');
		first = 0;
	}
	putc('\n', fp);
}

/* A value list joined by sep, unquoted, or nothing when not set. */
static void
print_values(FILE *fp, const struct conf_jail *cj, const char *name,
    int sep)
{
	const struct conf_param *p;
	size_t i;

	if ((p = conf_jail_param(cj, name)) == NULL)
		return;
	for (i = 0; i < p->nvalues; i++) {
		if (i > 0)
			putc(sep, fp);
		fputs(p->values[i], fp);
	}
}

/*
 * The -J line of a jail made by the backward-compatible form, in its own
 * old layout: jid, path, hostname, addresses, command, tab-separated.
 */
void
print_jail_old(FILE *fp, const struct conf_jail *cj, int jid)
{
	const struct conf_param *p4, *p6;

	fprintf(fp, "%d\t", jid);
	print_values(fp, cj, "path", ',');
	putc('\t', fp);
	print_values(fp, cj, "host.hostname", ',');
	putc('\t', fp);
	print_values(fp, cj, "ip4.addr", ',');
	p4 = conf_jail_param(cj, "ip4.addr");
	p6 = conf_jail_param(cj, "ip6.addr");
	if (p4 != NULL && p4->nvalues > 0 && p6 != NULL && p6->nvalues > 0)
		putc(',', fp);
	print_values(fp, cj, "ip6.addr", ',');
	putc('\t', fp);
	print_values(fp, cj, "command", ' ');
	putc('\n', fp);
}

/* jail -e: every configured jail on a line, parameters joined by sep. */
static int
show_conf(const char *cfname, const char *sep)
{
	struct conf *conf;
	size_t i;
	int rc;

	conf = load_conf(cfname);
	rc = 0;
	for (i = 0; i < conf->njails; i++) {
		if (conf->jails[i].error != NULL) {
			report_conf_errors(&conf->jails[i]);
			rc = 1;
		} else
			print_jail(stdout, &conf->jails[i], -1, sep);
	}
	conf_free(conf);
	return (rc);
}

static struct conf *
load_conf(const char *cfname)
{
	struct conf *conf;

	if (conf_load(cfname, &conf) == -1)
		errx(1, "%s", jb_errmsg);
	return (conf);
}

void
jail_notfound(const char *target)
{
	char *shown;

	shown = quote_vis(target);
	warnx("\"%s\" not found", shown != NULL ? shown : target);
	free(shown);
}

/* A command line as one string, for messages. */
char *
command_string(char *const argv[])
{
	size_t len, i;
	char *s, *v;

	for (len = 1, i = 0; argv[i] != NULL; i++)
		len += strlen(argv[i]) + 1;
	if ((s = malloc(len)) == NULL)
		err(1, "malloc");
	*s = '\0';
	for (i = 0; argv[i] != NULL; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	v = quote_vis(s);
	free(s);
	return (v);
}

/*
 * The backward-compatible form: path hostname ip[,...] command ...; the
 * addresses go to ip4.addr or ip6.addr by their family.
 */
static void
parse_positional(struct conf_jail *cj, int argc, char **argv)
{
	struct in6_addr a6;
	char *copy, *item, *next;
	int i;

	if (conf_jail_add(cj, "path", argv[0]) == -1 ||
	    conf_jail_add(cj, "host.hostname", argv[1]) == -1)
		errx(1, "%s", jb_errmsg);
	if (argv[2][0] != '\0') {
		if ((copy = strdup(argv[2])) == NULL)
			err(1, "malloc");
		for (item = copy;; item = next + 1) {
			if ((next = strchr(item, ',')) != NULL)
				*next = '\0';
			if (conf_jail_add(cj, inet_pton(AF_INET6, item, &a6) ==
			    1 ? "ip6.addr" : "ip4.addr", item) == -1)
				errx(1, "%s", jb_errmsg);
			if (next == NULL)
				break;
		}
		free(copy);
	}
	for (i = 3; i < argc; i++)
		if (conf_jail_add(cj, "command", argv[i]) == -1)
			errx(1, "%s", jb_errmsg);
}

/*
 * name=value arguments of one jail.  command= takes the rest of the
 * arguments; the address and dataset lists split on commas.
 */
static void
parse_params(struct conf_jail *cj, int argc, char **argv)
{
	static const char *const split[] = {
		"ip4.addr", "ip6.addr", "vnet.interface", "zfs.dataset"
	};
	const char *eq;
	size_t k, len;
	int i;

	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "command", 7) == 0 &&
		    (argv[i][7] == '\0' || argv[i][7] == '=')) {
			if (argv[i][7] == '=' && conf_jail_add(cj, "command",
			    argv[i] + 8) == -1)
				errx(1, "%s", jb_errmsg);
			for (i++; i < argc; i++)
				if (conf_jail_add(cj, "command", argv[i]) == -1)
					errx(1, "%s", jb_errmsg);
			break;
		}
		eq = strchr(argv[i], '=');
		len = eq != NULL ? (size_t)(eq - argv[i]) : 0;
		for (k = 0; eq != NULL && k < nitems(split); k++)
			if (strlen(split[k]) == len &&
			    strncmp(argv[i], split[k], len) == 0)
				break;
		if (eq != NULL && k < nitems(split))
			add_split(cj, split[k], eq + 1);
		else
			add_arg(cj, argv[i]);
	}
}

int
jail_main(int argc, char **argv)
{
	struct conf_jail optjail, *cj;
	const struct conf_param *p;
	struct conf *conf;
	struct run r;
	struct stat st;
	const char *cfname, *sep, *jidfile;
	char *end;
	int ch, op, Rflag, docf, cfset, oldcl, rc, i, toconf;

	memset(&r, 0, sizeof(r));
	memset(&optjail, 0, sizeof(optjail));
	op = Rflag = cfset = 0;
	docf = 1;
	cfname = CONF_FILE;
	sep = jidfile = NULL;
	while ((ch = getopt(argc, argv, "+Ccde:f:hiJ:lmn:p:qrRs:u:U:v")) != -1)
		switch (ch) {
		case 'C':
			r.cleanup = 1;
			break;
		case 'c':
			op |= OP_CREATE;
			break;
		case 'd':
			/* Jails never linger dying here: nothing to allow. */
			break;
		case 'e':
			sep = optarg;
			break;
		case 'f':
			cfname = optarg;
			cfset = 1;
			break;
		case 'h':
			add_arg(&optjail, "ip_hostname");
			docf = 0;
			break;
		case 'i':
			r.iflag = 1;
			break;
		case 'J':
			jidfile = optarg;
			break;
		case 'l':
			add_arg(&optjail, "exec.clean");
			docf = 0;
			break;
		case 'm':
			op |= OP_MODIFY;
			break;
		case 'n':
			if (conf_jail_add(&optjail, "name", optarg) == -1)
				errx(1, "%s", jb_errmsg);
			docf = 0;
			break;
		case 'p':
			errno = 0;
			r.paralimit = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    r.paralimit < 0)
				errx(1, "-p %s: not a number", optarg);
			break;
		case 'q':
			r.notes = (r.notes & ~NOTE_VERBOSE) | NOTE_QUIET;
			break;
		case 'r':
			op |= OP_REMOVE;
			break;
		case 'R':
			op |= OP_REMOVE;
			Rflag = 1;
			break;
		case 's':
			if (conf_jail_add(&optjail, "securelevel", optarg) == -1)
				errx(1, "%s", jb_errmsg);
			docf = 0;
			break;
		case 'u':
		case 'U':
			if (conf_jail_add(&optjail, "exec.jail_user",
			    optarg) == -1 ||
			    conf_jail_add(&optjail, "exec.system_jail_user",
			    ch == 'u' ? "true" : "false") == -1)
				errx(1, "%s", jb_errmsg);
			docf = 0;
			break;
		case 'v':
			r.notes = (r.notes & ~NOTE_QUIET) | NOTE_VERBOSE;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (r.iflag)
		r.notes = (r.notes & ~NOTE_VERBOSE) | NOTE_QUIET;
	if (r.cleanup && op != OP_REMOVE)
		usage();

	/* Which of the forms this is, all checked before anything runs. */
	if (sep != NULL) {
		if (op != 0 || argc != 0 || !docf || r.iflag || Rflag ||
		    jidfile != NULL)
			usage();
		return (show_conf(cfname, sep));
	}
	oldcl = toconf = 0;
	cj = &optjail;
	if (op == 0) {
		if (argc < 4 || argv[0][0] != '/' || cfset)
			usage();
		op = OP_CREATE;
		oldcl = 1;
		parse_positional(cj, argc, argv);
	} else if (op == OP_REMOVE) {
		if (argc == 0 || !docf || r.iflag || jidfile != NULL ||
		    (r.cleanup && Rflag))
			usage();
		for (i = 0; !Rflag && i < argc; i++)
			if (strchr(argv[i], '=') != NULL)
				usage();
		toconf = !Rflag &&
		    (strcmp(cfname, "-") == 0 || stat(cfname, &st) == 0);
		if (toconf || argc > 1 || conf_wild_name(argv[0]))
			r.notes |= NOTE_REMOVE;
	} else if ((op & (OP_CREATE | OP_MODIFY)) && !Rflag &&
	    (argc > 1 || (argc == 1 && strchr(argv[0], '=') != NULL))) {
		if (Rflag || cfset)
			usage();
		parse_params(cj, argc, argv);
		if ((p = conf_jail_param(cj, "command")) != NULL &&
		    (p->nvalues == 0 || p->values[0][0] == '\0'))
			errx(1, "command: empty command");
	} else if ((op & (OP_CREATE | OP_MODIFY)) && !Rflag) {
		if (!docf || argc > 1)
			usage();
		toconf = 1;
	} else
		usage();
	if (geteuid() != 0)
		errx(1, "must be run as root");

	conf = toconf ? load_conf(cfname) : NULL;
	if (jidfile != NULL &&
	    (r.jidfile = fopen(jidfile, "we")) == NULL)
		err(1, "open %s", jidfile);
	if (r.jidfile != NULL)
		setlinebuf(r.jidfile);
	setlinebuf(stdout);
	r.oldcl = oldcl;
	rc = 0;
	if (op == OP_REMOVE)
		rc = plan_remove(&r, conf, argc, argv);
	else if (conf != NULL)
		rc = plan_create(&r, conf, argc == 1 ? argv[0] : NULL, op);
	else {
		job_add(&r, cj, NULL, op);
		r.jobs[0].state = JOB_WAITING;
	}
	if (conf != NULL)
		for (i = 0; (size_t)i < conf->njails; i++)
			if (conf->jails[i].error != NULL &&
			    r.jobs[i].state == JOB_WAITING) {
				report_conf_errors(&conf->jails[i]);
				r.jobs[i].state = JOB_FAILED;
				rc = 1;
			}
	rc |= schedule(&r);
	if (r.jidfile != NULL)
		fclose(r.jidfile);
	return (rc != 0);
}
