package committee

import (
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// AttendanceRow is one line of the check-in list: a registration (ticked when present) or a
// walk-in.
type AttendanceRow struct {
	ID, RegistrationID, Name, Organisation, Group string
	People                                        int
	Present                                       bool
}

// CheckInList reads the registrations that count (confirmed yes or maybe) with whether they
// are present, and the walk-ins, as far as auth may see them (organisers: all).
func CheckInList(app core.App, auth *core.Record, m *Meeting) (registered, walkIns []AttendanceRow, err error) {
	rows, _, err := Registrations(app, auth, m)
	if err != nil {
		return nil, nil, err
	}
	present, err := All(app, auth, "attendance", Query{Filter: "meeting = {:m}", Params: dbx.Params{"m": m.Id}, Sort: "created"})
	if err != nil {
		return nil, nil, err
	}
	byReg := map[string]*core.Record{}
	var orgs []string
	for _, a := range present {
		byReg[a.GetString("registration")] = a
		orgs = append(orgs, a.GetString("organisation"))
	}
	orgNames := namesOf(app, "organisations", "name", orgs)
	for _, r := range rows {
		if r.Status != "confirmed" || r.Answer == "no" {
			continue
		}
		_, ok := byReg[r.ID]
		registered = append(registered, AttendanceRow{RegistrationID: r.ID, Name: r.Name, Organisation: r.Organisation,
			People: r.People, Present: ok})
	}
	for _, a := range present {
		if a.GetString("registration") != "" {
			continue
		}
		org := orgNames[a.GetString("organisation")]
		if org == "" {
			org = a.GetString("organisation_name")
		}
		walkIns = append(walkIns, AttendanceRow{ID: a.Id, Name: a.GetString("name"), Organisation: org,
			Group: a.GetString("group"), People: a.GetInt("people")})
	}
	return registered, walkIns, nil
}

// CheckIn sets who of the registered people is present: ticked registrations get an
// attendance row, unticked ones lose theirs. Walk-ins stay.
func CheckIn(app core.App, u *User, m *Meeting, present []string) error {
	if !CanOrganise(app, u, m) {
		return ErrForbidden
	}
	if m.Status() != "scheduled" && m.Status() != "held" {
		return Errors{"form": "meetings.error.status"}
	}
	coll, err := app.FindCachedCollectionByNameOrId("attendance")
	if err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		regs, err := tx.FindRecordsByFilter("registrations", "meeting = {:m} && status = 'confirmed' && answer != 'no'", "", 0, 0,
			dbx.Params{"m": m.Id})
		if err != nil {
			return err
		}
		for _, r := range regs {
			existing, _ := tx.FindFirstRecordByFilter("attendance", "registration = {:r}", dbx.Params{"r": r.Id})
			switch want := slices.Contains(present, r.Id); {
			case want && existing == nil:
				a := core.NewRecord(coll)
				a.Set("meeting", m.Id)
				a.Set("registration", r.Id)
				a.Set("user", r.GetString("user"))
				a.Set("name", registrantName(tx, r))
				a.Set("organisation", r.GetString("organisation"))
				a.Set("group", groupOfOrganisation(tx, r.GetString("organisation")))
				a.Set("people", max(1, r.GetInt("people")))
				if err := tx.Save(a); err != nil {
					return err
				}
			case !want && existing != nil:
				if err := tx.Delete(existing); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func registrantName(app core.App, r *core.Record) string {
	if uid := r.GetString("user"); uid != "" {
		if n := namesOf(app, "users", "name", []string{uid})[uid]; n != "" {
			return n
		}
	}
	return r.GetString("name")
}

// groupOfOrganisation is the report group of an organisation ("individual" for none).
func groupOfOrganisation(app core.App, orgID string) string {
	if orgID == "" {
		return "individual"
	}
	kind := namesOf(app, "organisations", "kind", []string{orgID})[orgID]
	return GroupOf(kind)
}

// WalkInInput is a person who came without registering.
type WalkInInput struct {
	Name, Organisation, OrganisationName, Group, People string
}

// AddWalkIn adds a person who came without registering, with an organisation from the
// directory, or another organisation's name and group.
func AddWalkIn(app core.App, u *User, m *Meeting, in WalkInInput) error {
	if !CanOrganise(app, u, m) {
		return ErrForbidden
	}
	errs := Errors{}
	errs.Required("name", in.Name, 200)
	errs.MaxLen("organisation_name", in.OrganisationName, 200)
	people := errs.Int("people", in.People, 1, 20)
	if in.Organisation != "" && !exists(app, "organisations", in.Organisation) {
		errs.Add("organisation", "error.choice")
	}
	group := in.Group
	switch {
	case in.Organisation != "":
		group = groupOfOrganisation(app, in.Organisation)
	case group == "":
		group = "individual"
	}
	errs.OneOf("group", group, AttendanceGroups)
	if errs.Any() {
		return errs
	}
	coll, err := app.FindCachedCollectionByNameOrId("attendance")
	if err != nil {
		return err
	}
	a := core.NewRecord(coll)
	a.Set("meeting", m.Id)
	a.Set("name", strings.TrimSpace(in.Name))
	a.Set("organisation", in.Organisation)
	a.Set("organisation_name", strings.TrimSpace(in.OrganisationName))
	a.Set("group", group)
	a.Set("people", max(1, people))
	if !CanCreate(app, u.Record, a, nil) {
		return Errors{"form": "meetings.error.status"}
	}
	return FromSaveError(app.Save(a))
}
