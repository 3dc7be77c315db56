package web

import (
	"github.com/labstack/echo/v4"
	"github.com/pocketbase/dbx"

	"komitee/committee"
	"komitee/views/home"
	"komitee/views/pages"
)

// home is the start page.
func (s *Server) home(c echo.Context) error {
	m := home.Home{}
	if com := committee.LoadCommittee(s.app); com != nil {
		m.District = com.District()
	}
	if p, _, err := committee.Directory(s.app, authRecord(c), committee.DirectoryFilter{}); err == nil {
		m.Organisations = p.TotalItems
	}
	m.Statements = s.latestStatements(c.Get(langKey).(string))
	if u := currentUser(c); u != nil {
		lang := c.Get(langKey).(string)
		m.Unverified = !u.Verified()
		ms, orgs, err := committee.MembershipsOf(s.app, u.Id)
		if err != nil {
			return err
		}
		for _, ms := range ms {
			if o := orgs[ms.OrganisationID()]; o != nil {
				m.MyOrganisations = append(m.MyOrganisations, home.Link{Text: o.Name(), Href: "/organisations/" + o.Slug(),
					Note: t(lang, "role."+ms.Role()) + " · " + t(lang, "mstatus."+ms.Status())})
			}
		}
		mine, err := committee.MyOrganisations(s.app, u.Record)
		if err != nil {
			return err
		}
		for _, o := range mine {
			if o.Status() == "applied" || o.Status() == "declined" {
				m.MyOrganisations = append(m.MyOrganisations, home.Link{Text: o.Name(), Href: "/organisations/" + o.Slug(),
					Note: t(lang, "status."+o.Status())})
			}
		}
		m.Waiting = s.waiting(u, mine, lang)
	}
	return s.render(c, home.Page(m))
}

// waiting lists what waits for the person: join requests to decide in the organisations they
// manage (of mine), applications to review.
func (s *Server) waiting(u *committee.User, mine []*committee.Organisation, lang string) []home.Link {
	var out []home.Link
	if committee.MayCoordinate(u.Record) {
		if apps, err := committee.Applications(s.app, u.Record); err == nil && len(apps) > 0 {
			out = append(out, home.Link{Text: tf(lang, "home.applications", len(apps)), Href: "/coordination"})
		}
	}
	for _, o := range mine {
		if !committee.CanManage(s.app, u.Record, o) || !o.Listed() {
			continue
		}
		// Counted through the memberships rule (managers see their organisation's requests).
		p, err := committee.List(s.app, u.Record, "memberships", committee.Query{Filter: `organisation = {:o} && status = "pending"`,
			Params: dbx.Params{"o": o.Id}, PerPage: 1, Fields: []string{"status"}})
		if err == nil && p.TotalItems > 0 {
			out = append(out, home.Link{Text: o.Name(), Href: "/organisations/" + o.Slug() + "/people",
				Note: tf(lang, "home.requests", p.TotalItems)})
		}
	}
	return out
}

// page shows an editable page (Impressum, Datenschutz) in the reader's language.
func (s *Server) page(c echo.Context) error {
	rec, err := committee.FindPage(s.app, c.Param("slug"), c.Get(langKey).(string))
	if err != nil {
		return err
	}
	return s.render(c, pages.Static(pages.StaticPage{Title: rec.GetString("title"), Body: committee.Markdown(rec.GetString("body"))}))
}
