package testkit

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// The texts of the action fixtures that the permission tests look for.
const (
	PublicActionTitle  = "PUBLIC-ACTION"
	MembersActionTitle = "MEMBERS-ACTION"
	DraftActionTitle   = "DRAFT-ACTION"
	PublicActionNote   = "PUBLIC-PROGRESS"
	// The fixed ids of the action fixtures (the permission matrix names them in URLs).
	PublicActionID  = "publicaction001"
	MembersActionID = "membersaction01"
	DraftActionID   = "draftaction0001"
)

// Actions are the action fixtures (Actions adds them).
type Actions struct {
	// Public is Listed's public action (direct, no meeting) with one update by Rep; Members a
	// direct action of Listed for members; Draft an action of the held meeting's draft minutes
	// for Pending.
	Public, Members, Draft *core.Record
}

// Actions adds actions in the states that decide who sees and changes them.
func (k *Kit) Actions(t testing.TB) Actions {
	t.Helper()
	due := time.Now().Add(10 * 24 * time.Hour).UTC().Truncate(time.Hour)
	var a Actions
	a.Public = k.Record(t, "actions", map[string]any{"id": PublicActionID, "title": PublicActionTitle, "organisation": k.Listed.Id,
		"status": "open", "public": true, "due": due, "created_by": k.Coordinator.Id, "direct": true})
	k.Record(t, "action_updates", map[string]any{"action": a.Public.Id, "author": k.Rep.Id, "status": "in_progress", "note": PublicActionNote})
	a.Members = k.Record(t, "actions", map[string]any{"id": MembersActionID, "title": MembersActionTitle, "organisation": k.Listed.Id,
		"status": "open", "due": due, "created_by": k.Coordinator.Id, "direct": true})
	a.Draft = k.Record(t, "actions", map[string]any{"id": DraftActionID, "title": DraftActionTitle, "meeting": k.HeldMeeting.Id,
		"organisation": k.Pending.Id, "status": "open"})
	for _, p := range []**core.Record{&a.Public, &a.Members, &a.Draft} {
		r, err := k.App.FindRecordById("actions", (*p).Id)
		must(t, err)
		*p = r
	}
	return a
}

// The texts and ids of the review fixtures (MinutesActions adds them).
const (
	MinutesActionTitle = "MINUTES-ACTION"
	MinutesActionNote  = "MINUTES-PRIVATE-NOTE"
	MinutesActionID    = "minutesaction01"
	MinutesUpdateID    = "minutesupdate01"
	OtherActionTitle   = "OTHER-ORG-ACTION"
	OtherActionID      = "otherorgaction1"
	ForgedAuthorID     = "forgedauthor001"
)

// MinutesActions adds an action of the public minutes of PublishedMeeting for Listed, not made
// public, with Rep's progress note (members and those involved read it, not the public); a
// public action of Pending (another organisation than Rep's and Deputy's); and a person with a
// fixed id, whom no one may name as the author of their update.
func (k *Kit) MinutesActions(t testing.TB) {
	t.Helper()
	k.Record(t, "actions", map[string]any{"id": MinutesActionID, "title": MinutesActionTitle, "meeting": k.PublishedMeeting.Id,
		"organisation": k.Listed.Id, "status": "open"})
	k.Record(t, "action_updates", map[string]any{"id": MinutesUpdateID, "action": MinutesActionID, "author": k.Rep.Id,
		"status": "blocked", "note": MinutesActionNote})
	k.Record(t, "actions", map[string]any{"id": OtherActionID, "title": OtherActionTitle, "organisation": k.Pending.Id,
		"status": "open", "public": true, "direct": true, "created_by": k.Coordinator.Id})
	k.Record(t, "users", map[string]any{"id": ForgedAuthorID, "email": "forged@example.org", "password": "forged-password-1",
		"name": "Fremde Person", "verified": true})
}
