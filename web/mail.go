package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"komitee/committee"
	"komitee/views/coordination"
)

// mailFailuresShown is how many failed mails the coordinators' desk lists.
const mailFailuresShown = 10

// mailModel is the mail health on the coordinators' desk: whether SMTP is set, the sender,
// the latest failed mails.
func (s *Server) mailModel(c echo.Context, u *committee.User) (coordination.Mail, error) {
	h := committee.MailSettings(s.app)
	m := coordination.Mail{SMTP: h.SMTP, Host: h.Host, Sender: h.Sender}
	failures, err := committee.RecentMailFailures(s.app, u.Record, mailFailuresShown)
	lang, _ := c.Get(langKey).(string)
	for _, f := range failures {
		m.Failures = append(m.Failures, coordination.MailFailure{When: committee.FormatRange(lang, f.Attempted, time.Time{}),
			Recipient: f.Recipient, Subject: f.Subject, Error: f.Error})
	}
	return m, err
}

// flashCount leaves a one-time message with a count for the next page: a plural locale key,
// carried in the flash cookie as "key:count".
func flashCount(c echo.Context, key string, n int) {
	flash(c, key+":"+strconv.Itoa(n))
}

// splitFlash reads the flash cookie's value: the locale key and its count (0 for none).
func splitFlash(v string) (string, int) {
	key, count, ok := strings.Cut(v, ":")
	if !ok {
		return v, 0
	}
	n, err := strconv.Atoi(count)
	if err != nil || n < 0 {
		return key, 0
	}
	return key, n
}

// meetingMailsFailed are the flashes for meeting mails that could not be sent, by the mail's
// subject key: what was done, how many people the mail did not reach, where it is listed.
var meetingMailsFailed = map[string]string{
	"mail.meeting.invite.subject": "flash.mails_failed.invite",
	"mail.meeting.change.subject": "flash.mails_failed.change",
	"mail.meeting.cancel.subject": "flash.mails_failed.cancel",
}

// afterMeetingMails answers a step that may have mailed people about m (scheduled, changed,
// cancelled; the meeting hooks send the mails after the commit): the ok flash, or, when mails
// about it failed since the step began, how many, so the page never claims mails that did not
// go out. The step itself is kept either way.
func (s *Server) afterMeetingMails(c echo.Context, m *committee.Meeting, since time.Time, err error, ok string) error {
	if err == nil {
		if n, kind := committee.MailFailuresAbout(s.app, "meetings/"+m.Id, since); n > 0 {
			key, found := meetingMailsFailed[kind]
			if !found {
				key = "flash.mails_failed.other"
			}
			ok = key + ":" + strconv.Itoa(n)
		}
	}
	return s.afterStep(c, m, err, ok)
}

// mailOutcome is the flash after a step that mailed people about something ("organisations/ID"):
// ok, or, when such mails failed since the step began, how many did not go out.
func (s *Server) mailOutcome(about string, since time.Time, ok string) string {
	if n, _ := committee.MailFailuresAbout(s.app, about, since); n > 0 {
		return "flash.mails_failed.other:" + strconv.Itoa(n)
	}
	return ok
}

// mailTest sends the coordinator asking a test mail, and says honestly whether it went out.
func (s *Server) mailTest(c echo.Context) error {
	u, err := requireCoordinator(c)
	if err != nil {
		return err
	}
	if err := committee.SendTestMail(s.app, u); err != nil {
		flash(c, "flash.mail_test_failed")
	} else {
		flash(c, "flash.mail_test_sent")
	}
	return redirect(c, "/coordination#mail")
}
