package link

import (
	"math/bits"
	"sort"
)

// MinHash signatures and a banded LSH index with streaming insert and remove.
//
// Shingles are runs of folded words (textnorm.Words). Each shingle hash is
// expanded into k hash values with the double-hashing trick
// g_i = h1 + i*h2 (Kirsch & Mitzenmacher), so a signature costs two hashes
// and k multiply-adds per shingle instead of k full hashes.

// mhFNVOffset and mhFNVPrime are the 64-bit FNV-1a constants.
const (
	mhFNVOffset = 14695981039346656037
	mhFNVPrime  = 1099511628211
)

// mhHashString is FNV-1a over s: fixed (not seeded per process) so that
// results are reproducible across runs.
func mhHashString(s string) uint64 {
	h := uint64(mhFNVOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= mhFNVPrime
	}
	return h
}

// mhMix is the splitmix64 finaliser: it spreads FNV's weak low bits.
func mhMix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Signature is a MinHash signature: for each of k hash functions, the
// smallest value over the document's shingles.
type Signature []uint64

// MinHash computes signatures of k hashes over word shingles.
type MinHash struct {
	K       int // number of hash functions
	Shingle int // words per shingle
}

// Sign returns the signature of a folded word sequence, or nil when the
// text has no shingle (fewer words than one shingle; such texts are too
// short to call copies anyway).
func (m MinHash) Sign(words []string) Signature {
	wh := make([]uint64, len(words))
	for i, w := range words {
		wh[i] = mhHashString(w)
	}
	return m.SignHashes(wh)
}

// SignHashes is Sign over precomputed word hashes.
func (m MinHash) SignHashes(wh []uint64) Signature {
	n := len(wh) - m.Shingle + 1
	if n <= 0 || m.K <= 0 {
		return nil
	}
	sig := make(Signature, m.K)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for s := 0; s < n; s++ {
		// Order-sensitive combination of the shingle's word hashes.
		h := uint64(mhFNVOffset)
		for _, x := range wh[s : s+m.Shingle] {
			h = bits.RotateLeft64(h, 23) ^ x
			h *= 0x9e3779b97f4a7c15
		}
		h1 := mhMix(h)
		h2 := mhMix(h1^0x5851f42d4c957f2d) | 1
		g := h1
		for i := range sig {
			if g < sig[i] {
				sig[i] = g
			}
			g += h2
		}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of the shingle sets behind
// two signatures: the share of hash functions whose minima agree.
func (s Signature) Similarity(o Signature) float64 {
	if len(s) == 0 || len(s) != len(o) {
		return 0
	}
	eq := 0
	for i := range s {
		if s[i] == o[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(s))
}

// LSH is a banded locality-sensitive hash index over MinHash signatures.
// Two documents become candidates when all rows of at least one band agree;
// with b bands of r rows the probability is 1-(1-J^r)^b, an S-curve whose
// midpoint is about (1/b)^(1/r). Documents are identified by a uint32
// handle chosen by the caller. Not safe for concurrent use.
type LSH struct {
	bands, rows int
	buckets     []map[uint64][]uint32 // one map per band: band key -> handles
	sigs        map[uint32]Signature
}

// NewLSH makes an index for signatures of bands*rows hashes.
func NewLSH(bands, rows int) *LSH {
	l := &LSH{bands: bands, rows: rows, buckets: make([]map[uint64][]uint32, bands), sigs: map[uint32]Signature{}}
	for i := range l.buckets {
		l.buckets[i] = map[uint64][]uint32{}
	}
	return l
}

func (l *LSH) bandKey(sig Signature, b int) uint64 {
	h := uint64(mhFNVOffset) ^ uint64(b)
	for _, v := range sig[b*l.rows : (b+1)*l.rows] {
		h = mhMix(h ^ v)
	}
	return h
}

// Len is the number of documents indexed.
func (l *LSH) Len() int { return len(l.sigs) }

// Insert adds a document; a handle already present is replaced.
func (l *LSH) Insert(h uint32, sig Signature) {
	if len(sig) < l.bands*l.rows {
		return
	}
	if _, ok := l.sigs[h]; ok {
		l.Remove(h)
	}
	l.sigs[h] = sig
	for b := 0; b < l.bands; b++ {
		k := l.bandKey(sig, b)
		l.buckets[b][k] = append(l.buckets[b][k], h)
	}
}

// Remove deletes a document; unknown handles are ignored.
func (l *LSH) Remove(h uint32) {
	sig, ok := l.sigs[h]
	if !ok {
		return
	}
	delete(l.sigs, h)
	for b := 0; b < l.bands; b++ {
		k := l.bandKey(sig, b)
		list := l.buckets[b][k]
		for i, x := range list {
			if x == h {
				list = append(list[:i], list[i+1:]...)
				break
			}
		}
		if len(list) == 0 {
			delete(l.buckets[b], k)
		} else {
			l.buckets[b][k] = list
		}
	}
}

// Match is a candidate found by Query with its estimated similarity.
type Match struct {
	Handle     uint32
	Similarity float64
}

// Query returns the indexed documents that share a band with sig and whose
// estimated similarity is at least min, best first (ties: lower handle
// first, i.e. earlier insertion when handles grow).
func (l *LSH) Query(sig Signature, min float64) []Match {
	if len(sig) < l.bands*l.rows {
		return nil
	}
	var out []Match
	seen := map[uint32]bool{}
	for b := 0; b < l.bands; b++ {
		for _, h := range l.buckets[b][l.bandKey(sig, b)] {
			if seen[h] {
				continue
			}
			seen[h] = true
			if s := sig.Similarity(l.sigs[h]); s >= min {
				out = append(out, Match{h, s})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Similarity != out[j].Similarity {
			return out[i].Similarity > out[j].Similarity
		}
		return out[i].Handle < out[j].Handle
	})
	return out
}
