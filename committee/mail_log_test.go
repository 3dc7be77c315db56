package committee_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"komitee/committee"
	"komitee/internal/testkit"
)

// TestPruneMailLog: the daily clean-up deletes rows older than 30 days, keeps the newer ones,
// and keeps at most the newest 1000.
func TestPruneMailLog(t *testing.T) {
	k := testkit.New(t)
	now := time.Now().UTC()
	old := k.Record(t, "mail_log", map[string]any{"recipient": "alt@example.org", "kind": "mail.test.subject", "status": "failed",
		"attempted": now.Add(-31 * 24 * time.Hour)})
	recent := k.Record(t, "mail_log", map[string]any{"recipient": "neu@example.org", "kind": "mail.test.subject", "status": "failed",
		"attempted": now.Add(-29 * 24 * time.Hour)})
	if err := committee.PruneMailLog(k.App, now); err != nil {
		t.Fatal(err)
	}
	if _, err := k.App.FindRecordById("mail_log", old.Id); err == nil {
		t.Error("a row older than 30 days is left")
	}
	if _, err := k.App.FindRecordById("mail_log", recent.Id); err != nil {
		t.Error("a row of the last 30 days is gone")
	}
	// Beyond 1000 rows the oldest go.
	for i := range 1005 {
		if _, err := k.App.DB().NewQuery(`INSERT INTO mail_log (id, recipient, kind, status, attempted)
			VALUES ({:id}, 'x@example.org', 'mail.test.subject', 'failed', {:at})`).Bind(map[string]any{
			"id": fmt.Sprintf("bulk%011d", i), "at": now.Add(time.Duration(i) * time.Second).Format("2006-01-02 15:04:05.000Z")}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	if err := committee.PruneMailLog(k.App, now); err != nil {
		t.Fatal(err)
	}
	if n, _ := k.App.CountRecords("mail_log"); n != 1000 {
		t.Errorf("%d rows kept, want 1000", n)
	}
	if _, err := k.App.FindRecordById("mail_log", recent.Id); err == nil {
		t.Error("the oldest row is kept beyond 1000")
	}
}

// TestFailedMailIsLogged: Send writes a failed mail to the log (without its link), returns the
// error, and the coordinators alone may read the log.
func TestFailedMailIsLogged(t *testing.T) {
	k := testkit.New(t)
	k.FailMail(t)
	err := committee.Send(k.App, committee.Letter{To: "Gast@Example.org", Lang: "ar", Subject: "mail.reset.subject",
		Body: "mail.reset.body", Action: "mail.reset.action", Link: "https://komitee.example.org/password-reset/SECRET", About: "users/x"})
	if err == nil {
		t.Fatal("no error from a refused mail")
	}
	rec, ferr := k.App.FindFirstRecordByFilter("mail_log", "recipient = 'gast@example.org'")
	if ferr != nil {
		t.Fatal("not logged:", ferr)
	}
	if rec.GetString("kind") != "mail.reset.subject" || rec.GetString("language") != "ar" || rec.GetString("status") != "failed" ||
		rec.GetString("subject") == "" || !strings.Contains(rec.GetString("error"), "554") {
		t.Errorf("logged %v", rec.PublicExport())
	}
	for _, v := range rec.PublicExport() {
		if s, ok := v.(string); ok && strings.Contains(s, "SECRET") {
			t.Error("the log holds the reset link")
		}
	}
	if n, _ := committee.MailFailuresAbout(k.App, "users/x", time.Now().Add(-time.Minute)); n != 1 {
		t.Errorf("%d failures about it", n)
	}
	if n, _ := committee.MailFailuresAbout(k.App, "users/x", time.Now().Add(time.Minute)); n != 0 {
		t.Errorf("%d failures after it", n)
	}
	if _, err := committee.RecentMailFailures(k.App, k.Rep, 10); !errors.Is(err, committee.ErrForbidden) {
		t.Errorf("a representative reads the mail log: %v", err)
	}
	if got, err := committee.RecentMailFailures(k.App, k.Coordinator, 10); err != nil || len(got) != 1 || got[0].Recipient != "gast@example.org" {
		t.Errorf("coordinator: %v %v", got, err)
	}
}

// TestMailTextIsolatesNames: names and titles in a mail's text keep their own direction (FSI …
// PDI around them), so "e. V." keeps its full stop in an Arabic mail; the subject stays plain.
func TestMailTextIsolatesNames(t *testing.T) {
	k := testkit.New(t)
	if err := committee.Send(k.App, committee.Letter{To: "rana@example.org", Name: "Rana", Lang: "ar",
		Subject: "mail.join.subject", Body: "mail.join.body", Data: map[string]any{"Organisation": "Syrischer Kulturverein Bautzen e. V.", "Person": "Dirk"}}); err != nil {
		t.Fatal(err)
	}
	m := k.App.TestMailer.LastMessage()
	if !strings.Contains(m.Text, "\u2068Syrischer Kulturverein Bautzen e. V.\u2069") || !strings.Contains(m.HTML, "\u2068Rana\u2069") {
		t.Errorf("names not isolated:\n%s", m.Text)
	}
	if strings.ContainsAny(m.Subject, "\u2068\u2069") {
		t.Errorf("subject %q carries isolates", m.Subject)
	}
}
