// Package synth generates invented news for benchmarks and tests at sizes
// no hand-written fixture reaches, deterministic for a seed. Nothing here
// is real text. Three shapes, one vocabulary:
//
//   - Coverage, HTML and WriteWARC: English articles about invented
//     events, with quotes, attributions and boilerplate, as pages a
//     crawler stores (the ingest benchmark).
//   - Stream: a long time-ordered stream of pseudo-word articles with
//     known events and look-alikes (the linker's scale benchmark).
//   - Person, Outlet, Sentence and Roles: parts for callers that build
//     stored stories directly (the web benchmark).
package synth

import (
	"math/rand/v2"
	"strings"
)

var (
	firstNames = strings.Fields("Ana Tomas Grace Elias Noor Piet Marta Ines Ravi Sofia Jonas Clara Lena Dan Ada Mara Ivo Kofi Yara Bruno Ben Cara Dov Fay Gus Hana Jana Kai Milo Nora Otto Pia Quin Rosa Sami Tova Uli Vera Wim Zeno")
	lastNames  = strings.Fields("Ruiz Okafor Brandt Haddad Osei Lindqvist Moreau Mendes Marsh Adeyemi Weiss Vos Pike Brenner Quill Lind Mensah Sato Costa Novak Keller Duarte Ferro Holm Abara Brevik Castell Eskola Farrow Galloway Hollis Ibarra Jurek Kavan Marek Orlov Pryce Rask Sorel Ulver Varga Wexler Yilmaz Zorn Belmont Corvin")
	places     = []string{"Halden", "Kessel", "Marrow Bay", "Tiller", "Ostend Reach", "Varna Falls", "Brockton Hill", "Sella", "Dunmore", "Carrick", "Aldon", "Pellham", "Rivermouth", "Stanmore", "Quarry Point", "Norwick"}
	agencies   = []string{"Tidewater News Agency", "Meridian Wire", "Northline Press", "Harbor Wire Service"}

	// Roles are titles and functions a speaker is given, capitalised as
	// they stand before a name.
	Roles = []string{"Transport Minister", "Mayor", "Governor", "Health Minister", "police spokesperson", "union leader", "fire chief", "city council member", "port director", "school superintendent", "head of the port authority", "professor of engineering", "hospital director"}

	// words is a plain news vocabulary for sentences with no event in them.
	words = strings.Fields(`the council harbour minister report inspectors engineers bridge river city budget
		said would could after before during officials police court ruling election vote campaign
		school hospital workers union strike wages talks agreement deadline weather storm flood road
		rail airport ferry port water energy prices market company shares profit loss plan review
		public local national regional government agency department committee statement week month
		year morning evening night residents families children teachers doctors nurses drivers
		closed opened delayed cancelled announced confirmed denied warned promised expected reported
		new old major small large first last several many few three four five hundred thousand`)

	// syllables make pseudo-words: invented towns, names and terms.
	syllables = strings.Fields("ka lo mi ra ten vel dor sa ni qu bar ell on fin gra hal ost rin tu ve mar sel co dan pri lus ber")
)

// Outlets are 300 invented outlet names ("The Valley Ledger").
var Outlets = func() []string {
	var out []string
	for _, x := range strings.Fields("Valley Harbor Northern Coastal Meridian Island Metro River Capital Prairie Summit Bay Lake Pine Granite") {
		for _, y := range strings.Fields("Ledger Courier Daily Post Gazette Tribune Herald Times Wire Review Sentinel Chronicle Star Record Observer Dispatch Journal Bulletin Press Examiner") {
			out = append(out, "The "+x+" "+y)
		}
	}
	return out
}()

// Person invents a full name.
func Person(r *rand.Rand) string { return pick(r, firstNames) + " " + pick(r, lastNames) }

// Outlet picks an invented outlet.
func Outlet(r *rand.Rand) string { return pick(r, Outlets) }

// Sentence is n words of news vocabulary, capitalised, with a full stop.
func Sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		w := pick(r, words)
		if i == 0 {
			w = upperFirst(w)
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

// pseudoWord joins syl random syllables ("korvathen").
func pseudoWord(r *rand.Rand, syl int, capital bool) string {
	var b strings.Builder
	for i := 0; i < syl; i++ {
		b.WriteString(pick(r, syllables))
	}
	if capital {
		return upperFirst(b.String())
	}
	return b.String()
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// upperFirst capitalises the first letter ("mayor" -> "Mayor").
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
