// Package testkit builds a test application with one person in every role, for the tests of
// every package. It uses PocketBase's real test app (a fresh SQLite database per test, all
// migrations applied) and its captured mailer.
//
//	k := testkit.New(t)
//	k.Session(k.Rep)   // "komitee_session=…" cookie header for pages
//	k.SessionID(k.Rep) // the value of that cookie: the id of a new server-side session
//	k.Token(k.Member)  // Authorization header value for /api/
package testkit

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/hook"

	"komitee/committee"
	_ "komitee/pb_migrations"
)

// Password is every fixture person's password.
const Password = "correct horse battery"

// Kit is a test app with fixtures.
type Kit struct {
	App *tests.TestApp
	// People, one per role.
	Coordinator, Registered, Member, Rep, Deputy, Applicant, Requester *core.Record
	// Listed is an active member organisation; Pending an application waiting for a decision.
	Listed, Pending *core.Record
	// PendingMembership is Requester's request to join Listed.
	PendingMembership *core.Record
	// MemberMembership is Member's active membership in Listed.
	MemberMembership *core.Record
	// Meetings (see Meetings below), and Member's registration for PublicMeeting.
	PublicMeeting, MembersMeeting, DraftMeeting, HeldMeeting, PublishedMeeting, MemberRegistration *core.Record
	// Topics: one public, one for members; an open round of organisations with hidden results,
	// where Rep has put 2 dots for Listed on the public topic.
	PublicTopic, MembersTopic, Round *core.Record
	SetupToken                       string
	// sessions are a page session per fixture person (user id → cookie value), made with the
	// fixture database, so that every copy of it (one per ApiScenario) knows them.
	sessions map[string]string
}

var (
	templateOnce sync.Once
	templateDir  string
	templateIDs  map[string]string
	templateErr  error
)

// New returns a kit on a fresh copy of a fixture database that is built once per test binary
// (password hashing makes building it take a moment). The app is cleaned up when the test ends.
func New(t testing.TB) *Kit {
	t.Helper()
	templateOnce.Do(func() {
		// Its own goroutine: a failing fixture ends it with runtime.Goexit, not the test.
		done := make(chan struct{})
		rec := &recorder{}
		go func() {
			defer close(done)
			templateDir, templateIDs, templateErr = buildTemplate(rec)
		}()
		<-done
		if templateErr == nil && rec.err != nil {
			templateErr = rec.err
		}
	})
	if templateErr != nil {
		t.Fatal(templateErr)
	}
	app, err := tests.NewTestApp(templateDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	committee.Bind(app)
	k := &Kit{App: app, SetupToken: templateIDs["setup"], sessions: map[string]string{}}
	for key, id := range templateIDs {
		if uid, ok := strings.CutPrefix(key, "session:"); ok {
			k.sessions[uid] = id
		}
	}
	for name, p := range k.fields() {
		coll := "users"
		if name == "Listed" || name == "Pending" {
			coll = "organisations"
		} else if strings.HasSuffix(name, "Membership") {
			coll = "memberships"
		} else if strings.HasSuffix(name, "Meeting") {
			coll = "meetings"
		} else if strings.HasSuffix(name, "Topic") {
			coll = "topics"
		} else if name == "Round" {
			coll = "rounds"
		} else if name == "MemberRegistration" {
			coll = "registrations"
		}
		r, err := app.FindRecordById(coll, templateIDs[name])
		must(t, err)
		*p = r
	}
	return k
}

func (k *Kit) fields() map[string]**core.Record {
	return map[string]**core.Record{"Coordinator": &k.Coordinator, "Registered": &k.Registered, "Member": &k.Member,
		"Rep": &k.Rep, "Deputy": &k.Deputy, "Applicant": &k.Applicant, "Requester": &k.Requester, "Listed": &k.Listed,
		"Pending": &k.Pending, "PendingMembership": &k.PendingMembership, "MemberMembership": &k.MemberMembership,
		"PublicMeeting": &k.PublicMeeting, "MembersMeeting": &k.MembersMeeting, "DraftMeeting": &k.DraftMeeting,
		"HeldMeeting": &k.HeldMeeting, "PublishedMeeting": &k.PublishedMeeting, "MemberRegistration": &k.MemberRegistration,
		"PublicTopic": &k.PublicTopic, "MembersTopic": &k.MembersTopic, "Round": &k.Round}
}

// The texts of the meeting fixtures that the permission tests look for.
const (
	PublicMeetingTitle  = "Offenes Treffen"
	MembersMeetingTitle = "MEMBERS-MEETING"
	DraftMeetingTitle   = "DRAFT-MEETING"
	AccessNeeds         = "ACCESS-SECRET"
	DraftMinutes        = "DRAFT-MINUTES"
	DraftDecision       = "DRAFT-DECISION"
	PublicFazit         = "PUBLIC-FAZIT"
	PublicTopicTitle    = "PUBLIC-TOPIC"
	MembersTopicTitle   = "MEMBERS-TOPIC"
	RoundTitle          = "ROUND-OF-ORGANISATIONS"
)

// topics adds a public and a members' topic, and an open round of organisations that hides its
// results until it closes, with 2 dots of Listed (cast by Rep) on the public topic.
func (k *Kit) topics(t testing.TB) {
	topic := func(title, visibility string) *core.Record {
		return k.Record(t, "topics", map[string]any{"title": title, "kind": "topic", "proposed_by": k.Member.Id,
			"visibility": visibility, "status": "in_round"})
	}
	k.PublicTopic = topic(PublicTopicTitle, "public")
	k.MembersTopic = topic(MembersTopicTitle, "members")
	now := time.Now().UTC()
	k.Round = k.Record(t, "rounds", map[string]any{"title": RoundTitle, "opens": now.Add(-time.Hour), "closes": now.Add(7 * 24 * time.Hour),
		"dots": 5, "max_per_topic": 3, "voters": "organisations", "hide_results": true, "created_by": k.Coordinator.Id})
	for _, tp := range []*core.Record{k.PublicTopic, k.MembersTopic} {
		k.Record(t, "round_topics", map[string]any{"round": k.Round.Id, "topic": tp.Id})
	}
	k.Record(t, "votes", map[string]any{"round": k.Round.Id, "topic": k.PublicTopic.Id, "user": k.Rep.Id,
		"organisation": k.Listed.Id, "dots": 2})
}

// meetings adds one meeting in each state that decides who sees what: a public and a
// members-only scheduled meeting (the public one organised by Listed, with Member's
// registration and its access needs), a draft, a held meeting with draft minutes, and one with
// minutes published to the public.
func (k *Kit) meetings(t testing.TB) {
	soon := time.Now().Add(30 * 24 * time.Hour).UTC().Truncate(time.Hour)
	meeting := func(title, status, visibility string, more map[string]any) *core.Record {
		f := map[string]any{"title": title, "kind": "committee", "status": status, "visibility": visibility,
			"starts": soon, "ends": soon.Add(2 * time.Hour)}
		for key, v := range more {
			f[key] = v
		}
		return k.Record(t, "meetings", f)
	}
	k.PublicMeeting = meeting(PublicMeetingTitle, "scheduled", "public", map[string]any{"organisers": []string{k.Listed.Id}})
	k.Record(t, "agenda_items", map[string]any{"meeting": k.PublicMeeting.Id, "title": "Begrüßung", "status": "accepted", "position": 1, "duration": 10})
	k.MemberRegistration = k.Record(t, "registrations", map[string]any{"meeting": k.PublicMeeting.Id, "user": k.Member.Id,
		"answer": "yes", "people": 1, "interpreting": "ar", "access_needs": AccessNeeds, "status": "confirmed"})
	k.MembersMeeting = meeting(MembersMeetingTitle, "scheduled", "members", nil)
	k.DraftMeeting = meeting(DraftMeetingTitle, "draft", "public", map[string]any{"starts": "", "ends": ""})
	past := soon.Add(-60 * 24 * time.Hour)
	k.HeldMeeting = meeting("Gehaltenes Treffen", "held", "public", map[string]any{"starts": past, "ends": past.Add(time.Hour)})
	k.Record(t, "minutes", map[string]any{"meeting": k.HeldMeeting.Id, "body": DraftMinutes})
	k.Record(t, "decisions", map[string]any{"meeting": k.HeldMeeting.Id, "text": DraftDecision})
	k.PublishedMeeting = meeting("Protokolliertes Treffen", "minutes_approved", "public", map[string]any{"starts": past.Add(-time.Hour * 24),
		"ends": past.Add(-time.Hour * 23), "minutes_audience": "public"})
	k.Record(t, "minutes", map[string]any{"meeting": k.PublishedMeeting.Id, "body": PublicFazit})
}

func buildTemplate(tb *recorder) (string, map[string]string, error) {
	empty, err := os.MkdirTemp("", "komitee-empty-")
	if err != nil {
		return "", nil, err
	}
	defer os.RemoveAll(empty)
	app, err := tests.NewTestApp(empty)
	if err != nil {
		return "", nil, err
	}
	k := Fill(tb, app)
	if tb.err != nil {
		return "", nil, tb.err
	}
	ids := map[string]string{"setup": k.SetupToken}
	for name, p := range k.fields() {
		ids[name] = (*p).Id
	}
	for uid, id := range k.sessions {
		ids["session:"+uid] = id
	}
	dir := app.DataDir()
	// Close the databases (checkpointing the WAL) but keep the files as the template.
	if err := app.ResetBootstrapState(); err != nil {
		return "", nil, err
	}
	return dir, ids, nil
}

// recorder is the testing.TB used while building the template outside any one test.
type recorder struct {
	testing.TB
	err error
}

func (r *recorder) Helper() {}
func (r *recorder) Fatal(args ...any) {
	r.err = fmt.Errorf("testkit: %v", fmt.Sprint(args...))
	runtime.Goexit()
}

// Fill binds the committee hooks to app and adds the fixtures (used by New, and by
// ApiScenario factories that need a fresh app per scenario).
func Fill(t testing.TB, app *tests.TestApp) *Kit {
	t.Helper()
	committee.Bind(app)
	k := &Kit{App: app}
	token, err := committee.SetupToken(app)
	must(t, err)
	k.SetupToken = token
	coord, err := committee.CompleteSetup(app, token, committee.SetupInput{Committee: "Komitee Musterkreis",
		District: "Landkreis Musterkreis", Name: "Clara Koordination", Email: "coord@example.org", Password: Password, Language: "de"})
	must(t, err)
	k.Coordinator = coord.Record
	k.SetupToken = token // now closed

	k.Registered = k.person(t, "Rita Registriert", "registered@example.org", "de")
	k.Member = k.person(t, "Mehmet Mitglied", "member@example.org", "de")
	k.Rep = k.person(t, "Rana Vertretung", "rep@example.org", "ar")
	k.Deputy = k.person(t, "Dirk Stellvertretung", "deputy@example.org", "en")
	k.Applicant = k.person(t, "Anna Antrag", "applicant@example.org", "de")
	k.Requester = k.person(t, "Rami Anfrage", "requester@example.org", "ar")

	k.Listed = k.organisation(t, "Verein der Vielfalt", "mso", k.Rep, "member")
	k.Pending = k.organisation(t, "Neue Initiative", "migrant_initiative", k.Applicant, "applied")
	k.membership(t, k.Deputy, k.Listed, "deputy", "active")
	k.MemberMembership = k.membership(t, k.Member, k.Listed, "member", "active")
	k.PendingMembership = k.membership(t, k.Requester, k.Listed, "member", "pending")

	// One contact of each visibility on each organisation; and a person's phone for members.
	for _, org := range []*core.Record{k.Listed, k.Pending} {
		k.contact(t, "organisation", org.Id, "email", "public-"+org.GetString("slug")+"@example.org", "public")
		k.contact(t, "organisation", org.Id, "phone", "+49 3591 MEMBERS-ONLY", "members")
		k.contact(t, "organisation", org.Id, "address", "Geheimweg 1 NOBODY", "nobody")
	}
	k.contact(t, "user", k.Member.Id, "phone", "+49 170 MEMBER-PHONE", "members")
	k.meetings(t)
	k.topics(t)
	k.reload(t)
	k.sessions = map[string]string{}
	for _, u := range []*core.Record{k.Coordinator, k.Registered, k.Member, k.Rep, k.Deputy, k.Applicant, k.Requester} {
		k.sessions[u.Id] = k.SessionID(t, u)
	}
	app.TestMailer.Reset()
	return k
}

func (k *Kit) reload(t testing.TB) {
	for _, p := range []**core.Record{&k.Coordinator, &k.Registered, &k.Member, &k.Rep, &k.Deputy, &k.Applicant,
		&k.Requester, &k.Listed, &k.Pending} {
		r, err := k.App.FindRecordById((*p).Collection().Name, (*p).Id)
		must(t, err)
		*p = r
	}
}

func (k *Kit) person(t testing.TB, name, email, lang string) *core.Record {
	coll, err := k.App.FindCollectionByNameOrId("users")
	must(t, err)
	r := core.NewRecord(coll)
	r.Set("name", name)
	r.SetEmail(email)
	r.SetPassword(Password)
	r.SetVerified(true)
	r.Set("language", lang)
	r.Set("privacy_accepted", time.Now())
	r.Set("privacy_version", "1")
	must(t, k.App.Save(r))
	return r
}

func (k *Kit) organisation(t testing.TB, name, kind string, rep *core.Record, status string) *core.Record {
	coll, err := k.App.FindCollectionByNameOrId("organisations")
	must(t, err)
	r := core.NewRecord(coll)
	r.Set("name", name)
	r.Set("slug", committee.Slugify(name))
	r.Set("kind", kind)
	r.Set("description", "Wir arbeiten **gemeinsam**.")
	r.Set("areas", []string{"education", "language"})
	r.Set("languages", []string{"ar", "de"})
	r.Set("municipality", "Bautzen")
	r.Set("status", status)
	r.Set("applicant", rep.Id)
	must(t, k.App.Save(r))
	if status == "member" || status == "partner" {
		k.membership(t, rep, r, "representative", "active")
	}
	return r
}

func (k *Kit) membership(t testing.TB, u, org *core.Record, role, status string) *core.Record {
	coll, err := k.App.FindCollectionByNameOrId("memberships")
	must(t, err)
	r := core.NewRecord(coll)
	r.Set("user", u.Id)
	r.Set("organisation", org.Id)
	r.Set("role", role)
	r.Set("status", status)
	must(t, k.App.Save(r))
	return r
}

func (k *Kit) contact(t testing.TB, ownerField, owner, kind, value, vis string) {
	coll, err := k.App.FindCollectionByNameOrId("contacts")
	must(t, err)
	r := core.NewRecord(coll)
	r.Set(ownerField, owner)
	r.Set("kind", kind)
	r.Set("value", value)
	r.Set("visibility", vis)
	must(t, k.App.Save(r))
}

// Token is an auth token for /api/ requests (the Authorization header).
func (k *Kit) Token(t testing.TB, u *core.Record) string {
	if u == nil {
		return ""
	}
	tok, err := u.NewAuthToken()
	must(t, err)
	return tok
}

// Session is the Cookie header of u's page session ("" for the public): for a fixture person
// the one made with the fixture database, valid in every copy of it (ApiScenario factories
// make their own); for anyone else a new one.
func (k *Kit) Session(t testing.TB, u *core.Record) string {
	if u == nil {
		return ""
	}
	if id, ok := k.sessions[u.Id]; ok {
		return "komitee_session=" + id
	}
	return "komitee_session=" + k.SessionID(t, u)
}

// SessionID starts a new page session for u (as logging in does) in this kit's database and
// returns the cookie's value.
func (k *Kit) SessionID(t testing.TB, u *core.Record) string {
	id, err := committee.StartSession(k.App, committee.AsUser(u), "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0")
	must(t, err)
	return id
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Record saves a new record of collection with fields (through the app, so hooks run) and
// returns it; tests build meetings and their parts with it.
//
//	m := k.Record(t, "meetings", map[string]any{"title": "Sitzung", "kind": "committee",
//		"status": "scheduled", "visibility": "members", "starts": "2027-03-28 08:00:00.000Z"})
func (k *Kit) Record(t testing.TB, collection string, fields map[string]any) *core.Record {
	t.Helper()
	coll, err := k.App.FindCollectionByNameOrId(collection)
	must(t, err)
	r := core.NewRecord(coll)
	for f, v := range fields {
		r.Set(f, v)
	}
	must(t, k.App.Save(r))
	return r
}

// WithoutMeetings deletes the meeting fixtures, for tests that count meetings of their own.
func (k *Kit) WithoutMeetings(t testing.TB) {
	t.Helper()
	for _, m := range []*core.Record{k.PublicMeeting, k.MembersMeeting, k.DraftMeeting, k.HeldMeeting, k.PublishedMeeting} {
		must(t, k.App.Delete(m))
	}
}

// FailMail makes every mail fail from now on, as an SMTP server that refuses would: a hook on
// PocketBase's OnMailerSend (after the test app's, which routes mail to TestMailer) that
// answers with an error instead of sending. The returned function lets mail through again.
func (k *Kit) FailMail(t testing.TB) (restore func()) {
	const id = "testkit-fail-mail"
	k.App.OnMailerSend().Bind(&hook.Handler[*core.MailerEvent]{Id: id, Func: func(e *core.MailerEvent) error {
		return errors.New("testkit: 554 the mail server refuses")
	}})
	restore = func() { k.App.OnMailerSend().Unbind(id) }
	t.Cleanup(restore)
	return restore
}
