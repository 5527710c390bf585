package sweep

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
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

// PartFiles renders a shard's output folder: manifest.json and pairs.csv
// (its pairs, in pair order, with exact numbers).
func PartFiles(m *Manifest, recs []Record) map[string][]byte {
	mm := *m
	mm.Pairs = len(recs)
	return map[string][]byte{
		"manifest.json": mm.JSON(),
		"pairs.csv":     PairsCSV(&mm, recs),
	}
}

// ReadPart reads the part in dir (the output folder of a shard, or of a
// whole sweep, which is shard 0 of 1).
func ReadPart(dir string) (*Part, error) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
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
	data, err = os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir, err)
	}
	recs, err := ParsePairs(path, m, data, true)
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
