package main

import (
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The fields of a Kubernetes batch/v1 Job that deploy/k8s's Jobs use, with
// their schema names. Decoding is strict (KnownFields), so a
// misspelt or misplaced field in the manifest fails the test, as the API
// server's strict field validation would reject it.
type k8sJob struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name   string            `yaml:"name"`
		Labels map[string]string `yaml:"labels"`
	} `yaml:"metadata"`
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    *int   `yaml:"completions"`
		Parallelism    *int   `yaml:"parallelism"`
		BackoffLimit   *int   `yaml:"backoffLimit"`
		Template       struct {
			Metadata struct {
				Labels map[string]string `yaml:"labels"`
			} `yaml:"metadata"`
			Spec struct {
				RestartPolicy   string `yaml:"restartPolicy"`
				SecurityContext struct {
					RunAsUser  *int `yaml:"runAsUser"`
					RunAsGroup *int `yaml:"runAsGroup"`
					FSGroup    *int `yaml:"fsGroup"`
				} `yaml:"securityContext"`
				Containers []struct {
					Name    string   `yaml:"name"`
					Image   string   `yaml:"image"`
					Command []string `yaml:"command"`
					Args    []string `yaml:"args"`
					Env     []struct {
						Name      string `yaml:"name"`
						Value     string `yaml:"value"`
						ValueFrom *struct {
							FieldRef struct {
								FieldPath string `yaml:"fieldPath"`
							} `yaml:"fieldRef"`
						} `yaml:"valueFrom"`
					} `yaml:"env"`
					Resources struct {
						Requests map[string]string `yaml:"requests"`
						Limits   map[string]string `yaml:"limits"`
					} `yaml:"resources"`
					VolumeMounts []struct {
						Name      string `yaml:"name"`
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				} `yaml:"containers"`
				Volumes []struct {
					Name                  string `yaml:"name"`
					PersistentVolumeClaim struct {
						ClaimName string `yaml:"claimName"`
					} `yaml:"persistentVolumeClaim"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

// decodeStrict decodes deploy/k8s/NAME into v, refusing unknown fields.
func decodeStrict(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../deploy/k8s", name))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("deploy/k8s/%s does not fit its schema: %v", name, err)
	}
}

// deploy/k8s is one kustomization: the results volume, the sweep's Indexed
// Job and the merge Job, with the image named in one place.
func TestK8sManifests(t *testing.T) {
	var kust struct {
		APIVersion string   `yaml:"apiVersion"`
		Kind       string   `yaml:"kind"`
		Resources  []string `yaml:"resources"`
		Images     []struct {
			Name    string `yaml:"name"`
			NewName string `yaml:"newName"`
			NewTag  string `yaml:"newTag"`
		} `yaml:"images"`
	}
	decodeStrict(t, "kustomization.yaml", &kust)
	if kust.Kind != "Kustomization" || len(kust.Images) != 1 || kust.Images[0].NewName == "" || kust.Images[0].NewTag == "" {
		t.Fatalf("kustomization.yaml must name the image once (images: name, newName, newTag): %+v", kust)
	}
	entries, err := os.ReadDir("../../deploy/k8s")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, r := range kust.Resources {
		listed[r] = true
	}
	for _, e := range entries {
		if e.Name() != "kustomization.yaml" && strings.HasSuffix(e.Name(), ".yaml") && !listed[e.Name()] {
			t.Errorf("deploy/k8s/%s is not among the kustomization's resources", e.Name())
		}
	}

	var pvc struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Metadata   struct {
			Name   string            `yaml:"name"`
			Labels map[string]string `yaml:"labels"`
		} `yaml:"metadata"`
		Spec struct {
			AccessModes []string `yaml:"accessModes"`
			Resources   struct {
				Requests map[string]string `yaml:"requests"`
			} `yaml:"resources"`
		} `yaml:"spec"`
	}
	decodeStrict(t, "pvc.yaml", &pvc)
	if pvc.Kind != "PersistentVolumeClaim" || pvc.Spec.Resources.Requests["storage"] == "" {
		t.Fatalf("pvc.yaml: want a PersistentVolumeClaim with a storage request: %+v", pvc)
	}

	var job, merge k8sJob
	decodeStrict(t, "sweep-job.yaml", &job)
	decodeStrict(t, "merge-job.yaml", &merge)
	cf, err := os.ReadFile("../../deploy/Containerfile")
	if err != nil {
		t.Fatal(err)
	}
	user := regexp.MustCompile(`(?m)^USER (\d+):(\d+)$`).FindSubmatch(cf)
	if user == nil {
		t.Fatal("deploy/Containerfile sets no numeric USER uid:gid")
	}
	gid, _ := strconv.Atoi(string(user[2]))
	for name, j := range map[string]k8sJob{"sweep-job.yaml": job, "merge-job.yaml": merge} {
		ps := j.Spec.Template.Spec
		if len(ps.Containers) != 1 {
			t.Fatalf("%s: %d containers, want 1", name, len(ps.Containers))
		}
		if img := ps.Containers[0].Image; img != kust.Images[0].Name {
			t.Errorf("%s: image %q is not the one kustomization.yaml sets (%q): the image belongs in one place", name, img, kust.Images[0].Name)
		}
		if sc := ps.SecurityContext; sc.FSGroup == nil || *sc.FSGroup != gid {
			t.Errorf("%s: securityContext.fsGroup must be the image's group %d, so the volume is writable", name, gid)
		}
		if len(ps.Volumes) != 1 || ps.Volumes[0].PersistentVolumeClaim.ClaimName != pvc.Metadata.Name {
			t.Errorf("%s: the volume must be the claim pvc.yaml creates (%s)", name, pvc.Metadata.Name)
		}
	}

	// The merge Job waits for exactly the sweep's shards and writes beside them.
	margs := merge.Spec.Template.Spec.Containers[0].Args
	if len(margs) == 0 || margs[0] != "merge" {
		t.Fatalf("merge-job.yaml args %v do not start with merge", margs)
	}
	var parts []string
	hasWait := false
	for i := 1; i < len(margs); i++ {
		switch {
		case margs[i] == "-wait" || margs[i] == "-out":
			hasWait = hasWait || margs[i] == "-wait"
			i++
		case strings.HasPrefix(margs[i], "-"):
		default:
			parts = append(parts, margs[i])
		}
	}
	if !hasWait {
		t.Error("merge-job.yaml: merge needs -wait, or it would run before the shards finish")
	}
	if job.Spec.Completions != nil {
		if len(parts) != *job.Spec.Completions {
			t.Errorf("merge-job.yaml merges %d parts, the sweep has %d shards", len(parts), *job.Spec.Completions)
		}
		for i, p := range parts {
			if p != "/results/part-"+strconv.Itoa(i) {
				t.Errorf("merge part %d is %s, want /results/part-%d", i, p, i)
			}
		}
	}

	// What the parts weigh and take is written down for whoever sizes the Job.
	note, err := os.ReadFile("../../deploy/README.md")
	if err != nil || !regexp.MustCompile(`(?i)per shard`).Match(note) {
		t.Error("deploy/README.md must say the time and size per shard")
	}
	checkIndexedJob(t, job)
}

func checkIndexedJob(t *testing.T, job k8sJob) {
	t.Helper()
	if job.APIVersion != "batch/v1" || job.Kind != "Job" {
		t.Fatalf("apiVersion/kind = %s/%s, want batch/v1 Job", job.APIVersion, job.Kind)
	}
	s := job.Spec
	if s.CompletionMode != "Indexed" {
		t.Errorf("completionMode = %q, want Indexed (each pod needs its own JOB_COMPLETION_INDEX)", s.CompletionMode)
	}
	if s.Completions == nil || *s.Completions < 1 {
		t.Fatal("completions must be set (the number of shards)")
	}
	if s.Parallelism == nil || *s.Parallelism < 1 || *s.Parallelism > *s.Completions {
		t.Errorf("parallelism must be from 1 to completions (%d)", *s.Completions)
	}
	if rp := s.Template.Spec.RestartPolicy; rp != "Never" && rp != "OnFailure" {
		t.Errorf("restartPolicy = %q: a Job's pods need Never or OnFailure", rp)
	}
	if len(s.Template.Spec.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(s.Template.Spec.Containers))
	}
	c := s.Template.Spec.Containers[0]

	// The command is where deploy/Containerfile puts the binary.
	cf, err := os.ReadFile("../../deploy/Containerfile")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^FROM scratch$`).Match(cf) {
		t.Error("deploy/Containerfile must build FROM scratch (no base image to pull)")
	}
	m := regexp.MustCompile(`(?m)^COPY \S+ (\S+)$`).FindSubmatch(cf)
	if m == nil || len(c.Command) == 0 || c.Command[0] != string(m[1]) {
		t.Errorf("command %v does not run the binary the Containerfile installs (%s)", c.Command, m)
	}

	// JOB_COMPLETION_INDEX comes from the Job controller's annotation and
	// reaches -shard N and the -out folder.
	var wired bool
	for _, e := range c.Env {
		if e.Name == "JOB_COMPLETION_INDEX" && e.ValueFrom != nil &&
			e.ValueFrom.FieldRef.FieldPath == "metadata.annotations['batch.kubernetes.io/job-completion-index']" {
			wired = true
		}
	}
	if !wired {
		t.Error("JOB_COMPLETION_INDEX is not taken from metadata.annotations['batch.kubernetes.io/job-completion-index']")
	}
	args := c.Args
	flagVal := func(name string) string {
		for i, a := range args {
			if a == name && i+1 < len(args) {
				return args[i+1]
			}
		}
		t.Fatalf("args lack %s", name)
		return ""
	}
	if args[0] != "sweep" {
		t.Fatalf("args start with %q, want sweep", args[0])
	}
	if n, err := strconv.Atoi(flagVal("-shard")); err != nil || n != *s.Completions {
		t.Errorf("-shard %s must equal completions %d", flagVal("-shard"), *s.Completions)
	}
	if out := flagVal("-out"); !strings.Contains(out, "$(JOB_COMPLETION_INDEX)") {
		t.Errorf("-out %s: each pod must write its own part ($(JOB_COMPLETION_INDEX))", out)
	}
	if w := flagVal("-workers"); w != c.Resources.Requests["cpu"] {
		t.Errorf("-workers %s differs from the CPU request %s", w, c.Resources.Requests["cpu"])
	}
	hasResume := false
	for _, a := range args {
		hasResume = hasResume || a == "-resume"
	}
	if !hasResume {
		t.Error("args lack -resume: a retried pod would start its shard again")
	}
	mounted := false
	for _, v := range c.VolumeMounts {
		mounted = mounted || strings.HasPrefix(flagVal("-out"), v.MountPath+"/")
	}
	if !mounted {
		t.Error("-out is not on a mounted volume: the parts would vanish with the pods")
	}

	// What the kubelet runs: $(VAR) expanded from the env, then our own
	// flag parsing. Each index gets its own shard.
	for idx := 0; idx < *s.Completions; idx++ {
		t.Setenv("JOB_COMPLETION_INDEX", strconv.Itoa(idx))
		i, n, err := parseShard(flagVal("-shard"))
		if err != nil || i != idx || n != *s.Completions {
			t.Errorf("pod %d: -shard %s gives %d/%d, %v", idx, flagVal("-shard"), i, n, err)
		}
		out := strings.ReplaceAll(flagVal("-out"), "$(JOB_COMPLETION_INDEX)", strconv.Itoa(idx))
		if out != "/results/part-"+strconv.Itoa(idx) {
			t.Errorf("pod %d writes %s", idx, out)
		}
	}
}

// The image is FROM scratch, so the binary must not need a C library or a
// dynamic loader: built with CGO_ENABLED=0, it has no PT_INTERP and no
// dynamic section.
func TestBinaryIsStatic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "borderflow")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build: %v\n%s", err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			t.Fatalf("the binary has a %v segment: it is not static", p.Type)
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Fatalf("the binary needs %v", libs)
	}
}
