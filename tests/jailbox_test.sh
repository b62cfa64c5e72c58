#! /usr/bin/env atf-sh
# jailbox(8): the multi-call executable itself: applet dispatch on argv[0]
# or on the first argument, --list, --install, and how it is linked.

. "$(atf_get_srcdir)/common.subr"

atf_test_case list_prints_applets
list_prints_applets_head()
{
	atf_set descr "jailbox --list prints every applet, one a line, sorted"
}
list_prints_applets_body()
{
	atf_check -s exit:0 -o inline:'jail\njattach\njexec\njls\n' -e empty \
	    "$JAILBOX" --list
}

atf_test_case list_with_extra_argument_is_usage
list_with_extra_argument_is_usage_head()
{
	atf_set descr "jailbox --list takes no argument"
}
list_with_extra_argument_is_usage_body()
{
	atf_check -s exit:1 -o empty -e inline:"$JAILBOX_USAGE" \
	    "$JAILBOX" --list extra
}

atf_test_case no_arguments_is_usage
no_arguments_is_usage_head()
{
	atf_set descr "jailbox alone prints its usage on stderr and fails"
}
no_arguments_is_usage_body()
{
	atf_check -s exit:1 -o empty -e inline:"$JAILBOX_USAGE" "$JAILBOX"
}

atf_test_case unknown_option_is_usage
unknown_option_is_usage_head()
{
	atf_set descr "jailbox with an unknown option prints its usage"
}
unknown_option_is_usage_body()
{
	atf_check -s exit:1 -o empty -e inline:"$JAILBOX_USAGE" \
	    "$JAILBOX" --frob
	atf_check -s exit:1 -o empty -e inline:"$JAILBOX_USAGE" \
	    "$JAILBOX" --install
}

atf_test_case applet_as_first_argument
applet_as_first_argument_head()
{
	atf_set descr "jailbox APPLET ... runs the applet named by the" \
	    "first argument, with that applet's name in its messages"
}
applet_as_first_argument_body()
{
	atf_check -s exit:1 -o empty -e inline:"$JEXEC_USAGE" \
	    "$JAILBOX" jexec
	atf_check -s exit:1 -o empty -e inline:"$JAIL_USAGE" \
	    "$JAILBOX" jail
	atf_check -s exit:1 -o empty \
	    -e inline:"jls: invalid option -- 'x'\\n$JLS_USAGE" \
	    "$JAILBOX" jls -x
	atf_check -s exit:1 \
	    -o inline:'   JID  IP Address      Hostname                      Path\n' \
	    -e inline:'jls: jail "jailbox-test-no-such-jail" not found\n' \
	    "$JAILBOX" jls -j jailbox-test-no-such-jail
}

atf_test_case unknown_applet_argument
unknown_applet_argument_head()
{
	atf_set descr "jailbox NOSUCH names the unknown applet and fails"
}
unknown_applet_argument_body()
{
	atf_check -s exit:1 -o empty -e inline:'jailbox: nosuch: unknown applet\n' \
	    "$JAILBOX" nosuch
}

atf_test_case unknown_applet_symlink
unknown_applet_symlink_head()
{
	atf_set descr "run through a link of an unknown name, jailbox" \
	    "names it as an unknown applet and fails"
}
unknown_applet_symlink_body()
{
	ln -s "$JAILBOX" frob || atf_fail "ln -s"
	atf_check -s exit:1 -o empty -e inline:'jailbox: frob: unknown applet\n' \
	    ./frob
	atf_check -s exit:1 -o empty -e inline:'jailbox: frob: unknown applet\n' \
	    ./frob jls
}

atf_test_case symlinks_dispatch_on_argv0
symlinks_dispatch_on_argv0_head()
{
	atf_set descr "the build's jail, jexec and jls links run their applet"
}
symlinks_dispatch_on_argv0_body()
{
	atf_check -s exit:1 -o empty -e inline:"$JAIL_USAGE" "$JAIL"
	atf_check -s exit:1 -o empty -e inline:"$JEXEC_USAGE" "$JEXEC"
	atf_check -s exit:1 \
	    -o inline:'   JID  IP Address      Hostname                      Path\n' \
	    -e inline:'jls: jail "jailbox-test-no-such-jail" not found\n' \
	    "$JLS" -j jailbox-test-no-such-jail
}

atf_test_case install_makes_working_links
install_makes_working_links_head()
{
	atf_set descr "jailbox --install DIR makes DIR/jail, DIR/jexec and" \
	    "DIR/jls links to the executable, and they work"
}
install_makes_working_links_body()
{
	self=$(readlink -f "$JAILBOX")
	mkdir bin || atf_fail "mkdir"
	atf_check -s exit:0 -o empty -e empty "$JAILBOX" --install bin
	atf_check -o inline:'jail\njattach\njexec\njls\n' ls bin
	for a in jail jattach jexec jls; do
		[ -L "bin/$a" ] || atf_fail "bin/$a is not a symbolic link"
		atf_check -o inline:"$self\\n" readlink "bin/$a"
	done
	atf_check -s exit:1 -o empty -e inline:"$JAIL_USAGE" bin/jail
	atf_check -s exit:1 -o empty -e inline:"$JEXEC_USAGE" bin/jexec
	atf_check -s exit:1 \
	    -o inline:'   JID  IP Address      Hostname                      Path\n' \
	    -e inline:'jls: jail "jailbox-test-no-such-jail" not found\n' \
	    bin/jls -j jailbox-test-no-such-jail
}

atf_test_case install_replaces_existing_files
install_replaces_existing_files_head()
{
	atf_set descr "jailbox --install replaces files already in the way"
}
install_replaces_existing_files_body()
{
	self=$(readlink -f "$JAILBOX")
	mkdir bin || atf_fail "mkdir"
	echo old > bin/jls
	ln -s /nonexistent bin/jexec
	atf_check -s exit:0 -o empty -e empty "$JAILBOX" --install bin
	for a in jail jattach jexec jls; do
		atf_check -o inline:"$self\\n" readlink "bin/$a"
	done
}

atf_test_case install_into_missing_directory_fails
install_into_missing_directory_fails_head()
{
	atf_set descr "jailbox --install into a missing directory fails"
}
install_into_missing_directory_fails_body()
{
	atf_check -s exit:1 -o empty \
	    -e inline:"jailbox: nosuch/jail: No such file or directory\\n" \
	    "$JAILBOX" --install nosuch
}

atf_test_case statically_linked
statically_linked_head()
{
	atf_set descr "jailbox is one statically linked executable"
}
statically_linked_body()
{
	atf_check -s exit:0 -o match:'statically linked' file -L "$JAILBOX"
	atf_check -s not-exit:0 -o ignore \
	    -e match:'not a dynamic executable' ldd "$JAILBOX"
}

atf_test_case no_nss_or_resolver_linked
no_nss_or_resolver_linked_head()
{
	atf_set descr "jailbox links neither NSS user lookups nor the" \
	    "resolver: users are parsed from the jail's own files"
}
no_nss_or_resolver_linked_body()
{
	nm "$JAILBOX" > symbols 2>&1 || atf_fail "nm failed: $(cat symbols)"
	# A sanity check that nm saw the symbol table at all.
	atf_check -o ignore grep -w 'jail_main' symbols
	for s in getpwnam getpwnam_r getpwuid getpwuid_r getgrnam getgrgid \
	    getaddrinfo gethostbyname; do
		atf_check -s exit:1 -o empty grep -w "$s" symbols
	done
}

atf_test_case protected_before_libc
protected_before_libc_head()
{
	atf_set descr "jail and jexec, by name or after jailbox, become" \
	    "their read-only view before the C library starts (its first" \
	    "arch_prctl): mapped over themselves where the kernel lets" \
	    "them rename their executable, else executed once; jls and" \
	    "jattach run as they are"
	atf_set require.user root
	atf_set require.progs strace
}
protected_before_libc_body()
{
	for cmd in "jail -c path=/nonexistent persist" "jexec nosuchjail true" \
	    "jailbox jail -c path=/nonexistent persist" \
	    "jailbox jexec nosuchjail true"; do
		set -- $cmd
		prog=$JB_BUILD/$1
		shift
		atf_check -s exit:1 -o empty -e not-empty \
		    strace -qq -o trace "$prog" "$@"
		sed '/^arch_prctl(/q' trace > early
		if grep -q '^prctl(PR_SET_MM, PR_SET_MM_MAP, .* = 0$' early; then
			atf_check -o inline:'0\n' -s exit:1 \
			    grep -c '^execveat(' trace
		else
			atf_check -o inline:'1\n' grep -c '^execveat(' early
			atf_check -o inline:'1\n' grep -c '^execveat(' trace
		fi
	done
	for cmd in "jls -n" "jattach nosuchjail"; do
		set -- $cmd
		prog=$JB_BUILD/$1
		shift
		strace -qq -o trace "$prog" "$@" > /dev/null 2>&1
		atf_check -o inline:'0\n' -s exit:1 grep -c '^execveat(' trace
		atf_check -o inline:'0\n' -s exit:1 grep -c '^prctl(PR_SET_MM' trace
	done
}

# jb_words: the words of the standard input on one line.
jb_words()
{
	tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
	echo
}

atf_test_case usage_matches_synopsis
usage_matches_synopsis_head()
{
	atf_set descr "each applet's usage() says what its man page's SYNOPSIS says"
	atf_set require.progs mandoc col
}
usage_matches_synopsis_body()
{
	man=$JB_BUILD/../man
	for a in jail jattach jexec jls jailbox; do
		mandoc -Tascii "$man/$a.8" | col -bx |
		    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
		    jb_words > synopsis.$a
		if [ $a = jailbox ]; then
			"$JAILBOX" 2> err.$a
		else
			"$JAILBOX" $a -Z 2> err.$a
		fi
		sed -n '/^usage:/,$p' err.$a | sed 's/^usage://' |
		    jb_words > usage.$a
		atf_check -o file:synopsis.$a cat usage.$a
	done
}

atf_init_test_cases()
{
	atf_add_test_case usage_matches_synopsis
	atf_add_test_case list_prints_applets
	atf_add_test_case list_with_extra_argument_is_usage
	atf_add_test_case no_arguments_is_usage
	atf_add_test_case unknown_option_is_usage
	atf_add_test_case applet_as_first_argument
	atf_add_test_case unknown_applet_argument
	atf_add_test_case unknown_applet_symlink
	atf_add_test_case symlinks_dispatch_on_argv0
	atf_add_test_case install_makes_working_links
	atf_add_test_case install_replaces_existing_files
	atf_add_test_case install_into_missing_directory_fails
	atf_add_test_case statically_linked
	atf_add_test_case no_nss_or_resolver_linked
	atf_add_test_case protected_before_libc
}
