package committee

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Log-in failures are limited per account as well as per address (PocketBase's rate limits):
// after loginFree failures within loginWindow, the next attempt for that e-mail address is
// taken only after a delay that doubles with each further failure, up to loginMaxDelay.
// Attempts during the delay are answered "try again in N seconds" without checking the
// password, and they do not count, so a stranger cannot make the delay grow beyond
// loginMaxDelay; after the delay the right password works again. Nothing ever locks an
// account. Counted by the address typed, whether or not it has an account, so the delay tells
// nothing about who has one.
//
// The counts live in memory (app.Store()), not in a table: they are worth nothing after a
// restart (a stranger cannot restart the server), a failed attempt writes nothing to SQLite,
// and there is nothing to clean up in the database.
const (
	loginFree     = 5
	loginWindow   = 15 * time.Minute
	loginMaxDelay = 2 * time.Minute
	loginsKey     = "komitee.logins"
)

// LoginDelay is the answer to an attempt while the account's delay runs.
type LoginDelay struct{ Wait time.Duration }

func (d *LoginDelay) Error() string { return fmt.Sprintf("too many failed log-ins: wait %s", d.Wait) }

// Seconds is the wait rounded up to whole seconds (at least 1).
func (d *LoginDelay) Seconds() int { return max(1, int(math.Ceil(d.Wait.Seconds()))) }

type loginFailures struct {
	mu    sync.Mutex
	fails map[string][]time.Time
	swept time.Time
}

func failuresOf(app core.App) *loginFailures {
	return app.Store().GetOrSet(loginsKey, func() any {
		return &loginFailures{fails: map[string][]time.Time{}}
	}).(*loginFailures)
}

func loginKey(identity string) string { return strings.ToLower(strings.TrimSpace(identity)) }

// recent drops the failures outside the window (under l.mu).
func (l *loginFailures) recent(key string, now time.Time) []time.Time {
	fs := l.fails[key]
	i := 0
	for i < len(fs) && now.Sub(fs[i]) > loginWindow {
		i++
	}
	fs = fs[i:]
	if len(fs) == 0 {
		delete(l.fails, key)
	} else {
		l.fails[key] = fs
	}
	return fs
}

// delayAfter is the wait after n failures in the window.
func delayAfter(n int) time.Duration {
	if n < loginFree {
		return 0
	}
	d := time.Second << min(n-loginFree+1, 10) // 2 s, 4 s, 8 s, …
	return min(d, loginMaxDelay)
}

// wait is how long an attempt for key must still wait, 0 when it may go ahead (under l.mu).
func (l *loginFailures) wait(key string, now time.Time) time.Duration {
	fs := l.recent(key, now)
	if len(fs) < loginFree {
		return 0
	}
	return max(0, fs[len(fs)-1].Add(delayAfter(len(fs))).Sub(now))
}

// loginAttempt takes an attempt for identity: the wait that is still to run, or 0 after
// counting the attempt as a failure in the same step, so that attempts sent at the same moment
// cannot all pass before the first one is counted. A success forgets the failures
// (LoginSucceeded). A known device (KnownDevice) does not wait: the owner's own browser is not
// held up by a stranger's failures.
func loginAttempt(app core.App, identity string, known bool) time.Duration {
	l := failuresOf(app)
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	key := loginKey(identity)
	if wait := l.wait(key, now); wait > 0 && !known {
		return wait
	}
	l.add(key, now)
	return 0
}

// KnownDevice is the value of the cookie a browser gets after logging in to the account of
// email: an HMAC of the address under the users collection's token secret. A browser that
// shows it for the address it logs in with skips the per-account delay (PocketBase's per-IP
// limits still apply).
func KnownDevice(app core.App, email string) string {
	coll, err := app.FindCachedCollectionByNameOrId("users")
	if err != nil {
		return ""
	}
	mac := hmac.New(sha256.New, []byte(coll.AuthToken.Secret))
	mac.Write([]byte("known-device:" + loginKey(email)))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// IsKnownDevice reports whether cookie is KnownDevice of email.
func IsKnownDevice(app core.App, email, cookie string) bool {
	want := KnownDevice(app, email)
	return want != "" && hmac.Equal([]byte(cookie), []byte(want))
}

// add counts a failure (under l.mu).
func (l *loginFailures) add(key string, now time.Time) {
	l.fails[key] = append(l.recent(key, now), now)
	if now.Sub(l.swept) > loginWindow { // forget addresses nobody tried for a while
		for k := range l.fails {
			l.recent(k, now)
		}
		l.swept = now
	}
}

// LoginSucceeded forgets the failures of identity.
func LoginSucceeded(app core.App, identity string) {
	l := failuresOf(app)
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, loginKey(identity))
}

// limitPasswordAuth applies the same delay to /api/collections/users/auth-with-password, and
// answers an account whose address is not confirmed exactly like a wrong password (as the page
// does): otherwise registering an address on the page and trying one's own password here
// would tell whether the address had an account already.
func limitPasswordAuth(e *core.RecordAuthWithPasswordRequestEvent) error {
	if wait := loginAttempt(e.App, e.Identity, false); wait > 0 {
		d := &LoginDelay{Wait: wait}
		return e.TooManyRequestsError(fmt.Sprintf("Too many failed attempts for this account. Try again in %d seconds.", d.Seconds()), nil)
	}
	if e.Record != nil && !e.Record.Verified() {
		_ = e.Record.ValidatePassword(e.Password) // the same time as a wrong password
		return e.BadRequestError("Failed to authenticate.", nil)
	}
	if err := e.Next(); err != nil {
		return err
	}
	LoginSucceeded(e.App, e.Identity)
	return nil
}

// dummyHash is compared against when an address has no account, so that a wrong address
// takes as long as a wrong password.
var dummyHash struct {
	once sync.Once
	rec  *core.Record
}

func dummyPasswordCheck(app core.App, password string) {
	dummyHash.once.Do(func() {
		if coll, err := app.FindCachedCollectionByNameOrId("users"); err == nil {
			r := core.NewRecord(coll)
			r.SetPassword("not the password of anyone")
			dummyHash.rec = r
		}
	})
	if dummyHash.rec != nil {
		_ = dummyHash.rec.ValidatePassword(password)
	}
}

// bindQuietEmailChange answers an /api/ request to change one's address to one that has an
// account already as PocketBase answers any other (204), and does nothing: PocketBase's own
// answer ("validation_invalid_new_email") would tell who has an account.
func bindQuietEmailChange(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			if e.Request.Method != "POST" || !strings.HasSuffix(e.Request.URL.Path, "/request-email-change") || e.HasSuperuserAuth() {
				return e.Next()
			}
			info, err := e.RequestInfo()
			if err != nil {
				return e.Next()
			}
			email, _ := info.Body["newEmail"].(string)
			if _, err := e.App.FindAuthRecordByEmail("users", strings.ToLower(strings.TrimSpace(email))); err == nil && e.Auth != nil {
				return e.NoContent(204)
			}
			return e.Next()
		})
		return se.Next()
	})
}
