package normalize

import "testing"

func TestEmailWrittenDifferentlyGivesOneKey(t *testing.T) {
	tests := []struct{ name, in, key string }{
		{"plain", "kim.sm@example.com", "email:kim.sm@example.com"},
		{"upper case", "Kim.SM@Example.COM", "email:kim.sm@example.com"},
		{"surrounding space", "  kim.sm@example.com\t", "email:kim.sm@example.com"},
		{"mailto link", "mailto:kim.sm@example.com", "email:kim.sm@example.com"},
		{"mailto with query", "MAILTO:kim.sm@example.com?subject=Invoice", "email:kim.sm@example.com"},
		{"display name", "Kim Song-min <kim.sm@example.com>", "email:kim.sm@example.com"},
		{"quoted display name with comma", `"Kim, Song-min" <Kim.SM@example.com>`, "email:kim.sm@example.com"},
		{"angle brackets only", "<kim.sm@example.com>", "email:kim.sm@example.com"},
		{"quoted", `"kim.sm@example.com"`, "email:kim.sm@example.com"},
		{"trailing full stop", "kim.sm@example.com.", "email:kim.sm@example.com"},
		{"plus tag kept in key", "kim.sm+work@gmail.com", "email:kim.sm+work@gmail.com"},
		{"IDN domain kept in Unicode", "kim@Bücher.example", "email:kim@bücher.example"},
		{"IDN decomposed is composed", "kim@bu\u0308cher.example", "email:kim@bücher.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := Email(tt.in)
			if err != nil {
				t.Fatalf("Email(%q): %v", tt.in, err)
			}
			if id.Key != tt.key || id.Kind != KindEmail {
				t.Errorf("Email(%q) = %s %q, want %q", tt.in, id.Kind, id.Key, tt.key)
			}
		})
	}
}

func TestEmailFoldedFormIsAlsoKey(t *testing.T) {
	tests := []struct{ in, also string }{
		{"kim.sm+work@gmail.com", "email:kimsm@gmail.com"},
		{"Kim.S.M@googlemail.com", "email:kimsm@gmail.com"},
		{"kim+upwork@protonmail.com", "email:kim@protonmail.com"},
		{"k.i.m@gmail.com", "email:kim@gmail.com"},
		{"kim@googlemail.com", "email:kim@gmail.com"},
		{"kim.sm@example.com", ""}, // dots matter outside Gmail
		{"kim@gmail.com", ""},      // already folded
		{"+tag@example.com", ""},   // nothing before the tag: not a tag
	}
	for _, tt := range tests {
		id, err := Email(tt.in)
		if err != nil {
			t.Fatalf("Email(%q): %v", tt.in, err)
		}
		got := ""
		if len(id.Also) > 0 {
			got = id.Also[0].Key
		}
		if got != tt.also {
			t.Errorf("Email(%q).Also = %q, want %q", tt.in, got, tt.also)
		}
	}
}

func TestEmailAttrsCarryDomainAndDisplayName(t *testing.T) {
	id, err := Email("Kim <kim@Example.com>")
	if err != nil {
		t.Fatal(err)
	}
	if id.Attrs["domain"] != "example.com" || id.Attrs["display_name"] != "Kim" {
		t.Errorf("attrs = %v", id.Attrs)
	}
}

func TestEmailRejectsNonAddresses(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"", "empty"},
		{"kim at example", `missing "@"`},
		{"kim@@example.com", `more than one "@"`},
		{"kim@a@example.com", `more than one "@"`},
		{"@example.com", "empty local part"},
		{"kim@", "empty domain"},
		{"kim@localhost", "domain has no dot"},
		{"kim sm@example.com", "contains spaces or control characters"},
		{"kim@exa mple.com", "forbidden character in domain"},
		{"kim@example..com", "empty domain label"},
		{"kim@-example.com", "domain label starts or ends with a hyphen"},
		{"kim(x)@example.com", "forbidden character in local part"},
		{"Kim <kim@example.com", `unclosed "<"`},
	}
	for _, tt := range tests {
		_, err := Email(tt.in)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("Email(%q) err = %v, want *Error", tt.in, err)
			continue
		}
		if e.Reason != tt.reason || e.Kind != KindEmail {
			t.Errorf("Email(%q) reason = %q, want %q", tt.in, e.Reason, tt.reason)
		}
	}
}
