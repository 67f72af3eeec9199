package normalize

import (
	"net/url"
	"strings"
	"unicode"
)

// Handle normalises an online account name. platform is a hint taken from
// the column ("github", "LinkedIn URL", "twitter", "" ...); a profile URL
// names its own platform and wins over the hint. The key is
// "handle:<platform>:<name>", lower-cased, because every platform handled
// here matches names case-insensitively; twitter.com and x.com are one
// platform, "x".
//
// With no platform, a bare name or "@name" becomes "handle:@name": it
// deliberately does not match any platform's key, because the same handle
// on two sites is often two people and linking them is a judgment for the
// investigator, not for the importer. A link to a site that is not a
// known platform, or to a page that is not a profile, returns URL's ID.
func Handle(raw, platform string) (ID, error) {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return ID{}, newError(KindHandle, raw, "empty")
	case len(s) > maxInput:
		return ID{}, newError(KindHandle, raw, "too long")
	case hasControl(s):
		return ID{}, newError(KindHandle, raw, "contains control characters")
	}
	hint := platformHint(platform)
	if looksLikeURL(s) {
		pu, reason := parseWebURL(s)
		if reason != "" {
			return ID{}, newError(KindHandle, raw, reason)
		}
		if h, ok := profileHandle(pu); ok {
			return h, nil
		}
		return URL(s)
	}
	name := strings.TrimRight(s, "/")
	name = strings.TrimPrefix(name, "@")
	if hint == "linkedin" {
		name = strings.TrimPrefix(strings.TrimPrefix(name, "/"), "in/")
		if dec, err := url.PathUnescape(name); err == nil {
			name = dec // agree with the decoded slug of a profile URL
		}
	}
	if hint == "" {
		if !validHandle(name, "") {
			return ID{}, newError(KindHandle, raw, "invalid handle")
		}
		name = strings.ToLower(name)
		return ID{Kind: KindHandle, Key: KindHandle + ":@" + name, Label: "@" + name}, nil
	}
	id, ok := handleID(hint, name)
	if !ok {
		return ID{}, newError(KindHandle, raw, "invalid "+hint+" handle")
	}
	return id, nil
}

// handleID builds the ID of name on a platform, or ok=false if name is
// not a possible account name there.
func handleID(platform, name string) (ID, bool) {
	if !validHandle(name, platform) {
		return ID{}, false
	}
	name = strings.ToLower(name)
	label := "@" + name
	if _, known := platforms[platform]; known {
		label = profileURL(platform, name)
		// A name the site keeps for its own pages ("x.com/i",
		// "github.com/about") is no account: the profile URL must read
		// back as the same account.
		pu, reason := parseWebURL(label)
		if reason != "" {
			return ID{}, false
		}
		if p, n, ok := extractHandle(pu); !ok || p != platform || n != name {
			return ID{}, false
		}
	}
	return ID{
		Kind:  KindHandle,
		Key:   KindHandle + ":" + platform + ":" + name,
		Label: label,
		Attrs: map[string]any{"platform": platform},
	}, true
}

// profileURL is the canonical profile link, without scheme, of a name.
func profileURL(platform, name string) string {
	switch {
	case platform == "linkedin" && (strings.HasPrefix(name, "company/") || strings.HasPrefix(name, "school/")):
		return "linkedin.com/" + name
	case platform == "upwork" && !strings.HasPrefix(name, "~"):
		return "upwork.com/fl/" + name
	}
	return platforms[platform].profile + name
}

// validHandle accepts the characters account names are made of. Known
// platforms get their own alphabet; unknown ones (Skype's "live:.cid.…",
// Discord's "name#1234") a looser one.
func validHandle(name, platform string) bool {
	if name == "" || len(name) > 100 || strings.IndexFunc(name, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}) < 0 {
		return false
	}
	extra := "._-"
	switch platform {
	case "linkedin":
		extra = "._-%/" // company/<slug>; slugs may be percent-encoded Unicode
	case "upwork":
		extra = "._-~"
	case "facebook":
		extra = "._-:"
	default:
		if _, known := platforms[platform]; !known {
			extra = "._-~:+#"
		}
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(extra, r) {
			return false
		}
	}
	return true
}

// platformHint reads a column name or platform value: "GitHub URL",
// "twitter", "TG" and "Telegram handle" all name a platform.
func platformHint(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	for _, a := range hintAliases {
		if strings.Contains(s, a.word) {
			return a.platform
		}
	}
	if p, ok := shortHints[s]; ok {
		return p
	}
	// An unknown platform keeps its own namespace: its first word.
	word := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(word) == 0 || len(word[0]) > 32 {
		return ""
	}
	return word[0]
}

var shortHints = map[string]string{
	"x": "x", "tg": "telegram", "gh": "github", "li": "linkedin", "fb": "facebook", "ig": "instagram",
}

var hintAliases = [...]struct{ word, platform string }{
	{"github", "github"}, {"gitlab", "gitlab"}, {"linkedin", "linkedin"},
	{"twitter", "x"}, {"x.com", "x"}, {"telegram", "telegram"}, {"t.me", "telegram"},
	{"instagram", "instagram"}, {"facebook", "facebook"}, {"upwork", "upwork"},
	{"fiverr", "fiverr"}, {"freelancer", "freelancer"}, {"youtube", "youtube"},
	{"tiktok", "tiktok"}, {"medium", "medium"},
}

// platform describes how a site writes profile URLs.
type platform struct {
	domains []string // registrable domains; subdomains match too
	profile string   // Label prefix: the canonical profile URL without scheme
	// handle extracts the account name from a profile URL's decoded path
	// segments and query, or reports that the page is not a profile.
	handle func(segs []string, pu parsedURL) (string, bool)
}

var platforms = map[string]platform{
	"github":     {[]string{"github.com"}, "github.com/", firstSegment(githubReserved)},
	"gitlab":     {[]string{"gitlab.com"}, "gitlab.com/", firstSegment(gitlabReserved)},
	"linkedin":   {[]string{"linkedin.com"}, "linkedin.com/in/", linkedinHandle},
	"x":          {[]string{"twitter.com", "x.com"}, "x.com/", firstSegment(xReserved)},
	"telegram":   {[]string{"t.me", "telegram.me", "telegram.dog"}, "t.me/", telegramHandle},
	"instagram":  {[]string{"instagram.com"}, "instagram.com/", instagramHandle},
	"facebook":   {[]string{"facebook.com", "fb.com"}, "facebook.com/", facebookHandle},
	"upwork":     {[]string{"upwork.com"}, "upwork.com/freelancers/", upworkHandle},
	"fiverr":     {[]string{"fiverr.com"}, "fiverr.com/", firstSegment(fiverrReserved)},
	"freelancer": {[]string{"freelancer.com"}, "freelancer.com/u/", afterSegment("u")},
	"youtube":    {[]string{"youtube.com"}, "youtube.com/@", atSegment},
	"tiktok":     {[]string{"tiktok.com"}, "tiktok.com/@", atSegment},
	"medium":     {[]string{"medium.com"}, "medium.com/@", atSegment},
}

// platformForHost names the platform a host belongs to, or "".
func platformForHost(host string) string {
	for name, p := range platforms {
		for _, d := range p.domains {
			if host == d || strings.HasSuffix(host, "."+d) {
				return name
			}
		}
	}
	return ""
}

// profileHandle returns the handle ID a URL is the profile page of.
func profileHandle(pu parsedURL) (ID, bool) {
	platform, name, ok := extractHandle(pu)
	if !ok {
		return ID{}, false
	}
	return handleID(platform, name)
}

// extractHandle reads the platform and lower-cased account name a profile
// URL names, without validating the name.
func extractHandle(pu parsedURL) (platform, name string, ok bool) {
	host, _, _ := strings.Cut(pu.host, ":")
	// GitHub Pages: "kim-dev.github.io" is kim-dev's site.
	if user, ok := strings.CutSuffix(host, ".github.io"); ok && user != "" && !strings.Contains(user, ".") {
		return "github", strings.ToLower(user), true
	}
	platform = platformForHost(host)
	if platform == "" {
		return "", "", false
	}
	h, ok := platforms[platform].handle(pu.segs, pu)
	if !ok {
		return "", "", false
	}
	return platform, strings.ToLower(h), true
}

// firstSegment reads "site.com/<name>/…", skipping the site's own pages.
func firstSegment(reserved map[string]bool) func([]string, parsedURL) (string, bool) {
	return func(segs []string, _ parsedURL) (string, bool) {
		if len(segs) == 0 {
			return "", false
		}
		h := strings.TrimPrefix(segs[0], "@")
		if reserved[strings.ToLower(h)] {
			return "", false
		}
		return h, true
	}
}

// afterSegment reads "site.com/<marker>/<name>".
func afterSegment(marker string) func([]string, parsedURL) (string, bool) {
	return func(segs []string, _ parsedURL) (string, bool) {
		if len(segs) < 2 || !strings.EqualFold(segs[0], marker) {
			return "", false
		}
		return segs[1], true
	}
}

func atSegment(segs []string, _ parsedURL) (string, bool) {
	if len(segs) == 0 || !strings.HasPrefix(segs[0], "@") || len(segs[0]) == 1 {
		return "", false
	}
	return segs[0][1:], true
}

func linkedinHandle(segs []string, _ parsedURL) (string, bool) {
	if len(segs) < 2 {
		return "", false
	}
	switch strings.ToLower(segs[0]) {
	case "in", "pub":
		return segs[1], true
	case "company", "school":
		return strings.ToLower(segs[0]) + "/" + segs[1], true
	}
	return "", false
}

func telegramHandle(segs []string, _ parsedURL) (string, bool) {
	if len(segs) == 0 {
		return "", false
	}
	h := segs[0]
	if strings.EqualFold(h, "s") && len(segs) > 1 { // channel preview page
		h = segs[1]
	}
	// Invite links ("+AbC…", "joinchat/…") and private-channel links ("c/…")
	// name no public username.
	if strings.HasPrefix(h, "+") || telegramReserved[strings.ToLower(h)] {
		return "", false
	}
	return h, true
}

func instagramHandle(segs []string, _ parsedURL) (string, bool) {
	if len(segs) >= 2 && strings.EqualFold(segs[0], "stories") {
		return segs[1], true
	}
	return firstSegment(instagramReserved)(segs, parsedURL{})
}

func facebookHandle(segs []string, pu parsedURL) (string, bool) {
	if len(segs) == 1 && strings.EqualFold(segs[0], "profile.php") {
		id := pu.query.Get("id")
		return id, isDigits(id)
	}
	if len(segs) >= 3 && strings.EqualFold(segs[0], "people") && isDigits(segs[2]) {
		return segs[2], true
	}
	return firstSegment(facebookReserved)(segs, pu)
}

func upworkHandle(segs []string, _ parsedURL) (string, bool) {
	// upwork.com/freelancers/~01abc…, upwork.com/fl/name,
	// upwork.com/o/profiles/users/~01abc…
	for i, s := range segs {
		if strings.HasPrefix(s, "~") && len(s) > 1 {
			return s, true
		}
		if strings.EqualFold(s, "fl") && i+1 < len(segs) {
			return segs[i+1], true
		}
	}
	return "", false
}

var (
	githubReserved = set("about", "orgs", "organizations", "settings", "features", "marketplace",
		"pricing", "topics", "collections", "trending", "sponsors", "login", "join", "signup",
		"explore", "notifications", "pulls", "issues", "search", "enterprise", "site", "apps",
		"security", "new", "users", "contact", "customer-stories", "team", "readme", "codespaces",
		"discussions", "events", "github", "home", "logout", "dashboard", "stars", "watching")
	gitlabReserved = set("explore", "users", "help", "dashboard", "projects", "groups", "admin",
		"search", "-", "api", "public", "snippets", "profile", "sign_in", "users")
	xReserved = set("home", "i", "intent", "share", "search", "hashtag", "explore", "settings",
		"login", "signup", "messages", "notifications", "compose", "tos", "privacy", "about", "download")
	telegramReserved = set("joinchat", "c", "addstickers", "addemoji", "share", "proxy", "socks",
		"iv", "login", "setlanguage", "addtheme", "bg", "invoice", "confirmphone")
	instagramReserved = set("p", "reel", "reels", "explore", "accounts", "direct", "tv", "about",
		"developer", "legal", "stories")
	facebookReserved = set("groups", "pages", "events", "watch", "sharer", "sharer.php", "share",
		"login", "login.php", "marketplace", "photo.php", "permalink.php", "story.php", "gaming",
		"help", "policies", "privacy", "settings", "people", "profile.php", "home.php", "photo")
	fiverrReserved = set("categories", "gigs", "search", "start_selling", "pro", "resources",
		"support", "login", "join", "stores", "cp", "inbox", "users")
)
