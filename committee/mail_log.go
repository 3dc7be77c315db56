package committee

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The mail log keeps the mails that could not be sent, so that nobody's failure goes unseen:
// the coordinators see the latest on /coordination, and the page that caused a mail counts
// its own (MailFailuresAbout). It stores no link (links carry secrets: reset, confirmation,
// guest tokens), only which mail it was, to whom, in which language, and the error. A later
// outbox can take the same rows with a status of its own.

// mailLogKeep is how long a row stays; mailLogMax is the most rows kept.
const (
	mailLogKeep = 30 * 24 * time.Hour
	mailLogMax  = 1000
)

// logFailure writes one failed mail to the log. A log that cannot be written is logged: the
// mail's own error is what the caller answers.
func logFailure(app core.App, l Letter, subject string, sendErr error) {
	coll, err := app.FindCachedCollectionByNameOrId("mail_log")
	if err == nil {
		rec := core.NewRecord(coll)
		rec.Set("recipient", truncate(strings.ToLower(strings.TrimSpace(l.To)), 254))
		rec.Set("language", l.Lang)
		rec.Set("kind", truncate(l.Subject, 100))
		rec.Set("subject", truncate(subject, 300))
		rec.Set("status", "failed")
		rec.Set("error", truncate(sendErr.Error(), 500))
		rec.Set("about", truncate(l.About, 100))
		rec.Set("attempted", types.NowDateTime())
		err = app.Save(rec)
	}
	app.Logger().Error("mail could not be sent", "kind", l.Subject, "about", l.About, "error", sendErr)
	if err != nil {
		app.Logger().Error("mail log", "error", err)
	}
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// MailFailure is one mail that could not be sent, as the coordinators see it.
type MailFailure struct {
	Attempted                       time.Time
	Recipient, Kind, Subject, Error string
}

// RecentMailFailures are the latest failed mails, newest first, for those who coordinate
// (ErrForbidden for anyone else; the collection itself is superusers only).
func RecentMailFailures(app core.App, auth *core.Record, limit int) ([]MailFailure, error) {
	if !MayCoordinate(auth) {
		return nil, ErrForbidden
	}
	var recs []*core.Record
	err := app.RecordQuery("mail_log").AndWhere(dbx.HashExp{"status": "failed"}).
		OrderBy("attempted DESC", "id DESC").Limit(int64(limit)).All(&recs)
	out := make([]MailFailure, len(recs))
	for i, r := range recs {
		out[i] = MailFailure{Attempted: r.GetDateTime("attempted").Time(), Recipient: r.GetString("recipient"),
			Kind: r.GetString("kind"), Subject: r.GetString("subject"), Error: r.GetString("error")}
	}
	return out, err
}

// MailFailuresAbout counts the mails about something ("meetings/ID") that failed since a time,
// with their subject key (one step sends one kind): the page that caused them says how many did not go out.
func MailFailuresAbout(app core.App, about string, since time.Time) (int, string) {
	from, err := types.ParseDateTime(since.Truncate(time.Millisecond))
	if err != nil || about == "" {
		return 0, ""
	}
	var row struct {
		N    int    `db:"n"`
		Kind string `db:"kind"`
	}
	_ = app.DB().Select("COUNT(*) AS n", "COALESCE(MAX(kind), '') AS kind").From("mail_log").
		Where(dbx.HashExp{"about": about, "status": "failed"}).
		AndWhere(dbx.NewExp("attempted >= {:from}", dbx.Params{"from": from.String()})).One(&row)
	return row.N, row.Kind
}

// PruneMailLog deletes rows older than 30 days, and the oldest beyond the newest 1000.
func PruneMailLog(app core.App, now time.Time) error {
	cut, err := types.ParseDateTime(now.Add(-mailLogKeep))
	if err != nil {
		return err
	}
	if _, err := app.DB().Delete("mail_log", dbx.NewExp("attempted < {:cut}", dbx.Params{"cut": cut.String()})).Execute(); err != nil {
		return err
	}
	_, err = app.DB().NewQuery(`DELETE FROM mail_log WHERE id NOT IN
		(SELECT id FROM mail_log ORDER BY attempted DESC, id DESC LIMIT {:max})`).Bind(dbx.Params{"max": mailLogMax}).Execute()
	return err
}

// bindMailLog prunes the mail log once a day and logs PocketBase's own failed mails.
func bindMailLog(app core.App) {
	logPocketBaseMails(app)
	app.Cron().MustAdd("mail_log", "43 3 * * *", func() {
		if err := PruneMailLog(app, time.Now()); err != nil {
			app.Logger().Error("mail log", "error", err)
		}
	})
}

// MailHealth is how mail is set up, for the coordinators.
type MailHealth struct {
	SMTP   bool   // SMTP is set in the dashboard; otherwise PocketBase tries the local sendmail
	Host   string // the SMTP server, "host:port"
	Sender string // the sender address ("" when none is set)
}

// MailSettings reads the mail settings from the dashboard's settings.
func MailSettings(app core.App) MailHealth {
	s := app.Settings()
	h := MailHealth{SMTP: s.SMTP.Enabled, Sender: s.Meta.SenderAddress}
	if h.SMTP && s.SMTP.Host != "" {
		h.Host = s.SMTP.Host
		if s.SMTP.Port != 0 {
			h.Host += ":" + strconv.Itoa(s.SMTP.Port)
		}
	}
	return h
}

// SendTestMail mails the coordinator asking a short test mail in their language; its error
// (also written to the mail log) says what went wrong.
func SendTestMail(app core.App, u *User) error {
	if !MayCoordinate(u.Record) {
		return ErrForbidden
	}
	return SendTo(app, u, Letter{Subject: "mail.test.subject", Body: "mail.test.body"})
}

// letterHeader marks the mails written by Send, so that bindMailLog logs only the others.
const letterHeader = "X-Komitee-Letter"

// logPocketBaseMails logs a failed send of the mails PocketBase writes itself (its /api/
// password reset, verification, address change and log-in alert), as Send does for Komitee's.
func logPocketBaseMails(app core.App) {
	app.OnMailerSend().BindFunc(func(e *core.MailerEvent) error {
		err := e.Next()
		if err == nil || e.Message == nil || e.Message.Headers[letterHeader] != "" {
			return err
		}
		to := ""
		if len(e.Message.To) > 0 {
			to = e.Message.To[0].Address
		}
		logFailure(e.App, Letter{To: to, Subject: "mail.pocketbase"}, e.Message.Subject, err)
		return err
	})
}

// SendTo writes a letter to a user in their preferred language.
func SendTo(app core.App, u *User, l Letter) error {
	l.To, l.Name, l.Lang = u.Email(), u.Name(), u.Language()
	return Send(app, l)
}

// URL makes an absolute link from a path, using the application URL from the settings.
func URL(app core.App, path string) string {
	return strings.TrimRight(app.Settings().Meta.AppURL, "/") + path
}
