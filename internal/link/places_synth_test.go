package link_test

import (
	"testing"

	"github.com/crosswire-news/crosswire/internal/eval"
	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/synth"
)

// On the generated coverage, whose events of one template differ mostly
// in the town, places keep look-alikes apart: BCubed precision rises
// clearly and recall stays.
func TestPlacesOnGeneratedCoverage(t *testing.T) {
	arts, gold := synth.Coverage(1, 1500)
	score := func(cfg link.Config) eval.BCubed {
		l := link.NewLinker(cfg)
		pred := make([]string, len(arts))
		for i := range arts {
			pred[i] = l.Add(&arts[i]).StoryID
		}
		return eval.ScoreBCubed(pred, gold)
	}
	with := score(link.DefaultConfig())
	cfg := link.DefaultConfig()
	cfg.PlaceConflict = 0
	without := score(cfg)
	t.Logf("precision %.3f -> %.3f, recall %.3f -> %.3f", without.Precision, with.Precision, without.Recall, with.Recall)
	if with.Precision < without.Precision+0.05 {
		t.Errorf("precision %.3f with places, %.3f without: want at least +0.05", with.Precision, without.Precision)
	}
	if with.Recall < without.Recall-0.01 {
		t.Errorf("recall %.3f with places, %.3f without: want no real loss", with.Recall, without.Recall)
	}
}
