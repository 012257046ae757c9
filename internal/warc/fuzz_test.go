package warc

import (
	"bytes"
	"io"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the reader: it must neither panic nor
// loop, and must end with io.EOF or an error.
func FuzzReader(f *testing.F) {
	plain := sample(f, false, 2)
	f.Add(plain)
	f.Add(sample(f, true, 2))
	f.Add(wholeGzip(plain))
	f.Add(plain[:len(plain)/2])
	f.Add([]byte(rawRecord("http://a.example/", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n5\r\nabcde\r\n0\r\n\r\n")))
	f.Add([]byte(rawRecord("http://a.example/", "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Type: text/html; charset=shift_jis\r\n\r\n\x1b\x00")))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\nshort"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		r.MaxPayload = 1 << 20
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatalf("more records (%d) than input bytes", i)
			}
			rec, err := r.Next()
			if err != nil {
				if err != io.EOF && err.Error() == "" {
					t.Fatal("empty error")
				}
				return
			}
			rec.IsHTML()
			if i%2 == 0 {
				rec.HTMLUTF8(1 << 20)
			}
		}
	})
}
