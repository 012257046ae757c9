package extract

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
)

func one(t *testing.T, path string, opt Options) model.Article {
	t.Helper()
	as, errs := File(path, opt)
	if len(errs) > 0 || len(as) != 1 {
		t.Fatalf("File(%s): %d articles, errors %v", path, len(as), errs)
	}
	return as[0]
}

func TestTextFixture(t *testing.T) {
	a := one(t, "testdata/article.txt", Options{})
	if a.Title != "Harbor council approves flood barrier after a decade of delays" {
		t.Errorf("title %q", a.Title)
	}
	if strings.Join(a.Byline, ";") != "Grace Okafor;Tom Poe" {
		t.Errorf("byline %q", a.Byline)
	}
	if a.Published != "2025-03-03" || a.Outlet != "The Harbor Ledger" || a.Source != "testdata/article.txt" {
		t.Errorf("published %q outlet %q source %q", a.Published, a.Outlet, a.Source)
	}
	if a.Language != "en" {
		t.Errorf("language %q", a.Language)
	}
	if !strings.HasPrefix(a.Text, "The Harbor City council voted 7-2") {
		t.Errorf("body should start at the first paragraph, got %.60q", a.Text)
	}
	// Real sentences stay, including ones that begin like boilerplate.
	for _, keep := range []string{
		"Related to the plan, Okafor said the city would seek federal matching funds",
		"Subscribers to the port authority's bulletin were told last month",
		"The harbor master shared a photo of the flooded pier on social media.",
		"Read more about the budget in our explainer.",
		`"We have waited long enough," said council member Grace Okafor`,
	} {
		if !strings.Contains(a.Text, keep) {
			t.Errorf("text lost a real sentence: %q", keep)
		}
	}
	wantDropped := []string{
		"Most Viewed",
		"Advertisement",
		"Related: Dock workers brace for another wet winter",
		"Subscribe to The Harbor Ledger newsletter for $1 a week",
		"Water over the pier again this morning. Stay safe out there. pic.twitter.com/abc123",
		"— Harbor Master Lee (@HarborMasterLee) March 2, 2025",
		"Share this article",
		"Leave a Reply",
		"Your email address will not be published. Required fields are marked *",
		"The views expressed in the comments are the authors' own and do not reflect those of The Harbor Ledger.",
		"This article was produced by the Ledger's city desk and edited by Ana de la Cruz.",
	}
	if strings.Join(a.Dropped, "\n") != strings.Join(wantDropped, "\n") {
		t.Errorf("dropped:\n%s\nwant:\n%s", strings.Join(a.Dropped, "\n"), strings.Join(wantDropped, "\n"))
	}
	for _, d := range a.Dropped {
		if strings.Contains(a.Text, d) {
			t.Errorf("dropped line still in text: %q", d)
		}
	}
	if a.ID != ID(&a) || len(a.ID) != 16 {
		t.Errorf("id %q", a.ID)
	}
}

func TestTextHeaderGrammar(t *testing.T) {
	cases := []struct {
		header                    string
		byline, published, outlet string
	}{
		{"By Jane Roe | Staff Writer", "Jane Roe", "", ""},
		{"By Jane Roe and Tom Poe", "Jane Roe;Tom Poe", "", ""},
		{"BY JANE ROE, TOM POE & ANA DE LA CRUZ", "JANE ROE;TOM POE;ANA DE LA CRUZ", "", ""},
		{"By Jane Roe, Associated Press", "Jane Roe", "", ""},
		{"By Jane Roe\nStaff Writer", "Jane Roe", "", ""},
		{"04/08/2025", "", "2025-04-08", ""},
		{"25/08/2025", "", "2025-08-25", ""},
		{"March 3, 2025", "", "2025-03-03", ""},
		{"Tuesday, Mar. 3, 2025 10:42 a.m. ET", "", "2025-03-03", ""},
		{"3 March 2025", "", "2025-03-03", ""},
		{"Published on March 3, 2025", "", "2025-03-03", ""},
		{"Published: 2025-03-03T10:00:00Z", "", "2025-03-03T10:00:00Z", ""},
		{"Updated 2025-03-04", "", "2025-03-04", ""},
		{"Published March 3, 2025 | Updated March 4, 2025", "", "2025-03-03", ""},
		{"The Harbor Ledger\nMarch 3, 2025", "", "2025-03-03", "The Harbor Ledger"},
		{"Source: Valley Courier", "", "", "Valley Courier"},
		{"By Jane Roe | The Harbor Ledger | March 3, 2025", "Jane Roe", "2025-03-03", "The Harbor Ledger"},
	}
	body := "The council met on Tuesday to discuss the budget, officials said."
	for _, c := range cases {
		a, err := Text("t", "A headline\n"+c.header+"\n\n"+body+"\n", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(a.Byline, ";"); got != c.byline || a.Published != c.published || a.Outlet != c.outlet {
			t.Errorf("%q: byline %q published %q outlet %q; want %q %q %q", c.header, got, a.Published, a.Outlet, c.byline, c.published, c.outlet)
		}
		if a.Text != body {
			t.Errorf("%q: text %q", c.header, a.Text)
		}
	}
	// Prose right after the title is body, not header.
	for _, first := range []string{
		"By Tuesday, the council had voted to delay the plan.",
		"Updated figures show 3 percent growth in harbor traffic.",
		"Harbor Officials Confirmed The Closure On Friday.",
		"Background",
	} {
		a, _ := Text("t", "A headline\n"+first+"\n"+body, Options{})
		if !strings.HasPrefix(a.Text, first) || len(a.Byline) != 0 || a.Published != "" || a.Outlet != "" {
			t.Errorf("%q taken as header: text %.40q byline %q published %q outlet %q", first, a.Text, a.Byline, a.Published, a.Outlet)
		}
	}
}

func TestTextRaw(t *testing.T) {
	in, _ := os.ReadFile("testdata/article.txt")
	a := one(t, "testdata/article.txt", Options{Raw: true})
	if a.Text != string(in) {
		t.Error("raw text is not the input verbatim")
	}
	if a.Title != "Harbor council approves flood barrier after a decade of delays" || len(a.Dropped) != 0 {
		t.Errorf("raw: title %q dropped %d", a.Title, len(a.Dropped))
	}
}

func TestCleanKeepsProse(t *testing.T) {
	prose := []string{
		"Related to the plan, Okafor said the city would act.",
		"Subscribe rates for the service rose last year, the regulator said in its annual report on Monday.",
		"Subscribers were told on Friday that the magazine would close.",
		"Get ready now, officials warned residents as the storm approached the coast.",
		"Updated figures show 3 percent growth in harbor traffic.",
		"Copyright law experts said the ruling would be appealed.",
		"12 comments were submitted during the hearing, the clerk said.",
		"Advertisement spending fell by a third, the agency said.",
		"Share prices fell on the news, and the company said it would review its options.",
		"Published in March, the report found widespread delays.",
		"Most viewed videos on the platform were news clips, the study found.",
		"Leave a reply at the front desk, the notice told visitors.",
		"This article of the treaty was never ratified, Okafor said.",
		"Follow the money, the prosecutor told the jury.",
		"Read the full statement, the minister urged reporters on Monday.",
		"Follow-up inspections on Facebook's data centres found no faults.",
		"Okafor said she would follow the case on Twitter and in court.",
		"The hacker wrote to the ministry at press@ministry.example, officials said.",
		"By the end of the year, the barrier should be finished.",
		"More than 2,000 residents signed up for the flood alerts newsletter, the mayor said.",
		"On March 3, 2025, the council voted to fund the barrier.",
		"Related-party transactions rose sharply last year.",
		"Ad-hoc committees met on Monday to review the plan.",
		"Get-rich-quick schemes targeted subscribers of the service, police said.",
	}
	text := strings.Join(prose, "\n\n")
	kept, dropped := Clean(text)
	if kept != text || len(dropped) != 0 {
		t.Errorf("prose dropped: %q", dropped)
	}
}

func TestCleanDrops(t *testing.T) {
	boiler := []string{
		"Most Viewed", "Connect with us", "Published on March 3, 2025", "Now loading...",
		"Share this article", "Related: Storm warning issued", "Read more", "READ MORE: Council budget explained",
		"Advertisement", "ADVERTISEMENT - CONTINUE READING BELOW", "Subscribe now", "Subscribe to our newsletter",
		"Sign up for our newsletter and get the news in your inbox", "Leave a Reply",
		"Your email address will not be published.", "Required fields are marked *",
		"The views expressed in this article are the author's own.",
		"This article was produced by Harbor Wire and edited by the Ledger.",
		"© 2025 The Harbor Ledger. All rights reserved.", "Story continues below advertisement",
		"Thanks for signing up!", "Tags: harbor, council",
		"Write to Jane Roe at jane.roe@harborledger.example",
		"Have a tip? Tom Poe may be reached at tpoe@harborledger.example. Follow him on Twitter @tpoe.",
		"Follow The Harbor Ledger on Facebook, Twitter and Instagram.",
		"If you buy something through our links, we may earn a commission.",
		"By HARBOR LEDGER STAFF", "NOVEMBER 20, 2019 10:43", "11/19/2019",
		`[button link="/submit"]Send us your story[/button]`,
		"GET THE HARBOR APP BY CLICKING HERE",
		"This copy is for your personal, non-commercial use only.",
		"You must log in to post a comment.",
		"Related — Storm warning issued for the coast", "SEE MORE: Ferry timetable changes",
		"Advertisement - Continue reading below",
	}
	text := "The mayor spoke on Monday.\n" + strings.Join(boiler, "\n") + "\nShe left on Tuesday."
	kept, dropped := Clean(text)
	if kept != "The mayor spoke on Monday.\nShe left on Tuesday." {
		t.Errorf("kept %q", kept)
	}
	if strings.Join(dropped, "|") != strings.Join(boiler, "|") {
		t.Errorf("dropped %q", dropped)
	}
}

func TestCleanSocialPost(t *testing.T) {
	text := "The minister replied online.\n\nWe will publish the full report next week.\n— Jane Roe (@janeroe) March 3, 2025\n\nCritics were unconvinced.\n\nNot good enough.\n\n— Tom Poe (@tpoe_news) 4 March 2025\n\nThe debate continues."
	kept, dropped := Clean(text)
	if kept != "The minister replied online.\n\nCritics were unconvinced.\n\nThe debate continues." {
		t.Errorf("kept %q", kept)
	}
	want := []string{"We will publish the full report next week.", "— Jane Roe (@janeroe) March 3, 2025", "Not good enough.", "— Tom Poe (@tpoe_news) 4 March 2025"}
	if strings.Join(dropped, "|") != strings.Join(want, "|") {
		t.Errorf("dropped %q", dropped)
	}
}

func TestCleanNavRun(t *testing.T) {
	text := "Categories\nPolitics\nSport\nWeather\nCulture\nBusiness\nOpinion\n\nThe council met on Monday and approved the budget."
	kept, dropped := Clean(text)
	if kept != "The council met on Monday and approved the budget." || len(dropped) != 7 {
		t.Errorf("kept %q dropped %q", kept, dropped)
	}
	// A short list inside an article is kept.
	text = "The plan has three parts:\nFunding\nDesign\nConstruction\nThe council will vote on each."
	if kept, _ := Clean(text); kept != text {
		t.Errorf("short list dropped: %q", kept)
	}
}

func TestJSONL(t *testing.T) {
	as, errs := File("testdata/articles.jsonl", Options{})
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "testdata/articles.jsonl:3: invalid JSON: ") {
		t.Fatalf("errors %v", errs)
	}
	if len(as) != 3 {
		t.Fatalf("%d articles", len(as))
	}
	a := as[0]
	if a.ID != "hl-001" || a.Source != "testdata/articles.jsonl:1" || a.Outlet != "The Harbor Ledger" ||
		strings.Join(a.Byline, ";") != "Grace Okafor;Tom Poe" || a.Published != "2025-03-04" || a.URL != "https://harborledger.example/ferry-fares" {
		t.Errorf("line 1: %+v", a)
	}
	if a.Text != "The ferry operator said fares would rise by 5 percent.\nCommuters groups said they would appeal." || strings.Join(a.Dropped, "|") != "Advertisement" {
		t.Errorf("line 1 text %q dropped %q", a.Text, a.Dropped)
	}
	b := as[1]
	if b.ID != "42" || b.Outlet != "Valley Courier" || strings.Join(b.Byline, ";") != "Ana de la Cruz" || b.Published != "2025-03-05T09:30:00Z" || !strings.HasPrefix(b.Text, "Inspectors found") {
		t.Errorf("line 2: %+v", b)
	}
	c := as[2]
	if c.Source != "testdata/articles.jsonl:4" || c.ID != ID(&c) || c.Outlet != "valleycourier.example" {
		t.Errorf("line 4: id %q source %q outlet %q", c.ID, c.Source, c.Outlet)
	}
	// Raw keeps the text as given.
	as, _ = File("testdata/articles.jsonl", Options{Raw: true})
	if !strings.Contains(as[0].Text, "\nAdvertisement\n") {
		t.Errorf("raw JSONL text was cleaned: %q", as[0].Text)
	}
}

func TestJSONLHTMLField(t *testing.T) {
	page, _ := os.ReadFile("testdata/article.html")
	line := `{"id": "x1", "html": ` + jsonString(string(page)) + `, "url": "https://harborledger.example/news/ferry-fares", "title": "Given title"}`
	as, errs := Reader("feed.jsonl", strings.NewReader(line+"\n"), Options{})
	if len(errs) != 0 || len(as) != 1 {
		t.Fatalf("%v", errs)
	}
	if as[0].ID != "x1" || as[0].Title != "Given title" || !strings.Contains(as[0].Text, "raise fares by 5 percent") || as[0].Outlet != "The Harbor Ledger" {
		t.Errorf("%+v", as[0])
	}
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestHTMLFixture(t *testing.T) {
	a := one(t, "testdata/article.html", Options{})
	if a.Title != "Ferry operator raises fares as fuel costs climb" {
		t.Errorf("title %q", a.Title)
	}
	if strings.Join(a.Byline, ";") != "Grace Okafor" || a.Outlet != "The Harbor Ledger" || a.URL != "https://harborledger.example/news/ferry-fares" || a.Language != "en" {
		t.Errorf("byline %q outlet %q url %q lang %q", a.Byline, a.Outlet, a.URL, a.Language)
	}
	if a.Published != "2025-03-04" && a.Published != "2025-03-04T08:15:00Z" {
		t.Errorf("published %q", a.Published)
	}
	for _, want := range []string{
		"The Harbor Ferry Company will raise fares by 5 percent from April",
		`"We held prices for three years, and we cannot hold them any longer," chief executive Tom Poe told reporters`,
		"According to the Harbor Riders Association, about 4,000 people",
		"council member Ana de la Cruz said in a statement.",
	} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("missing %q in\n%s", want, a.Text)
		}
	}
	for _, bad := range []string{"Most Viewed", "Storm warning issued", "Leave a Reply", "Your email address", "All rights reserved", "Connect with us", "Advertisement", "Ferry operator raises fares as fuel costs climb", "Subscribe to our morning newsletter"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("boilerplate %q in text:\n%s", bad, a.Text)
		}
	}
	if strings.Count(a.Text, "\n\n") < 3 {
		t.Errorf("paragraphs not kept apart:\n%s", a.Text)
	}
}

func TestHTMLCharset(t *testing.T) {
	a := one(t, "testdata/latin1.html", Options{})
	if a.Title != "Café owners protest new rules" || !strings.Contains(a.Text, "“We learned about it from the newspaper,” said José Nuñez") {
		t.Errorf("title %q text %q", a.Title, a.Text)
	}
}

func TestGzipByMagic(t *testing.T) {
	plain := one(t, "testdata/article.txt", Options{})
	gz := one(t, "testdata/article.txt.gz", Options{})
	// A gzip file with a misleading name is still inflated.
	b, _ := os.ReadFile("testdata/article.txt.gz")
	p := filepath.Join(t.TempDir(), "misnamed.txt")
	os.WriteFile(p, b, 0o644)
	mis := one(t, p, Options{})
	if gz.Text != plain.Text || mis.Text != plain.Text || gz.ID != plain.ID {
		t.Error("gzip input differs from the plain file")
	}
}

func TestIDStable(t *testing.T) {
	a := model.Article{Title: "T", Text: "The council met on Monday."}
	b := model.Article{Title: "T", Text: "the  council met, on Monday"}
	c := model.Article{Title: "T", Text: "The council met on Tuesday."}
	if ID(&a) != ID(&b) || ID(&a) == ID(&c) {
		t.Errorf("ids %s %s %s", ID(&a), ID(&b), ID(&c))
	}
}

func TestDetect(t *testing.T) {
	cases := map[string]format{
		`{"title": "x"}`:                  formatJSONL,
		"  \n<!DOCTYPE html><p>x":         formatHTML,
		"<html><body>x":                   formatHTML,
		"<p>One</p>":                      formatHTML,
		"Title\nBody text <b>bold</b>.":   formatText,
		"A < B and C > D, she said.\nOk.": formatText,
		"Note:\n<div><p>a</p><p>b</p><p>c</p><p>d</p><br></div>": formatHTML,
	}
	for in, want := range cases {
		if got := detect([]byte(in)); got != want {
			t.Errorf("detect(%q) = %v, want %v", in, got, want)
		}
	}
}

// errOne checks that an input gives exactly one error naming the file and
// containing reason, and no articles.
func errOne(t *testing.T, name string, as []model.Article, errs []error, reason string) {
	t.Helper()
	if len(as) != 0 || len(errs) != 1 {
		t.Fatalf("%s: %d articles, errors %v", name, len(as), errs)
	}
	if msg := errs[0].Error(); !strings.Contains(msg, name) || !strings.Contains(msg, reason) {
		t.Fatalf("error %q should name %q and say %q", msg, name, reason)
	}
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRobustBinary(t *testing.T) {
	p := writeTemp(t, "image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))
	as, errs := File(p, Options{})
	errOne(t, p, as, errs, "binary data")
	// Control bytes without NULs are binary too.
	p = writeTemp(t, "ctrl.bin", bytes.Repeat([]byte("\x01\x02\x03ab"), 100))
	as, errs = File(p, Options{})
	errOne(t, p, as, errs, "binary data")
}

func TestRobustInvalidUTF8(t *testing.T) {
	p := writeTemp(t, "bad.txt", []byte("Title\nGood line\nBad \xff byte"))
	as, errs := File(p, Options{})
	errOne(t, p, as, errs, "invalid UTF-8 at byte offset 20")
	// In JSON Lines the line is named and the others survive.
	p = writeTemp(t, "bad.jsonl", []byte("{\"text\": \"fine words here\"}\n{\"text\": \"bad \xfe\"}\n"))
	as, errs = File(p, Options{})
	if len(as) != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), p+":2: invalid UTF-8 at byte offset 42") {
		t.Fatalf("%d articles, errors %v", len(as), errs)
	}
}

func TestRobustEmpty(t *testing.T) {
	for _, content := range []string{"", "  \n\n\t "} {
		p := writeTemp(t, "empty.txt", []byte(content))
		as, errs := File(p, Options{})
		errOne(t, p, as, errs, "empty input")
	}
	as, errs := Reader("-", strings.NewReader(""), Options{})
	errOne(t, "-", as, errs, "empty input")
	dir := t.TempDir()
	as, errs = File(dir, Options{})
	errOne(t, dir, as, errs, "is a directory")
	as, errs = File(filepath.Join(dir, "missing.txt"), Options{})
	errOne(t, "missing.txt", as, errs, "no such file")
}

func TestRobustTruncatedGzip(t *testing.T) {
	b, _ := os.ReadFile("testdata/article.txt.gz")
	p := writeTemp(t, "cut.txt.gz", b[:len(b)/2])
	as, errs := File(p, Options{})
	errOne(t, p, as, errs, "truncated gzip")
	p = writeTemp(t, "header.gz", b[:5])
	as, errs = File(p, Options{})
	errOne(t, p, as, errs, "gzip")
}

// endless yields n letters without holding them in memory.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, os.ErrClosed
	}
	k := int64(len(p))
	if k > e.n {
		k = e.n
	}
	for i := range p[:k] {
		p[i] = 'a'
	}
	e.n -= k
	return int(k), nil
}

func TestRobustTooLarge(t *testing.T) {
	// A 200 MB file, sparse on disk: refused from its size, unread.
	p := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("Title\n")
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	as, errs := File(p, Options{})
	errOne(t, p, as, errs, "too large (209715200 bytes, limit 67108864)")

	// A 200 MB stream reads at most the cap plus one byte.
	start := time.Now()
	as, errs = Reader("stdin", &endless{n: 200 << 20}, Options{MaxBytes: 1 << 20})
	errOne(t, "stdin", as, errs, "too large")
	if time.Since(start) > 5*time.Second {
		t.Error("size cap did not stop reading early")
	}

	// 200 MB that inflates from a small gzip file is capped as it inflates.
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for range 200 {
		zw.Write(chunk)
	}
	zw.Close()
	p = writeTemp(t, "bomb.txt.gz", buf.Bytes())
	as, errs = File(p, Options{MaxBytes: 8 << 20})
	errOne(t, p, as, errs, "too large")
}

func TestRobustDeepHTML(t *testing.T) {
	const depth = 200000
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><head><title>Deep page</title></head><body>")
	b.WriteString(strings.Repeat("<div>", depth))
	b.WriteString("<p>The innermost paragraph of a page nested two hundred thousand levels deep still carries words worth reading, and the extractor should find them without overflowing its stack.</p>")
	b.WriteString(strings.Repeat("</div>", depth))
	b.WriteString("</body></html>")
	p := writeTemp(t, "deep.html", b.Bytes())
	start := time.Now()
	as, errs := File(p, Options{})
	if len(errs) > 0 {
		// Refusing is allowed if the error is clear.
		errOne(t, p, as, errs, "nest")
	} else if len(as) != 1 || !strings.Contains(as[0].Text, "innermost paragraph") {
		t.Errorf("deep page: %d articles %+v", len(as), as)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("deep page took %v", d)
	}
	if got := maxNesting(flattenDeep(b.Bytes(), maxDepth)); got > maxDepth {
		t.Errorf("flattened nesting %d > %d", got, maxDepth)
	}
}

func TestFlattenKeepsNormalPages(t *testing.T) {
	page, _ := os.ReadFile("testdata/article.html")
	if !bytes.Equal(flattenDeep(page, maxDepth), page) {
		t.Error("a normal page was rewritten")
	}
	// Unclosed <p> and <li> do not count as nesting.
	many := strings.Repeat("<p>para", 5000) + strings.Repeat("<li>item", 5000)
	if n := maxNesting([]byte(many)); n > 1 {
		t.Errorf("nesting %d", n)
	}
}

func TestHTMLKeepsTheTimeOfDayFromMetadata(t *testing.T) {
	page := []byte(`<html><head><title>Harbour dredging approved</title>
<meta property="og:site_name" content="The Evening Lantern">
<meta property="article:published_time" content="2026-05-02T14:35:00+02:00"></head>
<body><article><h1>Harbour dredging approved</h1>
<p>The port council of Tiller approved a dredging contract on Saturday after months of delay over its cost.</p>
<p>"The channel has been silting up for a decade," said harbour master Yara Costa, who proposed the work.</p>
<p>Dredging is expected to start in the autumn and to last until the following spring, the council said.</p>
</article></body></html>`)
	a, err := HTML("lantern.html", page, "https://lantern.example/dredging", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Published != "2026-05-02T12:35:00Z" {
		t.Fatalf("published %q, want the metadata's time in UTC", a.Published)
	}
}
