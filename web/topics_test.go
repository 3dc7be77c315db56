package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"komitee/internal/testkit"
)

// topicSite is a site with u logged in.
func topicSite(t *testing.T, k *testkit.Kit, u *core.Record) *site {
	s := newSite(t, k)
	if u != nil {
		s.cookies["komitee_session"] = k.SessionID(t, u)
	}
	return s
}

// addTopic adds a topic of the Member straight into the database.
func addTopic(t *testing.T, k *testkit.Kit, title, kind, visibility string) *core.Record {
	return k.Record(t, "topics", map[string]any{"title": title, "kind": kind, "proposed_by": k.Member.Id,
		"visibility": visibility, "status": "proposed"})
}

// TestTopicPropose: bad input comes back with the problems at the fields and the input kept;
// good input makes a topic, personally or for the organisation one speaks for. Only members
// propose.
func TestTopicPropose(t *testing.T) {
	k := testkit.New(t)
	member := topicSite(t, k, k.Member)
	if body := member.get("/topics", 200); !strings.Contains(body, `data-testid="propose-topic"`) {
		t.Error("a member is not offered to propose a topic")
	}
	member.get("/topics/new", 200)
	status, _, body := member.do(http.MethodPost, "/topics/new", url.Values{"title": {""}, "kind": {"poem"},
		"description": {"KEEP-THIS-TEXT"}, "areas": {"health", "nowhere"}})
	if status != 422 || !strings.Contains(body, "KEEP-THIS-TEXT") || !strings.Contains(body, `id="e-title"`) ||
		!strings.Contains(body, `href="#f-topic_kind"`) || !strings.Contains(body, `href="#f-areas"`) ||
		!strings.Contains(body, `value="health" checked`) {
		t.Fatalf("bad topic input: %d\n%s", status, body)
	}
	// An organisation the member does not speak for.
	status, _, _ = member.do(http.MethodPost, "/topics/new", url.Values{"title": {"Sprachkurse"}, "kind": {"topic"},
		"organisation": {k.Listed.Id}})
	if status != 422 {
		t.Fatalf("a member proposed for an organisation they do not represent: %d", status)
	}
	loc := member.submit("/topics/new", url.Values{"title": {"Sprachkurse am Abend"}, "kind": {"topic"},
		"description": {"Mehr **Kurse** nach der Arbeit."}, "areas": {"language", "work"}})
	body = member.get(loc, 200)
	if !strings.Contains(body, "Sprachkurse am Abend") || !strings.Contains(body, "<strong>Kurse</strong>") ||
		!strings.Contains(body, k.Member.GetString("name")) || !strings.Contains(body, `data-testid="topic-edit"`) {
		t.Fatalf("the new topic's page:\n%s", body)
	}
	// The representative proposes for the organisation; the page names it.
	rep := topicSite(t, k, k.Rep)
	if body := rep.get("/topics/new", 200); !strings.Contains(body, `value="`+k.Listed.Id+`"`) {
		t.Fatal("the representative cannot choose the organisation")
	}
	loc = rep.submit("/topics/new", url.Values{"title": {"Eine Idee"}, "kind": {"idea"}, "organisation": {k.Listed.Id}})
	if body := rep.get(loc, 200); !strings.Contains(body, k.Listed.GetString("name")) {
		t.Error("the topic does not name the organisation it was proposed for")
	}
	// The proposer edits; bad input keeps it.
	id := loc[strings.LastIndex(loc, "/")+1:]
	status, _, body = rep.do(http.MethodPost, "/topics/"+id+"/edit", url.Values{"title": {""}, "kind": {"idea"}, "description": {"NEW-TEXT"}})
	if status != 422 || !strings.Contains(body, "NEW-TEXT") {
		t.Fatalf("bad edit: %d", status)
	}
	rep.submit("/topics/"+id+"/edit", url.Values{"title": {"Eine bessere Idee"}, "kind": {"idea"}})
	if body := rep.get(loc, 200); !strings.Contains(body, "Eine bessere Idee") {
		t.Error("the edit was not saved")
	}
	// Someone else may not edit.
	member.get("/topics/"+id+"/edit", http.StatusForbidden)
	// Not a member: 403; the public logs in first.
	topicSite(t, k, k.Registered).get("/topics/new", http.StatusForbidden)
	if status, loc, _ := newSite(t, k).do(http.MethodGet, "/topics/new", nil); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("the public on the new topic form: %d %s", status, loc)
	}
}

// TestTopicListAndSupport: filters and sorts in the URL, the HTMX results alone, and support
// given and taken back.
func TestTopicListAndSupport(t *testing.T) {
	k := testkit.New(t)
	older := addTopic(t, k, "OLDER-TOPIC", "topic", "members")
	addTopic(t, k, "NEWER-IDEA", "idea", "members")
	member := topicSite(t, k, k.Member)
	page := "/topics/" + older.Id
	if body := member.get(page, 200); !strings.Contains(body, `data-testid="support-on"`) {
		t.Fatal("no support button")
	}
	if to := member.submit(page+"/support", url.Values{"on": {"1"}}); to != page {
		t.Errorf("support went to %s", to)
	}
	member.submit(page+"/support", url.Values{"on": {"1"}}) // twice counts once
	body := member.get(page, 200)
	if !strings.Contains(body, `data-testid="support-off"`) || !strings.Contains(body, "1 Unterstützung<") {
		t.Fatalf("support not counted once:\n%s", body)
	}
	topicSite(t, k, k.Rep).submit(page+"/support", url.Values{"on": {"1"}})
	body = member.get("/topics?sort=support", 200)
	if strings.Index(body, "OLDER-TOPIC") > strings.Index(body, "NEWER-IDEA") || !strings.Contains(body, "2 Unterstützungen") {
		t.Error("sorting by support does not put the supported topic first")
	}
	body = member.get("/topics?kind=idea", 200)
	if strings.Contains(body, "OLDER-TOPIC") || !strings.Contains(body, "NEWER-IDEA") || !strings.Contains(body, `<option value="idea" selected`) {
		t.Error("the kind filter does not filter or is not kept")
	}
	_, _, body = member.doHeaders(http.MethodGet, "/topics?status=done", map[string]string{"HX-Request": "true", "HX-Target": "results"})
	if strings.Contains(body, "<html") || !strings.Contains(body, `id="results"`) || strings.Contains(body, "NEWER-IDEA") {
		t.Error("HTMX gets more than the results, or the status filter does not filter")
	}
	// Take back.
	member.submit(page+"/support", url.Values{"on": {"0"}})
	if body := member.get(page, 200); !strings.Contains(body, `data-testid="support-on"`) || !strings.Contains(body, "1 Unterstützung<") {
		t.Error("the support was not taken back")
	}
	// The public does not support.
	if status, _, _ := newSite(t, k).do(http.MethodPost, page+"/support", url.Values{"on": {"1"}}); status == http.StatusSeeOther {
		t.Error("the public supported a topic")
	}
}

// TestTopicComments: comment, reply, edit, report (mailed to the coordinators) and hide (the
// reason stays, the text goes); a bad comment comes back with the input at its form.
func TestTopicComments(t *testing.T) {
	k := testkit.New(t)
	tp := addTopic(t, k, "TALK-TOPIC", "topic", "members")
	page := "/topics/" + tp.Id
	member := topicSite(t, k, k.Member)
	status, _, body := member.do(http.MethodPost, page+"/comments", url.Values{"body": {"   "}})
	if status != 422 || !strings.Contains(body, `id="e-comment"`) {
		t.Fatalf("an empty comment: %d", status)
	}
	member.submit(page+"/comments", url.Values{"body": {"FIRST-COMMENT\nzweite Zeile"}})
	comment, err := k.App.FindFirstRecordByFilter("comments", "topic = {:t}", map[string]any{"t": tp.Id})
	if err != nil {
		t.Fatal(err)
	}
	rep := topicSite(t, k, k.Rep)
	if to := rep.submit(page+"/comments", url.Values{"parent": {comment.Id}, "body": {"A-REPLY"}}); to != page+"#comment-"+comment.Id {
		t.Errorf("the reply went to %s", to)
	}
	body = member.get(page, 200)
	if !strings.Contains(body, `id="comment-`+comment.Id+`"`) || !strings.Contains(body, `class="replies"`) ||
		!strings.Contains(body, "A-REPLY") || !strings.Contains(body, "/comments/"+comment.Id+"/edit") {
		t.Fatalf("the comment page:\n%s", body)
	}
	// Only the author edits.
	if status, _, _ := rep.do(http.MethodPost, "/comments/"+comment.Id+"/edit", url.Values{"body": {"HIJACK"}}); status != 422 {
		t.Errorf("someone else edited a comment: %d", status)
	}
	member.submit("/comments/"+comment.Id+"/edit", url.Values{"body": {"EDITED-COMMENT"}})
	if body := member.get(page, 200); !strings.Contains(body, "EDITED-COMMENT") || strings.Contains(body, "HIJACK") {
		t.Error("the edit was not saved")
	}
	// A report reaches the coordinators.
	before := k.App.TestMailer.TotalSend()
	rep.submit("/comments/"+comment.Id+"/report", url.Values{"reason": {"REPORT-REASON"}})
	if k.App.TestMailer.TotalSend() == before || !strings.Contains(k.App.TestMailer.LastMessage().HTML, "REPORT-REASON") ||
		k.App.TestMailer.LastMessage().To[0].Address != k.Coordinator.Email() {
		t.Error("the report was not mailed to the coordinators")
	}
	// Only coordinators hide; the reason is required and shown in place.
	if status, _, _ := member.do(http.MethodPost, "/comments/"+comment.Id+"/hide", url.Values{"reason": {"x"}}); status != http.StatusForbidden {
		t.Errorf("a member hid a comment: %d", status)
	}
	coord := topicSite(t, k, k.Coordinator)
	status, _, body = coord.do(http.MethodPost, "/comments/"+comment.Id+"/hide", url.Values{"reason": {""}})
	if status != 422 || !strings.Contains(body, `id="e-hide-`+comment.Id+`"`) {
		t.Fatalf("hiding without a reason: %d", status)
	}
	coord.submit("/comments/"+comment.Id+"/hide", url.Values{"reason": {"HIDE-REASON"}})
	body = member.get(page, 200)
	if !strings.Contains(body, "HIDE-REASON") || strings.Contains(body, "EDITED-COMMENT") || !strings.Contains(body, `data-testid="comment-hidden"`) {
		t.Error("the hidden comment still shows, or without its reason")
	}
	// The coordinators decline with a reason, which the page shows.
	status, _, body = coord.do(http.MethodPost, page+"/status", url.Values{"status": {"declined"}, "visibility": {"members"}})
	if status != 422 || !strings.Contains(body, `id="e-reason"`) {
		t.Fatalf("declining without a reason: %d", status)
	}
	coord.submit(page+"/status", url.Values{"status": {"declined"}, "visibility": {"public"}, "reason": {"DECLINE-REASON"}})
	if body := newSite(t, k).get(page, 200); !strings.Contains(body, "DECLINE-REASON") {
		t.Error("the public topic does not show why it was declined")
	}
	if status, _, _ := member.do(http.MethodPost, page+"/status", url.Values{"status": {"done"}}); status != http.StatusForbidden {
		t.Errorf("a member set the status: %d", status)
	}
}

// TestTopicVisibility: the public sees public topics only.
func TestTopicVisibility(t *testing.T) {
	k := testkit.New(t)
	public := addTopic(t, k, "PUBLIC-TOPIC", "topic", "public")
	hidden := addTopic(t, k, "MEMBERS-TOPIC", "topic", "members")
	guest := newSite(t, k)
	if body := guest.get("/topics/"+public.Id, 200); strings.Contains(body, `data-testid="comment-form"`) ||
		strings.Contains(body, `data-testid="support-on"`) {
		t.Error("the public is offered to comment or support")
	}
	guest.get("/topics/"+hidden.Id, http.StatusNotFound)
	body := guest.get("/topics", 200)
	if !strings.Contains(body, "PUBLIC-TOPIC") || strings.Contains(body, "MEMBERS-TOPIC") || strings.Contains(body, "propose-topic") {
		t.Error("the public list shows a members' topic, or offers to propose")
	}
	if body := topicSite(t, k, k.Member).get("/topics", 200); !strings.Contains(body, "MEMBERS-TOPIC") {
		t.Error("members do not see the members' topic")
	}
}
