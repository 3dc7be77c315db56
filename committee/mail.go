package committee

import (
	"bytes"
	"html/template"
	"io"
	"net/mail"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"komitee/locales"
)

// Letter is one e-mail to one person, written from locale keys in the person's language.
type Letter struct {
	To      string
	Name    string
	Lang    string
	Subject string         // locale key
	Body    string         // locale key of the main paragraph
	Data    map[string]any // template data for Subject and Body
	Action  string         // locale key of the button text; empty for none
	Link    string         // absolute URL of the button
	// Lines is an optional block under the main paragraph, one line each, already in the
	// person's language (when and where, the agenda: "10:00 Begrüßung"); an empty line parts it.
	Lines       []string
	Attachments []Attachment
	// About names what the mail is about ("meetings/ID"), so that the page that caused it
	// can count the mails that failed (MailFailuresAbout); empty for none.
	About string
	// ReplyTo is the address answers go to (the sender of a contact message); empty for none.
	ReplyTo, ReplyToName string
}

// Attachment is a file sent with a letter. PocketBase's mailer takes its content type from the
// content itself (an .ics file goes as text/calendar), so there is no field for it.
type Attachment struct {
	Name string
	Data []byte
}

var letterHTML = template.Must(template.New("mail").Parse(`<!doctype html>
<html lang="{{.Lang}}" dir="{{.Dir}}"><body style="font-family:sans-serif;line-height:1.5">
<p>{{.Greeting}}</p><p>{{.Body}}</p>
{{if .Lines}}<p>{{range .Lines}}{{.}}<br>{{end}}</p>{{end}}
{{if .Link}}<p><a href="{{.Link}}" style="display:inline-block;padding:.6em 1.2em;background:#0b5394;color:#fff;text-decoration:none;border-radius:4px">{{.Action}}</a></p>
<p style="font-size:.9em">{{.Link}}</p>{{end}}
<p>{{.Signature}}</p></body></html>`))

// Send writes the letter through PocketBase's mailer, which uses the SMTP settings from the
// dashboard (and app.TestMailer in tests). Every mail goes through here; a failed one is
// written to the mail log (mail_log.go), which the coordinators see, and returned.
func Send(app core.App, l Letter) error {
	subject, err := send(app, l)
	if err != nil {
		logFailure(app, l, subject, err)
	}
	return err
}

func send(app core.App, l Letter) (string, error) {
	lang := locales.Normalize(l.Lang)
	data := map[string]any{"Name": l.Name, "Committee": CommitteeName(app)}
	for k, v := range l.Data {
		data[k] = v
	}
	// In the text, names and titles people wrote keep their own direction (FSI … PDI): "e. V."
	// keeps its full stop inside an Arabic sentence. The subject stays plain.
	isolated := make(map[string]any, len(data))
	for k, v := range data {
		if str, ok := v.(string); ok && str != "" {
			v = "\u2068" + str + "\u2069"
		}
		isolated[k] = v
	}
	view := struct {
		Lang, Dir, Link, Greeting, Body, Action, Signature string
		Lines                                              []string
	}{
		Lang: lang, Dir: locales.Dir(lang), Link: l.Link, Lines: l.Lines,
		Greeting:  locales.Tf(lang, "mail.greeting", -1, isolated),
		Body:      locales.Tf(lang, l.Body, -1, isolated),
		Action:    locales.T(lang, l.Action),
		Signature: locales.Tf(lang, "mail.signature", -1, isolated),
	}
	subject := locales.Tf(lang, l.Subject, -1, data)
	var html bytes.Buffer
	if err := letterHTML.Execute(&html, view); err != nil {
		return subject, err
	}
	text := view.Greeting + "\n\n" + view.Body + "\n\n"
	if len(l.Lines) > 0 {
		text += strings.Join(l.Lines, "\n") + "\n\n"
	}
	if l.Link != "" {
		text += view.Action + ": " + l.Link + "\n\n"
	}
	text += view.Signature + "\n"
	var files map[string]io.Reader
	for _, a := range l.Attachments {
		if files == nil {
			files = map[string]io.Reader{}
		}
		files[a.Name] = bytes.NewReader(a.Data)
	}
	settings := app.Settings().Meta
	headers := map[string]string{letterHeader: "1"}
	if l.ReplyTo != "" && !strings.ContainsAny(l.ReplyTo+l.ReplyToName, "\r\n") {
		headers["Reply-To"] = (&mail.Address{Name: l.ReplyToName, Address: l.ReplyTo}).String()
	}
	return subject, app.NewMailClient().Send(&mailer.Message{
		From:        mail.Address{Name: settings.SenderName, Address: settings.SenderAddress},
		To:          []mail.Address{{Name: l.Name, Address: l.To}},
		Subject:     subject,
		HTML:        html.String(),
		Text:        text,
		Attachments: files,
		Headers:     headers,
	})
}
