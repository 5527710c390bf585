package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"borderflow/infile"
)

// An output folder is borderflow's only if it can prove it: markerName,
// written into every output folder, lists each file borderflow wrote
// there with its size and SHA-256. -force replaces a folder only while it
// holds exactly those files (or nothing); a file added (a user's
// NOTES.md), changed, or carried in with a copied marker is named and the
// folder refused. A marker made by hand (touch) lists nothing, so it
// vouches for nothing.
//
// markFolder is the one place a marker is made: whatever writes an
// output folder's files (writeOut, plot, writers that stream into the
// temporary folder) calls it once every file is in place, before the
// folder is renamed into place.
const markerName = ".borderflow-output"

// markerHead is the marker's first line; the lines after it are
// "SHA256 SIZE NAME", NAME quoted as Go quotes strings, relative to the
// folder with forward slashes.
const markerHead = "borderflow output: the files borderflow wrote into this folder (SHA-256, bytes, name); 'borderflow run|sweep|merge -force' replaces the folder only while it holds exactly these files"

// maxMarkerBytes bounds the marker read (infile): a line per file.
const maxMarkerBytes = 16 << 20

// markFolder writes dir's marker, listing every regular file under dir
// (but the marker) with its size and SHA-256.
func markFolder(dir string) error {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			if rel = filepath.ToSlash(rel); rel != markerName {
				names = append(names, rel)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return markFiles(dir, map[string]listed{}, names)
}

// markFiles writes dir's marker: the files of list, and names (relative
// to dir, with forward slashes) as they are now. plot adds the charts it
// wrote this way, and only those: a user's file beside them stays
// unproven.
func markFiles(dir string, list map[string]listed, names []string) error {
	for _, n := range names {
		sum, size, err := hashFile(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil {
			return err
		}
		list[n] = listed{sum, size}
	}
	all := make([]string, 0, len(list))
	for n := range list {
		all = append(all, n)
	}
	sort.Strings(all)
	var b bytes.Buffer
	b.WriteString(markerHead + "\n")
	for _, n := range all {
		fmt.Fprintf(&b, "%s %d %s\n", list[n].sum, list[n].size, strconv.Quote(n))
	}
	return writeAtomic(filepath.Join(dir, markerName), b.Bytes())
}

// hashFile returns the SHA-256 (hex) and size of the regular file at p.
func hashFile(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// listed is one file of a marker.
type listed struct {
	sum  string
	size int64
}

// readMarker returns the files dir's marker lists, and whether dir has a
// marker at all (a regular file). A marker that is not one borderflow
// wrote (made by touch, or an older borderflow's, which listed nothing)
// lists nothing.
func readMarker(dir string) (map[string]listed, bool) {
	p := filepath.Join(dir, markerName)
	if st, err := os.Lstat(p); err != nil || !st.Mode().IsRegular() {
		return nil, false
	}
	out := map[string]listed{}
	data, err := infile.Read(context.Background(), p, maxMarkerBytes)
	if err != nil {
		return out, true
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	if !sc.Scan() || sc.Text() != markerHead {
		return out, true
	}
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), " ", 3)
		if len(f) != 3 || len(f[0]) != 64 {
			return map[string]listed{}, true // damaged: vouches for nothing
		}
		size, err1 := strconv.ParseInt(f[1], 10, 64)
		name, err2 := strconv.Unquote(f[2])
		if err1 != nil || err2 != nil {
			return map[string]listed{}, true
		}
		out[name] = listed{f[0], size}
	}
	return out, true
}

// maxNamed is how many unproven files a refusal names.
const maxNamed = 8

// unproven returns the files and folders under dir that its marker does
// not vouch for — not listed, or listed with another size or SHA-256 —
// as paths relative to dir, sorted (at most maxNamed+1 of them: enough
// to refuse and name them), and whether dir has a marker.
func unproven(dir string) ([]string, bool, error) {
	list, marked := readMarker(dir)
	if !marked {
		list = map[string]listed{}
	}
	// Folders that hold listed files are the tool's too.
	dirs := map[string]bool{}
	for n := range list {
		for d := path.Dir(n); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	var bad []string
	errEnough := errors.New("enough")
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case rel == markerName && marked:
			return nil
		case d.IsDir():
			if !dirs[rel] {
				bad = append(bad, rel+"/")
				return fs.SkipDir
			}
			return nil
		case !d.Type().IsRegular():
			bad = append(bad, rel)
		default:
			l, ok := list[rel]
			if !ok {
				bad = append(bad, rel)
				break
			}
			st, err := d.Info()
			if err != nil {
				return err
			}
			if st.Size() != l.size {
				bad = append(bad, rel)
				break
			}
			sum, _, err := hashFile(p)
			if err != nil {
				return err
			}
			if sum != l.sum {
				bad = append(bad, rel)
			}
		}
		if len(bad) > maxNamed {
			return errEnough
		}
		return nil
	})
	if err != nil && err != errEnough {
		return nil, marked, err
	}
	sort.Strings(bad)
	return bad, marked, nil
}

// nameFiles lists names for a message, at most maxNamed of them.
func nameFiles(names []string) string {
	if len(names) > maxNamed {
		return strings.Join(names[:maxNamed], ", ") + ", …"
	}
	return strings.Join(names, ", ")
}
