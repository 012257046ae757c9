package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/crosswire-news/crosswire/internal/extract"
	"github.com/crosswire-news/crosswire/internal/feed"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/warc"
)

// maxPage caps one archived page; larger records are reported and skipped.
const maxPage = 16 << 20

// Read reads files and folders (recursively, in name order; hidden entries
// skipped) into articles; "-" reads stdin. A file that cannot be read, or a unit of it (a
// JSON line, a WARC record), gives an error naming it; the rest goes on.
// skipped counts WARC records that hold no HTML page.
func Read(paths []string, stdin io.Reader, opt extract.Options) (arts []*model.Article, errs []error, skipped int) {
	for _, p := range paths {
		if p == "-" {
			got, e := extract.Reader("-", stdin, opt)
			arts = appendArticles(arts, got)
			errs = append(errs, e...)
			continue
		}
		var files []string
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", path, unwrapPathError(err)))
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
		}
		sort.Strings(files)
		for _, f := range files {
			if IsWARC(f) {
				got, e, sk := ReadWARC(f, opt)
				arts = append(arts, got...)
				errs = append(errs, e...)
				skipped += sk
				continue
			}
			got, e := extract.File(f, opt)
			arts = appendArticles(arts, got)
			errs = append(errs, e...)
		}
	}
	return arts, errs, skipped
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func appendArticles(dst []*model.Article, src []model.Article) []*model.Article {
	for i := range src {
		dst = append(dst, &src[i])
	}
	return dst
}

// IsWARC reports whether a path names a WARC archive.
func IsWARC(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".warc") || strings.HasSuffix(p, ".warc.gz")
}

// ReadWARC extracts every HTML response in a WARC file. Records that are
// not HTML pages are counted in skipped. A truncated or corrupt archive
// gives an error after every whole record before the damage.
func ReadWARC(path string, opt extract.Options) (arts []*model.Article, errs []error, skipped int) {
	f, err := os.Open(path)
	if err != nil {
		return nil, []error{fmt.Errorf("%s: %w", path, unwrapPathError(err))}, 0
	}
	defer f.Close()
	err = EachWARCPage(path, f, opt, func(a *model.Article) error {
		arts = append(arts, a)
		return nil
	}, func(err error) { errs = append(errs, err) }, &skipped)
	if err != nil {
		errs = append(errs, err)
	}
	return arts, errs, skipped
}

// EachWARCPage streams the HTML pages of a WARC archive to fn, one record
// in memory at a time. Per-record extraction failures go to onErr; the
// returned error is the archive's own (truncation, corruption) or fn's.
func EachWARCPage(name string, r io.Reader, opt extract.Options, fn func(*model.Article) error, onErr func(error), skipped *int) error {
	wr, err := warc.NewReader(r)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for n := 1; ; n++ {
		rec, err := wr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if !rec.IsHTML() {
			*skipped++
			continue
		}
		recName := fmt.Sprintf("%s#%d", name, n)
		page, err := rec.HTMLUTF8(maxPage)
		if err != nil {
			onErr(fmt.Errorf("%s (%s): %w", recName, rec.TargetURI, err))
			continue
		}
		a, err := extract.HTML(recName, page, rec.TargetURI, opt)
		if err != nil {
			onErr(err)
			continue
		}
		if err := fn(&a); err != nil {
			return err
		}
	}
}

// IngestPage extracts, analyses, links and stores one fetched page. item,
// when the page came from a feed, fills in what the page itself lacks
// (date, title, authors).
func (p *Pipeline) IngestPage(ctx context.Context, url string, body []byte, item *feed.Item) (Result, error) {
	a, err := extract.HTML(url, body, url, extract.Options{})
	if err != nil {
		return Result{Read: 1, Failed: 1, Errors: []error{err}}, nil
	}
	if item != nil {
		if a.Published == "" && !item.Published.IsZero() {
			a.Published = item.Published.UTC().Format(time.RFC3339)
		}
		if a.Title == "" {
			a.Title = item.Title
		}
		if len(a.Byline) == 0 {
			a.Byline = item.Authors
		}
	}
	return p.Ingest(ctx, []*model.Article{&a}, nil)
}
