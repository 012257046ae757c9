package warc

import (
	"bytes"
	"io"
	"testing"
)

// BenchmarkReader reads a 1,000-page gzip-per-record WARC, every HTML page
// decoded to UTF-8, as an ingest does.
func BenchmarkReader(b *testing.B) {
	data := sample(b, true, 1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if rec.IsHTML() {
				if _, err := rec.HTMLUTF8(1 << 20); err != nil {
					b.Fatal(err)
				}
				n++
			}
		}
		if n != 1000 {
			b.Fatalf("%d pages", n)
		}
	}
}
