package web

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"golang.org/x/sync/singleflight"
)

// pageCache keeps the rendered public pages (directory, organisation pages) that the public
// sees, per language and URL, compressed once. Any change to a collection they show empties it,
// so a cached page is never older than the data. Signed-in people always get a fresh page: what
// they see depends on their roles.
type pageCache struct {
	mu      sync.RWMutex
	entries map[string]*cachedPage
	// gen counts the changes: a page rendered while data changed is not kept.
	gen uint64
	// flight lets one request render a missing page while the others wait for it, instead of
	// every waiting request rendering and compressing the same page.
	flight singleflight.Group
}

// rendered is one rendering of a page, shared by the requests that waited for it.
type rendered struct {
	page   *cachedPage // kept (status 200)
	status int         // otherwise the status and body
	body   []byte
}

type cachedPage struct {
	plain, gz   []byte
	contentType string    // empty: an HTML page
	expires     time.Time // zero: until the data changes
}

// pageCacheLimit bounds memory: free-text searches make many keys, so the cache starts over
// when it is full.
const pageCacheLimit = 1000

// cachedCollections are the collections the cached pages show.
var cachedCollections = []string{"organisations", "contacts", "committee", "pages", "memberships", "users",
	"meetings", "agenda_items", "registrations", // a meeting's page shows its agenda and free places
	"topics", "comments",
	"needs", "responses", // the board and an entry's page
	"actions", "action_updates", "decisions", // /actions and the home page's summary line
	"statements", "statement_versions", "signatures"} // the statement pages and the home page's latest statements

func newPageCache(app core.App) *pageCache {
	pc := &pageCache{entries: map[string]*cachedPage{}}
	clear := func(e *core.RecordEvent) error {
		pc.clear()
		return e.Next()
	}
	for _, h := range []*hook.TaggedHook[*core.RecordEvent]{app.OnRecordAfterCreateSuccess(cachedCollections...),
		app.OnRecordAfterUpdateSuccess(cachedCollections...), app.OnRecordAfterDeleteSuccess(cachedCollections...)} {
		h.BindFunc(clear)
	}
	// Raw SQL writes (the derived managers/member fields) happen inside those saves; a change to
	// a collection's rules changes who sees what.
	app.OnCollectionAfterUpdateSuccess().BindFunc(func(e *core.CollectionEvent) error {
		pc.clear()
		return e.Next()
	})
	return pc
}

func (pc *pageCache) clear() {
	pc.mu.Lock()
	pc.entries = map[string]*cachedPage{}
	pc.gen++
	pc.mu.Unlock()
}

// generation is the count of changes so far.
func (pc *pageCache) generation() uint64 {
	pc.mu.RLock()
	defer pc.mu.RUnlock()
	return pc.gen
}

// cacheable reports whether this request may be answered from the cache: a GET of the public,
// with no one-time message waiting, for the full page or the directory's results.
func cacheable(c echo.Context) bool {
	r := c.Request()
	if r.Method != http.MethodGet || c.Get(authKey) != nil {
		return false
	}
	if t := r.Header.Get("HX-Target"); t != "" && t != "results" {
		return false
	}
	if _, err := r.Cookie(flashCookie); err == nil {
		return false
	}
	_, err := r.Cookie(sessionCookie)
	return err != nil
}

func cacheKey(c echo.Context) string {
	lang, _ := c.Get(langKey).(string)
	return lang + "|" + c.Request().Header.Get("HX-Target") + "|" + c.Request().URL.RequestURI()
}

// public wraps a handler whose answer to the public is the same for every visitor of a
// language: the first such answer is kept, compressed once, and sent again until the data
// changes.
//
// A page that depends on the clock as well (upcoming or past meetings, registration open until
// the end) is kept for at most ttl; 0 keeps it until the data changes.
func (s *Server) public(h echo.HandlerFunc, ttl time.Duration) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !cacheable(c) {
			return h(c)
		}
		key := cacheKey(c)
		s.cache.mu.RLock()
		page := s.cache.entries[key]
		s.cache.mu.RUnlock()
		if page != nil && !page.expires.IsZero() && time.Now().After(page.expires) {
			page = nil
		}
		if page == nil {
			v, err, _ := s.cache.flight.Do(key, func() (any, error) {
				// Render the plain page: it is compressed once, not per request.
				gen := s.cache.generation()
				accept := c.Request().Header.Get("Accept-Encoding")
				c.Request().Header.Del("Accept-Encoding")
				status, body, err := captureResponse(c, h)
				c.Request().Header.Set("Accept-Encoding", accept)
				if err != nil {
					return nil, err
				}
				if status != http.StatusOK {
					return rendered{status: status, body: bytes.Clone(body)}, nil
				}
				page := s.cache.store(key, body, gen, ttl, c.Response().Header().Get(echo.HeaderContentType))
				return rendered{page: page}, nil
			})
			if err != nil {
				return err
			}
			r := v.(rendered)
			if r.page == nil {
				return c.HTMLBlob(r.status, r.body)
			}
			page = r.page
		}
		hdr := c.Response().Header()
		hdr.Set("Vary", "HX-Request, HX-Target, Cookie, Accept-Language, Accept-Encoding")
		ctype := page.contentType
		if ctype == "" {
			ctype = echo.MIMETextHTMLCharsetUTF8
		}
		if strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
			hdr.Set("Content-Encoding", "gzip")
			return c.Blob(http.StatusOK, ctype, page.gz)
		}
		return c.Blob(http.StatusOK, ctype, page.plain)
	}
}

// store keeps a rendered page with its compressed form, unless the data changed since gen,
// when rendering began.
func (pc *pageCache) store(key string, body []byte, gen uint64, ttl time.Duration, contentType string) *cachedPage {
	page := &cachedPage{plain: bytes.Clone(body), contentType: contentType}
	if ttl > 0 {
		page.expires = time.Now().Add(ttl)
	}
	page.gz = gzipBest(page.plain)
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.gen != gen {
		return page
	}
	if len(pc.entries) >= pageCacheLimit {
		pc.entries = map[string]*cachedPage{}
	}
	pc.entries[key] = page
	return page
}

// captureResponse runs h with its body held back, and returns the status and body.
func captureResponse(c echo.Context, h echo.HandlerFunc) (int, []byte, error) {
	res := c.Response()
	orig := res.Writer
	rec := &capture{ResponseWriter: orig, status: http.StatusOK}
	res.Writer = rec
	err := h(c)
	res.Writer, res.Committed, res.Size = orig, false, 0
	return rec.status, rec.buf.Bytes(), err
}

// capture holds a handler's body back so that the cache can keep it.
type capture struct {
	http.ResponseWriter
	buf    bytes.Buffer
	status int
}

func (c *capture) WriteHeader(status int)      { c.status = status }
func (c *capture) Write(b []byte) (int, error) { return c.buf.Write(b) }
