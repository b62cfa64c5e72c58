# Applied by bench/bench.sh to the output of `runc spec`: the process runs
# $args without a terminal on the read-only root $root (runc wants an
# absolute path there, not a symbolic link).
.process.args = $args
| .process.terminal = false
| .root.path = $root
| .root.readonly = true
