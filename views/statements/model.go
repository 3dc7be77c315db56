// Package statements holds the statement pages: the list, a statement (its text in the
// reader's language, signing, signatories, versions, comments), the form of a language
// version, the word diff between two versions and two languages side by side.
package statements

import (
	"context"
	"net/url"
	"strconv"

	"komitee/views"
	"komitee/views/topics"
)

// Filters is the list's filter form, kept in the URL.
type Filters struct{ Status string }

// Query is the URL of the list with these filters on page n.
func (f Filters) Query(page int) string {
	v := url.Values{}
	if f.Status != "" {
		v.Set("status", f.Status)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/statements"
	}
	return "/statements?" + v.Encode()
}

// Row is one statement in the list.
type Row struct {
	Slug, Title, Summary, Status, Date string
	Signed                             int
	Withdrawn                          bool
}

// List is /statements.
type List struct {
	Filters                 Filters
	Statuses                []views.Option // empty for the public (they see published ones only)
	Rows                    []Row
	Page, TotalPages, Total int
	CanDraft                bool
}

// Text is one language version as the page shows it.
type Text struct {
	ID, Language, Title, Summary, Author, Date string
	Body                                       string // sanitised HTML
	Original, Reviewed                         bool
	Number                                     int
}

// Signatory is an organisation's answer.
type Signatory struct {
	ID, Name, Slug, Kind, Logo, Comment, Decision, Date, WithdrawnDate string
	Round                                                              int
	Withdrawn, Current, CanWithdraw                                    bool
}

// Comment is one comment with its replies: the topics' comments, reused.
type Comment = topics.Comment

// Link is a named link (topics, meetings, attachments).
type Link struct{ Text, Href string }

// Show is a statement's page.
type Show struct {
	Slug, Status, Date, Deadline, URL, Image string
	Locale                                   string // og:locale of the text (language_TERRITORY)
	Text                                     Text
	Fallback                                 bool   // the reader's language is missing: this is the original
	Others                                   []Text // the other current languages
	Versions                                 []Text // all saved versions, newest first (members)
	DiffFrom                                 string // the version the diff starts from: the newest one's predecessor
	Round, Signed, Eligible                  int
	SigningOpen, Withdrawn                   bool
	WithdrawnReason                          string
	MSOs, Partners                           []Signatory
	History                                  []Signatory // every answer (members)
	Attachments, Topics, Meetings            []Link
	Comments                                 []Comment
	// What the reader may do.
	CanEdit, CanComment, CanReport, CanHide bool
	CanDiscussion, CanOpenSigning           bool
	CanPublish, CanWithdraw, CanCoauthor    bool
	SignFor                                 []views.Option
	Coauthors, Members                      []views.Option
	Languages                               []views.Option
	// The form that failed, its problems and kept input.
	ErrorFor string
	Errors   map[string]string
	Kept     map[string]string
}

// Err is the problem of field in form, if that form failed.
func (m Show) Err(form, name string) string {
	if m.ErrorFor != form {
		return ""
	}
	return m.Errors[name]
}

// Value is the kept input of field in form, or def.
func (m Show) Value(form, name, def string) string {
	if m.ErrorFor != form {
		return def
	}
	return m.Kept[name]
}

// Discussion is the statement's comments section (the topics' one), not printed.
func (m Show) Discussion() topics.Discussion {
	return topics.Discussion{Comments: m.Comments, CanComment: m.CanComment, CanReport: m.CanReport, CanHide: m.CanHide,
		Post: "/statements/" + m.Slug + "/comments", StepBase: "/statements/" + m.Slug + "/comments/", Class: "no-print",
		ErrorFor: m.ErrorFor, Errors: m.Errors, Kept: m.Kept}
}

// Form is the form of one language version.
type Form struct {
	Action, Heading, Slug  string
	Title, Summary, Body   string
	Language               string
	LanguageFixed          bool // the original's language, or an existing version's
	Reviewed, ShowReviewed bool
	Signing                bool // a save starts signing again, with a new deadline
	DeadlineDate           string
	DeadlineTime           string
	Languages              []views.Option
	Errors                 map[string]string
	// Links to topics and meetings (the new statement's and the original's form only).
	ShowLinks                    bool
	TopicOptions, MeetingOptions []views.Option
	Topics, Meetings             []string
}

// Diff is the change between two versions.
type Diff struct {
	Slug, Title      string
	From, To         string
	Versions         []views.Option
	Parts            []Part
	FromText, ToText Text
}

// Part is one run of the word diff.
type Part struct{ Kind, Text string }

// Compare is two languages side by side.
type Compare struct {
	Slug, Title string
	A, B        string
	Languages   []views.Option
	Left, Right Text
}

// Latest is the home page's section of the newest published statements.
type Latest struct{ Rows []Row }

// versionOptions names each version for the diff's choices ("Fassung 3 · Deutsch").
func versionOptions(ctx context.Context, vs []Text) []views.Option {
	out := make([]views.Option, len(vs))
	for i, v := range vs {
		out[i] = views.Option{Value: v.ID, Label: views.Tf(ctx, "statements.version", -1, map[string]any{"Number": strconv.Itoa(v.Number)}) +
			" · " + views.LanguageName(ctx, v.Language)}
	}
	return out
}
