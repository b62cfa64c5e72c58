# jailbox: FreeBSD's jail(8) userland for Linux in one static executable.

CC	= gcc
CFLAGS	= -O2 -g -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Wshadow \
	  -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Werror \
	  -ffunction-sections -fdata-sections
# Unused functions of the static libraries are left out.  On x86-64 the
# program starts at applets/entry.c's entry point, before the C library.
LDFLAGS	= -static -Wl,--gc-sections \
	  $(if $(filter x86_64-%,$(shell $(CC) -dumpmachine)),-Wl$(,)-e$(,)jailbox_entry)
,	= ,
LIBS	= -lseccomp -lcap -lbsd -lmd
PREFIX	= /usr/local
BINDIR	= $(PREFIX)/sbin
MANDIR	= $(PREFIX)/share/man

APPLETS	= jail jattach jexec jls
LIBSRC	= lib/cgroup.c lib/conf.c lib/conflex.c lib/confmerge.c lib/confine.c lib/depend.c lib/pathglob.c lib/run.c lib/console.c lib/constart.c lib/create.c lib/enter.c lib/env.c lib/errmsg.c lib/escape.c lib/init.c lib/live.c lib/preload.c \
	  lib/modify.c lib/mount.c lib/param.c lib/proc.c lib/quote.c lib/registry.c lib/remove.c \
	  lib/net.c lib/netaddr.c lib/netlink.c lib/dnswire.c lib/resolve.c \
	  lib/selfexe.c lib/sockfilter.c lib/user.c
APPSRC	= applets/entry.c applets/main.c applets/jail.c applets/jailplan.c applets/jailrun.c \
	  applets/jattach.c applets/jexec.c \
	  applets/jls.c
LIBOBJ	= $(LIBSRC:%.c=build/%.o)
APPOBJ	= $(APPSRC:%.c=build/%.o)
MAN8	= man/jail.8 man/jattach.8 man/jexec.8 man/jls.8 man/jailbox.8
MAN5	= man/jail.conf.5

DEPS	= gcc make libcap-dev libbsd-dev libseccomp-dev
TESTDEPS = kyua atf-sh libatf-dev busybox-static mandoc iproute2 clang \
	  libclang-rt-dev python3 strace
BENCHDEPS = hyperfine bubblewrap runc crun util-linux busybox-static jq \
	  binutils

all: build/jailbox

build/jailbox: $(APPOBJ) build/libjailbox.a
	$(CC) $(LDFLAGS) -o $@ $(APPOBJ) build/libjailbox.a $(LIBS)
	@for a in $(APPLETS); do ln -sf jailbox build/$$a; done

build/libjailbox.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

build/%.o: %.c lib/*.h applets/*.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

# Unit tests link the library, never the applets.
UNITTESTS = lib_test user_test conf_test netlink_test resolve_test
$(UNITTESTS:%=build/tests/%): build/tests/%: tests/%.c build/libjailbox.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Ilib -o $@ $< build/libjailbox.a -latf-c $(LIBS)

# The probes the escape and network tests run in and out of their jails:
# static, no library.
PROBES	= probe netprobe
$(PROBES:%=build/tests/%): build/tests/%: tests/%.c
	@mkdir -p $(@D)
	$(CC) -static -O2 -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror \
	    -o $@ $<

# The jail.conf(5) reader and the DNS reply parser under libFuzzer, ASan
# and UBSan: dynamic, clang.
FUZZCC	= clang
FUZZFLAGS = -fsanitize=fuzzer,address,undefined \
	  -fno-sanitize-recover=undefined -g -O1 -std=gnu11 -D_GNU_SOURCE \
	  -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	  -Wformat=2 -Wno-format-nonliteral -Werror
FUZZSRC	= lib/conf.c lib/conflex.c lib/confmerge.c lib/errmsg.c lib/param.c \
	  lib/pathglob.c lib/quote.c
FUZZTIME = 30
FUZZOPTS = -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
	  -artifact_prefix=build/fuzz/artifacts/

build/fuzz/fuzz_conf: tests/fuzz_conf.c $(FUZZSRC) lib/*.h
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZFLAGS) -Ilib -Wl,--wrap=path_glob -o $@ tests/fuzz_conf.c \
	    $(FUZZSRC) -lbsd

build/fuzz/fuzz_dns: tests/fuzz_dns.c lib/dnswire.c lib/errmsg.c lib/*.h
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZFLAGS) -Ilib -o $@ tests/fuzz_dns.c lib/dnswire.c \
	    lib/errmsg.c

# $(call run_fuzzer,NAME,EXTRA OPTIONS): FUZZTIME seconds of build/fuzz/NAME
# on the scratch corpus build/fuzz/NAME.corpus.  Any crash, leak or timeout
# fails; its input is left in build/fuzz/artifacts.
run_fuzzer = echo "$(1): $(FUZZTIME) s, log in build/fuzz/$(1).log"; \
	build/fuzz/$(1) $(FUZZOPTS) $(2) -max_total_time=$(FUZZTIME) \
	    -print_final_stats=1 build/fuzz/$(1).corpus \
	    >build/fuzz/$(1).log 2>&1 || \
	    { tail -n 80 build/fuzz/$(1).log; \
	      echo "$(1): failed, input in build/fuzz/artifacts"; exit 1; }; \
	sed -n -e 's/^stat::number_of_executed_units: */$(1): runs: /p' \
	    -e 's/^stat::average_exec_per_sec: */$(1): exec\/s: /p' \
	    build/fuzz/$(1).log

# Seeds: the committed corpora, and for the conf reader every conf file of
# the tree, copied into scratch corpora that keep what the runs find.
fuzz: build/fuzz/fuzz_conf build/fuzz/fuzz_dns
	@rm -rf build/fuzz/artifacts
	@mkdir -p build/fuzz/fuzz_conf.corpus build/fuzz/fuzz_dns.corpus \
	    build/fuzz/artifacts
	@cp tests/fuzz/corpus/* build/fuzz/fuzz_conf.corpus/
	@find conf tests/conf -type f -name '*.conf' 2>/dev/null | \
	    while read -r f; do \
	        cp "$$f" "build/fuzz/fuzz_conf.corpus/$$(echo "$$f" | tr / _)"; \
	    done
	@cp tests/fuzz/dns/* build/fuzz/fuzz_dns.corpus/
	@$(call run_fuzzer,fuzz_conf,-dict=tests/fuzz/conf.dict)
	@$(call run_fuzzer,fuzz_dns,)

TESTPROGS = jailbox_test jail_test jexec_test jattach_test jls_test escape_test \
	  jailconf_test jailops_test mount_test net_test
testprogs: build/jailbox $(UNITTESTS:%=build/tests/%) \
	  $(PROBES:%=build/tests/%)
	@mkdir -p build/tests
	cp tests/Kyuafile tests/common.subr build/tests/
	rm -rf build/tests/conf
	cp -R tests/conf build/tests/conf
	cp conf/*.conf build/tests/conf/examples/
	rm -rf build/tests/jls
	cp -R tests/jls build/tests/jls
	@for t in $(TESTPROGS); do \
	    cp tests/$$t.sh build/tests/$$t && chmod 755 build/tests/$$t; \
	done

# As root on Debian: apt-get install the packages of $(1) not yet there.
install_missing = if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; \
	then missing=; for p in $(1); do \
	        dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	    if [ -n "$$missing" ]; then \
	        apt-get update -qq && \
	        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	    fi; \
	fi

deps:
	@$(call install_missing,$(DEPS) $(TESTDEPS))

check: deps
	$(MAKE) testprogs lint
	$(MAKE) fuzz
	@rm -f build/kyua.db
	-cd build/tests && kyua test --results-file=../kyua.db
	@sh tests/summary.sh build/kyua.db >/dev/null || \
	    kyua report --results-file=build/kyua.db --verbose \
	        --results-filter=broken,failed
	@kyua report --results-file=build/kyua.db
	@sh tests/leftovers.sh build/jail
	@sh tests/summary.sh build/kyua.db

lint:
	mandoc -Tlint -Wwarning $(MAN8) $(MAN5)

demo: deps all
	@sh tests/demo.sh build

# Timings side by side with unshare, nsenter, bwrap, runc and crun, as
# root; writes BENCH.md.  No figure is asserted, here or in check.
bench:
	@$(call install_missing,$(DEPS) $(BENCHDEPS))
	$(MAKE) all
	sh bench/bench.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man8 \
	    $(DESTDIR)$(MANDIR)/man5
	install -m 755 build/jailbox $(DESTDIR)$(BINDIR)/jailbox
	@for a in $(APPLETS); do \
	    ln -sf jailbox $(DESTDIR)$(BINDIR)/$$a; done
	install -m 644 $(MAN8) $(DESTDIR)$(MANDIR)/man8/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/

clean:
	rm -rf build

.PHONY: all bench check clean demo deps fuzz install lint testprogs
