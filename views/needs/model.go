// Package needs renders the needs and offers board: the list, an entry with its suggestions and
// responses, the entry form, an organisation's own entries and the coordinators' overview.
package needs

import (
	"net/url"
	"strconv"

	"komitee/views"
)

// Filters are the board's filters, kept in the URL.
type Filters struct {
	Kind, Category, Municipality, Language, Status string
}

// Query is the URL of the board with these filters on page n.
func (f Filters) Query(page int) string {
	v := url.Values{}
	for k, s := range map[string]string{"kind": f.Kind, "category": f.Category, "municipality": f.Municipality,
		"language": f.Language, "status": f.Status} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/needs"
	}
	return "/needs?" + v.Encode()
}

// Row is one entry on the board (and on /needs/mine).
type Row struct {
	ID, Kind, Title, Category, Status, Municipality, Organisation, WhenText string
	Languages                                                               []string // already named in the reader's language
	ValidUntil                                                              string
	Public                                                                  bool
	Responses                                                               int
}

// List is /needs.
type List struct {
	Filters                                        Filters
	Rows                                           []Row
	Page, TotalPages, Total                        int
	Kinds, Categories, Places, Languages, Statuses []views.Option
	CanPost, SignedIn, OOB                         bool
}

// Form is the entry form (new and edit).
type Form struct {
	Action, Title, Submit                                    string // Title and Submit are locale keys
	Kind, NeedTitle, Description, Category, Organisation     string
	Contact, Municipality, WhenText, WhenDate, ValidUntil    string
	Languages                                                []string
	Public, New                                              bool
	Errors                                                   map[string]string
	Kinds, Categories, Orgs, People, Places, LanguageOptions []views.Option
}

// Suggestion is one ranked entry of the other side with its one-line explanation.
type Suggestion struct {
	ID, Title, Why string
}

// Response is one response on an entry's page.
type Response struct {
	ID, Organisation, Message, Status, When string
	CanAccept, CanDecline, CanWithdraw      bool
}

// Contact is one side's contact person, shown only when the rule lets the reader see it.
type Contact struct {
	Organisation, Name, Email, Phone string
}

// Show is an entry's page.
type Show struct {
	ID, Kind, Title, Category, Status, Municipality, Organisation, OrganisationSlug string
	Description                                                                     string // sanitised HTML
	Languages                                                                       []string
	WhenText, WhenDate, ValidUntil, Outcome                                         string
	Public                                                                          bool
	Suggestions                                                                     []Suggestion
	Responses                                                                       []Response
	Contacts                                                                        []Contact
	CanEdit                                                                         bool
	Steps                                                                           []string
	RespondFor                                                                      []views.Option
	// The problems of one form after bad input ("respond", "done", "response-ID"), and its input.
	ErrorFor string
	Errors   map[string]string
	Kept     map[string]string
}

// MineResponse is a response on /needs/mine.
type MineResponse struct {
	ID, Need, NeedTitle, Organisation, Status, When string
}

// Mine is /needs/mine.
type Mine struct {
	Entries   []Row
	Sent, Got []MineResponse
	Waiting   int
	CanPost   bool
}

// Group is one line of the coordinators' overview.
type Group struct {
	Category, Municipality   string
	Open, Unanswered, Oldest int
}

// Waiting is an open need on the coordinators' overview.
type Waiting struct {
	ID, Title, Category, Municipality, Organisation, Since, Date string
	Days                                                         int
}

// Coordination is /coordination/needs.
type Coordination struct {
	From, To, CSV string
	Errors        map[string]string
	Groups        []Group
	Waiting       []Waiting
	Matched       []Waiting
}
