package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"komitee/internal/testkit"
)

// TestPublicPageCache: the public's pages come from the cache, change as soon as the data does,
// and are never what a signed-in person sees.
func TestPublicPageCache(t *testing.T) {
	k := testkit.New(t)
	public := newSite(t, k)
	orgPage := "/organisations/" + k.Listed.GetString("slug")

	if strings.Contains(public.get("/organisations", 200), "Zeltstadt-Initiative") {
		t.Fatal("not there yet")
	}
	first := public.get(orgPage, 200)
	if strings.Contains(first, membersPhone) {
		t.Fatal("public sees a members-only contact")
	}
	if again := public.get(orgPage, 200); again != first {
		t.Fatal("the cached page differs from the first answer")
	}

	// A member asking next gets their own page, not the public's cached one.
	member := newSite(t, k)
	member.cookies["komitee_session"] = k.SessionID(t, k.Member)
	if !strings.Contains(member.get(orgPage, 200), membersPhone) {
		t.Fatal("a member was served the public's cached page")
	}

	// New data shows at once.
	coll, _ := k.App.FindCollectionByNameOrId("organisations")
	r := core.NewRecord(coll)
	r.Set("name", "Zeltstadt-Initiative")
	r.Set("slug", "zeltstadt-initiative")
	r.Set("kind", "welcome_initiative")
	r.Set("status", "member")
	if err := k.App.Save(r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(public.get("/organisations", 200), "Zeltstadt-Initiative") {
		t.Fatal("the directory served a stale page after a change")
	}
	k.Listed.Set("communities", "Geänderte Community")
	if err := k.App.Save(k.Listed); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(public.get(orgPage, 200), "Geänderte Community") {
		t.Fatal("the organisation page served a stale page after a change")
	}

	// Languages are cached apart, and the gzip form is the same page.
	public.cookies["komitee_lang"] = "ar"
	status, _, plain := public.doHeaders(http.MethodGet, orgPage, nil)
	if status != 200 || !strings.Contains(plain, `dir="rtl"`) {
		t.Fatal("Arabic served from the German cache")
	}
	req := httptest.NewRequest(http.MethodGet, orgPage, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	req.AddCookie(&http.Cookie{Name: "komitee_lang", Value: "ar"})
	rec := httptest.NewRecorder()
	public.mux.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatal("not compressed")
	}
	zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, _ := io.ReadAll(zr)
	if string(unzipped) != plain {
		t.Fatal("the compressed page differs from the plain one")
	}
}

// TestCachedPageCompressed: a gzip client gets the public page compressed, the same bytes
// each time, and it unpacks to the directory.
func TestCachedPageCompressed(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	get := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/organisations", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		s.mux.ServeHTTP(rec, req)
		return rec
	}
	a, b := get(), get()
	if a.Header().Get("Content-Encoding") != "gzip" || !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
		t.Fatal("the public page was not kept compressed")
	}
	zr, err := gzip.NewReader(a.Body)
	if err != nil {
		t.Fatal(err)
	}
	if page, _ := io.ReadAll(zr); !bytes.Contains(page, []byte(listedName)) {
		t.Fatal("compressed page lacks the directory")
	}
}
