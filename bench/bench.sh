#!/bin/sh
# bench/bench.sh: measure jailbox against the tools that do the same work
# (unshare+chroot, nsenter, bubblewrap, runc, crun), side by side in one run,
# and write BENCH.md.  Run as root by `make bench`; no figure is asserted.
#
# The outer run makes a temp dir and a private cgroup, then runs itself
# again in a mount namespace where /run/jail (the registry) is a tmpfs of
# its own, as /run is on a booted Linux system, and the cgroup2 mount is a
# bind mount of that cgroup: the jails made here are the only ones
# `jail -r '*'` and `jls` see.  The trap of each half removes what it made.

set -eu

TOP=$(cd "$(dirname "$0")/.." && pwd -P)
B=$TOP/build
OUT=${BENCH_OUT:-$TOP/BENCH.md}
WARMUP=3
RUNS=${BENCH_RUNS:-15}
ROUNDS=${BENCH_ROUNDS:-10}
SCALE_NS=${BENCH_SCALE:-"10 100 1000"}
CREATE_LIMIT=180	# seconds a scale step's creates may take

die()
{
	echo "bench: $*" >&2
	exit 1
}

cg2()
{
	awk '/ - cgroup2 / { print $5; exit }' /proc/self/mountinfo
}

# --- outer half: temp dir, private registry and cgroup, clean-up ---------

if [ "${JB_BENCH_INNER:-}" != 1 ]; then
	[ "$(id -u)" = 0 ] || die "must run as root"
	[ -x "$B/jailbox" ] || die "no $B/jailbox: run make all"
	for t in hyperfine bwrap runc unshare nsenter jq strip ldd; do
		command -v "$t" >/dev/null || die "$t is missing"
	done
	CG=$(cg2)
	[ -n "$CG" ] || die "no cgroup2 mount"
	T=$(mktemp -d /tmp/jailbox-bench.XXXXXX)
	PCG=$CG/jailbox-bench.$$
	outer_cleanup()
	{
		if [ -d "$PCG" ]; then
			echo 1 > "$PCG/cgroup.kill" 2>/dev/null || :
			i=0
			while grep -q '^populated 1' "$PCG/cgroup.events" &&
			    [ $i -lt 500 ]; do
				i=$((i + 1))
				sleep 0.02
			done
			find "$PCG" -depth -type d -exec rmdir {} \; || :
		fi
		rm -rf "$T"
	}
	trap outer_cleanup EXIT
	trap 'exit 130' INT TERM
	mkdir "$PCG"
	mkdir -p -m 700 /run/jail
	rc=0
	JB_BENCH_INNER=1 T=$T PCG=$PCG unshare --mount --propagation private \
	    sh -c 'mount -t tmpfs -o mode=0700,nosuid,nodev,noexec \
	    jailbox-bench /run/jail && mount --bind "$1" "$2" &&
	    exec sh "$3"' sh "$PCG" "$CG" "$0" || rc=$?
	exit $rc
fi

# --- inner half: everything is measured here -----------------------------

R=$T/root
RUNC_ROOT=$T/runc
CRUN_ROOT=$T/crun
J=$T/json
mkdir -p "$J" "$RUNC_ROOT" "$CRUN_ROOT"

inner_cleanup()
{
	"$B/jail" -r '*' >/dev/null 2>&1 || :
	runc --root "$RUNC_ROOT" delete -f bx >/dev/null 2>&1 || :
}
trap inner_cleanup EXIT
trap 'exit 130' INT TERM

now_ns()
{
	date +%s%N
}

# The jail root: busybox and its applet links, as tests/common.subr makes.
mkdir -p "$R/bin" "$R/proc" "$R/etc" "$R/tmp" "$R/dev" "$R/sys"
cp /bin/busybox "$R/bin/busybox"
for a in $(/bin/busybox --list); do
	[ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"
done

# OCI bundles sharing that root: one runs /bin/true, one sleeps.
mkbundle()
{
	mkdir -p "$1"
	(cd "$1" && runc spec && jq --argjson args "$2" --arg root "$R" \
	    -f "$TOP/bench/oci-config.jq" config.json > config.new &&
	    mv config.new config.json)
}
mkbundle "$T/b-true" '["/bin/true"]'
mkbundle "$T/b-sleep" '["/bin/sleep","1000"]'

# Results accumulate in $T/md, then BENCH.md is put together.
MD=$T/md
: > "$MD"
NOTES=$T/notes
: > "$NOTES"

ms()
{
	awk -v s="$1" 'BEGIN { printf "%.3f", s * 1000 }'
}

# probe LABEL CMD...: run CMD once; on failure note its last error line.
probe()
{
	label=$1
	shift
	if "$@" > "$T/probe.out" 2>&1; then
		return 0
	fi
	echo "- $label: refuses to run here: \`$(grep -v '^$' "$T/probe.out" |
	    tail -n 1 | cut -c1-200)\`" >> "$NOTES"
	return 1
}

# bench_row TITLE RUNS JSON LABEL1 CMD1 [LABEL CMD]...: ROUNDS hyperfine runs
# of every command; the first is the row's baseline; a table to $MD.
bench_row()
{
	title=$1 runs=$2 json=$3
	shift 3
	cmdlist=$T/cmdlist
	: > "$cmdlist"
	n=$#
	# Rotate the label/command pairs into hyperfine's -n LABEL CMD form.
	while [ $n -gt 0 ]; do
		echo "- $1: \`$2\`" >> "$cmdlist"
		set -- "$@" -n "$1" "$2"
		shift 2
		n=$((n - 2))
	done
	# Rounds of every command in turn, pooled: a burst of load on the
	# machine lands on all commands alike, not on the one it hits.
	round=1
	while [ $round -le "$ROUNDS" ]; do
		hyperfine -N --warmup "$WARMUP" --runs "$runs" --style basic \
		    --export-json "$J/$json.$round.json" "$@" \
		    >> "$T/hyperfine.log" 2>&1 ||
		    die "hyperfine failed for $title (see $T/hyperfine.log)"
		round=$((round + 1))
	done
	jq -s '[.[].results] | transpose | map({ command: .[0].command,
	    times: (map(.times) | add | sort) }) | map(. + {
	    median: (.times | if length % 2 == 1 then .[length / 2 | floor]
	    else (.[length / 2 - 1] + .[length / 2]) / 2 end),
	    min: .times[0], max: .times[-1] }) | { results: . }' \
	    "$J/$json".[0-9]*.json > "$J/$json.json"
	{
		echo "### $title"
		echo
		echo "| command | median ms | min ms | max ms | ratio |"
		echo "|---|---:|---:|---:|---:|"
		jq -r '.results[0].median as $b | .results[] |
		    "| \(.command) | \(.median * 1e6 | round / 1e3) |" +
		    " \(.min * 1e6 | round / 1e3) |" +
		    " \(.max * 1e6 | round / 1e3) |" +
		    " \(.median / $b * 100 | round / 100)x |"' "$J/$json.json"
		echo
		echo "$ROUNDS rounds of $runs runs of each command, each" \
		    "after $WARMUP warm-up runs, pooled; in this order:"
		echo
		cat "$cmdlist"
		echo
	} >> "$MD"
}

# per X N: X / N to one decimal, what each of N jails costs of X.
per()
{
	awk -v x="$1" -v n="$2" 'BEGIN { printf "%.1f", x / n }'
}

# kmem: the kernel's memory in KiB (slab, kernel stacks, page tables,
# per-cpu areas), then tmpfs and shared memory (the registry's files).
kmem()
{
	awk '/^(Slab|KernelStack|PageTables|Percpu):/ { k += $2 }
	    /^Shmem:/ { s = $2 } END { print k, s }' /proc/meminfo
}

# kmem_settled: kmem once it has stopped falling, for at most 10 s: the
# kernel frees a network namespace in the background after its jail is
# gone.
kmem_settled()
{
	prev=$(kmem)
	i=0
	while [ $i -lt 50 ]; do
		sleep 0.2
		cur=$(kmem)
		# Settled when it fell by less than 256 KiB.
		[ $((${prev% *} - ${cur% *})) -lt 256 ] && break
		prev=$cur
		i=$((i + 1))
	done
	echo "$cur"
}

# median LABEL JSON: a command's median in seconds from a hyperfine export.
median()
{
	jq -r --arg l "$1" '.results[] | select(.command == $l) | .median' \
	    "$J/$2.json"
}

echo "bench: row 1, create+run /bin/true+destroy"
set -- \
    "unshare+chroot" "unshare -m -u -i -p -n -f chroot $R /bin/true" \
    "jailbox jail -c" "$B/jail -c path=$R command=/bin/true"
probe bwrap bwrap --unshare-all --bind "$R" / --proc /proc --dev /dev \
    /bin/true && set -- "$@" "bwrap" \
    "bwrap --unshare-all --bind $R / --proc /proc --dev /dev /bin/true"
probe "runc run" runc --root "$RUNC_ROOT" run -b "$T/b-true" bt &&
    set -- "$@" "runc run" "runc --root $RUNC_ROOT run -b $T/b-true bt"
if command -v crun >/dev/null; then
	probe "crun run" crun --root "$CRUN_ROOT" run -b "$T/b-true" ct &&
	    set -- "$@" "crun run" \
	    "crun --root $CRUN_ROOT run -b $T/b-true ct"
fi
# hyperfine names results by -n; bench_row takes label/command pairs.
bench_row "Row 1: create, run /bin/true, destroy" "$RUNS" row1 "$@"

echo "bench: row 2, enter a running jail"
"$B/jail" -c name=bench path="$R" persist
JID=$("$B/jls" -j bench jid)
INITPID=$(cut -d' ' -f1 "/run/jail/$JID/init")
set -- \
    "nsenter -a" "nsenter -t $INITPID -a /bin/true" \
    "jailbox jexec" "$B/jexec bench /bin/true"
if probe "runc run -d" runc --root "$RUNC_ROOT" run -d -b "$T/b-sleep" bx \
    </dev/null; then
	probe "runc exec" runc --root "$RUNC_ROOT" exec bx /bin/true &&
	    set -- "$@" "runc exec" "runc --root $RUNC_ROOT exec bx /bin/true"
fi
bench_row "Row 2: run /bin/true in a running jail" "$RUNS" row2 "$@"
runc --root "$RUNC_ROOT" delete -f bx >/dev/null 2>&1 || :
"$B/jail" -r bench >/dev/null

echo "bench: row 3, scale"
{
	echo "### Row 3: many persistent jails"
	echo
	echo "| N jails | create total s | per jail ms | median of the last creates ms |"
	echo "|---|---:|---:|---:|"
} >> "$MD"
SCALE=$T/scale
: > "$SCALE"
last_n=0
last_step=$(echo $SCALE_NS | awk '{ print $NF }')
for n in $SCALE_NS; do
	[ "$n" = "$last_step" ] && KMEM0=$(kmem_settled)
	t0=$(now_ns)
	# Each create timed on its own (bash's clock costs no fork), so
	# that the last ones show what a create costs with n - 1 jails up.
	i=$(bash -c 'n=$1 limit=$2 out=$3; shift 3
	    start=${EPOCHREALTIME/./}
	    for ((i = 1; i <= n; i++)); do
		    a=${EPOCHREALTIME/./}
		    "$@" name="s$i" || exit 1
		    b=${EPOCHREALTIME/./}
		    echo $((b - a)) >> "$out"
		    (( (b - start) / 1000000 >= limit )) && break
	    done
	    echo $((i > n ? n : i))' sh "$n" "$CREATE_LIMIT" "$SCALE.$n" \
	    "$B/jail" -c path="$R" persist)
	t1=$(now_ns)
	cut_short=
	[ "$i" -lt "$n" ] && cut_short=yes
	# The median of the last tenth of the creates, or of the last ten.
	last=$(tail -n $((i / 10 > 10 ? i / 10 : 10)) "$SCALE.$n" | sort -n |
	    awk '{ v[NR] = $1 }
	    END { m = (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2
	    printf "%.3f", m / 1e3 }')
	echo "$i $t0 $t1 $last" >> "$SCALE"
	awk -v n="$i" -v d="$((t1 - t0))" -v l="$last" 'BEGIN {
	    printf "| %d | %.2f | %.2f | %.2f |\n", n, d / 1e9, d / 1e6 / n,
	    l }' >> "$MD"
	[ -n "$cut_short" ] && echo "- scale: creating $n jails passed" \
	    "$CREATE_LIMIT s; stopped at $i" >> "$NOTES"
	last_n=$i
	[ "$n" = "$last_step" ] && break
	"$B/jail" -r '*' >/dev/null
done
N=$last_n
echo >> "$MD"

# Pss of every process of every jail, from each jail's cgroup (the init
# alone if the cgroup is not found).
pss_total=0
nprocs=0
for e in /run/jail/[0-9]*; do
	jid=${e##*/}
	pids=$(cat "/sys/fs/cgroup/unified/jailbox/$jid/cgroup.procs" \
	    2>/dev/null || cut -d' ' -f1 "$e/init")
	[ -n "$pids" ] || pids=$(cut -d' ' -f1 "$e/init")
	for p in $pids; do
		kb=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" \
		    2>/dev/null || echo 0)
		pss_total=$((pss_total + ${kb:-0}))
		nprocs=$((nprocs + 1))
	done
done
RSS1=$(awk '/^Rss:/ { print $2 }' "/proc/$(cut -d' ' -f1 \
    "/run/jail/$("$B/jls" -j s1 jid)/init")/smaps_rollup")
PSS_PER=$(per "$pss_total" "$N")
echo "Idle jails up: $N, their processes: $nprocs, Pss total" \
    "$pss_total KiB, **Pss per idle jail $PSS_PER KiB** (Rss of one init:" \
    "$RSS1 KiB)." >> "$MD"
echo >> "$MD"
# What the kernel holds for them: /proc/meminfo with the jails up against
# before they were made, over the whole machine.
KMEM1=$(kmem_settled)
set -- $KMEM0 $KMEM1
KMEM_PER=$(per $(($3 - $1)) "$N")
SHM_PER=$(per $(($4 - $2)) "$N")
echo "Kernel memory per idle jail: **$KMEM_PER KiB** (the growth of" \
    "Slab + KernelStack + PageTables + Percpu in /proc/meminfo from before" \
    "the $N jails were made, over the whole machine: most of it is each" \
    "jail's network namespace); the registry's files $SHM_PER KiB (Shmem)." \
    >> "$MD"
echo >> "$MD"

bench_row "jls over $N jails" 10 jls \
    "jls" "$B/jls" "jls -n" "$B/jls -n"

t0=$(now_ns)
"$B/jail" -r '*' >/dev/null
t1=$(now_ns)
RM_S=$(awk -v d="$((t1 - t0))" 'BEGIN { printf "%.2f", d / 1e9 }')
RM_PER=$(awk -v d="$((t1 - t0))" -v n="$N" \
    'BEGIN { printf "%.2f", d / 1e6 / n }')
echo "\`jail -r '*'\` of $N jails: $RM_S s ($RM_PER ms per jail, one" \
    "timing)." >> "$MD"
echo >> "$MD"

echo "bench: row 4, sizes"
strip -o "$T/jailbox.stripped" "$B/jailbox"
JB_SIZE=$(stat -c %s "$T/jailbox.stripped")
{
	echo "### Row 4: executable sizes"
	echo
	echo "| program | file bytes | shared libraries bytes (ldd) | total |"
	echo "|---|---:|---:|---:|"
	echo "| jailbox (static, stripped copy) | $JB_SIZE | 0 | $JB_SIZE |"
	for p in bwrap runc crun unshare nsenter; do
		f=$(command -v "$p") || continue
		f=$(readlink -f "$f")
		sz=$(stat -c %s "$f")
		libs=0
		for l in $(ldd "$f" 2>/dev/null | awk '/=> \// { print $3 }
		    /^\t\// { print $1 }'); do
			libs=$((libs + $(stat -c %s "$(readlink -f "$l")")))
		done
		echo "| $p ($f) | $sz | $libs | $((sz + libs)) |"
	done
	echo
} >> "$MD"

# --- targets -------------------------------------------------------------

r1_jb=$(median "jailbox jail -c" row1)
r1_un=$(median "unshare+chroot" row1)
r1_bw=$(median bwrap row1 2>/dev/null || :)
r1_rc=$(median "runc run" row1 2>/dev/null || :)
r2_jb=$(median "jailbox jexec" row2)
r2_ns=$(median "nsenter -a" row2)
jls_m=$(median jls jls)
jlsn_m=$(median "jls -n" jls)
first=$(head -n 1 "$SCALE")
last=$(tail -n 1 "$SCALE")

# ratio X Y: X / Y to two decimals.
ratio()
{
	awk -v x="$1" -v y="$2" 'BEGIN { printf "%.2f", x / y }'
}

verdict()
{
	if awk "BEGIN { exit !($1) }"; then echo holds; else echo "**missed**"
	fi
}

TGT=$T/targets
{
	echo "## Targets"
	echo
	a=$(ratio "$r1_jb" "$r1_un")
	echo "- Row 1 within 1.2x of the unshare+chroot floor:" \
	    "$(verdict "$a <= 1.2") (${a}x, $(ms "$r1_jb") ms against" \
	    "$(ms "$r1_un") ms)."
	if [ -n "$r1_bw" ]; then
		a=$(ratio "$r1_jb" "$r1_bw")
		echo "- Row 1 no slower than bwrap:" \
		    "$(verdict "$a <= 1.0") (${a}x, bwrap $(ms "$r1_bw") ms)."
	else
		echo "- Row 1 no slower than bwrap: not measured (bwrap" \
		    "failed)."
	fi
	if [ -n "$r1_rc" ]; then
		a=$(ratio "$r1_rc" "$r1_jb")
		# What the floor itself makes of runc, to read the ratio by.
		fl=$(ratio "$r1_rc" "$r1_un")
		echo "- Row 1 at least 8x faster than runc:" \
		    "$(verdict "$a >= 8") (runc takes ${a}x as long," \
		    "$(ms "$r1_rc") ms; ${fl}x as long as the" \
		    "unshare+chroot floor)."
	else
		echo "- Row 1 at least 8x faster than runc: not measured" \
		    "(runc failed)."
	fi
	a=$(ratio "$r2_jb" "$r2_ns")
	echo "- Row 2 within 1.1x of nsenter: $(verdict "$a <= 1.1")" \
	    "(${a}x, $(ms "$r2_jb") ms against $(ms "$r2_ns") ms)."
	echo "- Pss at most 150 KiB per idle jail:" \
	    "$(verdict "$PSS_PER <= 150") ($PSS_PER KiB with $N up)."
	echo "- jls over $N jails under 10 ms: $(verdict \
	    "$jls_m < 0.010 && $jlsn_m < 0.010") (jls $(ms "$jls_m") ms," \
	    "jls -n $(ms "$jlsn_m") ms)."
	set -- $first
	p1=$4
	n1=$1
	set -- $last
	p2=$4
	a=$(ratio "$p2" "$p1")
	echo "- Creation time per jail flat from $n1 to $1 jails (taken as" \
	    "within 1.25x, medians of the last creates): $(verdict \
	    "$a <= 1.25") ($p1 ms at $n1, $p2 ms at $1, ${a}x)."
	echo "- Stripped executable at most 1 MiB:" \
	    "$(verdict "$JB_SIZE <= 1048576") ($JB_SIZE bytes)."
	echo
} > "$TGT"

MEM=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
REV=$(cd "$TOP" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
# Changes to the tree but for BENCH.md itself, which each run rewrites.
DIRTY=$(cd "$TOP" && [ -n "$(git status --porcelain --untracked-files=no \
    -- . ':(exclude)BENCH.md' 2>/dev/null)" ] &&
    echo " (with uncommitted changes)" || :)
{
	echo "# jailbox benchmarks"
	echo
	echo "Generated by \`make bench\` (bench/bench.sh); do not edit."
	echo "Each table pools rounds of hyperfine runs of all its commands in"
	echo "turn, so its ratios compare figures taken side by side on the same"
	echo "machine: a command's median over the median of the table's first"
	echo "command."
	echo
	echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- jailbox: $REV$DIRTY"
	echo "- Machine: $(nproc) CPUs, $MODEL, $MEM"
	echo "- Kernel: $(uname -r)"
	echo "- hyperfine $(hyperfine --version | awk '{ print $2 }'), runc" \
	    "$(runc --version | awk 'NR == 1 { print $3 }'), bwrap" \
	    "$(bwrap --version | awk '{ print $2 }')$(command -v crun \
	    >/dev/null && crun --version | awk 'NR == 1 {
	    print ", crun " $3 }')"
	echo "- cgroups: $(if grep -q ' - cgroup ' /proc/self/mountinfo; then
	    echo hybrid v1/v2; else echo unified v2; fi)"
	echo "- Registry: a private tmpfs on /run/jail, as /run is on a booted" \
	    "system (here /run is $(stat -f -c %T /run))"
	echo
	cat "$TGT"
	echo "## Results"
	echo
	cat "$MD"
	if [ -s "$NOTES" ]; then
		echo "## Notes"
		echo
		cat "$NOTES"
		echo
	fi
} > "$OUT"
echo "bench: wrote $OUT"
