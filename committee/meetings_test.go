package committee_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"komitee/committee"
	"komitee/internal/testkit"
)

// day is a Berlin date some days ahead, as a form would send it.
func day(n int) string { return time.Now().In(committee.Berlin).AddDate(0, 0, n).Format("2006-01-02") }

// startedAnHourAgo moves m's start an hour into the past: only then can it be marked as held.
func startedAnHourAgo(t *testing.T, k *testkit.Kit, m *committee.Meeting) {
	t.Helper()
	rec, err := k.App.FindRecordById("meetings", m.Id)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	rec.Set("starts", now.Add(-time.Hour))
	rec.Set("ends", now.Add(time.Hour))
	must(t, k.App.Save(rec))
	m.Record = rec
}

func newMeeting(t *testing.T, k *testkit.Kit, in committee.MeetingInput) *committee.Meeting {
	t.Helper()
	m, err := committee.CreateMeeting(k.App, committee.AsUser(k.Coordinator), in)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDateFindingToMinutes walks one meeting through its life in the domain: dates, answers,
// fixing the date, agenda with a suggestion, registration, check-in, minutes.
func TestDateFindingToMinutes(t *testing.T) {
	k := testkit.New(t)
	coord, member, rep := committee.AsUser(k.Coordinator), committee.AsUser(k.Member), committee.AsUser(k.Rep)
	m := newMeeting(t, k, committee.MeetingInput{Title: "Komitee-Sitzung", Kind: "committee", Visibility: "members"})
	if _, err := committee.CreateMeeting(k.App, member, committee.MeetingInput{Title: "x", Kind: "committee", Visibility: "members"}); !errors.Is(err, committee.ErrForbidden) {
		t.Fatalf("a member created a meeting: %v", err)
	}
	for _, d := range []int{10, 11, 12} {
		if err := committee.AddDate(k.App, coord, m, day(d), "17:00", "19:00"); err != nil {
			t.Fatal(err)
		}
	}
	if err := committee.AddDate(k.App, coord, m, day(13), "19:00", "17:00"); err == nil {
		t.Fatal("an end before the start was taken")
	}
	if err := committee.ChangeStatus(k.App, coord, m, "find_date"); err != nil {
		t.Fatal(err)
	}
	poll, err := committee.DatePoll(k.App, member.Record, m)
	if err != nil || len(poll.Dates) != 3 {
		t.Fatalf("poll: %v %+v", err, poll)
	}
	d1, d2 := poll.Dates[0].ID, poll.Dates[1].ID
	must(t, committee.AnswerDates(k.App, member, m, map[string]string{d1: "yes", d2: "no"}, ""))
	must(t, committee.AnswerDates(k.App, rep, m, map[string]string{d1: "maybe", d2: "yes"}, k.Listed.Id))
	must(t, committee.AnswerDates(k.App, member, m, map[string]string{d2: "yes"}, "")) // changes an answer
	if err := committee.AnswerDates(k.App, committee.AsUser(k.Registered), m, map[string]string{d1: "yes"}, ""); err == nil {
		t.Fatal("a non-member answered")
	}
	poll, _ = committee.DatePoll(k.App, member.Record, m)
	if poll.Dates[1].Yes != 2 || poll.Dates[0].Yes != 1 || poll.Dates[0].Maybe != 1 || !poll.Dates[1].Best || len(poll.Rows) != 2 {
		t.Fatalf("totals: %+v", poll)
	}
	must(t, committee.FixDate(k.App, coord, m, d2))
	if m.Status() != "scheduled" || !m.Starts().Equal(poll.Dates[1].Starts) {
		t.Fatalf("not scheduled on the date: %s %v", m.Status(), m.Starts())
	}

	// Agenda: the coordinator adds, a member suggests, the coordinator accepts and reorders.
	for _, title := range []string{"Begrüßung", "Bericht"} {
		if _, err := committee.AddAgendaItem(k.App, coord, m, committee.AgendaInput{Title: title, Duration: "15"}); err != nil {
			t.Fatal(err)
		}
	}
	suggested, err := committee.AddAgendaItem(k.App, member, m, committee.AgendaInput{Title: "Dolmetschpool", Duration: "30"})
	if err != nil || !suggested {
		t.Fatalf("suggestion: %v %v", suggested, err)
	}
	items, _ := committee.Agenda(k.App, member.Record, m)
	if len(items) != 3 || items[2].Status != "suggested" {
		t.Fatalf("member's view of the agenda: %+v", items)
	}
	if err := committee.DecideSuggestion(k.App, member, m, items[2].ID, true, ""); err == nil {
		t.Fatal("a member accepted a suggestion")
	}
	must(t, committee.DecideSuggestion(k.App, coord, m, items[2].ID, true, ""))
	must(t, committee.MoveAgendaItem(k.App, coord, m, items[2].ID, "up"))
	items, _ = committee.Agenda(k.App, k.Registered, m)
	if len(items) != 0 {
		t.Fatalf("a non-member sees a members' meeting's agenda: %+v", items)
	}
	items, _ = committee.Agenda(k.App, member.Record, m)
	if items[1].Title != "Dolmetschpool" || !items[2].Start.Equal(m.Starts().Add(45*time.Minute)) {
		t.Fatalf("order or running start: %+v", items)
	}

	// Registration with needs; the organisers see the sums, a member only their own.
	_, err = committee.RegisterFor(k.App, member, m, committee.RegistrationInput{Answer: "yes", People: "2",
		Interpreting: "ar", Children: "1", AccessNeeds: "Rollstuhl", Wheelchair: true})
	must(t, err)
	_, err = committee.RegisterFor(k.App, rep, m, committee.RegistrationInput{Answer: "yes", Organisation: k.Listed.Id, Interpreting: "ar"})
	must(t, err)
	_, sums, _ := committee.Registrations(k.App, coord.Record, m)
	if sums.Yes != 2 || sums.People != 3 || sums.Children != 1 || sums.Wheelchair != 1 ||
		len(sums.Interpreting) != 1 || sums.Interpreting[0] != (committee.Count{Value: "ar", N: 2}) {
		t.Fatalf("sums: %+v", sums)
	}
	rows, _, _ := committee.Registrations(k.App, member.Record, m)
	if len(rows) != 1 || rows[0].AccessNeeds != "Rollstuhl" {
		t.Fatalf("a member sees others' registrations: %+v", rows)
	}

	// Check-in, minutes, approval, publication.
	regs, _, _ := committee.CheckInList(k.App, coord.Record, m)
	must(t, committee.CheckIn(k.App, coord, m, []string{regs[0].RegistrationID}))
	must(t, committee.AddWalkIn(k.App, coord, m, committee.WalkInInput{Name: "Gast", OrganisationName: "Landratsamt", Group: "authority"}))
	regs, walkIns, _ := committee.CheckInList(k.App, coord.Record, m)
	if !regs[0].Present || regs[1].Present || len(walkIns) != 1 {
		t.Fatalf("check-in: %+v %+v", regs, walkIns)
	}
	if err := committee.AddDecision(k.App, coord, m, committee.DecisionInput{Text: "Wir gründen einen Dolmetschpool."}); err == nil {
		t.Fatal("minutes before the meeting was held")
	}
	if err := committee.ChangeStatus(k.App, coord, m, "held"); err == nil {
		t.Fatal("a meeting that has not started was marked as held")
	}
	startedAnHourAgo(t, k, m)
	must(t, committee.ChangeStatus(k.App, coord, m, "held"))
	must(t, committee.SaveMinutes(k.App, coord, m, map[string]string{items[0].ID: "Alle sind da."}, "Ein guter Anfang."))
	must(t, committee.AddDecision(k.App, coord, m, committee.DecisionInput{Text: "Dolmetschpool", Yes: "9", No: "0", Abstain: "1"}))
	must(t, committee.AddAction(k.App, coord, m, committee.ActionInput{Title: "Liste anlegen", Organisation: k.Listed.Id, Due: day(30)}))
	if committee.MayReadMinutes(k.App, member.Record, m) || committee.MayReadMinutes(k.App, nil, m) {
		t.Fatal("draft minutes are readable")
	}
	if err := committee.ApproveMinutes(k.App, rep, m); err == nil {
		t.Fatal("a representative approved the minutes")
	}
	must(t, committee.ApproveMinutes(k.App, coord, m))
	if err := committee.AddDecision(k.App, coord, m, committee.DecisionInput{Text: "late"}); err == nil {
		t.Fatal("approved minutes were changed")
	}
	must(t, committee.PublishMinutes(k.App, coord, m, "members"))
	if !committee.MayReadMinutes(k.App, member.Record, m) || committee.MayReadMinutes(k.App, nil, m) {
		t.Fatal("members' minutes: wrong readers")
	}
	min, err := committee.MinutesOf(k.App, member.Record, m)
	if err != nil || min.Fazit != "Ein guter Anfang." || len(min.Decisions) != 1 || min.Decisions[0].Abstain != 1 ||
		len(min.Actions) != 1 || min.Actions[0].Organisation != "Verein der Vielfalt" {
		t.Fatalf("minutes: %v %+v", err, min)
	}
}

// TestWaitingList: a full public event puts a "yes" on the waiting list; a cancellation moves
// it up and mails it. Guests confirm by link before their place counts.
func TestWaitingList(t *testing.T) {
	k := testkit.New(t)
	coord := committee.AsUser(k.Coordinator)
	m := newMeeting(t, k, committee.MeetingInput{Title: "Abend der Begegnung", Kind: "public_event", Visibility: "public",
		Capacity: "3", Date: day(5), Start: "18:00", End: "21:00"})
	must(t, committee.ChangeStatus(k.App, coord, m, "schedule"))
	status, err := committee.RegisterFor(k.App, committee.AsUser(k.Member), m, committee.RegistrationInput{Answer: "yes", People: "2"})
	if err != nil || status != "confirmed" {
		t.Fatalf("%s %v", status, err)
	}
	must(t, committee.RegisterGuest(k.App, m, committee.RegistrationInput{Answer: "yes", People: "2", Name: "Gast", Email: "gast@example.org"}, "en"))
	if committee.SeatsLeft(k.App, m) != 1 {
		t.Fatalf("an unconfirmed guest took seats: %d left", committee.SeatsLeft(k.App, m))
	}
	link := lastLink(t, k)
	_, status, err = committee.ConfirmGuest(k.App, link[len(link)-40:])
	if err != nil || status != "waiting" {
		t.Fatalf("guest: %s %v", status, err)
	}
	k.App.TestMailer.Reset()
	_, err = committee.RegisterFor(k.App, committee.AsUser(k.Member), m, committee.RegistrationInput{Answer: "no"})
	must(t, err)
	_, sums, _ := committee.Registrations(k.App, coord.Record, m)
	if sums.Waiting != 0 || sums.People != 2 || k.App.TestMailer.TotalSend() != 1 ||
		k.App.TestMailer.LastMessage().To[0].Address != "gast@example.org" {
		t.Fatalf("no move-up: %+v, %d mails", sums, k.App.TestMailer.TotalSend())
	}
	if _, _, err := committee.ConfirmGuest(k.App, "short"); err == nil {
		t.Fatal("a bad token confirmed something")
	}
}

// TestMeetingInputErrors: bad input names its field.
func TestMeetingInputErrors(t *testing.T) {
	k := testkit.New(t)
	in := committee.MeetingInput{Title: "", Kind: "party", Visibility: "members", Date: "2027-03-28", Start: "02:30",
		End: "04:00", Capacity: "-1", OnlineLink: "javascript:alert(1)"}
	errs := in.Validate(k.App)
	for _, f := range []string{"title", "kind", "start", "capacity", "online_link"} {
		if errs[f] == "" {
			t.Errorf("no error for %s: %v", f, errs)
		}
	}
}

func lastLink(t *testing.T, k *testkit.Kit) string {
	t.Helper()
	text := k.App.TestMailer.LastMessage().Text
	for _, line := range strings.Split(text, "\n") {
		if j := strings.Index(line, "/registrations/confirm/"); j >= 0 {
			return strings.TrimSpace(line[j:])
		}
	}
	t.Fatalf("no confirmation link in %q", text)
	return ""
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestOrganisingOrganisations: the representatives and deputies of an organising organisation
// organise the meeting (the derived meetings.managers), and stop when they lose the role.
func TestOrganisingOrganisations(t *testing.T) {
	k := testkit.New(t)
	m := newMeeting(t, k, committee.MeetingInput{Title: "AG Sprache", Kind: "working_group", Visibility: "members",
		Organisers: []string{k.Listed.Id}})
	rep, deputy, member := committee.AsUser(k.Rep), committee.AsUser(k.Deputy), committee.AsUser(k.Member)
	m, _ = committee.FindMeeting(k.App, k.Coordinator, m.Id)
	if !committee.CanOrganise(k.App, rep, m) || !committee.CanOrganise(k.App, deputy, m) || committee.CanOrganise(k.App, member, m) {
		t.Fatalf("organisers: rep %v, deputy %v, member %v", committee.CanOrganise(k.App, rep, m),
			committee.CanOrganise(k.App, deputy, m), committee.CanOrganise(k.App, member, m))
	}
	// A draft is the organisers' alone: the representative sees it, a member does not.
	if _, err := committee.FindMeeting(k.App, k.Rep, m.Id); err != nil {
		t.Fatalf("the organising representative cannot see the draft: %v", err)
	}
	if _, err := committee.FindMeeting(k.App, k.Member, m.Id); err == nil {
		t.Fatal("a member sees a draft")
	}
	// The deputy's membership ends: the meeting's managers follow.
	dm, err := k.App.FindFirstRecordByFilter("memberships", "user = {:u}", map[string]any{"u": k.Deputy.Id})
	must(t, err)
	dm.Set("status", "ended")
	must(t, k.App.Save(dm))
	m, _ = committee.FindMeeting(k.App, k.Coordinator, m.Id)
	if committee.CanOrganise(k.App, deputy, m) || !committee.CanOrganise(k.App, rep, m) {
		t.Fatal("meetings.managers did not follow the membership change")
	}
}

// TestGuestCancels: a guest's mailed link also takes the registration back, and the freed place
// goes to the waiting list.
func TestGuestCancels(t *testing.T) {
	k := testkit.New(t)
	coord := committee.AsUser(k.Coordinator)
	m := newMeeting(t, k, committee.MeetingInput{Title: "Fest", Kind: "public_event", Visibility: "public",
		Capacity: "1", Date: day(5), Start: "18:00", End: "21:00"})
	must(t, committee.ChangeStatus(k.App, coord, m, "schedule"))
	must(t, committee.RegisterGuest(k.App, m, committee.RegistrationInput{Answer: "yes", Name: "Gast", Email: "gast@example.org"}, "ar"))
	link := lastLink(t, k)
	token := link[len(link)-40:]
	if _, status, err := committee.ConfirmGuest(k.App, token); err != nil || status != "confirmed" {
		t.Fatalf("%s %v", status, err)
	}
	status, err := committee.RegisterFor(k.App, committee.AsUser(k.Member), m, committee.RegistrationInput{Answer: "yes"})
	if err != nil || status != "waiting" {
		t.Fatalf("member: %s %v", status, err)
	}
	k.App.TestMailer.Reset()
	if _, err := committee.CancelGuest(k.App, token); err != nil {
		t.Fatal(err)
	}
	if r := committee.MyRegistration(k.App, committee.AsUser(k.Member), m); r.GetString("status") != "confirmed" ||
		k.App.TestMailer.TotalSend() != 1 || k.App.TestMailer.LastMessage().To[0].Address != "member@example.org" {
		t.Fatalf("the member did not move up: %s, %d mails", r.GetString("status"), k.App.TestMailer.TotalSend())
	}
}

// TestKeepsThePlace: asking for more places than are free keeps the registration as it was;
// a draft is deleted, not cancelled (a cancelled meeting is shown to everyone it was for).
func TestKeepsThePlace(t *testing.T) {
	k := testkit.New(t)
	coord, member := committee.AsUser(k.Coordinator), committee.AsUser(k.Member)
	m := newMeeting(t, k, committee.MeetingInput{Title: "Klein", Kind: "committee", Visibility: "members",
		Capacity: "2", Date: day(5), Start: "18:00", End: "19:00"})
	must(t, committee.ChangeStatus(k.App, coord, m, "schedule"))
	_, err := committee.RegisterFor(k.App, member, m, committee.RegistrationInput{Answer: "yes", People: "2"})
	must(t, err)
	_, err = committee.RegisterFor(k.App, member, m, committee.RegistrationInput{Answer: "yes", People: "3"})
	var errs committee.Errors
	if !errors.As(err, &errs) || errs["people"] != "registration.error.no_room" {
		t.Fatalf("more people than places: %v", err)
	}
	if r := committee.MyRegistration(k.App, member, m); r.GetString("status") != "confirmed" || r.GetInt("people") != 2 {
		t.Fatalf("the place was lost: %s %d", r.GetString("status"), r.GetInt("people"))
	}
	// A larger room: the waiting list moves up.
	rep := committee.AsUser(k.Rep)
	if status, _ := committee.RegisterFor(k.App, rep, m, committee.RegistrationInput{Answer: "yes"}); status != "waiting" {
		t.Fatalf("rep: %s", status)
	}
	in := committee.MeetingInputOf(m)
	in.Capacity = "10"
	must(t, committee.UpdateMeeting(k.App, coord, m, in))
	if r := committee.MyRegistration(k.App, rep, m); r.GetString("status") != "confirmed" {
		t.Fatal("a larger capacity did not move the waiting list up")
	}

	draft := newMeeting(t, k, committee.MeetingInput{Title: "Entwurf", Kind: "committee", Visibility: "public"})
	if err := committee.ChangeStatus(k.App, coord, draft, "cancel"); err == nil {
		t.Fatal("a draft was cancelled (and so published)")
	}
	if err := committee.DeleteMeeting(k.App, rep, draft); err == nil {
		t.Fatal("a representative deleted a draft")
	}
	must(t, committee.DeleteMeeting(k.App, coord, draft))
}

// TestOfferedStepsAreTheWorkflows: the status steps MeetingCan offers are those ChangeStatus
// takes (or explains what is missing first), for meetings before and after their start ("mark as held" only once
// it has begun); scheduling a meeting whose date has passed needs a confirmation and invites
// nobody.
func TestOfferedStepsAreTheWorkflows(t *testing.T) {
	k := testkit.New(t)
	coord := committee.AsUser(k.Coordinator)
	now := time.Now().UTC()
	for _, c := range []struct {
		name       string
		status     string
		starts     time.Time
		offersHeld bool
	}{
		{"scheduled, a month ahead", "scheduled", now.Add(30 * 24 * time.Hour), false},
		{"scheduled, in a minute", "scheduled", now.Add(time.Minute), false},
		{"scheduled, begun an hour ago", "scheduled", now.Add(-time.Hour), true},
		{"draft, in the past", "draft", now.Add(-48 * time.Hour), false},
	} {
		for _, action := range []string{"find_date", "schedule", "held", "cancel"} {
			rec := k.Record(t, "meetings", map[string]any{"title": c.name, "kind": "committee", "status": c.status,
				"visibility": "members", "starts": c.starts, "ends": c.starts.Add(time.Hour)})
			m := &committee.Meeting{Record: rec}
			offered := slices.Contains(committee.MeetingCan(k.App, k.Coordinator, m).Steps, action)
			err := committee.ChangeStatus(k.App, coord, m, action, committee.Confirmed)
			// Offered: taken, or the page says what is missing first (candidate dates, a date).
			var errs committee.Errors
			explained := errors.As(err, &errs) && (errs["form"] == "meetings.error.no_dates" || errs["form"] == "meetings.error.date_needed")
			if offered != (err == nil || explained) {
				t.Errorf("%s, %s: offered %v, but ChangeStatus says %v", c.name, action, offered, err)
			}
			if action == "held" && offered != c.offersHeld {
				t.Errorf("%s: \"mark as held\" offered %v", c.name, offered)
			}
		}
	}

	past := &committee.Meeting{Record: k.Record(t, "meetings", map[string]any{"title": "Nachtrag", "kind": "committee", "status": "draft",
		"visibility": "members", "starts": now.Add(-48 * time.Hour), "ends": now.Add(-47 * time.Hour)})}
	sent := k.App.TestMailer.TotalSend()
	if err := committee.ChangeStatus(k.App, coord, past, "schedule"); !errors.Is(err, committee.ErrDateHasPassed) {
		t.Fatalf("scheduling a past meeting unasked: %v", err)
	}
	must(t, committee.ChangeStatus(k.App, coord, past, "schedule", committee.Confirmed))
	if past.Status() != "scheduled" || k.App.TestMailer.TotalSend() != sent {
		t.Errorf("confirmed: status %s, %d mails", past.Status(), k.App.TestMailer.TotalSend()-sent)
	}
}
