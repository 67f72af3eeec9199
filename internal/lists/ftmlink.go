package lists

// ftmLink attaches, within one file, what FtM keeps in separate entities to the
// parties they describe: sanction programmes and listing dates, link relations
// on their subject, referenced Address entities, wallets and passports on their
// holder. addrRefs[i] lists the Address ids recs[i] references. Targets missing
// from the file are left alone: their link records still carry the ids.
func ftmLink(recs []FtMRecord, addrRefs [][]string) {
	// The first record of an id wins: a delta stream may carry one id twice.
	byID := make(map[string]int, len(recs))
	for i := range recs {
		if _, ok := byID[recs[i].Entity.ID]; !ok && recs[i].Op != "DEL" {
			byID[recs[i].Entity.ID] = i
		}
	}
	party := func(id string) *Entry {
		if i, ok := byID[id]; ok && recs[i].Entity.Type != "" {
			return &recs[i].Entity
		}
		return nil
	}
	for i := range recs {
		src := &recs[i].Entity
		for _, ref := range addrRefs[i] {
			if j, ok := byID[ref]; ok && recs[j].Schema == "Address" && src.Type != "" {
				for _, a := range recs[j].Entity.Addresses {
					src.Addresses = ftmMergeAddress(src.Addresses, a)
				}
			}
		}
		switch recs[i].Schema {
		case "Sanction":
			for _, r := range src.Relations {
				if t := party(r.TargetID); t != nil {
					t.Programs = ftmAppendNew(t.Programs, src.Programs...)
					t.ListedOn = ftmEarliest(t.ListedOn, src.ListedOn)
				}
			}
		case "CryptoWallet", "Passport", "Identification":
			for _, r := range src.Relations {
				t := party(r.TargetID)
				if t == nil {
					continue
				}
				for _, w := range src.Wallets {
					if !ftmHasWallet(t.Wallets, w) {
						t.Wallets = append(t.Wallets, w)
					}
				}
				for _, d := range src.Documents {
					if !ftmHasDoc(t.Documents, d) {
						t.Documents = append(t.Documents, d)
					}
				}
			}
		default:
			l, ok := ftmLinks[recs[i].Schema]
			if !ok {
				continue
			}
			for _, s := range src.Relations {
				subj := party(s.TargetID)
				if s.Kind != l.subj || subj == nil {
					continue
				}
				for _, o := range src.Relations {
					if o.Kind != l.obj {
						continue
					}
					rel := Relation{Kind: l.kind, TargetID: o.TargetID}
					if t := party(o.TargetID); t != nil {
						rel.Name = t.Name
					}
					if !ftmHasRelation(subj.Relations, rel) {
						subj.Relations = append(subj.Relations, rel)
					}
				}
			}
		}
	}
}

// ftmMergeAddress adds a, or completes the address already written with a's
// street text: entities often repeat their Address entity's full text in address.
func ftmMergeAddress(list []Address, a Address) []Address {
	for i := range list {
		x := &list[i]
		if x.Street != a.Street {
			continue
		}
		if x.City == "" && x.Region == "" && x.Postal == "" && x.Country == "" {
			x.City, x.Region, x.Postal, x.Country = a.City, a.Region, a.Postal, a.Country
		}
		return list
	}
	return append(list, a)
}

func ftmHasWallet(list []Wallet, w Wallet) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

func ftmHasRelation(list []Relation, r Relation) bool {
	for _, x := range list {
		if x == r {
			return true
		}
	}
	return false
}
