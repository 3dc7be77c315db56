// Package meetings holds the meeting pages: the list, a meeting with its date finding, agenda
// and registration, the organisers' pages (registrations, check-in, minutes), and the forms.
package meetings

import (
	"net/url"
	"strconv"

	"komitee/views"
)

// Row is one meeting in the list.
type Row struct {
	ID, Title, Kind, Status, When, Place string
	Public                               bool
}

// List is the meetings list: upcoming or past, filtered by kind.
type List struct {
	Rows                    []Row
	Past                    bool
	Kind                    string
	Page, TotalPages, Total int
	Kinds                   []views.Option
	CanCreate               bool
}

// Query is the list's URL on page n.
func (m List) Query(page int) string {
	v := url.Values{}
	if m.Past {
		v.Set("when", "past")
	}
	if m.Kind != "" {
		v.Set("kind", m.Kind)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/meetings"
	}
	return "/meetings?" + v.Encode()
}

// Form is the meeting form (new and edit).
type Form struct {
	Action, Title, Submit                                       string // Title and Submit are locale keys
	MeetingTitle, Kind, Visibility, Description                 string
	Date, Start, End                                            string
	PlaceName, PlaceAddress, PlaceRoom, PlaceAccess, OnlineLink string
	Capacity                                                    string
	Organisers                                                  []string
	Errors                                                      map[string]string
	Kinds, Visibilities, Organisations                          []views.Option
	DateHint                                                    bool // the date may stay empty (date finding)
}

// DateColumn is one candidate date of the date finding.
type DateColumn struct {
	ID, When       string
	Yes, Maybe, No int
	Best           bool
}

// PollRow is one person's answers in the date-finding table.
type PollRow struct {
	Name, Organisation string
	Answers            []string // per column; "" when not answered
}

// Poll is the date finding as one page shows it.
type Poll struct {
	Dates            []DateColumn
	Rows             []PollRow
	Mine             map[string]string
	MyOrg            string
	CanAnswer        bool
	CanFix           bool // organisers, during date finding
	CanPropose       bool // organisers, in draft or date finding
	Orgs             []views.Option
	Errors           map[string]string
	Date, Start, End string // the propose form, kept on errors
}

// Item is one agenda item.
type Item struct {
	ID, Title, Description, Start, Status, Presenter, SuggestedBy, DeclineReason string
	Duration                                                                     int
	First, Last                                                                  bool
}

// AgendaForm is the form of an agenda item (add, suggest or edit).
type AgendaForm struct {
	Action, Submit                                        string
	Title, Description, Duration, Presenter, PresenterOrg string
	Errors                                                map[string]string
	People, Organisations                                 []views.Option
}

// Show is a meeting's page.
type Show struct {
	ID, Title, Kind, Status, Visibility, When                   string
	PlaceName, PlaceAddress, PlaceRoom, PlaceAccess, OnlineLink string
	Description                                                 string // sanitised HTML
	Organisers                                                  []string
	Capacity, SeatsLeft                                         int
	Poll                                                        *Poll
	Items                                                       []Item
	Suggestions                                                 []Item
	CanOrganise, CanCoordinate, CanSuggest, CanEditAgenda       bool
	Agenda                                                      AgendaForm
	MyRegistration                                              string // answer and status, "" when none ("yes|confirmed")
	CanRegister, TakesGuests                                    bool
	MinutesReadable                                             bool
	Actions                                                     []string // status steps the organisers may take
	CanDelete                                                   bool     // a draft, for coordinators
}

// Register is the registration form.
type Register struct {
	MeetingID, MeetingTitle, When                        string
	Answer, Organisation, People, Interpreting, Children string
	AccessNeeds, Name, Email                             string
	Wheelchair, Guest, Existing                          bool
	SeatsLeft                                            int
	Errors                                               map[string]string
	Orgs, Languages                                      []views.Option
}

// Registration is one line of the organisers' list.
type Registration struct {
	Name, Email, Organisation, Answer, Status, Interpreting, AccessNeeds string
	People, Children                                                     int
	Wheelchair                                                           bool
}

// Count is a value with how often it occurs.
type Count struct {
	Label   string
	N, Orgs int
}

// Registrations is the organisers' view of the registrations with the sums.
type Registrations struct {
	MeetingID, MeetingTitle, When        string
	Rows                                 []Registration
	Yes, Maybe, No, Waiting, Unconfirmed int
	People, Children, Wheelchair, Needs  int
	Interpreting                         []Count
}

// Attendee is one line of the check-in list.
type Attendee struct {
	RegistrationID, Name, Organisation, Group string
	People                                    int
	Present                                   bool
}

// Attendance is the check-in list of a meeting with the counts.
type Attendance struct {
	MeetingID, MeetingTitle, When string
	Registered, WalkIns           []Attendee
	Groups                        []Count
	People, Organisations         int
	FirstTime                     []string
	Errors                        map[string]string
	Walk                          Attendee // the walk-in form, kept on errors
	WalkOrg, WalkOrgName          string
	Orgs, GroupOptions            []views.Option
}

// Decision is one decision of the minutes.
type Decision struct {
	ID, Text         string
	Actions          []Action // the action items that carry it out
	Counted          bool
	Yes, No, Abstain int
}

// Action is one action item of the minutes.
type Action struct {
	ID, Title, Organisation, Person, Due, Status string
}

// MinutesItem is an agenda item with its notes, decisions and action items.
type MinutesItem struct {
	ID, Title, Notes, NotesSource string // Notes is sanitised HTML; NotesSource the Markdown
	Decisions                     []Decision
	Actions                       []Action
}

// Minutes is the minutes page (reading and printing) and the organisers' editing page.
type Minutes struct {
	MeetingID, MeetingTitle, When, Place, Status, Audience string
	Items                                                  []MinutesItem
	Fazit, FazitSource                                     string
	General                                                MinutesItem // decisions and actions without an item
	CanEdit, CanApprove, CanPublish                        bool
	Errors                                                 map[string]string
	Form                                                   map[string]string // the decision or action form, kept on errors
	Orgs, People, ItemOptions, Audiences                   []views.Option
	DecisionOptions                                        []views.Option // for linking an action item to a decision
}

// pollNames are the people who answered a in the poll's column col.
func pollNames(rows []PollRow, col int, a string) []PollRow {
	var out []PollRow
	for _, r := range rows {
		if col >= 0 && col < len(r.Answers) && r.Answers[col] == a {
			out = append(out, r)
		}
	}
	return out
}
