package demo

import (
	"strings"

	"github.com/pocketbase/dbx"
)

// The public face's pages (about, goals, how to join, contact), filled from the founding slides
// of 11 March 2019 ("Was verbindet uns?", "Warum ist das Komitee wichtig?", the goals of the
// founding meeting). About and goals exist in German, English and Arabic; how to join and the
// contact page in German only, so the fallback note shows in the other languages. A page is
// found by slug and language and written only while it is missing or still a demo text.

type sitePage struct {
	slug, lang, title, description, body string
}

var sitePages = []sitePage{
	{"about", "de", "Über das Komitee", "Das Koordinationskomitee verbindet Migrantenselbstorganisationen und Partner im Landkreis (Demo).",
		`Das **ständige Koordinationskomitee** zwischen Migrantenselbstorganisationen (MSOs) und Partnerorganisationen wurde am 11. März 2019 im Landratsamt gegründet.

Was uns verbindet:

- gemeinsame Interessen, Ziele und Bedürfnisse
- (tägliche) Herausforderungen
- der Wunsch nach einem „Platz in der Gesellschaft“

Integration ist keine Einladung und kein Angebot: Wir wollen keine Integrationspolitik, sondern Gesellschaftspolitik für alle. MSOs sind mehr als nur Integrationsprojekte. (Demo)`},
	{"about", "en", "About the committee", "The coordination committee connects migrant self-organisations and their partners in the district (demo).",
		`The **standing coordination committee** of migrant self-organisations (MSOs) and partner organisations was founded on 11 March 2019 at the district office.

What connects us:

- shared interests, goals and needs
- (everyday) challenges
- the wish for a "place in society"

Integration is not an invitation or an offer: we want social policy for everyone, not integration policy. MSOs are more than integration projects. (Demo)`},
	{"about", "ar", "عن اللجنة", "تربط لجنة التنسيق بين منظمات المهاجرين الذاتية وشركائها في المقاطعة (عرض تجريبي).",
		`تأسست **لجنة التنسيق الدائمة** بين منظمات المهاجرين الذاتية والمنظمات الشريكة في 11 مارس 2019 في مقر إدارة المقاطعة.

ما يجمعنا:

- مصالح وأهداف واحتياجات مشتركة
- تحديات (يومية)
- الرغبة في «مكان في المجتمع»

الاندماج ليس دعوة ولا عرضًا: نريد سياسة اجتماعية للجميع. (Demo)`},
	{"goals", "de", "Unsere Ziele", "Wofür es das Koordinationskomitee gibt: Vernetzung, Bedarfe, Anerkennung und eine gemeinsame Stimme (Demo).",
		`- Vernetzung unter den MSOs sowie mit Organisationen und Unterstützungsstrukturen aus der sogenannten Mehrheitsgesellschaft
- Schaffung einer Plattform, auf der sich Migrantinnen und Migranten über ihre Bedarfe austauschen
- Stärkung der Mitglieder von MSOs
- Anerkennung im Landkreis und in der Mehrheitsgesellschaft
- Eine gemeinsame politische Stimme

Die Rolle der Organisationen ohne Migrationshintergrund: nicht nur Solidarität und Unterstützung – es liegt in ihrem eigenen Interesse, in einer demokratischen Gesellschaft mit Migrantinnen und Migranten zusammenzuarbeiten. (Demo)`},
	{"goals", "en", "Our goals", "What the coordination committee is for: networking, needs, recognition and a common voice (demo).",
		`- Networking among the MSOs and with organisations and support structures of the so-called majority society
- A platform where migrants exchange about their needs
- Strengthening the members of MSOs
- Recognition in the district and in the majority society
- A common political voice (Demo)`},
	{"goals", "ar", "أهدافنا", "لماذا توجد لجنة التنسيق: التشبيك والاحتياجات والاعتراف وصوت مشترك (عرض تجريبي).",
		`- التشبيك بين منظمات المهاجرين ومع منظمات المجتمع الأغلبية
- منصة يتبادل فيها المهاجرون احتياجاتهم
- تقوية أعضاء منظمات المهاجرين
- الاعتراف في المقاطعة وفي المجتمع
- صوت سياسي مشترك (Demo)`},
	{"join", "de", "Mitmachen", "So macht Ihre Organisation im Koordinationskomitee mit (Demo).",
		`Migrantenselbstorganisationen, Initiativen und Partner aus dem Landkreis sind willkommen.

1. Legen Sie ein Konto an und bestätigen Sie Ihre E-Mail-Adresse.
2. Melden Sie Ihre Organisation an – die Koordination entscheidet über die Aufnahme.
3. Ist Ihre Organisation schon dabei, bitten Sie dort um Aufnahme.

Fragen? Schreiben Sie uns über das [Kontaktformular](/contact). (Demo)`},
	{"contact", "de", "Kontakt", "Schreiben Sie der Koordination des Komitees (Demo).",
		`Sie erreichen die Koordination über dieses Formular. Wir antworten in der Regel innerhalb einer Woche. (Demo)`},
}

// sitePages writes the public face's pages of the demo committee.
func (l *loader) sitePages() error {
	if !l.demo {
		return nil
	}
	for _, p := range sitePages {
		rec, err := l.findOrNew("pages", "slug = {:s} && language = {:l}", dbx.Params{"s": p.slug, "l": p.lang})
		if err != nil {
			return err
		}
		if !rec.IsNew() && rec.GetString("body") == p.body && rec.GetString("title") == p.title && rec.GetString("description") == p.description {
			continue
		}
		if !rec.IsNew() && !isDemoText(rec.GetString("body")) {
			continue // a real text stays
		}
		rec.Set("slug", p.slug)
		rec.Set("language", p.lang)
		rec.Set("title", p.title)
		rec.Set("description", p.description)
		rec.Set("body", p.body)
		if err := l.save(rec); err != nil {
			return err
		}
	}
	return nil
}

func isDemoText(body string) bool { return body == "" || strings.Contains(body, "(Demo)") }
