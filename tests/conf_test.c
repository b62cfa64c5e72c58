/*
 * Unit tests of the configuration side of lib/: jail(8)'s value quoting,
 * parameter name equality, wildcards, command-line parameters, command
 * lines, dependencies and .include patterns.  Nothing here touches a jail.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "conf.h"
#include "depend.h"
#include "errmsg.h"
#include "pathglob.h"
#include "quote.h"
#include "run.h"

static void
check_quote(const char *in, const char *want)
{
	char *got;

	ATF_REQUIRE((got = quote_param(in)) != NULL);
	ATF_CHECK_STREQ_MSG(want, got, "quote_param(%s)", in);
	free(got);
}

ATF_TC_WITHOUT_HEAD(quote_param_rules);
ATF_TC_BODY(quote_param_rules, tc)
{
	check_quote("", "\"\"");
	check_quote("plain", "plain");
	check_quote("/var/jail/www", "/var/jail/www");
	check_quote("a b", "\"a b\"");
	check_quote("a\tb", "\"a\tb\"");
	check_quote("it's", "\"it's\"");
	check_quote("say \"hi\"", "'say \"hi\"'");
	check_quote("both ' and \"", "\"both ' and \\\"\"");
	check_quote("back\\slash", "back\\\\slash");
	check_quote("a b\\c", "\"a b\\\\c\"");
	check_quote("new\nline", "new\nline");
}

ATF_TC_WITHOUT_HEAD(equal_names);
ATF_TC_BODY(equal_names, tc)
{
	ATF_CHECK(conf_equal_names("persist", "persist"));
	ATF_CHECK(conf_equal_names("persist", "nopersist"));
	ATF_CHECK(conf_equal_names("nopersist", "persist"));
	ATF_CHECK(conf_equal_names("allow.mount", "allow.nomount"));
	ATF_CHECK(conf_equal_names("allow.mount.nodevfs", "allow.mount.devfs"));
	ATF_CHECK(conf_equal_names("mount.devfs", "mount.nodevfs"));
	ATF_CHECK(!conf_equal_names("persist", "nonpersist"));
	ATF_CHECK(!conf_equal_names("allow.mount", "allow.mount.devfs"));
	ATF_CHECK(!conf_equal_names("mount.devfs", "mount.procfs"));
	ATF_CHECK(!conf_equal_names("a.b", "c.nob"));
}

ATF_TC_WITHOUT_HEAD(wildcards);
ATF_TC_BODY(wildcards, tc)
{
	ATF_CHECK(conf_wild_name("*"));
	ATF_CHECK(conf_wild_name("foo.*"));
	ATF_CHECK(conf_wild_name("*.web"));
	ATF_CHECK(!conf_wild_name("foo*"));
	ATF_CHECK(!conf_wild_name("f*.bar"));
	ATF_CHECK(!conf_wild_name("www"));
	ATF_CHECK(conf_wild_match("www", "*"));
	ATF_CHECK(conf_wild_match("foo.bar.baz", "*"));
	ATF_CHECK(conf_wild_match("foo.bar", "foo.*"));
	ATF_CHECK(conf_wild_match("foo.bar.baz", "foo.*"));
	ATF_CHECK(!conf_wild_match("foo", "foo.*"));
	ATF_CHECK(!conf_wild_match("foobar.x", "foo.*"));
	ATF_CHECK(conf_wild_match("a.web", "*.web"));
	ATF_CHECK(!conf_wild_match("a.b.web", "*.web"));
	ATF_CHECK(!conf_wild_match("a.db", "*.web"));
}

/* Command-line parameters: repeated names append, in their first place. */
ATF_TC_WITHOUT_HEAD(jail_add_appends);
ATF_TC_BODY(jail_add_appends, tc)
{
	struct conf_jail j;

	memset(&j, 0, sizeof(j));
	ATF_REQUIRE(conf_jail_add(&j, "name", "www") == 0);
	ATF_REQUIRE(conf_jail_add(&j, "ip4.addr", "192.0.2.1") == 0);
	ATF_REQUIRE(conf_jail_add(&j, "persist", NULL) == 0);
	ATF_REQUIRE(conf_jail_add(&j, "ip4.addr", "192.0.2.2") == 0);
	ATF_REQUIRE(conf_jail_add(&j, "nopersist", NULL) == 0);
	ATF_REQUIRE_EQ(3, j.nparams);
	ATF_CHECK_STREQ("ip4.addr", j.params[1].name);
	ATF_REQUIRE_EQ(2, j.params[1].nvalues);
	ATF_CHECK_STREQ("192.0.2.2", j.params[1].values[1]);
	ATF_CHECK(j.params[1].values[2] == NULL);
	ATF_CHECK_STREQ("nopersist", j.params[2].name);
	ATF_CHECK_EQ(0, j.params[2].nvalues);
	ATF_CHECK_STREQ("ip4.addr",
	    conf_jail_param(&j, "ip4.addr")->name);
	ATF_CHECK(conf_jail_param(&j, "path") == NULL);
	conf_jail_clear(&j);
}

static void
check_argv(const char *line, int wantbg, const char *const *want)
{
	char **argv;
	size_t i;
	int bg;

	ATF_REQUIRE_MSG(run_argv(line, &argv, &bg) == 0, "%s: %s", line,
	    jb_errmsg);
	ATF_CHECK_EQ_MSG(wantbg, bg, "%s", line);
	for (i = 0; want[i] != NULL; i++)
		ATF_CHECK_STREQ_MSG(want[i], argv[i], "%s [%zu]", line, i);
	ATF_CHECK_MSG(argv[i] == NULL, "%s: too many words", line);
	run_argv_free(argv);
}

ATF_TC_WITHOUT_HEAD(command_lines);
ATF_TC_BODY(command_lines, tc)
{
	char **argv;
	int bg;

	check_argv("/bin/sh /etc/rc", 0,
	    (const char *const []){ "/bin/sh", "/etc/rc", NULL });
	check_argv("  echo\ta  b ", 0,
	    (const char *const []){ "echo", "a", "b", NULL });
	check_argv("sleep 60 &", 1,
	    (const char *const []){ "sleep", "60", NULL });
	check_argv("echo a; echo b", 0,
	    (const char *const []){ "/bin/sh", "-c", "echo a; echo b",
	    NULL });
	check_argv("echo $HOME", 0,
	    (const char *const []){ "/bin/sh", "-c", "echo $HOME", NULL });
	check_argv("a & b", 0,
	    (const char *const []){ "/bin/sh", "-c", "a & b", NULL });
	ATF_CHECK_EQ(-1, run_argv(" \t", &argv, &bg));
	ATF_CHECK_STREQ("empty command", jb_errmsg);
}

/* A configuration in memory; the caller frees it. */
static struct conf *
load(const char *text)
{
	struct conf *conf;

	ATF_REQUIRE_MSG(conf_load_buffer(text, strlen(text), "test",
	    &conf) == 0, "%s", jb_errmsg);
	return (conf);
}

ATF_TC_WITHOUT_HEAD(dependencies);
ATF_TC_BODY(dependencies, tc)
{
	struct depgraph g;
	struct conf *conf;

	conf = load("db {} web { depend = db; } app { depend = web, db; }\n"
	    "a { depend = b; } b { depend = c; } c { depend = a; }\n"
	    "self { depend = self; } x { depend = nosuch; }\n"
	    "y { depend = a; }\n");
	ATF_REQUIRE(depend_build(conf, &g) == 0);
	ATF_REQUIRE_EQ(conf->njails, g.n);
	ATF_CHECK_EQ(0, g.ndeps[0]);
	ATF_CHECK_EQ(1, g.ndeps[1]);
	ATF_CHECK_EQ(0, g.deps[1][0]);
	ATF_CHECK_EQ(2, g.ndeps[2]);
	ATF_CHECK(g.error[0] == NULL && g.error[1] == NULL &&
	    g.error[2] == NULL);
	ATF_CHECK_STREQ("dependency loop", g.error[3]);
	ATF_CHECK_STREQ("dependency loop", g.error[4]);
	ATF_CHECK_STREQ("dependency loop", g.error[5]);
	ATF_CHECK_STREQ("dependency loop", g.error[6]);
	ATF_CHECK_STREQ("depends on undefined jail \"nosuch\"", g.error[7]);
	/* Depending on a loop is not being in one: y is skipped later. */
	ATF_CHECK(g.error[8] == NULL);
	depend_free(&g);
	conf_free(conf);
}

static void
touch(const char *path)
{
	int fd;

	ATF_REQUIRE((fd = open(path, O_WRONLY | O_CREAT, 0644)) != -1);
	close(fd);
}

ATF_TC_WITHOUT_HEAD(include_patterns);
ATF_TC_BODY(include_patterns, tc)
{
	struct pathlist pl;
	char dir[] = "/tmp/conf_test.XXXXXX", path[128];

	ATF_REQUIRE(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/d", dir);
	ATF_REQUIRE(mkdir(path, 0755) == 0);
	snprintf(path, sizeof(path), "%s/d/b.conf", dir);
	touch(path);
	snprintf(path, sizeof(path), "%s/d/a.conf", dir);
	touch(path);
	snprintf(path, sizeof(path), "%s/d/.hidden.conf", dir);
	touch(path);
	snprintf(path, sizeof(path), "%s/d/c.txt", dir);
	touch(path);
	snprintf(path, sizeof(path), "%s/d/*.conf", dir);
	ATF_REQUIRE(path_glob(path, &pl) == 0);
	ATF_REQUIRE_EQ(2, pl.n);
	ATF_CHECK(strstr(pl.paths[0], "/d/a.conf") != NULL);
	ATF_CHECK(strstr(pl.paths[1], "/d/b.conf") != NULL);
	path_glob_free(&pl);
	snprintf(path, sizeof(path), "%s/*/[ab].conf", dir);
	ATF_REQUIRE(path_glob(path, &pl) == 0);
	ATF_CHECK_EQ(2, pl.n);
	path_glob_free(&pl);
	snprintf(path, sizeof(path), "%s/d/*.none", dir);
	ATF_REQUIRE(path_glob(path, &pl) == 0);
	ATF_CHECK_EQ(0, pl.n);
	path_glob_free(&pl);
	snprintf(path, sizeof(path), "%s/d/missing.conf", dir);
	ATF_REQUIRE(path_glob(path, &pl) == 0);
	ATF_CHECK_EQ(0, pl.n);
	ATF_CHECK(!path_is_pattern(path));
	path_glob_free(&pl);
	ATF_CHECK(path_is_pattern("/etc/jail[.]conf"));
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	ATF_CHECK_EQ(0, system(path));
}

/*
 * path_match() against a table of FreeBSD glob(3) cases, then against
 * glibc's fnmatch(3) with FNM_PERIOD over every pair of a set of
 * patterns and names, where the two agree by definition (no '^'
 * negation, no character classes).
 */
ATF_TC_WITHOUT_HEAD(path_match_rules);
ATF_TC_BODY(path_match_rules, tc)
{
	static const struct {
		const char	*pattern, *name;
		int		 match;
	} cases[] = {
		{ "*.conf", "a.conf", 1 }, { "*.conf", ".a.conf", 0 },
		{ ".*", ".a", 1 }, { "\\.*", ".a", 1 }, { "?a", ".a", 0 },
		{ "[.]a", ".a", 0 }, { "*", "", 1 }, { "", "", 1 },
		{ "a*b*c", "aXbYc", 1 }, { "a*b*c", "aXbY", 0 },
		{ "a**", "a", 1 }, { "[ab].conf", "b.conf", 1 },
		{ "[!ab]x", "cx", 1 }, { "[!ab]x", "ax", 0 },
		{ "[]]", "]", 1 }, { "[!]]", "]", 0 }, { "[a-c]", "b", 1 },
		{ "[a-c]", "d", 0 }, { "[a-]", "-", 1 }, { "[-a]", "-", 1 },
		{ "[z-a]", "m", 0 }, { "[", "[", 1 }, { "[ab", "[ab", 1 },
		{ "a[", "a[", 1 }, { "\\*", "*", 1 }, { "\\*", "a", 0 },
		{ "[\\]]", "]", 1 }, { "[\\!a]", "!", 1 }, { "a\\", "a\\", 1 },
		{ "[^a]", "^", 1 }, { "[^a]", "b", 0 },
		{ "*[0-9]", "jail9", 1 }, { "*[0-9]", "jail", 0 },
	};
	static const char *const patterns[] = { "*", "?", "a*", "*a", "a?c",
	    "[ab]*", "[!ab]*", "*[]a]", "[a-c]?", "\\a*", "*.conf",
	    ".*", "*c*", "[", "a[b", "??*", "a*b*" };
	static const char *const names[] = { "", "a", "b", "c", "ab", "abc",
	    "ac", ".a", "a.conf", ".conf", "]", "a]", "[", "a[b", "cab",
	    "bcb", "aaa" };
	size_t i, j;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ATF_CHECK_MSG(path_match(cases[i].pattern, cases[i].name) ==
		    cases[i].match, "%s against %s", cases[i].pattern,
		    cases[i].name);
	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		for (j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			ATF_CHECK_MSG(path_match(patterns[i], names[j]) ==
			    (fnmatch(patterns[i], names[j], FNM_PERIOD) == 0),
			    "%s against %s", patterns[i], names[j]);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, path_match_rules);
	ATF_TP_ADD_TC(tp, quote_param_rules);
	ATF_TP_ADD_TC(tp, equal_names);
	ATF_TP_ADD_TC(tp, wildcards);
	ATF_TP_ADD_TC(tp, jail_add_appends);
	ATF_TP_ADD_TC(tp, command_lines);
	ATF_TP_ADD_TC(tp, dependencies);
	ATF_TP_ADD_TC(tp, include_patterns);
	return (atf_no_error());
}
