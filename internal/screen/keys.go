package screen

// keyLen is the prefix length of a blocking key: three characters keep
// buckets small for Latin names while tolerating typos after the third
// letter, which Jaro-Winkler forgives anyway.
const keyLen = 3

// Keys returns blocking keys for an index: two names are worth scoring only
// if they share a key. A key is the first three characters of a token's
// canonical romanisation, so listed variants (Pak/Park/Bak) and rule
// variants (Chinyong/Jinyong) share keys; short tokens also key their
// joined form with the next token so "O Sang" still meets "Osang". Keys come
// in token order without duplicates.
func Keys(n Name) []string {
	c := canonOf(n)
	keys := make([]string, 0, len(c)+1)
	add := func(s string) {
		k := prefix(s)
		for _, o := range keys {
			if o == k {
				return
			}
		}
		keys = append(keys, k)
	}
	for i, tok := range c {
		add(tok)
		if i+1 < len(c) && runeLen(n.Tokens[i]) < keyLen {
			add(canonical(n.Tokens[i] + n.Tokens[i+1]))
		}
	}
	return keys
}

func prefix(s string) string {
	n := 0
	for i := range s {
		if n == keyLen {
			return s[:i]
		}
		n++
	}
	return s
}
