package link

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// All texts below are invented for these tests.

func TestFeatAgedNames(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Police said Dana Lee Reyes, 23, of Millbrook was shot.", []string{"dana lee reyes"}},
		{"The victim was identified as Tomas Ferreira, age 41.", []string{"tomas ferreira"}},
		{"A 31-year-old Tomas Ferreira was arrested.", []string{"tomas ferreira"}},
		{"Sixteen-year-old Tomas Ferreira was arrested.", []string{"tomas ferreira"}},
		// Middle initials and generational suffixes are no part of the key.
		{"Police named Ishmael D. Brown, 17, as the suspect.", []string{"ishmael brown"}},
		{"The victim, George M. Carrington III, 18, died.", []string{"george carrington"}},
		{"A 19-year-old Tomas J. Ferreira was arrested.", []string{"tomas ferreira"}},
		{"Sheriff Ana Brill, 52, spoke.", []string{"ana brill"}},
		// Places, not people.
		{"A 22-year-old Kansas City man was arrested.", nil},
		{"Gunfire erupted in Rocky Mount, 5 people were hurt.", nil},
		{"According to the Associated Press, 20 minutes later.", nil},
		{"The shooting on Main Street, 23 years ago.", nil},
		{"Update: Boy Shot, 11, Recovering in Hospital", nil},
		{"Deputies in Harlow County, 3, and Ferris County, 2, responded.", nil},
	} {
		var got []string
		featAgedNames(c.text, textnorm.Tokens(c.text), func(s string) { got = append(got, s) }, func(int) {})
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

const (
	lnShotA = `Dana Reyes, 23, was shot in the leg outside a bakery on Larch Avenue in Millbrook late on Friday, police said. ` +
		`Officers found Reyes on the pavement and took her to Millbrook General Hospital, where she was in stable condition. ` +
		`Witnesses told police a man fired several shots from a grey sedan before driving off toward the ring road. ` +
		`Anyone with information is asked to call Millbrook police.`
	lnShotB = `Colm Arden, 37, was shot in the chest in the parking lot of a Millbrook supermarket on Thursday night, police said. ` +
		`Officers found Arden beside his car and took him to Millbrook General Hospital, where he was in critical condition. ` +
		`Witnesses told police two men fired several shots from a dark sedan before driving off toward the ring road. ` +
		`Anyone with information is asked to call Millbrook police.`
	lnShotArrest = `Prosecutors on Monday charged Ivo Sallent with attempted murder in the October shooting of Dana Reyes outside a Larch Avenue bakery. ` +
		`Sallent was arrested at a relative's house after a tip from a neighbour, according to court records. ` +
		`Reyes has since recovered. Sallent's lawyer did not return calls.`
)

// A sentencing comes a year or two after the shooting: the default name
// window reaches it, and nothing reaches past the window.
func TestIncidentNameReachesSentencing(t *testing.T) {
	const sentenced = `Ivo Sallent was sentenced on Tuesday to twelve years in prison for shooting Dana Reyes outside a bakery on Larch Avenue in Millbrook. ` +
		`Reyes told the court she still walks with a cane. Sallent's lawyer said he would appeal.`
	for _, c := range []struct {
		date string
		join bool
	}{
		{"2028-06-05", true},  // 20 months on
		{"2028-10-20", false}, // past the 730-day window
	} {
		l := NewLinker(DefaultConfig())
		a := l.Add(lnArt("g1", "2026-10-02", "Woman shot outside Millbrook bakery", lnShotA))
		got := l.Add(lnArt("g9", c.date, "Millbrook bakery gunman sentenced", sentenced))
		if joined := got.StoryID == a.StoryID; joined != c.join {
			t.Errorf("sentencing on %s: story %s via %q, joined %v, want %v", c.date, got.StoryID, got.Via, joined, c.join)
		}
	}
}

// Two shootings in one town a week apart stay apart; a follow-up weeks
// later, beyond the window and worded quite differently, joins the first
// by the victim's name.
func TestClusterIncidentNames(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("g1", "2026-10-02", "Woman shot outside Millbrook bakery", lnShotA))
	b := l.Add(lnArt("g2", "2026-10-08", "Man shot in Millbrook supermarket parking lot", lnShotB))
	if a.StoryID == b.StoryID {
		t.Fatalf("two shootings with different victims merged into %s", a.StoryID)
	}
	c := l.Add(lnArt("g3", "2026-11-16", "Suspect charged in bakery shooting", lnShotArrest))
	if c.StoryID != a.StoryID || c.Via != ViaIncidentName {
		t.Errorf("follow-up naming the victim: story %s via %q, want %s via %q", c.StoryID, c.Via, a.StoryID, ViaIncidentName)
	}
	cfg := DefaultConfig()
	cfg.NameWindow = 0
	l = NewLinker(cfg)
	l.Add(lnArt("g1", "2026-10-02", "Woman shot outside Millbrook bakery", lnShotA))
	if c := l.Add(lnArt("g3", "2026-11-16", "Suspect charged in bakery shooting", lnShotArrest)); !c.NewStory {
		t.Errorf("with NameWindow 0 the follow-up beyond the window should start a story: %+v", c)
	}
}

const (
	lnArrestA = `Police in Millbrook arrested Ivo Sallent on Friday in the shooting of a woman outside a Larch Avenue bakery last week. ` +
		`Detectives said a tip from a neighbour led them to a house on the east side, where Sallent was taken into custody without incident. ` +
		`The woman, who was shot in the leg, has been released from Millbrook General Hospital.`
	lnPleaB = `Ivo Sallent, 29, pleaded guilty on Tuesday to attempted murder and will be sentenced in the spring, the district attorney's office said. ` +
		`Under the plea agreement prosecutors will ask for twelve years. His lawyer said he regretted his actions.`
	lnPleaC = `Marta Quell, 34, admitted on Tuesday to robbing a pharmacy on Orchard Road at knifepoint in November. ` +
		`A judge set a hearing for March. The pharmacist was not hurt, according to court papers.`
)

// A follow-up months later that gives a person an age joins the story
// that named that person without one (the arrest, then the plea); another
// person's plea does not.
func TestClusterIncidentNamedEarlier(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("n1", "2026-10-09", "Arrest in Millbrook bakery shooting", lnArrestA))
	b := l.Add(lnArt("n2", "2027-01-12", "Man pleads guilty in attempted murder case", lnPleaB))
	if b.StoryID != a.StoryID || b.Via != ViaNamedPerson {
		t.Errorf("plea of the man arrested: story %s via %q, want %s via %q", b.StoryID, b.Via, a.StoryID, ViaNamedPerson)
	}
	c := l.Add(lnArt("n3", "2027-01-12", "Woman pleads guilty in robbery case", lnPleaC))
	if c.StoryID == a.StoryID {
		t.Errorf("another person's plea joined %s", a.StoryID)
	}
}

// A removed story's names reopen nothing.
func TestClusterIncidentNamesRemoved(t *testing.T) {
	l := NewLinker(DefaultConfig())
	l.Add(lnArt("g1", "2026-10-02", "Woman shot outside Millbrook bakery", lnShotA))
	l.Remove("g1")
	if c := l.Add(lnArt("g3", "2026-11-16", "Suspect charged in bakery shooting", lnShotArrest)); !c.NewStory {
		t.Errorf("joined a removed story: %+v", c)
	}
}

func TestFeatDays(t *testing.T) {
	pub, _ := time.Parse("2006-01-02", "2026-03-09") // a Monday
	day := func(s string) int32 {
		d, _ := time.Parse("2006-01-02", s)
		return int32(d.Unix() / 86400)
	}
	for _, c := range []struct {
		text string
		want []int32
	}{
		{"The shooting happened late Saturday night.", []int32{day("2026-03-07")}},
		{"Police said on Monday that the man died yesterday.", []int32{day("2026-03-08"), day("2026-03-09")}},
		{"The fire broke out on March 2nd; the hearing is on March 12.", []int32{day("2026-03-02"), day("2026-03-12")}},
		{"A trial on Dec. 30 ended in a verdict.", []int32{day("2025-12-30")}},
		{"A vigil is planned for Tuesday.", []int32{day("2026-03-10")}},
		{"It may rain, and the vote may be close.", nil},
		{"Crews worked through the night.", nil},
		{"Updated 21 July 2013; the fire of July 20 , 2013 spread.", []int32{day("2013-07-20"), day("2013-07-21")}},
	} {
		got, _ := featDays(textnorm.Words(c.text), pub, true)
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
	// Undated: days only from dates with a year; a date without one is a
	// calendar date; weekdays are nothing.
	if got, cal := featDays(textnorm.Words("On Friday, June 11th 2012, and on July 4"), time.Time{}, false); !slices.Equal(got, []int32{day("2012-06-11")}) || !slices.Equal(cal, []int32{7*32 + 4}) {
		t.Errorf("undated: got %v and %v", got, cal)
	}
}

const (
	lnDayA = `Two men were wounded in a shooting outside a corner shop on Fenwick Road in Ashgrove on Saturday night, police said. ` +
		`Both were taken to Ashgrove Memorial Hospital. Investigators recovered nine shell casings from the pavement. ` +
		`No arrests have been made and police asked witnesses to come forward.`
	lnDayB = `Police in Ashgrove are looking for the gunman who opened fire near a Fenwick Road store late Saturday, hurting two men. ` +
		`Detectives said the victims were expected to survive. Neighbours said they heard a burst of gunfire around 11 p.m.`
	lnDayC = `A man was wounded in a shooting outside a petrol station on Fenwick Road in Ashgrove on Thursday evening, police said. ` +
		`He was taken to Ashgrove Memorial Hospital. Investigators recovered shell casings from the forecourt. ` +
		`No arrests have been made and police asked witnesses to come forward.`
)

// Two reports of one shooting name its day and join; a look-alike on the
// same road on another day stays apart.
func TestClusterIncidentDays(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("d1", "2026-03-08", "Two men wounded in Ashgrove shooting", lnDayA))
	b := l.Add(lnArt("d2", "2026-03-09", "Police hunt gunman after Fenwick Road shooting", lnDayB))
	if b.StoryID != a.StoryID {
		t.Errorf("second report of the Saturday shooting: story %s, want %s", b.StoryID, a.StoryID)
	}
	c := l.Add(lnArt("d3", "2026-03-13", "Man wounded in Ashgrove shooting", lnDayC))
	if c.StoryID == a.StoryID {
		t.Errorf("Thursday's shooting joined Saturday's story %s", a.StoryID)
	}
}

// Undated texts: a common dated line joins, a year apart separates (one
// shop burning twice, years apart, is two events).
func TestClusterUndatedYears(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("y1", "", "Fire at Pellow supermarket in Harwick",
		`Fire crews were called to the Pellow supermarket on Quay Street in Harwick on March 3, 2009 after smoke was seen rising from the roof. `+
			`Ten crews fought the blaze for several hours and nearby homes were evacuated. The store manager said all staff got out safely.`))
	b := l.Add(lnArt("y2", "", "Harwick Pellow store hit by fire",
		`A blaze badly damaged the Pellow store in Harwick on July 21, 2013. Eight engines attended and Quay Street was shut. `+
			`Firefighters said the flames started in a storeroom at the back of the supermarket.`))
	c := l.Add(lnArt("y3", "", "Blaze at Pellow in Harwick",
		`Smoke poured from the Pellow supermarket in Harwick on July 21, 2013 as firefighters tackled a blaze that began in a storeroom. `+
			`Quay Street was closed while eight engines worked at the scene.`))
	if a.StoryID == b.StoryID {
		t.Errorf("fires four years apart merged into %s", a.StoryID)
	}
	if c.StoryID != b.StoryID {
		t.Errorf("second report of the 2013 fire: story %s, want %s", c.StoryID, b.StoryID)
	}
}

func TestFeatYears(t *testing.T) {
	for _, c := range []struct {
		text string
		want []int32
	}{
		{"The 1967 killings were solved in 2008.", []int32{1967, 2008}},
		{"Room 2008 and 3000 people, 1850 and 20100.", []int32{2008}},
		{"In 2001, 2002, 2003, 2004, 2005, 2006 and 2007 it grew.", nil}, // a chronology
	} {
		if got := featYears(textnorm.Words(c.text)); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
}

// Undated texts with bare years: a look-alike event in another year stays
// apart, a second report of the same year's event joins.
func TestClusterUndatedBareYears(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("b1", "", "Rovers sack manager Tam Keely",
		`Calder Rovers sacked manager Tam Keely after a run of eight defeats, the club said, ending a spell that began in 2006. `+
			`Keely's side sit bottom of the league. Assistant Orla Venn will take charge of the first team for the cup tie.`))
	b := l.Add(lnArt("b2", "", "Rovers sack manager Ivo Brandt",
		`Calder Rovers sacked manager Ivo Brandt after a run of seven defeats, the club said, ending a spell that began in 2011. `+
			`Brandt's side sit bottom of the league. Assistant Orla Venn will take charge of the first team for the cup tie.`))
	c := l.Add(lnArt("b3", "", "Calder Rovers part company with Brandt",
		`Calder Rovers have parted company with Ivo Brandt, manager since 2011, after seven defeats in a row left the club bottom. `+
			`Orla Venn steps up from assistant for the cup tie.`))
	if a.StoryID == b.StoryID {
		t.Errorf("two sackings years apart merged into %s", a.StoryID)
	}
	if c.StoryID != b.StoryID {
		t.Errorf("second report of Brandt's sacking: story %s, want %s", c.StoryID, b.StoryID)
	}
}

// The names NameState saves give a fresh linker (a restart) the same
// follow-up decision as the article itself does through RestoreNames;
// state of another version, or damaged, is refused.
func TestNameStateRestores(t *testing.T) {
	shot := lnArt("g1", "2026-10-02", "Woman shot outside Millbrook bakery", lnShotA)
	l := NewLinker(DefaultConfig())
	first := l.Add(shot)
	state := l.NameState("g1")
	if keys, ok := lnDecodeNames(state); !ok || len(keys) == 0 {
		t.Fatalf("state %x: no names (ok=%v)", state, ok)
	}
	if l.NameState("nope") != nil {
		t.Error("state for an article not held")
	}
	for _, c := range []struct {
		name    string
		restore func(l *Linker) bool
	}{
		{"RestoreNames", func(l *Linker) bool { l.RestoreNames(shot, first.StoryID); return true }},
		{"RestoreNameState", func(l *Linker) bool { return l.RestoreNameState(state, shot, first.StoryID) }},
	} {
		l := NewLinker(DefaultConfig())
		if !c.restore(l) {
			t.Fatalf("%s refused its state", c.name)
		}
		if got := l.Add(lnArt("g3", "2026-11-16", "Suspect charged in bakery shooting", lnShotArrest)); got.StoryID != first.StoryID {
			t.Errorf("after %s the follow-up went to %s, want %s", c.name, got.StoryID, first.StoryID)
		}
	}
	other := append([]byte{lnNamesVersion + 1}, state[1:]...)
	for _, bad := range [][]byte{nil, {}, other, state[:len(state)-1]} {
		if NewLinker(DefaultConfig()).RestoreNameState(bad, shot, first.StoryID) {
			t.Errorf("state %x accepted", bad)
		}
	}
}

func TestFeatAgesAndStreets(t *testing.T) {
	for _, c := range []struct {
		text          string
		ages, streets []string
	}{
		{"A 17-year-old was shot on Larch Avenue; Dana Reyes, 23, was hurt.", []string{"17", "23"}, []string{"larch"}},
		{"Police on 5th St. near Larch and Birch streets found a 9-year-old boy.", []string{"9"}, []string{"5th", "birch", "larch"}},
		// A saint, a court and a count are no street and no age.
		{"The St. Louis Circuit Court heard from Harlow County, 3, and 40 people.", nil, nil},
		{"Officers on Larch Avenue, 23 minutes later, found nothing.", nil, []string{"larch"}},
		{"A three-year-old, a twenty-five-year-old and a thirty-twelve-year-old.", []string{"3", "25"}, nil},
		{"Shots rang out in the 1400 block of Gherald and the 200 block of North Elm Street.", nil, []string{"gherald", "elm"}},
	} {
		toks := textnorm.Tokens(c.text)
		words := make([]string, len(toks))
		for i, tk := range toks {
			words[i] = textnorm.Fold(tk.Text)
		}
		var ages, streets []int32
		featAgedNames(c.text, toks, func(string) {}, func(n int) { ages = append(ages, int32(n)) })
		featStreets(c.text, toks, words, func(k int32) { streets = append(streets, k) })
		var wantAges, wantStreets []int32
		for _, a := range c.ages {
			n, _ := strconv.Atoi(a)
			wantAges = append(wantAges, int32(n))
		}
		for _, s := range c.streets {
			wantStreets = append(wantStreets, featStreetKey(s))
		}
		if !slices.Equal(ages, wantAges) || !slices.Equal(streets, wantStreets) {
			t.Errorf("%q: ages %v streets %v, want %v %v", c.text, ages, streets, wantAges, wantStreets)
		}
	}
}

// Two shootings in one town on one day, reported in much the same words,
// stay apart by the victims' ages and the streets; a rewrite sharing few
// words with the first joins it by its age and street.
func TestClusterAgesAndStreets(t *testing.T) {
	const (
		first = `A 19-year-old man was shot and wounded on Larch Avenue in Millbrook on Saturday night, police said. ` +
			`Officers found him near a bus stop and took him to Millbrook General Hospital. ` +
			`No arrests have been made and police asked witnesses to come forward.`
		other = `A 44-year-old driver was wounded when someone fired into his van on Quarry Road in Millbrook on Saturday night. ` +
			`He was taken to Millbrook General Hospital. Officers recovered shell casings and are reviewing doorbell cameras.`
		rewrite = `Detectives are looking for whoever opened fire on a 19-year-old outside a Larch Avenue bus shelter in Millbrook. ` +
			`The teenager is expected to survive his wounds, a hospital spokeswoman told reporters. ` +
			`Neighbours described hearing four or five bangs.`
	)
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("s1", "2026-05-10", "Teenager shot near Millbrook bus stop", first))
	b := l.Add(lnArt("s2", "2026-05-10", "Driver wounded in van shooting", other))
	c := l.Add(lnArt("s3", "2026-05-11", "Gunman sought after Millbrook teen wounded", rewrite))
	if a.StoryID == b.StoryID {
		t.Errorf("shootings on two streets, victims 19 and 44, merged into %s", a.StoryID)
	}
	if c.StoryID != a.StoryID {
		t.Errorf("rewrite naming the age and street: story %s, want %s", c.StoryID, a.StoryID)
	}
}

func TestFeatTimes(t *testing.T) {
	for _, c := range []struct {
		text string
		want []int32
	}{
		{"Shots at 2:30 a.m. and again around 11 p.m.", []int32{150, 23 * 60}},
		{"Between 10:45PM and 11pm, then 12 a.m.", []int32{0, 22*60 + 45, 23 * 60}},
		{"Tokenised: at 7 : 05 p . m . on Friday", []int32{19*60 + 5}},
		// "am" is a verb, and a number must be an hour.
		{"I am 23 am I not? Room 14 pm", nil},
	} {
		got := featSortedSet(featTimes(textnorm.Words(c.text)))
		if len(got) == 0 {
			got = nil
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
}

// Two shootings in one part of town on one day, hours apart, stay apart.
func TestClusterTimesOfDay(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("t1", "2026-06-14", "Man wounded in Ashgrove shooting",
		`A man was wounded in a shooting in the Northgate area of Ashgrove at about 2:30 a.m. on Saturday, police said. `+
			`He was taken to Ashgrove Memorial Hospital with a leg wound. Officers found shell casings near a parked car.`))
	b := l.Add(lnArt("t2", "2026-06-14", "Teen hurt in Ashgrove gunfire",
		`A teenager was hurt by gunfire around 11 p.m. Saturday, according to Ashgrove police. `+
			`Paramedics took the teen to hospital. A neighbour said she heard a car speed away.`))
	if a.StoryID == b.StoryID {
		t.Errorf("shootings at 2:30 a.m. and 11 p.m. merged into %s", a.StoryID)
	}
}

// A headline's ages count: "Girl, 2," and "10-Year-Old".
func TestFeatAgesFromTitle(t *testing.T) {
	fd := featExtract(lnArt("h1", "2026-06-14", "Girl, 2, and 10-Year-Old Boy Hurt in Ashgrove Shooting",
		"Two children were hurt in a shooting in Ashgrove on Saturday, police said."), true)
	if want := []int32{2, 10}; !slices.Equal(fd.ages, want) {
		t.Errorf("ages %v, want %v", fd.ages, want)
	}
}

// lnShotDay is a follow-up seven weeks after lnShotA that names neither
// the victim nor the suspect, only the day ({{day}}) and, for that day,
// the town, the street and the bakery.
const lnShotDay = `A Millbrook man has been charged with attempted murder in the {{day}} shooting outside the Sorrel Bakery on Larch Avenue, ` +
	`prosecutors said Thursday. Court papers say a neighbour's doorbell camera recorded the gunman leaving in a grey sedan. ` +
	`A judge set bail at a quarter of a million dollars. The woman who was wounded has since gone back to work.`

// A report weeks after the window that names the incident's day joins
// the story of that day by the town and street it names for that day; the
// same report naming another day starts a story, and so does one whose
// words the story gave on that day but that is not about that day.
func TestClusterIncidentDay(t *testing.T) {
	shot := lnArt("g1", "2026-10-02", "Woman shot outside Millbrook bakery", lnShotA+` The Sorrel Bakery was closed on Saturday.`)
	for _, c := range []struct {
		day  string
		join bool
	}{{"Oct. 2", true}, {"October 2nd", true}, {"Oct. 6", false}} {
		l := NewLinker(DefaultConfig())
		first := l.Add(shot)
		text := strings.ReplaceAll(lnShotDay, "{{day}}", c.day)
		got := l.Add(lnArt("g3", "2026-11-19", "Man charged in bakery shooting", text))
		if (got.StoryID == first.StoryID) != c.join {
			t.Errorf("follow-up naming %q: story %s (first %s), want join %v", c.day, got.StoryID, first.StoryID, c.join)
		}
		if c.join && got.Via != ViaIncidentDay {
			t.Errorf("follow-up naming %q joined via %q, want %q", c.day, got.Via, ViaIncidentDay)
		}
	}
	follow := lnArt("g3", "2026-11-19", "Man charged in bakery shooting", strings.ReplaceAll(lnShotDay, "{{day}}", "Oct. 2"))
	// After a restart, from the state saved with the first report.
	l := NewLinker(DefaultConfig())
	first := l.Add(shot)
	l2 := NewLinker(DefaultConfig())
	if !l2.RestoreNameState(l.NameState("g1"), shot, first.StoryID) {
		t.Fatal("state refused")
	}
	if got := l2.Add(follow); got.StoryID != first.StoryID {
		t.Errorf("after a restart the follow-up went to %s, want %s", got.StoryID, first.StoryID)
	}
	cfg := DefaultConfig()
	cfg.NameWindow = 0
	l = NewLinker(cfg)
	l.Add(shot)
	if got := l.Add(follow); !got.NewStory {
		t.Errorf("with NameWindow 0 the follow-up should start a story: %+v", got)
	}
}

// Day marks name the day: the same words on another day are another mark.
func TestDayMarksKeyTheDay(t *testing.T) {
	fd := featExtract(lnArt("g1", "2026-10-02", "Woman shot", lnShotA), true)
	a, b := lnDayMarks(fd, []int32{20000}), lnDayMarks(fd, []int32{20001})
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("marks %d and %d", len(a), len(b))
	}
	for _, k := range a {
		if _, ok := slices.BinarySearch(b, k); ok {
			t.Errorf("mark %x on both days", k)
		}
		if kind := featKind(k); kind != lnMarkPlace && kind != lnMarkDetail {
			t.Errorf("mark %x of kind %d", k, kind)
		}
	}
	if lnDayMarks(fd, nil) != nil {
		t.Error("marks without days")
	}
}

func TestLnYearAgree(t *testing.T) {
	for _, c := range []struct {
		a, b []int32
		want float64
	}{
		{[]int32{1987, 2009}, []int32{2009}, 1},
		{[]int32{1987, 2009}, []int32{2008}, 0}, // a January report of a December event
		{[]int32{1987, 2009}, []int32{2011}, -1},
		{[]int32{2013}, []int32{2004, 2009}, -1},
	} {
		if got := lnYearAgree(c.a, c.b); got != c.want {
			t.Errorf("%v, %v: %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// Undated reports of one storm, the second written early the next year
// with a background year: no common year, but latest years a year apart
// are no conflict, and the reports join.
func TestClusterUndatedNextYear(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("n1", "", "Storm floods Harwick seafront",
		`A storm flooded the Harwick seafront in December 2008, breaching the harbour wall and forcing forty families from their homes. `+
			`Council leader Mira Dunn said the Quay Street pumping station had failed. Sandbags were handed out at the Harwick library.`))
	b := l.Add(lnArt("n2", "", "Harwick counts cost of seafront flood",
		`Harwick council leader Mira Dunn said the failed Quay Street pumping station would be replaced in 2009 after the storm breached the harbour wall, `+
			`built in 1987, and flooded the seafront. Forty families are still out of their homes.`))
	if b.StoryID != a.StoryID {
		t.Errorf("second report of the storm: story %s, want %s", b.StoryID, a.StoryID)
	}
}

// A second report of a shooting that shares the day, the street, the
// hospital and the victim's age but none of the few features the index
// is keyed by here (IndexTerms 1, no names) is found through its day
// marks and joins.
func TestMarkCandidates(t *testing.T) {
	cfg := DefaultConfig()
	cfg.IndexTerms, cfg.IndexNames = 1, 0
	l := NewLinker(cfg)
	a := l.Add(lnArt("m1", "2026-10-02", "Woman shot outside Millbrook bakery", lnShotA))
	b := l.Add(lnArt("m2", "2026-10-03", "Millbrook bakery worker wounded",
		`A 23-year-old baker was wounded by gunfire on Larch Avenue late on Friday as she locked up, `+
			`her employer said. She is recovering at Millbrook General Hospital. Police have not named a suspect.`))
	if b.StoryID != a.StoryID {
		t.Errorf("second report: story %s, want %s", b.StoryID, a.StoryID)
	}
}

// A middle initial neither splits a whole name nor stays in it, so that
// "Ishmael D. Brown" and "Ishmael Brown" are one feature.
func TestFeatEntitiesInitials(t *testing.T) {
	phrases := func(text string) []string {
		var got []string
		featEntities(text, textnorm.Tokens(text), func(k int, s string) {
			if k == featPhrase {
				got = append(got, s)
			}
		})
		return got
	}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Police arrested Ishmael D. Brown on Friday.", []string{"ishmael brown"}},
		{"Police arrested Ishmael Brown on Friday.", []string{"ishmael brown"}},
		{"Mourners remembered George Carrington III at the church.", []string{"george carrington"}},
		{"The shooting was in Millbrook. Dana Reyes was hurt.", []string{"dana reyes"}},
	} {
		if got := phrases(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

func TestFeatMost(t *testing.T) {
	got := featMost([]uint64{5, 3, 9, 3, 5, 3, 7}, 2)
	if !slices.Equal(got, []uint64{3, 5}) {
		t.Errorf("got %v, want [3 5]", got)
	}
	if got := featMost([]uint64{4, 4, 2, 9}, 10); !slices.Equal(got, []uint64{2, 4, 9}) {
		t.Errorf("got %v, want [2 4 9]", got)
	}
	// Ties go by key, so the choice does not depend on the order given.
	if a, b := featMost([]uint64{8, 1, 6}, 2), featMost([]uint64{6, 8, 1}, 2); !slices.Equal(a, b) || !slices.Equal(a, []uint64{1, 6}) {
		t.Errorf("got %v and %v, want [1 6]", a, b)
	}
}

// Day marks are given for the week before publication only, the latest
// lnMarkDays days; an undated text's dates are kept.
func TestLnGivenDays(t *testing.T) {
	pub := int64(20010 * 86400)
	got := lnGivenDays([]int32{19990, 20002, 20003, 20008, 20010, 20012}, pub, true)
	if !slices.Equal(got, []int32{20003, 20008, 20010}) {
		t.Errorf("dated: got %v", got)
	}
	if got := lnGivenDays([]int32{100, 200}, 0, false); !slices.Equal(got, []int32{100, 200}) {
		t.Errorf("undated: got %v", got)
	}
}

// Undated reports of one vote that give its date without a year join;
// the same wording without the date does not reach the threshold.
func TestClusterUndatedCalendarDays(t *testing.T) {
	first := `Voters in Marrowvale cast ballots on Dec. 14 to choose a new regional assembly, officials said, with turnout reported high in the capital Oskel.`
	second := `Polling stations across Marrowvale closed on the evening of Dec. 14 after a quiet day of voting for the regional assembly, the electoral board said.`
	for _, c := range []struct {
		second string
		join   bool
	}{{second, true}, {strings.ReplaceAll(second, " of Dec. 14", ""), false}} {
		l := NewLinker(DefaultConfig())
		a := l.Add(lnArt("c1", "", "Marrowvale votes for assembly", first))
		b := l.Add(lnArt("c2", "", "Polls close in Marrowvale", c.second))
		if (a.StoryID == b.StoryID) != c.join {
			t.Errorf("%q: joined %v, want %v", c.second, a.StoryID == b.StoryID, c.join)
		}
	}
}

// A name-index ref expires when its latest time falls more than
// NameWindow behind the clock, to the second, however often and whenever
// its key was given; undated refs never do. The wheel holds a key once,
// and drops it with its last ref once that ref's day has passed.
func TestNameExpiry(t *testing.T) {
	const day = 86400
	const w = 10 * day
	const t0 = int64(1_790_000_000)
	type give struct {
		t     int64 // 0: undated
		story string
	}
	for _, c := range []struct {
		name  string
		gives []give // in time order
		at    int64  // the clock when asked
		want  []string
	}{
		{"within the window", []give{{t0, "a"}}, t0 + w, []string{"a"}},
		{"a second past it", []give{{t0, "a"}}, t0 + w + 1, nil},
		{"days past it", []give{{t0, "a"}}, t0 + w + 3*day, nil},
		{"refreshed", []give{{t0, "a"}, {t0 + 5*day, "a"}}, t0 + w + 3*day, []string{"a"}},
		{"refreshed often", []give{{t0, "a"}, {t0 + 3600, "a"}, {t0 + day, "a"}, {t0 + 9*day, "a"}}, t0 + 9*day + w, []string{"a"}},
		{"refreshed, a second past", []give{{t0, "a"}, {t0 + 5*day, "a"}}, t0 + 5*day + w + 1, nil},
		{"refreshed, days past", []give{{t0, "a"}, {t0 + 5*day, "a"}}, t0 + 5*day + w + 2*day, nil},
		{"the older story gone", []give{{t0, "a"}, {t0 + 5*day, "b"}}, t0 + w + 2*day, []string{"b"}},
		{"both gone", []give{{t0, "a"}, {t0 + 5*day, "b"}}, t0 + 5*day + w + 1, nil},
		{"given again after expiring", []give{{t0, "a"}, {t0 + 5*day, "b"}, {t0 + w + 2*day, "a"}}, t0 + 5*day + w + 1, []string{"a"}},
		{"undated", []give{{0, "a"}}, t0 + 100*w, []string{"a"}},
		{"undated stays, dated goes", []give{{0, "a"}, {t0, "b"}}, t0 + w + 1, []string{"a"}},
	} {
		cfg := DefaultConfig()
		cfg.NameWindow = w * time.Second
		l := NewLinker(cfg)
		advance := func(t int64) { // as tick
			if !l.hasClock || t > l.clock {
				l.clock, l.hasClock = t, true
				l.expireNames()
			}
		}
		last := int64(0)
		for _, g := range c.gives {
			if g.t != 0 {
				advance(g.t)
				last = g.t
			}
			l.giveKeys(&clStory{id: g.story}, []uint64{1}, g.t)
			held := 0
			for _, ks := range l.nameWheel.byDay {
				held += len(ks)
			}
			if held > 1 {
				t.Errorf("%s: key held %d times", c.name, held)
			}
		}
		advance(c.at)
		var got []string
		for _, r := range l.telling(1, nil) {
			got = append(got, r.story)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		if _, ok := l.names.first[1]; c.want == nil && ok && last+w+day < c.at {
			t.Errorf("%s: expired key still in the index", c.name)
		}
	}
}

// A weekend round-up that names Dana Reyes, 23, once among many places
// and people; months later a report from another town names a Dana
// Reyes, 23, again. The story has left the window, so only the name
// ties them, and the two share none of what each names most: another
// incident. (lnPlaceWords)
const (
	lnRoundup = `Millbrook police reported four shootings over the weekend. ` +
		`On Larch Avenue in Millbrook a man was grazed; Larch Avenue residents said shots were common. ` +
		`At Quarry Park in Millbrook two teens were wounded near the Quarry Park gates. ` +
		`Near Fenwick Market a driver was hit; Fenwick Market staff called Millbrook police. ` +
		`On Osier Lane, Dana Reyes, 23, was hurt; Osier Lane neighbours heard four shots. ` +
		`Chief Tamsin Gale said Millbrook detectives from the Eastern District and the Eastern District gang unit ` +
		`were working with Halden County deputies. Tamsin Gale asked Halden County residents for tips.`
	lnElsewhere = `Dana Reyes, 23, was arrested in Corvin on Tuesday after a fight outside a Corvin nightclub, ` +
		`Corvin police said. Reyes was held at the Corvin jail overnight. Officers said Reyes had ` +
		`struck a doorman at the Blue Heron club on Saltmarsh Road before running toward Saltmarsh Road.`
)

func TestLateNameJoinNeedsPlace(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("r1", "2026-03-02", "Four shot over the weekend in Millbrook", lnRoundup))
	b := l.Add(lnArt("r2", "2026-09-15", "Woman arrested after nightclub fight", lnElsewhere))
	if b.StoryID == a.StoryID || !b.NewStory {
		t.Errorf("a report from another town months later joined the round-up by one name: %+v", b)
	}
	// The same report naming the round-up's town and street joins it.
	l = NewLinker(DefaultConfig())
	a = l.Add(lnArt("r1", "2026-03-02", "Four shot over the weekend in Millbrook", lnRoundup))
	c := l.Add(lnArt("r3", "2026-09-15", "Arrest in Osier Lane shooting",
		`Millbrook police on Tuesday arrested a man in the March shooting of Dana Reyes, 23, on Osier Lane in Millbrook. `+
			`Detectives from the Eastern District said the arrest followed a tip.`))
	if c.StoryID != a.StoryID || c.Via != ViaIncidentName {
		t.Errorf("follow-up from the round-up's town: story %s via %q, want %s via %q", c.StoryID, c.Via, a.StoryID, ViaIncidentName)
	}
}
