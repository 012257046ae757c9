package link

import "github.com/crosswire-news/crosswire/internal/model"

// A story is decided one article at a time, so the first report of an
// event that a second, differently worded report did not match stays
// alone while the coverage gathers in a story started by the second.
// When such a small story closes, everything that has arrived since is
// known: its articles are scored again against the stories open then,
// and if all of them now join one story it takes them in. Undated
// stories never close, so Settle gives them the same second look at the
// end of a batch.

// Fold records a story folded into another: its articles moved to Into
// and its id is gone.
type Fold struct {
	From, Into string
	Articles   []FoldedArticle
}

// FoldedArticle is an article a fold moved.
type FoldedArticle struct {
	ID    string
	Score float64 // its join score against Into
	// Names are its incident names under Into, as NameState gives them,
	// for the store to keep in place of those it saved under From.
	Names []byte
}

// FoldMap says which story an id ended up in after folds. Folds come in
// the order they happened, so a chain (A into B, then B into C) is
// followed to its end.
type FoldMap map[string]string

// Add records folds.
func (m FoldMap) Add(folds []Fold) {
	for _, f := range folds {
		m[f.From] = f.Into
	}
}

// Story is the story id lives in now: id itself unless it was folded.
func (m FoldMap) Story(id string) string {
	for range len(m) + 1 {
		into, ok := m[id]
		if !ok {
			break
		}
		id = into
	}
	return id
}

// ApplyFolds brings assignments up to date with folds made since: each
// StoryID becomes the story the article lives in now, and a moved
// article says ViaFolded with its score against the story it joined.
func ApplyFolds(as []Assignment, folds []Fold) {
	fm := FoldMap{}
	fm.Add(folds)
	moved := map[string]float64{}
	for _, f := range folds {
		for _, fa := range f.Articles {
			moved[fa.ID] = fa.Score
		}
	}
	for i := range as {
		as[i].StoryID = fm.Story(as[i].StoryID)
		if score, ok := moved[as[i].ArticleID]; ok {
			as[i].Via, as[i].Score = ViaFolded, score
		}
	}
}

// AddAll adds articles in the order given, settles, and returns each
// one's assignment as it stands after every fold (ApplyFolds), with the
// folds made: what a caller linking a whole batch in memory needs.
func (l *Linker) AddAll(arts []*model.Article) ([]Assignment, []Fold) {
	as := make([]Assignment, len(arts))
	var folds []Fold
	for i, a := range arts {
		as[i] = l.Add(a)
		folds = append(folds, as[i].Folded...)
	}
	folds = append(folds, l.Settle()...)
	ApplyFolds(as, folds)
	return as, folds
}

// Settle gives each undated story of at most FoldSize articles its
// second look, and returns the folds made. Call it at the end of a batch.
// A story is looked at again only when articles have arrived since its
// last look: nothing else can change the outcome.
func (l *Linker) Settle() []Fold {
	var out []Fold
	for _, st := range l.stories {
		if st == nil || st.first != 0 || st.looked == l.adds {
			continue
		}
		st.looked = l.adds
		if f, ok := l.fold(st); ok {
			out = append(out, f)
		}
	}
	return out
}

// MarkWhole lets restored stories be folded like the ones Add started,
// once the store confirms the linker holds every article they have:
// after a restart the linker would otherwise never fold, so a restart
// would decide otherwise than a run that went on. stored returns the
// store's article count for each id asked (the restored stories small
// enough to fold); a story whose count matches what is held is whole.
func (l *Linker) MarkWhole(stored func(storyIDs []string) (map[string]int, error)) error {
	var ids []string
	for _, st := range l.stories {
		if st != nil && !st.whole && st.n <= l.cfg.FoldSize && len(st.members) == st.n {
			ids = append(ids, st.id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	counts, err := stored(ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if st := l.stories[l.storyByID[id]]; counts[id] == st.n {
			st.whole = true
		}
	}
	return nil
}

// fold folds st into the one story all of its articles now score at
// least JoinThreshold against, if there is one. Only a whole story
// qualifies (one Add started, or MarkWhole confirmed): a reopened or
// partly restored story has members in the store the linker cannot
// score.
func (l *Linker) fold(st *clStory) (Fold, bool) {
	if !st.whole || st.n > l.cfg.FoldSize || len(st.members) != st.n {
		return Fold{}, false
	}
	arts := make([]*lnArticle, 0, st.n)
	for _, h := range st.members {
		art := l.byHandle[h]
		if art == nil || art.story != st.idx {
			return Fold{}, false
		}
		arts = append(arts, art)
	}
	var into *clStory
	scores := make([]float64, len(arts))
	for i, art := range arts {
		best, score := l.bestStory(art, st)
		if best == nil || score < l.cfg.JoinThreshold || (into != nil && best != into) {
			return Fold{}, false
		}
		into, scores[i] = best, score
	}
	l.closeStory(st)
	f := Fold{From: st.id, Into: into.id}
	for i, art := range arts {
		l.forgetNames(st, art)
		l.join(into, art)
		f.Articles = append(f.Articles, FoldedArticle{ID: art.id, Score: scores[i], Names: l.NameState(art.id)})
	}
	return f, true
}
