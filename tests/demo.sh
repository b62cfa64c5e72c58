#!/bin/sh
# make demo: a persistent jail on a busybox root in a temporary directory,
# shown with jls, entered with jexec, removed, and everything cleaned up.
set -eu
build=$(cd "${1:-build}" && pwd)
name=demo$$
root=$(mktemp -d /tmp/jailbox-demo.XXXXXX)

cleanup()
{
	"$build/jail" -r "$name" 2>/dev/null || true
	rm -rf "$root"
}
trap cleanup EXIT INT TERM

run()
{
	echo "# $*"
	"$@"
}

mkdir -p "$root/bin" "$root/proc" "$root/etc" "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
for a in $(/bin/busybox --list); do
	[ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
done
echo "root:x:0:0:root:/:/bin/sh" > "$root/etc/passwd"

PATH=$build:$PATH
run jail -v -c name="$name" path="$root" host.hostname=demo.example persist
run jls
run jls -v
run jexec "$name" hostname
run jexec "$name" ps
run jail -v -r "$name"
run jls
