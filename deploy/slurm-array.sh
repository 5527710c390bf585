#!/bin/bash
# borderflow sweep on Slurm: a job array, one task per shard.
#
# Task i (SLURM_ARRAY_TASK_ID = i, from 0 to N-1) runs the pairs (policy,
# replication) whose index is i modulo N and writes its part to
# $RESULTS/part-i. Submit, then merge once every task has succeeded:
#
#   jobid=$(sbatch --parsable deploy/slurm-array.sh)
#   sbatch --dependency=afterok:$jobid --wrap "borderflow merge $PWD/results/part-* -out $PWD/results/merged"
#
# N appears twice and must agree: --array=0-(N-1) below and SHARDS. A task
# that failed can be resubmitted alone (sbatch --array=I deploy/slurm-array.sh):
# it resumes its part from what it had finished. Every
# task must run the same borderflow binary, scenario, sweep, seed and
# replications: `borderflow merge` refuses parts whose manifests differ.
# A task that is requeued (preempted, node failure) resumes from the
# pairs it had finished, kept in $RESULTS/part-i.partial.
#
#SBATCH --job-name=borderflow-sweep
#SBATCH --array=0-7
#SBATCH --cpus-per-task=8                 # -workers follows it; on a small node override it:
#SBATCH --mem=2G                          #   sbatch --cpus-per-task=2 --mem=512M ... (deploy/slurm/test.sh)
#SBATCH --time=04:00:00
#SBATCH --requeue
#SBATCH --output=borderflow-sweep-%A_%a.log

set -euo pipefail

SHARDS=${SHARDS:-8}                       # N: --array=0-7 above
BORDERFLOW=${BORDERFLOW:-borderflow}      # path to the binary (the same on every node)
SCENARIO=${SCENARIO:-eagle-pass}          # an embedded scenario or a TOML file on shared storage
SWEEP_ARGS=${SWEEP_ARGS:--sweep policies} # or -policies /shared/policies.toml; more flags: "-sweep volume -horizon 90d"
REPS=${REPS:-400}
SEED=${SEED:-1}
RESULTS=${RESULTS:-$PWD/results}

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
	echo "slurm-array.sh: submit it with sbatch (SLURM_ARRAY_TASK_ID is not set)" >&2
	exit 2
fi
if [ "$SLURM_ARRAY_TASK_ID" -ge "$SHARDS" ] || [ "${SLURM_ARRAY_TASK_MAX:-0}" -ge "$SHARDS" ]; then
	echo "slurm-array.sh: task ${SLURM_ARRAY_TASK_ID} (array up to ${SLURM_ARRAY_TASK_MAX:-?}) but SHARDS=$SHARDS: --array must stay within 0-$((SHARDS - 1))" >&2
	exit 2
fi
mkdir -p "$RESULTS"

# -shard N takes the index from SLURM_ARRAY_TASK_ID; -workers uses the
# cores Slurm gave the task, one replication per core.
# shellcheck disable=SC2086 # SWEEP_ARGS is two words on purpose
exec "$BORDERFLOW" sweep "$SCENARIO" $SWEEP_ARGS \
	-reps "$REPS" -seed "$SEED" \
	-shard "$SHARDS" -workers "${SLURM_CPUS_PER_TASK:-1}" \
	-resume -quiet \
	-out "$RESULTS/part-$SLURM_ARRAY_TASK_ID"
