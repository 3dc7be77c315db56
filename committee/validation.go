package committee

import (
	"errors"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/ozzo-validation/v4/is"
)

// Errors maps a form field to the locale key of what is wrong with it. Validators return keys,
// never text: the page translates them next to the field.
type Errors map[string]string

// Add records the first problem of a field.
func (e Errors) Add(field, key string) {
	if _, ok := e[field]; !ok {
		e[field] = key
	}
}

// Any reports whether there is at least one problem.
func (e Errors) Any() bool { return len(e) > 0 }

// Error makes Errors an error, so workflows can return it.
func (e Errors) Error() string {
	parts := make([]string, 0, len(e))
	for f, k := range e {
		parts = append(parts, f+": "+k)
	}
	slices.Sort(parts)
	return strings.Join(parts, "; ")
}

// Required checks a trimmed value is present and at most max characters long.
func (e Errors) Required(field, value string, max int) {
	if strings.TrimSpace(value) == "" {
		e.Add(field, "error.required")
		return
	}
	e.MaxLen(field, value, max)
}

// MaxLen checks a value is at most max characters long.
func (e Errors) MaxLen(field, value string, max int) {
	if utf8.RuneCountInString(value) > max {
		e.Add(field, "error.too_long")
	}
}

// Email checks an optional e-mail address.
func (e Errors) Email(field, value string) {
	if value == "" {
		return
	}
	// PocketBase's own check (ozzo is.EmailFormat) must pass too, or saving would fail later.
	if a, err := mail.ParseAddress(value); err != nil || a.Address != value || is.EmailFormat.Validate(value) != nil {
		e.Add(field, "error.email")
		return
	}
	e.MaxLen(field, value, 254)
}

// URL checks an optional http(s) address.
func (e Errors) URL(field, value string) {
	if value == "" {
		return
	}
	u, err := url.Parse(value)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		e.Add(field, "error.url")
		return
	}
	e.MaxLen(field, value, 500)
}

// OneOf checks an optional value against allowed values.
func (e Errors) OneOf(field, value string, allowed []string) {
	if value != "" && !slices.Contains(allowed, value) {
		e.Add(field, "error.choice")
	}
}

// AllOf checks every value against allowed values.
func (e Errors) AllOf(field string, values, allowed []string) {
	for _, v := range values {
		if !slices.Contains(allowed, v) {
			e.Add(field, "error.choice")
			return
		}
	}
}

// Password checks a new password: 10 to 72 bytes (bcrypt's limit).
func (e Errors) Password(field, value string) {
	switch {
	case value == "":
		e.Add(field, "error.required")
	case utf8.RuneCountInString(value) < 10:
		e.Add(field, "error.password_short")
	case len(value) > 72:
		e.Add(field, "error.too_long")
	}
}

// FromSaveError turns the field errors of a failed PocketBase save (its own validators, which
// run after ours) into form errors, so the form comes back with the input kept. Other errors
// stay errors.
func FromSaveError(err error) error {
	var verrs validation.Errors
	if !errors.As(err, &verrs) {
		return err
	}
	errs := Errors{"form": "error.invalid_save"}
	for field, ferr := range verrs {
		errs.Add(field, saveErrorKey(ferr))
	}
	return errs
}

// saveErrorKeys name PocketBase's upload problems (a file the browser cannot send back: each
// message says to choose it again).
var saveErrorKeys = map[string]string{
	"validation_invalid_mime_type": "error.upload_type",
	"validation_file_size_limit":   "error.upload_size",
	"validation_too_many_files":    "error.upload_count",
}

func saveErrorKey(err error) string {
	var verr validation.Error
	if errors.As(err, &verr) {
		if key, ok := saveErrorKeys[verr.Code()]; ok {
			return key
		}
	}
	return "error.invalid"
}

// Int checks an optional whole number between min and max and returns it (0 when empty or wrong).
func (e Errors) Int(field, value string, min, max int) int {
	if value == "" {
		return 0
	}
	n, err := strconv.Atoi(value)
	if err != nil || n < min || n > max {
		e.Add(field, "error.number")
		return 0
	}
	return n
}
