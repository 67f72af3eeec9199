package normalize

import "testing"

func TestHandleWrittenDifferentlyGivesOneKey(t *testing.T) {
	tests := []struct{ name, in, platform, key string }{
		{"github URL with trailing slash", "https://github.com/Kim-Dev/", "", "handle:github:kim-dev"},
		{"github without scheme", "github.com/kim-dev", "", "handle:github:kim-dev"},
		{"github www", "http://www.github.com/kim-dev?tab=repositories", "", "handle:github:kim-dev"},
		{"github repository names its owner", "https://github.com/kim-dev/payroll-bot", "", "handle:github:kim-dev"},
		{"github pages", "https://kim-dev.github.io/", "", "handle:github:kim-dev"},
		{"at-name with platform", "@kim-dev", "github", "handle:github:kim-dev"},
		{"bare name with platform", "Kim-Dev", "github", "handle:github:kim-dev"},
		{"platform from column name", "kim-dev", "GitHub URL", "handle:github:kim-dev"},
		{"URL wins over hint", "https://github.com/kim-dev", "linkedin", "handle:github:kim-dev"},
		{"linkedin profile", "https://www.linkedin.com/in/Kim-SM-1a2b3c/?originalSubdomain=kr", "", "handle:linkedin:kim-sm-1a2b3c"},
		{"linkedin country subdomain", "kr.linkedin.com/in/kim-sm-1a2b3c", "", "handle:linkedin:kim-sm-1a2b3c"},
		{"linkedin slug with hint", "in/kim-sm-1a2b3c", "linkedin", "handle:linkedin:kim-sm-1a2b3c"},
		{"linkedin percent-encoded slug", "https://www.linkedin.com/in/%EA%B9%80-dev", "", "handle:linkedin:김-dev"},
		{"linkedin encoded slug with hint", "%EA%B9%80-dev", "LinkedIn", "handle:linkedin:김-dev"},
		{"linkedin company", "https://www.linkedin.com/company/acme-dev/", "", "handle:linkedin:company/acme-dev"},
		{"twitter is x", "https://twitter.com/KimDev", "", "handle:x:kimdev"},
		{"x.com", "https://x.com/kimdev/status/123", "", "handle:x:kimdev"},
		{"mobile twitter", "mobile.twitter.com/kimdev", "", "handle:x:kimdev"},
		{"twitter hint", "@KimDev", "twitter", "handle:x:kimdev"},
		{"telegram link", "https://t.me/Kim_Dev", "", "handle:telegram:kim_dev"},
		{"telegram channel preview", "t.me/s/kim_dev", "", "handle:telegram:kim_dev"},
		{"telegram hint", "@kim_dev", "telegram", "handle:telegram:kim_dev"},
		{"instagram", "https://www.instagram.com/kim.dev/", "", "handle:instagram:kim.dev"},
		{"facebook profile id", "https://m.facebook.com/profile.php?id=100012345", "", "handle:facebook:100012345"},
		{"upwork freelancer", "https://www.upwork.com/freelancers/~01A2B3C4D5", "", "handle:upwork:~01a2b3c4d5"},
		{"youtube", "https://www.youtube.com/@KimDev", "", "handle:youtube:kimdev"},
		{"no platform", "@KimDev", "", "handle:@kimdev"},
		{"no platform, no at", "kimdev", "", "handle:@kimdev"},
		{"unknown platform keeps its namespace", "live:.cid.7f3a", "Skype ID", "handle:skype:live:.cid.7f3a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := Handle(tt.in, tt.platform)
			if err != nil {
				t.Fatalf("Handle(%q, %q): %v", tt.in, tt.platform, err)
			}
			if id.Key != tt.key || id.Kind != KindHandle {
				t.Errorf("Handle(%q, %q) = %s %q, want %q", tt.in, tt.platform, id.Kind, id.Key, tt.key)
			}
			again, err := Handle(id.Label, tt.platform)
			if err != nil || again.Key != id.Key {
				t.Errorf("Handle(Label %q) = %q, %v; want %q", id.Label, again.Key, err, id.Key)
			}
		})
	}
}

func TestHandleNonProfileLinksBecomeURLs(t *testing.T) {
	tests := []struct{ in, key string }{
		{"https://example.com/about/", "url:example.com/about"},
		{"https://github.com/orgs/acme", "url:github.com/orgs/acme"},
		{"https://t.me/+AbCdEf123", "url:t.me/+AbCdEf123"},
		{"https://www.linkedin.com/jobs/view/123", "url:linkedin.com/jobs/view/123"},
		{"https://twitter.com/", "url:twitter.com"},
	}
	for _, tt := range tests {
		id, err := Handle(tt.in, "")
		if err != nil {
			t.Fatalf("Handle(%q): %v", tt.in, err)
		}
		if id.Key != tt.key || id.Kind != KindURL {
			t.Errorf("Handle(%q) = %s %q, want %q", tt.in, id.Kind, id.Key, tt.key)
		}
	}
}

func TestHandleRejects(t *testing.T) {
	tests := []struct{ in, platform string }{
		{"", "github"}, {"kim dev", "github"}, {"kim<script>", "x"}, {"@", ""},
		{"kim\x00dev", ""}, {"https://exa mple.com/x", ""},
	}
	for _, tt := range tests {
		if id, err := Handle(tt.in, tt.platform); err == nil {
			t.Errorf("Handle(%q, %q) = %q, want error", tt.in, tt.platform, id.Key)
		}
	}
}

func TestURLNormalisesHostAndPath(t *testing.T) {
	tests := []struct{ name, in, key string }{
		{"scheme, www, default port, query, fragment", "https://WWW.Example.com:443/Path/To/?utm_source=x#top", "url:example.com/Path/To"},
		{"no scheme", "example.com/Path/To", "url:example.com/Path/To"},
		{"http", "http://example.com", "url:example.com"},
		{"mobile host", "https://m.example.com/a", "url:example.com/a"},
		{"non-default port kept", "http://example.com:8080/a", "url:example.com:8080/a"},
		{"user info dropped", "https://user:secret@example.com/a", "url:example.com/a"},
		{"escaped path stable", "https://example.com/a%20b/", "url:example.com/a%20b"},
		{"IPv6 host", "http://[2001:db8::1]:8080/x", "url:[2001:db8::1]:8080/x"},
		{"protocol-relative", "//example.com/a", "url:example.com/a"},
		{"two-label host keeps m.", "https://m.com/a", "url:m.com/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := URL(tt.in)
			if err != nil {
				t.Fatalf("URL(%q): %v", tt.in, err)
			}
			if id.Key != tt.key {
				t.Errorf("URL(%q) = %q, want %q", tt.in, id.Key, tt.key)
			}
			again, err := URL(id.Label)
			if err != nil || again.Key != id.Key {
				t.Errorf("URL(Label %q) = %q, %v", id.Label, again.Key, err)
			}
		})
	}
}

func TestURLOfProfileAlsoMatchesHandle(t *testing.T) {
	id, err := URL("https://github.com/Kim-Dev")
	if err != nil {
		t.Fatal(err)
	}
	if id.Key != "url:github.com/Kim-Dev" || len(id.Also) != 1 || id.Also[0].Key != "handle:github:kim-dev" {
		t.Errorf("got %q also %v", id.Key, id.Also)
	}
}

func TestURLRejects(t *testing.T) {
	for _, in := range []string{"", "javascript:alert(1)", "ftp://example.com/x", "mailto:kim@example.com",
		"kim@example.com", "localhost", "https://", "http://exa mple.com", "https://ex_ample..com"} {
		if id, err := URL(in); err == nil {
			t.Errorf("URL(%q) = %q, want error", in, id.Key)
		}
	}
}
