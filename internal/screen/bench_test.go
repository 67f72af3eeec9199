package screen

import "testing"

func BenchmarkScore(b *testing.B) {
	q := Normalize("Sangman Kim", KindPerson)
	t := Normalize("KIM, Sang Man", KindPerson)
	b.ReportAllocs()
	for b.Loop() {
		Score(q, t)
	}
}

func BenchmarkNormalize(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Normalize("YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD.", KindOrganization)
	}
}
