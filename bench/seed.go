package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/committee"
	_ "komitee/pb_migrations"
)

// seedVersion changes whenever the generator below changes, so that an old data dir with the
// right counts but other contents is rebuilt. 3: meetings. 4: topics and rounds. 5: needs and offers,
// actions, the bench statement.
const seedVersion = 5

// seedSize is how much the generator makes. The harness uses fullSize; the test a small one.
type seedSize struct {
	Orgs, Users, Meetings int // Users includes the coordinator; Meetings the big meeting
	Topics, Votes         int
	Needs, Actions        int // needs and offers; action items
	Signers               int // organisations that signed the bench statement
}

var fullSize = seedSize{Orgs: 500, Users: 5000, Meetings: 2000, Topics: 10000, Votes: 100000, Needs: 2000, Actions: 1000, Signers: 200}

// size1k is the full data set with a tenth of the topics and votes: the topic rows run on it
// too, to show how their p99 grows with the number of topics.
var size1k = seedSize{Orgs: 500, Users: 5000, Meetings: 2000, Topics: 1000, Votes: 10000, Needs: 2000, Actions: 1000, Signers: 200}

const (
	seedPassword  = "bench-password-123"
	markerName    = "bench-seed.json"
	coordEmail    = "coordinator@bench.example.org"
	filterKind    = "mso"
	filterArea    = "education"
	benchPlaceCnt = 15
)

// DataSet describes what is in the data dir, read back from the database.
type DataSet struct {
	Organisations  int            `json:"organisations"`
	OrgsByStatus   map[string]int `json:"orgs_by_status"`
	OrgsByKind     map[string]int `json:"orgs_by_kind"`
	Listed         int            `json:"listed"`
	FilterMatches  int            `json:"filter_matches"` // listed, kind=mso, area=education
	Municipalities int            `json:"municipalities"`
	Users          int            `json:"users"`
	MemberFlag     int            `json:"member_flag"` // users.member = true (kept by the hooks)
	Memberships    map[string]int `json:"memberships"` // "role/status" -> count
	MembershipsAll int            `json:"memberships_all"`
	Contacts       int            `json:"contacts"`

	Meetings         int            `json:"meetings"`
	MeetingsByKind   map[string]int `json:"meetings_by_kind"`
	MeetingsByStatus map[string]int `json:"meetings_by_status"`
	PublicMeetings   int            `json:"public_meetings"`
	// Counted at the time of the run (the list pages depend on the clock): upcoming as the
	// public and as a member sees them, and past public meetings.
	UpcomingPublic int           `json:"upcoming_public"`
	UpcomingAll    int           `json:"upcoming_all"`
	PastPublic     int           `json:"past_public"`
	FirstYear      int           `json:"first_year"`
	LastYear       int           `json:"last_year"`
	AgendaItems    int           `json:"agenda_items"`
	Registrations  int           `json:"registrations"`
	Big            BigStats      `json:"big_meeting"`
	Topic          TopicStats    `json:"topics"`
	Size           seedSize      `json:"size"`
	Reused         bool          `json:"-"`
	Took           time.Duration `json:"-"`
}

var places = []string{"Bautzen", "Görlitz", "Hoyerswerda", "Kamenz", "Zittau", "Löbau", "Bischofswerda",
	"Radeberg", "Weißwasser", "Niesky", "Großröhrsdorf", "Wilthen", "Ebersbach-Neugersdorf", "Pulsnitz", "Rothenburg"}

// openApp opens a data dir as a PocketBase app (never in dev mode: no SQL logging), applies all
// migrations and binds the committee's hooks.
func openApp(dir string) (*core.BaseApp, error) {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, IsDev: false})
	if err := app.Bootstrap(); err != nil {
		return nil, err
	}
	if err := app.RunAllMigrations(); err != nil {
		return nil, err
	}
	committee.Bind(app)
	return app, nil
}

// ensureData returns the full data set in dir, generating it if it is missing, incomplete or
// from another generator version. It always switches PocketBase's rate limiter off in that dir.
func ensureData(dir string, fresh bool) (*DataSet, error) {
	return ensureDataSize(dir, fresh, fullSize)
}

// ensureDataSize is ensureData for a data set of the given size. A data set is reused while its
// big meeting is more than a day ahead: the meeting pages show it as upcoming, open for
// registration.
func ensureDataSize(dir string, fresh bool, size seedSize) (*DataSet, error) {
	start := time.Now()
	reuse := false
	if !fresh {
		if b, err := os.ReadFile(filepath.Join(dir, markerName)); err == nil {
			var m struct {
				Version int
				DataSet struct{ Size seedSize }
			}
			if json.Unmarshal(b, &m) == nil && m.Version == seedVersion && m.DataSet.Size == size {
				reuse = true
			}
		}
	}
	if reuse {
		app, err := openApp(dir)
		if err != nil {
			return nil, err
		}
		ds, err := describe(app, size)
		if err == nil && ds.complete(size) && ds.Big.Starts.After(time.Now().Add(24*time.Hour)) {
			err = disableRateLimits(app)
			if err == nil {
				err = clearLogs(app)
			}
			_ = app.ResetBootstrapState()
			if err != nil {
				return nil, err
			}
			ds.Reused, ds.Took = true, time.Since(start)
			return ds, nil
		}
		_ = app.ResetBootstrapState()
		fmt.Printf("  data dir %s has other contents (or its big meeting is no longer ahead); generating it again\n", dir)
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	app, err := openApp(dir)
	if err != nil {
		return nil, err
	}
	defer app.ResetBootstrapState()
	if err := generate(app, size); err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	if err := disableRateLimits(app); err != nil {
		return nil, err
	}
	ds, err := describe(app, size)
	if err != nil {
		return nil, err
	}
	if !ds.complete(size) {
		return nil, fmt.Errorf("generated %d organisations, %d users, %d meetings, a big meeting with %d agenda items and %d registrations, %d topics, %d votes (%d wrong counts); want %d, %d, %d, %d, %d, %d and %d",
			ds.Organisations, ds.Users, ds.Meetings, ds.Big.Agenda, ds.Big.Registrations, ds.Topic.Topics, ds.Topic.Votes, ds.Topic.BadCounts,
			size.Orgs, size.Users, size.Meetings, bigAgenda, bigRegistrations, size.Topics, size.Votes)
	}
	b, _ := json.MarshalIndent(map[string]any{"Version": seedVersion, "Generated": time.Now().UTC(), "DataSet": ds}, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, markerName), b, 0o644); err != nil {
		return nil, err
	}
	ds.Took = time.Since(start)
	return ds, nil
}

// complete reports whether the data set has everything the generator makes.
func (ds *DataSet) complete(size seedSize) bool {
	return ds.Organisations == size.Orgs && ds.Users == size.Users && ds.Meetings == size.Meetings &&
		ds.Big.Agenda == bigAgenda && ds.Big.Registrations == bigRegistrations &&
		ds.Topic.Topics == size.Topics && ds.Topic.Votes == size.Votes && ds.Topic.BadCounts == 0 &&
		(size.Topics == 0 || ds.Topic.Round.Topics == roundTopicCount && ds.Topic.Round.Closed)
}

// clearLogs empties PocketBase's request log (auxiliary.db), which grows by every /api/ request
// of earlier runs (hundreds of thousands from /api/health), so that runs stay comparable.
func clearLogs(app core.App) error {
	if _, err := app.AuxDB().NewQuery("DELETE FROM {{_logs}}").Execute(); err != nil {
		return err
	}
	_, err := app.AuxDB().NewQuery("VACUUM").Execute()
	return err
}

// disableRateLimits switches PocketBase's rate limiter off: its default "/api/" rule
// (300 requests per 10 s per IP) would otherwise throttle the benchmark, which sends every
// request from 127.0.0.1.
func disableRateLimits(app core.App) error {
	s := app.Settings()
	if !s.RateLimits.Enabled {
		return nil
	}
	s.RateLimits.Enabled = false
	return app.Save(s)
}

// BigStats describes the big meeting: a public event ahead with a full agenda and registrations.
type BigStats struct {
	ID            string    `json:"id"`
	Title         string    `json:"title"`
	Starts        time.Time `json:"starts"`
	Agenda        int       `json:"agenda"` // accepted items
	Registrations int       `json:"registrations"`
	Users         int       `json:"users"` // distinct people among them
	Yes           int       `json:"yes"`
	People        int       `json:"people"` // places taken by the yes answers
	Capacity      int       `json:"capacity"`
	Interpreting  int       `json:"interpreting"`
	Children      int       `json:"children"` // registrations bringing children
	Wheelchair    int       `json:"wheelchair"`
	AccessNeeds   int       `json:"access_needs"`
}

func describe(app core.App, size seedSize) (*DataSet, error) {
	ds := &DataSet{OrgsByStatus: map[string]int{}, OrgsByKind: map[string]int{}, Memberships: map[string]int{},
		MeetingsByKind: map[string]int{}, MeetingsByStatus: map[string]int{}, Size: size}
	db := app.DB()
	count := func(dst *int, sql string) error { return db.NewQuery(sql).Row(dst) }
	type kv struct {
		K string `db:"k"`
		N int    `db:"n"`
	}
	group := func(dst map[string]int, sql string) error {
		var rows []kv
		if err := db.NewQuery(sql).All(&rows); err != nil {
			return err
		}
		for _, r := range rows {
			dst[r.K] = r.N
		}
		return nil
	}
	// As the list pages and /api/ compare: PocketBase's datetime text.
	now := types.NowDateTime().String()
	upcoming := fmt.Sprintf("status != 'draft' AND (starts = '' OR ends >= '%s')", now)
	var bigStarts string
	for _, step := range []error{
		count(&ds.Organisations, "SELECT COUNT(*) FROM organisations"),
		count(&ds.Users, "SELECT COUNT(*) FROM users"),
		count(&ds.MemberFlag, "SELECT COUNT(*) FROM users WHERE member = TRUE"),
		count(&ds.Listed, "SELECT COUNT(*) FROM organisations WHERE status IN ('member','partner')"),
		count(&ds.FilterMatches, fmt.Sprintf(`SELECT COUNT(*) FROM organisations WHERE status IN ('member','partner')
			AND kind = '%s' AND EXISTS (SELECT 1 FROM json_each(areas) WHERE value = '%s')`, filterKind, filterArea)),
		count(&ds.Municipalities, "SELECT COUNT(DISTINCT municipality) FROM organisations WHERE status IN ('member','partner')"),
		count(&ds.MembershipsAll, "SELECT COUNT(*) FROM memberships"),
		count(&ds.Contacts, "SELECT COUNT(*) FROM contacts"),
		group(ds.OrgsByStatus, "SELECT status AS k, COUNT(*) AS n FROM organisations GROUP BY status"),
		group(ds.OrgsByKind, "SELECT kind AS k, COUNT(*) AS n FROM organisations GROUP BY kind"),
		group(ds.Memberships, "SELECT role || '/' || status AS k, COUNT(*) AS n FROM memberships GROUP BY role, status"),

		count(&ds.Meetings, "SELECT COUNT(*) FROM meetings"),
		group(ds.MeetingsByKind, "SELECT kind AS k, COUNT(*) AS n FROM meetings GROUP BY kind"),
		group(ds.MeetingsByStatus, "SELECT status AS k, COUNT(*) AS n FROM meetings GROUP BY status"),
		count(&ds.PublicMeetings, "SELECT COUNT(*) FROM meetings WHERE visibility = 'public'"),
		count(&ds.UpcomingPublic, "SELECT COUNT(*) FROM meetings WHERE visibility = 'public' AND "+upcoming),
		count(&ds.UpcomingAll, "SELECT COUNT(*) FROM meetings WHERE "+upcoming),
		count(&ds.PastPublic, fmt.Sprintf("SELECT COUNT(*) FROM meetings WHERE status != 'draft' AND visibility = 'public' AND starts != '' AND ends < '%s'", now)),
		count(&ds.FirstYear, "SELECT COALESCE(MIN(CAST(substr(starts, 1, 4) AS INTEGER)), 0) FROM meetings WHERE starts != ''"),
		count(&ds.LastYear, "SELECT COALESCE(MAX(CAST(substr(starts, 1, 4) AS INTEGER)), 0) FROM meetings WHERE starts != ''"),
		count(&ds.AgendaItems, "SELECT COUNT(*) FROM agenda_items"),
		count(&ds.Registrations, "SELECT COUNT(*) FROM registrations"),
	} {
		if step != nil {
			return nil, step
		}
	}
	b := &ds.Big
	b.ID = benchMeetingID
	q := func(dst any, sql string) error {
		return db.NewQuery(sql).Bind(dbx.Params{"m": benchMeetingID}).Row(dst)
	}
	for _, step := range []error{
		q(&b.Title, "SELECT COALESCE(MAX(title), '') FROM meetings WHERE id = {:m}"),
		q(&bigStarts, "SELECT COALESCE(MAX(starts), '') FROM meetings WHERE id = {:m}"),
		q(&b.Capacity, "SELECT COALESCE(MAX(capacity), 0) FROM meetings WHERE id = {:m}"),
		q(&b.Agenda, "SELECT COUNT(*) FROM agenda_items WHERE meeting = {:m} AND status = 'accepted'"),
		q(&b.Registrations, "SELECT COUNT(*) FROM registrations WHERE meeting = {:m}"),
		q(&b.Users, "SELECT COUNT(DISTINCT user) FROM registrations WHERE meeting = {:m} AND user != ''"),
		q(&b.Yes, "SELECT COUNT(*) FROM registrations WHERE meeting = {:m} AND answer = 'yes'"),
		q(&b.People, "SELECT COALESCE(SUM(people), 0) FROM registrations WHERE meeting = {:m} AND answer = 'yes' AND status = 'confirmed'"),
		q(&b.Interpreting, "SELECT COUNT(*) FROM registrations WHERE meeting = {:m} AND interpreting != ''"),
		q(&b.Children, "SELECT COUNT(*) FROM registrations WHERE meeting = {:m} AND children > 0"),
		q(&b.Wheelchair, "SELECT COUNT(*) FROM registrations WHERE meeting = {:m} AND wheelchair = TRUE"),
		q(&b.AccessNeeds, "SELECT COUNT(*) FROM registrations WHERE meeting = {:m} AND access_needs != ''"),
	} {
		if step != nil {
			return nil, step
		}
	}
	if t, err := types.ParseDateTime(bigStarts); err == nil {
		b.Starts = t.Time()
	}
	var err error
	ds.Topic, err = describeTopics(app)
	return ds, err
}

// pick returns one of values, weighted.
func pick[T any](r *rand.Rand, values []T, weights []int) T {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return values[i]
		}
		n -= w
	}
	return values[len(values)-1]
}

// sample returns k distinct values in a random order.
func sample(r *rand.Rand, values []string, k int) []string {
	idx := r.Perm(len(values))[:k]
	out := make([]string, k)
	for i, j := range idx {
		out[i] = values[j]
	}
	return out
}

var (
	kinds       = []string{"mso", "migrant_initiative", "welcome_initiative", "association", "welfare", "authority", "education", "religious", "other"}
	kindWeights = []int{35, 12, 10, 12, 8, 5, 8, 5, 5}
	areas       = []string{"integration", "language", "work", "health", "housing", "culture", "youth", "women",
		"family", "counselling", "antidiscrimination", "participation", "sports", "religion"} // and "education"
	langs = []string{"ar", "fa", "prs", "ps", "ku", "tr", "ru", "uk", "pl", "cs", "ro", "bg", "sq", "ka", "ti", "so",
		"fr", "es", "vi", "en", "hsb"}
	orgPrefixes = []string{"Verein", "Initiative", "Netzwerk", "Forum", "Bündnis", "Zentrum", "Treffpunkt", "Haus",
		"Gemeinschaft", "Arbeitskreis", "Kulturverein", "Elternverein", "Frauencafé", "Sportverein", "Jugendclub"}
	orgThemes = []string{"der Vielfalt", "Brücken", "Willkommen", "Nachbarschaft", "Miteinander", "Zukunft", "Dialog",
		"Begegnung", "Neue Heimat", "Regenbogen", "Offene Türen", "Sprachbrücke", "Weltladen", "Kulturen",
		"Syrischer Familien", "Ukrainischer Frauen", "Afghanischer Jugend", "Vietnamesischer Eltern", "Eritreischer Gemeinde",
		"Kurdischer Kultur", "Polnisch-Deutscher Freundschaft", "Sorbisch-Arabischer Freundschaft"}
	foreignNames = []string{"جمعية الجسور", "بيت الثقافات", "Дім українців", "Українська громада", "انجمن دوستی",
		"Türk Kültür Derneği", "Cộng đồng Việt"}
	communities = []string{"Syrische Community", "Ukrainische Community", "Afghanische Community", "Vietnamesische Community",
		"Eritreische und somalische Community", "Kurdische Community", "Polnische und tschechische Nachbarn",
		"Russischsprachige Community", "Arabischsprachige Familien", ""}
	firstNames = []string{"Anna", "Mehmet", "Rana", "Dirk", "Olena", "Ahmad", "Fatima", "Jan", "Katrin", "Yusuf",
		"Maryam", "Thomas", "Leyla", "Sven", "Nguyen", "Hanna", "Omar", "Ivana", "Peter", "Zahra", "Tomasz", "Aisha",
		"Mariam", "Lukas", "Dmytro", "Selin", "Abdi", "Sabine", "Karim", "Julia"}
	lastNames = []string{"Müller", "Yılmaz", "Haddad", "Schneider", "Kovalenko", "Rahimi", "Nowak", "Tran", "Weber",
		"Hassan", "Schulz", "Petrenko", "Ahmadi", "Krause", "Demir", "Mohammed", "Richter", "Novák", "Wagner", "Osman",
		"Zimmermann", "Bakr", "Hoffmann", "Popescu", "Lehmann", "Tesfaye", "Kaiser", "Karimi", "Schmidt", "Šimková"}
	paragraphs = []string{
		"Wir sind ein **gemeinnütziger Verein**, der Menschen mit Migrationsgeschichte im Landkreis berät und begleitet. " +
			"Unsere Mitglieder sprechen viele Sprachen und kennen die Wege durch Ämter, Schulen und Vereine.",
		"Jeden Dienstag öffnen wir unser *Begegnungscafé*: Hausaufgabenhilfe, Sprachtreff und Beratung zu Arbeit und " +
			"Wohnen. Alle sind willkommen, die Teilnahme ist kostenlos.",
		"Unsere Schwerpunkte:\n\n- Deutschkurse für Erwachsene\n- Begleitung zu Behörden und Ärzten\n- Elternabende in mehreren Sprachen\n- Feste und Ausflüge",
		"Seit unserer Gründung arbeiten wir eng mit Schulen, Kitas und dem Jobcenter zusammen. Wir suchen Ehrenamtliche, " +
			"die Zeit für Patenschaften oder Übersetzungen haben.",
		"Wir vertreten die Interessen unserer Community im Komitee und in den Gremien der Gemeinde. Mehr erfahren Sie auf " +
			"unserer [Webseite](https://example.org) oder bei einem Besuch.",
	}
)

// generate fills an empty, migrated app: the committee, 500 organisations with contacts, 5,000
// people with memberships, and 2,000 meetings with a big one (meetings.go). One password hash is
// computed once and stored for everyone.
func generate(app core.App, size seedSize) error {
	r := rand.New(rand.NewPCG(42, 2026))
	token, err := committee.SetupToken(app)
	if err != nil {
		return err
	}
	coord, err := committee.CompleteSetup(app, token, committee.SetupInput{Committee: "Komitee Oberlausitz (Benchmark)",
		District: "Landkreis Bautzen", Name: "Clara Koordination", Email: coordEmail, Password: seedPassword, Language: "de"})
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	// A funder notice, as most committees must show one in the footer of every page.
	com, err := app.FindFirstRecordByFilter("committee", "")
	if err != nil {
		return err
	}
	com.Set("funder_notice", "<p>Gefördert im Rahmen des Landesprogramms <strong>Integrative Maßnahmen</strong> "+
		"des Freistaates Sachsen.</p>") // an editor field: HTML
	if err := app.Save(com); err != nil {
		return err
	}
	usersColl, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	// bcrypt once (the collection's cost), then the same hash for everyone.
	probe := core.NewRecord(usersColl)
	probe.SetPassword(seedPassword)
	hash := probe.GetString("password:hash")
	orgsColl, err := app.FindCollectionByNameOrId("organisations")
	if err != nil {
		return err
	}
	memColl, err := app.FindCollectionByNameOrId("memberships")
	if err != nil {
		return err
	}
	contactsColl, err := app.FindCollectionByNameOrId("contacts")
	if err != nil {
		return err
	}
	privacyVersion := committee.PrivacyVersion(app)

	return app.RunInTransaction(func(tx core.App) error {
		// People.
		users := make([]string, 0, size.Users-1)
		for i := 1; i < size.Users; i++ {
			u := core.NewRecord(usersColl)
			u.Set("name", firstNames[r.IntN(len(firstNames))]+" "+lastNames[r.IntN(len(lastNames))])
			u.SetEmail(fmt.Sprintf("person%04d@bench.example.org", i))
			u.SetRaw("password", &core.PasswordFieldValue{Hash: hash})
			u.SetVerified(r.IntN(100) < 95)
			u.Set("language", pick(r, []string{"de", "en", "ar"}, []int{70, 15, 15}))
			u.Set("languages", append([]string{"de"}, sample(r, langs, r.IntN(3))...))
			u.Set("email_visibility", pick(r, []string{"nobody", "members", "public"}, []int{60, 30, 10}))
			u.Set("phone_visibility", "nobody")
			u.Set("privacy_accepted", time.Now().UTC())
			u.Set("privacy_version", privacyVersion)
			if err := tx.Save(u); err != nil {
				return fmt.Errorf("user %d: %w", i, err)
			}
			users = append(users, u.Id)
		}
		next := 0
		nextUser := func() string { id := users[next]; next++; return id }

		// Each person's first active membership, in the order made: registrations and presenters.
		var active []personOrg
		membership := func(user, org, role, status string) error {
			if status == "active" && (len(active) == 0 || active[len(active)-1].User != user) {
				active = append(active, personOrg{user, org})
			}
			m := core.NewRecord(memColl)
			m.Set("user", user)
			m.Set("organisation", org)
			m.Set("role", role)
			m.Set("status", status)
			if status != "pending" {
				m.Set("decided_by", coord.Id)
				m.Set("decided_at", time.Now().UTC())
			}
			return tx.Save(m)
		}
		contact := func(org, kind, value, vis string) error {
			c := core.NewRecord(contactsColl)
			c.Set("organisation", org)
			c.Set("kind", kind)
			c.Set("value", value)
			c.Set("visibility", vis)
			return tx.Save(c)
		}

		// Organisations, each with its representative (and often a deputy) and contacts.
		names, slugs := map[string]bool{}, map[string]bool{}
		var listed []string
		for i := 0; i < size.Orgs; i++ {
			place := places[r.IntN(len(places))]
			name := ""
			for try := 0; name == "" || names[name]; try++ {
				if r.IntN(100) < 4 {
					name = foreignNames[r.IntN(len(foreignNames))] + " " + place
				} else {
					name = orgPrefixes[r.IntN(len(orgPrefixes))] + " " + orgThemes[r.IntN(len(orgThemes))] + " " + place
				}
				if try > 3 {
					name += fmt.Sprintf(" %d", try)
				}
				if r.IntN(3) == 0 && !strings.HasSuffix(name, "e.V.") {
					name += " e.V."
				}
			}
			names[name] = true
			slug := committee.Slugify(name)
			for n := 2; slugs[slug]; n++ {
				slug = fmt.Sprintf("%s-%d", committee.Slugify(name), n)
			}
			slugs[slug] = true

			status := pick(r, []string{"member", "partner", "applied"}, []int{76, 16, 8})
			kind := pick(r, kinds, kindWeights)
			orgAreas := sample(r, areas, 1+r.IntN(3))
			if r.IntN(100) < 50 {
				orgAreas = append(orgAreas, "education")
			}
			desc := make([]string, 0, 4)
			for _, p := range r.Perm(len(paragraphs))[:2+r.IntN(3)] {
				desc = append(desc, paragraphs[p])
			}
			applicant := nextUser()

			o := core.NewRecord(orgsColl)
			o.Set("name", name)
			o.Set("slug", slug)
			o.Set("kind", kind)
			o.Set("status", status)
			o.Set("description", strings.Join(desc, "\n\n"))
			o.Set("areas", orgAreas)
			o.Set("languages", append([]string{"de"}, sample(r, langs, 1+r.IntN(3))...))
			o.Set("communities", communities[r.IntN(len(communities))])
			o.Set("municipality", place)
			o.Set("applicant", applicant)
			if status != "applied" {
				o.Set("member_since", time.Now().UTC().AddDate(0, -r.IntN(60), 0))
			}
			if err := tx.Save(o); err != nil {
				return fmt.Errorf("organisation %q: %w", name, err)
			}
			if status != "applied" {
				listed = append(listed, o.Id)
				if err := membership(applicant, o.Id, "representative", "active"); err != nil {
					return err
				}
				if r.IntN(100) < 60 {
					if err := membership(nextUser(), o.Id, "deputy", "active"); err != nil {
						return err
					}
				}
			}
			for _, c := range []struct{ kind, value, vis string }{
				{"email", "kontakt@" + slug + ".example.org", "public"},
				{"phone", fmt.Sprintf("+49 3591 %06d", r.IntN(1000000)), pick(r, []string{"public", "members"}, []int{50, 50})},
				{"website", "https://" + slug + ".example.org", "public"},
				{"address", fmt.Sprintf("Hauptstraße %d, %s", 1+r.IntN(120), place), pick(r, []string{"public", "members", "nobody"}, []int{40, 30, 30})},
			} {
				if c.kind == "website" && r.IntN(100) >= 60 {
					continue
				}
				if err := contact(o.Id, c.kind, c.value, c.vis); err != nil {
					return err
				}
			}
		}

		// Everyone else: most belong to one listed organisation, some to two; some are pending,
		// a few ended or were declined; about one in ten belongs nowhere.
		for next < len(users) {
			u := nextUser()
			if r.IntN(100) < 10 {
				continue
			}
			first := listed[r.IntN(len(listed))]
			status := pick(r, []string{"active", "pending", "ended", "declined"}, []int{84, 10, 4, 2})
			if err := membership(u, first, "member", status); err != nil {
				return err
			}
			if r.IntN(100) < 15 {
				second := listed[r.IntN(len(listed))]
				if second != first {
					if err := membership(u, second, "member", pick(r, []string{"active", "pending"}, []int{80, 20})); err != nil {
						return err
					}
				}
			}
		}
		if err := generateMeetings(tx, r, size, time.Now(), listed, active); err != nil {
			return err
		}
		if err := generateTopics(tx, r, size, time.Now(), active, coord.Id); err != nil {
			return err
		}
		if err := generateNeeds(tx, r, size, time.Now(), listed, active); err != nil {
			return fmt.Errorf("needs: %w", err)
		}
		if err := generateActions(tx, r, size, time.Now(), listed, coord.Id); err != nil {
			return fmt.Errorf("actions: %w", err)
		}
		return generateStatements(tx, size, time.Now(), listed, coord.Id)
	})
}

// pageSession marks the key of a role's page session id in sessions ("member"+pageSession).
const pageSession = ":page"

// sessionsIn returns an /api/ auth token (the Authorization header) and a page session id (the
// cookie's value, under role+pageSession) for the signed-in rows: "member", an active member who is no coordinator, and
// "coordinator", the committee's coordinator.
func sessionsIn(dir string) (map[string]string, error) {
	app, err := openApp(dir)
	if err != nil {
		return nil, err
	}
	defer app.ResetBootstrapState()
	return sessionsOf(app)
}

func sessionsOf(app core.App) (map[string]string, error) {
	m, err := app.FindFirstRecordByFilter("users", "member = true && coordinator = false")
	if err != nil {
		return nil, fmt.Errorf("member: %w", err)
	}
	c, err := app.FindAuthRecordByEmail("users", coordEmail)
	if err != nil {
		return nil, fmt.Errorf("coordinator: %w", err)
	}
	out := map[string]string{}
	for role, u := range map[string]*core.Record{"member": m, "coordinator": c} {
		if out[role], err = u.NewAuthToken(); err != nil {
			return nil, err
		}
		// Pages take a server-side session's id instead (committee/sessions.go).
		if out[role+pageSession], err = committee.StartSession(app, committee.AsUser(u), "komitee-bench"); err != nil {
			return nil, err
		}
	}
	return out, nil
}
