#! /usr/bin/env atf-sh
# jail.conf(5) as "jail -f FILE -e SEP" shows it.  The fixtures are data
# in conf/: NAME.conf is read by "jail -f NAME.conf -e ' '" in that
# directory; NAME.out is what it must print on stdout (exit 0), or, with
# NAME.err beside it, what it must print on stderr (exit 1) while stdout
# holds what the good jails print (NAME.out, empty when absent).  The
# expected files are written from the specification, not from a run.
# Each test case checks one family of fixtures, named by their prefix.

. "$(atf_get_srcdir)/common.subr"

export LC_ALL=C

CONF=$(atf_get_srcdir)/conf

# The prefixes of the fixture families; every fixture belongs to one.
FAMILIES='comment_ quote_ escape_ joined_ bare_ param_ bool_ list_ block_
empty_ global_ wildcard_ var_ redefine_ varname_ unterminated_ syntax_
include_ equote_'

# jc_compare DIR NAME: run jail -e on DIR/NAME.conf from DIR and append
# any difference from NAME.out and NAME.err to ./failures, as a header
# naming the fixture and a diff.
jc_compare()
{
	dir=$1
	name=$2
	if [ -f "$dir/$name.err" ]; then
		want_rc=1
		cp "$dir/$name.err" want.err
	else
		want_rc=0
		: > want.err
	fi
	if [ -f "$dir/$name.out" ]; then
		cp "$dir/$name.out" want.out
	else
		: > want.out
	fi
	(cd "$dir" && exec "$JAIL" -f "$name.conf" -e ' ') > got.out 2> got.err
	rc=$?
	if [ "$rc" -ne "$want_rc" ] || ! cmp -s want.out got.out ||
	    ! cmp -s want.err got.err; then
		{
			if [ "$rc" -ne "$want_rc" ]; then
				echo "=== $name.conf: exit status $rc," \
				    "expected $want_rc"
			else
				echo "=== $name.conf: output differs"
			fi
			diff -au --label "$name.out (expected)" \
			    --label "stdout" want.out got.out
			diff -au --label "$name.err (expected)" \
			    --label "stderr" want.err got.err
		} >> failures
		echo "$name" >> failed
	fi
	rm -f want.out want.err got.out got.err
}

# jc_report N: fail, showing every difference on stderr, when any of
# the N fixtures checked differs.
jc_report()
{
	[ -s failed ] || return 0
	cat failures >&2
	atf_fail "$(wc -l < failed) of $1 fixtures differ:" \
	    "$(tr '\n' ' ' < failed)"
}

# jc_family PREFIX ...: check every fixture whose name starts with one
# of the prefixes.
jc_family()
{
	: > failed
	: > failures
	n=0
	for prefix in "$@"; do
		found=0
		for f in "$CONF/$prefix"*.conf; do
			[ -f "$f" ] || continue
			found=1
			n=$((n + 1))
			jc_compare "$CONF" "$(basename "$f" .conf)"
		done
		[ $found = 1 ] || atf_fail "no fixture $CONF/$prefix*.conf"
	done
	jc_report $n
}

# ---- fixture families ----------------------------------------------------

atf_test_case comments
comments_head()
{
	atf_set descr "#, // and /* */ comments; a comment separates tokens;" \
	    "// starts a comment even inside an unquoted value"
}
comments_body()
{
	jc_family comment_
}

atf_test_case quotes
quotes_head()
{
	atf_set descr "single and double quotes: lines, escapes, variables" \
	    "only in double quotes, a lone \$ is literal"
}
quotes_body()
{
	jc_family quote_
}

atf_test_case escapes
escapes_head()
{
	atf_set descr "C escapes, 1-3 digit octal, 1-2 digit hex," \
	    "backslash-newline and unknown escapes, in quotes and bare tokens"
}
escapes_body()
{
	jc_family escape_
}

atf_test_case tokens
tokens_head()
{
	atf_set descr "bare token characters, and pieces without space" \
	    "between them joined into one string"
}
tokens_body()
{
	jc_family bare_ joined_
}

atf_test_case parameter_forms
parameter_forms_head()
{
	atf_set descr "name = value, name += value, name, name value," \
	    "quoted names and empty statements"
}
parameter_forms_body()
{
	jc_family param_
}

atf_test_case booleans
booleans_head()
{
	atf_set descr "bare booleans and their no forms replace each other" \
	    "in place, on any dotted component"
}
booleans_body()
{
	jc_family bool_
}

atf_test_case lists
lists_head()
{
	atf_set descr "lists across lines, += appending, = replacing a list"
}
lists_body()
{
	jc_family list_
}

atf_test_case blocks
blocks_head()
{
	atf_set descr "nested, numeric, quoted and repeated blocks, and" \
	    "files that define no jail"
}
blocks_body()
{
	jc_family block_ empty_
}

atf_test_case wildcards
wildcards_head()
{
	atf_set descr "global statements and * blocks before a jail are" \
	    "defaults, after it overrides; foo.* and *.web matching"
}
wildcards_body()
{
	jc_family global_ wildcard_
}

atf_test_case variables
variables_head()
{
	atf_set descr "\$x, \${x}, parameters as variables, lists, and every" \
	    "variable error failing only its jail"
}
variables_body()
{
	jc_family var_
}

atf_test_case merge_errors
merge_errors_head()
{
	atf_set descr "name and jid cannot be redefined; a variable cannot" \
	    "share a parameter's name"
}
merge_errors_body()
{
	jc_family redefine_ varname_
}

atf_test_case lexer_errors
lexer_errors_head()
{
	atf_set descr "unterminated comment, strings and variables, with" \
	    "the line of their start (of the end for a comment)"
}
lexer_errors_body()
{
	jc_family unterminated_
}

atf_test_case syntax_errors
syntax_errors_head()
{
	atf_set descr "syntax errors name the token and the line it ends" \
	    "on; unexpected EOF; the first error stops the parse"
}
syntax_errors_body()
{
	jc_family syntax_
}

atf_test_case include_fixtures
include_fixtures_head()
{
	atf_set descr ".include of a sorted glob, nested and relative to" \
	    "the including file, in a block, matching nothing, and with a" \
	    "variable"
}
include_fixtures_body()
{
	jc_family include_
	# Relative to the including file, not to the current directory.
	atf_check -s exit:0 -o file:"$CONF/include_glob.out" -e empty \
	    "$JAIL" -f "$CONF/include_glob.conf" -e ' '
	atf_check -s exit:0 -o file:"$CONF/include_in_block.out" -e empty \
	    "$JAIL" -f "$CONF/include_in_block.conf" -e ' '
}

atf_test_case show_quoting
show_quoting_head()
{
	atf_set descr "jail -e quotes empty values, quotes, spaces and tabs," \
	    "escapes backslashes, and quotes list items one by one"
}
show_quoting_body()
{
	jc_family equote_
}

atf_test_case every_fixture_checked
every_fixture_checked_head()
{
	atf_set descr "every fixture belongs to a family, and every expected" \
	    "file to a fixture"
}
every_fixture_checked_body()
{
	: > stray
	for f in "$CONF"/*.conf; do
		name=$(basename "$f" .conf)
		ok=0
		for prefix in $FAMILIES; do
			case "$name" in
			"$prefix"*) ok=1 ;;
			esac
		done
		[ $ok = 1 ] || echo "$name.conf: in no family" >> stray
	done
	for f in "$CONF"/*.out "$CONF"/*.err; do
		[ -f "$f" ] || continue
		name=$(basename "$f")
		[ -f "$CONF/${name%.*}.conf" ] ||
		    echo "$name: no ${name%.*}.conf" >> stray
	done
	for f in "$CONF"/examples/*.out; do
		name=$(basename "$f" .out)
		[ -f "$CONF/examples/$name.conf" ] ||
		    echo "examples/$name.out: no conf/$name.conf" >> stray
	done
	[ ! -s stray ] || atf_fail "$(tr '\n' ' ' < stray)"
}

# ---- the examples in conf/ -----------------------------------------------

atf_test_case examples
examples_head()
{
	atf_set descr "every example in the repository's conf/ directory" \
	    "parses, and jail -e prints what examples/NAME.out says"
}
examples_body()
{
	# freebsd.conf includes the standard locations: they must match
	# nothing here for its output to be the expected one.
	for g in /etc/jail.conf.d/*.conf /etc/jail.*.conf \
	    /usr/local/etc/jail.conf /usr/local/etc/jail.conf.d/*.conf \
	    /usr/local/etc/jail.*.conf; do
		[ ! -e "$g" ] || atf_skip "$g exists: freebsd.conf includes it"
	done
	: > failed
	: > failures
	n=0
	for f in "$CONF"/examples/*.conf; do
		[ -f "$f" ] || atf_fail "no example in $CONF/examples"
		name=$(basename "$f" .conf)
		[ -f "$CONF/examples/$name.out" ] ||
		    atf_fail "conf/$name.conf has no examples/$name.out"
		n=$((n + 1))
		jc_compare "$CONF/examples" "$name"
	done
	jc_report $n
}

# ---- jail -e itself --------------------------------------------------------

atf_test_case separator
separator_head()
{
	atf_set descr "the -e separator is any string: several characters," \
	    "empty, a tab, a newline, a backslash, printed as given"
}
separator_body()
{
	printf 'foo { a = 1; b; c = "x y"; }\nbar { }\n' > sep.conf
	atf_check -o inline:'name=foo | a=1 | b | c="x y"\nname=bar\n' \
	    -e empty "$JAIL" -f sep.conf -e ' | '
	atf_check -o inline:'name=fooa=1bc="x y"\nname=bar\n' -e empty \
	    "$JAIL" -f sep.conf -e ''
	atf_check -o inline:'name=foo\ta=1\tb\tc="x y"\nname=bar\n' -e empty \
	    "$JAIL" -f sep.conf -e "$(printf '\t')"
	atf_check -o inline:'name=foo\na=1\nb\nc="x y"\nname=bar\n' -e empty \
	    "$JAIL" -f sep.conf -e '
'
	atf_check -o inline:'name=foo\\na=1\\nb\\nc="x y"\nname=bar\n' \
	    -e empty "$JAIL" -f sep.conf -e '\n'
	atf_check -o inline:'name=foo%sa=1%sb%sc="x y"\nname=bar\n' -e empty \
	    "$JAIL" -f sep.conf -e '%s'
}

atf_test_case standard_input
standard_input_head()
{
	atf_set descr "-f - reads standard input and calls it STDIN in" \
	    "messages"
}
standard_input_body()
{
	printf 'foo { a = 1; }\nbar { b; }\n' > good
	atf_check -o inline:'name=foo a=1\nname=bar b\n' -e empty \
	    -x "\"$JAIL\" -f - -e ' ' < good"
	printf 'foo {\n\ta = 1;\n' > eof
	atf_check -s exit:1 -o empty -e inline:'jail: STDIN: unexpected EOF\n' \
	    -x "\"$JAIL\" -f - -e ' ' < eof"
	printf 'foo {\n\ta = 1\n}\n' > syntax
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: STDIN line 3: }: syntax error\n' \
	    -x "\"$JAIL\" -f - -e ' ' < syntax"
	printf 'foo {\n\ta = "x;\n}\n' > string
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: STDIN line 2: unterminated string\n' \
	    -x "\"$JAIL\" -f - -e ' ' < string"
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: STDIN line 1: unterminated variable\n' \
	    -x "printf 'a = \${x;\\n' | \"$JAIL\" -f - -e ' '"
	# An absolute .include from standard input.
	printf 'inc { from = include; }\n' > inc.conf
	printf 'before { }\n.include "%s/inc.conf";\n' "$(pwd)" > main
	atf_check -o inline:'name=before\nname=inc from=include\n' -e empty \
	    -x "\"$JAIL\" -f - -e ' ' < main"
}

atf_test_case include_missing_file
include_missing_file_head()
{
	atf_set descr "a plain .include file name that does not exist is an" \
	    "error naming the including file, its line and the path"
}
include_missing_file_body()
{
	here=$(pwd)
	printf 'foo { }\n.include "%s/missing.conf";\nbar { }\n' "$here" \
	    > main.conf
	echo "jail: main.conf line 2: $here/missing.conf:" \
	    "No such file or directory" > want
	atf_check -s exit:1 -o empty -e file:want "$JAIL" -f main.conf -e ' '
}

atf_test_case include_error_in_included_file
include_error_in_included_file_head()
{
	atf_set descr "an error in an included file names that file and" \
	    "its own line"
}
include_error_in_included_file_body()
{
	here=$(pwd)
	printf '# included\nfoo {\n\ta = 1\n\tb = 2;\n}\n' > bad.inc
	printf 'ok { }\n\n.include "%s/bad.inc";\n' "$here" > main.conf
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $here/bad.inc line 4: b: syntax error\\n" \
	    "$JAIL" -f main.conf -e ' '
}

atf_test_case include_depth
include_depth_head()
{
	atf_set descr ".include may nest 32 files deep; the 33rd level is" \
	    "an error at the .include that would reach it"
}
include_depth_body()
{
	here=$(pwd)
	# d0.conf includes d1.conf ... d31.conf includes d32.conf: 32 levels.
	i=0
	while [ $i -lt 32 ]; do
		printf '# level %d\n.include "%s/d%d.conf";\n' $i "$here" \
		    $((i + 1)) > d$i.conf
		i=$((i + 1))
	done
	printf 'deep { level = 32; }\n' > d32.conf
	atf_check -s exit:0 -o inline:'name=deep level=32\n' -e empty \
	    "$JAIL" -f "$here/d0.conf" -e ' '
	# One more: d32.conf includes d33.conf.
	printf '# level 32\n.include "%s/d33.conf";\n' "$here" > d32.conf
	printf 'deeper { level = 33; }\n' > d33.conf
	echo "jail: $here/d32.conf line 2: .include nested too deeply" > want
	atf_check -s exit:1 -o empty -e file:want \
	    "$JAIL" -f "$here/d0.conf" -e ' '
}

atf_test_case limits
limits_head()
{
	atf_set descr "blocks nest at most 128 deep and a jail's variables" \
	    "may not substitute more than 256 KiB, so a small file cannot" \
	    "exhaust the stack or memory"
}
limits_body()
{
	awk 'BEGIN { for (i = 0; i < 128; i++) printf "b%d {\n", i;
	    print "x;"; for (i = 0; i < 128; i++) print "}" }' > deep.conf
	atf_check -s exit:0 -o match:'^name=b0\.b1\.' -e empty \
	    "$JAIL" -f deep.conf -e ' '
	awk 'BEGIN { for (i = 0; i < 129; i++) printf "b%d {\n", i;
	    print "x;"; for (i = 0; i < 129; i++) print "}" }' > deeper.conf
	atf_check -s exit:1 -o empty \
	    -e inline:'jail: deeper.conf line 129: blocks nested too deeply\n' \
	    "$JAIL" -f deeper.conf -e ' '
	# Each variable doubles the one before: 2^30 bytes without a bound.
	# Every variable of a jail is resolved, used or not, as on FreeBSD.
	awk 'BEGIN { print "big { $a0 = xxxxxxxx;";
	    for (i = 1; i <= 30; i++) printf "$a%d = \"$a%d$a%d\";\n", i,
	    i - 1, i - 1; print "v = $a30; }";
	    print "ok { $a = xxxxxxxx; $b = \"$a$a\"; v = \"$b$b\"; }" }' \
	    > doubling.conf
	atf_check -s exit:1 -o inline:'name=ok v=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' \
	    -e match:'^jail: big: a[0-9]+: substitution too long$' \
	    "$JAIL" -f doubling.conf -e ' '
}

atf_test_case include_self
include_self_head()
{
	atf_set descr "a file that includes itself fails at the depth limit" \
	    "instead of looping"
}
include_self_body()
{
	here=$(pwd)
	printf '.include "%s/self.conf";\n' "$here" > self.conf
	echo "jail: $here/self.conf line 1: .include nested too deeply" > want
	atf_check -s exit:1 -o empty -e file:want \
	    "$JAIL" -f "$here/self.conf" -e ' '
}

atf_test_case unprivileged cleanup
unprivileged_head()
{
	atf_set descr "jail -e needs no privilege: nobody reads a readable" \
	    "file or standard input, with the same output and errors"
	atf_set require.user root
}
unprivileged_body()
{
	dir=$(mktemp -d /tmp/jailconf_test.XXXXXX) || atf_fail "mktemp"
	echo "$dir" > tmpdir
	chmod 755 "$dir"
	for f in global_path_name var_not_found syntax_missing_semicolon; do
		cp "$CONF/$f.conf" "$dir/" || atf_fail "cp $f.conf"
	done
	chmod 644 "$dir"/*.conf
	nobody='setpriv --reuid=65534 --regid=65534 --clear-groups'
	atf_check -s exit:0 -o file:"$CONF/global_path_name.out" -e empty \
	    $nobody "$JAIL" -f "$dir/global_path_name.conf" -e ' '
	atf_check -s exit:1 -o file:"$CONF/var_not_found.out" \
	    -e file:"$CONF/var_not_found.err" \
	    $nobody "$JAIL" -f "$dir/var_not_found.conf" -e ' '
	echo "jail: $dir/syntax_missing_semicolon.conf line 3: b:" \
	    "syntax error" > want
	atf_check -s exit:1 -o empty -e file:want \
	    $nobody "$JAIL" -f "$dir/syntax_missing_semicolon.conf" -e ' '
	atf_check -s exit:0 -o file:"$CONF/global_path_name.out" -e empty \
	    -x "$nobody \"$JAIL\" -f - -e ' ' < \"$CONF/global_path_name.conf\""
}
unprivileged_cleanup()
{
	[ -f tmpdir ] && rm -rf "$(cat tmpdir)"
	return 0
}

atf_test_case creates_nothing cleanup
creates_nothing_head()
{
	atf_set descr "jail -e creates no jail, no registry entry and no" \
	    "cgroup, even for jails that could be created"
	atf_set require.user root
}
creates_nothing_body()
{
	root=$(jb_root)
	jb_private
	cat > c.conf <<EOF
path = "$root";
persist;
shown { host.hostname = shown.example; }
7 { exec.start = "/bin/true"; }
EOF
	{
		echo "name=shown path=$root persist host.hostname=shown.example"
		echo "jid=7 path=$root persist exec.start=/bin/true"
	} > want
	jb_private_state > state.before
	atf_check -s exit:0 -o file:want -e empty \
	    ./priv "$JAIL" -f c.conf -e ' '
	jb_private_state > state.after
	atf_check -o file:state.before cat state.after
	atf_check -o inline:'registry: \ncgroups: \n' cat state.after
}
creates_nothing_cleanup()
{
	jb_private_cleanup
	jb_cleanup
}

atf_test_case exit_status
exit_status_head()
{
	atf_set descr "jail -e exits with exactly 0 when every jail is shown" \
	    "and exactly 1 on any error, an unreadable file included"
}
exit_status_body()
{
	: > bad
	for f in "$CONF"/*.conf "$CONF"/examples/*.conf; do
		dir=$(dirname "$f")
		name=$(basename "$f" .conf)
		(cd "$dir" && exec "$JAIL" -f "$name.conf" -e ' ') \
		    > /dev/null 2>&1
		rc=$?
		want=0
		[ ! -f "$dir/$name.err" ] || want=1
		[ "$rc" -eq "$want" ] ||
		    echo "$name.conf: exit status $rc, expected $want" >> bad
	done
	[ ! -s bad ] || atf_fail "$(tr '\n' ' ' < bad)"
	atf_check -s exit:1 -o empty -e not-empty \
	    "$JAIL" -f "$(pwd)/no-such-file.conf" -e ' '
	mkdir dir.conf
	atf_check -s exit:1 -o empty -e not-empty \
	    "$JAIL" -f dir.conf -e ' '
}

atf_init_test_cases()
{
	atf_add_test_case comments
	atf_add_test_case quotes
	atf_add_test_case escapes
	atf_add_test_case tokens
	atf_add_test_case parameter_forms
	atf_add_test_case booleans
	atf_add_test_case lists
	atf_add_test_case blocks
	atf_add_test_case wildcards
	atf_add_test_case variables
	atf_add_test_case merge_errors
	atf_add_test_case lexer_errors
	atf_add_test_case syntax_errors
	atf_add_test_case include_fixtures
	atf_add_test_case show_quoting
	atf_add_test_case every_fixture_checked
	atf_add_test_case examples
	atf_add_test_case separator
	atf_add_test_case standard_input
	atf_add_test_case include_missing_file
	atf_add_test_case include_error_in_included_file
	atf_add_test_case include_depth
	atf_add_test_case include_self
	atf_add_test_case limits
	atf_add_test_case unprivileged
	atf_add_test_case creates_nothing
	atf_add_test_case exit_status
}
