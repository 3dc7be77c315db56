package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
	"komitee/internal/testkit"
	"komitee/web"
)

// TestEveryPostAddressAnswersAGet walks every POST route of routes.go with a GET, as the
// public, a member and a coordinator: a reload of a form's address (where HTMX left the
// address bar after a problem, or a bookmark) shows the page it belongs to, never a 405 or a
// 500; a redirect leads to the page, which the coordinator sees (others may get its 403 or
// 404, as on that page itself).
func TestEveryPostAddressAnswersAGet(t *testing.T) {
	k := testkit.New(t)
	comment := k.Record(t, "comments", map[string]any{"topic": k.PublicTopic.Id, "author": k.Member.Id, "body": "Ein Kommentar"})
	item := agendaItemOf(k, k.PublicMeeting)
	statement := k.Statement(t, "Prüfung", "draft") // for /statements/:slug/…
	ids := map[string]string{"meetings": k.PublicMeeting.Id, "topics": k.PublicTopic.Id, "rounds": k.Round.Id,
		"memberships": k.MemberMembership.Id, "comments": comment.Id, "coordination": k.Pending.Id}
	var posts []string
	for _, r := range web.Routes(k.App) {
		if r.Method == http.MethodPost {
			posts = append(posts, r.Path)
		}
	}
	if len(posts) < 50 {
		t.Fatalf("only %d POST routes found", len(posts))
	}
	people := map[string]*core.Record{"public": nil, "member": k.Member, "coordinator": k.Coordinator}
	for who, u := range people {
		s := newSite(t, k)
		if u != nil {
			s.cookies["komitee_session"] = k.SessionID(t, u)
		}
		for _, route := range posts {
			parts := strings.Split(route, "/")
			dummy := false
			for i, p := range parts {
				switch p {
				case ":slug":
					parts[i] = k.Listed.GetString("slug")
					if parts[1] == "statements" {
						parts[i] = statement.GetString("slug")
					}
				case ":id":
					parts[i] = ids[parts[1]]
					if parts[i] == "" {
						parts[i], dummy = "x", true
					}
					if strings.Contains(route, "minutes") || strings.HasSuffix(route, "/decisions") || strings.HasSuffix(route, "/actions") {
						parts[i] = k.HeldMeeting.Id
					}
					if parts[1] == "coordination" && parts[2] == "coordinators" {
						parts[i] = k.Coordinator.Id
					}
				case ":item":
					parts[i] = item
				case ":date", ":token":
					parts[i], dummy = "x", true
				default:
					if strings.HasPrefix(p, ":") || (p == "" && i > 0) {
						parts[i], dummy = "x", true
					}
				}
			}
			path := strings.Join(parts, "/")
			status, loc, _ := s.do(http.MethodGet, path, nil)
			if status == http.StatusMethodNotAllowed {
				t.Errorf("%s: GET %s answers 405", who, route)
				continue
			}
			if dummy {
				continue
			}
			// Follow to the page: the coordinator sees it; others see it, or the login or a 403 page.
			for hops := 0; status == http.StatusSeeOther && hops < 3; hops++ {
				target, _, _ := strings.Cut(loc, "#")
				status, loc, _ = s.do(http.MethodGet, target, nil)
			}
			if status != 200 && (who == "coordinator" || (status != http.StatusForbidden && status != http.StatusNotFound)) {
				t.Errorf("%s: GET %s leads to a %d", who, route, status)
			}
		}
	}
}

// TestSuccessfulFormsRedirect: each successful form of the main workflows answers 303 with a
// Location that is a real page (200 when followed), and for HTMX an HX-Location (HX-Redirect
// when the session changes) to such a page, so the address bar never stays on a form's POST
// address.
func TestSuccessfulFormsRedirect(t *testing.T) {
	soon := time.Now().Add(20 * 24 * time.Hour).In(committee.Berlin).Format("2006-01-02")
	cases := []struct {
		name string
		who  func(k *testkit.Kit) *core.Record
		path func(t *testing.T, k *testkit.Kit) string
		form url.Values
		want string // the start of the Location
	}{
		{"join an organisation", func(k *testkit.Kit) *core.Record { return k.Registered },
			func(_ *testing.T, k *testkit.Kit) string {
				return "/organisations/" + k.Listed.GetString("slug") + "/join"
			},
			url.Values{"message": {"Ich möchte mitmachen."}}, "/organisations/"},
		{"propose a topic", func(k *testkit.Kit) *core.Record { return k.Member },
			func(*testing.T, *testkit.Kit) string { return "/topics/new" },
			url.Values{"title": {"Sprachcafé"}, "kind": {"topic"}}, "/topics/"},
		{"support a topic", func(k *testkit.Kit) *core.Record { return k.Member },
			func(_ *testing.T, k *testkit.Kit) string { return "/topics/" + k.PublicTopic.Id + "/support" },
			url.Values{"on": {"1"}}, "/topics/"},
		{"comment on a topic", func(k *testkit.Kit) *core.Record { return k.Member },
			func(_ *testing.T, k *testkit.Kit) string { return "/topics/" + k.PublicTopic.Id + "/comments" },
			url.Values{"body": {"Gute Idee."}}, "/topics/"},
		{"apply with an organisation", func(k *testkit.Kit) *core.Record { return k.Registered },
			func(*testing.T, *testkit.Kit) string { return "/organisations/new" },
			url.Values{"name": {"Neuer Verein"}, "kind": {"mso"}}, "/organisations/"},
		{"create a meeting", func(k *testkit.Kit) *core.Record { return k.Coordinator },
			func(*testing.T, *testkit.Kit) string { return "/meetings/new" },
			url.Values{"title": {"Sitzung"}, "kind": {"committee"}, "visibility": {"members"}}, "/meetings/"},
		{"propose a date", func(k *testkit.Kit) *core.Record { return k.Coordinator },
			func(_ *testing.T, k *testkit.Kit) string { return "/meetings/" + k.DraftMeeting.Id + "/dates" },
			url.Values{"date": {soon}, "start": {"17:00"}, "end": {"19:00"}}, "/meetings/"},
		{"cancel a meeting", func(k *testkit.Kit) *core.Record { return k.Coordinator },
			func(_ *testing.T, k *testkit.Kit) string { return "/meetings/" + k.PublicMeeting.Id + "/status" },
			url.Values{"action": {"cancel"}}, "/meetings/"},
		{"suggest an agenda item", func(k *testkit.Kit) *core.Record { return k.Member },
			func(_ *testing.T, k *testkit.Kit) string { return "/meetings/" + k.PublicMeeting.Id + "/agenda" },
			url.Values{"title": {"Dolmetschpool"}}, "/meetings/"},
		{"register for a meeting", func(k *testkit.Kit) *core.Record { return k.Deputy },
			func(_ *testing.T, k *testkit.Kit) string { return "/meetings/" + k.PublicMeeting.Id + "/register" },
			url.Values{"answer": {"yes"}, "people": {"1"}}, "/meetings/"},
		{"register as a guest", func(*testkit.Kit) *core.Record { return nil },
			func(t *testing.T, k *testkit.Kit) string {
				start := time.Now().Add(10 * 24 * time.Hour).UTC().Truncate(time.Hour)
				return "/meetings/" + k.Record(t, "meetings", map[string]any{"title": "Fest", "kind": "public_event", "status": "scheduled",
					"visibility": "public", "starts": start, "ends": start.Add(time.Hour)}).Id + "/register"
			},
			url.Values{"answer": {"yes"}, "name": {"Leyla"}, "email": {"leyla@example.org"}}, "/meetings/"},
		{"vote in a round", func(k *testkit.Kit) *core.Record { return k.Rep },
			func(_ *testing.T, k *testkit.Kit) string { return "/rounds/" + k.Round.Id + "/vote" }, nil, "/rounds/"},
		{"ask for a password reset", func(*testkit.Kit) *core.Record { return nil },
			func(*testing.T, *testkit.Kit) string { return "/password-reset" },
			url.Values{"email": {"deputy@example.org"}}, "/password-reset?sent"},
		{"log in", func(*testkit.Kit) *core.Record { return nil },
			func(*testing.T, *testkit.Kit) string { return "/login" },
			url.Values{"email": {"member@example.org"}, "password": {testkit.Password}}, "/"},
	}
	for _, c := range cases {
		for _, htmx := range []bool{false, true} {
			name := c.name
			if htmx {
				name += " (htmx)"
			}
			t.Run(name, func(t *testing.T) {
				k := testkit.New(t)
				s := newSite(t, k)
				if u := c.who(k); u != nil {
					s.cookies["komitee_session"] = k.SessionID(t, u)
				}
				form := c.form
				if form == nil { // the vote: Rep's dots for Listed
					form = url.Values{"organisation": {k.Listed.Id}, "dots_" + k.PublicTopic.Id: {"1"}}
				}
				path := c.path(t, k)
				var headers map[string]string
				if htmx {
					headers = map[string]string{"HX-Request": "true"}
				}
				status, loc, body := s.sendForm(http.MethodPost, path, form, headers)
				if htmx {
					if status != 200 || loc != "" {
						t.Fatalf("POST %s (htmx): %d %q\n%s", path, status, loc, body)
					}
					loc = s.header.Get("HX-Location") + s.header.Get("HX-Redirect")
				} else if status != http.StatusSeeOther {
					t.Fatalf("POST %s: %d, want 303\n%s", path, status, body)
				}
				if !strings.HasPrefix(loc, c.want) || loc == path {
					t.Fatalf("POST %s leads to %q, want a page under %s", path, loc, c.want)
				}
				target, _, _ := strings.Cut(loc, "#")
				s.get(target, 200)
			})
		}
	}
}

// TestSchedulingAPastMeetingAsksFirst: scheduling a meeting whose date has passed (the status
// form, or fixing a candidate date that has gone by) shows a second step with a clear message
// and a confirm button (a plain form); nothing changes until it is confirmed, and then
// nobody is invited to a meeting in the past.
func TestSchedulingAPastMeetingAsksFirst(t *testing.T) {
	k := testkit.New(t)
	coord := newSite(t, k)
	coord.cookies["komitee_session"] = k.SessionID(t, k.Coordinator)
	past := time.Now().Add(-3 * 24 * time.Hour).In(committee.Berlin).Format("2006-01-02")
	loc := coord.submit("/meetings/new", url.Values{"title": {"Nachtrag"}, "kind": {"committee"}, "visibility": {"members"},
		"date": {past}, "start": {"10:00"}, "end": {"12:00"}})
	id := strings.TrimPrefix(loc, "/meetings/")
	sent := k.App.TestMailer.TotalSend()

	status, _, body := coord.do(http.MethodPost, loc+"/status", url.Values{"action": {"schedule"}})
	if status != 200 || !strings.Contains(body, `data-testid="confirm-past"`) || !strings.Contains(body, `data-testid="confirm-past-submit"`) ||
		!strings.Contains(body, `name="confirm" value="past"`) || !strings.Contains(body, `name="action" value="schedule"`) ||
		!strings.Contains(body, "keine Einladungen") {
		t.Fatalf("no confirmation asked: %d\n%s", status, body)
	}
	if m, _ := k.App.FindRecordById("meetings", id); m.GetString("status") != "draft" {
		t.Fatalf("scheduled before the confirmation: %s", m.GetString("status"))
	}
	if loc := coord.submit(loc+"/status", url.Values{"action": {"schedule"}, "confirm": {"past"}}); loc != "/meetings/"+id {
		t.Fatalf("confirmed: %q", loc)
	}
	if m, _ := k.App.FindRecordById("meetings", id); m.GetString("status") != "scheduled" {
		t.Fatalf("not scheduled after the confirmation: %s", m.GetString("status"))
	}
	if k.App.TestMailer.TotalSend() != sent {
		t.Errorf("%d invitations to a meeting in the past", k.App.TestMailer.TotalSend()-sent)
	}
	// It has started: now "mark as held" is offered.
	if body := coord.get(loc, 200); !strings.Contains(body, `data-testid="status-held"`) {
		t.Error("a meeting in the past does not offer \"mark as held\"")
	}

	// Date finding whose candidate date has gone by.
	m := k.Record(t, "meetings", map[string]any{"title": "Umfrage", "kind": "committee", "status": "date_finding", "visibility": "members"})
	then := time.Now().Add(-2 * time.Hour).UTC().Truncate(time.Minute)
	d := k.Record(t, "meeting_dates", map[string]any{"meeting": m.Id, "starts": then, "ends": then.Add(time.Hour)})
	fix := "/meetings/" + m.Id + "/dates/" + d.Id + "/fix"
	status, _, body = coord.do(http.MethodPost, fix, url.Values{})
	if status != 200 || !strings.Contains(body, `data-testid="confirm-past"`) || strings.Contains(body, `name="action"`) {
		t.Fatalf("fixing a past date asked nothing: %d", status)
	}
	if r, _ := k.App.FindRecordById("meetings", m.Id); r.GetString("status") != "date_finding" {
		t.Fatalf("fixed before the confirmation: %s", r.GetString("status"))
	}
	coord.submit(fix, url.Values{"confirm": {"past"}})
	if r, _ := k.App.FindRecordById("meetings", m.Id); r.GetString("status") != "scheduled" || k.App.TestMailer.TotalSend() != sent {
		t.Fatalf("after confirming: %s, %d mails", r.GetString("status"), k.App.TestMailer.TotalSend()-sent)
	}

	// A future date is fixed at once, and invites.
	f := k.Record(t, "meetings", map[string]any{"title": "Bald", "kind": "committee", "status": "date_finding", "visibility": "members"})
	soon := time.Now().Add(5 * 24 * time.Hour).UTC().Truncate(time.Hour)
	fd := k.Record(t, "meeting_dates", map[string]any{"meeting": f.Id, "starts": soon, "ends": soon.Add(time.Hour)})
	coord.submit("/meetings/"+f.Id+"/dates/"+fd.Id+"/fix", url.Values{})
	if k.App.TestMailer.TotalSend() == sent {
		t.Error("a future meeting was scheduled without invitations")
	}
}

// TestFormProblemsShowTheirPagesAddress: when HTMX gets a form back with its problems (422)
// from a POST-only address, HX-Push-Url puts the address of the page it belongs to into the
// address bar, not the form's.
func TestFormProblemsShowTheirPagesAddress(t *testing.T) {
	k := testkit.New(t)
	s := newSite(t, k)
	s.cookies["komitee_session"] = k.SessionID(t, k.Registered)
	slug := k.Listed.GetString("slug")
	status, _, body := s.sendForm(http.MethodPost, "/organisations/"+slug+"/join", url.Values{"message": {strings.Repeat("a", 1001)}},
		map[string]string{"HX-Request": "true"})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Dieser Text ist zu lang.") {
		t.Fatalf("join with a long message: %d", status)
	}
	if got := s.header.Get("HX-Push-Url"); got != "/organisations/"+slug {
		t.Errorf("HX-Push-Url %q, want the organisation's page", got)
	}
	// A form whose address is a page itself keeps it (no push).
	s.cookies["komitee_session"] = k.SessionID(t, k.Member)
	if status, _, _ := s.sendForm(http.MethodPost, "/topics/new", url.Values{"title": {""}}, map[string]string{"HX-Request": "true"}); status != 422 {
		t.Fatalf("empty topic: %d", status)
	}
	if got := s.header.Get("HX-Push-Url"); got != "" {
		t.Errorf("a page's own form pushed %q", got)
	}
}
