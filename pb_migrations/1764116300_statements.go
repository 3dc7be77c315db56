package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"

	"komitee/committee"
)

// Joint statements: the statement (status, signing round, deadline, attachments), its saved
// versions per language (the current text of a language is its newest version) and the
// organisations' signatures. Comments on statements are the topics' comments with a statement
// instead of a topic (exactly one of the two is set; committee/statements.go checks it).
//
// Writing is the pages' workflows (committee/statements.go), except signing and withdrawing a
// signature, which the representatives and deputies may also do through /api/: the unique
// index keeps one signature per organisation and round (a withdrawn one stays as history and is
// not counted), whoever writes at the same moment. statements.signed is kept by the hooks.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		orgs, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		topics, err := app.FindCollectionByNameOrId("topics")
		if err != nil {
			return err
		}
		meetings, err := app.FindCollectionByNameOrId("meetings")
		if err != nil {
			return err
		}
		stamps := func() []core.Field {
			return []core.Field{&core.AutodateField{Name: "created", OnCreate: true},
				&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true}}
		}
		number := func(name, help string) *core.NumberField {
			return &core.NumberField{Name: name, OnlyInt: true, Min: types.Pointer(0.0), Help: help}
		}

		st := core.NewBaseCollection("statements")
		st.Fields.Add(
			&core.TextField{Name: "slug", Required: true, Max: 80, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`},
			&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true, Help: "the original's current title (kept by the workflow)"},
			&core.TextField{Name: "summary", Max: 1000, Help: "the original's current summary"},
			&core.SelectField{Name: "language", Required: true, MaxSelect: 1, Values: committee.Languages, Help: "the original's language"},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: committee.StatementStatuses},
			&core.RelationField{Name: "author", CollectionId: users.Id, MaxSelect: 1},
			&core.RelationField{Name: "coauthors", CollectionId: users.Id, MaxSelect: 50},
			&core.RelationField{Name: "topics", CollectionId: topics.Id, MaxSelect: 20},
			&core.RelationField{Name: "meetings", CollectionId: meetings.Id, MaxSelect: 20},
			// Protected: /api/files applies the view rule (a draft's files are the members'); the
			// pages serve them at /statements/{slug}/files/{name} under the same rule.
			&core.FileField{Name: "attachments", MaxSelect: 10, MaxSize: 10 << 20, MimeTypes: committee.AttachmentTypes, Protected: true},
			&core.DateField{Name: "deadline"},
			number("round", "signing round; a change of the text during signing starts the next"),
			number("reminded_round", "the round whose reminder went out"),
			number("signed", "signatures of the current round, not withdrawn (kept by the committee hooks)"),
			&core.DateField{Name: "published"},
			&core.BoolField{Name: "withdrawn"},
			&core.TextField{Name: "withdrawn_reason", Max: 2000},
		)
		st.Fields.Add(stamps()...)
		st.AddIndex("idx_statements_slug", true, "slug", "")
		st.AddIndex("idx_statements_status", false, "status, published", "")
		st.ListRule = types.Pointer(`status = "published" || ` + ruleMember)
		st.ViewRule = st.ListRule
		st.CreateRule, st.UpdateRule, st.DeleteRule = nil, nil, nil
		if err := app.Save(st); err != nil {
			return err
		}

		versions := core.NewBaseCollection("statement_versions")
		versions.Fields.Add(
			&core.RelationField{Name: "statement", Required: true, CollectionId: st.Id, MaxSelect: 1, CascadeDelete: true},
			&core.SelectField{Name: "language", Required: true, MaxSelect: 1, Values: committee.Languages},
			&core.BoolField{Name: "original"},
			&core.BoolField{Name: "reviewed", Help: "a reviewed translation"},
			&core.TextField{Name: "title", Required: true, Max: 200},
			&core.TextField{Name: "summary", Max: 1000},
			&core.TextField{Name: "body", Max: 50000, Help: "Markdown"},
			number("number", "1, 2, … per statement"),
			&core.RelationField{Name: "author", CollectionId: users.Id, MaxSelect: 1},
		)
		versions.Fields.Add(stamps()...)
		versions.AddIndex("idx_statement_versions_number", true, "statement, number", "")
		versions.AddIndex("idx_statement_versions_language", false, "statement, language, number", "")
		versions.ListRule = types.Pointer(`statement.status = "published" || ` + ruleMember)
		versions.ViewRule = versions.ListRule
		if err := app.Save(versions); err != nil {
			return err
		}

		sigs := core.NewBaseCollection("signatures")
		sigs.Fields.Add(
			&core.RelationField{Name: "statement", Required: true, CollectionId: st.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "organisation", Required: true, CollectionId: orgs.Id, MaxSelect: 1, CascadeDelete: true},
			// Who answered; not required: the signature stays the organisation's when the account goes.
			&core.RelationField{Name: "signer", CollectionId: users.Id, MaxSelect: 1},
			number("round", "the statement's signing round"),
			&core.SelectField{Name: "decision", Required: true, MaxSelect: 1, Values: committee.SignatureDecisions},
			&core.TextField{Name: "comment", Max: 1000, Help: "public"},
			&core.BoolField{Name: "withdrawn"},
			&core.DateField{Name: "withdrawn_at"},
		)
		sigs.Fields.Add(stamps()...)
		sigs.AddIndex("idx_signatures_once", true, "statement, organisation, round", "withdrawn = FALSE")
		sigs.AddIndex("idx_signatures_statement", false, "statement, round", "")
		// The public sees who signed a published statement in its last round; members see every
		// answer (the history: earlier rounds and withdrawals).
		sigs.ListRule = types.Pointer(`(statement.status = "published" && round = statement.round && decision = "sign" && withdrawn = false) || ` + ruleMember)
		sigs.ViewRule = sigs.ListRule
		// Signing until the deadline; the committee's hooks (committee/statements.go) also refuse
		// an /api/ answer by the workflows' clock (committee.Now), so pages and /api/ agree.
		acts := ruleAuthed + ` && organisation.managers ~ @request.auth.id && ` +
			`(organisation.status = "member" || organisation.status = "partner") && statement.status = "signing"`
		sigs.CreateRule = types.Pointer(acts + ` && statement.deadline > @now && signer = @request.auth.id && round = statement.round && ` +
			`withdrawn = false && @request.body.withdrawn_at:isset = false`)
		// An update only withdraws (the row stays in the history), until the statement is published
		// (also after the deadline); the hook dates it.
		sigs.UpdateRule = types.Pointer(acts + ` && withdrawn = false && round = statement.round && @request.body.withdrawn = true && ` +
			`@request.body.statement:isset = false && @request.body.organisation:isset = false && @request.body.round:isset = false && ` +
			`@request.body.signer:isset = false && @request.body.decision:isset = false && @request.body.comment:isset = false && ` +
			`@request.body.withdrawn_at:isset = false`)
		sigs.DeleteRule = nil
		if err := app.Save(sigs); err != nil {
			return err
		}

		comments, err := app.FindCollectionByNameOrId("comments")
		if err != nil {
			return err
		}
		comments.Fields.GetByName("topic").(*core.RelationField).Required = false
		comments.Fields.Add(&core.RelationField{Name: "statement", CollectionId: st.Id, MaxSelect: 1, CascadeDelete: true})
		comments.AddIndex("idx_comments_statement", false, "statement, created", "")
		comments.ListRule = types.Pointer(commentsOnBoth)
		comments.ViewRule = comments.ListRule
		return app.Save(comments)
	}, func(app core.App) error {
		comments, err := app.FindCollectionByNameOrId("comments")
		if err != nil {
			return err
		}
		if _, err := app.DB().NewQuery("DELETE FROM comments WHERE topic = ''").Execute(); err != nil {
			return err
		}
		comments.RemoveIndex("idx_comments_statement")
		comments.Fields.RemoveByName("statement")
		comments.Fields.GetByName("topic").(*core.RelationField).Required = true
		comments.ListRule = types.Pointer(`topic.visibility = "public" || ` + ruleMember)
		comments.ViewRule = comments.ListRule
		if err := app.Save(comments); err != nil {
			return err
		}
		return deleteCollections(app, "signatures", "statement_versions", "statements")
	})
}

// commentsOnBoth: a topic's comments as the topic; a statement's are the members' discussion,
// also once the statement is published.
const commentsOnBoth = `(topic != "" && (topic.visibility = "public" || ` + ruleMember + `)) || ` +
	`(statement != "" && ` + ruleMember + `)`
