#!/usr/bin/env bash
# same-outputs.sh: do two builds of borderflow write the same outputs?
#
# usage: scripts/same-outputs.sh REV_A [REV_B]
#
#   REV_A, REV_B  git revisions (commit, branch, tag) of this repository;
#                 without REV_B, the working tree as it is, uncommitted
#                 changes included.
#
# It builds both, runs every shipped scenario with each build for 3 days
# after the warm-up with 2 replications (run NAME -horizon 3d -reps 2, and
# -response-counterfactual where the scenario has a [response]), and
# compares every file of the two output folders and the standard output,
# byte for byte. Two things differ between any two runs and are left out:
# summary.json's wall_seconds and the "N events in T s" line.
#
# A few scenarios do not load at 3 days as shipped (a warm-up of 3 days or
# more, surges after day 3): they run with a 2-day warm-up and their
# surges moved to day 1 to 2, the same for both builds (adjust below).
#
# Exit status: 0 identical, 1 different (the differences are listed),
# 2 a build or a run failed.
#
# Environment: SCENARIOS="a b" to run only those; HORIZON (3d) and REPS (2)
# to change the run; NO_PLOTS=1 to skip the charts; KEEP=1 to keep the
# work folder (its path is printed).
#
# Example: scripts/same-outputs.sh "$(git merge-base main HEAD)"  # your change
#          scripts/same-outputs.sh 5074922 main                    # two commits
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
fi
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/same-outputs.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
	echo "work folder: $work" >&2
else
	trap 'rm -rf "$work"' EXIT
fi

# build REV NAME: builds REV (or the working tree for "") into $work/NAME.
# -trimpath keeps the build cache's keys free of the folder, so a revision
# unpacked into a fresh folder reuses what an earlier build compiled.
build() {
	local rev=$1 name=$2 src
	if [ -z "$rev" ]; then
		src=$repo
	else
		src=$work/src-$name
		mkdir -p "$src"
		git -C "$repo" archive --format=tar "$rev" | tar -x -C "$src"
	fi
	(cd "$src" && go build -trimpath -o "$work/$name" ./cmd/borderflow) || {
		echo "same-outputs: building ${rev:-the working tree} failed" >&2
		exit 2
	}
}

# adjust NAME: the flags that make NAME load at a 3-day horizon.
adjust() {
	local surges=0 i
	case $1 in
	crackdown) surges=4 ;;
	surge-eagle-pass) surges=1 ;;
	slowdown-1985 | south-texas) ;;
	*) return 0 ;;
	esac
	echo "-set warmup=2d"
	for ((i = 0; i < surges; i++)); do
		echo "-set surge[$i].start=1d -set surge[$i].end=2d"
	done
}

build "$1" a
build "${2:-}" b
# The shipped scenarios are the files of configs/ (embedded in the binary).
names=${SCENARIOS:-$(git -C "$repo" ls-tree --name-only "${1}:configs" | sed -n 's/\.toml$//p')}
horizon=${HORIZON:-3d}
reps=${REPS:-2}

status=0
for name in $names; do
	# shellcheck disable=SC2046 # adjust's words are flags, split on purpose
	args=(run "$name" -horizon "$horizon" -reps "$reps" -quiet -force -out "$work/out" $(adjust "$name"))
	if "$work/a" show "$name" | grep -q '^\[response\]'; then
		args+=(-response-counterfactual)
	fi
	if [ "${NO_PLOTS:-0}" = 1 ]; then
		args+=(-no-plots)
	fi
	for side in a b; do
		# The same -out for both, so that "results in DIR" is the same line.
		if ! (cd "$work" && "./$side" "${args[@]}" >"$work/stdout" 2>"$work/stderr"); then
			echo "same-outputs: $name failed with build $side: borderflow ${args[*]}" >&2
			cat "$work/stderr" >&2
			exit 2
		fi
		mkdir -p "$work/$side-out"
		mv "$work/out" "$work/$side-out/$name"
		grep -v ' events in .* s$' "$work/stdout" >"$work/$side-out/$name/stdout" || true
		sed -i 's/^  "wall_seconds": .*$/  "wall_seconds": (left out),/' "$work/$side-out/$name/summary.json"
		# The marker lists summary.json's SHA-256, which wall_seconds moves.
		[ -f "$work/$side-out/$name/.borderflow-output" ] && sed -i '/ "summary.json"$/d' "$work/$side-out/$name/.borderflow-output"
	done
	if diff -r -q "$work/a-out/$name" "$work/b-out/$name" >"$work/diff"; then
		echo "same     $name ($(find "$work/a-out/$name" -type f | wc -l) files)"
	else
		echo "DIFFERS  $name:"
		sed 's/^/    /' "$work/diff"
		status=1
	fi
done
exit $status
