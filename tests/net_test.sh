#! /usr/bin/env atf-sh
# Jail networking: jails on the host's stack held to their addresses
# (ip4.addr, ip6.addr), the aliases jail(8) adds for them and takes away,
# ip4=inherit, jails without addresses, vnet jails with interfaces of
# their own, address clashes, bad input, what jls shows and ip_hostname.
#
# Every case makes a network namespace of its own (./nj runs a command in
# it) and creates its jails there, with addresses from 192.0.2.0/24,
# 198.51.100.0/24 and 2001:db8::/32 only: the host's network is never
# touched.  Veth pairs stand in for the host's interfaces.  The cleanup
# removes the case's jails from inside that namespace, then the namespace.

. "$(atf_get_srcdir)/common.subr"

export LC_ALL=C

NETPROBE=$JB_BUILD/tests/netprobe

# net_case NAME DESCR...: declare a case run as root whose cleanup removes
# its jails, background probes and network namespace.
net_case()
{
	c=$1
	shift
	eval "descr_$c=\$*"
	atf_test_case "$c" cleanup
	eval "${c}_head() { atf_set descr \"\$descr_$c\"; \
	    atf_set require.user root; \
	    atf_set require.progs 'ip nsenter unshare timeout'; }"
	eval "${c}_cleanup() { net_cleanup; }"
}

# net_setup CASE: the case's network namespace (its name in ./netns), with
# lo up; ./nj CMD... runs CMD in it; ./addrs IF lists the global addresses
# on IF there, one a line; a jail root with netprobe in its /bin.
# Sets NS, root and n (a jail name).
net_setup()
{
	NS=jbn-$$-$1
	echo "$NS" > netns
	atf_check ip netns add "$NS"
	printf '#!/bin/sh\nexec nsenter --net=/run/netns/%s "$@"\n' "$NS" > nj
	printf '#!/bin/sh\nexec nsenter --net=/run/netns/%s %s "$@"\n' \
	    "$NS" "$JAIL" > njail
	cat > addrs <<EOF
#!/bin/sh
exec nsenter --net=/run/netns/$NS ip -o addr show dev "\$1" scope global |
    awk '{ print \$4 }'
EOF
	chmod 755 nj njail addrs
	atf_check ./nj ip link set lo up
	root=$(jb_root)
	cp "$NETPROBE" "$root/bin/netprobe" || atf_fail "cp netprobe"
	n=$(jb_name net)
}

# net_veth: the veth pair h0/h1 in the namespace, both up, h0 with
# 198.51.100.1/24 (the "host's" address).
net_veth()
{
	atf_check ./nj ip link add h0 type veth peer name h1
	atf_check ./nj ip link set h0 up
	atf_check ./nj ip link set h1 up
	atf_check ./nj ip addr add 198.51.100.1/24 dev h0
}

# net_bg OUT CMD...: CMD (a netprobe that listens or receives) in the
# background for at most 10 s, its output in OUT; returns once it is
# ready.  net_wait then waits for it to finish.
net_bg()
{
	out=$1
	shift
	# Emptied first: a "ready" left by the last listener is not this one's.
	: > "$out"
	timeout 10 "$@" > "$out" 2>&1 &
	bgpid=$!
	echo "$bgpid" >> bg-pids
	i=0
	while ! grep -q '^ready$' "$out"; do
		kill -0 "$bgpid" 2>/dev/null ||
		    atf_fail "$*: $(cat "$out")"
		i=$((i + 1))
		[ $i -le 500 ] || atf_fail "$*: not ready"
		sleep 0.02
	done
}

net_wait()
{
	wait "$bgpid"
}

# net_gone NAME: no jail NAME is listed.
net_gone()
{
	atf_check -s exit:1 -o empty -e inline:"jls: jail \"$1\" not found\\n" \
	    "$JLS" -j "$1" name
}

net_cleanup()
{
	if [ -f netns ] && [ -e "/run/netns/$(cat netns)" ]; then
		JAIL=$(pwd)/njail
	fi
	jb_cleanup
	if [ -f bg-pids ]; then
		for p in $(cat bg-pids); do
			kill "$p" 2>/dev/null
		done
	fi
	if [ -f netns ]; then
		ip netns del "$(cat netns)" 2>/dev/null
	fi
	return 0
}

# ---- ip4.addr ------------------------------------------------------------

net_case httpd_ip4 \
    "a web server in a jail with ip4.addr=h0|192.0.2.10/24 serves at" \
    "192.0.2.10, and the alias is on h0 only while the jail exists"
httpd_ip4_body()
{
	net_setup httpd
	net_veth
	mkdir "$root/www" || atf_fail "mkdir www"
	echo 'hello from the jail' > "$root/www/index.html"
	atf_check -o inline:'198.51.100.1/24\n' ./addrs h0
	atf_check -o empty -e empty ./nj "$JAIL" -c name="$n" path="$root" \
	    'ip4.addr=h0|192.0.2.10/24' persist \
	    'exec.start=/bin/httpd -p 8080 -h /www'
	atf_check -o inline:'198.51.100.1/24\n192.0.2.10/24\n' ./addrs h0
	atf_check -o inline:'hello from the jail\n' -e empty \
	    ./nj "$BUSYBOX" wget -q -O - http://192.0.2.10:8080/index.html
	# It listens on the jail's address only.
	atf_check -s not-exit:0 -o empty -e match:'Connection refused' \
	    ./nj "$BUSYBOX" wget -q -O - http://198.51.100.1:8080/index.html
	atf_check -o empty -e empty ./nj "$JAIL" -r "$n"
	atf_check -o inline:'198.51.100.1/24\n' ./addrs h0
	net_gone "$n"
}

net_case bind_restrictions \
    "in an ip4.addr jail, binding another address fails with" \
    "EADDRNOTAVAIL; the wildcard and loopback addresses become the" \
    "jail's, and a wildcard listener is not reachable at the host's address"
bind_restrictions_body()
{
	net_setup bind
	net_veth
	atf_check ./nj "$JAIL" -c name="$n" path="$root" \
	    'ip4.addr=h0|192.0.2.10/24' persist
	atf_check -s exit:1 -o inline:'refused: EADDRNOTAVAIL\n' \
	    "$JEXEC" "$n" netprobe bind 192.0.2.11 0
	atf_check -s exit:1 -o inline:'refused: EADDRNOTAVAIL\n' \
	    "$JEXEC" "$n" netprobe bind 198.51.100.1 0
	atf_check -o inline:'bound 192.0.2.10 8081\n' \
	    "$JEXEC" "$n" netprobe bind 0.0.0.0 8081
	atf_check -o inline:'bound 192.0.2.10 8082\n' \
	    "$JEXEC" "$n" netprobe bind 127.0.0.1 8082
	atf_check -o inline:'bound 192.0.2.10 8083\n' \
	    "$JEXEC" "$n" netprobe bind 192.0.2.10 8083
	net_bg listen.out "$JEXEC" "$n" netprobe listen 0.0.0.0 8080
	atf_check -s exit:1 -o inline:'refused: ECONNREFUSED\n' \
	    ./nj "$NETPROBE" connect 198.51.100.1 8080
	atf_check -s exit:1 -o inline:'refused: ECONNREFUSED\n' \
	    ./nj "$NETPROBE" connect 127.0.0.1 8080
	atf_check -o inline:'from 192.0.2.10\n' \
	    ./nj "$NETPROBE" connect 192.0.2.10 8080
	net_wait
	atf_check -o inline:'ready\nfrom 192.0.2.10\n' cat listen.out
}

net_case source_address \
    "connections and datagrams from an ip4.addr jail come from its" \
    "address: the one on the destination's subnet, else the first," \
    "always the first with ip4.nosaddrsel"
source_address_body()
{
	net_setup source
	net_veth
	atf_check ./nj "$JAIL" -c name="$n" path="$root" \
	    'ip4.addr=h0|192.0.2.10/24' persist
	net_bg listen.out ./nj "$NETPROBE" listen 198.51.100.1 8080
	atf_check -o inline:'from 192.0.2.10\n' \
	    "$JEXEC" "$n" netprobe connect 198.51.100.1 8080
	net_wait
	atf_check -o inline:'ready\nfrom 192.0.2.10\n' cat listen.out
	net_bg recv.out ./nj "$NETPROBE" recv 198.51.100.1 8081
	atf_check -o inline:'sent\n' \
	    "$JEXEC" "$n" netprobe udp 198.51.100.1 8081
	net_wait
	atf_check -o inline:'ready\nfrom 192.0.2.10\n' cat recv.out

	# saddrsel: the address on the destination's subnet.
	atf_check ./nj "$JAIL" -c name="$n-sel" path="$root" interface=h0 \
	    ip4.addr=192.0.2.11/24,198.51.100.11/24 persist
	net_bg listen.out ./nj "$NETPROBE" listen 198.51.100.1 8082
	atf_check -o inline:'from 198.51.100.11\n' \
	    "$JEXEC" "$n-sel" netprobe connect 198.51.100.1 8082
	net_wait
	atf_check -o inline:'ready\nfrom 198.51.100.11\n' cat listen.out
	net_bg recv.out ./nj "$NETPROBE" recv 198.51.100.1 8083
	atf_check -o inline:'sent\n' \
	    "$JEXEC" "$n-sel" netprobe udp 198.51.100.1 8083
	net_wait
	atf_check -o inline:'ready\nfrom 198.51.100.11\n' cat recv.out

	# Without it: the first.
	atf_check ./nj "$JAIL" -c name="$n-nosel" path="$root" interface=h0 \
	    ip4.addr=192.0.2.12/24,198.51.100.12/24 ip4.nosaddrsel persist
	net_bg listen.out ./nj "$NETPROBE" listen 198.51.100.1 8084
	atf_check -o inline:'from 192.0.2.12\n' \
	    "$JEXEC" "$n-nosel" netprobe connect 198.51.100.1 8084
	net_wait
	atf_check -o inline:'ready\nfrom 192.0.2.12\n' cat listen.out
}

net_case loopback \
    "in an ip4.addr jail 127.0.0.1 and 0.0.0.0 reach the jail's own" \
    "listeners, never the host's loopback"
loopback_body()
{
	net_setup loop
	net_veth
	atf_check ./nj "$JAIL" -c name="$n" path="$root" \
	    'ip4.addr=h0|192.0.2.10/24' persist
	net_bg listen.out "$JEXEC" "$n" netprobe listen 0.0.0.0 8080
	atf_check -o inline:'from 192.0.2.10\n' \
	    "$JEXEC" "$n" netprobe connect 127.0.0.1 8080
	net_wait
	atf_check -o inline:'ready\nfrom 192.0.2.10\n' cat listen.out
	net_bg listen.out "$JEXEC" "$n" netprobe listen 0.0.0.0 8081
	atf_check -o inline:'from 192.0.2.10\n' \
	    "$JEXEC" "$n" netprobe connect 0.0.0.0 8081
	net_wait
	atf_check -o inline:'ready\nfrom 192.0.2.10\n' cat listen.out
	net_bg recv.out "$JEXEC" "$n" netprobe recv 127.0.0.1 8082
	atf_check -o inline:'sent\n' \
	    "$JEXEC" "$n" netprobe udp 127.0.0.1 8082
	net_wait
	atf_check -o inline:'ready\nfrom 192.0.2.10\n' cat recv.out
	# The host's listener on 127.0.0.1 is out of reach.
	net_bg listen.out ./nj "$NETPROBE" listen 127.0.0.1 8083
	atf_check -s exit:1 -o inline:'refused: ECONNREFUSED\n' \
	    "$JEXEC" "$n" netprobe connect 127.0.0.1 8083
	atf_check -o inline:'from 127.0.0.1\n' \
	    ./nj "$NETPROBE" connect 127.0.0.1 8083
	net_wait
	atf_check -o inline:'ready\nfrom 127.0.0.1\n' cat listen.out
}

net_case no_address \
    "a jail without addresses has only lo, in its sysfs too, and reaches" \
    "nothing of the host's; with ip4=inherit it uses the host's stack" \
    "and addresses"
no_address_body()
{
	net_setup noaddr
	net_veth
	atf_check ./nj "$JAIL" -c name="$n" path="$root" persist
	atf_check -o inline:'lo\n' -x \
	    "'$JEXEC' '$n' ip -o link | cut -d: -f2 | tr -d ' '"
	mkdir "$root/sys"
	atf_check -o inline:'lo\n' -e empty ./nj "$JAIL" -c path="$root" \
	    mount="sys $(pwd -P)/root/sys linsysfs ro 0 0" \
	    command=/bin/ls /sys/class/net
	net_bg listen.out ./nj "$NETPROBE" listen 198.51.100.1 8080
	atf_check -s exit:1 -o inline:'refused: ENETUNREACH\n' \
	    "$JEXEC" "$n" netprobe connect 198.51.100.1 8080
	atf_check ./nj "$JAIL" -c name="$n-inh" path="$root" ip4=inherit \
	    persist
	atf_check -o inline:'from 198.51.100.1\n' \
	    "$JEXEC" "$n-inh" netprobe connect 198.51.100.1 8080
	net_wait
	atf_check -o inline:'ready\nfrom 198.51.100.1\n' cat listen.out
	atf_check -o inline:'bound 198.51.100.1 8081\n' \
	    "$JEXEC" "$n-inh" netprobe bind 198.51.100.1 8081
}

net_case family_disabled \
    "a jail with ip4.addr only cannot make IPv6 sockets, one with" \
    "ip6.addr only or ip4=disable no IPv4 sockets: EAFNOSUPPORT"
family_disabled_body()
{
	net_setup family
	net_veth
	atf_check ./nj ip addr add 2001:db8:1::1/64 dev h0 nodad
	atf_check ./nj "$JAIL" -c name="$n-4" path="$root" \
	    'ip4.addr=h0|192.0.2.10/24' persist
	atf_check -s exit:1 -o inline:'refused: EAFNOSUPPORT\n' \
	    "$JEXEC" "$n-4" netprobe socket inet6
	atf_check -o inline:'succeeded\n' "$JEXEC" "$n-4" netprobe socket inet
	atf_check -o inline:'succeeded\n' "$JEXEC" "$n-4" netprobe socket unix
	atf_check ./nj "$JAIL" -c name="$n-6" path="$root" \
	    'ip6.addr=h0|2001:db8::10/64' persist
	atf_check -s exit:1 -o inline:'refused: EAFNOSUPPORT\n' \
	    "$JEXEC" "$n-6" netprobe socket inet
	atf_check -o inline:'succeeded\n' "$JEXEC" "$n-6" netprobe socket inet6
	atf_check ./nj "$JAIL" -c name="$n-d" path="$root" ip4=disable \
	    ip6=inherit persist
	atf_check -s exit:1 -o inline:'refused: EAFNOSUPPORT\n' \
	    "$JEXEC" "$n-d" netprobe socket inet
	atf_check -o inline:'succeeded\n' "$JEXEC" "$n-d" netprobe socket inet6
}

net_case abstract_unix \
    "the host's abstract UNIX sockets are out of reach of a jail with" \
    "addresses or without (ECONNREFUSED), in reach with ip4 or ip6=inherit"
abstract_unix_body()
{
	net_setup abstract
	net_veth
	sock=jbn-abstract-$$
	net_bg abstract.out ./nj "$NETPROBE" abstract-listen "$sock"
	atf_check ./nj "$JAIL" -c name="$n-4" path="$root" \
	    'ip4.addr=h0|192.0.2.10/24' persist
	atf_check -s exit:1 -o inline:'refused: ECONNREFUSED\n' \
	    "$JEXEC" "$n-4" netprobe abstract "$sock"
	atf_check ./nj "$JAIL" -c name="$n-6" path="$root" \
	    'ip6.addr=2001:db8::10' persist
	atf_check -s exit:1 -o inline:'refused: ECONNREFUSED\n' \
	    "$JEXEC" "$n-6" netprobe abstract "$sock"
	atf_check ./nj "$JAIL" -c name="$n-none" path="$root" persist
	atf_check -s exit:1 -o inline:'refused: ECONNREFUSED\n' \
	    "$JEXEC" "$n-none" netprobe abstract "$sock"
	atf_check ./nj "$JAIL" -c name="$n-inh4" path="$root" ip4=inherit \
	    persist
	atf_check -o inline:'connected\n' \
	    "$JEXEC" "$n-inh4" netprobe abstract "$sock"
	net_wait
	atf_check -o inline:'ready\naccepted\n' cat abstract.out
	net_bg abstract.out ./nj "$NETPROBE" abstract-listen "$sock"
	atf_check ./nj "$JAIL" -c name="$n-inh6" path="$root" ip6=inherit \
	    persist
	atf_check -o inline:'connected\n' \
	    "$JEXEC" "$n-inh6" netprobe abstract "$sock"
	net_wait
	atf_check -o inline:'ready\naccepted\n' cat abstract.out
}

# ---- ip6.addr ------------------------------------------------------------

net_case ipv6 \
    "ip6.addr=h0|2001:db8::10/64: the alias while the jail exists," \
    "wildcard and ::1 binds to the jail's address, other addresses" \
    "refused, its address as the source, ::1 reaching the jail itself"
ipv6_body()
{
	net_setup ipv6
	net_veth
	atf_check ./nj ip addr add 2001:db8:1::1/64 dev h0 nodad
	atf_check ./nj "$JAIL" -c name="$n" path="$root" \
	    'ip6.addr=h0|2001:db8::10/64' persist
	atf_check -o inline:'198.51.100.1/24\n2001:db8:1::1/64\n2001:db8::10/64\n' \
	    -x './addrs h0 | sort'
	atf_check -o inline:'bound 2001:db8::10 8081\n' \
	    "$JEXEC" "$n" netprobe bind :: 8081
	atf_check -o inline:'bound 2001:db8::10 8082\n' \
	    "$JEXEC" "$n" netprobe bind ::1 8082
	atf_check -o inline:'bound 2001:db8::10 8083\n' \
	    "$JEXEC" "$n" netprobe bind 2001:db8::10 8083
	atf_check -s exit:1 -o inline:'refused: EADDRNOTAVAIL\n' \
	    "$JEXEC" "$n" netprobe bind 2001:db8::11 0
	atf_check -s exit:1 -o inline:'refused: EADDRNOTAVAIL\n' \
	    "$JEXEC" "$n" netprobe bind 2001:db8:1::1 0

	net_bg listen.out ./nj "$NETPROBE" listen 2001:db8:1::1 8080
	atf_check -o inline:'from 2001:db8::10\n' \
	    "$JEXEC" "$n" netprobe connect 2001:db8:1::1 8080
	net_wait
	atf_check -o inline:'ready\nfrom 2001:db8::10\n' cat listen.out
	net_bg recv.out ./nj "$NETPROBE" recv 2001:db8:1::1 8084
	atf_check -o inline:'sent\n' \
	    "$JEXEC" "$n" netprobe udp 2001:db8:1::1 8084
	net_wait
	atf_check -o inline:'ready\nfrom 2001:db8::10\n' cat recv.out

	net_bg listen.out "$JEXEC" "$n" netprobe listen :: 8085
	atf_check -o inline:'from 2001:db8::10\n' \
	    "$JEXEC" "$n" netprobe connect ::1 8085
	net_wait
	atf_check -o inline:'ready\nfrom 2001:db8::10\n' cat listen.out
	net_bg listen.out "$JEXEC" "$n" netprobe listen :: 8086
	atf_check -s exit:1 -o inline:'refused: ECONNREFUSED\n' \
	    ./nj "$NETPROBE" connect 2001:db8:1::1 8086
	atf_check -o inline:'from 2001:db8::10\n' \
	    ./nj "$NETPROBE" connect 2001:db8::10 8086
	net_wait
	atf_check -o inline:'ready\nfrom 2001:db8::10\n' cat listen.out

	atf_check ./nj "$JAIL" -r "$n"
	atf_check -o inline:'198.51.100.1/24\n2001:db8:1::1/64\n' \
	    -x './addrs h0 | sort'
}

net_case ipv6_mapped \
    "IPv4-mapped IPv6 addresses: connecting refused (ENETUNREACH)" \
    "unless ip4=inherit, datagrams held to the jail's IPv4 addresses," \
    "bound only if one of the jail's"
ipv6_mapped_body()
{
	net_setup mapped
	net_veth
	atf_check ./nj ip addr add 2001:db8:1::1/64 dev h0 nodad
	atf_check ./nj "$JAIL" -c name="$n-inh" path="$root" ip4=inherit \
	    'ip6.addr=h0|2001:db8::10/64' persist
	net_bg listen.out ./nj "$NETPROBE" listen 198.51.100.1 8080
	atf_check -o inline:'from ::ffff:198.51.100.1\n' \
	    "$JEXEC" "$n-inh" netprobe connect ::ffff:198.51.100.1 8080
	net_wait
	atf_check -o inline:'ready\nfrom 198.51.100.1\n' cat listen.out

	atf_check ./nj "$JAIL" -c name="$n-4" path="$root" \
	    'ip4.addr=h0|192.0.2.10/24' ip6=inherit persist
	atf_check -o match:'^bound ::ffff:192\.0\.2\.10 [0-9]+$' \
	    "$JEXEC" "$n-4" netprobe bind ::ffff:192.0.2.10 0
	atf_check -s exit:1 -o inline:'refused: EADDRNOTAVAIL\n' \
	    "$JEXEC" "$n-4" netprobe bind ::ffff:198.51.100.1 0
	atf_check -s exit:1 -o inline:'refused: ENETUNREACH\n' \
	    "$JEXEC" "$n-4" netprobe connect ::ffff:198.51.100.1 8081

	atf_check ./nj "$JAIL" -c name="$n-6" path="$root" \
	    'ip6.addr=2001:db8::11' persist
	atf_check -s exit:1 -o inline:'refused: EADDRNOTAVAIL\n' \
	    "$JEXEC" "$n-6" netprobe bind ::ffff:198.51.100.1 0
	atf_check -s exit:1 -o inline:'refused: ENETUNREACH\n' \
	    "$JEXEC" "$n-6" netprobe connect ::ffff:198.51.100.1 8081

	# Datagrams sent to a mapped address, unconnected, go the IPv4 way:
	# refused without IPv4, from the jail's IPv4 address with it.
	atf_check -s exit:1 -o inline:'refused: ENETUNREACH\n' \
	    "$JEXEC" "$n-6" netprobe udp ::ffff:198.51.100.1 8082
	net_bg recv.out ./nj "$NETPROBE" recv 198.51.100.1 8082
	atf_check -o inline:'sent\n' \
	    "$JEXEC" "$n-4" netprobe udp ::ffff:198.51.100.1 8082
	net_wait
	atf_check -o inline:'ready\nfrom 192.0.2.10\n' cat recv.out
}

net_case live_name_squatted \
    "a jail on the host's stack that binds the name by which an init" \
    "tells its jail lives does not stop new jails from being created"
live_name_squatted_body()
{
	net_setup squat
	atf_check ./nj "$JAIL" -c name="$n-sq" path="$root" ip4=inherit persist
	# The live names of the next jids to be given (see live.c): after
	# the last one given, kept in the lock file, those without an entry.
	reg=$(printf '%x:%x' $(stat -c '%d %i' /run/jail))
	last=$(sed 's/^0*//' /run/jail/.lock)
	free=$((${last:-0} + 1))
	while [ -e "/run/jail/$free" ]; do free=$((free + 1)); done
	for jid in $free $((free + 1)) $((free + 2)); do
		net_bg "squat-$jid.out" "$JEXEC" "$n-sq" netprobe \
		    abstract-listen "jailbox/$reg/$jid"
	done
	atf_check -o empty -e empty ./nj "$JAIL" -c name="$n-new" \
	    path="$root" persist
	atf_check -o match:"^[0-9]+ $n-new\$" "$JLS" -j "$n-new" jid name
	jid=$("$JLS" -j "$n-new" jid)
	case "$jid" in
	$free|$((free + 1))|$((free + 2))) atf_fail "got squatted jid $jid" ;;
	esac
	atf_check ./nj "$JAIL" -r "$n-new"
}

net_case made_in_other_netns_listed \
    "a jail created by jail(8) running in another network namespace," \
    "whose socket telling it lives the host's sock_diag does not show," \
    "is listed and removed from the host like any other"
made_in_other_netns_listed_body()
{
	net_setup othns
	atf_check ./njail -c name="$n" path="$root" persist
	atf_check -o inline:"$n\n" "$JLS" -j "$n" name
	atf_check -o match:"^$n /" "$JLS" name path
	atf_check -o match:"^$n\$" "$JLS" -d name
	atf_check -o ignore "$JAIL" -r "$n"
	atf_check -s exit:1 "$JLS" -c -j "$n"
}

# ---- vnet ----------------------------------------------------------------

net_case vnet_veth \
    "vnet.interface=v1 moves v1 into a vnet jail, whose root configures" \
    "it and reaches v0's address; the veth pair is gone when jail -r returns"
vnet_veth_body()
{
	net_setup vnet
	atf_check ./nj ip link add v0 type veth peer name v1
	atf_check ./nj "$JAIL" -c name="$n" path="$root" vnet \
	    vnet.interface=v1 allow.raw_sockets persist
	atf_check -s exit:1 -o empty -e inline:'Device "v1" does not exist.\n' \
	    ./nj ip link show v1
	atf_check -o empty -e empty "$JEXEC" "$n" sh -c \
	    'ip link set v1 up && ip addr add 192.0.2.2/24 dev v1'
	atf_check ./nj ip addr add 192.0.2.1/24 dev v0
	atf_check ./nj ip link set v0 up
	atf_check -o match:'1 packets received' -e empty \
	    "$JEXEC" "$n" ping -c 1 -W 2 192.0.2.1
	atf_check -o match:'^[0-9]+: v1@' -o match:'inet 192\.0\.2\.2/24 ' \
	    "$JEXEC" "$n" ip addr
	atf_check -o inline:'lo\nv1\n' -x \
	    "'$JEXEC' '$n' ip -o link | cut -d: -f2 | sed 's/@.*//' | tr -d ' '"
	atf_check ./nj "$JAIL" -r "$n"
	net_gone "$n"
	# The jail's end is deleted with it, so the pair is gone at once.
	atf_check -s exit:1 -o empty -e inline:'Device "v0" does not exist.\n' \
	    ./nj ip link show v0
	atf_check -s exit:1 -o empty -e inline:'Device "v1" does not exist.\n' \
	    ./nj ip link show v1
}

# ---- clashes, undoing, bad input ------------------------------------------

net_case clash \
    "two jails may share an address only if each has just one of that" \
    "family; a jail cannot bind another jail's address"
clash_body()
{
	net_setup clash
	net_veth
	atf_check ./nj "$JAIL" -c name="$n-a" path="$root" \
	    ip4.addr=192.0.2.10,192.0.2.11 ip6.addr=2001:db8::10,2001:db8::11 \
	    persist
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n-b: IPv4 addresses clash\\n" \
	    ./nj "$JAIL" -c name="$n-b" path="$root" 'ip4.addr=h0|192.0.2.11/24' \
	    persist
	net_gone "$n-b"
	atf_check -o inline:'198.51.100.1/24\n' ./addrs h0
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n-b: IPv4 addresses clash\\n" \
	    ./nj "$JAIL" -c name="$n-b" path="$root" \
	    ip4.addr=192.0.2.12,192.0.2.10 persist
	net_gone "$n-b"
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n-b: IPv6 addresses clash\\n" \
	    ./nj "$JAIL" -c name="$n-b" path="$root" ip6.addr=2001:db8::11 \
	    persist
	net_gone "$n-b"
	# One address each: both start.
	atf_check ./nj "$JAIL" -c name="$n-c" path="$root" \
	    ip4.addr=192.0.2.30 persist
	atf_check ./nj "$JAIL" -c name="$n-d" path="$root" \
	    ip4.addr=192.0.2.30 persist
	atf_check -o inline:'192.0.2.30\n' "$JLS" -j "$n-c" ip4.addr
	atf_check -o inline:'192.0.2.30\n' "$JLS" -j "$n-d" ip4.addr
	atf_check -s exit:1 -o inline:'refused: EADDRNOTAVAIL\n' \
	    "$JEXEC" "$n-a" netprobe bind 192.0.2.30 0
	atf_check -s exit:1 -o inline:'refused: EADDRNOTAVAIL\n' \
	    "$JEXEC" "$n-c" netprobe bind 192.0.2.10 0
}

net_case alias_undo \
    "a create that fails after the aliases were added takes them away" \
    "again and leaves no jail"
alias_undo_body()
{
	net_setup undo
	net_veth
	echo 'garbage' > fstab.bad
	for fail in "mount.fstab=$(pwd)/fstab.bad" exec.prestart=/bin/false \
	    exec.start=/bin/false exec.poststart=/bin/false \
	    exec.created=/bin/false; do
		atf_check -s exit:1 -o empty -e match:"^jail: $n: " \
		    ./nj "$JAIL" -c name="$n" path="$root" \
		    'ip4.addr=h0|192.0.2.10/24' 'ip6.addr=h0|2001:db8::10/64' \
		    "$fail" persist
		atf_check -o inline:'198.51.100.1/24\n' ./addrs h0
		net_gone "$n"
	done
	# And a jail around a command that fails, once it is gone.
	atf_check -s exit:1 -o empty -e inline:"jail: $n: /bin/false: failed\\n" \
	    ./nj "$JAIL" -c name="$n" path="$root" 'ip4.addr=h0|192.0.2.10/24' \
	    command=/bin/false
	atf_check -o inline:'198.51.100.1/24\n' ./addrs h0
	net_gone "$n"
}

# net_bad STDERR ARG...: jail -c name=$n path=$root persist ARG... fails
# with "jail: $n: STDERR", leaves no jail and no alias on h0.
net_bad()
{
	want=$1
	shift
	atf_check -s exit:1 -o empty -e inline:"jail: $n: $want\\n" \
	    ./nj "$JAIL" -c name="$n" path="$root" persist "$@"
	net_gone "$n"
	atf_check -o inline:'198.51.100.1/24\n' ./addrs h0
}

net_case bad_input \
    "bad addresses, masks and combinations are refused with their" \
    "message, and leave no jail and no alias"
bad_input_body()
{
	net_setup bad
	net_veth
	net_bad 'ip4.addr: not an IPv4 address: 192.0.2.300' \
	    'ip4.addr=h0|192.0.2.300'
	net_bad 'ip4.addr: not an IPv4 address: 192.0.2.300' \
	    'ip4.addr=h0|192.0.2.10/24,h0|192.0.2.300'
	net_bad 'ip4.addr: not an IPv4 address: 2001:db8::1' \
	    ip4.addr=2001:db8::1
	net_bad 'ip6.addr: not an IPv6 address: 192.0.2.1' \
	    ip6.addr=192.0.2.1
	net_bad 'ip4.addr: bad netmask "/33"' 'ip4.addr=h0|192.0.2.10/33'
	net_bad 'ip4.addr: bad netmask "/255.0.255.0"' \
	    'ip4.addr=h0|192.0.2.10/255.0.255.0'
	net_bad 'ip6.addr: bad prefixlen "/129"' \
	    'ip4.addr=h0|192.0.2.10/24' 'ip6.addr=h0|2001:db8::10/129'
	all=$(i=0; while [ $i -lt 256 ]; do
		printf '192.0.2.%d,' $i; i=$((i + 1)); done)
	net_bad 'too many IPv4 addresses' "ip4.addr=${all%,}"
	all=$(i=0; while [ $i -lt 256 ]; do
		printf '2001:db8::%x,' $i; i=$((i + 1)); done)
	net_bad 'too many IPv6 addresses' "ip6.addr=${all%,}"
	net_bad 'vnet jails cannot have IP address restrictions' vnet \
	    ip4.addr=192.0.2.10
	net_bad 'vnet jails cannot have IP address restrictions' vnet \
	    ip6.addr=2001:db8::10
	net_bad 'vnet.interface: not a vnet jail' vnet.interface=h1
	net_bad 'ip4.addr: conflicts with ip4=disable' ip4=disable \
	    'ip4.addr=h0|192.0.2.10/24'
	net_bad 'ip6.addr: conflicts with ip6=disable' ip6=disable \
	    'ip6.addr=h0|2001:db8::10/64'
	net_bad 'nosuch0: No such device' 'ip4.addr=h0|192.0.2.10/24' \
	    'ip4.addr=nosuch0|192.0.2.11'
	net_bad 'nosuch0: No such device' interface=nosuch0 \
	    ip4.addr=192.0.2.10
	# 255 is not too many.
	all=$(i=1; while [ $i -le 255 ]; do
		printf '192.0.2.%d,' $i; i=$((i + 1)); done)
	atf_check ./nj "$JAIL" -c name="$n" path="$root" "ip4.addr=${all%,}" \
	    persist
	atf_check ./nj "$JAIL" -r "$n"
	# Nor for IPv6, whose socket programs are the longest.
	all=$(i=1; while [ $i -le 255 ]; do
		printf '2001:db8::%x,' $i; i=$((i + 1)); done)
	atf_check ./nj "$JAIL" -c name="$n" path="$root" "ip6.addr=${all%,}" \
	    persist
	# The wildcard became 2001:db8::1, which no interface has.
	atf_check -s exit:1 -o inline:'refused: EADDRNOTAVAIL\n' \
	    "$JEXEC" "$n" netprobe bind :: 8080
	atf_check ./nj "$JAIL" -r "$n"
	# An interface that does not exist cannot be moved into a vnet jail.
	net_bad 'vnet.interface: nosuch0: No such device' vnet \
	    vnet.interface=nosuch0
}

# ---- jls -----------------------------------------------------------------

net_case jls_addresses \
    "jls shows the first IPv4 address by default, all of them with -v," \
    "-n, -s and --libxo json, as plain addresses; jls -s makes the jail again"
jls_addresses_body()
{
	net_setup jls
	net_veth
	atf_check ./nj "$JAIL" -c name="$n" path="$root" \
	    'ip4.addr=h0|192.0.2.10/24,192.0.2.11/255.255.255.0' \
	    'ip6.addr=h0|2001:db8::10/64,2001:db8::11' persist
	jid=$("$JLS" -j "$n" jid)
	cpuset=$("$JLS" -j "$n" cpuset.id)
	atf_check -o inline:"$(printf '%6d  %-15s %-29s %s' "$jid" 192.0.2.10 '' \
	    "$root")\\n" -x "'$JLS' -j '$n' | sed 1d"
	atf_check -o inline:"$(printf '%6d  %-29s %s' "$jid" '' "$root")\\n        $(printf '%-29s %s' "$n" ACTIVE)\\n        $cpuset\\n        192.0.2.10\\n        192.0.2.11\\n        2001:db8::10\\n        2001:db8::11\\n" \
	    -x "'$JLS' -v -j '$n' | sed 1,4d"
	atf_check -o inline:'ip4.addr=192.0.2.10,192.0.2.11 ip6.addr=2001:db8::10,2001:db8::11 ip4=new\n' \
	    "$JLS" -n -j "$n" ip4.addr ip6.addr ip4
	atf_check -o inline:'192.0.2.10,192.0.2.11 2001:db8::10,2001:db8::11\n' \
	    "$JLS" -j "$n" ip4.addr ip6.addr
	atf_check -o match:'"ipv4": "192\.0\.2\.10"' \
	    "$JLS" --libxo json -j "$n"
	atf_check -o match:'"ipv4_addrs": \["192\.0\.2\.10", "192\.0\.2\.11"\], "ipv6_addrs": \["2001:db8::10", "2001:db8::11"\]' \
	    "$JLS" --libxo json -v -j "$n"
	atf_check -o match:'\{"ip4\.addr": \["192\.0\.2\.10", "192\.0\.2\.11"\], "ip6\.addr": \["2001:db8::10", "2001:db8::11"\]\}' \
	    "$JLS" --libxo json -j "$n" ip4.addr ip6.addr
	atf_check -o match:' ip4\.addr=192\.0\.2\.10,192\.0\.2\.11 ' \
	    -o match:' ip6\.addr=2001:db8::10,2001:db8::11 ' \
	    -o not-match:'h0[|]' -o not-match:'/24' "$JLS" -s -j "$n"
	# jls -s gives the words for a jail -c that makes the same jail.
	atf_check -o save:before "$JLS" -n -j "$n"
	atf_check -o save:words "$JLS" -s -j "$n"
	atf_check ./nj "$JAIL" -r "$n"
	net_gone "$n"
	eval "atf_check ./nj \"\$JAIL\" -c $(cat words)"
	atf_check -o file:before "$JLS" -n -j "$n"
}

# ---- ip_hostname -----------------------------------------------------------

# net_dns: a DNS server on 127.0.0.1 in the namespace that knows only
# dns.example.test (198.51.100.20) and answers NXDOMAIN for the rest;
# ./resolv.conf names it.
net_dns()
{
	cat > dns.py <<'EOF'
import socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 53))
print("ready", flush=True)
while True:
    q, peer = s.recvfrom(512)
    i, labels = 12, []
    while q[i]:
        labels.append(q[i + 1:i + 1 + q[i]].decode().lower())
        i += 1 + q[i]
    qtype = struct.unpack("!H", q[i + 1:i + 3])[0]
    ans, rcode = b"", 3
    if ".".join(labels) == "dns.example.test":
        rcode = 0
        if qtype == 1:
            ans = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + \
                bytes([198, 51, 100, 20])
    hdr = struct.pack("!HHHHHH", struct.unpack("!H", q[:2])[0],
        0x8180 | rcode, 1, 1 if ans else 0, 0, 0)
    s.sendto(hdr + q[12:i + 5] + ans, peer)
EOF
	echo 'nameserver 127.0.0.1' > resolv.conf
	net_bg dns.out ./nj python3 dns.py
}

# net_hosts: ./nh CMD... runs CMD in the namespace, with ./hosts as
# /etc/hosts and ./resolv.conf as /etc/resolv.conf.
net_hosts()
{
	cat > nh <<EOF
#!/bin/sh
exec "$(pwd)/nj" unshare -m sh -c 'mount --bind "\$1" /etc/hosts &&
    mount --bind "\$2" /etc/resolv.conf && shift 2 && exec "\$@"' \
    sh "$(pwd)/hosts" "$(pwd)/resolv.conf" "\$@"
EOF
	chmod 755 nh
}

# net_hostname_setup CASE: net_setup, ./hosts naming www.example.test
# 192.0.2.20 and 2001:db8::20, a resolv.conf naming 127.0.0.1 and ./nh.
net_hostname_setup()
{
	net_setup "$1"
	printf '192.0.2.20 www.example.test\n2001:db8::20 www.example.test\n' \
	    > hosts
	echo 'nameserver 127.0.0.1' > resolv.conf
	net_hosts
}

net_case ip_hostname \
    "ip_hostname and jail -h add the addresses host.hostname has in the" \
    "hosts file"
ip_hostname_body()
{
	net_hostname_setup hostname
	atf_check -o empty -e empty ./nh "$JAIL" -c name="$n" \
	    path="$root" host.hostname=www.example.test ip_hostname persist
	atf_check -o inline:'192.0.2.20 2001:db8::20 www.example.test\n' \
	    "$JLS" -j "$n" ip4.addr ip6.addr host.hostname
	atf_check -o match:"^ +[0-9]+  192\\.0\\.2\\.20 +www\\.example\\.test " \
	    -x "'$JLS' -j '$n' | sed 1d"
	atf_check ./nj "$JAIL" -r "$n"
	atf_check -o empty -e empty ./nh "$JAIL" -h -c name="$n" \
	    path="$root" host.hostname=www.example.test persist
	atf_check -o inline:'192.0.2.20 2001:db8::20\n' \
	    "$JLS" -j "$n" ip4.addr ip6.addr
}

net_case ip_hostname_append \
    "the addresses ip_hostname finds come after those given"
ip_hostname_append_body()
{
	net_hostname_setup append
	atf_check -o empty -e empty ./nh "$JAIL" -h -c name="$n" \
	    path="$root" host.hostname=www.example.test ip4.addr=192.0.2.21 \
	    persist
	atf_check -o inline:'192.0.2.21,192.0.2.20 2001:db8::20\n' \
	    "$JLS" -j "$n" ip4.addr ip6.addr
	atf_check ./nj "$JAIL" -r "$n"
	atf_check -o empty -e empty ./nh "$JAIL" -c name="$n" \
	    path="$root" host.hostname=www.example.test ip_hostname \
	    ip4.addr=192.0.2.21,192.0.2.22 ip6.addr=2001:db8::21 persist
	atf_check -o inline:'192.0.2.21,192.0.2.22,192.0.2.20 2001:db8::21,2001:db8::20\n' \
	    "$JLS" -j "$n" ip4.addr ip6.addr
}

net_case ip_hostname_dns \
    "ip_hostname asks DNS for a name the hosts file does not have"
ip_hostname_dns_body()
{
	net_hostname_setup dns
	net_dns
	atf_check -o empty -e empty ./nh "$JAIL" -c name="$n" \
	    path="$root" host.hostname=dns.example.test ip_hostname persist
	atf_check -o inline:'198.51.100.20 -\n' \
	    "$JLS" -j "$n" ip4.addr ip6.addr
}

net_case ip_hostname_unknown \
    "ip_hostname with a name neither the hosts file nor DNS knows fails" \
    "with host.hostname NAME: and the reason, leaving no jail"
ip_hostname_unknown_body()
{
	net_hostname_setup unknown
	net_dns
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: host.hostname nosuch.example.test: hostname nor servname provided, or not known\\n" \
	    ./nh "$JAIL" -c name="$n" path="$root" \
	    host.hostname=nosuch.example.test ip_hostname persist
	net_gone "$n"
}

net_case ip_hostname_no_server \
    "ip_hostname with a name not in the hosts file and no nameserver" \
    "answering fails with host.hostname NAME: and the reason"
ip_hostname_no_server_body()
{
	net_hostname_setup noserver
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: $n: host.hostname nosuch.example.test: Temporary failure in name resolution\\n" \
	    ./nh "$JAIL" -c name="$n" path="$root" \
	    host.hostname=nosuch.example.test ip_hostname persist
	net_gone "$n"
}

atf_init_test_cases()
{
	atf_add_test_case httpd_ip4
	atf_add_test_case bind_restrictions
	atf_add_test_case source_address
	atf_add_test_case loopback
	atf_add_test_case no_address
	atf_add_test_case family_disabled
	atf_add_test_case abstract_unix
	atf_add_test_case ipv6
	atf_add_test_case ipv6_mapped
	atf_add_test_case live_name_squatted
	atf_add_test_case made_in_other_netns_listed
	atf_add_test_case vnet_veth
	atf_add_test_case clash
	atf_add_test_case alias_undo
	atf_add_test_case bad_input
	atf_add_test_case jls_addresses
	atf_add_test_case ip_hostname
	atf_add_test_case ip_hostname_append
	atf_add_test_case ip_hostname_dns
	atf_add_test_case ip_hostname_unknown
	atf_add_test_case ip_hostname_no_server
}
