package committee

// The value lists of the collections' select fields. The migrations (pb_migrations) build the
// schema from them, and the pages offer them as choices: both read this one copy, so web/ never
// needs the schema package. (committee must not import pb_migrations: it imports this package.)
//
// Changing a list changes what a fresh database gets from the old migrations, but not a database
// that ran them: add a migration step that updates the field's values too.

// Languages lists the languages a person may speak or an organisation may serve
// (ISO 639 codes). The UI names them in the reader's language.
var Languages = []string{
	"de", "en", "ar", "fa", "prs", "ps", "ku", "ckb", "tr", "ru", "uk", "pl", "cs", "ro", "bg", "hu",
	"sq", "sr", "hr", "bs", "ka", "hy", "az", "ti", "so", "am", "fr", "es", "pt", "it", "vi", "zh",
	"hi", "ur", "ta", "hsb",
}

// Visibilities says who may see a contact field.
var Visibilities = []string{"nobody", "members", "public"}

// OrganisationKinds, Areas and statuses are the select values of organisations.
var (
	OrganisationKinds = []string{"mso", "migrant_initiative", "welcome_initiative", "association",
		"welfare", "authority", "education", "religious", "other"}
	Areas = []string{"integration", "language", "education", "work", "health", "housing", "culture",
		"youth", "women", "family", "counselling", "antidiscrimination", "participation", "sports", "religion"}
	OrganisationStatuses = []string{"applied", "member", "partner", "inactive", "declined"}
	MembershipRoles      = []string{"representative", "deputy", "member"}
	MembershipStatuses   = []string{"pending", "active", "declined", "ended"}
	ContactKinds         = []string{"email", "phone", "website", "address"}
)

// The select values of meetings and what belongs to them.
var (
	MeetingKinds        = []string{"committee", "working_group", "public_event"}
	MeetingStatuses     = []string{"draft", "date_finding", "scheduled", "held", "minutes_approved", "cancelled"}
	MeetingVisibilities = []string{"public", "members"}
	// MinutesAudiences: who may read the minutes once published ("" while unpublished).
	MinutesAudiences     = []string{"members", "public"}
	DateAnswers          = []string{"yes", "maybe", "no"}
	AgendaStatuses       = []string{"accepted", "suggested", "declined"}
	RegistrationAnswers  = []string{"yes", "maybe", "no"}
	RegistrationStatuses = []string{"confirmed", "unconfirmed", "waiting"}
	// AttendanceGroups are the groups a funder report counts: migrant self-organisations, other
	// partners, public authorities, and people who came for no organisation.
	AttendanceGroups = []string{"mso", "partner", "authority", "individual"}
	ActionStatuses   = []string{"open", "in_progress", "done", "blocked", "dropped"}
)

// The select values of topics and prioritisation rounds.
var (
	TopicKinds      = []string{"topic", "idea"}
	TopicStatuses   = []string{"proposed", "in_round", "on_agenda", "in_progress", "done", "declined"}
	TopicVisibility = []string{"members", "public"}
	RoundVoters     = []string{"organisations", "persons"}
)

// PageSlugs are the committee's editable pages (pages.slug), in the order the site lists them.
var PageSlugs = []string{"about", "goals", "join", "contact", "impressum", "datenschutz"}

// The select values of needs and offers (committee/needs.go).
var (
	NeedKinds      = []string{"need", "offer"}
	NeedCategories = []string{"rooms", "interpreting", "funding", "legal", "volunteers", "transport", "materials",
		"expertise", "networking", "childcare", "other"}
	// NeedStatuses: open → in_contact → matched → done; or withdrawn; or expired.
	NeedStatuses     = []string{"open", "in_contact", "matched", "done", "withdrawn", "expired"}
	ResponseStatuses = []string{"offered", "accepted", "declined", "withdrawn"}
)
