package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
)

// addOrganisations adds n listed organisations named "Org 001"… with alternating kinds.
func addOrganisations(t *testing.T, k *testkit.Kit, n int) {
	coll, _ := k.App.FindCollectionByNameOrId("organisations")
	for i := 1; i <= n; i++ {
		r := core.NewRecord(coll)
		name := fmt.Sprintf("Org %03d", i)
		r.Set("name", name)
		r.Set("slug", committee.Slugify(name))
		r.Set("kind", map[bool]string{true: "welfare", false: "education"}[i%2 == 0])
		r.Set("areas", []string{"health"})
		r.Set("languages", []string{"uk"})
		r.Set("municipality", "Hoyerswerda")
		r.Set("status", "partner")
		if err := k.App.Save(r); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDirectoryFiltersAndPages: filters combine, stay in the pager's links, unknown values are
// ignored, and HTMX gets only the results.
func TestDirectoryFiltersAndPages(t *testing.T) {
	k := testkit.New(t)
	addOrganisations(t, k, 120)
	s := newSite(t, k)

	first := s.get("/organisations?area=health", 200)
	if !strings.Contains(first, "120 Organisationen gefunden") || !strings.Contains(first, "Seite 1 von 3") {
		t.Fatal("count or pages wrong")
	}
	if strings.Count(first, `aria-current="true"`) != 1 {
		t.Fatal("the language switcher must mark exactly the page's language")
	}
	if !strings.Contains(first, `href="/organisations?area=health&amp;page=2"`) {
		t.Fatal("the pager drops the filter")
	}
	if strings.Contains(first, "Org 051") || !strings.Contains(first, "Org 050") {
		t.Fatal("page size is not 50")
	}
	third := s.get("/organisations?area=health&page=3", 200)
	if !strings.Contains(third, "Org 120") || strings.Contains(third, "Org 100<") {
		t.Fatal("third page wrong")
	}
	if body := s.get("/organisations?kind=welfare&language=uk&municipality=Hoyerswerda", 200); !strings.Contains(body, "60 Organisationen gefunden") {
		t.Fatal("combined filters wrong")
	}
	if body := s.get("/organisations?q=vielfalt", 200); !strings.Contains(body, "Verein der Vielfalt") || !strings.Contains(body, "1 Organisation gefunden") {
		t.Fatal("text search wrong")
	}
	// Language filter on the fixture: Verein der Vielfalt serves Arabic.
	if body := s.get("/organisations?language=ar", 200); !strings.Contains(body, "Verein der Vielfalt") || strings.Contains(body, "Org 001") {
		t.Fatal("language filter wrong")
	}
	// Hand-made URLs: unknown values are ignored, pages out of range are empty, never a 500.
	for _, u := range []string{"/organisations?kind=rocket&area=%27%22", "/organisations?page=999", "/organisations?page=-3",
		"/organisations?q=%25%25%5C", "/organisations?municipality=%00"} {
		s.get(u, 200)
	}
	// HTMX asks for the results only.
	status, _, body := s.doHeaders(http.MethodGet, "/organisations?kind=welfare", map[string]string{"HX-Request": "true", "HX-Target": "results"})
	if status != 200 || strings.Contains(body, "<html") || !strings.HasPrefix(strings.TrimSpace(body), `<section id="results"`) {
		t.Fatalf("HTMX fragment wrong: %d %.80s", status, body)
	}
}

// TestCoordinatorSetsStatus: an inactive organisation leaves the directory and its people stop
// counting as members; an application cannot be made a member this way.
func TestCoordinatorSetsStatus(t *testing.T) {
	k := testkit.New(t)
	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	slug := k.Listed.GetString("slug")
	if !strings.Contains(coord.get("/organisations/"+slug, 200), `data-testid="status-form"`) {
		t.Fatal("no status form for the coordinator")
	}
	coord.submit("/organisations/"+slug+"/status", url.Values{"status": {"inactive"}})
	if strings.Contains(newSite(t, k).get("/organisations", 200), listedName) {
		t.Fatal("an inactive organisation is still listed")
	}
	if m, _ := k.App.FindRecordById("users", k.Member.Id); m.GetBool("member") {
		t.Fatal("people of an inactive organisation still count as members")
	}
	if status, _, _ := coord.do(http.MethodPost, "/organisations/"+k.Pending.GetString("slug")+"/status", url.Values{"status": {"member"}}); status != 422 {
		t.Fatalf("an application was decided through the status form: %d", status)
	}
	if status, _, _ := coord.do(http.MethodPost, "/organisations/"+slug+"/status", url.Values{"status": {"applied"}}); status != 422 {
		t.Fatalf("status set to applied: %d", status)
	}
}
