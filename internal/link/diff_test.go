package link

import (
	"reflect"
	"testing"
)

func TestDiffWords(t *testing.T) {
	got := Diff("We will not bow to pressure, we will negotiate", "We are not going to give in to pressure. We are going to negotiate")
	want := []DiffOp{
		{"=", "We"}, {"-", "will"}, {"+", "are"}, {"=", "not"}, {"-", "bow"}, {"+", "going to give in"},
		{"=", "to pressure we"}, {"-", "will"}, {"+", "are going to"}, {"=", "negotiate"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
}

func TestDiffFoldsCaseAndQuotes(t *testing.T) {
	if got := Diff("“The valves—all of them”", `"the VALVES - all of them"`); !reflect.DeepEqual(got, []DiffOp{{"=", "The valves all of them"}}) {
		t.Fatalf("%v", got)
	}
	if got := Diff("", "new words"); !reflect.DeepEqual(got, []DiffOp{{"+", "new words"}}) {
		t.Fatalf("%v", got)
	}
	if got := Diff("old", ""); !reflect.DeepEqual(got, []DiffOp{{"-", "old"}}) {
		t.Fatalf("%v", got)
	}
	if got := Diff("We won’t bow", "We will not bow"); !reflect.DeepEqual(got, []DiffOp{{"=", "We won’t bow"}}) {
		t.Fatalf("%v", got)
	}
	if got := Diff("We won't bow", "We will bow"); !reflect.DeepEqual(got, []DiffOp{{"=", "We won't"}, {"-", "not"}, {"=", "bow"}}) {
		t.Fatalf("%v", got)
	}
	if got := Diff("", ""); len(got) != 0 {
		t.Fatalf("%v", got)
	}
}
