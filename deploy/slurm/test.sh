#!/usr/bin/env bash
# deploy/slurm/test.sh — prove deploy/slurm-array.sh on a real Slurm.
#
# On a Debian machine, as root, it:
#   1. installs Slurm and munge from the distribution's packages (if missing);
#   2. starts a one-node cluster on this machine: munged, slurmctld and slurmd,
#      with a minimal slurm.conf, key, state and logs in one temporary folder
#      (nothing is written under /etc; everything is stopped and removed at
#      the end, whatever happens);
#   3. submits deploy/slurm-array.sh as a job array over a sweep's shards.
#      The script asks for --cpus-per-task=8 and --mem=2G per task, which a
#      2-core node cannot give: sbatch's own options override its #SBATCH
#      lines (--cpus-per-task=1 --mem=256M here), as a user would on a small
#      partition;
#   4. makes one shard fail on its first attempt (a wrapper around the
#      binary) and checks what a real user sees: Slurm reports the task
#      FAILED with its exit code, `borderflow merge` refuses the incomplete
#      set with a clear message (exit 2), and the shard resubmitted alone
#      (sbatch --array=I) resumes and succeeds;
#   5. merges the parts and checks that the merged folder is byte-identical
#      to the same sweep run unsharded on this machine.
#
# Run it with `make slurm-test`. Exit 0: passed; 1: failed; 77: skipped
# (not root, or the packages cannot be installed) — the reason is printed.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
SHARDS=${SHARDS:-4}
SCENARIO=${SCENARIO:-eagle-pass}
SWEEP_ARGS=${SWEEP_ARGS:--sweep policies -horizon 7d}
REPS=${REPS:-4}
SEED=${SEED:-7}
FAIL_SHARD=${FAIL_SHARD:-2}
TIMEOUT=${TIMEOUT:-600} # seconds to wait for the array

say() { printf 'slurm-test: %s\n' "$*" >&2; }
skip() { say "SKIPPED: $*"; exit 77; }
fail() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" = 0 ] || skip "needs root to install and start Slurm (run: sudo make slurm-test)"
command -v apt-get >/dev/null || skip "not a Debian machine (no apt-get)"

need=()
for c in slurmctld slurmd sbatch munged; do command -v "$c" >/dev/null || need+=("$c"); done
if [ ${#need[@]} -gt 0 ]; then
	say "installing slurmctld slurmd slurm-client munge (missing: ${need[*]})"
	export DEBIAN_FRONTEND=noninteractive
	if ! { apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge >/tmp/slurm-test-apt.log 2>&1 ||
		{ apt-get update >>/tmp/slurm-test-apt.log 2>&1 &&
			apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge >>/tmp/slurm-test-apt.log 2>&1; }; }; then
		tail -5 /tmp/slurm-test-apt.log >&2
		skip "the Slurm packages cannot be installed (log: /tmp/slurm-test-apt.log)"
	fi
fi

T=$(mktemp -d /tmp/borderflow-slurm.XXXXXX)
chmod 755 "$T"
export SLURM_CONF=$T/slurm.conf
cleanup() {
	set +e
	if command -v scancel >/dev/null && [ -f "$SLURM_CONF" ]; then scancel --quiet --full -u root >/dev/null 2>&1; fi
	for p in slurmd slurmctld munged; do
		if [ -f "$T/$p.pid" ]; then kill "$(cat "$T/$p.pid")" 2>/dev/null; fi
	done
	sleep 1
	for p in slurmd slurmctld munged; do
		if [ -f "$T/$p.pid" ]; then kill -9 "$(cat "$T/$p.pid")" 2>/dev/null; fi
	done
	if [ "${KEEP:-}" = 1 ]; then say "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT

host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2/1024) - 512}' /proc/meminfo)
mkdir -p "$T/state" "$T/spool" "$T/munge" "$T/work"
chmod 700 "$T/munge"

# munge: its own key, socket and logs in the temporary folder.
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$T/munge/munge.key"
munged --force --key-file="$T/munge/munge.key" --socket="$T/munge/munge.socket" \
	--pid-file="$T/munged.pid" --log-file="$T/munge/munged.log" --seed-file="$T/munge/munged.seed" ||
	fail "munged did not start (see $T/munge/munged.log)"

# A minimal one-node cluster: no accounting database, no cgroups.
cat >"$SLURM_CONF" <<EOF
ClusterName=borderflow-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$T/munge/munge.socket
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
MinJobAge=3600
SlurmdTimeout=60
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start (see $T/slurmctld.log)"
slurmd -f "$SLURM_CONF" || fail "slurmd did not start (see $T/slurmd.log)"
for _ in $(seq 60); do
	if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then break; fi
	sleep 1
done
sinfo -h -o '%T' | grep -qE '^(idle|mixed|allocated)' || { sinfo >&2 || true; tail -20 "$T/slurmctld.log" >&2; fail "the node did not come up"; }
say "one-node cluster up: $host, $cpus CPUs ($(sinfo -h -o '%P %D %T'))"

# The binary every task runs, and a wrapper that fails shard FAIL_SHARD once.
(cd "$here" && CGO_ENABLED=0 go build -o "$T/borderflow" ./cmd/borderflow)
cat >"$T/borderflow-flaky" <<EOF
#!/bin/sh
if [ "\${SLURM_ARRAY_TASK_ID:-}" = "$FAIL_SHARD" ] && [ ! -e "$T/failed-once" ]; then
	touch "$T/failed-once"
	echo "injected failure of shard $FAIL_SHARD (first attempt)" >&2
	exit 3
fi
exec "$T/borderflow" "\$@"
EOF
chmod 755 "$T/borderflow-flaky"

R=$T/results
submit() { # submit ARRAY: prints the job id
	sbatch --parsable --array="$1" --cpus-per-task=1 --mem=256M --time=00:30:00 \
		--chdir="$T/work" --output="$T/work/task-%A_%a.log" \
		--export=ALL,SHARDS="$SHARDS",BORDERFLOW="$T/borderflow-flaky",SCENARIO="$SCENARIO",SWEEP_ARGS="$SWEEP_ARGS",REPS="$REPS",SEED="$SEED",RESULTS="$R" \
		"$here/deploy/slurm-array.sh"
}
wait_job() { # wait_job ID: until no task of the job is pending or running
	local t0=$SECONDS
	while squeue -h -j "$1" 2>/dev/null | grep -q .; do
		[ $((SECONDS - t0)) -lt "$TIMEOUT" ] || fail "job $1 still running after ${TIMEOUT}s"
		sleep 2
	done
}
state_of() { # state_of ID INDEX: the task's JobState and ExitCode
	scontrol show job "${1}_${2}" 2>/dev/null | tr ' ' '\n' | grep -E '^(JobState|ExitCode)=' | tr '\n' ' '
}

job=$(submit "0-$((SHARDS - 1))")
say "submitted deploy/slurm-array.sh as job array $job (0-$((SHARDS - 1)), $SCENARIO $SWEEP_ARGS -reps $REPS)"
wait_job "$job"
for i in $(seq 0 $((SHARDS - 1))); do say "  task $i: $(state_of "$job" "$i")"; done

st=$(state_of "$job" "$FAIL_SHARD")
case $st in *JobState=FAILED*ExitCode=3:0*) say "Slurm reports the failed shard: $st" ;;
*) fail "shard $FAIL_SHARD should be FAILED with exit code 3, Slurm says: $st" ;; esac
for i in $(seq 0 $((SHARDS - 1))); do
	[ "$i" = "$FAIL_SHARD" ] && continue
	case $(state_of "$job" "$i") in *JobState=COMPLETED*) ;; *) cat "$T"/work/task-*_"$i".log >&2 || true; fail "task $i did not complete" ;; esac
done

# merge refuses the incomplete set.
parts=()
for i in $(seq 0 $((SHARDS - 1))); do [ -d "$R/part-$i" ] && parts+=("$R/part-$i"); done
set +e
msg=$("$T/borderflow" merge "${parts[@]}" -out "$R/merged" 2>&1)
code=$?
set -e
[ "$code" = 2 ] || fail "merge of an incomplete set exited $code, want 2: $msg"
case $msg in *"missing shard"*"$FAIL_SHARD/$SHARDS"*) say "merge refuses the incomplete set: $msg" ;;
*) fail "merge's message does not name the missing shard: $msg" ;; esac
[ ! -e "$R/merged" ] || fail "merge of an incomplete set left $R/merged"

# Resubmit the failed shard alone, as a user would.
job2=$(submit "$FAIL_SHARD")
say "resubmitted shard $FAIL_SHARD as job $job2"
wait_job "$job2"
case $(state_of "$job2" "$FAIL_SHARD") in *JobState=COMPLETED*) ;; *) cat "$T"/work/task-"$job2"_*.log >&2 || true; fail "the resubmitted shard did not complete" ;; esac

parts=()
for i in $(seq 0 $((SHARDS - 1))); do parts+=("$R/part-$i"); done
"$T/borderflow" merge "${parts[@]}" -out "$R/merged" 2>&1 | sed 's/^/  merge: /' >&2

# The same sweep on one machine, unsharded.
# shellcheck disable=SC2086 # SWEEP_ARGS is several words on purpose
"$T/borderflow" sweep "$SCENARIO" $SWEEP_ARGS -reps "$REPS" -seed "$SEED" -quiet -out "$R/single" >/dev/null
if ! diff -r "$R/single" "$R/merged" >"$T/diff.txt"; then
	head -40 "$T/diff.txt" >&2
	fail "the merged folder differs from the unsharded sweep"
fi
n=$(find "$R/merged" -type f | wc -l)
say "PASSED: $SHARDS shards on Slurm, merged = unsharded sweep, byte for byte ($n files)"
