package demo

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"komitee/committee"
	"komitee/internal/runcmd"
	"komitee/locales"
	_ "komitee/pb_migrations"
)

func count(t *testing.T, app core.App, coll string, exprs ...dbx.Expression) int {
	t.Helper()
	n, err := app.CountRecords(coll, exprs...)
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestLoad(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	committee.Bind(app)

	first, err := Load(app)
	if err != nil {
		t.Fatal(err)
	}
	if first.Created == 0 {
		t.Fatal("the first run created nothing")
	}
	colls := []string{"users", "organisations", "memberships", "contacts", "pages", "committee", "meetings",
		"meeting_dates", "date_answers", "agenda_items", "registrations", "attendance", "minutes", "decisions", "actions",
		"topics", "supports", "comments", "rounds", "round_topics", "votes"}
	before := map[string]int{}
	for _, c := range colls {
		before[c] = count(t, app, c)
	}

	second, err := Load(app)
	if err != nil {
		t.Fatal(err)
	}
	if second.Created != 0 {
		t.Errorf("the second run created %d records", second.Created)
	}
	for _, c := range colls {
		if n := count(t, app, c); n != before[c] {
			t.Errorf("%s: %d after the first run, %d after the second", c, before[c], n)
		}
	}
	if second.Users != before["users"] || second.Organisations != before["organisations"] ||
		second.Memberships != before["memberships"] || second.Contacts != before["contacts"] {
		t.Errorf("result totals %+v differ from the counts %v", second, before)
	}
	t.Logf("users %d, organisations %d, memberships %d, contacts %d, pages %d",
		second.Users, second.Organisations, second.Memberships, second.Contacts, second.Pages)

	// The committee was set up as the demo committee.
	c := committee.LoadCommittee(app)
	if c == nil || !c.SetupDone() || c.Name() != CommitteeName || c.District() != District ||
		!strings.Contains(c.FunderNoticeHTML(), "fiktiv") {
		t.Fatalf("committee not set up as the demo committee: %+v", c)
	}
	if count(t, app, "committee") != 1 {
		t.Error("more than one committee record")
	}
	for _, lang := range locales.Supported {
		p, err := committee.FindPage(app, "impressum", lang)
		if err != nil || !strings.Contains(p.GetString("body"), "(Demo)") {
			t.Errorf("impressum %s has no demo text", lang)
		}
	}

	// Organisations: at least 15, every kind, the statuses the demo needs.
	if second.Organisations < 15 {
		t.Errorf("%d organisations, want at least 15", second.Organisations)
	}
	for _, kind := range committee.OrganisationKinds {
		if count(t, app, "organisations", dbx.HashExp{"kind": kind}) == 0 {
			t.Errorf("no organisation of kind %s", kind)
		}
	}
	for status, min := range map[string]int{"member": 5, "partner": 5, "applied": 2, "inactive": 1} {
		if n := count(t, app, "organisations", dbx.HashExp{"status": status}); n < min {
			t.Errorf("%d organisations with status %s, want at least %d", n, status, min)
		}
	}
	orgs, err := app.FindAllRecords("organisations")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if o.GetString("description") == "" || o.GetString("municipality") == "" ||
			len(o.GetStringSlice("areas")) == 0 || len(o.GetStringSlice("languages")) == 0 {
			t.Errorf("%s lacks description, municipality, areas or languages", o.GetString("slug"))
		}
		if !strings.Contains(o.GetString("description"), "Demo") {
			t.Errorf("%s is not marked as demo data", o.GetString("slug"))
		}
		listed := o.GetString("status") == "member" || o.GetString("status") == "partner"
		if listed && o.GetDateTime("member_since").IsZero() {
			t.Errorf("%s has no member_since", o.GetString("slug"))
		}
		if listed && len(o.GetStringSlice("managers")) == 0 {
			t.Errorf("%s has no managers", o.GetString("slug"))
		}
	}

	// Contacts of every visibility.
	for _, vis := range committee.Visibilities {
		if count(t, app, "contacts", dbx.HashExp{"visibility": vis}) == 0 {
			t.Errorf("no contact with visibility %s", vis)
		}
	}

	// People: at least 40 in every role, verified, with consent and the demo password.
	if second.Users < 40 {
		t.Errorf("%d users, want at least 40", second.Users)
	}
	if n := count(t, app, "users", dbx.HashExp{"coordinator": true}); n < 2 {
		t.Errorf("%d coordinators, want at least 2", n)
	}
	for _, role := range committee.MembershipRoles {
		if n := count(t, app, "memberships", dbx.HashExp{"role": role, "status": "active"}); n < 2 {
			t.Errorf("%d active %s memberships, want at least 2", n, role)
		}
	}
	if n := count(t, app, "memberships", dbx.HashExp{"status": "pending"}); n < 2 {
		t.Errorf("%d pending memberships, want at least 2", n)
	}
	registered := count(t, app, "users", dbx.NewExp(`coordinator = false AND
		id NOT IN (SELECT user FROM memberships) AND id NOT IN (SELECT applicant FROM organisations)`))
	if registered < 2 {
		t.Errorf("%d registered-only users, want at least 2", registered)
	}
	if n := count(t, app, "users", dbx.NewExp("verified = false OR privacy_version = '' OR privacy_accepted = ''")); n != 0 {
		t.Errorf("%d users unverified or without consent", n)
	}
	for _, lang := range locales.Supported {
		if count(t, app, "users", dbx.HashExp{"language": lang}) == 0 {
			t.Errorf("nobody prefers %s", lang)
		}
	}
	users, err := app.FindAllRecords("users")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if !strings.HasSuffix(u.Email(), "@example.org") && !strings.HasSuffix(u.Email(), "@example.com") {
			t.Errorf("%s is not a fictional address", u.Email())
		}
	}

	// One login per role, each with the demo password.
	if len(second.Logins) != len(Roles) {
		t.Errorf("%d logins, want one per role (%d)", len(second.Logins), len(Roles))
	}
	for _, l := range second.Logins {
		if _, err := committee.Authenticate(app, l.Email, second.Password, false); err != nil {
			t.Errorf("login %s (%s) fails: %v", l.Email, l.Role, err)
		}
	}
	login := func(role string) Login {
		for _, l := range second.Logins {
			if l.Role == role {
				return l
			}
		}
		t.Fatalf("no login for %s", role)
		return Login{}
	}

	// The hooks filled the derived fields.
	member, err := app.FindAuthRecordByEmail("users", login(RoleMember).Email)
	if err != nil {
		t.Fatal(err)
	}
	if !member.GetBool("member") {
		t.Error("an active member is not users.member")
	}
	for _, role := range []string{RoleRegistered, RolePending, RoleApplicant} {
		u, err := app.FindAuthRecordByEmail("users", login(role).Email)
		if err != nil {
			t.Fatal(err)
		}
		if u.GetBool("member") {
			t.Errorf("the %s login is users.member", role)
		}
	}
	rep, err := app.FindAuthRecordByEmail("users", login(RoleRepresentative).Email)
	if err != nil {
		t.Fatal(err)
	}
	deputy, err := app.FindAuthRecordByEmail("users", login(RoleDeputy).Email)
	if err != nil {
		t.Fatal(err)
	}
	org, err := app.FindFirstRecordByData("organisations", "slug", organisations[0].Slug)
	if err != nil {
		t.Fatal(err)
	}
	if managers := org.GetStringSlice("managers"); !slices.Contains(managers, rep.Id) || !slices.Contains(managers, deputy.Id) {
		t.Errorf("managers %v lack the representative %s or the deputy %s", managers, rep.Id, deputy.Id)
	}
	if !committee.CanManage(app, rep, &committee.Organisation{Record: org}) {
		t.Error("the representative cannot manage the organisation")
	}

	checkMeetings(t, app)
	checkTopics(t, app)

	var out bytes.Buffer
	Print(&out, second, "/tmp/demo")
	// The command to start the server as this program was started (go run, or the binary's name).
	for _, want := range []string{Password, login(RoleCoordinator).Email, "representative",
		"Start the server with: " + runcmd.Line("/tmp/demo", "serve") + "\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the printout lacks %q:\n%s", want, out.String())
		}
	}
}

// Without the committee hooks Load refuses, rather than leave members without rights.
func TestLoadNeedsHooks(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	if _, err := Load(app); err == nil || !strings.Contains(err.Error(), "committee.Bind") {
		t.Fatalf("Load without hooks: %v", err)
	}
	if n := count(t, app, "organisations"); n != 0 {
		t.Errorf("%d organisations left after the failed load", n)
	}
}

// TestRefusesARealCommittee: demo accounts share a published password, so the demo never goes
// into a committee that was set up for real.
func TestRefusesARealCommittee(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	committee.Bind(app)
	token, err := committee.SetupToken(app)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := committee.CompleteSetup(app, token, committee.SetupInput{Committee: "Komitee Bautzen", Name: "Echte Person",
		Email: "echt@example.org", Password: "ein langes passwort", Language: "de"}); err != nil {
		t.Fatal(err)
	}
	before := count(t, app, "users")
	if _, err := Load(app); !errors.Is(err, ErrRealCommittee) {
		t.Fatalf("loaded into a real committee: %v", err)
	}
	if count(t, app, "users") != before {
		t.Fatal("demo accounts were added")
	}
}

// meetingByTitle finds a demo meeting.
func meetingByTitle(t *testing.T, app core.App, title string) *committee.Meeting {
	t.Helper()
	rec, err := app.FindFirstRecordByData("meetings", "title", title)
	if err != nil {
		t.Fatalf("no meeting %q: %v", title, err)
	}
	return &committee.Meeting{Record: rec}
}

// checkMeetings: the founding meeting after its slides, past meetings with minutes and
// attendance, a date finding and a public event ahead, members-only working groups.
func checkMeetings(t *testing.T, app core.App) {
	t.Helper()
	now := time.Now()
	of := func(m *committee.Meeting) dbx.HashExp { return dbx.HashExp{"meeting": m.Id} }

	// The founding meeting, 11 March 2019 in the Landratsamt Bautzen.
	f := meetingByTitle(t, app, FoundingTitle)
	if f.Kind() != "committee" || !f.Public() || f.Status() != "minutes_approved" || f.MinutesAudience() != "public" ||
		!strings.Contains(f.PlaceName(), "Landratsamt Bautzen") {
		t.Errorf("founding meeting %v", f.FieldsData())
	}
	if s := f.Starts().In(committee.Berlin); s.Format("2006-01-02 15:04") != "2019-03-11 15:00" || f.Starts().Location() != time.UTC {
		t.Errorf("founding meeting starts %v (Berlin %v)", f.Starts(), s)
	}
	items, err := app.FindAllRecords("agenda_items", of(f))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) < 6 {
		t.Errorf("the founding agenda has %d items", len(items))
	}
	for _, it := range items {
		if it.GetString("status") != "accepted" || it.GetInt("duration") == 0 {
			t.Errorf("founding agenda item %q: %s, %d minutes", it.GetString("title"), it.GetString("status"), it.GetInt("duration"))
		}
	}
	if count(t, app, "minutes", of(f), dbx.NewExp("agenda_item != ''")) != len(items) {
		t.Error("not every founding agenda item has its notes")
	}
	fazit, err := app.FindFirstRecordByFilter("minutes", "meeting = {:m} && agenda_item = ''", dbx.Params{"m": f.Id})
	if err != nil || !strings.Contains(fazit.GetString("body"), "Kennenlernen der Idee") {
		t.Errorf("no Fazit from the slides: %v", err)
	}
	if count(t, app, "decisions", of(f)) == 0 || count(t, app, "actions", of(f)) == 0 {
		t.Error("the founding meeting has no decision or no action item")
	}
	for _, g := range []string{"mso", "partner", "authority"} {
		if count(t, app, "attendance", of(f), dbx.HashExp{"group": g}) == 0 {
			t.Errorf("nobody of group %s came to the founding meeting", g)
		}
	}

	// Past meetings with published minutes and attendance, the founding one among them.
	past, err := app.FindRecordsByFilter("meetings", "status = 'minutes_approved' && minutes_audience != '' && starts < {:now}",
		"", 0, 0, dbx.Params{"now": now.UTC().Format("2006-01-02 15:04:05.000Z")})
	if err != nil {
		t.Fatal(err)
	}
	if len(past) < 3 {
		t.Errorf("%d past meetings with published minutes, want at least 3", len(past))
	}
	for _, m := range past {
		if count(t, app, "attendance", dbx.HashExp{"meeting": m.Id}) == 0 {
			t.Errorf("nobody came to %q", m.GetString("title"))
		}
	}
	r, err := committee.Report(app, time.Date(2019, 1, 1, 0, 0, 0, 0, committee.Berlin), time.Date(2020, 1, 1, 0, 0, 0, 0, committee.Berlin))
	if err != nil || r.Meetings != 2 || r.MSOs == 0 || r.Groups["authority"].People == 0 {
		t.Errorf("report of 2019: %+v (%v)", r, err)
	}
	if c, err := committee.AttendanceCounts(app, f.Id); err != nil || c.People < 15 || len(c.FirstTime) != c.Organisations {
		t.Errorf("founding attendance: %+v (%v); every organisation came for the first time", c, err)
	}

	// Ahead: the date finding with three dates and answers from several members.
	d := meetingByTitle(t, app, DateFindingTitle)
	dates, err := app.FindRecordsByFilter("meeting_dates", "meeting = {:m}", "starts", 0, 0, dbx.Params{"m": d.Id})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status() != "date_finding" || len(dates) != 3 || !dates[0].GetDateTime("starts").Time().After(now) {
		t.Errorf("date finding: %s with %d dates", d.Status(), len(dates))
	}
	var voters []string
	if err := app.DB().NewQuery("SELECT DISTINCT user FROM date_answers WHERE meeting = {:m}").
		Bind(dbx.Params{"m": d.Id}).Column(&voters); err != nil || len(voters) < 3 {
		t.Errorf("%d people answered the date finding (%v)", len(voters), err)
	}

	// The public event: capacity, interpreting, childcare, a wheelchair place, a waiting list.
	e := meetingByTitle(t, app, EventTitle)
	if e.Kind() != "public_event" || e.Status() != "scheduled" || !e.Public() || e.Capacity() == 0 || !e.Starts().After(now) {
		t.Errorf("public event %v", e.FieldsData())
	}
	langs := map[string]bool{}
	regs, err := app.FindAllRecords("registrations", of(e))
	if err != nil {
		t.Fatal(err)
	}
	children, wheelchair, access, waiting := 0, false, false, 0
	for _, r := range regs {
		langs[r.GetString("interpreting")] = true
		children += r.GetInt("children")
		wheelchair = wheelchair || r.GetBool("wheelchair")
		access = access || r.GetString("access_needs") != ""
		if r.GetString("status") == "waiting" {
			waiting++
		}
	}
	if !langs["ar"] || !langs["uk"] || !langs["fa"] || children == 0 || !wheelchair || !access || waiting != 1 {
		t.Errorf("event registrations: interpreting %v, %d children, wheelchair %v, access needs %v, %d waiting",
			langs, children, wheelchair, access, waiting)
	}

	// Members-only working groups ahead.
	if n := count(t, app, "meetings", dbx.HashExp{"kind": "working_group", "status": "scheduled", "visibility": "members"},
		dbx.NewExp("starts > {:now}", dbx.Params{"now": now.UTC().Format("2006-01-02 15:04:05.000Z")})); n < 2 {
		t.Errorf("%d members-only working groups ahead, want 2", n)
	}
}

// TestLoadMovesPassedMeetings: an upcoming demo meeting whose day has passed since the last
// load moves ahead again, with its dates and answers, and nothing is created twice.
func TestLoadMovesPassedMeetings(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	committee.Bind(app)
	if _, err := Load(app); err != nil {
		t.Fatal(err)
	}
	lastMonth := time.Now().AddDate(0, -1, 0).UTC()
	e := meetingByTitle(t, app, EventTitle)
	e.Set("starts", lastMonth)
	e.Set("ends", lastMonth.Add(time.Hour))
	if err := app.Save(e.Record); err != nil {
		t.Fatal(err)
	}
	d := meetingByTitle(t, app, DateFindingTitle)
	if _, err := app.DB().NewQuery("UPDATE meeting_dates SET starts = {:s} WHERE meeting = {:m}").
		Bind(dbx.Params{"s": lastMonth.Format("2006-01-02 15:04:05.000Z"), "m": d.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	answers := count(t, app, "date_answers")

	again, err := Load(app)
	if err != nil {
		t.Fatal(err)
	}
	if again.Created != 0 {
		t.Errorf("the reload created %d records", again.Created)
	}
	if e := meetingByTitle(t, app, EventTitle); !e.Starts().After(time.Now()) {
		t.Errorf("the event stayed in the past: %v", e.Starts())
	}
	if n := count(t, app, "meeting_dates", dbx.HashExp{"meeting": d.Id}, dbx.NewExp("starts > {:now}",
		dbx.Params{"now": time.Now().UTC().Format("2006-01-02 15:04:05.000Z")})); n != 3 {
		t.Errorf("%d of the 3 dates are ahead after the reload", n)
	}
	if count(t, app, "date_answers") != answers {
		t.Error("the answers changed")
	}
}

// checkTopics: the topics and ideas of the founding slides and later ones, supports kept on the
// topics, a comment with a reply, a closed round of the organisations with ranks whose top topic
// is on the agenda of the meeting in date finding, and an open round with votes.
func checkTopics(t *testing.T, app core.App) {
	t.Helper()
	for _, title := range []string{"Vernetzung der Migrantenorganisationen im Landkreis", "Abend der Begegnung",
		"Eine gemeinsame politische Stimme", "Sprachmittlung im Gesundheitswesen"} {
		if _, err := app.FindFirstRecordByData("topics", "title", title); err != nil {
			t.Errorf("no topic %q", title)
		}
	}
	if n := count(t, app, "topics"); n < 10 {
		t.Errorf("%d topics, want at least 10", n)
	}
	for _, kind := range []string{"topic", "idea"} {
		if count(t, app, "topics", dbx.HashExp{"kind": kind}) < 3 {
			t.Errorf("fewer than 3 of kind %s", kind)
		}
	}
	if count(t, app, "topics", dbx.HashExp{"organisation": ""}) == 0 || count(t, app, "topics", dbx.NewExp("organisation != ''")) == 0 {
		t.Error("want topics proposed personally and for organisations")
	}
	if count(t, app, "topics", dbx.HashExp{"visibility": "public"}) == 0 {
		t.Error("no public topic")
	}
	// The kept counts agree with the rows.
	if n := count(t, app, "topics", dbx.NewExp(`supports != (SELECT COUNT(*) FROM supports s WHERE s.topic = topics.id)
		OR comments != (SELECT COUNT(*) FROM comments c WHERE c.topic = topics.id AND c.hidden = FALSE)`)); n != 0 {
		t.Errorf("%d topics with wrong counts", n)
	}
	if count(t, app, "supports") < 20 {
		t.Errorf("%d supports", count(t, app, "supports"))
	}
	if count(t, app, "comments", dbx.NewExp("parent != ''")) == 0 || count(t, app, "comments", dbx.HashExp{"parent": ""}) == 0 {
		t.Error("want comments with replies")
	}

	closed, err := app.FindFirstRecordByData("rounds", "title", ClosedRoundTitle)
	if err != nil {
		t.Fatalf("no closed round: %v", err)
	}
	if !closed.GetBool("closed") || closed.GetString("voters") != "organisations" || closed.GetInt("dots") != 5 ||
		closed.GetInt("max_per_topic") != 3 || closed.GetInt("ballots") < 5 {
		t.Errorf("closed round %v", closed.FieldsData())
	}
	ranked := count(t, app, "round_topics", dbx.HashExp{"round": closed.Id}, dbx.NewExp("rank > 0"))
	if ranked != len(foundingTopics) {
		t.Errorf("%d of %d topics of the closed round ranked", ranked, len(foundingTopics))
	}
	top, err := app.FindFirstRecordByFilter("round_topics", "round = {:r} && rank = 1", dbx.Params{"r": closed.Id})
	if err != nil {
		t.Fatal(err)
	}
	topic, err := app.FindRecordById("topics", top.GetString("topic"))
	if err != nil {
		t.Fatal(err)
	}
	d := meetingByTitle(t, app, DateFindingTitle)
	item, err := app.FindRecordById("agenda_items", topic.GetString("agenda_item"))
	if err != nil || item.GetString("meeting") != d.Id || topic.GetString("status") != "on_agenda" {
		t.Errorf("the top topic %q is not on the agenda of %q (%v)", topic.GetString("title"), DateFindingTitle, err)
	}
	if n := count(t, app, "agenda_items", dbx.HashExp{"meeting": d.Id}); n != 4 {
		t.Errorf("%d agenda items in the date finding, want 3 + the top topic", n)
	}

	open, err := app.FindFirstRecordByData("rounds", "title", OpenRoundTitle)
	if err != nil {
		t.Fatalf("no open round: %v", err)
	}
	r := &committee.Round{Record: open}
	if !r.Open(time.Now()) || r.Closes().Before(time.Now().AddDate(0, 0, 7)) || r.Ballots() < 3 ||
		count(t, app, "votes", dbx.HashExp{"round": open.Id}) == 0 {
		t.Errorf("open round %v", open.FieldsData())
	}
	if n := count(t, app, "round_topics", dbx.HashExp{"round": open.Id}, dbx.NewExp("dots > 0")); n < 3 {
		t.Errorf("%d topics of the open round have dots", n)
	}
}
