package world

import (
	"strings"
)

// hubs are identifiers that many unrelated, innocent contractors share. A
// graph tool that treats every shared identifier as collusion drowns in them.
type hubs struct {
	cowork, vpn, agency, big, pooled []int // member indices

	coworkCountry *country
	coworkCity    city
	coworkName    string
	coworkIP      string
	vpnIP         string

	agencyCountry                       *country
	agencyName                          string
	agencyStreet, agencyCity, agencyZIP string

	bigClient int // index into world.clients

	processor     string // the payment processor holding the pooled account
	pooledAccount string // as written
}

// client is a company that pays contractors.
type client struct {
	name, country string
	account       string // operating account, sometimes shown as payer_account
	payroll       string // the account treasury transfers fund
	currency      string
}

var (
	clientStems  = fields("Northwind,Blue Harbor,Redwood,Summit,Bright Path,Ironclad,Silverline,Granite,Evergreen,Crescent,Pioneer,Atlas,Horizon,Lumen,Vertex,Keystone,Harborview,Clearwater,Meridian,Oakridge,Sterling,Cobalt,Juniper,Aurora,Beacon,Cascade,Copperleaf,Falcon,Greenfield,Highland,Nimbus,Orchid,Polaris,Quantum,Riverstone,Sapphire,Tidewater,Westbrook,Brightwater,Stonebridge")
	clientTrades = fields("Logistics,Analytics,Software,Health,Media,Retail,Capital,Robotics,Energy,Foods,Labs,Systems,Digital,Games,Learning,Security,Mobility,Travel,Insurance,Biotech")
	clientForms  = []struct{ country, suffix string }{
		{"US", "Inc"}, {"US", "LLC"}, {"US", "Corp."}, {"US", "Inc."}, {"GB", "Ltd"}, {"GB", "Limited"},
		{"DE", "GmbH"}, {"NL", "B.V."}, {"FR", "SAS"}, {"PL", "Sp. z o.o."}, {"US", "Technologies Inc"}, {"GB", "Group Ltd"},
	}
)

// newClients draws the paying companies, with accounts in their countries.
func (w *world) newClients() {
	r := w.r
	n := min(4000, max(12, len(w.people)/40))
	for len(w.clients) < n {
		f := pick(r, clientForms)
		name := pick(r, clientStems) + " " + pick(r, clientTrades) + " " + f.suffix
		if !w.claim("client:" + name) {
			continue
		}
		w.clients = append(w.clients, w.newClient(name, f.country))
	}
}

func (w *world) newClient(name, cc string) client {
	r := w.r
	c := client{name: name, country: cc, currency: "USD"}
	if cc == "US" {
		c.account = newABA(r) + " " + digits(r, 10)
		c.payroll = newABA(r) + " " + digits(r, 10)
	} else {
		c.account = groupIBAN(w.newUniqueIBAN(r, cc))
		c.payroll = groupIBAN(w.newUniqueIBAN(r, cc))
		c.currency = "EUR"
		if cc == "GB" {
			c.currency = "GBP"
		}
	}
	return c
}

// newHubs picks the hubs' places and identifiers.
func (w *world) newHubs() {
	r, h := w.r, &w.hubs
	h.coworkCountry = w.byCode[pick(r, []string{"IN", "PH", "UA", "PL", "VN", "NG", "KE"})]
	h.coworkCity = pick(r, h.coworkCountry.cities)
	h.coworkName = pick(r, []string{"WorkHub", "Spaces", "The Hive", "Impact Hub", "CoLab"}) + " " + h.coworkCity.name
	h.coworkIP = newIPv4(r).String()
	w.claim("ip:" + h.coworkIP)
	h.vpnIP = newIPv4(r).String()
	w.claim("ip:" + h.vpnIP)

	h.agencyCountry = w.byCode[pick(r, []string{"PL", "UA", "IN", "PH", "RO"})]
	h.agencyName = pick(r, clientStems) + " Software House"
	h.agencyStreet, h.agencyCity, h.agencyZIP = newAddress(r, h.agencyCountry)

	w.clients = append(w.clients, w.newClient("Globex Talent Partners Inc", "US"))
	h.bigClient = len(w.clients) - 1

	h.processor = "Payoneer Inc."
	h.pooledAccount = groupIBAN(w.newUniqueIBAN(r, "GB"))
}

// applyHubs gives hub members their shared identifier and records the hubs.
func (w *world) applyHubs() {
	r, h := w.r, &w.hubs
	for _, i := range h.cowork {
		c := &w.people[i]
		c.city, c.postal = h.coworkCity.name, fillTemplate(r, h.coworkCity.postal)
		c.ip = h.coworkIP
		if chance(r, 0.3) {
			c.ip += ";" + w.newIPs(r)
		}
	}
	for _, i := range h.vpn {
		c := &w.people[i]
		if chance(r, 0.2) {
			c.ip = strings.SplitN(c.ip, ";", 2)[0] + ";" + h.vpnIP
		} else {
			c.ip = h.vpnIP
		}
	}
	for _, i := range h.agency {
		c := &w.people[i]
		c.street, c.city, c.postal = h.agencyStreet, h.agencyCity, h.agencyZIP
	}
	for _, i := range h.pooled {
		w.people[i].pay.account = h.pooledAccount
		w.people[i].pay.canon = strings.ReplaceAll(h.pooledAccount, " ", "")
	}
	add := func(kind, value, why string, members []int) {
		ids := make([]string, len(members))
		for k, i := range members {
			ids[k] = w.people[i].id
		}
		w.truth.Hubs = append(w.truth.Hubs, Hub{Kind: kind, Value: value, Members: len(ids), Why: why, MemberIDs: ids})
	}
	add("ip", h.coworkIP, "coworking space public IP ("+h.coworkName+")", h.cowork)
	add("ip", h.vpnIP, "commercial VPN exit IP", h.vpn)
	add("address", h.agencyStreet+", "+h.agencyZIP+" "+h.agencyCity+", "+h.agencyCountry.code, "agency office ("+h.agencyName+") shared by its staff", h.agency)
	add("payer", w.clients[h.bigClient].name, "big client paying many contractors", h.big)
	add("payout_account", h.pooledAccount, "payment processor pooled receiving account ("+h.processor+")", h.pooled)
}
