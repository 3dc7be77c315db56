package committee

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Membership ties a person to an organisation with a role.
type Membership struct{ *core.Record }

func (m *Membership) UserID() string         { return m.GetString("user") }
func (m *Membership) OrganisationID() string { return m.GetString("organisation") }
func (m *Membership) Role() string           { return m.GetString("role") }
func (m *Membership) Status() string         { return m.GetString("status") }
func (m *Membership) Message() string        { return m.GetString("message") }

// Person is a membership with its person's name and the contacts the reader may see.
type Person struct {
	Membership *Membership
	User       *User
	Contacts   []*core.Record
}

// rejoinWait is how long a declined person waits before asking the same organisation again.
const rejoinWait = 7 * 24 * time.Hour

// RequestJoin asks to join a listed organisation; its representatives and deputies decide.
func RequestJoin(app core.App, u *User, o *Organisation, message string) error {
	if u == nil {
		return ErrForbidden
	}
	if !u.Verified() {
		return Errors{"form": "error.verify_first"}
	}
	errs := Errors{}
	errs.MaxLen("message", message, 1000)
	if errs.Any() {
		return errs
	}
	if !o.Listed() {
		return ErrNotFound
	}
	// Check and write in one transaction: two clicks make one request.
	err := app.RunInTransaction(func(tx core.App) error {
		m, err := membershipRecord(tx, u.Id, o.Id)
		if err != nil {
			return err
		}
		if !m.IsNew() {
			switch {
			case !mayAskAgain(m):
				return Errors{"form": "memberships.error.exists"}
			case time.Since(m.GetDateTime("decided_at").Time()) < rejoinWait:
				// Every request mails the managers: a declined person waits before asking again.
				return Errors{"form": "memberships.error.recent"}
			}
		}
		m.Set("role", "member")
		m.Set("status", "pending")
		m.Set("message", strings.TrimSpace(message))
		m.Set("decided_by", "")
		m.Set("decided_at", "")
		return tx.Save(m.Record)
	})
	if err != nil {
		return err
	}
	managers, _ := app.FindRecordsByIds("users", o.GetStringSlice("managers"))
	for _, r := range managers {
		_ = SendTo(app, &User{r}, Letter{Subject: "mail.join.subject", Body: "mail.join.body",
			Data: map[string]any{"Person": u.Name(), "Organisation": o.Name()}, Action: "mail.join.action",
			Link: URL(app, "/organisations/"+o.Slug()+"/people"), About: "organisations/" + o.Id})
	}
	return nil
}

// mayAskAgain: one membership per person and organisation; a new request replaces a declined
// or ended one (m nil: none yet).
func mayAskAgain(m *Membership) bool {
	return m == nil || m.Status() == "declined" || m.Status() == "ended"
}

func findMembership(app core.App, userID, orgID string) (*Membership, error) {
	rec, err := app.FindFirstRecordByFilter("memberships", "user = {:u} && organisation = {:o}",
		dbx.Params{"u": userID, "o": orgID})
	if err != nil {
		return nil, err
	}
	return &Membership{rec}, nil
}

// MyMembership returns the person's membership in an organisation, if any.
func MyMembership(app core.App, userID, orgID string) *Membership {
	m, err := findMembership(app, userID, orgID)
	if err != nil {
		return nil
	}
	return m
}

// upsertMembership makes a person an active member with a role (used on approval).
func upsertMembership(app core.App, userID, orgID, role, by string) error {
	m, err := membershipRecord(app, userID, orgID)
	if err != nil {
		return err
	}
	m.Set("role", role)
	m.Set("status", "active")
	m.Set("decided_by", by)
	m.Set("decided_at", time.Now().UTC())
	return app.Save(m.Record)
}

// membershipRecord returns a person's membership in an organisation, or a new unsaved one.
func membershipRecord(app core.App, userID, orgID string) (*Membership, error) {
	if m, err := findMembership(app, userID, orgID); err == nil {
		return m, nil
	}
	coll, err := app.FindCollectionByNameOrId("memberships")
	if err != nil {
		return nil, err
	}
	m := &Membership{core.NewRecord(coll)}
	m.Set("user", userID)
	m.Set("organisation", orgID)
	return m, nil
}

// People lists the memberships of an organisation that auth may see, with names. The names are
// read directly: whoever may see a membership may see who it is (a manager sees who asks to
// join, though the users rule alone would not show a person who is not yet a member).
func People(app core.App, auth *core.Record, orgID string) ([]Person, error) {
	recs, err := All(app, auth, "memberships", Query{Filter: "organisation = {:o}",
		Params: dbx.Params{"o": orgID}, Sort: "status,role,created"})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.GetString("user")
	}
	users, err := app.FindRecordsByIds("users", ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*core.Record, len(users))
	for _, u := range users {
		byID[u.Id] = u
	}
	contacts, err := peopleContacts(app, auth, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Person, 0, len(recs))
	for _, r := range recs {
		if u := byID[r.GetString("user")]; u != nil {
			out = append(out, Person{Membership: &Membership{r}, User: &User{u}, Contacts: contacts[u.Id]})
		}
	}
	return out, nil
}

// peopleContacts returns the contact rows of these people that auth may see, by person.
func peopleContacts(app core.App, auth *core.Record, userIDs []string) (map[string][]*core.Record, error) {
	out := map[string][]*core.Record{}
	if auth == nil || len(userIDs) == 0 {
		return out, nil
	}
	params := dbx.Params{}
	ors := make([]string, len(userIDs))
	for i, id := range userIDs {
		key := "u" + strconv.Itoa(i)
		params[key] = id
		ors[i] = "user = {:" + key + "}"
	}
	recs, err := All(app, auth, "contacts", Query{Filter: "(" + strings.Join(ors, " || ") + ")", Params: params, Sort: "kind"})
	for _, r := range recs {
		out[r.GetString("user")] = append(out[r.GetString("user")], r)
	}
	return out, err
}

// membershipFor loads a membership and its organisation and checks that by may manage it.
func membershipFor(app core.App, by *User, id string) (*Membership, *Organisation, error) {
	if by == nil {
		return nil, nil, ErrForbidden
	}
	rec, err := app.FindRecordById("memberships", id)
	if err != nil {
		return nil, nil, ErrNotFound
	}
	orgRec, err := app.FindRecordById("organisations", rec.GetString("organisation"))
	if err != nil {
		return nil, nil, ErrNotFound
	}
	o := &Organisation{orgRec}
	if !CanManage(app, by.Record, o) {
		return nil, nil, ErrForbidden
	}
	return &Membership{rec}, o, nil
}

// DecideMembership approves or declines a join request and tells the person.
func DecideMembership(app core.App, by *User, id string, approve bool) error {
	m, o, err := membershipFor(app, by, id)
	if err != nil {
		return err
	}
	status, subject, body := "declined", "mail.join_declined.subject", "mail.join_declined.body"
	if approve {
		status, subject, body = "active", "mail.join_approved.subject", "mail.join_approved.body"
	}
	// Read the status again inside the transaction: two managers deciding at once decide once.
	err = app.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById("memberships", m.Id)
		if err != nil {
			return ErrNotFound
		}
		if fresh.GetString("status") != "pending" {
			return Errors{"form": "coordination.error.decided"}
		}
		fresh.Set("status", status)
		fresh.Set("decided_by", by.Id)
		fresh.Set("decided_at", time.Now().UTC())
		return tx.Save(fresh)
	})
	if err != nil {
		return err
	}
	if u, err := app.FindRecordById("users", m.UserID()); err == nil {
		_ = SendTo(app, &User{u}, Letter{Subject: subject, Body: body,
			Data: map[string]any{"Organisation": o.Name()}, Link: URL(app, "/organisations/"+o.Slug()),
			Action: "mail.open", About: "memberships/" + m.Id})
	}
	return nil
}

// SetRole changes the role of an active member. Only representatives and coordinators give
// or take the representative role, and the last representative stays one.
func SetRole(app core.App, by *User, id, role string) error {
	m, o, err := membershipFor(app, by, id)
	if err != nil {
		return err
	}
	if !slices.Contains(MembershipRoles, role) {
		return Errors{"role": "error.choice"}
	}
	if m.Status() != "active" {
		return Errors{"form": "error.choice"}
	}
	if (role == "representative" || m.Role() == "representative") && !representsOrCoordinates(app, by, o) {
		return Errors{"form": "people.error.representatives_only"}
	}
	return app.RunInTransaction(func(tx core.App) error {
		if role != "representative" && soleRepresentative(tx, m) {
			return ErrSoleRepresentative
		}
		m.Set("role", role)
		return tx.Save(m.Record)
	})
}

// EndMembership removes a person from an organisation: its managers remove someone (only
// representatives and coordinators remove a representative), or the person leaves.
func EndMembership(app core.App, by *User, id string) error {
	rec, err := app.FindRecordById("memberships", id)
	if err != nil {
		return ErrNotFound
	}
	m := &Membership{rec}
	if by == nil || m.UserID() != by.Id {
		_, o, err := membershipFor(app, by, id)
		if err != nil {
			return err
		}
		if m.Role() == "representative" && !representsOrCoordinates(app, by, o) {
			return Errors{"form": "people.error.representatives_only"}
		}
	}
	return app.RunInTransaction(func(tx core.App) error {
		if soleRepresentative(tx, m) {
			return ErrSoleRepresentative
		}
		return tx.Delete(m.Record)
	})
}

// representsOrCoordinates reports whether by is a coordinator or an active representative of o.
func representsOrCoordinates(app core.App, by *User, o *Organisation) bool {
	if by.Coordinator() {
		return true
	}
	mine, err := findMembership(app, by.Id, o.Id)
	return err == nil && mine.Role() == "representative" && mine.Status() == "active"
}

// soleRepresentative reports whether m is the organisation's only active representative.
func soleRepresentative(app core.App, m *Membership) bool {
	if m.Role() != "representative" || m.Status() != "active" {
		return false
	}
	n, err := app.CountRecords("memberships", dbx.HashExp{"organisation": m.OrganisationID(),
		"role": "representative", "status": "active"})
	return err == nil && n <= 1
}

// MembershipsOf lists a person's memberships with their organisations.
func MembershipsOf(app core.App, userID string) ([]*Membership, map[string]*Organisation, error) {
	recs, err := app.FindRecordsByFilter("memberships", "user = {:u}", "-created", 0, 0, dbx.Params{"u": userID})
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, len(recs))
	ms := make([]*Membership, len(recs))
	for i, r := range recs {
		ids[i] = r.GetString("organisation")
		ms[i] = &Membership{r}
	}
	orgs, err := app.FindRecordsByIds("organisations", ids)
	byID := map[string]*Organisation{}
	for _, o := range orgs {
		byID[o.Id] = &Organisation{o}
	}
	return ms, byID, err
}
