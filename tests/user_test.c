/*
 * Unit tests of lib/user.c: the passwd(5) and group(5) parser that
 * replaces NSS, fed from strings, from descriptors and from a root
 * directory that plants symbolic links, too-large files and FIFOs.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "errmsg.h"
#include "user.h"

static const char passwd[] =
    "# a comment\n"
    "root:x:0:0:root:/root:/bin/sh\n"
    "\n"
    "+nis:x:7:7::/:/bin/sh\n"
    "-nis2:x:8:8::/:/bin/sh\n"
    "short:x:1:1:/home/short\n"
    "long:x:2:2:g:/h:/bin/sh:extra\n"
    "baduid:x:-3:3::/:/bin/sh\n"
    "bigid:x:4294967295:3::/:/bin/sh\n"
    "hexid:x:0x10:3::/:/bin/sh\n"
    ":x:9:9::/:/bin/sh\n"
    "jailuser:x:4242:4242:Jail User:/home/jailuser:/bin/sh\n"
    "noshell:x:4300:4300:::\n"
    "jailuser:x:1:1:second entry:/nope:/nope\n"
    "5000:x:5001:5001::/home/fivek:/bin/ash\n"
    "last:x:6000:6000::/home/last:/bin/sh";

static const char group[] =
    "root:x:0:\n"
    "staff:x:4343:other,jailuser\n"
    "wheel:x:10:jailuser\n"
    "# jailuser:x:11:jailuser\n"
    "bad:x:zz:jailuser\n"
    "fields:x:12\n"
    "prefix:x:13:jailuser2,xjailuser,jailuse\n"
    "again:x:4242:jailuser\n"
    "staff2:x:4343:jailuser\n"
    "last:x:14:other,jailuser";

static void
find_ok(const char *who, struct jb_user *u)
{
	ATF_REQUIRE_MSG(user_passwd_find(passwd, sizeof(passwd) - 1, who, u) ==
	    0, "%s: %s", who, jb_errmsg);
}

static void
find_fails(const char *who)
{
	struct jb_user u;

	errno = 0;
	ATF_CHECK_MSG(user_passwd_find(passwd, sizeof(passwd) - 1, who, &u) ==
	    -1, "%s was found", who);
	ATF_CHECK_EQ(ENOENT, errno);
}

ATF_TC_WITHOUT_HEAD(passwd_by_name);
ATF_TC_BODY(passwd_by_name, tc)
{
	struct jb_user u;

	find_ok("jailuser", &u);
	ATF_CHECK_STREQ("jailuser", u.name);
	ATF_CHECK_EQ(4242, u.uid);
	ATF_CHECK_EQ(4242, u.gid);
	ATF_CHECK_STREQ("/home/jailuser", u.home);
	ATF_CHECK_STREQ("/bin/sh", u.shell);
	ATF_CHECK_EQ(1, u.ngroups);
	ATF_CHECK_EQ(4242, u.groups[0]);
	find_ok("root", &u);
	ATF_CHECK_EQ(0, u.uid);
	ATF_CHECK_STREQ("/root", u.home);
	find_ok("last", &u);
	ATF_CHECK_EQ(6000, u.uid);
}

ATF_TC_WITHOUT_HEAD(passwd_by_uid);
ATF_TC_BODY(passwd_by_uid, tc)
{
	struct jb_user u;

	find_ok("4242", &u);
	ATF_CHECK_STREQ("jailuser", u.name);
	find_ok("0", &u);
	ATF_CHECK_STREQ("root", u.name);
	/* A name made of digits wins over a uid. */
	find_ok("5000", &u);
	ATF_CHECK_EQ(5001, u.uid);
	find_ok("5001", &u);
	ATF_CHECK_STREQ("5000", u.name);
	find_fails("4243");
	find_fails("00000000000000004242");
}

ATF_TC_WITHOUT_HEAD(passwd_empty_fields);
ATF_TC_BODY(passwd_empty_fields, tc)
{
	struct jb_user u;

	find_ok("noshell", &u);
	ATF_CHECK_STREQ("/", u.home);
	ATF_CHECK_STREQ("/bin/sh", u.shell);
}

ATF_TC_WITHOUT_HEAD(passwd_malformed_skipped);
ATF_TC_BODY(passwd_malformed_skipped, tc)
{
	find_fails("+nis");
	find_fails("nis");
	find_fails("-nis2");
	find_fails("short");
	find_fails("long");
	find_fails("baduid");
	find_fails("bigid");
	find_fails("hexid");
	find_fails("");
	find_fails("# a comment");
	find_fails("nobody");
	ATF_CHECK_STREQ("nobody: no such user", jb_errmsg);
}

ATF_TC_WITHOUT_HEAD(passwd_long_and_nul_lines_skipped);
ATF_TC_BODY(passwd_long_and_nul_lines_skipped, tc)
{
	char buf[USER_LINE_MAX + 200];
	struct jb_user u;
	size_t n;

	memset(buf, 'a', sizeof(buf));
	n = (size_t)snprintf(buf, sizeof(buf), "big:x:1:1:");
	buf[n] = 'g';
	memcpy(buf + USER_LINE_MAX, ":/:/bin/sh\n", 11);
	memcpy(buf + USER_LINE_MAX + 11, "ok:x:2:2::/:/bin/sh\n", 20);
	ATF_CHECK(user_passwd_find(buf, USER_LINE_MAX + 31, "big", &u) == -1);
	ATF_CHECK(user_passwd_find(buf, USER_LINE_MAX + 31, "ok", &u) == 0);
	ATF_CHECK(user_passwd_find("nul:x:1:1:\0:/:/bin/sh\n", 21, "nul",
	    &u) == -1);
}

ATF_TC_WITHOUT_HEAD(groups_collected);
ATF_TC_BODY(groups_collected, tc)
{
	struct jb_user u;

	find_ok("jailuser", &u);
	ATF_REQUIRE(user_group_collect(group, sizeof(group) - 1, &u) == 0);
	/* Primary first, no duplicates, no prefix matches, no bad lines. */
	ATF_REQUIRE_EQ(4, u.ngroups);
	ATF_CHECK_EQ(4242, u.groups[0]);
	ATF_CHECK_EQ(4343, u.groups[1]);
	ATF_CHECK_EQ(10, u.groups[2]);
	ATF_CHECK_EQ(14, u.groups[3]);
	find_ok("root", &u);
	ATF_REQUIRE(user_group_collect(group, sizeof(group) - 1, &u) == 0);
	ATF_CHECK_EQ(1, u.ngroups);
}

/* Write s to path under dir. */
static void
put(const char *path, const char *s)
{
	FILE *f;

	ATF_REQUIRE((f = fopen(path, "w")) != NULL);
	fputs(s, f);
	ATF_REQUIRE(fclose(f) == 0);
}

static int
open_root(void)
{
	int fd;

	ATF_REQUIRE((fd = open("root", O_PATH | O_DIRECTORY)) != -1);
	return (fd);
}

ATF_TC_WITHOUT_HEAD(lookup_in_root);
ATF_TC_BODY(lookup_in_root, tc)
{
	struct jb_user u;
	int rootfd;

	ATF_REQUIRE(mkdir("root", 0755) == 0 && mkdir("root/etc", 0755) == 0);
	put("root/etc/passwd", passwd);
	rootfd = open_root();
	/* No group file: the primary group alone. */
	ATF_REQUIRE_MSG(user_lookup(rootfd, "jailuser", &u) == 0, "%s",
	    jb_errmsg);
	ATF_CHECK_EQ(1, u.ngroups);
	put("root/etc/group", group);
	ATF_REQUIRE(user_lookup(rootfd, "jailuser", &u) == 0);
	ATF_CHECK_EQ(4, u.ngroups);
	ATF_CHECK(user_lookup(rootfd, "nobody", &u) == -1);
	ATF_CHECK_STREQ("nobody: no such user", jb_errmsg);
	close(rootfd);
}

ATF_TC_WITHOUT_HEAD(lookup_no_passwd);
ATF_TC_BODY(lookup_no_passwd, tc)
{
	struct jb_user u;
	int rootfd;

	ATF_REQUIRE(mkdir("root", 0755) == 0);
	rootfd = open_root();
	errno = 0;
	ATF_CHECK(user_lookup(rootfd, "root", &u) == -1);
	ATF_CHECK_EQ(ENOENT, errno);
	ATF_CHECK_STREQ("root: no such user", jb_errmsg);
	close(rootfd);
}

/*
 * Symbolic links planted in the root resolve inside it: an absolute one
 * and one made of ".." never reach the file outside.
 */
ATF_TC_WITHOUT_HEAD(lookup_symlinks_stay_inside);
ATF_TC_BODY(lookup_symlinks_stay_inside, tc)
{
	char outside[PATH_MAX + 16], cwd[PATH_MAX];
	struct jb_user u;
	int rootfd;

	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	ATF_REQUIRE(mkdir("root", 0755) == 0 && mkdir("root/etc", 0755) == 0);
	put("outside", "hostonly:x:1234:1234::/:/bin/sh\n");
	snprintf(outside, sizeof(outside), "%s/outside", cwd);
	ATF_REQUIRE(symlink(outside, "root/etc/passwd") == 0);
	rootfd = open_root();
	ATF_CHECK(user_lookup(rootfd, "hostonly", &u) == -1);
	ATF_REQUIRE(unlink("root/etc/passwd") == 0);
	ATF_REQUIRE(symlink("../../../../../../../outside", "root/etc/passwd")
	    == 0);
	ATF_CHECK(user_lookup(rootfd, "hostonly", &u) == -1);
	/* A link that stays inside is followed, as the jail sees it. */
	ATF_REQUIRE(unlink("root/etc/passwd") == 0);
	put("root/etc/passwd.real", "inside:x:1:1::/:/bin/sh\n");
	ATF_REQUIRE(symlink("/etc/passwd.real", "root/etc/passwd") == 0);
	ATF_CHECK_MSG(user_lookup(rootfd, "inside", &u) == 0, "%s", jb_errmsg);
	close(rootfd);
}

ATF_TC_WITHOUT_HEAD(lookup_refuses_odd_files);
ATF_TC_BODY(lookup_refuses_odd_files, tc)
{
	struct jb_user u;
	int rootfd, fd;

	ATF_REQUIRE(mkdir("root", 0755) == 0 && mkdir("root/etc", 0755) == 0);
	rootfd = open_root();
	/* A FIFO neither blocks the open nor is read. */
	ATF_REQUIRE(mkfifo("root/etc/passwd", 0644) == 0);
	errno = 0;
	ATF_CHECK(user_lookup(rootfd, "root", &u) == -1);
	ATF_CHECK_EQ(EINVAL, errno);
	ATF_CHECK_STREQ("/etc/passwd: not a regular file", jb_errmsg);
	ATF_REQUIRE(unlink("root/etc/passwd") == 0);
	/* A directory. */
	ATF_REQUIRE(mkdir("root/etc/passwd", 0755) == 0);
	ATF_CHECK(user_lookup(rootfd, "root", &u) == -1);
	ATF_REQUIRE(rmdir("root/etc/passwd") == 0);
	/* Too large, even sparse. */
	ATF_REQUIRE((fd = open("root/etc/passwd", O_WRONLY | O_CREAT, 0644))
	    != -1);
	ATF_REQUIRE(ftruncate(fd, USER_FILE_MAX + 1) == 0);
	close(fd);
	errno = 0;
	ATF_CHECK(user_lookup(rootfd, "root", &u) == -1);
	ATF_CHECK_EQ(EFBIG, errno);
	close(rootfd);
}

ATF_TC_WITHOUT_HEAD(lookup_from_descriptors);
ATF_TC_BODY(lookup_from_descriptors, tc)
{
	struct jb_user u;
	int pfd, gfd;

	put("passwd", passwd);
	put("group", group);
	ATF_REQUIRE((pfd = open("passwd", O_RDONLY)) != -1);
	ATF_REQUIRE((gfd = open("group", O_RDONLY)) != -1);
	ATF_REQUIRE(user_lookup_fd(pfd, gfd, "jailuser", &u) == 0);
	ATF_CHECK_EQ(4, u.ngroups);
	close(pfd);
	close(gfd);
	ATF_REQUIRE((pfd = open("passwd", O_RDONLY)) != -1);
	ATF_REQUIRE(user_lookup_fd(pfd, -1, "jailuser", &u) == 0);
	ATF_CHECK_EQ(1, u.ngroups);
	close(pfd);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, passwd_by_name);
	ATF_TP_ADD_TC(tp, passwd_by_uid);
	ATF_TP_ADD_TC(tp, passwd_empty_fields);
	ATF_TP_ADD_TC(tp, passwd_malformed_skipped);
	ATF_TP_ADD_TC(tp, passwd_long_and_nul_lines_skipped);
	ATF_TP_ADD_TC(tp, groups_collected);
	ATF_TP_ADD_TC(tp, lookup_in_root);
	ATF_TP_ADD_TC(tp, lookup_no_passwd);
	ATF_TP_ADD_TC(tp, lookup_symlinks_stay_inside);
	ATF_TP_ADD_TC(tp, lookup_refuses_odd_files);
	ATF_TP_ADD_TC(tp, lookup_from_descriptors);
	return (atf_no_error());
}
