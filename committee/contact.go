package committee

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// The contact form: a message to the coordinators by mail, with a reply-to of the sender. The
// page never shows a coordinator's address. Against bots: a honeypot field, a minimum fill time
// (a signed timestamp with a one-time nonce in a hidden field) and rate limits per address and
// overall.

// Contact limits.
const (
	ContactMinFill  = 3 * time.Second // a person takes longer than this to write a message
	ContactMaxAge   = 2 * time.Hour   // an older form is sent again with a fresh stamp
	ContactPerIP    = 5               // messages per address and ContactWindow
	ContactOverall  = 50              // messages from everyone per ContactWindow
	ContactWindow   = time.Hour
	contactLimitKey = "komitee.contactLimits"
	contactNonceKey = "komitee.contactNonces"
)

// ErrContactBot means the honeypot was filled: the page answers as if sent, and nothing goes.
var ErrContactBot = errors.New("contact: honeypot")

// ErrContactLimited means too many messages came from the address or from everyone.
var ErrContactLimited = errors.New("contact: rate limited")

// ErrContactUndelivered means no mail reached a coordinator; the message is kept in the form.
var ErrContactUndelivered = errors.New("contact: not delivered")

// ContactInput is the contact form. Honeypot is the trap field (hidden from people and from
// assistive technology, and named so that no browser fills it in); Stamp the
// signed time the form was shown.
type ContactInput struct {
	Name, Email, Subject, Message, Honeypot, Stamp string
}

// contactSecret signs the stamps: the users collection's token secret (kept, and never shown).
func contactSecret(app core.App) []byte {
	coll, err := app.FindCachedCollectionByNameOrId("users")
	if err != nil {
		return []byte("komitee")
	}
	return []byte("contact|" + coll.AuthToken.Secret)
}

func stampMAC(app core.App, value string) string {
	mac := hmac.New(sha256.New, contactSecret(app))
	mac.Write([]byte(value))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// ContactStamp is the signed time for a contact form shown at now, with a random nonce that
// makes it good for one message only.
func ContactStamp(app core.App, now time.Time) string {
	value := strconv.FormatInt(now.UnixMilli(), 10) + "." + security.RandomString(16)
	return value + "." + stampMAC(app, value)
}

// parseStamp reads a stamp's age and nonce, or false when it is not one of ours.
func parseStamp(app core.App, stamp string, now time.Time) (age time.Duration, nonce string, ok bool) {
	i := strings.LastIndexByte(stamp, '.')
	if i < 0 {
		return 0, "", false
	}
	value, mac := stamp[:i], stamp[i+1:]
	ts, nonce, ok := strings.Cut(value, ".")
	ms, err := strconv.ParseInt(ts, 10, 64)
	if !ok || err != nil || nonce == "" || !hmac.Equal([]byte(mac), []byte(stampMAC(app, value))) {
		return 0, "", false
	}
	return now.Sub(time.UnixMilli(ms)), nonce, true
}

// contactNonces are the nonces of stamps already used, each kept until its stamp expires (in
// memory, like the rate limits).
type contactNonces struct {
	mu   sync.Mutex
	used map[string]time.Time // nonce → when its stamp expires
}

func nonceStore(app core.App) *contactNonces {
	return app.Store().GetOrSet(contactNonceKey, func() any { return &contactNonces{used: map[string]time.Time{}} }).(*contactNonces)
}

func (n *contactNonces) seen(nonce string, now time.Time) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	exp, ok := n.used[nonce]
	return ok && now.Before(exp)
}

// claim marks nonce used until expires, or reports false when it already was.
func (n *contactNonces) claim(nonce string, now, expires time.Time) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if exp, ok := n.used[nonce]; ok && now.Before(exp) {
		return false
	}
	if len(n.used) > 1000 {
		for k, exp := range n.used {
			if !now.Before(exp) {
				delete(n.used, k)
			}
		}
	}
	n.used[nonce] = expires
	return true
}

// Validate checks the form's fields and its stamp at now (the "form" problem: too fast, too old).
func (in ContactInput) Validate(app core.App, now time.Time) Errors {
	errs := Errors{}
	errs.Required("name", in.Name, 100)
	errs.Required("email", in.Email, 200)
	errs.Email("email", in.Email)
	if strings.ContainsAny(in.Name+in.Email, "\r\n") {
		errs.Add("name", "error.invalid")
	}
	errs.MaxLen("subject", in.Subject, 200)
	errs.Required("message", in.Message, 5000)
	if age, nonce, ok := parseStamp(app, in.Stamp, now); !ok || age > ContactMaxAge || age < -time.Minute {
		errs.Add("form", "site.contact.error_stale")
	} else if age < ContactMinFill {
		errs.Add("form", "site.contact.error_fast")
	} else if nonceStore(app).seen(nonce, now) {
		errs.Add("form", "site.contact.error_used")
	}
	return errs
}

// contactLimits counts the recent messages per address and overall (in memory; a restart
// starts afresh, as the log-in counts do).
type contactLimits struct {
	mu    sync.Mutex
	byIP  map[string][]time.Time
	total []time.Time
}

func recent(ts []time.Time, since time.Time) []time.Time {
	out := ts[:0]
	for _, t := range ts {
		if t.After(since) {
			out = append(out, t)
		}
	}
	return out
}

// takeContactSlot counts a message from ip at now, or reports false when a limit is reached.
func takeContactSlot(app core.App, ip string, now time.Time) bool {
	l := app.Store().GetOrSet(contactLimitKey, func() any { return &contactLimits{byIP: map[string][]time.Time{}} }).(*contactLimits)
	l.mu.Lock()
	defer l.mu.Unlock()
	since := now.Add(-ContactWindow)
	l.total = recent(l.total, since)
	mine := recent(l.byIP[ip], since)
	if len(mine) >= ContactPerIP || len(l.total) >= ContactOverall {
		l.byIP[ip] = mine
		return false
	}
	l.byIP[ip] = append(mine, now)
	l.total = append(l.total, now)
	if len(l.byIP) > 10000 { // forget quiet addresses rather than grow without bound
		for k, v := range l.byIP {
			if len(recent(v, since)) == 0 {
				delete(l.byIP, k)
			}
		}
	}
	return true
}

// SendContact mails the message to every coordinator, each in their language, with a reply-to
// of the sender. It returns Errors for bad input, ErrContactBot for a filled honeypot,
// ErrContactLimited over a limit, ErrContactUndelivered when no mail went out; otherwise how
// many of the mails failed (logged in mail_log like every failed mail).
func SendContact(app core.App, ip string, in ContactInput) (failed int, err error) {
	now := Now()
	if strings.TrimSpace(in.Honeypot) != "" {
		return 0, ErrContactBot
	}
	if errs := in.Validate(app, now); errs.Any() {
		return 0, errs
	}
	// One message per stamp: a second use (a replay, or two sends at once) gets the form again.
	age, nonce, _ := parseStamp(app, in.Stamp, now)
	if !nonceStore(app).claim(nonce, now, now.Add(ContactMaxAge-age+time.Minute)) {
		return 0, Errors{"form": "site.contact.error_used"}
	}
	if !takeContactSlot(app, ip, now) {
		return 0, ErrContactLimited
	}
	coordinators, err := app.FindAllRecords("users", dbx.HashExp{"coordinator": true})
	if err != nil {
		return 0, err
	}
	about := "contact/" + security.RandomString(10)
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(in.Message), "\r\n", "\n"), "\n")
	sent := 0
	for _, rec := range coordinators {
		u := AsUser(rec)
		l := Letter{To: rec.Email(), Name: u.Name(), Lang: u.Language(), Subject: "site.contact_mail.subject",
			Body: "site.contact_mail.body", About: about, ReplyTo: strings.TrimSpace(in.Email), ReplyToName: strings.TrimSpace(in.Name),
			Data:  map[string]any{"Sender": strings.TrimSpace(in.Name), "SenderEmail": strings.TrimSpace(in.Email), "Subject": strings.TrimSpace(in.Subject)},
			Lines: lines}
		if err := Send(app, l); err != nil {
			failed++
		} else {
			sent++
		}
	}
	if sent == 0 {
		return failed, ErrContactUndelivered
	}
	return failed, nil
}
