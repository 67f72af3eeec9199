package world

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// This file draws the per-person identifiers of a profile (e-mail, phone,
// address, handles, payout account), each unique across the world unless a
// network or hub shares it on purpose.

var globalMail = []string{"gmail.com", "gmail.com", "gmail.com", "gmail.com", "gmail.com", "gmail.com", "gmail.com", "gmail.com", "outlook.com", "outlook.com", "hotmail.com", "yahoo.com", "yahoo.com", "proton.me", "protonmail.com", "icloud.com"}

// foldEmail is the mailbox an address delivers to: lower-case, +tag dropped,
// and for Gmail dots dropped and googlemail.com mapped to gmail.com.
func foldEmail(addr string) string {
	addr = strings.ToLower(addr)
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return addr
	}
	local, domain := addr[:at], addr[at+1:]
	if i := strings.IndexByte(local, '+'); i >= 0 {
		local = local[:i]
	}
	if domain == "googlemail.com" {
		domain = "gmail.com"
	}
	if domain == "gmail.com" {
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + domain
}

// newEmail returns a fresh address for p, unique by mailbox.
func (w *world) newEmail(r *rand.Rand, p person, c *country) string {
	g, f := p.emailParts()
	if g == "" {
		g = "user"
	}
	if f == "" {
		f = "mail"
	}
	for try := 0; ; try++ {
		var local string
		switch r.IntN(9) {
		case 0, 1:
			local = g + "." + f
		case 2:
			local = g + f
		case 3:
			local = g[:1] + "." + f
		case 4:
			local = g + "_" + f
		case 5:
			local = f + "." + g
		case 6:
			local = g + f[:1] + digits(r, 2)
		case 7:
			local = g + "." + f + strconv.Itoa(1975+r.IntN(30))
		default:
			local = f + g[:1] + digits(r, 2)
		}
		if try > 2 {
			local += digits(r, 1+try/3)
		}
		var domain string
		switch k := r.IntN(100); {
		case k < 22 && len(c.mail) > 0:
			domain = pick(r, c.mail)
		case k < 30:
			domain = pick(r, []string{f + ".dev", g + f + ".com", f + "-studio.com", g + "codes.io", f + "labs.io"})
		default:
			domain = pick(r, globalMail)
		}
		addr := local + "@" + domain
		if w.claim("email:" + foldEmail(addr)) {
			return addr
		}
	}
}

// newPhone returns a fresh number of country c, written as people do.
func (w *world) newPhone(r *rand.Rand, c *country) string {
	for {
		p := c.phones[0]
		if len(c.phones) > 1 && chance(r, 0.15) {
			p = pick(r, c.phones[1:])
		}
		nsn := newNSN(r, p)
		if w.claim("phone:" + p.cc + nsn) {
			return formatPhone(r, c.code, p, nsn)
		}
	}
}

// newAddress returns a street line, city and postal code in c.
func newAddress(r *rand.Rand, c *country) (street, cityName, postal string) {
	ct := pick(r, c.cities)
	return newStreet(r, c), ct.name, fillTemplate(r, ct.postal)
}

func num(r *rand.Rand, lo, hi int) string { return strconv.Itoa(lo + r.IntN(hi-lo+1)) }

// newStreet writes a street line in the local convention (number first or
// last, flat/unit notation, district names).
func newStreet(r *rand.Rand, c *country) string {
	s := pick(r, c.streets)
	unit := chance(r, 0.35)
	switch c.code {
	case "US":
		line := num(r, 10, 9899) + " " + s + " " + pick(r, []string{"St", "Street", "Ave", "Avenue", "Rd", "Dr", "Ln", "Blvd", "Ct", "Way"})
		if unit {
			line += pick(r, []string{" Apt ", " Apt. ", " #", " Unit ", ", Apt "}) + num(r, 1, 30) + pick(r, []string{"", "A", "B", "C"})
		}
		return line
	case "CA":
		line := num(r, 10, 2999) + " " + s + " " + pick(r, []string{"St", "Street", "Ave", "Rd", "Blvd"}) + pick(r, []string{"", "", " W", " E"})
		if unit {
			return num(r, 101, 2405) + "-" + line
		}
		return line
	case "GB":
		if unit {
			return "Flat " + num(r, 1, 24) + ", " + num(r, 1, 220) + " " + s
		}
		return num(r, 1, 220) + " " + s
	case "DE", "NL":
		return s + " " + num(r, 1, 180) + pick(r, []string{"", "", "", "a", "b"})
	case "PL":
		line := "ul. " + s + " " + num(r, 1, 150)
		if unit {
			line += "/" + num(r, 1, 60)
		}
		return line
	case "UA":
		line := s + ", " + num(r, 1, 120)
		if unit {
			line += ", kv. " + num(r, 1, 200)
		}
		return line
	case "RO":
		return s + " nr. " + num(r, 1, 140) + pick(r, []string{"", ", bl. A2, ap. " + num(r, 1, 80)})
	case "TR":
		return s + " No:" + num(r, 1, 200) + " D:" + num(r, 1, 30)
	case "ES":
		return s + " " + num(r, 1, 140) + ", " + num(r, 1, 8) + "º " + pick(r, []string{"A", "B", "C", "D"})
	case "FR":
		return num(r, 1, 150) + pick(r, []string{"", "", " bis"}) + " " + s
	case "IN":
		return "Flat " + num(r, 101, 1204) + ", " + pick(r, []string{"Sai Residency", "Prestige Towers", "Green Park Apartments", "Sobha Elite", "Lake View Enclave"}) + ", " + s
	case "PK":
		return "House " + num(r, 1, 400) + ", " + s + ", " + pick(r, []string{"F-7/2", "G-11/3", "DHA Phase 5", "Gulberg III", "Bahria Town", "Model Town"})
	case "PH":
		return num(r, 1, 3000) + " " + s + ", Brgy. " + pick(r, []string{"San Antonio", "Poblacion", "Bel-Air", "San Isidro", "Santo Niño"})
	case "VN":
		return num(r, 1, 400) + " " + s + ", Phuong " + num(r, 1, 15) + ", Quan " + num(r, 1, 12)
	case "BR":
		line := s + ", " + num(r, 1, 2500)
		if unit {
			line += ", Apto " + num(r, 11, 184)
		}
		return line
	case "AR":
		return s + " " + num(r, 100, 5999) + ", Piso " + num(r, 1, 14) + " Depto " + pick(r, []string{"A", "B", "C", "D"})
	case "NG", "KE":
		if unit {
			return "Flat " + num(r, 1, 20) + ", " + num(r, 1, 120) + " " + s
		}
		return num(r, 1, 120) + " " + s
	case "EG":
		return num(r, 1, 90) + " " + s + ", Apt " + num(r, 1, 40)
	case "CN":
		return "Room " + num(r, 101, 2808) + ", No. " + num(r, 1, 500) + " " + s
	case "JP":
		return num(r, 1, 6) + "-" + num(r, 1, 30) + "-" + num(r, 1, 20) + " " + s
	case "KR":
		line := num(r, 1, 600) + " " + s
		if unit {
			line += ", Apt " + num(r, 101, 120) + "-" + num(r, 101, 2504)
		}
		return line
	}
	return num(r, 1, 200) + " " + s
}

// newHandle returns a unique GitHub-style handle for p.
func (w *world) newHandle(r *rand.Rand, p person) string {
	g, f := p.emailParts()
	if g == "" || f == "" {
		g, f = "dev", "user"+f
	}
	for try := 0; ; try++ {
		var h string
		switch r.IntN(6) {
		case 0:
			h = g + "-" + f
		case 1:
			h = g[:1] + f
		case 2:
			h = g + f + digits(r, 2)
		case 3:
			h = f + "-" + g[:1]
		case 4:
			h = g + "-dev"
		default:
			h = g + f
		}
		if try > 1 {
			h += digits(r, try/2+1)
		}
		if w.claim("handle:" + h) {
			return h
		}
	}
}

// writeGitHub renders a handle as a URL, a bare handle or an @mention.
func writeGitHub(r *rand.Rand, h string) string {
	return pick(r, []string{"https://github.com/" + h, "https://github.com/" + h, "github.com/" + h, h, "@" + h, "https://github.com/" + h + "/"})
}

// writeLinkedIn renders a profile slug the ways people paste it.
func writeLinkedIn(r *rand.Rand, slug string) string {
	return pick(r, []string{"https://www.linkedin.com/in/" + slug + "/", "https://www.linkedin.com/in/" + slug, "linkedin.com/in/" + slug, slug})
}

// newIPs returns a login-IP cell: mostly one IPv4, some IPv6, a few two values.
func (w *world) newIPs(r *rand.Rand) string {
	one := func() string {
		for {
			var s string
			if chance(r, 0.1) {
				s = newIPv6(r).String()
			} else {
				s = newIPv4(r).String()
			}
			if w.claim("ip:" + s) {
				return s
			}
		}
	}
	if chance(r, 0.04) {
		return one() + ";" + one()
	}
	return one()
}

// newDevice returns a device id; iOS-style ids are upper-case.
func newDevice(r *rand.Rand) string {
	switch k := r.IntN(20); {
	case k == 0:
		return ""
	case k < 4:
		return strings.ToUpper(newUUID(r))
	}
	return newUUID(r)
}
