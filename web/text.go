package web

import "komitee/locales"

// t and tf translate in handlers, where a view model needs finished text.
func t(lang, key string) string { return locales.T(lang, key) }

func tf(lang, key string, n int) string { return locales.Tf(lang, key, n, nil) }
