package committee

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// Bind registers the hooks that keep derived fields right, whatever writes the records
// (pages, /api/ or the dashboard), inside the writing transaction:
//   - users.member: has an active membership in a listed organisation;
//   - organisations.managers: its active representatives and deputies.
//
// It also guards the REST API against what only workflows may do.
func Bind(app core.App) {
	for _, h := range []*hook.TaggedHook[*core.RecordEvent]{app.OnRecordAfterCreateSuccess("committee"),
		app.OnRecordAfterUpdateSuccess("committee"), app.OnRecordAfterDeleteSuccess("committee")} {
		h.BindFunc(forgetOnSuccess)
	}

	app.OnRecordCreateExecute("memberships").BindFunc(keptInTx(nil, membershipChanged))
	app.OnRecordUpdateExecute("memberships").BindFunc(keptInTx(nil, membershipChanged))
	app.OnRecordDeleteExecute("memberships").BindFunc(keptInTx(nil, membershipChanged))
	app.OnRecordUpdateExecute("organisations").BindFunc(keptInTx(nil, organisationChanged))
	app.OnRecordCreateExecute("meetings").BindFunc(keptInTx(nil, meetingChanged))
	app.OnRecordUpdateExecute("meetings").BindFunc(keptInTx(nil, meetingChanged))
	bindTopics(app)
	bindNeeds(app)
	bindExpandGuard(app)
	bindStatements(app)
	bindAPIFilterGuard(app)
	app.OnRecordUpdateExecute("users").BindFunc(keptInTx(nil, userChanged))
	bindSessions(app)
	bindQuietEmailChange(app)
	for _, h := range []*hook.TaggedHook[*core.RecordEvent]{app.OnRecordAfterCreateSuccess("organisations"),
		app.OnRecordAfterUpdateSuccess("organisations"), app.OnRecordAfterDeleteSuccess("organisations")} {
		h.BindFunc(func(e *core.RecordEvent) error {
			e.App.Store().Remove(municipalitiesKey)
			e.App.Store().Remove(listedKey)
			return e.Next()
		})
	}

	// The last representative cannot vanish through /api/ either.
	app.OnRecordDeleteRequest("users").BindFunc(func(e *core.RecordRequestEvent) error {
		if sole, err := SoleRepresentations(e.App, e.Record.Id); err == nil && len(sole) > 0 && !e.HasSuperuserAuth() {
			return e.BadRequestError("You are the only representative of an organisation; name another first.", nil)
		}
		return e.Next()
	})
	app.OnRecordDeleteRequest("memberships").BindFunc(func(e *core.RecordRequestEvent) error {
		if soleRepresentative(e.App, &Membership{e.Record}) && !e.HasSuperuserAuth() {
			return e.BadRequestError("You are the only representative of this organisation; name another first.", nil)
		}
		return e.Next()
	})
	bindInvitations(app)
	bindActions(app)
	bindMailLog(app)
}

func forgetOnSuccess(e *core.RecordEvent) error {
	forgetCommittee(e.App)
	return e.Next()
}

func membershipChanged(tx core.App, m *core.Record) error {
	if err := syncManagers(tx, m.GetString("organisation")); err != nil {
		return err
	}
	return syncMember(tx, dbx.HashExp{"id": m.GetString("user")})
}

func organisationChanged(tx core.App, org *core.Record) error {
	// managers is derived: a save with a stale copy (e.g. from the dashboard) must not stick.
	if err := syncManagers(tx, org.Id); err != nil {
		return err
	}
	// One UPDATE: cheaper than being sure the status did not change (Original() is not reset
	// after a save, so comparing against it can miss a change).
	return syncMember(tx, dbx.NewExp("id IN (SELECT user FROM memberships WHERE organisation = {:o})",
		dbx.Params{"o": org.Id}))
}

// userChanged keeps what is derived from an account right after any save of it (the profile
// form, the dashboard, PocketBase's e-mail change): users.member, and the e-mail contact row,
// which mirrors the account's address.
func userChanged(tx core.App, u *core.Record) error {
	if err := syncMember(tx, dbx.HashExp{"id": u.Id}); err != nil {
		return err
	}
	_, err := tx.DB().Update("contacts", dbx.Params{"value": u.Email()},
		dbx.HashExp{"user": u.Id, "kind": "email"}).Execute()
	return err
}

// syncManagers sets organisations.managers from the active representatives and deputies, and
// the managers of the meetings the organisation organises.
func syncManagers(app core.App, orgID string) error {
	_, err := app.DB().NewQuery(`UPDATE organisations SET managers = (
		SELECT COALESCE(json_group_array(m.user), '[]') FROM memberships m
		WHERE m.organisation = {:o} AND m.status = 'active' AND m.role IN ('representative','deputy'))
		WHERE id = {:o}`).Bind(dbx.Params{"o": orgID}).Execute()
	if err != nil {
		return err
	}
	return syncMeetingManagers(app, dbx.NewExp("organisers LIKE {:p}", dbx.Params{"p": `%"` + orgID + `"%`}))
}

// meetingChanged keeps meetings.managers (the managers of its organising organisations) right
// after any save of a meeting.
func meetingChanged(tx core.App, m *core.Record) error {
	return syncMeetingManagers(tx, dbx.HashExp{"id": m.Id})
}

// syncMeetingManagers sets meetings.managers for the meetings that match where.
func syncMeetingManagers(app core.App, where dbx.Expression) error {
	_, err := app.DB().Update("meetings", dbx.Params{"managers": dbx.NewExp(`(
		SELECT COALESCE(json_group_array(DISTINCT j.value), '[]') FROM organisations o, json_each(o.managers) j
		WHERE o.id IN (SELECT value FROM json_each(meetings.organisers)))`)}, where).Execute()
	return err
}

// syncMember sets users.member for the users that match where.
func syncMember(app core.App, where dbx.Expression) error {
	_, err := app.DB().Update("users", dbx.Params{"member": dbx.NewExp(`EXISTS (
		SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation
		WHERE m.user = users.id AND m.status = 'active' AND o.status IN ('member','partner'))`)}, where).Execute()
	return err
}
