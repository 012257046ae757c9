package analyze

import "strings"

// Lexical classes of a folded word, as bit flags so a token is looked up
// once.
const (
	fCue       uint32 = 1 << iota // a form of a speech or cognition verb
	fCuePast                      // ... in a form that can head a clause alone (said, says, told)
	fHe                           // he him his himself
	fShe                          // she her hers herself
	fThey                         // they them their
	fIt                           // it its
	fFirstP                       // I we
	fTitle                        // a role word: president, minister, spokesperson
	fOrg                          // a word that makes a name an organisation
	fPub                          // a publication or news agency word
	fDoc                          // report, statement, filing
	fGroup                        // officials, sources, aides (plural role nouns)
	fPersonN                      // official, engineer, aide (singular role nouns)
	fMale                         // a common male first name
	fFemale                       // a common female first name
	fStop                         // function word (never part of a name)
	fSkip                         // may stand between source and cue: also, has, repeatedly
	fClause                       // opens a clause: that, which, because
	fTime                         // Monday, yesterday
	fDet                          // determiners and quantifiers
	fPrep                         // prepositions
	fAccording                    // "according"
	fCiting                       // "citing"
	fNameLink                     // may sit inside a name: of, de, van, al, bin
	fObj                          // an object of "told": reporters, journalists
	fStance                       // a verb of stance or action that PolNeAR takes as a cue: support, oppose, seem (tagger features only)

	// fSubj is not in the lexicon: newDoc sets it on a word that
	// strings.ToLower makes a subject pronoun (subjectPronoun), which
	// the rules ask of the same tokens again and again.
	fSubj
)

var lexicon = map[string]uint32{}

func addWords(flag uint32, words string) {
	for _, w := range strings.Fields(words) {
		lexicon[w] |= flag
	}
}

// cueVerbs are the bases of the verbs that report speech, writing or
// thought. Forms are generated; irregular ones are listed.
const cueVerbs = `say tell state affirm add note emphasize emphasise acknowledge warn write argue confirm insist
deny reject vow claim explain announce predict suggest believe think report declare assert contend maintain
admit concede comment remark reply respond answer ask recall tweet post testify allege estimate promise pledge
threaten urge caution stress complain observe reveal disclose indicate hint conclude find show charge accuse
criticize criticise blame praise describe continue repeat reiterate agree disagree dispute question counter
retort joke quip boast recount inform advise assure signal forecast expect hope fear worry doubt know feel
want mention acknowledge contend cite insist demand propose recommend order instruct tell concur
underline underscore highlight lament decry dismiss defend welcome applaud vow swear guarantee speculate
wonder estimate calculate project counsel plead protest object complain whisper shout yell scream cry
declare proclaim pronounce profess attest certify claim allege imply insinuate acknowledge confess admit
announce broadcast publish write blog email text tweet post call`

// stanceVerbs are the bases of verbs of stance or action that PolNeAR
// annotates as attribution cues though they report no speech ("X backed
// the bill", "the plan seems doomed"). Only the tagger's features read
// them; the rules keep to cueVerbs.
const stanceVerbs = `support oppose back endorse seem appear decline refuse seek vote refer express
discuss decide consider blast denounce sign speak accept push slam mock hail attempt aim intend prefer
favor favour like love hate tout champion embrace condemn approve veto sponsor introduce unveil outline`

var irregular = map[string]string{
	"say": "said", "tell": "told", "write": "wrote written", "think": "thought", "find": "found",
	"show": "showed shown", "know": "knew known", "feel": "felt", "swear": "swore sworn",
	"forecast": "forecast", "broadcast": "broadcast", "seek": "sought", "speak": "spoke spoken",
}

func init() {
	for _, b := range strings.Fields(cueVerbs) {
		for _, f := range verbForms(b) {
			lexicon[f] |= fCue
		}
	}
	addWords(fCuePast, `said says told tells stated states added adds noted notes wrote writes argued argues
warned warns explained explains insisted insists acknowledged acknowledges confirmed confirms claimed
claims announced announces declared declares asserted asserts emphasized emphasizes stressed stresses
tweeted tweets reported reports predicted predicts suggested suggests believes believed thinks thought
denied denies rejected rejects vowed vows replied replies responded responds answered answers recalled
recalls testified testifies alleged alleges conceded concedes admitted admits contended contends
maintained maintains countered counters complained complains observed observes revealed reveals
concluded concludes affirmed affirms cautioned cautions urged urges pledged pledges promised promises
asked asks commented comments remarked remarks estimated estimates indicated indicates`)
	for _, b := range strings.Fields(stanceVerbs) {
		for _, f := range verbForms(b) {
			lexicon[f] |= fStance
		}
	}
	addWords(fHe, "he him his himself")
	addWords(fShe, "she her hers herself")
	addWords(fThey, "they them their themselves")
	addWords(fIt, "it its")
	addWords(fFirstP, "i we")
	addWords(fTitle, `president minister secretary senator sen rep representative gov governor mayor
spokesperson spokesman spokeswoman chief director ambassador envoy chairman chairwoman chair ceo cfo
judge justice commissioner prime king queen prince princess premier chancellor general gen lt col capt
sgt officer detective inspector superintendent sheriff attorney prosecutor lawyer mr mrs ms dr prof
professor pope bishop rev leader speaker congressman congresswoman councillor councilor councilman
councilwoman deputy vice head manager founder executive economist analyst adviser advisor aide
candidate nominee chief-of-staff lawmaker minister-designate treasurer auditor administrator
engineer scientist researcher spokesperson campaigner activist official editor correspondent reporter`)
	addWords(fOrg, `ministry department party council commission agency inc corp corporation company co ltd
group bank university institute association union court congress senate house administration office
committee authority service services police army navy force forces board foundation fund trust
federation organization organisation alliance coalition campaign club league society network center
centre school college hospital church government parliament assembly bureau unit team ministry's
airlines airline authority port harbour harbor railway railways transit utility utilities firm partners
holdings industries labs laboratory laboratories council's cabinet regulator commission's`)
	addWords(fPub, `reuters ap afp bloomberg bbc cnn npr msnbc fox abc cbs nbc politico axios post times journal
press news gazette ledger courier tribune herald daily chronicle observer guardian telegraph economist
telegraph wire magazine dispatch monitor review inquirer examiner sentinel star globe mail independent
associated`)
	addWords(fDoc, `report reports statement statements filing filings study studies review audit memo memorandum
document documents letter survey analysis investigation assessment release communique communiqué
transcript complaint lawsuit indictment ruling order decision paper poll polls data figures record
records email emails post tweet website plan document`)
	addWords(fGroup, `officials sources aides people experts analysts lawmakers diplomats engineers residents
witnesses investigators officers authorities critics supporters observers insiders employees workers
staff members executives advisers advisors economists scientists researchers activists organizers
organisers inspectors spokespeople representatives leaders neighbours neighbors voters doctors
nurses police prosecutors lawyers attorneys campaigners officers`)
	addWords(fPersonN, `official source aide person expert analyst lawmaker diplomat engineer resident witness
investigator officer insider employee worker member executive adviser advisor economist scientist
researcher activist organizer inspector spokesperson spokesman spokeswoman representative leader
neighbour neighbor voter doctor nurse prosecutor lawyer attorney campaigner staffer insider manager
consultant strategist operative colleague friend relative`)
	addWords(fMale, `james john robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl harold
dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan alan juan albert willie elijah
wayne randy vincent mason roy ralph bobby russell bradley philip eugene barack bernie mike ted marco
jeb chris ben bill tom tim dan jim bob tomás tomas carlos luis miguel pedro pablo diego javier jorge
antonio francisco manuel rafael hans klaus pierre jean jacques ahmed mohamed mohammed ali omar hassan
ivan dmitri sergei vladimir igor yuri ken hiroshi kenji wei li chen raj amit arjun kwame kofi emeka
chidi olu tunde dev viktor lars sven erik nils jan piotr pavel marek`)
	addWords(fFemale, `mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie
rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce
victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline
frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia judy grace denise
amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte rose
alexis kayla hillary nikki carly elizabeth ana ana sofia lucia carmen elena isabel mariana camila
valentina fatima aisha amina leila yasmin olga natasha svetlana irina yuki mei ling priya anita sunita
ngozi amara chioma adaeze ingrid astrid greta helga marta agnieszka ewa katarzyna nadia`)
	addWords(fStop, `the a an and but or nor so yet for in on at by to of from with as if when while after before
since because though although this that these those there here it its he she they we i you his her their
our my your what which who whom whose where why how all some many most more no not yes also however
meanwhile still then now today yesterday earlier later last next first one two three is are was were be
been being has have had do does did will would can could should may might must shall`)
	addWords(fSkip, `also has have had will would did does do not never previously repeatedly again later then
once publicly privately already recently earlier initially first originally subsequently further
firmly flatly strongly reportedly apparently often frequently always still just only even separately
quickly angrily bluntly been long`)
	addWords(fClause, `that which who whom whose when while because if but although though where whether since
unless after before until as and or`)
	addWords(fTime, `monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
january february march april june july august september october november december
morning afternoon evening night week weekend month year earlier later recently`)
	addWords(fDet, `the a an one two three four five six seven eight nine ten several some many few dozens
dozen numerous other another multiple various both each every more most senior former current
top two-dozen 2 3 4 5 6 7 8 9 10 11 12 13 14 15 20 30 50 100`)
	addWords(fPrep, `in on at by for with from to of about into over under after before during through
without within between against among`)
	addWords(fAccording, "according")
	addWords(fCiting, "citing cited cites cite")
	addWords(fNameLink, "of de del della di da van von der al el bin ibn la le du dos das y")
	addWords(fObj, `reporters journalists the press lawmakers supporters members audience viewers listeners
crowd interviewer interviewers radio television congress parliament attendees delegates`)
}

// verbForms generates the regular forms of an English verb (base, -s,
// -ed, -ing) plus listed irregulars.
func verbForms(b string) []string {
	out := []string{b}
	n := len(b)
	last := b[n-1]
	switch {
	case last == 'e':
		out = append(out, b+"s", b+"d", b[:n-1]+"ing")
	case last == 'y' && n > 1 && !strings.ContainsRune("aeiou", rune(b[n-2])):
		out = append(out, b[:n-1]+"ies", b[:n-1]+"ied", b+"ing")
	case strings.HasSuffix(b, "s") || strings.HasSuffix(b, "sh") || strings.HasSuffix(b, "ch") || strings.HasSuffix(b, "x") || strings.HasSuffix(b, "z"):
		out = append(out, b+"es", b+"ed", b+"ing")
	default:
		d := b
		// Double a final consonant after one short vowel (admit -> admitted).
		if n >= 3 && strings.ContainsRune("tpgmnr", rune(last)) && strings.ContainsRune("aeiou", rune(b[n-2])) && !strings.ContainsRune("aeiou", rune(b[n-3])) && (b == "admit" || b == "commit" || b == "regret" || b == "submit" || b == "plan" || b == "quip" || b == "omit" || b == "refer" || b == "prefer" || b == "confer" || b == "concur" || b == "transmit" || b == "permit") {
			d = b + string(last)
		}
		out = append(out, b+"s", d+"ed", d+"ing")
	}
	if irr, ok := irregular[b]; ok {
		out = append(out, strings.Fields(irr)...)
	}
	return out
}

// lexTab is the lexicon as an open-addressing table keyed by the FNV hash
// of the folded word, which the tagger's features need anyway: a lookup
// is then a probe or two instead of a map's own hashing. Slots are 8
// bytes (the table stays in cache); the word itself, in lexWords at
// lexAt, is read only when the hash matches. The words lie end to end in
// one string, a few KB, rather than each in its own allocation, so that
// reading one does not miss the cache. It is built from lexicon once lexicon is
// complete (the init below runs after the one above: same file, in
// order).
var (
	lexTab   []lexSlot
	lexWords string   // every word, end to end
	lexAt    []uint32 // per slot: where its word starts in lexWords << 8 | its length
	lexMask  uint32
)

type lexSlot struct {
	h     uint32 // the word's hash
	flags uint32 // its flags | lexUsed; 0: an empty slot
}

// lexUsed marks a filled slot; no lexical flag uses the top bit.
const lexUsed uint32 = 1 << 31

func init() {
	n := 1
	for n < 4*len(lexicon) {
		n *= 2
	}
	lexTab, lexAt, lexMask = make([]lexSlot, n), make([]uint32, n), uint32(n-1)
	var words strings.Builder
	for w, f := range lexicon {
		h := fnv(2166136261, w)
		i := h & lexMask
		for lexTab[i].flags != 0 {
			i = (i + 1) & lexMask
		}
		if len(w) > 255 {
			panic("lexicon word longer than lexAt can say: " + w)
		}
		lexTab[i], lexAt[i] = lexSlot{h, f | lexUsed}, uint32(words.Len())<<8|uint32(len(w))
		words.WriteString(w)
	}
	lexWords = words.String()
}

// lex returns the lexical flags of a word.
func lex(buf []byte, w string) uint32 {
	k := lowerKey(buf, w)
	return lexKey(k, fnv(2166136261, k))
}

// lexKey is lex for a folded word k whose FNV hash is h.
func lexKey(k []byte, h uint32) uint32 {
	for i := h & lexMask; lexTab[i].flags != 0; i = (i + 1) & lexMask {
		if at := lexAt[i]; lexTab[i].h == h && lexWords[at>>8:at>>8+at&0xff] == string(k) {
			return lexTab[i].flags &^ lexUsed
		}
	}
	// Any -ly adverb may stand between a speaker and the cue.
	if len(k) > 4 && k[len(k)-2] == 'l' && k[len(k)-1] == 'y' {
		return fSkip
	}
	return 0
}
