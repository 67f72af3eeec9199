package importdlg

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// maxCandidates bounds the names a completion lists (a folder of a million
// files must not freeze the dialog).
const maxCandidates = 200

// completedMsg is the completion of a typed path: what was typed, and the
// paths it could go on to (directories end in /).
type completedMsg struct {
	typed  string
	paths  []string
	prefix string // the longest prefix of every match, listed or not
	more   bool   // more entries matched than are listed
	err    error
}

// completePath lists the entries of the typed path's directory whose names
// start with its last part, as a shell's Tab does (hidden files only when the
// part starts with a dot).
func completePath(typed string) completedMsg {
	msg := completedMsg{typed: typed}
	dir, part := filepath.Split(typed)
	read := dir
	if read == "" {
		read = "."
	}
	if expanded, err := expandHome(read); err == nil {
		read = expanded
	}
	f, err := os.Open(read)
	if err != nil {
		msg.err = err
		return msg
	}
	defer f.Close()
	n := 0
	for {
		entries, err := f.ReadDir(1024)
		for _, e := range entries {
			name := e.Name()
			if !strings.HasPrefix(name, part) || (strings.HasPrefix(name, ".") && !strings.HasPrefix(part, ".")) {
				continue
			}
			n++
			p := dir + name
			if len(msg.paths) == maxCandidates {
				msg.more = true
			} else {
				if isDir(read, e) {
					p += string(filepath.Separator)
				}
				msg.paths = append(msg.paths, p)
			}
			if n == 1 {
				msg.prefix = p
			} else {
				msg.prefix = commonPrefix([]string{msg.prefix, p})
			}
		}
		if err != nil || len(entries) == 0 {
			break
		}
	}
	sort.Strings(msg.paths)
	return msg
}

// isDir follows a symbolic link to say whether the entry is a directory.
func isDir(dir string, e os.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	if e.Type()&os.ModeSymlink == 0 {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, e.Name()))
	return err == nil && fi.IsDir()
}

// commonPrefix is the longest prefix every path shares.
func commonPrefix(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	p := paths[0]
	for _, s := range paths[1:] {
		for !strings.HasPrefix(s, p) {
			p = p[:len(p)-1]
		}
	}
	return strings.ToValidUTF8(p, "")
}
