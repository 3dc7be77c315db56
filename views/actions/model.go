// Package actions holds the responsibilities pages: the list of action items (grouped by status
// for the public), an action's page with its timeline and the forms to report progress and make
// it public, the coordinators' form for a new action, and the home page's summary line.
package actions

import (
	"net/url"
	"strconv"

	"komitee/views"
)

// Filters is the list's filter form, kept in the URL.
type Filters struct {
	Organisation, Status, Meeting, Topic string
	Overdue                              bool
}

// Query is the URL of the list with these filters on page n.
func (f Filters) Query(page int) string {
	v := url.Values{}
	for k, s := range map[string]string{"organisation": f.Organisation, "status": f.Status, "meeting": f.Meeting, "topic": f.Topic} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.Overdue {
		v.Set("overdue", "1")
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/actions"
	}
	return "/actions?" + v.Encode()
}

// WithStatus is the list's URL with only status changed.
func (f Filters) WithStatus(status string) string {
	f.Status = status
	return f.Query(1)
}

// Row is one action in the list.
type Row struct {
	ID, Title, Status, Organisation string
	Due                             string // formatted; "" when none
	Overdue, Public                 bool
	Note                            string // the latest progress note
}

// Group is the actions of one status (the public list).
type Group struct {
	Status string
	Rows   []Row
	Total  int
}

// List is /actions.
type List struct {
	Filters                          Filters
	Rows                             []Row
	Page, TotalPages, Total          int
	Grouped                          bool // the public's list: by status, with the latest note
	Groups                           []Group
	Orgs, Statuses, Meetings, Topics []views.Option
	CanCreate                        bool
}

// Update is one step of the timeline.
type Update struct {
	Status, Note, Author, When string
}

// Show is an action's page.
type Show struct {
	ID, Title, Status, Organisation, OrganisationSlug, Person string
	Due                                                       string
	Overdue, Public                                           bool
	MeetingID, MeetingTitle                                   string
	Decision                                                  string
	TopicID, TopicTitle                                       string
	Timeline                                                  []Update
	// ShowTimeline: the reader may read the action's updates (not all who may see the action:
	// one of public minutes not made public shows no progress to the public).
	ShowTimeline          bool
	CanUpdate, CanPublish bool
	Statuses              []views.Option
	// The update form: its problems and its input.
	Errors                 map[string]string
	StatusValue, NoteValue string
}

// Form is the coordinators' form for a new action.
type Form struct {
	Title, Organisation, Person, Due, Topic, Decision string
	Errors                                            map[string]string
	Orgs, People, Topics, Decisions                   []views.Option
}

// Summary is the home page's line.
type Summary struct {
	Agreed, Done, InProgress int
}

// labels name the fields in the problem summaries.
var labels = map[string]string{"title": "field.action_title", "organisation": "field.organisation", "person": "field.person",
	"due": "field.due", "topic": "actions.field.topic", "decision": "actions.field.decision", "status": "field.status",
	"note": "actions.update.note"}
