package sweep

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"borderflow/infile"
	"path/filepath"
	"sort"
	"strings"
)

// Part is what one shard of a sweep wrote: its manifest and its pairs.
type Part struct {
	Dir      string
	Manifest *Manifest
	Records  []Record
}

// PartFiles renders a shard's output folder: manifest.json, pairs.csv
// (its pairs, in pair order, with exact numbers) and their checksums.
func PartFiles(m *Manifest, recs []Record) map[string][]byte {
	mm := *m
	mm.Pairs = len(recs)
	files := map[string][]byte{
		"manifest.json": mm.JSON(),
		"pairs.csv":     PairsCSV(&mm, recs),
	}
	AddSums(files)
	return files
}

// SumsFile holds the SHA-256 of the files merge reads (manifest.json and
// pairs.csv), in the format of sha256sum, so "sha256sum -c sha256sums.txt"
// checks a copied shard too. Merge refuses a shard whose files do not
// match: one truncated or damaged after the sweep wrote it. The sums
// detect corruption, not forgery (whoever edits a file can recompute
// them): the values' ranges are checked too (parseValue).
const SumsFile = "sha256sums.txt"

// partFiles are the files of a part that SumsFile covers.
var partFiles = []string{"manifest.json", "pairs.csv"}

// AddSums adds SumsFile to the files of a part (or of a whole sweep).
func AddSums(files map[string][]byte) {
	var b bytes.Buffer
	for _, n := range partFiles {
		sum := sha256.Sum256(files[n])
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), n)
	}
	files[SumsFile] = b.Bytes()
}

// checkSums verifies the part files of dir against its SumsFile.
func checkSums(ctx context.Context, dir string, files map[string][]byte) error {
	path := filepath.Join(dir, SumsFile)
	data, err := infile.Read(ctx, path, maxSumsBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no %s: not a shard this borderflow wrote whole (or one of an older version), so its files cannot be checked", dir, SumsFile)
	}
	if err != nil {
		return err
	}
	want := map[string]string{}
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != 64 {
			return fmt.Errorf("%s:%d: want \"SHA256  FILE\", got %q", path, i+1, line)
		}
		want[name] = sum
	}
	for _, n := range partFiles {
		w, ok := want[n]
		if !ok {
			return fmt.Errorf("%s: no checksum of %s", path, n)
		}
		got := sha256.Sum256(files[n])
		if hex.EncodeToString(got[:]) != w {
			return fmt.Errorf("%s: SHA-256 differs from the one in %s: the file was cut short or changed after the sweep wrote it",
				filepath.Join(dir, n), SumsFile)
		}
	}
	return nil
}

// Size limits of a part's files, checked while reading (infile): a
// manifest lists policies and metrics, and the limit leaves room for
// thousands of policies; the checksums are two lines.
const (
	maxManifestBytes = 16 << 20
	maxSumsBytes     = 4 << 10
)

// maxPairsBytes is the most pairs.csv of m can hold: its header and m's
// pairs, each line with the longest policy name quoted, a replication
// number and every metric at its longest (24 characters, as
// -1.2345678901234567e-308), so a file that holds more is not one a
// sweep wrote, and is refused before it is all read.
func maxPairsBytes(m *Manifest) int64 {
	name := 0
	for _, p := range m.Policies {
		name = max(name, 2*len(p.Name)+2)
	}
	header := int64(len(strings.Join(pairsHeader(m.Metrics), ","))) + 1
	line := int64(name + 1 + 20 + 1 + 25*len(m.Metrics) + 2)
	return header*2 + int64(m.ShardPairs())*line
}

// ReadPart reads the part in dir (the output folder of a shard, or of a
// whole sweep, which is shard 0 of 1), each file by infile's rule (a
// regular file within its size limit, stopped when ctx is done).
func ReadPart(ctx context.Context, dir string) (*Part, error) {
	data, err := infile.Read(ctx, filepath.Join(dir, "manifest.json"), maxManifestBytes)
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(dir); serr != nil {
			return nil, fmt.Errorf("%s: no such folder", dir)
		}
		return nil, fmt.Errorf("%s: no manifest.json: not the output of a sweep shard", dir)
	}
	if err != nil {
		return nil, err
	}
	m, err := ParseManifest(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(dir, "manifest.json"), err)
	}
	path := filepath.Join(dir, "pairs.csv")
	pairs, err := infile.Read(ctx, path, maxPairsBytes(m))
	if errors.Is(err, infile.ErrTooLarge) {
		return nil, fmt.Errorf("%s: longer than the %d pairs of its manifest can be: not a file a sweep wrote", path, m.ShardPairs())
	}
	if err != nil {
		return nil, err
	}
	if err := checkSums(ctx, dir, map[string][]byte{"manifest.json": data, "pairs.csv": pairs}); err != nil {
		return nil, err
	}
	if len(pairs) > 0 && pairs[len(pairs)-1] != '\n' {
		return nil, fmt.Errorf("%s: the last line has no newline: the file was cut short", path)
	}
	recs, err := ParsePairs(path, m, pairs, true)
	if err != nil {
		return nil, err
	}
	if len(recs) != m.Pairs {
		return nil, fmt.Errorf("%s: %d pairs, but its manifest says %d (an unfinished copy?)", path, len(recs), m.Pairs)
	}
	return &Part{Dir: dir, Manifest: m, Records: recs}, nil
}

// Merge combines the parts of one sweep into its results: the same
// results, hence the same files, as the sweep run on one machine. It
// refuses parts of different sweeps (scenario hash, seed, replications,
// policies, metrics, shard count or version), a shard given twice, and
// any pair missing or present twice.
func Merge(parts []*Part) (*Results, error) {
	if len(parts) == 0 {
		return nil, errors.New("no parts to merge")
	}
	ref := parts[0]
	shardOf := map[int]string{}
	var recs []Record
	for _, p := range parts {
		if err := ref.Manifest.SameSweep(p.Manifest); err != nil {
			return nil, fmt.Errorf("%s and %s are parts of different sweeps: %v", ref.Dir, p.Dir, err)
		}
		if prev, dup := shardOf[p.Manifest.Shard]; dup {
			return nil, fmt.Errorf("%s and %s are both shard %d/%d: their pairs would be duplicated",
				prev, p.Dir, p.Manifest.Shard, p.Manifest.Shards)
		}
		shardOf[p.Manifest.Shard] = p.Dir
		recs = append(recs, p.Records...)
	}
	if n := ref.Manifest.Shards; len(shardOf) < n {
		var missing []string
		for i := 0; i < n; i++ {
			if _, ok := shardOf[i]; !ok {
				missing = append(missing, fmt.Sprintf("%d/%d", i, n))
			}
		}
		return nil, fmt.Errorf("missing shard(s) %s: %d of %d pairs are not in the parts given", strings.Join(missing, ", "),
			ref.Manifest.TotalPairs()-len(recs), ref.Manifest.TotalPairs())
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].Pair < recs[j].Pair })
	return Collect(*ref.Manifest, recs)
}
