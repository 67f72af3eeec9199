// Package sanitize makes text from records safe to draw on a terminal.
//
// Records are written by the people under investigation, so a name or an address can
// carry escape sequences that recolour, move the cursor, retitle the window or hide
// text. Everything printed that came from data passes through Text.
package sanitize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns s with escape sequences removed, control characters (C0, C1, DEL)
// and bidirectional overrides replaced by a visible placeholder, newlines and tabs
// turned into spaces, and invalid UTF-8 replaced by U+FFFD.
func Text(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == 0x1b: // ESC: drop the whole sequence
			i += escapeLen(s[i:])
			b.WriteRune('�')
			continue
		case r == 0x9b: // C1 CSI
			i += size + csiBodyLen(s[i+size:])
			b.WriteRune('�')
			continue
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || isBidi(r):
			b.WriteRune('�')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// clean reports whether s needs no change (the common case: no allocation).
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c >= 0x80 {
			if c >= 0x80 {
				return cleanSlow(s[i:])
			}
			return false
		}
	}
	return true
}

func cleanSlow(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) || isBidi(r) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// isBidi reports the explicit direction controls that can reorder what is shown.
func isBidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// escapeLen is the length of the escape sequence at the start of s (s[0] == ESC):
// CSI (ESC [ … final), OSC/DCS/APC/PM/SOS (… ST or BEL), or a two-byte escape.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiBodyLen(s[2:])
	case ']', 'P', '_', '^', 'X':
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	default:
		_, size := utf8.DecodeRuneInString(s[1:])
		return 1 + size
	}
}

// csiBodyLen is the length of a CSI sequence's parameters and final byte.
func csiBodyLen(s string) int {
	for j := 0; j < len(s); j++ {
		c := s[j]
		if c >= 0x40 && c <= 0x7e {
			return j + 1
		}
		if c < 0x20 || c > 0x7e {
			return j // not part of a CSI: stop before it
		}
	}
	return len(s)
}
