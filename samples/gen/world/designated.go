package world

// designee is one entry of the OFAC SDN list, as the list names it.
type designee struct{ entry, name string }

// Real SDN entries of the DPRK IT-worker and revenue-generation designations.
var (
	kimSangMan = designee{"43377", "KIM, Sang Man"}
	andreyev   = designee{"55065", "ANDREYEV, Vitaliy Sergeyevich"}
	yanbian    = designee{"24977", "YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD."}
	chinyong   = designee{"43379", "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY"}
	geumpungri = designee{"55062", "SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY CO., LTD"}
	sobaeksu   = designee{"54764", "KOREA SOBAEKSU TRADING CORPORATION"}
	kimUngSun  = designee{"55064", "KIM, Ung Sun"}
	joKyongHun = designee{"54800", "JO, Kyong Hun"}
)

// designatedWallets are digital-currency addresses published in the SDN
// entries above, so a chain that reaches them reaches a designated person.
var designatedWallets = []struct {
	addr string
	who  designee
}{
	{"0x97b1043abd9e6fc31681635166d430a458d14f9c", kimSangMan},
	{"1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T", andreyev},
	{"1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", kimSangMan},
}

// designatedCompanies are front companies, spelled as ledgers spell them
// (romanisation variants, abbreviations, the list's own a.k.a.s).
var designatedCompanies = []struct {
	spellings []string
	who       designee
}{
	{[]string{"Yanbian Silverstar Network Technology Co Ltd", "YANBIAN SILVER STAR NETWORK TECH CO., LTD", "Yanbian Silverstar Network Tech. Co., Ltd."}, yanbian},
	{[]string{"Chinyong Information Technology Cooperation Co.", "CHINYONG IT COOPERATION COMPANY", "Jinyong Information Technology Cooperation Company"}, chinyong},
	{[]string{"Shenyang Geumpungri Network Tech Co., Ltd", "SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY CO LTD", "Shenyang Kumpungri Network Technology Co."}, geumpungri},
	{[]string{"Korea Sobaeksu Trading Corp", "KOREA SOBAEKSU TRADING CORPORATION", "Sobaeksu United Corp."}, sobaeksu},
}

// designatedPeople are designated individuals whose names planted profiles
// carry in another romanisation or order.
var designatedPeople = []struct {
	spellings     []string
	given, family string // for the e-mail address that goes with the name
	who           designee
}{
	{[]string{"Kim Sangman", "Sang-man KIM", "Kim Sang-man", "Sangman Kim"}, "Sangman", "Kim", kimSangMan},
	{[]string{"Kim Ung-sun", "Ung Sun Kim", "Kim Eung-sun", "KIM UNGSUN"}, "Ungsun", "Kim", kimUngSun},
	{[]string{"Jo Kyong-hun", "Cho Kyong Hun", "Kyong-hun Jo", "Jo Kyonghun"}, "Kyonghun", "Jo", joKyongHun},
}

// plainConsolidators are consolidation beneficiaries with no designation.
var plainConsolidators = fields("Hong Kong Xinda Trading Ltd,Dalian Haoyu Software Co. Ltd,Golden Bridge Consulting FZE,Liaoning Hengtong Import & Export Co.,Sinan Digital Services Ltd,Dandong Rongxin Commerce Co. Ltd")

// links says which designated items a network's money or names reach.
type links struct {
	wallets, companies []int // indices into designatedWallets / designatedCompanies
	person             int   // index into designatedPeople, or -1
}

// linkPlan spreads the designated items over the networks: every item is
// used at least once, and every fifth network (at least one) stays clean —
// a laptop farm found only through shared identifiers.
func linkPlan(count int) []links {
	plan := make([]links, count)
	var linked []int
	for i := range plan {
		plan[i].person = -1
		if i%5 != 4 && !(count < 5 && i == count-1) {
			linked = append(linked, i)
		}
	}
	L := len(linked)
	if L <= 5 {
		for j := range designatedWallets {
			n := linked[j%L]
			plan[n].wallets = append(plan[n].wallets, j)
		}
		for j := range designatedCompanies {
			n := linked[(j+1)%L]
			plan[n].companies = append(plan[n].companies, j)
		}
		for j := range designatedPeople {
			if n := linked[(j+2)%L]; plan[n].person < 0 {
				plan[n].person = j
			}
		}
		return plan
	}
	var cw, cc, cp int
	for j, n := range linked {
		if j%4 != 1 {
			plan[n].wallets = []int{cw % len(designatedWallets)}
			cw++
		}
		if j%4 != 0 {
			plan[n].companies = []int{cc % len(designatedCompanies)}
			cc++
		}
		if j%4 == 3 {
			plan[n].person = cp % len(designatedPeople)
			cp++
		}
	}
	return plan
}
