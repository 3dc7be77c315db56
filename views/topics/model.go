// Package topics holds the topic pages: the list with its filters, a topic with its supports,
// history and comments, and the form to propose or edit one.
package topics

import (
	"net/url"
	"strconv"

	"github.com/a-h/templ"

	"komitee/views"
)

// Filters is the list's filter form, kept in the URL.
type Filters struct {
	Status, Area, Kind, Sort string
}

// Query is the URL of the list with these filters on page n.
func (f Filters) Query(page int) string {
	v := url.Values{}
	for k, s := range map[string]string{"status": f.Status, "area": f.Area, "kind": f.Kind} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.Sort != "" && f.Sort != "newest" {
		v.Set("sort", f.Sort)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/topics"
	}
	return "/topics?" + v.Encode()
}

// Row is one topic in the list.
type Row struct {
	ID, Title, Kind, Status string
	Areas                   []string
	Supports, Comments      int
	Rank                    int // in the latest closed round; 0: none
}

// List is /topics.
type List struct {
	Filters                       Filters
	Rows                          []Row
	Page, TotalPages, Total       int
	Statuses, Areas, Kinds, Sorts []views.Option
	CanPropose                    bool
}

// Form is the topic form (propose and edit).
type Form struct {
	Action, Title, Submit                       string // Title and Submit are locale keys
	TopicTitle, Kind, Description, Organisation string
	Areas                                       []string
	Errors                                      map[string]string
	Kinds, AreaOptions, Orgs                    []views.Option
	ShowFor                                     bool // the "for" choice: only when proposing
}

// Comment is one comment on the topic page, with its replies.
type Comment struct {
	ID, Author, When, Body, HiddenReason string
	Hidden, CanEdit                      bool
	Replies                              []Comment
}

// Action is an action item of the topic, with its status.
type Action struct {
	ID, Title, Status string
}

// Round is a prioritisation round the topic was in.
type Round struct {
	ID, Title  string
	Rank, Dots int
	Closed     bool
	Visible    bool // the reader may see the totals
}

// Show is a topic's page.
type Show struct {
	ID, Title, Kind, Status, Visibility, DeclineReason string
	Areas                                              []string
	Proposer, Organisation                             string
	Description                                        string // sanitised HTML
	Supports                                           int
	Supported                                          bool
	CanSupport, CanEdit, CanCoordinate                 bool
	CanComment, CanReport, CanHide                     bool
	Rounds                                             []Round
	MeetingID, MeetingTitle, AgendaItem                string
	Decisions                                          []string
	Actions                                            []Action
	Comments                                           []Comment
	// The form that went wrong ("status", "comment", "reply-<id>", "edit-<id>", "report-<id>",
	// "hide-<id>"), its problems and its input.
	ErrorFor string
	Errors   map[string]string
	Kept     map[string]string
	// The coordinators' form.
	StatusValue, VisibilityValue, Reason string
	Statuses, Visibilities               []views.Option
}

// Err is the problem of a field of the form named form ("" when that form is fine).
func (m Show) Err(form, name string) string {
	if m.ErrorFor != form {
		return ""
	}
	return m.Errors[name]
}

// Value is the kept input of a field of the form named form, or def.
func (m Show) Value(form, name, def string) string {
	if m.ErrorFor != form {
		return def
	}
	return m.Kept[name]
}

// Discussion is the comments section of a page (a topic's or a statement's): the comments, what
// the reader may do, where the forms post, and the comment form that went wrong.
type Discussion struct {
	Comments                       []Comment
	CanComment, CanReport, CanHide bool
	Post                           string // a new comment or a reply
	StepBase                       string // a comment's edit, report and hide: StepBase + id + "/edit"
	Class                          string // the section's extra class
	ErrorFor                       string
	Errors, Kept                   map[string]string
}

// Err is the problem of a field of the form named form ("" when that form is fine).
func (d Discussion) Err(form, name string) string {
	return Show{ErrorFor: d.ErrorFor, Errors: d.Errors}.Err(form, name)
}

// Value is the kept input of a field of the form named form, or def.
func (d Discussion) Value(form, name, def string) string {
	return Show{ErrorFor: d.ErrorFor, Kept: d.Kept}.Value(form, name, def)
}

// Discussion is the topic's comments section.
func (m Show) Discussion() Discussion {
	return Discussion{Comments: m.Comments, CanComment: m.CanComment, CanReport: m.CanReport, CanHide: m.CanHide,
		Post: "/topics/" + m.ID + "/comments", StepBase: "/comments/", ErrorFor: m.ErrorFor, Errors: m.Errors, Kept: m.Kept}
}

// invalid marks a control with a problem.
func invalid(on bool) templ.Attributes {
	if on {
		return templ.Attributes{"aria-invalid": "true"}
	}
	return templ.Attributes{}
}
