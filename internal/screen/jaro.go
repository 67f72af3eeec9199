package screen

// jaroWinkler returns the Jaro-Winkler similarity of a and b in [0, 1],
// with the usual prefix scale 0.1 over at most four characters, applied
// only above a Jaro score of 0.7 (Winkler's boost threshold) so that a
// shared initial cannot lift two unrelated tokens.
func jaroWinkler(a, b string) float64 {
	if a == b {
		return 1
	}
	if isASCII(a) && isASCII(b) {
		return winkler(jaro([]byte(a), []byte(b)), []byte(a), []byte(b))
	}
	ra, rb := []rune(a), []rune(b)
	return winkler(jaro(ra, rb), ra, rb)
}

func winkler[T byte | rune](j float64, a, b []T) float64 {
	if j <= 0.7 {
		return j
	}
	l := 0
	for l < 4 && l < len(a) && l < len(b) && a[l] == b[l] {
		l++
	}
	return j + float64(l)*0.1*(1-j)
}

func jaro[T byte | rune](a, b []T) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	window := len(b)/2 - 1
	if window < 0 {
		window = 0
	}
	// Tokens are capped at maxTokenLen runes, so fixed arrays avoid
	// allocating on the hot path.
	var am, bm [maxTokenLen * 2]bool
	var aMatch, bMatch []bool
	if len(b) <= len(bm) {
		aMatch, bMatch = am[:len(a)], bm[:len(b)]
	} else {
		aMatch, bMatch = make([]bool, len(a)), make([]bool, len(b))
	}
	matches := 0
	for i := range a {
		lo, hi := max(0, i-window), min(len(b), i+window+1)
		for k := lo; k < hi; k++ {
			if !bMatch[k] && a[i] == b[k] {
				aMatch[i], bMatch[k] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	trans, k := 0, 0
	for i := range a {
		if !aMatch[i] {
			continue
		}
		for !bMatch[k] {
			k++
		}
		if a[i] != b[k] {
			trans++
		}
		k++
	}
	m := float64(matches)
	return (m/float64(len(a)) + m/float64(len(b)) + (m-float64(trans)/2)/m) / 3
}
