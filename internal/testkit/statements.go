package testkit

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"komitee/committee"
)

// Statement adds a statement in status (draft, discussion, signing, published) drafted by
// Member, with a German original (version 1) and an English translation (version 2). In
// signing the deadline is five days ahead (round 1); published, it passed a day ago, with
// Listed's signature (given by Rep).
func (k *Kit) Statement(t testing.TB, title, status string) *core.Record {
	t.Helper()
	fields := map[string]any{"slug": committee.Slugify(title), "title": title, "summary": "Kurz: " + title, "language": "de",
		"status": status, "author": k.Member.Id}
	switch status {
	case "signing":
		fields["deadline"], fields["round"] = time.Now().Add(5*24*time.Hour).UTC(), 1
	case "published":
		fields["deadline"], fields["round"], fields["published"] = time.Now().Add(-24*time.Hour).UTC(), 1, time.Now().UTC()
	}
	st := k.Record(t, "statements", fields)
	k.Record(t, "statement_versions", map[string]any{"statement": st.Id, "language": "de", "original": true, "title": title,
		"summary": "Kurz: " + title, "body": "Wir fordern **mehr** Sprachkurse.", "number": 1, "author": k.Member.Id})
	k.Record(t, "statement_versions", map[string]any{"statement": st.Id, "language": "en", "reviewed": true, "title": title + " (EN)",
		"summary": "Short: " + title, "body": "We call for **more** language courses.", "number": 2, "author": k.Member.Id})
	if status == "published" {
		k.Record(t, "signatures", map[string]any{"statement": st.Id, "organisation": k.Listed.Id, "signer": k.Rep.Id, "round": 1,
			"decision": "sign", "comment": "Gern!"})
	}
	fresh, err := k.App.FindRecordById("statements", st.Id)
	must(t, err)
	return fresh
}

// SigningOrganisation adds a listed organisation (status member or partner) of kind with rep as
// its representative, for statements signed by several organisations.
func (k *Kit) SigningOrganisation(t testing.TB, name, kind, status string, rep *core.Record) *core.Record {
	t.Helper()
	return k.organisation(t, name, kind, rep, status)
}

// NewPerson adds a verified person who speaks lang (for extra representatives).
func (k *Kit) NewPerson(t testing.TB, name, email, lang string) *core.Record {
	t.Helper()
	return k.person(t, name, email, lang)
}
