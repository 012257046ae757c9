package link

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// Features of one article for story clustering and copy detection. All
// tokenising, folding and stemming goes through textnorm.

// Feature kinds, kept in the top two bits of a feature key so that a term,
// an entity word and a quote never collide.
const (
	featTerm   = 0 // content-word stem from title or body
	featEntity = 1 // folded word of a capitalised name sequence
	featQuote  = 2 // a quoted passage of at least featQuoteMinWords words
	featPhrase = 3 // a whole name of several words ("Grace Okafor", "Rocky Mount")
	featKindSh = 62
	featMask   = (1 << featKindSh) - 1
)

const featQuoteMinWords = 5

// featMaxAged is the most incident names (featAgedNames) one article may
// give: more is a round-up ("18 people shot over the weekend") of many
// incidents.
const featMaxAged = 5

func featKey(kind int, s string) uint64 {
	return uint64(kind)<<featKindSh | (mhMix(mhHashString(s)) & featMask)
}

func featKind(k uint64) int { return int(k >> featKindSh) }

// featRaw counts one feature's occurrences in body and title.
type featRaw struct {
	key         uint64
	body, title int32
}

// featDoc is what clustering and dedup need from an article.
type featDoc struct {
	wordHashes []uint64 // folded body words, hashed: shingles for MinHash
	textHash   uint64   // hash of the folded words of the text; 0 when empty
	nWords     int
	titleStems []string // distinct title stems, for template checks
	raw        []featRaw
	// names are the person keys (featNameKey) of every whole name in the
	// article; aged those of names given with an age ("Dana Reyes, 23,"),
	// which news uses for the private people an incident is about
	// (victims, suspects) and seldom for officials. Both sorted, distinct.
	names, aged []uint64
	// mainNames are the featMainNames most mentioned of names (ties by
	// key), mainWords the featMainWords most frequent capitalised words
	// (featEntity keys): what day marks (lnDayMarks) are made of, few so
	// that the marks of a long text stay few.
	mainNames, mainWords []uint64
	// days are the days the text says things happened on ("Saturday
	// night", "on Jan. 5", "yesterday"), resolved against the
	// publication date: unix days, sorted, distinct. Empty when undated.
	days []int32
	// years are the years an undated text names ("in 2008", "the 1967
	// slayings"): its only clue to when. Sorted, distinct; empty when
	// dated, where a year is mostly background to the known date.
	years []int32
	// ages are the ages the text gives people ("a 17-year-old", "Dana
	// Reyes, 23,"), named or not; streets the streets it places things
	// on ("Larch Avenue", "5th St."), hashed (featStreetKey). Both sorted,
	// distinct; empty when more than featMaxAged (a round-up).
	ages    []int32
	streets []int32
	// calDays are the dates without a year an undated text gives ("the
	// vote on Dec. 14"), as month*32 + day (featDays): two reports of one
	// event name its date, look-alikes in other years seldom the same.
	calDays []int32
	// times are the times of day it gives ("at 2:30 a.m.", "around 11
	// p.m."), in minutes after midnight, sorted, distinct.
	times []int32
	// places are where the headline and the first sentence say the
	// event happened (featPlaces): place.Key forms with what the
	// gazetteer says they can mean, at most featMaxPlaces, in order of
	// mention.
	places []lnPlace
}

// featEntityStop are capitalised words that name no one thing: days,
// months and honorifics. They are dropped from entity sequences.
var featEntityStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st jr sr
sgt lt gov sen rep gen col capt det ofc officer sheriff police advertisement ii iii iv`) {
		m[w] = true
	}
	return m
}()

// featAbbrev are folded abbreviations whose trailing period does not end a
// sentence ("Mr. Okafor").
var featAbbrev = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "sgt": true, "lt": true,
	"gov": true, "sen": true, "rep": true, "gen": true, "col": true, "capt": true,
	"det": true, "ofc": true, "jr": true, "sr": true, "no": true, "mt": true, "ft": true,
	"u.s": true, "u.k": true, "d.c": true, "a.m": true, "p.m": true,
}

// featExtract builds the features of an article. useText=false ignores
// the body (a template or consent page recognised as such).
func featExtract(a *model.Article, useText bool) *featDoc {
	d := &featDoc{}
	counts := map[uint64]*featRaw{}
	add := func(kind int, s string, title bool) {
		k := featKey(kind, s)
		r := counts[k]
		if r == nil {
			r = &featRaw{key: k}
			counts[k] = r
		}
		if title {
			r.title++
		} else {
			r.body++
		}
	}

	// Title: terms always; entities only when the title is not in title
	// case (where every word is capitalised and capitals say nothing).
	ttoks := textnorm.Tokens(a.Title)
	seenTitle := map[string]bool{}
	twords := make([]string, len(ttoks)) // folded, for featPlaces
	for i, t := range ttoks {
		w := textnorm.Fold(t.Text)
		twords[i] = w
		if textnorm.IsStopword(w) {
			continue
		}
		st := textnorm.Stem(w)
		add(featTerm, st, true)
		if !seenTitle[st] {
			seenTitle[st] = true
			d.titleStems = append(d.titleStems, st)
		}
	}
	text := a.Text
	if !useText {
		text = ""
	}
	toks := textnorm.Tokens(text)
	titleEntities := text == "" || len(toks) < 20
	if titleEntities && !featTitleCase(a.Title, ttoks) {
		featEntities(a.Title, ttoks, func(k int, s string) { add(k, s, true) })
	}

	d.wordHashes = make([]uint64, 0, len(toks))
	words := make([]string, len(toks)) // folded, for featDays
	h := uint64(mhFNVOffset)
	for i, t := range toks {
		w := textnorm.Fold(t.Text)
		words[i] = w
		// Hash of the folded words (textnorm.Fold) computed as we go: the words
		// joined by single spaces.
		if i > 0 {
			h ^= ' '
			h *= mhFNVPrime
		}
		for j := 0; j < len(w); j++ {
			h ^= uint64(w[j])
			h *= mhFNVPrime
		}
		d.wordHashes = append(d.wordHashes, mhHashString(w))
		if textnorm.IsStopword(w) {
			continue
		}
		add(featTerm, textnorm.Stem(w), false)
	}
	d.nWords = len(toks)
	if len(toks) > 0 {
		d.textHash = h
	}
	var names, aged []uint64
	featEntities(text, toks, func(k int, s string) {
		add(k, s, false)
		if k == featPhrase {
			names = append(names, featNameKey(s))
		}
	})
	if useText {
		featAnalysed(a, func(s string) {
			add(featPhrase, s, false)
			names = append(names, featNameKey(s))
		})
		featAgedNames(text, toks, func(s string) { aged = append(aged, featNameKey(s)) },
			func(n int) { d.ages = append(d.ages, int32(n)) })
		featStreets(text, toks, words, func(k int32) { d.streets = append(d.streets, k) })
		// Headlines give ages too ("Girl, 2, hurt"), often the only one
		// a short report gives; their names stay out, as headline
		// capitals mislead.
		featAgedNames(a.Title, ttoks, func(string) {}, func(n int) { d.ages = append(d.ages, int32(n)) })
	}
	d.mainNames = featMost(names, featMainNames)
	d.names, d.aged = featSortedSet(names), featSortedSet(aged)
	if _, dated := a.PublishedTime(); useText && dated {
		// Undated pages give times mostly as update stamps ("Posted
		// 11:06 PM"), not when things happened.
		d.times = featTimes(words)
	}
	d.ages, d.streets, d.times = featCapSet(d.ages), featCapSet(d.streets), featCapSet(d.times)
	if useText {
		pt, dated := a.PublishedTime()
		d.days, d.calDays = featDays(words, pt, dated)
		if !dated {
			d.years = featYears(words)
		}
	}
	if len(d.aged) > featMaxAged {
		d.aged = nil // a round-up of many incidents: its names decide nothing
	}
	featQuotes(text, func(s string) { add(featQuote, s, false) })
	d.places = featPlaces(a.Title, ttoks, twords, text, toks, words)

	d.raw = make([]featRaw, 0, len(counts))
	var capWords []featCount
	for _, r := range counts {
		d.raw = append(d.raw, *r)
		if featKind(r.key) == featEntity {
			capWords = append(capWords, featCount{r.key, int(r.body + r.title)})
		}
	}
	d.mainWords = featTop(capWords, featMainWords)
	// Map order is random: sort so everything downstream is deterministic.
	slices.SortFunc(d.raw, func(a, b featRaw) int { return cmp.Compare(a.key, b.key) })
	return d
}

// featTitleCase reports whether most content words of a title are
// capitalised ("Man Shot Outside Downtown Bar").
func featTitleCase(title string, toks []textnorm.Token) bool {
	n, caps := 0, 0
	for _, t := range toks {
		w := textnorm.Fold(t.Text)
		if textnorm.IsStopword(w) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return n >= 3 && caps*10 >= n*6
}

// featSentenceStart reports whether toks[i] of s opens a sentence (or a
// headline-like clause after a colon); prevWord is toks[i-1] folded. The
// period of an abbreviation ("Mr. Okafor") or a middle initial
// ("Ishmael D. Brown") ends none.
func featSentenceStart(s string, toks []textnorm.Token, i int, prevWord string) bool {
	if i == 0 {
		return true
	}
	gap := s[toks[i-1].End:toks[i].Start]
	initial := featNameJoined(toks[i-1], gap) && strings.TrimSpace(gap) != ""
	return strings.ContainsAny(gap, ".!?\n:;") && !featAbbrev[prevWord] && !initial
}

// featNameJoined reports whether tokens a and b, with gap between them,
// are one run of a name: nothing but spaces between them, or a as a
// middle initial ("Ishmael D. Brown"), so that the name meets the same
// person written without the initial.
func featNameJoined(a textnorm.Token, gap string) bool {
	g := strings.TrimSpace(gap)
	return g == "" || (g == "." && len(a.Text) == 1 && a.Text[0] >= 'A' && a.Text[0] <= 'Z')
}

// featInitialWord reports a folded single letter: an initial, no name.
func featInitialWord(w string) bool { return len(w) == 1 }

// featEntities finds capitalised word sequences that are not merely a
// capitalised sentence start, and emits each content word of each sequence
// and, for several words, the whole folded phrase.
func featEntities(s string, toks []textnorm.Token, emit func(kind int, s string)) {
	var seq []string
	seqAtStart := false
	flush := func() {
		// Strip leading stopwords ("The", "In") and non-name capitals.
		for len(seq) > 0 && (textnorm.IsStopword(seq[0]) || featEntityStop[seq[0]]) {
			seq = seq[1:]
			seqAtStart = false
		}
		var keep []string
		for _, w := range seq {
			if !featEntityStop[w] && !textnorm.IsStopword(w) && !featInitialWord(w) {
				keep = append(keep, w)
			}
		}
		// A lone capitalised word opening a sentence is just a sentence.
		if len(keep) == 0 || (seqAtStart && len(seq) == 1) {
			seq, seqAtStart = seq[:0], false
			return
		}
		for _, w := range keep {
			if len(w) > 1 {
				emit(featEntity, w)
			}
		}
		if len(keep) > 1 {
			emit(featPhrase, strings.Join(keep, " "))
		}
		seq, seqAtStart = seq[:0], false
	}
	prevEnd := 0
	prevWord := ""
	for i, t := range toks {
		gap := s[prevEnd:t.Start]
		start := featSentenceStart(s, toks, i, prevWord)
		connected := i > 0 && featNameJoined(toks[i-1], gap)
		r, _ := utf8.DecodeRuneInString(t.Text)
		upper := unicode.IsUpper(r)
		w := textnorm.Fold(t.Text)
		if !upper || !connected || start {
			flush()
		}
		if upper {
			if len(seq) == 0 {
				seqAtStart = start
			}
			seq = append(seq, w)
		}
		prevEnd, prevWord = t.End, w
	}
	flush()
}

// featAnalysed emits the canonical names the analyzer found, when the
// article was analysed before linking (the pipeline does): titles and roles
// are stripped and short names resolved, so "Former Governor Elias Brandt"
// and "Brandt" meet "Governor Elias Brandt", which whole capitalised runs
// alone never do. Each name counts once: mentions are already in the text.
func featAnalysed(a *model.Article, emit func(string)) {
	for _, p := range a.People {
		if strings.Contains(p.Name, " ") {
			emit(textnorm.Normalize(p.Name))
		}
	}
	for _, o := range a.Organizations {
		if strings.Contains(o.Name, " ") {
			emit(textnorm.Normalize(o.Name))
		}
	}
}

// featQuotes emits the normalised text of every quoted passage long enough
// to be a statement rather than a scare-quoted phrase. It understands
// straight, curly and tokenised (“ ”) double quotes.
func featQuotes(s string, emit func(string)) {
	open := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		isOpen, isClose := false, false
		switch {
		case r == '“':
			isOpen = true
		case r == '”':
			isClose = true
		case r == '"':
			isOpen, isClose = open < 0, open >= 0
		case strings.HasPrefix(s[i:], "``"):
			isOpen, size = true, 2
		case strings.HasPrefix(s[i:], "''"):
			isClose, size = true, 2
		case r == '\n':
			open = -1 // quotes do not span paragraphs
		}
		if isOpen && open < 0 {
			open = i + size
		} else if isClose && open >= 0 {
			words := textnorm.Words(s[open:i])
			if len(words) >= featQuoteMinWords {
				emit(strings.Join(words, " "))
			}
			open = -1
		}
		i += size
	}
}

// featNameKey keys a whole name by its first and last word, so that
// "Dana Lee Reyes" and "Dana Reyes" meet.
func featNameKey(name string) uint64 {
	f := strings.Fields(name)
	if len(f) > 2 {
		name = f[0] + " " + f[len(f)-1]
	}
	return featKey(featPhrase, name)
}

// featCount is a key and how often it occurs.
type featCount struct {
	key uint64
	n   int
}

// featMost returns the n keys most repeated in k (ties by key), sorted;
// it sorts k.
func featMost(k []uint64, n int) []uint64 {
	slices.Sort(k)
	var runs []featCount
	for i := 0; i < len(k); {
		j := i
		for j < len(k) && k[j] == k[i] {
			j++
		}
		runs = append(runs, featCount{k[i], j - i})
		i = j
	}
	return featTop(runs, n)
}

// featTop returns the keys of the n largest counts (ties by key), sorted
// by key; it reorders c.
func featTop(c []featCount, n int) []uint64 {
	slices.SortFunc(c, func(a, b featCount) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return cmp.Compare(a.key, b.key)
	})
	out := make([]uint64, 0, min(n, len(c)))
	for _, r := range c[:min(n, len(c))] {
		out = append(out, r.key)
	}
	slices.Sort(out)
	return out
}

// featMainNames and featMainWords bound the day marks of a long text
// (lnDayMarks): on GVA all names and words gave 58 marks an article (up
// to 1,145); these 29 with lnGivenDays (up to 117), for F1 0.9312
// against 0.9314 on half A.
const (
	featMainNames = 12
	featMainWords = 16
)

// featSortedSet sorts k and drops repeats, in place.
func featSortedSet[T cmp.Ordered](k []T) []T {
	slices.Sort(k)
	return slices.Compact(k)
}

// featCapSet is featSortedSet, or nil beyond featMaxAged elements: a
// text giving more ages or streets is a round-up of several incidents.
func featCapSet(k []int32) []int32 {
	if k = featSortedSet(k); len(k) > featMaxAged {
		return nil
	}
	return k
}

// featPersonNoun after "23-year-old" and a capitalised run says the run
// is a place ("a 23-year-old Kansas City man"), not a name.
var featPersonNoun = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`man woman boy girl teen teenager resident student child toddler
infant baby mother father son daughter native youth male female men women boys girls`) {
		m[w] = true
	}
	return m
}()

// featNotName are words that make a capitalised run before an age a
// place or a headline rather than a person.
var featNotName = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`county parish city town township village school high university
college hospital church street avenue road park center centre news press shot shooting killed dead
dies wounded injured`) {
		m[w] = true
	}
	return m
}()

// featAgedNames emits the folded whole names written with an age: "Dana
// Reyes, 23," / "Dana Reyes, age 23" / "23-year-old Dana Reyes"; and to
// emitAge every age so written, also of people not named ("a
// 17-year-old", "Reyes, 23,").
func featAgedNames(s string, toks []textnorm.Token, emit func(string), emitAge func(int)) {
	isAge := func(t textnorm.Token) bool {
		n, err := strconv.Atoi(t.Text)
		return err == nil && n > 0 && n < 110
	}
	// run returns the name of capitalised words ending at token j, from lo on (at most
	// four, joined by spaces only), without honorifics and titles.
	run := func(j, lo int) string {
		var ws []string
		for i := j; i >= lo && j-i < 4; i-- {
			r, _ := utf8.DecodeRuneInString(toks[i].Text)
			if !unicode.IsUpper(r) {
				break
			}
			ws = append(ws, textnorm.Fold(toks[i].Text))
			if i == 0 || !featNameJoined(toks[i-1], s[toks[i-1].End:toks[i].Start]) {
				break
			}
		}
		slices.Reverse(ws)
		var keep []string
		for _, w := range ws {
			if featNotName[w] || featPersonNoun[w] {
				return "" // a place or a headline ("Alameda County", "Boy Shot")
			}
			if !featEntityStop[w] && !textnorm.IsStopword(w) && len(w) > 1 {
				keep = append(keep, w)
			}
		}
		if len(keep) < 2 {
			return ""
		}
		return strings.Join(keep, " ")
	}
	// forward returns the name of capitalised words starting at token j.
	forward := func(j int) (string, string) {
		e := j
		for e < len(toks) && e-j < 4 {
			r, _ := utf8.DecodeRuneInString(toks[e].Text)
			if !unicode.IsUpper(r) || (e > j && !featNameJoined(toks[e-1], s[toks[e-1].End:toks[e].Start])) {
				break
			}
			e++
		}
		if e == j {
			return "", ""
		}
		next := ""
		if e < len(toks) {
			next = textnorm.Fold(toks[e].Text)
		}
		return run(e-1, j), next
	}
	for i, t := range toks {
		if i > 0 && strings.TrimSpace(s[toks[i-1].End:t.Start]) == "," {
			age := isAge(t)
			if !age && strings.EqualFold(t.Text, "age") && i+1 < len(toks) && isAge(toks[i+1]) {
				age = true
			}
			if age {
				// The number must stand alone: "Reyes, 23, of" but not
				// "Main Street, 23 people".
				k := i
				if !isAge(t) {
					k = i + 1
				}
				end := k+1 == len(toks)
				after := s[toks[k].End:]
				if !end {
					after = s[toks[k].End:toks[k+1].Start]
				}
				after = strings.TrimSpace(after)
				if (end && after == "") || (after != "" && strings.ContainsAny(after[:1], ",.;)")) {
					if r, _ := utf8.DecodeRuneInString(toks[i-1].Text); unicode.IsUpper(r) && !featNotName[textnorm.Fold(toks[i-1].Text)] {
						n, _ := strconv.Atoi(toks[k].Text)
						emitAge(n)
					}
					if name := run(i-1, 0); name != "" {
						emit(name)
					}
				}
			}
		}
		// Only a token ending in "old" can be "23-year-old": checking that
		// first keeps lower-casing off every other token.
		if w := t.Text; len(w) > 9 && strings.EqualFold(w[len(w)-9:], "-year-old") {
			n, ok := featAgeNumber(w[:len(w)-9])
			if !ok {
				continue
			}
			emitAge(n)
			if i+1 < len(toks) && strings.TrimSpace(s[t.End:toks[i+1].Start]) == "" {
				if name, next := forward(i + 1); name != "" && !featPersonNoun[next] {
					emit(name)
				}
			}
		}
	}
}

// featNumberWords are the spelled-out numbers of ages: children's ages
// are mostly written out ("a three-year-old", "Sixteen-year-old Dana").
var featNumberWords = func() map[string]int {
	m := map[string]int{}
	for i, w := range strings.Fields(`one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen`) {
		m[w] = i + 1
	}
	for i, w := range strings.Fields(`twenty thirty forty fifty sixty seventy eighty ninety`) {
		m[w] = 20 + 10*i
	}
	return m
}()

// featAgeNumber reads the number of an age, "23", "three" or
// "twenty-five", between 1 and 109.
func featAgeNumber(w string) (int, bool) {
	if n, err := strconv.Atoi(w); err == nil {
		return n, n > 0 && n < 110
	}
	w = strings.ToLower(w)
	tens, unit, two := strings.Cut(w, "-")
	n := featNumberWords[tens]
	if two {
		u := featNumberWords[unit]
		if n < 20 || n%10 != 0 || u == 0 || u > 9 {
			return 0, false
		}
		n += u
	}
	return n, n > 0
}

// featStreetSuffix are the words that end a street's name. "Court",
// "Place" and "Way" are left out: "Superior Court" is no street.
var featStreetSuffix = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`street st avenue ave road rd drive dr boulevard blvd lane ln parkway pkwy terrace
streets avenues roads drives boulevards lanes`) {
		m[w] = true
	}
	return m
}()

// featStreets emits featStreetKey of each street a text names: the word
// before a street suffix, capitalised ("Larch Avenue", "Larch Ave.") or
// an ordinal ("5th Street"); for "Larch and Birch streets" both. Only
// the name's last word is kept, so "North Larch Avenue" and "Larch
// Avenue" meet; after "block of" the last word of the name, suffix or
// not. "St." before a name ("St. Louis") is a saint, not a
// street: the suffix must follow its name on the same line.
func featStreets(s string, toks []textnorm.Token, words []string, emit func(int32)) {
	name := func(j int) (string, bool) {
		if j < 0 {
			return "", false
		}
		r, _ := utf8.DecodeRuneInString(toks[j].Text)
		w := words[j]
		switch {
		case unicode.IsUpper(r):
			return w, !textnorm.IsStopword(w) && !featEntityStop[w] && !featStreetSuffix[w]
		case unicode.IsDigit(r):
			return w, len(w) > 2 && (strings.HasSuffix(w, "st") || strings.HasSuffix(w, "nd") || strings.HasSuffix(w, "rd") || strings.HasSuffix(w, "th"))
		}
		return "", false
	}
	joined := func(j int) bool { return strings.TrimSpace(s[toks[j].End:toks[j+1].Start]) == "" }
	for i, w := range words {
		if w == "block" && i+2 < len(words) && words[i+1] == "of" {
			// "the 1400 block of Gherald": local reports often drop the
			// suffix after a block; with one, the suffix case below has it.
			last, j := "", i+2
			for ; j < len(words) && j < i+6; j++ {
				n, ok := name(j)
				if !ok || (j > i+2 && !joined(j-1)) {
					break
				}
				last = n
			}
			if last != "" && (j == len(words) || !featStreetSuffix[words[j]]) {
				emit(featStreetKey(last))
			}
			continue
		}
		if i == 0 || !featStreetSuffix[w] || !joined(i-1) {
			continue
		}
		w, ok := name(i - 1)
		if !ok {
			continue
		}
		emit(featStreetKey(w))
		if i >= 3 && words[i-2] == "and" && joined(i-3) {
			if w, ok := name(i - 3); ok {
				emit(featStreetKey(w))
			}
		}
	}
}

// featStreetKey hashes a street's folded name into a small set element.
func featStreetKey(w string) int32 { return int32(mhHashString(w)) }

// featTimes returns the times of day among folded words, in minutes
// after midnight: "2 30 a.m", "11 p.m", "11pm", "10 45pm", and the
// tokenised "2 30 a m". "Am" alone is a verb: a time needs its hour.
func featTimes(words []string) []int32 {
	num := func(w string, lo, hi int) (int, bool) {
		if len(w) == 0 || len(w) > 2 {
			return 0, false
		}
		n, err := strconv.Atoi(w)
		return n, err == nil && n >= lo && n <= hi
	}
	var out []int32
	for i, w := range words {
		var pm bool
		var before []string // the words before the marker: hour, or hour and minutes
		switch {
		case w == "a.m" || w == "p.m" || ((w == "a" || w == "p") && i+1 < len(words) && words[i+1] == "m"):
			pm, before = w[0] == 'p', words[max(0, i-2):i]
		case len(w) > 2 && len(w) <= 4 && (strings.HasSuffix(w, "am") || strings.HasSuffix(w, "pm")):
			pm, before = w[len(w)-2] == 'p', append(slices.Clone(words[max(0, i-1):i]), w[:len(w)-2])
		default:
			continue
		}
		h, m, ok := 0, 0, false
		if n := len(before); n > 0 {
			if mm, okm := num(before[n-1], 0, 59); okm && len(before[n-1]) == 2 && n > 1 {
				h, ok = num(before[n-2], 1, 12)
				m = mm
			}
			if !ok {
				h, ok = num(before[n-1], 1, 12)
				m = 0
			}
		}
		if !ok {
			continue
		}
		h %= 12
		if pm {
			h += 12
		}
		out = append(out, int32(h*60+m))
	}
	return out
}

var featWeekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

var featMonths = map[string]time.Month{"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}

// featMaxDays caps the days kept per article: a text naming more is a
// chronology, whose days say little about which incident it reports.
const featMaxDays = 6

// featDays resolves the days a text (its folded words) mentions against
// its publication time: a weekday is the day of that name from six days
// before to the day after publication ("Saturday" in a Monday paper,
// "Tuesday" for a vigil announced on Monday), "yesterday" and "last
// night" the day before, "today", "tonight" and "this morning" the day
// itself, and a month and day ("Jan. 5", "January 5th") that day in the
// year that puts it at most a week after publication. Undated texts
// give only dates with a year ("July 21, 2013", "21 July 2013"); their
// dates without one ("on Dec. 14") come back apart, in cal, as month*32
// + day, distinct, at most featMaxAged.
func featDays(words []string, pub time.Time, dated bool) (days, cal []int32) {
	pub = time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	add := func(t time.Time) { days = append(days, int32(t.Unix()/86400)) }
	word := func(i int) string {
		if i < 0 || i >= len(words) {
			return ""
		}
		return words[i]
	}
	num := func(i, lo, hi int) (int, bool) {
		n, err := strconv.Atoi(strings.TrimRight(word(i), "stndrh"))
		return n, err == nil && n >= lo && n <= hi
	}
	for i := range words {
		w, next := word(i), word(i+1)
		if m, ok := featMonths[w]; ok {
			// "July 21, 2013" and "21 July 2013" need no publication
			// date. "May" is also a verb: a month counts only next to a
			// day number.
			day, okDay := num(i+1, 1, 31)
			year, okYear := num(i+2, 1900, 2100)
			if !okDay {
				day, okDay = num(i-1, 1, 31)
				year, okYear = num(i+1, 1900, 2100)
			}
			switch {
			case okDay && okYear:
				add(time.Date(year, m, day, 0, 0, 0, 0, time.UTC))
			case okDay && dated:
				d := time.Date(pub.Year(), m, day, 0, 0, 0, 0, time.UTC)
				if d.After(pub.AddDate(0, 0, 7)) {
					d = d.AddDate(-1, 0, 0)
				}
				add(d)
			case okDay:
				cal = append(cal, int32(m)*32+int32(day))
			}
			continue
		}
		if !dated {
			continue
		}
		if wd, ok := featWeekdays[w]; ok {
			back := int((pub.Weekday() - wd + 7) % 7)
			if back == 6 {
				back = -1 // tomorrow ("the vigil is on Sunday"), or a local date behind UTC
			}
			add(pub.AddDate(0, 0, -back))
			continue
		}
		switch {
		case w == "yesterday" || (w == "last" && next == "night"):
			add(pub.AddDate(0, 0, -1))
		case w == "today" || w == "tonight" || (w == "this" && (next == "morning" || next == "afternoon" || next == "evening")):
			add(pub)
		}
	}
	days = featSortedSet(days)
	if len(days) > featMaxDays {
		days = nil
	}
	return days, featCapSet(cal)
}

// featYears returns the years (1900-2100) among folded words. More than
// featMaxDays is a chronology, which says little about its event's year.
func featYears(words []string) []int32 {
	var ys []int32
	for _, w := range words {
		if len(w) != 4 || (w[:2] != "19" && w[:2] != "20") {
			continue
		}
		if y, err := strconv.Atoi(w); err == nil {
			ys = append(ys, int32(y))
		}
	}
	ys = featSortedSet(ys)
	if len(ys) > featMaxDays {
		return nil
	}
	return ys
}
